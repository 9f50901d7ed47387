//! The words figures are recognised and labelled by (scales, currencies,
//! units, months, the nouns that say what a number counts, and the function
//! words a label is cut at), read from `data/figures.toml` so that adding a
//! language's words is an edit of data, not of code. The file is built into
//! the binary and parsed once; every language's lists are read together.

use super::Kind;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

/// The built-in lists.
pub const BUILTIN: &str = include_str!("../../../data/figures.toml");

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    cjk_units: Units,
    #[serde(default)]
    languages: BTreeMap<String, Lists>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Units {
    #[serde(default)]
    money: Vec<String>,
    #[serde(default)]
    people: Vec<String>,
    #[serde(default)]
    firms: Vec<String>,
    #[serde(default)]
    deals: Vec<String>,
    #[serde(default)]
    percent: Vec<String>,
}

/// One language's lists, and (merged) all languages' lists.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct Lists {
    pub scales: WordList,
    pub currencies: WordList,
    pub currency_prefixes: WordList,
    pub percent_words: WordList,
    pub time_units: WordList,
    pub months: WordList,
    pub people: WordList,
    pub firms: WordList,
    pub deals: WordList,
    pub generic: WordList,
    pub qualifiers: WordList,
    pub determiners: WordList,
    pub verbs: WordList,
    pub auxiliaries: WordList,
    pub fillers: WordList,
    pub cut_words: WordList,
    pub conjunctions: WordList,
    pub prepositions: WordList,
    pub scope_prepositions: WordList,
    pub vague_tails: WordList,
    pub participle_suffixes: WordList,
    pub finite_suffixes: WordList,
    pub particles: WordList,
}

impl Lists {
    fn fields(&mut self) -> [&mut WordList; 23] {
        [
            &mut self.scales,
            &mut self.currencies,
            &mut self.currency_prefixes,
            &mut self.percent_words,
            &mut self.time_units,
            &mut self.months,
            &mut self.people,
            &mut self.firms,
            &mut self.deals,
            &mut self.generic,
            &mut self.qualifiers,
            &mut self.determiners,
            &mut self.verbs,
            &mut self.auxiliaries,
            &mut self.fillers,
            &mut self.cut_words,
            &mut self.conjunctions,
            &mut self.prepositions,
            &mut self.scope_prepositions,
            &mut self.vague_tails,
            &mut self.participle_suffixes,
            &mut self.finite_suffixes,
            &mut self.particles,
        ]
    }
}

/// A list of words and phrases (lower-cased words joined by single
/// spaces), indexed: every label test asks whether a list holds a word or
/// which of its phrases starts or ends a run of words, for every word of
/// every sentence with a figure, and a scan of the whole list per question
/// was a tenth of the import.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(from = "Vec<String>")]
pub(super) struct WordList {
    entries: Vec<String>,
    whole: HashSet<String>,
    /// Entry numbers by their first word, and by their last.
    by_first: HashMap<String, Vec<usize>>,
    by_last: HashMap<String, Vec<usize>>,
}

impl From<Vec<String>> for WordList {
    fn from(entries: Vec<String>) -> Self {
        let mut list = WordList {
            entries,
            ..WordList::default()
        };
        list.reindex();
        list
    }
}

impl std::ops::Deref for WordList {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.entries
    }
}

impl WordList {
    fn reindex(&mut self) {
        self.whole = self.entries.iter().cloned().collect();
        self.by_first.clear();
        self.by_last.clear();
        for (k, e) in self.entries.iter().enumerate() {
            let first = e.split(' ').next().unwrap_or_default();
            let last = e.rsplit(' ').next().unwrap_or_default();
            self.by_first.entry(first.to_string()).or_default().push(k);
            self.by_last.entry(last.to_string()).or_default().push(k);
        }
    }

    /// Adds `w` unless the list holds it; the index is rebuilt by `reindex`.
    fn push_new(&mut self, w: String) {
        if !self.entries.contains(&w) {
            self.entries.push(w);
        }
    }
}

/// Every language's lists merged, and the CJK units with their kind.
#[derive(Debug, Default)]
pub(super) struct Lexicon {
    pub lists: Lists,
    /// Longest first, so that "億円" is found before "円".
    pub cjk_units: Vec<(String, Kind)>,
}

