//! Search from `file://`, where `fetch` is refused: the index is split into
//! small scripts (see [`shards`]) so that a search loads only the shards of
//! its terms and of the results it shows, never the whole index.
//!
//! The index holds the listed articles, then, on a site in several
//! interface languages, the translations each language's listings show
//! instead of them (see [`documents`]); the manifest says which, so that a
//! language's search page finds each story once, in its reader's version.
//!
//! This module makes each document's *entry*: a positional array
//! (`path`, `title`, `date`, theme indexes, place names, `outlet`,
//! `summary`, body words) whose body part is reduced to its distinct folded
//! words that the title and summary do not already hold, capped per article
//! (keeping the rarest words, which are the ones worth searching for). The
//! entries are kept in the build cache, so that a rebuild after a body edit
//! remakes only the entries that can change and then writes, from all of
//! them, exactly the files a full build writes. It also owns the folding
//! that the browser's script must reproduce ([`search_fold`]).

mod patch;
pub mod shards;

use super::langs::Lang;
use crate::output::OutputFile;
use crate::site::Site;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::collections::HashSet;

pub const INDEX_FILE: &str = shards::MANIFEST;
/// Distinct body words kept per article beyond its title and summary.
pub const MAX_BODY_WORDS: usize = 200;
/// Fewest body words kept per article however large the site grows.
pub(crate) const MIN_BODY_WORDS: usize = 40;
/// Body words shared out over all articles: a large site keeps fewer per
/// article so that its index stays loadable in one piece (about 1 KB per
/// article at 10,000 articles instead of 2.5 KB).
pub(crate) const TOTAL_BODY_WORDS: usize = 400_000;
/// Summaries are for result snippets; longer ones are cut at a word.
pub(crate) const MAX_SUMMARY_CHARS: usize = 240;
/// Words longer than this are cut (a run of CJK text has no spaces).
const MAX_WORD_CHARS: usize = 40;

/// The index files of a site whose articles' body words (see
/// [`distinct_words`]) are `words`, aligned with `site.articles`, sorted by path.
pub fn files(site: &Site, words: &[String]) -> Vec<OutputFile> {
    let built = build_index(site, words);
    let entries: Vec<&str> = built.entries.iter().map(|(e, _)| e.as_str()).collect();
    crate::output::collect_files(|sink| write(site, &entries, sink))
        .expect("collecting files in memory cannot fail")
}

/// Every file of the index (see [`shards`]) from the escaped entries of the
/// listed articles, in listing order, handed to `sink` one by one.
pub(crate) fn write(
    site: &Site,
    entries: &[&str],
    sink: &(dyn Fn(OutputFile) -> crate::error::Result<()> + Sync),
) -> crate::error::Result<()> {
    shards::write(&tables(site), entries, sink)
}

/// The index files that may have changed after the entries at the listing
/// positions of `changed` (position, old entry) became those in `entries`,
/// patched from the shards in the output `out` (see [`patch`]); `None` when
/// they could not be read, and the whole index must be written.
pub(crate) fn update(
    out: &std::path::Path,
    site: &Site,
    entries: &[&str],
    changed: &[(usize, &str)],
) -> Option<Vec<OutputFile>> {
    patch::update(out, &tables(site), entries, changed)
}

/// The articles the index holds, in the order of its documents: the listed
/// ones, in listing order, then for each other interface language the
/// translations its listings show instead (`langs::swaps`), in the order
/// of the stories they stand for.
pub(crate) fn documents(site: &Site) -> Vec<usize> {
    let mut docs = site.listed.clone();
    for v in versions(site) {
        docs.extend(v.articles);
    }
    docs
}

/// The translations of one interface language that its search shows
/// instead of the listed version of their story.
struct Versions {
    lang: String,
    /// Listing positions of the stories, ascending.
    positions: Vec<u32>,
    /// The translations, aligned with `positions`.
    articles: Vec<usize>,
}

fn versions(site: &Site) -> Vec<Versions> {
    let langs = Lang::all(&site.config);
    (1..langs.len())
        .map(|k| {
            let swap = super::langs::swaps(site, &langs, k);
            let (positions, articles) = site
                .listed
                .iter()
                .enumerate()
                .filter_map(|(p, i)| Some((u32::try_from(p).ok()?, *swap.get(i)?)))
                .unzip();
            Versions {
                lang: langs[k].language.to_string(),
                positions,
                articles,
            }
        })
        .filter(|v| !v.articles.is_empty())
        .collect()
}

