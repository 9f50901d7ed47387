//! Rendering an update (see `plan`): only the pages that show the changed
//! articles, the search index and, if needed, the feeds, to be replaced in
//! place. Its output is byte for byte what a full build would write.

use super::Clock;
use super::cache;
use super::plan::Update;
use crate::config::SiteConfig;
use crate::content;
use crate::error::{Error, Result};
use crate::output::{self, OutputFile};
use crate::render::Renderer;
use crate::render::{feeds, search};
use crate::site::Site;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What an update renders: the files to replace, and whether the search
/// index's new parts reached the cache.
pub(crate) struct Rendered {
    pub(crate) files: Vec<OutputFile>,
    pub(crate) articles: usize,
    pub(crate) search_saved: bool,
}

pub(crate) fn render(
    root: &Path,
    out: &Path,
    config: &SiteConfig,
    cache_dir: &Path,
    update: Update,
    clock: &mut Clock,
) -> Result<Rendered> {
    let Update {
        mut site,
        parts,
        changed,
        ..
    } = update;
    let by_path: HashMap<PathBuf, usize> = site
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.path.clone(), i))
        .collect();
    let mut changed_articles = Vec::new();
    // Body words of the changed articles; the others' come from the cache
    // where the search index needs them.
    let mut words = vec![String::new(); site.articles.len()];
    for (article, derived) in changed {
        // A changed draft shows nowhere.
        if let Some(&i) = by_path.get(&article.path) {
            site.articles[i] = article;
            words[i] = derived.words;
            changed_articles.push(i);
        }
    }
    changed_articles.sort_unstable();

    let mut outputs: Vec<OutputFile> = Vec::new();
    let renderer = Renderer::new(root, config)?;
    outputs.extend(output::collect_files(|sink| {
        renderer.render_articles(&site, &changed_articles, sink)
    })?);
    clock.lap("render pages");

    let (index, search_saved) =
        update_search(out, &site, &mut words, &changed_articles, &parts, cache_dir)?;
    drop(parts);
    outputs.extend(index);
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
    Ok(Rendered {
        files: outputs,
        articles: site.articles.len(),
        search_saved,
    })
}

/// The search index after some articles changed: only the entries of the
/// changed articles, and of articles using a word whose document frequency
/// changed, are made again. Returns the files of the index those entries
/// reach, patched from the output's shards (`search::update`: byte for byte
/// what a full build makes of all entries), and writes the new parts to the
/// cache (false when that failed). `plan::decide` checked that the
/// cached parts hold an entry for every document of the index.
fn update_search(
    out: &Path,
    site: &Site,
    body_words: &mut [String],
    changed: &[usize],
    parts: &cache::SearchParts,
    cache_dir: &Path,
) -> Result<(Vec<OutputFile>, bool)> {
    let old: Vec<(&str, &str, Option<search::Cutoff>)> = parts.entries().collect();
    let words_of = |w: &str| -> FxHashSet<String> {
        w.split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    // The articles of the index's documents, and the positions of the
    // changed ones among them.
    let docs = search::documents(site);
    let changed_pos: Vec<usize> = (0..docs.len())
        .filter(|&p| changed.binary_search(&docs[p]).is_ok())
        .collect();
    // Document frequencies move only by the words the changed articles
    // gained or lost.
    let mut delta: FxHashMap<String, i64> = FxHashMap::default();
    for &p in &changed_pos {
        let before = words_of(old[p].1);
        let after = words_of(&body_words[docs[p]]);
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
            body_words[docs[p]] = old[p].1.to_string();
        }
    }
    let body_words = &*body_words;
    let which: Vec<usize> = affected.iter().map(|&p| docs[p]).collect();
    let wanted: FxHashSet<&str> = which
        .iter()
        .flat_map(|&i| body_words[i].split(' '))
        .chain(delta.keys().map(String::as_str))
        .collect();
    let base = frequencies(&wanted);
    let count = |w: &str| -> u32 { adjust(base.get(w).copied().unwrap_or(0), w) };
    let fresh: FxHashMap<usize, (String, Option<search::Cutoff>)> = affected
        .iter()
        .copied()
        .zip(search::entries(site, body_words, &which, &count))
        .collect();
    let entry = |p: usize| -> &str { fresh.get(&p).map_or(old[p].0, |(e, _)| e.as_str()) };
    let cutoff = |p: usize| fresh.get(&p).map_or(old[p].2, |(_, c)| *c);
    let words = |p: usize| -> &str {
        if changed_pos.binary_search(&p).is_ok() {
            &body_words[docs[p]]
        } else {
            old[p].1
        }
    };
    let all: Vec<&str> = (0..old.len()).map(entry).collect();
    // Only the shards the changed entries reach, patched from the output;
    // the whole index when the output's shards cannot be read.
    let edits: Vec<(usize, &str)> = affected
        .iter()
        .filter(|&&p| all[p] != old[p].0)
        .map(|&p| (p, old[p].0))
        .collect();
    let index = match search::update(out, site, &all, &edits) {
        Some(files) => files,
        None => output::collect_files(|sink| search::write(site, &all, sink))?,
    };
    drop(all);
    let new_words: Vec<(&str, u32)> = delta
        .keys()
        .filter(|w| !base.contains_key(w.as_str()))
        .map(|w| (w.as_str(), count(w)))
        .collect();
    // Pending until the commit: the parts in use must describe the output
    // until the output has these shards.
    let saved = cache::write_pending_search(
        cache_dir,
        (0..old.len()).map(|p| (entry(p), words(p), cutoff(p))),
        parts
            .doc_freq()
            .map(|(w, n)| (w, adjust(n, w)))
            .chain(new_words)
            .filter(|&(_, n)| n > 0),
    )
    .is_ok();
    Ok((index, saved))
}
