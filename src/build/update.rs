//! The update path of a build: when the build cache (`cache.rs`) shows
//! that only article bodies changed, render just the pages that show them,
//! the search index and, if needed, the feeds, and replace those files in
//! place. Its output is byte for byte what a full build would write.

use crate::build::cache;
use crate::build::{BuildOptions, Clock};
use crate::classify::gazetteer::Gazetteer;
use crate::classify::pairs::PairFinder;
use crate::config::SiteConfig;
use crate::content::{self, Article, ArticleFile};
use crate::error::{Error, Result};
use crate::output::{self, OutputFile, WriteReport};
use crate::render::Renderer;
use crate::render::{feeds, search};
use crate::site::Site;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What [`update_changed`] did.
pub(crate) struct Update {
    pub(crate) articles: usize,
    pub(crate) write: WriteReport,
    pub(crate) warnings: Vec<String>,
}

/// Bring the output up to date by rendering only what shows the changed
/// articles, when the build cache allows it: the same articles as last
/// time, and none changed anything that other pages show (title, date,
/// summary, themes, places, ... see `cache::listing_key`). Then only their
/// own pages, the search index and, when one of them is in a feed, the feeds
/// can differ from the last build. `Ok(None)` means a full build is needed.
pub(crate) fn update_changed(
    opts: &BuildOptions,
    config: &SiteConfig,
    files: &[ArticleFile],
    render_key: &str,
    fingerprint: &str,
    clock: &mut Clock,
) -> Result<Option<Update>> {
    let root = &opts.root;
    let out = opts.output_dir();
    let cache_dir = output::cache_path(&out);
    let Some(meta) = cache::read_meta(&cache_dir) else {
        return Ok(None);
    };
    clock.lap("read cache");
    let same_files = meta.files.len() == files.len()
        && meta.files.iter().zip(files).all(|(r, f)| r.path == f.rel);
    if meta.render_key != render_key
        || !same_files
        || output::manifest_digest(&out).as_deref() != Some(meta.manifest.as_str())
    {
        return Ok(None);
    }
    // Whether every output file is still there, the site model and the
    // search index's parts: independent reads, side by side.
    let (complete, (snapshot, parts)) = rayon::join(
        || output::manifest_complete(&out),
        || {
            rayon::join(
                || cache::read_site(&cache_dir, render_key),
                || cache::SearchParts::read(&cache_dir),
            )
        },
    );
    let (true, Some(snapshot), Some(parts)) = (complete, snapshot, parts) else {
        return Ok(None);
    };
    clock.lap("check output, read cache");
    let changed: Vec<usize> = (0..files.len())
        .filter(|&k| {
            meta.files[k].len != files[k].len || meta.files[k].modified != files[k].modified
        })
        .collect();
    let parsed: Vec<Article> = changed
        .par_iter()
        .map(|&k| content::read_article(root, &files[k], config))
        .collect::<Result<_>>()?;
    clock.lap("read changed files");

    let gazetteer = Gazetteer::load(root, config)?;
    let finder = PairFinder::new(&gazetteer);
    let mut records = meta.files;
    let mut site = Site::from_snapshot(config.clone(), snapshot);
    let by_path: HashMap<PathBuf, usize> = site
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.path.clone(), i))
        .collect();
    let mut changed_articles = Vec::new();
    for (&k, mut article) in changed.iter().zip(parsed) {
        let index = by_path.get(&article.path).copied();
        article.pairs = finder.pairs_of(
            &article.front.title,
            &article.text,
            article.language.as_str(),
            &article.front.places,
        );
        if cache::listing_key(&article) != records[k].listing {
            return Ok(None);
        }
        records[k].len = files[k].len;
        records[k].modified = files[k].modified;
        if let Some(i) = index {
            article.text = String::new();
            site.articles[i] = article;
            changed_articles.push(i);
        }
    }
    changed_articles.sort_unstable();
    clock.lap("compare");

    let mut outputs: Vec<OutputFile> = Vec::new();
    let renderer = Renderer::new(root)?;
    outputs.extend(output::collect_files(|sink| {
        renderer.render_articles(&site, &changed_articles, sink)
    })?);
    clock.lap("render pages");

    let Some((index, search_saved)) =
        update_search(&mut site, &changed_articles, &parts, &cache_dir)
    else {
        return Ok(None);
    };
    drop(parts);
    outputs.push(OutputFile::new(search::INDEX_FILE, index));
    clock.lap("search index");

    let in_feeds = feeds::entries(&site);
    if changed_articles
        .iter()
        .any(|i| in_feeds.binary_search(i).is_ok())
    {
        // Feeds carry whole articles: read the bodies of all their entries.
        let bodies: Vec<(usize, String)> = in_feeds
            .par_iter()
            .filter(|&&i| changed_articles.binary_search(&i).is_err())
            .map(|&i| {
                let a = &site.articles[i];
                let text = std::fs::read_to_string(root.join(&a.path))
                    .map_err(|e| Error::io(root.join(&a.path), e))?;
                let (_, body) = content::split_front_matter(&a.path, &text)?;
                Ok((i, crate::content::markdown::render(body).html))
            })
            .collect::<Result<_>>()?;
        for (i, html) in bodies {
            site.articles[i].html = html;
        }
        outputs.extend(renderer.feeds(&site)?);
    }
    let mut warnings = Vec::new();
    if site.config.base_url().is_none() {
        warnings.push(
            "no base_url in site.toml or --base-url: feeds and sitemap were skipped".to_string(),
        );
    }

    let _ = std::fs::remove_file(output::stamp_path(&out));
    let write = output::update_in_place(&out, outputs).inspect_err(|_| {
        // The search parts are already new: never pair them with the old output.
        cache::invalidate(&cache_dir);
    })?;
    output::write_stamp(&out, fingerprint)?;
    let manifest = output::manifest_digest(&out).unwrap_or_default();
    let saved =
        search_saved && cache::write_meta(&cache_dir, render_key, &manifest, &records).is_ok();
    if !saved {
        cache::invalidate(&cache_dir);
    }
    clock.lap("write");
    clock.report();
    Ok(Some(Update {
        articles: site.articles.len(),
        write,
        warnings,
    }))
}

