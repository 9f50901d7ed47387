//! The words figures are recognised and labelled by (scales, currencies,
//! units, months, the nouns that say what a number counts, and the function
//! words a label is cut at), read from `data/figures.toml` so that adding a
//! language's words is an edit of data, not of code. The file is built into
//! the binary and parsed once; every language's lists are read together.

use super::Kind;
use serde::Deserialize;
use std::collections::BTreeMap;
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
    pub scales: Vec<String>,
    pub currencies: Vec<String>,
    pub currency_prefixes: Vec<String>,
    pub percent_words: Vec<String>,
    pub time_units: Vec<String>,
    pub months: Vec<String>,
    pub people: Vec<String>,
    pub firms: Vec<String>,
    pub deals: Vec<String>,
    pub generic: Vec<String>,
    pub qualifiers: Vec<String>,
    pub determiners: Vec<String>,
    pub verbs: Vec<String>,
    pub auxiliaries: Vec<String>,
    pub fillers: Vec<String>,
    pub cut_words: Vec<String>,
    pub conjunctions: Vec<String>,
    pub prepositions: Vec<String>,
    pub scope_prepositions: Vec<String>,
    pub vague_tails: Vec<String>,
    pub participle_suffixes: Vec<String>,
    pub finite_suffixes: Vec<String>,
    pub particles: Vec<String>,
}

impl Lists {
    fn fields(&mut self) -> [&mut Vec<String>; 23] {
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
            for w in mine.drain(..) {
                if !all.contains(&w) {
                    all.push(w);
                }
            }
        }
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
pub(super) fn holds(list: &[String], w: &str) -> bool {
    list.iter().any(|x| x == w)
}

/// How many of `words` (from the start) an entry of `list` matches, longest
/// entry first; 0 when none does.
pub(super) fn match_start<S: AsRef<str>>(list: &[String], words: &[S]) -> usize {
    let Some(first) = words.first() else {
        return 0;
    };
    let first = first.as_ref();
    // An entry can match only if it starts with the first word: most do
    // not, and are skipped before they are split.
    best_match(list, words.len(), |e| e.starts_with(first), |n| &words[..n])
}

/// How many of `words` (from the end) an entry of `list` matches, longest
/// entry first; 0 when none does.
pub(super) fn match_end<S: AsRef<str>>(list: &[String], words: &[S]) -> usize {
    let len = words.len();
    let Some(last) = words.last() else {
        return 0;
    };
    let last = last.as_ref();
    best_match(list, len, |e| e.ends_with(last), |n| &words[len - n..])
}

/// The word count of the longest entry of `list` that passes `maybe` (a
/// cheap test on its text) and equals the `n` words `take(n)` gives.
fn best_match<'w, S: AsRef<str> + 'w>(
    list: &[String],
    len: usize,
    maybe: impl Fn(&str) -> bool,
    take: impl Fn(usize) -> &'w [S],
) -> usize {
    let mut best = 0;
    for entry in list.iter().filter(|e| maybe(e)) {
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
        let list = vec!["more than".to_string(), "than".to_string()];
        assert_eq!(match_end(&list, &["reached", "more", "than"]), 2);
        assert_eq!(match_end(&list, &["fewer", "than"]), 1);
        assert_eq!(match_start(&list, &["more", "than", "x"]), 2);
        assert_eq!(match_start(&list, &["more"]), 0);
    }
}
