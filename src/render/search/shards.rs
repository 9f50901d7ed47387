//! The search index as many small scripts, so that a search from `file://`
//! (where `fetch` is refused but `<script>` is not) loads only what its
//! terms need, however large the site grows.
//!
//! - `search/manifest.js` (`window.SEARCH_MANIFEST = {...}`): the layout
//!   below and the theme table; a few hundred bytes.
//! - `search/terms/<hex>.js`: term shards. A word goes to the shard of its
//!   *key*, its first [`KEY_CHARS`] characters (the word itself when shorter),
//!   hashed ([`shard_of`]); so every word a typed prefix of [`KEY_CHARS`] or
//!   more characters can complete lives in one shard. Each word maps to its
//!   postings: the listed articles (by listing position) using it, each with
//!   the fields it appears in ([`TITLE`], [`META`], [`SUMMARY`], [`BODY`]).
//! - `search/docs/<n>.js`: the document store, [`DOCS_PER_SHARD`] articles
//!   per shard in listing order: what a result shows (path, title, date,
//!   themes, outlet, summary).
//!
//! Every shard calls `window.__searchShard(kind, number, data)`. The number
//! of term shards depends only on the number of listed articles, and every
//! shard is written even when empty, so a rebuild that changes no listing
//! writes exactly the files a full build writes. Japanese and Chinese text
//! has no spaces: its words are indexed as overlapping character pairs
//! ([`tokens`]), which `static/search.js` makes of a query too.
//!
//! Guarantees: the files depend only on the entries and the theme table, in
//! order (no hash-map order reaches them); shards are produced one at a
//! time per thread and handed to the sink, never all held at once.

use super::{MAX_WORD_CHARS, Tables, keep_word, script_safe, search_fold};
use crate::error::Result;
use crate::output::OutputFile;
use crate::types::{is_cjk, is_hangul};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Deserialize;

/// The manifest, loaded by the search page's own `<script>` tag.
pub const MANIFEST: &str = crate::render::paths::SEARCH_MANIFEST;
/// Characters of a word that choose its shard: prefix search works from this length on.
pub const KEY_CHARS: usize = 3;
/// Articles per document shard: the 100 results a search shows load at
/// most 100 shards of about 2 KB, wherever the results are in the listing.
pub const DOCS_PER_SHARD: usize = 5;
/// Listed articles per term shard, on average: the number of shards grows
/// with the site, so that a shard's size does not (but for its common words).
const ARTICLES_PER_TERM_SHARD: usize = 40;
const MIN_TERM_SHARDS: usize = 16;
const MAX_TERM_SHARDS: usize = 4096;
/// Field bits of a posting.
pub const TITLE: u8 = 1;
pub const META: u8 = 2;
pub const SUMMARY: u8 = 4;
pub const BODY: u8 = 8;
/// Articles parsed and tokenized at once: bounds the memory in flight (a
/// multiple of [`DOCS_PER_SHARD`], so that document shards fall within one).
const CHUNK: usize = 800 * DOCS_PER_SHARD;

/// Digits of the posting encoding: a number is written in base 32, most
/// significant digit first, every digit but the last from `MORE`.
const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
const MORE: &[u8; 32] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";

/// How many term shards a site of `listed` articles has (a power of two).
pub fn term_shards(listed: usize) -> usize {
    listed
        .div_ceil(ARTICLES_PER_TERM_SHARD)
        .next_power_of_two()
        .clamp(MIN_TERM_SHARDS, MAX_TERM_SHARDS)
}

/// The key of a word: its first [`KEY_CHARS`] characters.
pub fn key_of(word: &str) -> &str {
    match word.char_indices().nth(KEY_CHARS) {
        Some((cut, _)) => &word[..cut],
        None => word,
    }
}

/// The shard of a word among `n` (a power of two): FNV-1a over the code
/// points of its key, which the script computes the same way.
pub fn shard_of(word: &str, n: usize) -> usize {
    let mut h: u32 = 2_166_136_261;
    for c in key_of(word).chars() {
        h = (h ^ c as u32).wrapping_mul(16_777_619);
    }
    h as usize & (n - 1)
}

pub fn term_path(shard: usize) -> String {
    format!("search/terms/{shard:x}.js")
}

pub fn doc_path(shard: usize) -> String {
    format!("search/docs/{shard}.js")
}

/// Han and kana, the scripts the index cuts into pairs of characters: the
/// crate's one CJK predicate but Hangul (Korean puts spaces between its
/// words), and the ideographs past the Basic Multilingual Plane. The
/// search script's `UNSPACED` holds the same ranges.
fn unspaced(c: char) -> bool {
    (is_cjk(c) && !is_hangul(c)) || ('\u{20000}'..='\u{2FFFF}').contains(&c)
}