fn parse(text: &str) -> Result<Lexicon, toml::de::Error> {
    let file: File = toml::from_str(text)?;
    let mut lists = Lists::default();
    for mut one in file.languages.into_values() {
        for (all, mine) in lists.fields().into_iter().zip(one.fields()) {
            for w in std::mem::take(&mut mine.entries) {
                all.push_new(w);
            }
        }
    }
    for list in lists.fields() {
        list.reindex();
    }
    let u = file.cjk_units;
    let mut cjk_units: Vec<(String, Kind)> = [
        (u.money, Kind::Money),
        (u.people, Kind::People),
        (u.firms, Kind::Firms),
        (u.deals, Kind::Deals),
        (u.percent, Kind::Percent),
    ]
    .into_iter()
    .flat_map(|(list, kind)| list.into_iter().map(move |w| (w, kind)))
    .collect();
    // Stable: units of one length keep the file's order.
    cjk_units.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    Ok(Lexicon { lists, cjk_units })
}

/// The lexicon, parsed on first use. The built-in file is checked by a
/// test; should it ever fail to parse, the lists are empty and no figure is
/// found, rather than the importer stopping.
pub(super) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| parse(BUILTIN).unwrap_or_default())
}

/// `list` holds the word `w`.
pub(super) fn holds(list: &WordList, w: &str) -> bool {
    list.whole.contains(w)
}

/// How many of `words` (from the start) an entry of `list` matches, longest
/// entry first; 0 when none does.
pub(super) fn match_start<S: AsRef<str>>(list: &WordList, words: &[S]) -> usize {
    let Some(first) = words.first() else {
        return 0;
    };
    // Only an entry that starts with the first word can match.
    let Some(candidates) = list.by_first.get(first.as_ref()) else {
        return 0;
    };
    best_match(list, candidates, words.len(), |n| &words[..n])
}

/// How many of `words` (from the end) an entry of `list` matches, longest
/// entry first; 0 when none does.
pub(super) fn match_end<S: AsRef<str>>(list: &WordList, words: &[S]) -> usize {
    let len = words.len();
    let Some(last) = words.last() else {
        return 0;
    };
    let Some(candidates) = list.by_last.get(last.as_ref()) else {
        return 0;
    };
    best_match(list, candidates, len, |n| &words[len - n..])
}

/// The word count of the longest of the `candidates` entries of `list`
/// that equals the `n` words `take(n)` gives.
fn best_match<'w, S: AsRef<str> + 'w>(
    list: &WordList,
    candidates: &[usize],
    len: usize,
    take: impl Fn(usize) -> &'w [S],
) -> usize {
    let mut best = 0;
    for entry in candidates.iter().map(|&k| &list.entries[k]) {
        let n = entry.bytes().filter(|&b| b == b' ').count() + 1;
        if n > best && n <= len && entry.split(' ').eq(take(n).iter().map(AsRef::as_ref)) {
            best = n;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_lists_parse_and_are_filled() {
        let mut lex = parse(BUILTIN).unwrap();
        assert!(lex.cjk_units.len() >= 20);
        assert_eq!(lex.cjk_units[0].0, "億ベトナムドン");
        let l = &mut lex.lists;
        for list in l.fields() {
            assert!(!list.is_empty(), "{list:?}");
        }
        // Lower case where the rules compare lower-cased words.
        let prefixes = l.currency_prefixes.clone();
        for list in l.fields() {
            if *list != prefixes {
                assert!(list.iter().all(|x| x.to_lowercase() == *x), "{list:?}");
            }
        }
        assert!(holds(&l.verbs, "reached") && holds(&l.qualifiers, "hơn"));
    }

    #[test]
    fn phrases_match_at_either_end() {
        let list = WordList::from(vec!["more than".to_string(), "than".to_string()]);
        assert_eq!(match_end(&list, &["reached", "more", "than"]), 2);
        assert_eq!(match_end(&list, &["fewer", "than"]), 1);
        assert_eq!(match_start(&list, &["more", "than", "x"]), 2);
        assert_eq!(match_start(&list, &["more"]), 0);
    }
}
