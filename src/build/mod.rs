//! `build`: import new seeds, load content, build the site model, render,
//! and swap the finished site into the output folder.

mod cache;
mod check;
mod init;
mod update;

use crate::classify::gazetteer::Gazetteer;
use crate::classify::pairs::PairFinder;
use crate::config::SiteConfig;
use crate::content::{self, Article, ArticleFile};
use crate::error::{Error, Result};
use crate::ingest::{self, ImportOptions, ImportReport};
use crate::output::{self, OutputFile, WriteReport};
use crate::render::Renderer;
use crate::render::{feeds, search};
use crate::site::{self, Site};
use crate::types::{NoProgress, Progress};
use cache::FileRecord;
pub use check::{CheckOptions, CheckReport, check};
pub use init::init;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
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

    // A rebuild whose inputs are all as they were writes nothing and renders
    // nothing. `--strict` always runs import, so that its problems are reported.
    let render_key = render_key(opts, &config);
    let mut files = content::article_files(root)?;
    let mut fingerprint = input_fingerprint(opts, &render_key, &files);
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
            files = content::article_files(root)?;
            fingerprint = input_fingerprint(opts, &render_key, &files);
        }
        report.import = Some(imported);
        clock.lap("import");
    }

    let cache_dir = output::cache_path(&out);
    progress.phase("updating changed pages", 0);
    if let Some(update) =
        update::update_changed(opts, &config, &files, &render_key, &fingerprint, &mut clock)?
    {
        report.articles = update.articles;
        report.write = update.write;
        report.warnings = update.warnings;
        report.incremental = true;
        report.seconds = start.elapsed().as_secs_f64();
        return Ok(report);
    }
    // From here on the cache describes the old output, not the new one.
    cache::invalidate(&cache_dir);

    let gazetteer = Gazetteer::load(root, &config)?;
    let finder = PairFinder::new(&gazetteer);
    // Place pairs and search words are the only readers of an article's
    // plain text: derived as each file is loaded, and the text dropped at once.
    progress.phase("loading articles", files.len());
    let (content, derived) = content::load_files(root, &config, &files, &|a, text| {
        progress.tick();
        derive(&finder, a, text)
    })?;
    if content.articles.is_empty()
        && let Some(import) = &report.import
        && !import.problems.is_empty()
    {
        return Err(Error::Refused(format!(
            "{}\nno article could be imported and content/articles/ is empty: nothing to build",
            import.problems.join("\n")
        )));
    }
    clock.lap("load");
    // What other pages show of drafts is nothing, but a draft that is
    // published changes listings: the cache keeps their front matter too.
    let draft_keys: BTreeMap<PathBuf, String> = content
        .articles
        .iter()
        .zip(&derived)
        .filter(|(a, _)| a.front.draft)
        .map(|(a, d)| (a.path.clone(), cache::listing_key(a, &d.pairs)))
        .collect();
    // An unknown place id or article slug fails here, before it can make a bogus page.
    check::references(root, &content.articles, &gazetteer)?;
    let (mut site, derived) = Site::new_with(config, content, derived);
    let (pairs, words): (Vec<_>, Vec<_>) = derived.into_iter().map(|d| (d.pairs, d.words)).unzip();
    clock.lap("site model");
    report.articles = site.articles.len();
    let keys: BTreeMap<&Path, String> = site
        .articles
        .par_iter()
        .zip(&pairs)
        .map(|(a, p)| (a.path.as_path(), cache::listing_key(a, p)))
        .collect();
    let records: Vec<FileRecord> = files
        .iter()
        .map(|f| {
            let rel = f.path.strip_prefix(root).unwrap_or(&f.path);
            FileRecord {
                path: f.rel.clone(),
                len: f.len,
                modified: f.modified,
                listing: keys
                    .get(rel)
                    .or_else(|| draft_keys.get(rel))
                    .cloned()
                    .unwrap_or_default(),
            }
        })
        .collect();
    drop(keys);
    attach_places(&mut site, &gazetteer, pairs);
    clock.lap("places");
    // Pages go to a staging folder as they are rendered; `out` is only
    // touched once every one of them is there.
    let staging = output::Staging::begin(&out)?;
    // The search index (and its part of the cache) first: it is the only
    // reader of the articles' words, which are freed before the pages are
    // rendered, so that the two never hold memory at the same time.
    let search_cache = {
        let search::Built {
            js,
            entries,
            doc_freq,
        } = search::build_index(&site, &words);
        // Two single-threaded jobs: one on each core.
        let (put, saved) = rayon::join(
            || staging.put(OutputFile::new(search::INDEX_FILE, js)),
            || {
                cache::write_search(
                    &cache_dir,
                    entries
                        .iter()
                        .zip(&site.listed)
                        .map(|((e, c), &i)| (e.as_str(), words[i].as_str(), *c)),
                    doc_freq.iter().map(|(w, n)| (*w, *n)),
                )
                .is_ok()
            },
        );
        put?;
        saved
    };
    drop(words);
    clock.lap("search index");
    progress.phase("writing pages", 0);
    stream(root, &site, &mut report.warnings, &|f| {
        progress.tick();
        staging.put(f)
    })?;
    clock.lap("pages");
    // Bodies are done with; the cache does not keep them.
    for a in &mut site.articles {
        a.html = String::new();
    }
    // The old stamp goes before the output changes, so that an interrupted
    // build can never pass for an up-to-date one.
    let _ = std::fs::remove_file(output::stamp_path(&out));
    report.write = staging.finish()?;
    output::write_stamp(&out, &fingerprint)?;
    let manifest = output::manifest_digest(&out).unwrap_or_default();
    if !search_cache
        || cache::write_site(&cache_dir, &render_key, site.snapshot()).is_err()
        || cache::write_meta(&cache_dir, &render_key, &manifest, &records).is_err()
    {
        // Without a cache the next build is a full one: slower, never wrong.
        cache::invalidate(&cache_dir);
    }
    clock.lap("write");
    clock.report();
    report.seconds = start.elapsed().as_secs_f64();
    Ok(report)
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

