//! `build`: the driver. Import new seeds, read the inputs, let the plan
//! (`plan`) decide what to render, render it (`full` or `update`), and
//! commit: the files reach the output, then the stamp and the cache.

mod cache;
mod check;
mod full;
mod init;
mod plan;
mod update;

use crate::classify::pairs::PairFinder;
use crate::config::SiteConfig;
use crate::content::Article;
use crate::error::{Error, Result};
use crate::ingest::{self, ImportOptions, ImportReport};
use crate::output::{self, OutputFile, WriteReport};
use crate::render::search;
use crate::types::{NoProgress, Progress};
use cache::FileRecord;
pub use check::{CheckOptions, CheckReport, check};
pub use init::init;
use plan::{Inputs, Plan};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub const DEFAULT_OUTPUT: &str = "public";
pub const STATIC_DIR: &str = "static";

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder: holds site.toml, content/, seeds/, templates/, static/.
    pub root: PathBuf,
    /// Output folder; relative paths are taken from `root`. Default `public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of site.toml.
    pub base_url: Option<String>,
    /// Import seeds before building.
    pub import: bool,
    /// Fail when any seed could not be imported.
    pub strict: bool,
    /// Print the time of each phase to stderr.
    pub timings: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            import: true,
            strict: false,
            timings: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        match &self.output {
            Some(p) if p.is_absolute() => p.clone(),
            Some(p) => self.root.join(p),
            None => self.root.join(DEFAULT_OUTPUT),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub import: Option<ImportReport>,
    pub articles: usize,
    pub write: WriteReport,
    pub warnings: Vec<String>,
    pub seconds: f64,
    /// True when no input had changed since the last build, so nothing was done.
    pub skipped: bool,
    /// True when only the pages showing changed article bodies were
    /// rendered, from the build cache (see `cache.rs`).
    pub incremental: bool,
}

impl BuildReport {
    /// The one-line summary printed after every build.
    pub fn summary(&self, output: &Path) -> String {
        if self.skipped {
            return format!(
                "{} is up to date: no input changed since the last build ({} files unchanged, {:.2}s)",
                output.display(),
                self.write.unchanged,
                self.seconds
            );
        }
        format!(
            "{} {} articles into {}{}: {} files written, {} unchanged, {} removed in {:.2}s",
            if self.incremental { "updated" } else { "built" },
            self.articles,
            output.display(),
            if self.incremental {
                " (only pages showing changed article bodies were rendered)"
            } else {
                ""
            },
            self.write.written,
            self.write.unchanged,
            self.write.removed,
            self.seconds
        ) + &self
            .write
            .kept_line()
            .map(|k| format!("; {k}"))
            .unwrap_or_default()
    }
}

/// Load site.toml, applying a `--base-url` override.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<SiteConfig> {
    let mut config = SiteConfig::load(root)?;
    if let Some(url) = base_url {
        config.override_base_url(url)?;
    }
    Ok(config)
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_with(opts, &NoProgress)
}

/// [`build`], reporting each phase's progress to `progress`.
pub fn build_with(opts: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    let start = Instant::now();
    let mut clock = Clock::new(opts.timings);
    let root = &opts.root;
    let config = load_config(root, opts.base_url.as_deref())?;
    let mut report = BuildReport::default();
    let out = opts.output_dir();
    output::check_location(root, &out)?;
    // One run at a time on a site: import, within the build, takes the same
    // lock again without waiting on itself.
    let _lock = output::lock::acquire(root)?;
    // What a killed run left is put right before anything is judged.
    output::recover(&out)?;

    // A rebuild whose inputs are all as they were writes nothing and renders
    // nothing. `--strict` always runs import, so that its problems are reported.
    let mut inputs = Inputs::read(opts, &config)?;
    if !opts.strict && inputs.built(&out) {
        report.write = WriteReport {
            unchanged: output::manifest_len(&out),
            untouched: true,
            ..WriteReport::default()
        };
        report.skipped = true;
        report.seconds = start.elapsed().as_secs_f64();
        return Ok(report);
    }
    clock.lap("fingerprint");

    if opts.import {
        let imported =
            ingest::import_with_progress(root, &config, &ImportOptions::default(), progress)?;
        if opts.strict && !imported.problems.is_empty() {
            return Err(Error::Refused(format!(
                "{}\n{} seed(s) could not be imported (--strict)",
                imported.problems.join("\n"),
                imported.problems.len()
            )));
        }
        if imported.written > 0 {
            inputs.reread_articles(opts)?;
        }
        report.import = Some(imported);
        clock.lap("import");
    }

    let cache_dir = output::cache_path(&out);
    if config.base_url().is_none() {
        report.warnings.push(
            "no base_url in site.toml or --base-url: feeds and sitemap were skipped".to_string(),
        );
    }
    let (apply, records, cache_saved) = match plan::decide(opts, &config, &inputs, &mut clock)? {
        Plan::Update(mut update) => {
            report.incremental = true;
            let records = std::mem::take(&mut update.records);
            let r = update::render(root, &out, &config, &cache_dir, *update, &mut clock)?;
            report.articles = r.articles;
            (Apply::InPlace(r.files), records, r.search_saved)
        }
        Plan::Full => {
            let import = report.import.as_ref();
            let r = full::render(opts, config, &inputs, import, progress, &mut clock)?;
            report.articles = r.articles;
            (Apply::Swap(r.staging), r.records, r.cache_saved)
        }
    };
    report.write = commit(&out, &cache_dir, &inputs, apply, &records, cache_saved)?;
    clock.lap("write");
    clock.report();
    report.seconds = start.elapsed().as_secs_f64();
    Ok(report)
}

