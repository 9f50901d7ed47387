//! `build`: import new seeds, load content, build the site model, render,
//! and swap the finished site into the output folder.

use crate::classify::gazetteer::Gazetteer;
use crate::classify::pairs::locality_pairs;
use crate::config::SiteConfig;
use crate::content;
use crate::error::{Error, Result};
use crate::ingest::{self, ImportOptions, ImportReport};
use crate::output::{self, OutputFile, WriteReport};
use crate::render::Renderer;
use crate::site::Site;
use crate::{feeds, search};
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
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            import: true,
            strict: false,
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
            "built {} articles into {}: {} files written, {} unchanged, {} removed in {:.2}s",
            self.articles,
            output.display(),
            self.write.written,
            self.write.unchanged,
            self.write.removed,
            self.seconds
        )
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
    let start = Instant::now();
    let root = &opts.root;
    let config = load_config(root, opts.base_url.as_deref())?;
    let mut report = BuildReport::default();
    let out = opts.output_dir();

    // A rebuild whose inputs are all as they were writes nothing and renders
    // nothing. `--strict` always runs import, so that its problems are reported.
    let mut fingerprint = input_fingerprint(opts, &config);
    if !opts.strict && output::stamp_matches(&out, &fingerprint) {
        report.write = WriteReport {
            unchanged: output::manifest_len(&out),
            untouched: true,
            ..WriteReport::default()
        };
        report.skipped = true;
        report.seconds = start.elapsed().as_secs_f64();
        return Ok(report);
    }

    if opts.import {
        let imported = ingest::import(root, &config, &ImportOptions::default())?;
        if opts.strict && !imported.problems.is_empty() {
            return Err(Error::Refused(format!(
                "{}\n{} seed(s) could not be imported (--strict)",
                imported.problems.join("\n"),
                imported.problems.len()
            )));
        }
        if imported.written > 0 {
            fingerprint = input_fingerprint(opts, &config);
        }
        report.import = Some(imported);
    }

    let content = content::load(root, &config)?;
    if content.articles.is_empty()
        && let Some(import) = &report.import
        && !import.problems.is_empty()
    {
        return Err(Error::Refused(format!(
            "{}\nno article could be imported and content/articles/ is empty: nothing to build",
            import.problems.join("\n")
        )));
    }
    let gazetteer = Gazetteer::load(root, &config)?;
    let mut site = Site::new(config, content);
    attach_places(&mut site, &gazetteer);
    report.articles = site.articles.len();
    // Pages go to a staging folder as they are rendered; `out` is only
    // touched once every one of them is there.
    let staging = output::Staging::begin(&out)?;
    // The search index is the only reader of the articles' plain text: build
    // it first and free the text, a third of the site model, before rendering.
    search::files(&site)
        .into_iter()
        .try_for_each(|f| staging.put(f))?;
    for a in &mut site.articles {
        a.text = String::new();
    }
    stream(
        root,
        &site,
        &mut report.warnings,
        &|f| staging.put(f),
        false,
    )?;
    // The old stamp goes before the output changes, so that an interrupted
    // build can never pass for an up-to-date one.
    let _ = std::fs::remove_file(output::stamp_path(&out));
    report.write = staging.finish()?;
    output::write_stamp(&out, &fingerprint)?;
    report.seconds = start.elapsed().as_secs_f64();
    Ok(report)
}