/// The index terms of one folded word, each handed to `term`: the word, or,
/// when it holds Han or kana, its overlapping pairs of characters
/// ("日本とベトナム" → "日本", "本と", ...), so that a query finds a word
/// inside a run of such text. Nearly every word is its own one term, and
/// costs no list.
pub fn each_token<'w>(word: &'w str, mut term: impl FnMut(&'w str)) {
    if word.is_ascii() || !word.chars().any(unspaced) {
        return term(word);
    }
    let bounds: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain([word.len()])
        .collect();
    if bounds.len() <= 3 {
        return term(word);
    }
    bounds.windows(3).for_each(|w| term(&word[w[0]..w[2]]));
}

fn push_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 13];
    let mut len = 0;
    loop {
        digits[len] = (n % 32) as u8;
        len += 1;
        n /= 32;
        if n == 0 {
            break;
        }
    }
    for (k, &d) in digits[..len].iter().enumerate().rev() {
        let set = if k == 0 { LAST } else { MORE };
        out.push(set[usize::from(d)] as char);
    }
}

/// A word's postings, `(listing position, fields)` in ascending position,
/// as text: per posting, (position − previous position) × 16 + fields.
pub fn encode_postings(postings: impl Iterator<Item = (u32, u8)>) -> String {
    let mut out = String::new();
    let mut prev = 0u32;
    for (doc, fields) in postings {
        push_number(
            &mut out,
            u64::from(doc - prev) * 16 + u64::from(fields & 15),
        );
        prev = doc;
    }
    out
}

/// [`encode_postings`] read back (for tests).
pub fn decode_postings(text: &str) -> Vec<(u32, u8)> {
    let mut out = Vec::new();
    let (mut acc, mut doc) = (0u64, 0u32);
    for b in text.bytes() {
        if let Some(d) = MORE.iter().position(|&m| m == b) {
            acc = acc * 32 + d as u64;
        } else if let Some(d) = LAST.iter().position(|&m| m == b) {
            acc = acc * 32 + d as u64;
            doc += u32::try_from(acc / 16).unwrap_or(u32::MAX);
            out.push((doc, (acc % 16) as u8));
            acc = 0;
        }
    }
    out
}

/// An index entry as `entries` wrote it (see `FIELDS`).
#[derive(Deserialize)]
pub(super) struct Parsed(
    String,
    String,
    String,
    Vec<usize>,
    Vec<String>,
    String,
    String,
    String,
);

/// An entry read back. Entries are made by `entries` and always parse; a
/// damaged cache entry becomes an empty result rather than a panic.
pub(super) fn parse(e: &str) -> Parsed {
    serde_json::from_str(e).unwrap_or_else(|_| {
        Parsed(
            String::new(),
            String::new(),
            String::new(),
            Vec::new(),
            Vec::new(),
            String::new(),
            String::new(),
            String::new(),
        )
    })
}

/// The document shard `k`, holding `docs`.
pub(super) fn doc_file(k: usize, docs: &[Parsed]) -> OutputFile {
    let docs: Vec<_> = docs
        .iter()
        .map(|p| serde_json::json!([p.0, p.1, p.2, p.3, p.5, p.6]))
        .collect();
    let json = script_safe(&serde_json::Value::from(docs).to_string());
    OutputFile::new(
        doc_path(k),
        format!("window.__searchShard(\"d\",{k},{json});\n"),
    )
}

/// What the term shard `s` starts with; its data follows, then `);\n`.
pub(super) fn term_prefix(s: usize) -> String {
    format!("window.__searchShard(\"t\",{s},")
}

/// The term shard `s`, holding `words` (word, encoded postings) in byte order of the words.
pub(super) fn term_file<'a>(
    s: usize,
    words: impl Iterator<Item = (&'a str, String)>,
) -> OutputFile {
    let mut text = term_prefix(s);
    text.push('{');
    for (g, (word, postings)) in words.enumerate() {
        if g > 0 {
            text.push(',');
        }
        text.push_str(&script_safe(&serde_json::Value::from(word).to_string()));
        text.push_str(":\"");
        text.push_str(&postings);
        text.push('"');
    }
    text.push_str("});\n");
    OutputFile::new(term_path(s), text)
}

