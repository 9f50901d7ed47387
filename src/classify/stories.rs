//! Linking articles that tell the same story: translations (another
//! language) and other outlets' reports (same language). The signals are the
//! ones a translation keeps: names of people and organisations, numbers,
//! URLs and acronyms, weighted by how rare they are in the collection.

use super::text::{Lang, Token, tokenize};
use super::{LinkKind, StoryDoc, StoryLink};
use rayon::prelude::*;
use std::collections::HashMap;

/// A signal shared by more documents than this is background, not evidence
/// (it also keeps the pair search from going quadratic).
const MAX_DOC_FREQUENCY: usize = 50;
/// Least weighted overlap (relative to the smaller document's signals) for a
/// translation, and for a same-language report by another outlet.
const TRANSLATION_SIMILARITY: f64 = 0.30;
const SAME_LANGUAGE_SIMILARITY: f64 = 0.45;
/// Least number of distinct shared signals either way.
const MIN_SHARED: usize = 4;

/// The language-independent signals of one document, sorted, each once.
pub fn signals(title: &str, body: &str) -> Vec<String> {
    let mut out = Vec::new();
    push_signals(title, body, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// The signals of one document, unsorted and with repeats: gathering them
/// in a list and sorting once costs less than keeping a set in order.
fn push_signals(title: &str, body: &str, out: &mut Vec<String>) {
    for text in [title, body] {
        let tokens = tokenize(text, Lang::Other);
        names(&tokens, out);
        numbers(text, out);
        urls(text, out);
    }
}

/// Pairs of adjacent capitalised words (names survive translation even when
/// titles around them change: "Consul General Ngo Trinh Ha" and
/// "generalkonsul Ngo Trinh Ha" share "ngo trinh" and "trinh ha"), and
/// acronyms.
fn names(tokens: &[Token], out: &mut Vec<String>) {
    for (i, t) in tokens.iter().enumerate() {
        let letters = t.folded().chars().filter(|c| c.is_alphabetic()).count();
        if i > 0 && t.cap && t.joined && tokens[i - 1].cap && letters > 0 {
            out.push(format!("n:{} {}", tokens[i - 1].folded(), t.folded()));
        }
    }
}

/// Numbers of two digits or more, separators removed ("48.18" and "48,18"
/// are one signal).
fn numbers(text: &str, out: &mut Vec<String>) {
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if (c == '.' || c == ',')
            && !cur.is_empty()
            && chars.peek().is_some_and(char::is_ascii_digit)
        {
            continue;
        } else {
            if cur.len() >= 2 {
                out.push(format!("#:{cur}"));
            }
            cur.clear();
        }
    }
    if cur.len() >= 2 {
        out.push(format!("#:{cur}"));
    }
}

fn urls(text: &str, out: &mut Vec<String>) {
    for word in text.split_whitespace() {
        if let Some(rest) = word
            .strip_prefix("https://")
            .or_else(|| word.strip_prefix("http://"))
        {
            let url = rest.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '/');
            out.push(format!(
                "u:{}",
                url.trim_start_matches("www.").to_lowercase()
            ));
        }
    }
}

/// Acronyms in upper case (AZEC, CPTPP, VJECPA) are names too.
fn acronyms(text: &str, out: &mut Vec<String>) {
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let n = word.chars().count();
        if (3..=10).contains(&n) && word.chars().all(|c| c.is_ascii_uppercase()) {
            out.push(format!("a:{word}"));
        }
    }
}

/// Pairs of documents telling the same story, each pair once (a < b), sorted.
pub fn link(docs: &[StoryDoc]) -> Vec<StoryLink> {
    pair_scores(docs)
        .into_iter()
        .filter(|p| p.shared >= MIN_SHARED)
        .filter_map(|p| {
            link_kind(&docs[p.a], &docs[p.b], p.similarity).map(|kind| StoryLink {
                a: p.a,
                b: p.b,
                kind,
            })
        })
        .collect()
}

