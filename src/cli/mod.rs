//! The command line: `build`, `import`, `check`, `new`, `init` and `serve`.

mod check;
mod progress;
mod serve;

use crate::build::{self, BuildOptions};
use crate::ingest::{self, ImportOptions, ImportReport};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Turn scraped news articles into a themed static digest site.
///
/// A site is a folder with site.toml, seeds/ (raw scraped articles, .txt),
/// content/ (Markdown pages, made by import and yours to edit), templates/
/// and static/. `build` imports new seeds, then writes the site to public/.
/// Open public/index.html straight from disk, or deploy public/ anywhere.
#[derive(Debug, Parser)]
#[command(name = "bilateral-digest", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import new or changed seeds, then build the site into public/.
    ///
    /// The previous public/ stays as it is until the new site is complete.
    Build {
        /// The site's folder (holding site.toml).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Where to write the site (relative to --root).
        #[arg(long, value_name = "DIR", default_value = build::DEFAULT_OUTPUT)]
        output: PathBuf,
        /// The URL the site is served from, e.g. https://user.github.io/repo/
        /// (overrides base_url in site.toml; needed for feeds and sitemap).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Build from content/ only, without importing seeds.
        #[arg(long)]
        no_import: bool,
        /// Fail when any seed cannot be imported.
        #[arg(long)]
        strict: bool,
        /// Print how long each phase of the build took (to stderr).
        #[arg(long)]
        timings: bool,
    },
    /// Import new or changed seeds from seeds/ into content/articles/.
    ///
    /// Pages you edited or deleted are left as they are.
    Import {
        /// The site's folder (holding site.toml).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Re-import this seed (file name in seeds/) even over your edits;
        /// the edited page is kept as <page>.md.bak. May be repeated.
        #[arg(long, value_name = "SEED")]
        force: Vec<String>,
        /// Show, per seed, each dropped line with the reason and what was
        /// extracted and classified. Give a seed's file name for just that one.
        #[arg(long, value_name = "SEED", num_args = 0..=1, default_missing_value = "")]
        explain: Option<String>,
        /// Fail when any seed cannot be imported.
        #[arg(long)]
        strict: bool,
        /// Rebuild a lost or damaged content/.import.toml from the pages'
        /// `seed` fields, then stop. Pages are kept as they are until you
        /// --force their seed; seeds no page names are not imported until
        /// forced (their pages may have been deleted by hand).
        #[arg(long, conflicts_with_all = ["force", "explain"])]
        rebuild_record: bool,
    },
    /// Check the site without building it: front matter, place ids,
    /// translations, internal links and anchors, duplicate slugs, templates.
    ///
    /// Exits non-zero on any problem, naming file, line and fix for each.
    Check {
        /// The site's folder (holding site.toml).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Also fetch every external link (concurrently, with timeouts).
        #[arg(long)]
        external: bool,
    },
    /// Write a new article, content/articles/<slug>.md, and print its path.
    New {
        /// The article's title; the file name is made from it.
        title: String,
        /// A theme slug from site.toml (may be repeated; the first is primary).
        #[arg(long = "theme", value_name = "SLUG")]
        themes: Vec<String>,
        /// The site's folder (holding site.toml).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
    /// Make a new site in DIR (which must be new or empty) that builds at once.
    Init {
        /// The folder to make the site in.
        dir: PathBuf,
    },
    /// Preview the site at http://127.0.0.1:PORT/, rebuilding and reloading
    /// open pages on every change. public/ is never touched.
    Serve(serve::ServeArgs),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print_import(report: &ImportReport) {
    for line in &report.kept {
        eprintln!("kept: {line}");
    }
    for line in &report.problems {
        eprintln!("warning: {line}");
    }
    if !report.explanation.is_empty() {
        print!("{}", report.explanation);
    }
}

pub fn run(cli: Cli) -> crate::Result<ExitCode> {
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            no_import,
            strict,
            timings,
        } => {
            let opts = BuildOptions {
                root,
                output: Some(output),
                base_url,
                import: !no_import,
                strict,
                timings,
            };
            let progress = progress::Terminal::on_stderr();
            let report = build::build_with(&opts, &progress);
            // The progress line is erased before anything else is printed.
            drop(progress);
            let report = report?;
            if let Some(import) = &report.import {
                print_import(import);
                if import.written > 0 {
                    eprintln!("imported {} seed(s)", import.written);
                }
            }
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            eprintln!("{}", report.summary(&opts.output_dir()));
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            root,
            force,
            explain,
            strict,
            rebuild_record,
        } => {
            let config = build::load_config(&root, None)?;
            if rebuild_record {
                let r = ingest::rebuild_record(&root, &config)?;
                if let Some(old) = &r.old_record {
                    eprintln!("kept the old record as {}", old.display());
                }
                for seed in &r.without_page {
                    eprintln!(
                        "not imported until forced: {}/{seed} (no page names it; \
                         `import --force {seed}` imports it)",
                        ingest::SEEDS_DIR
                    );
                }
                for page in &r.seed_missing {
                    eprintln!("note: {page} names a seed that is not in seeds/");
                }
                eprintln!(
                    "rebuilt content/.import.toml: {} page(s), {} seed(s) without a page",
                    r.pages,
                    r.without_page.len()
                );
                return Ok(ExitCode::SUCCESS);
            }
            let opts = ImportOptions {
                force,
                explain: explain.map(|s| if s.is_empty() { None } else { Some(s) }),
            };
            let progress = progress::Terminal::on_stderr();
            let report = ingest::import_with_progress(&root, &config, &opts, &progress);
            drop(progress);
            let report = report?;
            print_import(&report);
            eprintln!(
                "import: {} page(s) written, {} unchanged, {} kept as edited, {} seed(s) with problems",
                report.written,
                report.unchanged,
                report.kept.len(),
                report.problems.len()
            );
            if strict && !report.problems.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { root, external } => check::check(&root, external),
        Command::New {
            title,
            themes,
            root,
        } => check::new(&root, &title, &themes),
        Command::Init { dir } => check::init(&dir),
        Command::Serve(args) => serve::run(args),
    }
}
