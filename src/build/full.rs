//! Rendering a full build: every article loaded (its text handed once to
//! `derive`, then dropped), the site model made, and every output rendered
//! into a staging folder beside the output, which the commit swaps in.

use super::cache::{self, FileRecord};
use super::plan::Inputs;
use super::{BuildOptions, Clock, STATIC_DIR, derive};
use crate::classify::gazetteer::Gazetteer;
use crate::classify::pairs::PairFinder;
use crate::config::SiteConfig;
use crate::content;
use crate::error::{Error, Result};
use crate::ingest::ImportReport;
use crate::output::{self, OutputFile, Staging};
use crate::render::Renderer;
use crate::render::search;
use crate::site::{self, Site};
use crate::types::Progress;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a full build rendered, for the commit.
pub(crate) struct Rendered {
    pub(crate) staging: Staging,
    pub(crate) articles: usize,
    pub(crate) records: Vec<FileRecord>,
    /// Whether the site model and the search parts reached the cache.
    pub(crate) cache_saved: bool,
}

pub(crate) fn render(
    opts: &BuildOptions,
    config: SiteConfig,
    inputs: &Inputs,
    import: Option<&ImportReport>,
    progress: &dyn Progress,
    clock: &mut Clock,
) -> Result<Rendered> {
    let root = &opts.root;
    let out = opts.output_dir();
    let cache_dir = output::cache_path(&out);
    let files = &inputs.files;
    // From here on the cache describes the old output, not the new one.
    cache::invalidate(&cache_dir);

    let gazetteer = Gazetteer::load(root, &config)?;
    let finder = PairFinder::new(&gazetteer);
    // Place pairs and search words are the only readers of an article's
    // plain text: derived as each file is loaded, and the text dropped at once.
    progress.phase("loading articles", files.len());
    let (content, derived) = content::load_files(root, &config, files, &|a, text| {
        progress.tick();
        derive(&finder, a, text)
    })?;
    if content.articles.is_empty()
        && let Some(import) = import
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
    super::check::references(root, &content.articles, &gazetteer)?;
    let (mut site, derived) = Site::new_with(config, content, derived);
    let (pairs, words): (Vec<_>, Vec<_>) = derived.into_iter().map(|d| (d.pairs, d.words)).unzip();
    clock.lap("site model");
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
    let staging = Staging::begin(&out)?;
    // The search index (and its part of the cache) first: it is the only
    // reader of the articles' words, which are freed before the pages are
    // rendered, so that the two never hold memory at the same time.
    let search_saved = {
        let search::Built { entries, doc_freq } = search::build_index(&site, &words);
        let index: Vec<&str> = entries.iter().map(|(e, _)| e.as_str()).collect();
        let documents = search::documents(&site);
        // The shards on one core, the cache on the other.
        let (put, saved) = rayon::join(
            || search::write(&site, &index, &|f| staging.put(f)),
            || {
                cache::write_search(
                    &cache_dir,
                    entries
                        .iter()
                        .zip(&documents)
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
    stream(root, &site, &|f| {
        progress.tick();
        staging.put(f)
    })?;
    clock.lap("pages");
    // Bodies are done with; the cache does not keep them.
    for a in &mut site.articles {
        a.html = String::new();
    }
    // The cache's model may be written before the commit: without the
    // record of files (written last, by the commit) it is never used.
    let cache_saved =
        search_saved && cache::write_site(&cache_dir, &inputs.render_key, site.snapshot()).is_ok();
    Ok(Rendered {
        staging,
        articles: site.articles.len(),
        records,
        cache_saved,
    })
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

/// Every output of the site but the search index, handed to `sink` as soon
/// as it is made, from many threads at once.
fn stream(
    root: &Path,
    site: &Site,
    sink: &(dyn Fn(OutputFile) -> Result<()> + Sync),
) -> Result<()> {
    let renderer = Renderer::new(root, &site.config)?;
    let put_all = |files: Vec<OutputFile>| files.into_iter().try_for_each(sink);
    // Pages and the feeds are independent: build them side by side.
    let (pages, feed_files) = rayon::join(
        || renderer.render_each(site, sink),
        || renderer.feeds(site).and_then(put_all),
    );
    pages?;
    feed_files?;
    put_all(static_files(root)?)?;
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
                .map(output::slash_path)
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