/// How much two documents share.
#[derive(Debug, Clone, PartialEq)]
pub struct PairScore {
    pub a: usize,
    pub b: usize,
    /// Weighted shared signals over the smaller document's weighted signals.
    pub similarity: f64,
    /// Distinct shared signals.
    pub shared: usize,
}

/// Every pair of documents sharing a signal, with its similarity, sorted by
/// (a, b). Found through an inverted index, so documents that share nothing
/// are never compared.
pub fn pair_scores(docs: &[StoryDoc]) -> Vec<PairScore> {
    let sigs: Vec<Vec<String>> = docs
        .par_iter()
        .map(|d| {
            let mut s = Vec::new();
            push_signals(d.title, d.body, &mut s);
            acronyms(d.title, &mut s);
            acronyms(d.body, &mut s);
            s.sort_unstable();
            s.dedup();
            s
        })
        .collect();
    // Each distinct signal is hashed once, here, and known by its number
    // after; a document's numbers keep its signals' sorted order, so every
    // sum below adds in the same order as over the strings.
    let mut ids: HashMap<&str, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut postings: Vec<Vec<usize>> = Vec::new();
    let doc_ids: Vec<Vec<u32>> = sigs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            s.iter()
                .map(|f| {
                    let id = *ids.entry(f.as_str()).or_insert_with(|| {
                        postings.push(Vec::new());
                        (postings.len() - 1) as u32
                    });
                    postings[id as usize].push(i);
                    id
                })
                .collect()
        })
        .collect();
    drop(ids);
    let n = docs.len().max(1) as f64;
    let weights: Vec<Option<f64>> = postings
        .iter()
        .map(|p| {
            let df = p.len();
            (df <= MAX_DOC_FREQUENCY).then(|| (1.0 + n / df as f64).ln())
        })
        .collect();
    let totals: Vec<f64> = doc_ids
        .par_iter()
        .map(|s| s.iter().filter_map(|&f| weights[f as usize]).sum())
        .collect();
    // Each document's pairs are scored on their own, so the work splits
    // across cores; collecting in index order keeps the output sorted.
    // Shared weight per other document is added up in a dense table, and
    // only the rows touched are read back and cleared.
    let per_doc: Vec<Vec<PairScore>> = doc_ids
        .par_iter()
        .enumerate()
        .map_init(
            || (vec![(0.0f64, 0usize); docs.len()], Vec::new()),
            |(shared, touched): &mut (Vec<(f64, usize)>, Vec<usize>), (a, s)| {
                for &f in s {
                    let Some(w) = weights[f as usize] else {
                        continue;
                    };
                    for &b in &postings[f as usize] {
                        if b > a {
                            let e = &mut shared[b];
                            if e.1 == 0 {
                                touched.push(b);
                            }
                            e.0 += w;
                            e.1 += 1;
                        }
                    }
                }
                touched.sort_unstable();
                let found: Vec<PairScore> = touched
                    .drain(..)
                    .filter_map(|b| {
                        let (w, count) = std::mem::take(&mut shared[b]);
                        let smaller = totals[a].min(totals[b]);
                        (smaller > 0.0).then(|| PairScore {
                            a,
                            b,
                            similarity: w / smaller,
                            shared: count,
                        })
                    })
                    .collect();
                found
            },
        )
        .collect();
    per_doc.into_iter().flatten().collect()
}

fn link_kind(a: &StoryDoc, b: &StoryDoc, sim: f64) -> Option<LinkKind> {
    if a.language.primary() != b.language.primary() {
        return (sim >= TRANSLATION_SIMILARITY).then_some(LinkKind::Translation);
    }
    // One outlet's copy of its own story, or the same source imported twice,
    // is not another report.
    let same = |x: Option<&str>, y: Option<&str>| matches!((x, y), (Some(x), Some(y)) if x.eq_ignore_ascii_case(y));
    if same(a.outlet, b.outlet) || same(a.source, b.source) {
        return None;
    }
    (sim >= SAME_LANGUAGE_SIMILARITY).then_some(LinkKind::AlsoReported)
}