/// A digest of everything a build reads: the size and modification time of
/// every input file, the options, and the tool's own binary (whose built-in
/// templates and data change with it). Cheap enough to compute on every
/// build: it reads metadata, not contents.
pub fn input_fingerprint(
    opts: &BuildOptions,
    render_key: &str,
    articles: &[ArticleFile],
) -> String {
    let mut h = Sha256::new();
    h.update(render_key.as_bytes());
    for f in articles {
        h.update(f.rel.as_bytes());
        h.update([0]);
        h.update(f.len.to_le_bytes());
        h.update(f.modified.to_le_bytes());
    }
    add_tree(&mut h, &opts.root, ingest::SEEDS_DIR, None);
    hex(&h.finalize())
}

/// A digest of the inputs other than the article files and seeds: when it
/// changes, every page may change, and the build cache is not used.
fn render_key(opts: &BuildOptions, config: &SiteConfig) -> String {
    let mut h = Sha256::new();
    add_meta(
        &mut h,
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
        &mut h,
        crate::config::CONFIG_FILE,
        &root.join(crate::config::CONFIG_FILE),
    );
    add_meta(&mut h, "classifier", &root.join(&config.classifier));
    add_meta(&mut h, "gazetteer", &root.join(&config.gazetteer));
    // The intros; articles are counted apart, and import's record changes
    // with every import without changing a page by itself.
    let articles = root.join(content::CONTENT_DIR).join(content::ARTICLES_DIR);
    add_tree(&mut h, root, content::CONTENT_DIR, Some(&articles));
    add_tree(&mut h, root, crate::render::TEMPLATE_DIR, None);
    add_tree(&mut h, root, STATIC_DIR, None);
    hex(&h.finalize())
}

/// Add the size and modification time of every file under `root/dir`
/// (but `skip`, and import's record) to a digest.
fn add_tree(h: &mut Sha256, root: &Path, dir: &str, skip: Option<&Path>) {
    let mut add = |path: &Path| {
        let rel = path.strip_prefix(root).unwrap_or(path);
        add_meta(h, &rel.to_string_lossy(), path);
    };
    let base = root.join(dir);
    add(&base);
    // walkdir reads a folder even where it will not descend into it, so the
    // skipped one (10,000 articles) is left out by hand, one level down.
    let Ok(entries) = std::fs::read_dir(&base) else {
        return;
    };
    let mut top: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    top.sort();
    for path in top {
        if Some(path.as_path()) == skip
            || path
                .file_name()
                .is_some_and(|n| n == ingest::record::RECORD_FILE)
        {
            continue;
        }
        let below = walkdir::WalkDir::new(&path).sort_by_file_name();
        for e in below.into_iter().flatten() {
            if e.file_name() != ingest::record::RECORD_FILE {
                add(e.path());
            }
        }
    }
}

fn add_meta(h: &mut Sha256, label: &str, path: &Path) {
    use std::time::UNIX_EPOCH;
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
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Give the site model the gazetteer's names, and list an article naming a
/// former province (merged in 2025) under its successor too, so a 2019 story
/// on Binh Dinh is found from the Gia Lai page.
fn attach_places(site: &mut Site, gazetteer: &Gazetteer, pairs: Vec<Vec<(String, String)>>) {
    site.places = site::place_infos(gazetteer);
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
    // Each article found its pairs as it was loaded (`derive`).
    let mut pairs: Vec<Option<Vec<(String, String)>>> = pairs.into_iter().map(Some).collect();
    site.locality_pairs = site::merge_pairs(
        site.listed
            .iter()
            .map(|&i| (i, pairs[i].take().unwrap_or_default()))
            .collect(),
    );
}

fn stream(
    root: &Path,
    site: &Site,
    warnings: &mut Vec<String>,
    sink: &(dyn Fn(OutputFile) -> Result<()> + Sync),
) -> Result<()> {
    let renderer = Renderer::new(root)?;
    let put_all = |files: Vec<OutputFile>| files.into_iter().try_for_each(sink);
    // Pages and the feeds are independent: build them side by side.
    let (pages, feed_files) = rayon::join(
        || renderer.render_each(site, sink),
        || {
            site.config
                .base_url()
                .map(|_| put_all(feeds::files(site)))
                .unwrap_or(Ok(()))
        },
    );
    pages?;
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
