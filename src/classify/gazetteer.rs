//! The gazetteer: localities of the two countries (with former Vietnamese
//! provinces and what they merged into), the words that name each country,
//! and the words that mark a cooperation context. All of it lives in a data
//! file (`gazetteer` in site.toml) that users can extend.

use super::text::{Lang, PhraseIndex, Policy, Token, compile_term, tokenize};
use crate::config::SiteConfig;
use crate::error::{Error, Result, from_toml};
use crate::types::fold;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

/// The gazetteer shipped with the tool, used when a site has none of its own.
pub const BUILTIN: &str = include_str!("../../data/gazetteer.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceKind {
    /// A province (Vietnam) or its equivalent.
    Province,
    /// A centrally-run city with provincial status (Hà Nội, Hải Phòng, ...).
    Municipality,
    /// A prefecture of Japan (Tokyo, Osaka and Kyoto included).
    Prefecture,
    /// A region grouping several provinces or prefectures (Kansai, Mekong Delta).
    Region,
    /// A city inside a province or prefecture.
    City,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Province => "province",
            PlaceKind::Municipality => "municipality",
            PlaceKind::Prefecture => "prefecture",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
        }
    }
}

/// One locality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Stable id, used in front matter and page addresses: `hai-phong`.
    pub id: String,
    /// Display name with diacritics: "Hải Phòng".
    pub name: String,
    /// Country name as in site.toml's `countries`.
    pub country: String,
    pub kind: PlaceKind,
    /// Other names it goes by (the display name is always one too).
    pub aliases: Vec<String>,
    /// For a former province merged into another (Vietnam, 2025): the current one's id.
    pub merged_into: Option<String>,
    /// For a current province: the ids of the former ones it absorbed.
    pub absorbed: Vec<String>,
    /// For a city or region: the province or prefecture it lies in, when one.
    pub within: Option<String>,
}

impl Place {
    /// The id to file articles under today: a former province's successor.
    pub fn current_id(&self) -> &str {
        self.merged_into.as_deref().unwrap_or(&self.id)
    }
}

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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceData {
    id: String,
    name: String,
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

/// A country with the index of its names.
#[derive(Debug, Clone)]
struct Country {
    name: String,
    cjk: Vec<String>,
}

/// A place named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceHit {
    pub id: String,
    /// Index of the first word of the name in the token list.
    pub token: usize,
    pub sentence: u32,
}

#[derive(Debug, Clone)]
pub struct Gazetteer {
    places: BTreeMap<String, Place>,
    countries: Vec<Country>,
    /// Place names; the value is (place id, which words must be capitalised).
    names: PhraseIndex<(String, Vec<bool>)>,
    /// Names in scripts without spaces (群馬県), found by substring.
    cjk_names: Vec<(String, String)>,
    country_names: PhraseIndex<usize>,
    surnames: HashSet<String>,
    cooperation: BTreeMap<Lang, PhraseIndex<()>>,
    demonyms: Vec<String>,
    /// How many of `countries` are site.toml's (they come first).
    site_countries: usize,
    /// Cooperation words in scripts without spaces, found inside words.
    cooperation_cjk: BTreeMap<Lang, Vec<String>>,
}

fn is_cjk(s: &str) -> bool {
    s.chars().any(crate::types::is_cjk)
}

impl Gazetteer {
    /// Load the file site.toml names (`gazetteer`), or the built-in one when
    /// the site keeps the default path and has no such file.
    pub fn load(root: &Path, config: &SiteConfig) -> Result<Gazetteer> {
        let text = super::read_data_file(
            root,
            &config.gazetteer,
            crate::config::DEFAULT_GAZETTEER,
            BUILTIN,
            "gazetteer",
        )?;
        Self::parse(&config.gazetteer, &text, &config.countries)
    }