/// The manifest of an index of `count` documents. On a site in several
/// interface languages it also holds the themes' `names` in the other
/// languages, and their `versions`: per language, the first of its
/// documents and the listing positions of the stories they stand for (as
/// postings without fields), which its search page shows instead of the
/// listed ones; every other page leaves them out.
pub(super) fn manifest_file(tables: &Tables, count: usize) -> OutputFile {
    let themes: Vec<(&str, &str)> = tables
        .themes
        .iter()
        .map(|(slug, names)| (slug.as_str(), names.first().map_or("", String::as_str)))
        .collect();
    let mut manifest = serde_json::json!({
        "version": 2,
        "count": count,
        "terms": term_shards(count),
        "key": KEY_CHARS,
        "docs": DOCS_PER_SHARD,
        "themes": themes,
    });
    if !tables.langs.is_empty() {
        let names: serde_json::Map<String, serde_json::Value> = tables
            .langs
            .iter()
            .enumerate()
            .map(|(k, lang)| {
                let of: Vec<&str> = tables
                    .themes
                    .iter()
                    .map(|(_, names)| names.get(k + 1).map_or("", String::as_str))
                    .collect();
                (lang.clone(), serde_json::json!(of))
            })
            .collect();
        manifest["names"] = names.into();
        let versions: Vec<serde_json::Value> = tables
            .versions
            .iter()
            .map(|(lang, from, positions)| {
                serde_json::json!({
                    "lang": lang,
                    "from": from,
                    "of": encode_postings(positions.iter().map(|&p| (p, 0))),
                })
            })
            .collect();
        manifest["versions"] = versions.into();
    }
    OutputFile::new(
        MANIFEST,
        format!(
            "window.SEARCH_MANIFEST = {};\n",
            script_safe(&manifest.to_string())
        ),
    )
}

/// Terms of one article with the fields each is in, sorted by term.
pub(super) fn article_terms(e: &Parsed, tables: &Tables) -> Vec<(String, u8)> {
    let mut found: FxHashMap<String, u8> = FxHashMap::default();
    let mut add = |text: &str, field: u8| {
        let folded = search_fold(text);
        for w in folded.split(|c: char| !c.is_alphanumeric()) {
            if !keep_word(w) {
                continue;
            }
            let w = match w.char_indices().nth(MAX_WORD_CHARS) {
                Some((cut, _)) => &w[..cut],
                None => w,
            };
            each_token(w, |t| match found.get_mut(t) {
                Some(f) => *f |= field,
                None => {
                    found.insert(t.to_string(), field);
                }
            });
        }
    };
    add(&e.1, TITLE);
    // A theme is found by its name in every interface language.
    let mut theme_names: Vec<&str> = Vec::new();
    for (_, names) in e.3.iter().filter_map(|&t| tables.themes.get(t)) {
        for n in names {
            if !theme_names.contains(&n.as_str()) {
                theme_names.push(n);
            }
        }
    }
    add(
        &format!("{} {} {}", theme_names.join(" "), e.4.join(" "), e.5),
        META,
    );
    add(&e.6, SUMMARY);
    add(&e.7, BODY);
    let mut terms: Vec<(String, u8)> = found.into_iter().collect();
    terms.sort_unstable();
    terms
}

/// Every file of the index, from the entries of the listed articles (in
/// listing order, as `entries` made them), handed to `sink`.
pub(crate) fn write(
    tables: &Tables,
    entries: &[&str],
    sink: &(dyn Fn(OutputFile) -> Result<()> + Sync),
) -> Result<()> {
    let n = term_shards(entries.len());
    sink(manifest_file(tables, entries.len()))?;

    // One pass over the entries, a chunk at a time: its document shards
    // (what results show) are written, and its terms gathered.
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut shards: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
    for (c, chunk) in entries.chunks(CHUNK).enumerate() {
        let parsed: Vec<Parsed> = chunk.par_iter().map(|e| parse(e)).collect();
        parsed
            .par_chunks(DOCS_PER_SHARD)
            .enumerate()
            .try_for_each(|(k, docs)| sink(doc_file(c * (CHUNK / DOCS_PER_SHARD) + k, docs)))?;
        let terms: Vec<Vec<(String, u8)>> = parsed
            .par_iter()
            .map(|p| article_terms(p, tables))
            .collect();
        drop(parsed);
        for (k, list) in terms.into_iter().enumerate() {
            let doc = u32::try_from(c * CHUNK + k).unwrap_or(u32::MAX);
            for (term, fields) in list {
                let posting = doc << 4 | u32::from(fields);
                match ids.get(&term) {
                    Some(&id) => shards[shard_of(&term, n)].push((id, posting)),
                    None => {
                        let id = u32::try_from(names.len()).unwrap_or(u32::MAX);
                        shards[shard_of(&term, n)].push((id, posting));
                        ids.insert(term.clone(), id);
                        names.push(term);
                    }
                }
            }
        }
    }
    drop(ids);
    shards
        .into_par_iter()
        .enumerate()
        .try_for_each(|(s, mut postings)| {
            // Stable: each word's postings stay in listing order.
            postings.sort_by(|a, b| names[a.0 as usize].cmp(&names[b.0 as usize]));
            let words = postings.chunk_by(|a, b| a.0 == b.0).map(|group| {
                (
                    names[group[0].0 as usize].as_str(),
                    encode_postings(group.iter().map(|&(_, p)| (p >> 4, (p & 15) as u8))),
                )
            });
            sink(term_file(s, words))
        })
}

