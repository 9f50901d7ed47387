//! Linking articles that tell the same story: translations (another
//! language) and other outlets' reports (same language). The signals are the
//! ones a translation keeps: names of people and organisations, numbers,
//! URLs and acronyms, weighted by how rare they are in the collection.

use super::text::{Lang, Token, tokenize};
use super::{LinkKind, StoryDoc, StoryLink};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// A signal shared by more documents than this is background, not evidence
/// (it also keeps the pair search from going quadratic).
const MAX_DOC_FREQUENCY: usize = 50;
/// Least weighted overlap (relative to the smaller document's signals) for a
/// translation, and for a same-language report by another outlet.
const TRANSLATION_SIMILARITY: f64 = 0.30;
const SAME_LANGUAGE_SIMILARITY: f64 = 0.45;
/// Least number of distinct shared signals either way.
const MIN_SHARED: usize = 4;

/// The language-independent signals of one document.
pub fn signals(title: &str, body: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for text in [title, body] {
        let tokens = tokenize(text, Lang::Other);
        names(&tokens, &mut out);
        numbers(text, &mut out);
        urls(text, &mut out);
    }
    out
}

/// Pairs of adjacent capitalised words (names survive translation even when
/// titles around them change: "Consul General Ngo Trinh Ha" and
/// "generalkonsul Ngo Trinh Ha" share "ngo trinh" and "trinh ha"), and
/// acronyms.
fn names(tokens: &[Token], out: &mut BTreeSet<String>) {
    for (i, t) in tokens.iter().enumerate() {
        let letters = t.folded().chars().filter(|c| c.is_alphabetic()).count();
        if i > 0 && t.cap && t.joined && tokens[i - 1].cap && letters > 0 {
            out.insert(format!("n:{} {}", tokens[i - 1].folded(), t.folded()));
        }
    }
}

/// Numbers of two digits or more, separators removed ("48.18" and "48,18"
/// are one signal).
fn numbers(text: &str, out: &mut BTreeSet<String>) {
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
                out.insert(format!("#:{cur}"));
            }
            cur.clear();
        }
    }
    if cur.len() >= 2 {
        out.insert(format!("#:{cur}"));
    }
}

fn urls(text: &str, out: &mut BTreeSet<String>) {
    for word in text.split_whitespace() {
        if let Some(rest) = word
            .strip_prefix("https://")
            .or_else(|| word.strip_prefix("http://"))
        {
            let url = rest.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '/');
            out.insert(format!(
                "u:{}",
                url.trim_start_matches("www.").to_lowercase()
            ));
        }
    }
}

/// Acronyms in upper case (AZEC, CPTPP, VJECPA) are names too.
fn acronyms(text: &str, out: &mut BTreeSet<String>) {
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let n = word.chars().count();
        if (3..=10).contains(&n) && word.chars().all(|c| c.is_ascii_uppercase()) {
            out.insert(format!("a:{word}"));
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
    let sigs: Vec<BTreeSet<String>> = docs
        .par_iter()
        .map(|d| {
            let mut s = signals(d.title, d.body);
            acronyms(d.title, &mut s);
            acronyms(d.body, &mut s);
            s
        })
        .collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in sigs.iter().enumerate() {
        for f in s {
            postings.entry(f.as_str()).or_default().push(i);
        }
    }
    let n = docs.len().max(1) as f64;
    let weight = |f: &str| -> Option<f64> {
        let df = postings.get(f).map_or(1, Vec::len);
        (df <= MAX_DOC_FREQUENCY).then(|| (1.0 + n / df as f64).ln())
    };
    let totals: Vec<f64> = sigs
        .iter()
        .map(|s| s.iter().filter_map(|f| weight(f)).sum())
        .collect();
    // Each document's pairs are scored on their own, so the work splits
    // across cores; collecting in index order keeps the output sorted.
    let per_doc: Vec<Vec<PairScore>> = sigs
        .par_iter()
        .enumerate()
        .map_init(
            HashMap::new,
            |shared: &mut HashMap<usize, (f64, usize)>, (a, s)| {
                shared.clear();
                for f in s {
                    let Some(w) = weight(f) else {
                        continue;
                    };
                    for &b in &postings[f.as_str()] {
                        if b > a {
                            let e = shared.entry(b).or_default();
                            e.0 += w;
                            e.1 += 1;
                        }
                    }
                }
                let mut found: Vec<PairScore> = shared
                    .iter()
                    .filter_map(|(&b, &(w, count))| {
                        let smaller = totals[a].min(totals[b]);
                        (smaller > 0.0).then(|| PairScore {
                            a,
                            b,
                            similarity: w / smaller,
                            shared: count,
                        })
                    })
                    .collect();
                found.sort_by_key(|p| p.b);
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