    /// Parse gazetteer text; `path` is only used in error messages.
    pub fn parse(path: &Path, text: &str, countries: &[String]) -> Result<Gazetteer> {
        let data: FileData = toml::from_str(text).map_err(|e| from_toml(path, text, 0, &e))?;
        let err = |needle: &str, msg: String, hint: &str| {
            Error::input(
                path,
                super::line_of(text, needle),
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
                if is_cjk(alias) {
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
                country_names.insert(pats, ci);
            }
            country_list.push(Country {
                name: name.clone(),
                cjk,
            });
        }

        let mut demonyms: Vec<String> = countries
            .iter()
            .filter_map(|n| data.countries.get(n))
            .flat_map(|c| &c.aliases)
            .filter(|a| !is_cjk(a) && !a.contains(' '))
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
                if is_cjk(alias) {
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
                if is_cjk(w) {
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

    pub fn get(&self, id: &str) -> Option<&Place> {
        self.places.get(id)
    }

    pub fn places(&self) -> impl Iterator<Item = &Place> {
        self.places.values()
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The ids an article on `id` should also be listed under: a current
    /// province's page gathers articles on the former ones it absorbed, so
    /// the article on a former province is filed under its successor too.
    pub fn with_successor(&self, id: &str) -> Vec<String> {
        let mut out = vec![id.to_string()];
        if let Some(t) = self.get(id).and_then(|p| p.merged_into.clone()) {
            out.push(t);
        }
        out
    }

    /// Places named in tokenised text (and, for CJK names, in the raw text).
    pub fn find_places(&self, tokens: &[Token], raw: &str) -> Vec<PlaceHit> {
        let mut hits = Vec::new();
        for (id, i, _) in self.names.find_all(tokens) {
            let (place, caps) = self.names.value(id);
            let capitalised = caps
                .iter()
                .enumerate()
                .all(|(k, &must)| !must || tokens[i + k].cap);
            if !capitalised || self.part_of_person_name(tokens, i) {
                continue;
            }
            hits.push(PlaceHit {
                id: place.clone(),
                token: i,
                sentence: tokens[i].sentence,
            });
        }
        if !self.cjk_names.is_empty() && is_cjk(raw) {
            let mut taken: Vec<(usize, usize)> = Vec::new();
            for (name, id) in &self.cjk_names {
                for (pos, _) in raw.match_indices(name.as_str()) {
                    let end = pos + name.len();
                    if taken.iter().any(|&(s, e)| pos < e && s < end) {
                        continue;
                    }
                    taken.push((pos, end));
                    // The sentence of a CJK hit is that of the nearest word before it.
                    let token = tokens.partition_point(|t| t.start <= pos).saturating_sub(1);
                    let sentence = tokens.get(token).map_or(0, |t| t.sentence);
                    hits.push(PlaceHit {
                        id: id.clone(),
                        token,
                        sentence,
                    });
                }
            }
        }
        hits
    }

    /// Whether a name at `i` follows a capitalised family name in the same
    /// run of words ("Nguyễn Hà Nam" is a person, "Hà Nam" a province).
    fn part_of_person_name(&self, tokens: &[Token], i: usize) -> bool {
        let mut j = i;
        for _ in 0..2 {
            if j == 0 || !tokens[j].joined {
                return false;
            }
            j -= 1;
            if !tokens[j].cap {
                return false;
            }
            if self.surnames.contains(tokens[j].folded()) {
                return true;
            }
        }
        false
    }

    /// How many times each of site.toml's countries is named (in its order).
    /// A place of a country counts as naming it.
    pub fn country_mentions(&self, tokens: &[Token], raw: &str, places: &[PlaceHit]) -> Vec<usize> {
        self.mentions(tokens, raw, places).0
    }

    /// [`Self::country_mentions`], and the countries of the file other than
    /// site.toml's that are named, with how often, in one pass.
    pub fn mentions(
        &self,
        tokens: &[Token],
        raw: &str,
        places: &[PlaceHit],
    ) -> (Vec<usize>, Vec<(&str, usize)>) {
        let mut all = self.all_country_mentions(tokens, raw, places);
        let others = self.countries[self.site_countries..]
            .iter()
            .zip(&all[self.site_countries..])
            .filter(|(_, n)| **n > 0)
            .map(|(c, n)| (c.name.as_str(), *n))
            .collect();
        all.truncate(self.site_countries);
        (all, others)
    }

    fn all_country_mentions(&self, tokens: &[Token], raw: &str, places: &[PlaceHit]) -> Vec<usize> {
        let mut counts = vec![0usize; self.countries.len()];
        for (id, _, _) in self.country_names.find_all(tokens) {
            counts[*self.country_names.value(id)] += 1;
        }
        // CJK names cannot occur in ASCII text, which most is: no search.
        let ascii = raw.is_ascii();
        for (ci, c) in self.countries.iter().enumerate() {
            for name in c.cjk.iter().filter(|n| !ascii || n.is_ascii()) {
                counts[ci] += raw.matches(name.as_str()).count();
            }
        }
        for hit in places {
            if let Some(p) = self.get(&hit.id)
                && let Some(ci) = self.countries.iter().position(|c| c.name == p.country)
            {
                counts[ci] += 1;
            }
        }
        counts
    }

    /// The lower-case words (prefixes for `word*` aliases) that name
    /// site.toml's countries in space-separated scripts: what a number
    /// followed by one of them counts ("630,000 Vietnamese").
    pub fn demonyms(&self) -> &[String] {
        &self.demonyms
    }

    pub fn country_names(&self) -> Vec<&str> {
        self.countries[..self.site_countries]
            .iter()
            .map(|c| c.name.as_str())
            .collect()
    }

    /// Whether a sentence (token range) holds a cooperation word.
    pub fn is_cooperation_context(&self, lang: Lang, tokens: &[Token]) -> bool {
        let search =
            |idx: &PhraseIndex<()>| (0..tokens.len()).any(|i| idx.longest_at(tokens, i).is_some());
        let search_cjk = |words: &Vec<String>| {
            tokens
                .iter()
                .filter(|t| is_cjk(t.lower()))
                .any(|t| words.iter().any(|w| t.lower().contains(w.as_str())))
        };
        let words = match self.cooperation.get(&lang) {
            Some(idx) => search(idx),
            None => self.cooperation.values().any(search),
        };
        words
            || match self.cooperation_cjk.get(&lang) {
                Some(w) => search_cjk(w),
                None => self.cooperation_cjk.values().any(search_cjk),
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::parse(
            Path::new("data/gazetteer.toml"),
            BUILTIN,
            &["Vietnam".into(), "Japan".into()],
        )
        .unwrap()
    }

    fn ids(text: &str) -> Vec<String> {
        let g = gaz();
        let toks = tokenize(text, Lang::En);
        let mut v: Vec<String> = g
            .find_places(&toks, text)
            .into_iter()
            .map(|h| h.id)
            .collect();
        v.dedup();
        v
    }

    #[test]
    fn builtin_has_all_units() {
        let g = gaz();
        let vn: Vec<&Place> = g
            .places()
            .filter(|p| {
                p.country == "Vietnam"
                    && matches!(p.kind, PlaceKind::Province | PlaceKind::Municipality)
            })
            .collect();
        assert_eq!(vn.len(), 63, "63 former provinces and cities");
        assert_eq!(
            vn.iter().filter(|p| p.merged_into.is_none()).count(),
            34,
            "34 units since 2025"
        );
        assert_eq!(
            vn.iter()
                .filter(|p| p.kind == PlaceKind::Municipality)
                .count(),
            6
        );
        let jp = g
            .places()
            .filter(|p| p.kind == PlaceKind::Prefecture)
            .count();
        assert_eq!(jp, 47);
        assert_eq!(
            g.get("binh-dinh").unwrap().merged_into.as_deref(),
            Some("gia-lai")
        );
        assert!(
            g.get("phu-tho")
                .unwrap()
                .absorbed
                .contains(&"vinh-phuc".to_string())
        );
        assert_eq!(g.get("hai-phong").unwrap().name, "Hải Phòng");
    }

    #[test]
    fn names_with_and_without_diacritics() {
        assert_eq!(ids("Hai Phong and Hải Phòng"), ["hai-phong"]);
        assert_eq!(ids("tỉnh Ninh Bình và Gunma"), ["ninh-binh", "gunma"]);
        assert_eq!(ids("Quang Tri Province and Quang Tri"), ["quang-tri"]);
        assert_eq!(
            ids("the Kansai region, Osaka and 群馬県"),
            ["kansai", "osaka", "gunma"]
        );
    }

    #[test]
    fn ambiguous_words_do_not_match() {
        assert!(ids("Nam said the Long road to Hoa was long").is_empty());
        assert!(
            ids("hòa bình và phát triển").is_empty(),
            "lower-case 'peace' is not Hòa Bình"
        );
        assert!(
            ids("Ms. Nguyen Ha Nam, director").is_empty(),
            "part of a person's name"
        );
        assert!(
            ids("Mr. Yamaguchi spoke").is_empty(),
            "surname-like prefectures need a suffix"
        );
        assert_eq!(ids("Yamaguchi Prefecture"), ["yamaguchi"]);
    }

    #[test]
    fn countries_counted_in_each_language() {
        let g = gaz();
        for (text, lang) in [
            ("Vietnamese workers in Japan", Lang::En),
            ("người lao động Việt Nam tại Nhật Bản", Lang::Vi),
            ("vietnamesiske arbeidere i Japan", Lang::Nb),
            ("ベトナムと日本", Lang::Other),
        ] {
            let toks = tokenize(text, lang);
            assert_eq!(g.country_mentions(&toks, text, &[]), vec![1, 1], "{text}");
        }
        let toks = tokenize("lớn nhất", Lang::Vi);
        assert_eq!(g.country_mentions(&toks, "lớn nhất", &[]), vec![0, 0]);
    }

    #[test]
    fn missing_country_is_an_input_error() {
        let e = Gazetteer::parse(
            Path::new("g.toml"),
            BUILTIN,
            &["Vietnam".into(), "France".into()],
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("France") && e.contains("g.toml"), "{e}");
    }
}
