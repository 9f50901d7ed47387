//! The plan of a build: what the inputs are, and which outputs they ask
//! for. A build is one of three things, decided here and nowhere else:
//!
//! - nothing at all, when no input changed since the last build (judged by
//!   the size and modification time of every input, kept in the stamp);
//! - an update, when only article bodies changed: the build cache shows that
//!   no changed article changed anything other pages show (its
//!   `cache::listing_key`), so only the changed articles' own pages, the
//!   search entries their words can move and the feeds that carry them are
//!   rendered again;
//! - a full build otherwise.
//!
//! Both kinds of rendering then end in the same commit (`super::commit`).

use super::cache::{self, FileRecord, SearchParts};
use super::{BuildOptions, Clock, Derived, STATIC_DIR, derive};
use crate::classify::gazetteer::Gazetteer;
use crate::classify::pairs::PairFinder;
use crate::config::SiteConfig;
use crate::content::{self, Article, ArticleFile};
use crate::error::Result;
use crate::ingest;
use crate::output;
use crate::site::Site;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// What a build reads, by name, size and modification time.
pub(crate) struct Inputs {
    /// The article files, sorted by path.
    pub(crate) files: Vec<ArticleFile>,
    /// The digest of every input but the article files and seeds: when it
    /// changes, every page may change (see [`render_key`]).
    pub(crate) render_key: String,
    /// The digest of every input, kept beside the output as its stamp.
    pub(crate) fingerprint: String,
}

impl Inputs {
    pub(crate) fn read(opts: &BuildOptions, config: &SiteConfig) -> Result<Inputs> {
        let render_key = render_key(opts, config);
        let files = content::article_files(&opts.root)?;
        let fingerprint = input_fingerprint(opts, &render_key, &files);
        Ok(Inputs {
            files,
            render_key,
            fingerprint,
        })
    }

    /// Whether the output was built from exactly these inputs: then a build
    /// has nothing to do.
    pub(crate) fn built(&self, out: &Path) -> bool {
        output::stamp_matches(out, &self.fingerprint)
    }

    /// Read again after import wrote pages; the other inputs are as they were.
    pub(crate) fn reread_articles(&mut self, opts: &BuildOptions) -> Result<()> {
        self.files = content::article_files(&opts.root)?;
        self.fingerprint = input_fingerprint(opts, &self.render_key, &self.files);
        Ok(())
    }
}

/// The outputs a build renders.
pub(crate) enum Plan {
    /// Every output, into a staging folder swapped in when complete.
    Full,
    /// The outputs that show the changed articles, replaced in place.
    Update(Box<Update>),
}

/// An update: the cached site model, with what changed.
pub(crate) struct Update {
    pub(crate) site: Site,
    pub(crate) parts: SearchParts,
    /// Every article file's record, those of the changed files brought up
    /// to date.
    pub(crate) records: Vec<FileRecord>,
    /// The changed articles that the site lists or shows (drafts stay out),
    /// with what the build derives from their text.
    pub(crate) changed: Vec<(Article, Derived)>,
}

/// Decide what the build renders. An update needs the build cache of the
/// output as it is now (same non-article inputs, same article files, the
/// output's manifest unchanged and every file it lists present) and no
/// changed article whose `listing_key` moved; anything else is a full build.
pub(crate) fn decide(
    opts: &BuildOptions,
    config: &SiteConfig,
    inputs: &Inputs,
    clock: &mut Clock,
) -> Result<Plan> {
    let root = &opts.root;
    let out = opts.output_dir();
    let cache_dir = output::cache_path(&out);
    let files = &inputs.files;
    let Some(meta) = cache::read_meta(&cache_dir) else {
        return Ok(Plan::Full);
    };
    clock.lap("read cache");
    let same_files = meta.files.len() == files.len()
        && meta.files.iter().zip(files).all(|(r, f)| r.path == f.rel);
    if meta.render_key != inputs.render_key
        || !same_files
        || output::manifest_digest(&out).as_deref() != Some(meta.manifest.as_str())
    {
        return Ok(Plan::Full);
    }
    // Whether every output file is still there, the site model and the
    // search index's parts: independent reads, side by side.
    let (complete, (snapshot, parts)) = rayon::join(
        || output::manifest_complete(&out),
        || {
            rayon::join(
                || cache::read_site(&cache_dir, &inputs.render_key),
                || SearchParts::read(&cache_dir),
            )
        },
    );
    let (true, Some(snapshot), Some(parts)) = (complete, snapshot, parts) else {
        return Ok(Plan::Full);
    };
    let site = Site::from_snapshot(config.clone(), snapshot);
    if parts.entries().count() != crate::render::search::documents(&site).len() {
        return Ok(Plan::Full);
    }
    clock.lap("check output, read cache");
    let changed: Vec<usize> = (0..files.len())
        .filter(|&k| {
            meta.files[k].len != files[k].len || meta.files[k].modified != files[k].modified
        })
        .collect();
    let parsed: Vec<(Article, String)> = changed
        .par_iter()
        .map(|&k| content::read_article(root, &files[k], config))
        .collect::<Result<_>>()?;
    clock.lap("read changed files");

    let gazetteer = Gazetteer::load(root, config)?;
    let finder = PairFinder::new(&gazetteer);
    let mut records = meta.files;
    let mut shown = Vec::new();
    for (&k, (article, text)) in changed.iter().zip(parsed) {
        let derived = derive(&finder, &article, &text);
        if cache::listing_key(&article, &derived.pairs) != records[k].listing {
            return Ok(Plan::Full);
        }
        records[k].len = files[k].len;
        records[k].modified = files[k].modified;
        shown.push((article, derived));
    }
    clock.lap("compare");
    Ok(Plan::Update(Box::new(Update {
        site,
        parts,
        records,
        changed: shown,
    })))
}

/// A digest of everything a build reads: the size and modification time of
/// every input file, the options, and the tool's own binary (whose built-in
/// templates and data change with it). Cheap enough to compute on every
/// build: it reads metadata, not contents.
fn input_fingerprint(opts: &BuildOptions, render_key: &str, articles: &[ArticleFile]) -> String {
    let mut h = Sha256::new();
    h.update(render_key.as_bytes());
    for f in articles {
        h.update(f.rel.as_bytes());
        h.update([0]);
        h.update(f.len.to_le_bytes());
        h.update(f.modified.to_le_bytes());
    }
    add_tree(&mut h, &opts.root, ingest::SEEDS_DIR, None);
    hex::encode(h.finalize())
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
    add_tree(&mut h, root, crate::render::i18n::I18N_DIR, None);
    hex::encode(h.finalize())
}

/// Add the size and modification time of every file under `root/dir`
/// (but `skip`, and import's record) to a digest.
fn add_tree(h: &mut Sha256, root: &Path, dir: &str, skip: Option<&Path>) {
    let base = root.join(dir);
    // The folder's own modification time is left out: it moves whenever a
    // file is made in it, import's record and temporary files included,
    // which would make the key computed before an import stale after it.
    // Every file below is digested, so what it holds is covered anyway.
    h.update(dir.as_bytes());
    h.update([u8::from(base.is_dir())]);
    let mut add = |path: &Path| {
        let rel = path.strip_prefix(root).unwrap_or(path);
        add_meta(h, &rel.to_string_lossy(), path);
    };
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