/// How the rendered files reach the output.
enum Apply {
    /// A full build: the staging folder is swapped in whole.
    Swap(output::Staging),
    /// An update: each file replaced in place.
    InPlace(Vec<OutputFile>),
}

/// The one end of every build that rendered something: the files reach the
/// output, then the stamp and the cache's record of files are written, in
/// an order that a kill at any point cannot turn into a stale "up to date"
/// or a cache that describes another output.
fn commit(
    out: &Path,
    cache_dir: &Path,
    inputs: &Inputs,
    apply: Apply,
    records: &[FileRecord],
    cache_saved: bool,
) -> Result<WriteReport> {
    // The old stamp goes before the output changes, so that an interrupted
    // build can never pass for an up-to-date one.
    output::remove_stamp(out);
    let in_place = matches!(apply, Apply::InPlace(_));
    let write = match apply {
        Apply::Swap(staging) => staging.finish(),
        Apply::InPlace(files) => output::update_in_place(out, files),
    }
    // The cache's new parts must never be paired with the old output.
    .inspect_err(|_| cache::invalidate(cache_dir))?;
    // An update's search parts are adopted only now that its output is in
    // place (the next update patches the output's search shards by them).
    let cache_saved = cache_saved && (!in_place || cache::adopt_pending_search(cache_dir).is_ok());
    output::write_stamp(out, &inputs.fingerprint)?;
    let manifest = output::manifest_digest(out).unwrap_or_default();
    if !cache_saved || cache::write_meta(cache_dir, &inputs.render_key, &manifest, records).is_err()
    {
        // Without a cache the next build is a full one: slower, never wrong.
        cache::invalidate(cache_dir);
    }
    Ok(write)
}

/// What a build derives from an article's body text as it is loaded.
pub(crate) struct Derived {
    /// The locality pairs the text names (see `classify::pairs`).
    pub(crate) pairs: Vec<(String, String)>,
    /// The body's distinct words as the search index folds them.
    pub(crate) words: String,
}

pub(crate) fn derive(finder: &PairFinder<'_>, a: &Article, text: &str) -> Derived {
    Derived {
        pairs: finder.pairs_of(&a.front.title, text, a.language.as_str(), &a.front.places),
        words: search::distinct_words(text),
    }
}

/// Phase times for `--timings`, printed to stderr at the end.
pub(crate) struct Clock {
    on: bool,
    last: Instant,
    laps: Vec<(&'static str, f64, Option<u64>)>,
}

/// Peak resident memory so far, where the system tells it (Linux).
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024)
}

impl Clock {
    fn new(on: bool) -> Clock {
        Clock {
            on,
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    pub(crate) fn lap(&mut self, name: &'static str) {
        if self.on {
            let now = Instant::now();
            self.laps
                .push((name, (now - self.last).as_secs_f64(), peak_memory_mb()));
            self.last = now;
        }
    }

    pub(crate) fn report(&self) {
        for (name, secs, peak) in &self.laps {
            let peak = peak
                .map(|mb| format!("{mb:>6} MB peak"))
                .unwrap_or_default();
            eprintln!("{:>8.1} ms {peak}  {name}", secs * 1000.0);
        }
    }
}