/// A digest of everything a build reads: the size and modification time of
/// every input file, the options, and the tool's own binary (whose built-in
/// templates and data change with it). Cheap enough to compute on every
/// build: it reads metadata, not contents.
pub fn input_fingerprint(opts: &BuildOptions, config: &SiteConfig) -> String {
    use sha2::{Digest, Sha256};
    use std::time::UNIX_EPOCH;
    let mut h = Sha256::new();
    let mut add_meta = |label: &str, path: &Path| {
        h.update(label.as_bytes());
        h.update([0]);
        if let Ok(m) = std::fs::metadata(path) {
            h.update(m.len().to_le_bytes());
            let nanos = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            h.update(nanos.to_le_bytes());
        }
        h.update([0]);
    };
    add_meta(
        &format!(
            "bilateral-digest {} import={} base_url={:?}",
            env!("CARGO_PKG_VERSION"),
            opts.import,
            opts.base_url
        ),
        &std::env::current_exe().unwrap_or_default(),
    );
    let root = &opts.root;
    add_meta(
        crate::config::CONFIG_FILE,
        &root.join(crate::config::CONFIG_FILE),
    );
    add_meta("classifier", &root.join(&config.classifier));
    add_meta("gazetteer", &root.join(&config.gazetteer));
    for dir in [
        content::CONTENT_DIR,
        ingest::SEEDS_DIR,
        crate::render::TEMPLATE_DIR,
        STATIC_DIR,
    ] {
        for entry in walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
            add_meta(&rel.to_string_lossy(), entry.path());
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Give the site model the gazetteer's names, and list an article naming a
/// former province (merged in 2025) under its successor too, so a 2019 story
/// on Binh Dinh is found from the Gia Lai page.
pub fn attach_places(site: &mut Site, gazetteer: &Gazetteer) {
    site.places = gazetteer.to_place_infos();
    let mut extra: Vec<(String, usize)> = Vec::new();
    for (id, list) in &site.by_place {
        for successor in gazetteer.with_successor(id) {
            if &successor != id {
                extra.extend(list.iter().map(|&i| (successor.clone(), i)));
            }
        }
    }
    for (id, i) in extra {
        site.by_place.entry(id).or_default().push(i);
    }
    for list in site.by_place.values_mut() {
        // Indexes follow reading order, so sorting them restores it.
        list.sort_unstable();
        list.dedup();
    }
    site.locality_pairs = locality_pairs(&site.articles, &site.listed, gazetteer);
}

/// Every file of the site, in memory, sorted by path.
pub fn render_files(
    root: &Path,
    site: &Site,
    warnings: &mut Vec<String>,
) -> Result<Vec<OutputFile>> {
    output::collect_files(|sink| stream_files(root, site, warnings, sink))
}

/// Hand every file of the site to `sink` as soon as it is made, from many
/// threads at once.
pub fn stream_files(
    root: &Path,
    site: &Site,
    warnings: &mut Vec<String>,
    sink: &(dyn Fn(OutputFile) -> Result<()> + Sync),
) -> Result<()> {
    stream(root, site, warnings, sink, true)
}

fn stream(
    root: &Path,
    site: &Site,
    warnings: &mut Vec<String>,
    sink: &(dyn Fn(OutputFile) -> Result<()> + Sync),
    search_index: bool,
) -> Result<()> {
    let renderer = Renderer::new(root)?;
    let put_all = |files: Vec<OutputFile>| files.into_iter().try_for_each(sink);
    // Pages, the search index and the feeds are independent: build them side by side.
    let (pages, (index, feed_files)) = rayon::join(
        || renderer.render_each(site, sink),
        || {
            rayon::join(
                || {
                    if search_index {
                        put_all(search::files(site))
                    } else {
                        Ok(())
                    }
                },
                || {
                    site.config
                        .base_url()
                        .map(|_| put_all(feeds::files(site)))
                        .unwrap_or(Ok(()))
                },
            )
        },
    );
    pages?;
    index?;
    feed_files?;
    put_all(static_files(root)?)?;
    if site.config.base_url().is_none() {
        warnings.push(
            "no base_url in site.toml or --base-url: feeds and sitemap were skipped".to_string(),
        );
    }
    // GitHub Pages must serve files as they are, without Jekyll.
    sink(OutputFile::new(".nojekyll", Vec::new()))
}

/// The built-in stylesheet and scripts, overlaid by the site's own `static/`.
fn static_files(root: &Path) -> Result<Vec<OutputFile>> {
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = crate::render::BUILTIN_STATIC
        .iter()
        .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
        .collect();
    let dir = root.join(STATIC_DIR);
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::io(&dir, std::io::Error::other(e.to_string())))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(&dir)
                .map(crate::output::slash_path)
                .expect("walkdir stays under its root");
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            files.insert(rel, bytes);
        }
    }
    Ok(files
        .into_iter()
        .map(|(p, b)| OutputFile::new(p, b))
        .collect())
}