/// What the manifest says beside the layout of the shards.
pub(crate) struct Tables {
    /// Per theme of site.toml: its slug and its names, in every interface
    /// language (the site's own first), which all find it.
    pub themes: Vec<(String, Vec<String>)>,
    /// The tags of the interface languages other than the site's own.
    pub langs: Vec<String>,
    /// Per other interface language with translations in the index: its
    /// tag, its first document, and the listing positions of the stories
    /// its documents stand for.
    pub versions: Vec<(String, usize, Vec<u32>)>,
}

impl Tables {
    /// The tables of a site in one language with these themes (slug, name).
    #[cfg(test)]
    pub(crate) fn of_themes(themes: &[(&str, &str)]) -> Tables {
        Tables {
            themes: themes
                .iter()
                .map(|(s, n)| (s.to_string(), vec![n.to_string()]))
                .collect(),
            langs: Vec::new(),
            versions: Vec::new(),
        }
    }
}

pub(crate) fn tables(site: &Site) -> Tables {
    let langs = Lang::all(&site.config);
    let themes = site
        .config
        .themes
        .iter()
        .enumerate()
        .map(|(t, theme)| {
            let names = langs.iter().map(|l| l.themes[t].clone()).collect();
            (theme.slug.to_string(), names)
        })
        .collect();
    let mut from = site.listed.len();
    let versions = versions(site)
        .into_iter()
        .map(|v| {
            let start = from;
            from += v.articles.len();
            (v.lang, start, v.positions)
        })
        .collect();
    Tables {
        themes,
        langs: langs[1..].iter().map(|l| l.language.to_string()).collect(),
        versions,
    }
}

/// Fold text the way `static/search.js` folds queries: Latin letters lose
/// their diacritics ("Hải Phòng" → "hai phong", "đ" → "d", "ø" → "o"), other
/// scripts are only lower-cased. `types::fold` transliterates every script
/// ("日本" → "ri ben"), which a browser cannot reproduce for a query, so the
/// index may only fold what the script folds too. tests/search_js.rs checks
/// that both agree.
pub fn search_fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{300}'..='\u{36F}').contains(&c) {
            // A combining accent of decomposed text: the script drops it too.
        } else if is_latin(c) && c.is_alphabetic() {
            let plain = deunicode::deunicode_char(c).unwrap_or("");
            if !plain.is_empty() && plain.chars().all(|p| p.is_ascii_alphabetic()) {
                out.push_str(&plain.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Latin letters whose accents the script strips too: Latin-1 Supplement,
/// Latin Extended-A, Latin Extended Additional (where Vietnamese letters
/// live), and of Latin Extended-B only the letters with a canonical
/// decomposition (ơ ư, pinyin ǎ, Romanian ș ț, ...). The rest of Extended-B
/// stays as it is, which the script then folds the same way at load.
fn is_latin(c: char) -> bool {
    matches!(
        c as u32,
        0x00C0..=0x017F
            | 0x1E00..=0x1E99
            | 0x1E9B
            | 0x1E9E
            | 0x1EA0..=0x1EF9
            | 0x01A0..=0x01A1
            | 0x01AF..=0x01B0
            | 0x01CD..=0x01DC
            | 0x01DE..=0x01E3
            | 0x01E6..=0x01ED
            | 0x01F0
            | 0x01F4..=0x01F5
            | 0x01F8..=0x021B
            | 0x021E..=0x021F
            | 0x0226..=0x0233
    )
}

/// Body words kept per article on a site of `n` listed articles.
pub(crate) fn body_budget(n: usize) -> usize {
    (TOTAL_BODY_WORDS / n.max(1)).clamp(MIN_BODY_WORDS, MAX_BODY_WORDS)
}

/// The distinct words of an article's plain text as the index folds them,
/// in order of first appearance, separated by spaces. Computed once per
/// article where it is loaded (on all cores), so that building the index is
/// only counting and ranking.
pub fn distinct_words(text: &str) -> String {
    let folded = search_fold(text);
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let mut out = String::with_capacity(folded.len() / 2);
    if folded.is_ascii() {
        // ASCII text is split byte by byte: the same words, faster.
        let bytes = folded.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            add_word(&folded[start..i], &mut seen, &mut out);
        }
    } else {
        for w in folded.split(|c: char| !c.is_alphanumeric()) {
            add_word(w, &mut seen, &mut out);
        }
    }
    out.shrink_to_fit();
    out
}

/// `w` added to the distinct words `out` (cut to the index's word length)
/// unless it is noise or already there.
fn add_word<'a>(w: &'a str, seen: &mut FxHashSet<&'a str>, out: &mut String) {
    if !keep_word(w) {
        return;
    }
    let w = match w.char_indices().nth(MAX_WORD_CHARS) {
        Some((cut, _)) => &w[..cut],
        None => w,
    };
    if seen.insert(w) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// Single letters are noise in an index; single digits are not ("5 years").
fn keep_word(w: &str) -> bool {
    let mut chars = w.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        (Some(c), None) => c.is_ascii_digit(),
        (Some(_), Some(_)) => true,
    }
}

/// Distinct words of folded text, in order of first appearance.
fn words(folded: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for w in folded.split(|c: char| !c.is_alphanumeric()) {
        if !keep_word(w) {
            continue;
        }
        let w: String = w.chars().take(MAX_WORD_CHARS).collect();
        if seen.insert(w.clone()) {
            out.push(w);
        }
    }
    out
}

fn cut_at_word(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > 0 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// Serialized as a positional array: path, title, date, themes, places,
/// outlet, summary, body words.
#[derive(Serialize)]
struct Entry<'a>(
    String,
    &'a str,
    String,
    Vec<usize>,
    Vec<&'a str>,
    &'a str,
    String,
    String,
);

/// The search index of a site, with the parts a later rebuild can reuse.
pub(crate) struct Built<'a> {
    /// Entry and cutoff per listed article, in listing order.
    pub entries: Vec<(String, Option<Cutoff>)>,
    pub doc_freq: FxHashMap<&'a str, u32>,
}

