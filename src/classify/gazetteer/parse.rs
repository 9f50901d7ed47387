//! Reading the gazetteer's data file: places, country names and
//! cooperation words, checked, compiled into the matchers.

use super::{Country, Gazetteer, NativePlaces, Place, PlaceKind, matched_inside_words};
use crate::classify::text::{Lang, PhraseIndex, Policy, compile_term, tokenize};
use crate::error::{Error, Result, from_toml};
use crate::types::fold;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileData {
    /// Family names that, right before a place name, make it part of a
    /// person's name ("Nguyễn Hà Nam").
    #[serde(default)]
    surnames: Vec<String>,
    /// Per language: words that make a sentence a cooperation context.
    #[serde(default)]
    cooperation_words: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    countries: BTreeMap<String, CountryData>,
    #[serde(default)]
    places: Vec<PlaceData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryData {
    aliases: Vec<String>,
    /// Localities the gazetteer does not list, told by their shape in the
    /// country's own language and script.
    #[serde(default)]
    native_places: Option<NativePlaces>,
    /// Languages written at home there: an article in one of them names
    /// the country as its writers' own, which says less of its subject.
    #[serde(default)]
    languages: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceData {
    id: String,
    name: String,
    /// Display names in other languages, by language: pages in that
    /// language show it; matching text goes by `name` and `aliases` only.
    #[serde(default)]
    names: BTreeMap<String, String>,
    country: String,
    kind: PlaceKind,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    merged_into: Option<String>,
    #[serde(default)]
    within: Option<String>,
    /// The bare name is too ambiguous (a surname, a common word): match only
    /// the aliases, which should carry "Prefecture" or "tỉnh".
    #[serde(default)]
    strict: bool,
}

impl Gazetteer {
    /// Parse gazetteer text; `path` is only used in error messages.
    pub fn parse(path: &Path, text: &str, countries: &[String]) -> Result<Gazetteer> {
        let data: FileData = toml::from_str(text).map_err(|e| from_toml(path, text, 0, &e))?;
        let err = |needle: &str, msg: String, hint: &str| {
            Error::input(
                path,
                crate::classify::line_of(text, needle),
                msg,
                Some(hint.to_string()),
            )
        };

        let mut country_list = Vec::new();
        let mut country_names = PhraseIndex::new();
        // site.toml's countries first, in its order, then the others of the
        // file: naming a third country more than one of the two is a sign
        // of a story about another pair.
        let others = data.countries.keys().filter(|k| !countries.contains(k));
        for (ci, name) in countries.iter().chain(others).enumerate() {
            let Some(c) = data.countries.get(name) else {
                return Err(err(
                    "[countries",
                    format!("no entry for the country `{name}` of site.toml's `countries`"),
                    &format!(
                        "add a table [countries.{name}] with aliases = [\"{name}\", ...] (the words that name it in each language)"
                    ),
                ));
            };
            let mut cjk = Vec::new();
            for alias in std::iter::once(name).chain(&c.aliases) {
                if matched_inside_words(alias) {
                    cjk.push(alias.clone());
                    continue;
                }
                let pats = compile_term(alias, Policy::Exact).map_err(|e| {
                    err(
                        alias,
                        format!("country alias `{alias}`: {e}"),
                        "write the word as it appears in text",
                    )
                })?;
                // As for places, a word written with a capital must be
                // capitalised in the text: "Pháp" is France, "phương pháp"
                // a method and "pháp nhân" a legal entity.
                let caps = tokenize(alias, Lang::Other).iter().map(|t| t.cap).collect();
                country_names.insert(pats, (ci, caps));
            }
            country_list.push(Country {
                name: name.clone(),
                cjk,
                native: c.native_places.clone(),
                languages: c.languages.clone(),
            });
        }

        let mut demonyms: Vec<String> = countries
            .iter()
            .filter_map(|n| data.countries.get(n))
            .flat_map(|c| &c.aliases)
            .filter(|a| !matched_inside_words(a) && !a.contains(' '))
            .map(|a| a.trim_end_matches('*').to_lowercase())
            .collect();
        demonyms.sort();
        demonyms.dedup();
        let mut places: BTreeMap<String, Place> = BTreeMap::new();
        let mut names = PhraseIndex::new();
        let mut cjk_names = Vec::new();
        for p in &data.places {
            let id_ok = !p.id.is_empty()
                && p.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !id_ok {
                return Err(err(
                    &format!("\"{}\"", p.id),
                    format!("place id `{}` may only hold a-z, 0-9 and -", p.id),
                    "ids name pages: write e.g. \"hai-phong\"",
                ));
            }
            if !countries.contains(&p.country) {
                return Err(err(
                    &format!("\"{}\"", p.id),
                    format!(
                        "place `{}` is in `{}`, which is not one of site.toml's countries",
                        p.id, p.country
                    ),
                    &format!("use one of: {}", countries.join(", ")),
                ));
            }
            if places.contains_key(&p.id) {
                return Err(err(
                    &format!("\"{}\"", p.id),
                    format!("place id `{}` is used twice", p.id),
                    "give each place its own id",
                ));
            }
            let mut aliases: Vec<String> = Vec::new();
            if !p.strict {
                aliases.push(p.name.clone());
            }
            aliases.extend(p.aliases.iter().cloned());
            for alias in &aliases {
                if matched_inside_words(alias) {
                    cjk_names.push((alias.clone(), p.id.clone()));
                    continue;
                }
                let pats = compile_term(alias, Policy::Folded).map_err(|e| {
                    err(
                        alias,
                        format!("alias `{alias}` of `{}`: {e}", p.id),
                        "write the name as it appears in text",
                    )
                })?;
                let caps = tokenize(alias, Lang::Other).iter().map(|t| t.cap).collect();
                // The first place to claim a name keeps it: list current
                // provinces before cities that share their name.
                names.insert(pats, (p.id.clone(), caps));
            }
            places.insert(
                p.id.clone(),
                Place {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    names: p
                        .names
                        .iter()
                        .map(|(l, n)| {
                            (crate::types::Language::new(l.as_str()).primary(), n.clone())
                        })
                        .collect(),
                    country: p.country.clone(),
                    kind: p.kind,
                    aliases: p.aliases.clone(),
                    merged_into: p.merged_into.clone(),
                    absorbed: Vec::new(),
                    within: p.within.clone(),
                },
            );
        }
        // Longer CJK names first so that 大阪府 is preferred over a shorter overlap.
        cjk_names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));

        let ids: BTreeSet<String> = places.keys().cloned().collect();
        let mut absorbed: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for p in places.values() {
            for (what, target) in [("merged_into", &p.merged_into), ("within", &p.within)] {
                if let Some(t) = target
                    && !ids.contains(t)
                {
                    return Err(err(
                        &format!("\"{}\"", p.id),
                        format!(
                            "place `{}` has {what} = \"{t}\", which is not a place id",
                            p.id
                        ),
                        "use the id of a place listed in this file",
                    ));
                }
            }
            if let Some(t) = &p.merged_into {
                absorbed.entry(t.clone()).or_default().push(p.id.clone());
            }
        }
        for (id, list) in absorbed {
            if let Some(p) = places.get_mut(&id) {
                p.absorbed = list;
            }
        }

        let surnames = data.surnames.iter().map(|s| fold(s)).collect();
        let mut cooperation = BTreeMap::new();
        let mut cooperation_cjk: BTreeMap<Lang, Vec<String>> = BTreeMap::new();
        for (code, words) in &data.cooperation_words {
            let lang = Lang::from_code(code);
            let index: &mut PhraseIndex<()> = cooperation.entry(lang).or_default();
            for w in words {
                if matched_inside_words(w) {
                    cooperation_cjk.entry(lang).or_default().push(w.clone());
                    continue;
                }
                let pats = compile_term(w, Policy::Stemmed(lang)).map_err(|e| {
                    err(
                        w,
                        format!("cooperation word `{w}`: {e}"),
                        "write the word as it appears in text",
                    )
                })?;
                index.insert(pats, ());
            }
        }
        Ok(Gazetteer {
            places,
            countries: country_list,
            names,
            cjk_names,
            country_names,
            surnames,
            cooperation,
            cooperation_cjk,
            demonyms,
            site_countries: countries.len(),
        })
    }
}