/// Every file `write` makes of `entries` (a site of one theme), by path.
#[cfg(test)]
pub(super) fn written(entries: &[&str]) -> Vec<OutputFile> {
    let files = std::sync::Mutex::new(Vec::new());
    write(
        &Tables::of_themes(&[("investment", "Investment")]),
        entries,
        &|f| {
            files.lock().unwrap().push(f);
            Ok(())
        },
    )
    .unwrap();
    let mut files = files.into_inner().unwrap();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip() {
        let p = vec![(0, 1), (1, 15), (2, 8), (40, 3), (100_000, 9), (100_001, 1)];
        let text = encode_postings(p.iter().copied());
        assert_eq!(decode_postings(&text), p);
        // A word in every article costs one character per article.
        let every: Vec<(u32, u8)> = (1..=1000).map(|d| (d, BODY)).collect();
        assert_eq!(encode_postings(every.into_iter()).len(), 1000);
    }

    #[test]
    fn a_prefix_and_its_completions_share_a_shard() {
        let n = 4096;
        assert_eq!(shard_of("pho", n), shard_of("phong", n));
        assert_eq!(shard_of("pho", n), shard_of("photograph", n));
        assert_eq!(key_of("hải"), "hải");
        assert_eq!(key_of("ab"), "ab");
        // The script's hash, computed by hand: FNV-1a of "a".
        assert_eq!(shard_of("a", 1 << 31), 0xe40c_292c_usize & ((1 << 31) - 1));
    }

    #[test]
    fn shard_count_grows_with_the_site_in_powers_of_two() {
        assert_eq!(term_shards(0), MIN_TERM_SHARDS);
        assert_eq!(term_shards(10_000), 256);
        assert_eq!(term_shards(100_000), 4096);
        assert!(term_shards(10_000_000) == MAX_TERM_SHARDS);
    }

    #[test]
    fn unspaced_is_han_and_kana_as_the_script_has_them() {
        // The ranges of search.js's UNSPACED, written out.
        let script = |c: u32| {
            matches!(c, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
                | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x2FFFF)
        };
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(unspaced(c), script(c as u32), "U+{:04X}", c as u32);
        }
    }

    fn tokens(word: &str) -> Vec<&str> {
        let mut out = Vec::new();
        each_token(word, |t| out.push(t));
        out
    }

    #[test]
    fn unspaced_scripts_become_pairs() {
        assert_eq!(
            tokens("日本とベトナム"),
            ["日本", "本と", "とベ", "ベト", "トナ", "ナム"]
        );
        assert_eq!(tokens("日本"), ["日本"]);
        assert_eq!(tokens("hanoi"), ["hanoi"]);
    }

    #[test]
    fn files_are_the_manifest_and_every_shard() {
        let entries = [
            r#"["articles/a/index.html","Hải Phòng port","2025-01-02",[0],["Hải Phòng"],"VNA","A summary","gunma osaka"]"#,
            r#"["articles/b/index.html","Osaka","",[],[],"","",""]"#,
        ];
        let files = written(&entries);
        assert_eq!(files.len(), 1 + 1 + MIN_TERM_SHARDS);
        let text = |p: &str| {
            String::from_utf8(files.iter().find(|f| f.path == p).unwrap().bytes.clone()).unwrap()
        };
        let shard = text(&term_path(shard_of("osaka", MIN_TERM_SHARDS)));
        let json = shard
            .split_once(',')
            .and_then(|(_, r)| r.split_once(','))
            .map(|(_, r)| r.trim_end_matches(");\n"))
            .unwrap();
        let words: serde_json::Value = serde_json::from_str(json).unwrap();
        // In a's body (position 0) and b's title (position 1).
        let osaka = decode_postings(words["osaka"].as_str().unwrap());
        assert_eq!(osaka, [(0, BODY), (1, TITLE)]);
        let hai = text(&term_path(shard_of("hai", MIN_TERM_SHARDS)));
        assert!(hai.contains("\"hai\":"), "{hai}");
        assert!(text(&doc_path(0)).contains("Hải Phòng port"));
    }
}