/// The index of a site; `words` are the articles' body words (see
/// [`distinct_words`]), aligned with `site.articles`.
pub(crate) fn build_index<'a>(site: &Site, words: &'a [String]) -> Built<'a> {
    let doc_freq = doc_freq(site, words);
    let entries = entries(site, words, &documents(site), &|w| {
        doc_freq.get(w).copied().unwrap_or(0)
    });
    Built { entries, doc_freq }
}

/// In how many documents each body word occurs, so that an article over
/// budget keeps its most distinctive words: counted on all cores, each thread
/// into its own table, then merged.
pub(crate) fn doc_freq<'a>(site: &Site, words: &'a [String]) -> FxHashMap<&'a str, u32> {
    documents(site)
        .par_iter()
        .fold(FxHashMap::default, |mut counts, &i| {
            for w in words[i].split(' ') {
                if !w.is_empty() {
                    *counts.entry(w).or_insert(0) += 1;
                }
            }
            counts
        })
        .reduce(FxHashMap::default, |mut a, mut b| {
            if a.len() < b.len() {
                std::mem::swap(&mut a, &mut b);
            }
            for (w, n) in b {
                *a.entry(w).or_insert(0) += n;
            }
            a
        })
}

/// How an article over budget chose its body words: ranked by (document
/// frequency, position), it kept those up to `last_kept` and dropped those
/// from `first_dropped` on. A change in a word's document frequency that
/// leaves its rank on the same side of both cannot change the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cutoff {
    pub last_kept: (u32, u32),
    pub first_dropped: (u32, u32),
}