/// The search index after some articles changed: only the entries of the
/// changed articles, and of articles using a word whose document frequency
/// changed, are made again. Returns the script, and writes the new parts to
/// the cache (false when that failed).
fn update_search(
    site: &mut Site,
    changed: &[usize],
    parts: &cache::SearchParts,
    cache_dir: &Path,
) -> Option<(String, bool)> {
    let old: Vec<(&str, &str, Option<search::Cutoff>)> = parts.entries().collect();
    if old.len() != site.listed.len() {
        return None;
    }
    let words_of = |w: &str| -> FxHashSet<String> {
        w.split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    // Listing positions of the changed listed articles.
    let changed_pos: Vec<usize> = changed
        .iter()
        .filter_map(|i| site.listed.binary_search(i).ok())
        .collect();
    // Document frequencies move only by the words the changed articles
    // gained or lost.
    let mut delta: FxHashMap<String, i64> = FxHashMap::default();
    for &p in &changed_pos {
        let before = words_of(old[p].1);
        let after = words_of(&site.articles[site.listed[p]].search_words);
        for w in before.difference(&after) {
            *delta.entry(w.clone()).or_insert(0) -= 1;
        }
        for w in after.difference(&before) {
            *delta.entry(w.clone()).or_insert(0) += 1;
        }
    }
    delta.retain(|_, d| *d != 0);
    // The last build's frequencies of just the words asked for: a table of
    // all 200,000 words would cost more than the rest of this update.
    let frequencies = |wanted: &FxHashSet<&str>| -> FxHashMap<&str, u32> {
        parts
            .doc_freq()
            .filter(|(w, _)| wanted.contains(w))
            .collect()
    };
    let adjust = |base: u32, w: &str| -> u32 {
        let n = i64::from(base) + delta.get(w).copied().unwrap_or(0);
        u32::try_from(n.max(0)).unwrap_or(u32::MAX)
    };
    let base = frequencies(&delta.keys().map(String::as_str).collect());
    let count = |w: &str| -> u32 { adjust(base.get(w).copied().unwrap_or(0), w) };
    // An article using a word whose frequency moved keeps its entry when
    // that word stays on its side of the article's cutoff (see `Cutoff`).
    let stays = |cutoff: Option<search::Cutoff>, words: &str| -> bool {
        let Some(c) = cutoff else {
            // Under budget: every word is kept, whatever its frequency.
            return true;
        };
        words
            .split(' ')
            .filter(|w| !w.is_empty())
            .enumerate()
            .filter(|(_, w)| delta.contains_key(*w))
            .all(|(pos, w)| {
                let pos = u32::try_from(pos).unwrap_or(u32::MAX);
                let before = (base.get(w).copied().unwrap_or(0), pos);
                let after = (count(w), pos);
                if before <= c.last_kept {
                    before != c.last_kept && after < c.last_kept
                } else {
                    before != c.first_dropped && after > c.first_dropped
                }
            })
    };
    let mut affected: Vec<usize> = if delta.is_empty() {
        Vec::new()
    } else {
        // Most articles use none of the moved words: one automaton pass
        // over each word list finds those that might, before any splitting.
        let moved: Vec<&str> = delta.keys().map(String::as_str).collect();
        let finder = aho_corasick::AhoCorasick::new(&moved).ok();
        (0..old.len())
            .into_par_iter()
            .filter(|&p| {
                let uses_moved = finder.as_ref().is_none_or(|f| f.is_match(old[p].1));
                uses_moved && !stays(old[p].2, old[p].1)
            })
            .collect()
    };
    affected.extend(&changed_pos);
    affected.sort_unstable();
    affected.dedup();
    for &p in &affected {
        if changed_pos.binary_search(&p).is_err() {
            site.articles[site.listed[p]].search_words = old[p].1.to_string();
        }
    }
    let site = &*site;
    let which: Vec<usize> = affected.iter().map(|&p| site.listed[p]).collect();
    let wanted: FxHashSet<&str> = which
        .iter()
        .flat_map(|&i| site.articles[i].search_words.split(' '))
        .chain(delta.keys().map(String::as_str))
        .collect();
    let base = frequencies(&wanted);
    let count = |w: &str| -> u32 { adjust(base.get(w).copied().unwrap_or(0), w) };
    let fresh: FxHashMap<usize, (String, Option<search::Cutoff>)> = affected
        .iter()
        .copied()
        .zip(search::entries(site, &which, &count))
        .collect();
    let entry = |p: usize| -> &str { fresh.get(&p).map_or(old[p].0, |(e, _)| e.as_str()) };
    let cutoff = |p: usize| fresh.get(&p).map_or(old[p].2, |(_, c)| *c);
    let words = |p: usize| -> &str {
        if changed_pos.binary_search(&p).is_ok() {
            &site.articles[site.listed[p]].search_words
        } else {
            old[p].1
        }
    };
    let index = search::assemble(site, (0..old.len()).map(entry));
    let new_words: Vec<(&str, u32)> = delta
        .keys()
        .filter(|w| !base.contains_key(w.as_str()))
        .map(|w| (w.as_str(), count(w)))
        .collect();
    let saved = cache::write_search(
        cache_dir,
        (0..old.len()).map(|p| (entry(p), words(p), cutoff(p))),
        parts
            .doc_freq()
            .map(|(w, n)| (w, adjust(n, w)))
            .chain(new_words)
            .filter(|&(_, n)| n > 0),
    )
    .is_ok();
    Some((index, saved))
}