/// The index entries (JSON arrays) of the articles `which`, in that order,
/// each with its cutoff when it had more body words than its budget.
/// An entry depends on its own article, what listings show, and the document
/// frequency of its own body words only, so a rebuild can reuse the others.
pub(crate) fn entries(
    site: &Site,
    body_words: &[String],
    which: &[usize],
    doc_freq: &(dyn Fn(&str) -> u32 + Sync),
) -> Vec<(String, Option<Cutoff>)> {
    let budget = body_budget(documents(site).len());
    let langs: Vec<String> = Lang::all(&site.config)
        .iter()
        .map(|l| l.language.primary())
        .collect();
    which
        .par_iter()
        .map(|&i| {
            let a = &site.articles[i];
            // A place is found by its name in every interface language.
            let mut places: Vec<&str> = Vec::new();
            for id in &a.front.places {
                let Some(p) = site.places.get(id) else {
                    places.push(id.as_str());
                    continue;
                };
                places.push(p.name.as_str());
                for l in &langs {
                    if let Some(n) = p.names.get(l)
                        && !places.contains(&n.as_str())
                    {
                        places.push(n);
                    }
                }
            }
            let outlet = a.front.outlet.as_deref().unwrap_or("").trim();
            let summary = cut_at_word(&a.summary, MAX_SUMMARY_CHARS);
            let shown = search_fold(&format!(
                "{} {} {} {}",
                a.front.title,
                summary,
                outlet,
                places.join(" ")
            ));
            let shown: HashSet<String> = words(&shown).into_iter().collect();
            // (document frequency, position, word): rarest words first, looked
            // up once per word rather than once per comparison.
            let mut ranked: Vec<(u32, usize, &str)> = body_words[i]
                .split(' ')
                .filter(|w| !w.is_empty())
                .enumerate()
                .map(|(pos, w)| (doc_freq(w), pos, w))
                .filter(|&(_, _, w)| !shown.contains(w))
                .collect();
            let mut cutoff = None;
            if ranked.len() > budget {
                ranked.sort_unstable();
                let key = |r: &(u32, usize, &str)| (r.0, u32::try_from(r.1).unwrap_or(u32::MAX));
                cutoff = Some(Cutoff {
                    last_kept: key(&ranked[budget - 1]),
                    first_dropped: key(&ranked[budget]),
                });
                ranked.truncate(budget);
                ranked.sort_unstable_by_key(|&(_, pos, _)| pos);
            }
            let kept: Vec<&str> = ranked.iter().map(|&(_, _, w)| w).collect();
            let theme_ids: Vec<usize> = a
                .front
                .themes
                .iter()
                .filter_map(|t| {
                    site.config
                        .themes
                        .iter()
                        .position(|c| c.slug.as_str() == t.as_str())
                })
                .collect();
            let entry = Entry(
                super::paths::article(a.slug.as_str()),
                &a.front.title,
                a.front
                    .date
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                theme_ids,
                places,
                outlet,
                summary,
                kept.join(" "),
            );
            // Escaped for the script here, on all cores, and kept so in the
            // build cache: assembling the index is then concatenation.
            let json = script_safe(
                &serde_json::to_string(&entry).expect("index entries always serialize"),
            );
            (json, cutoff)
        })
        .collect()
}

/// Make JSON safe to embed in a script, even inline: no `</script>` or
/// `<!--` can close or confuse the script element, and the line separators
/// that older engines reject inside string literals are escaped.
pub(crate) fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    push_script_safe(&mut out, json);
    out
}

/// [`script_safe`] in one pass, appending to `out`.
fn push_script_safe(out: &mut String, json: &str) {
    let mut rest = json;
    while let Some(i) = rest.find(['<', '\u{2028}', '\u{2029}']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let (escaped, len) = if rest.starts_with("</") {
            ("<\\/", 2)
        } else if rest.starts_with("<!--") {
            ("<\\u0021--", 4)
        } else if rest.starts_with('\u{2028}') {
            ("\\u2028", '\u{2028}'.len_utf8())
        } else if rest.starts_with('\u{2029}') {
            ("\\u2029", '\u{2029}'.len_utf8())
        } else {
            ("<", 1)
        };
        out.push_str(escaped);
        rest = &rest[len..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_strips_latin_diacritics_only() {
        assert_eq!(search_fold("Hải Phòng"), "hai phong");
        assert_eq!(search_fold("Đà Nẵng"), "da nang");
        assert_eq!(search_fold("Bjørn Ærø Straße"), "bjorn aero strasse");
        assert_eq!(search_fold("日本とベトナム"), "日本とベトナム");
    }

    #[test]
    fn words_are_distinct_and_skip_single_letters() {
        assert_eq!(
            words("a hai phong, hai 5 x-ray"),
            ["hai", "phong", "5", "ray"]
        );
    }

    #[test]
    fn script_safe_matches_plain_replacement() {
        let json = "{\"t\":\"a<b </p> <!-- x --> <<!--</ \u{2028}\u{2029} é<\"}";
        let expected = json
            .replace("</", "<\\/")
            .replace("<!--", "<\\u0021--")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
        assert_eq!(script_safe(json), expected);
    }

    #[test]
    fn script_safe_escapes_closing_tags_and_separators() {
        let s = script_safe("{\"t\":\"</script><!-- \u{2028}\"}");
        assert!(!s.contains("</"), "{s}");
        assert!(!s.contains("<!--"), "{s}");
        assert!(!s.contains('\u{2028}'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["t"], "</script><!-- \u{2028}");
    }

    #[test]
    fn large_sites_keep_fewer_body_words() {
        assert_eq!(body_budget(5), MAX_BODY_WORDS);
        assert_eq!(body_budget(10_000), 40);
        assert_eq!(body_budget(1_000_000), MIN_BODY_WORDS);
    }

    #[test]
    fn summaries_are_cut_at_a_word() {
        let s = cut_at_word("one two three four", 10);
        assert_eq!(s, "one two…");
    }
}
