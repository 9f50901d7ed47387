//! The gazetteer: localities of the two countries (with former Vietnamese
//! provinces and what they merged into), the words that name each country,
//! and the words that mark a cooperation context. All of it lives in a data
//! file (`gazetteer` in site.toml) that users can extend.

use super::cjk::matched_inside_words;
use super::text::{Lang, PhraseIndex, Token};
use crate::config::SiteConfig;
use crate::error::Result;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
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
    /// Display names in other languages, by primary subtag (`ja` → "ハイフォン").
    pub names: BTreeMap<String, String>,
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

/// A country with the index of its names.
#[derive(Debug, Clone)]
struct Country {
    name: String,
    cjk: Vec<String>,
    native: Option<NativePlaces>,
    languages: Vec<String>,
}

/// The shape of a locality's name in a country's own language, for the
/// many towns no gazetteer lists: in Japanese, two or three kanji before
/// 市, 町, 村 or 県 (篠山市), where a foreign town would be in katakana.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NativePlaces {
    /// The language code of text the shape applies to.
    pub language: String,
    /// One-character suffixes of locality names.
    pub suffixes: Vec<char>,
    /// Characters that, right after a suffix, make it part of another
    /// word (市場, a market).
    #[serde(default)]
    pub not_followed_by: Vec<char>,
    /// Characters that, right before a suffix, make it part of another
    /// word (都市, a city).
    #[serde(default)]
    pub not_preceded_by: Vec<char>,
}

impl NativePlaces {
    /// How many names of this shape `raw` holds.
    fn count(&self, raw: &str) -> usize {
        let ideograph = |c: char| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}');
        let chars: Vec<char> = raw.chars().collect();
        let mut n = 0;
        for (i, &c) in chars.iter().enumerate() {
            if !self.suffixes.contains(&c)
                || chars
                    .get(i + 1)
                    .is_some_and(|f| self.not_followed_by.contains(f))
            {
                continue;
            }
            let run = chars[..i]
                .iter()
                .rev()
                .take_while(|&&p| ideograph(p))
                .count();
            let last = i.checked_sub(1).map(|k| chars[k]);
            if (2..=3).contains(&run) && !last.is_some_and(|l| self.not_preceded_by.contains(&l)) {
                n += 1;
            }
        }
        n
    }
}

/// Whether the words of a name found at token `at` are capitalised where
/// the gazetteer writes them so (`caps`, one flag per word).
fn capitalised(caps: &[bool], tokens: &[Token], at: usize) -> bool {
    caps.iter()
        .enumerate()
        .all(|(k, &must)| !must || tokens[at + k].cap)
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
    /// Country names; the value is (country index, which words must be
    /// capitalised).
    country_names: PhraseIndex<(usize, Vec<bool>)>,
    surnames: HashSet<String>,
    cooperation: BTreeMap<Lang, PhraseIndex<()>>,
    demonyms: Vec<String>,
    /// How many of `countries` are site.toml's (they come first).
    site_countries: usize,
    /// Cooperation words in scripts without spaces, found inside words.
    cooperation_cjk: BTreeMap<Lang, Vec<String>>,
}

mod parse;

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
            if !capitalised(caps, tokens, i) || self.part_of_person_name(tokens, i) {
                continue;
            }
            hits.push(PlaceHit {
                id: place.clone(),
                token: i,
                sentence: tokens[i].sentence,
            });
        }
        if !self.cjk_names.is_empty() && matched_inside_words(raw) {
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

    /// Localities of site.toml's countries named by their native shape
    /// (see [`NativePlaces`]) in text of `language`, per country.
    pub fn native_place_mentions(&self, raw: &str, language: &str) -> Vec<usize> {
        self.countries[..self.site_countries]
            .iter()
            .map(|c| match &c.native {
                Some(np) if np.language == language && matched_inside_words(raw) => np.count(raw),
                _ => 0,
            })
            .collect()
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
        // A place's name wins over a country's starting at the same word:
        // "Thái Nguyên" is a Vietnamese province, not Thailand.
        for (id, at, _) in self.country_names.find_all(tokens) {
            let (country, caps) = self.country_names.value(id);
            if !capitalised(caps, tokens, at) || places.iter().any(|p| p.token == at) {
                continue;
            }
            counts[*country] += 1;
        }
        // Names in CJK scripts occur only in text that has such characters,
        // which most text (English, Vietnamese) has not: no search there.
        if matched_inside_words(raw) {
            for (ci, c) in self.countries.iter().enumerate() {
                for name in &c.cjk {
                    counts[ci] += raw.matches(name.as_str()).count();
                }
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

    /// For each of site.toml's countries (in its order), whether `code` is
    /// a language written at home there.
    pub fn site_home_languages(&self, code: &str) -> Vec<bool> {
        self.countries[..self.site_countries]
            .iter()
            .map(|c| c.languages.iter().any(|l| l == code))
            .collect()
    }

    /// Whether `code` is a language written at home in `country` (by the
    /// gazetteer's `languages`).
    pub fn is_home_language(&self, country: &str, code: &str) -> bool {
        self.countries
            .iter()
            .any(|c| c.name == country && c.languages.iter().any(|l| l == code))
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
                .filter(|t| matched_inside_words(t.lower()))
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
    use crate::classify::text::tokenize;

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
        // Every place has its Japanese name, and regions their Vietnamese one.
        assert!(
            g.places().all(|p| p.names.contains_key("ja")),
            "a ja name each"
        );
        assert_eq!(g.get("yokohama").unwrap().names["ja"], "横浜");
        assert_eq!(g.get("da-nang").unwrap().names["ja"], "ダナン");
        assert_eq!(
            g.get("mekong-delta").unwrap().names["vi"],
            "Đồng bằng sông Cửu Long"
        );
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
    fn a_province_named_like_a_country_is_the_province() {
        let g = gaz();
        let text = "nhà máy ở Thái Nguyên và Bắc Ninh, còn Thái Lan thì chưa";
        let toks = tokenize(text, Lang::Vi);
        let places = g.find_places(&toks, text);
        assert!(places.iter().any(|p| p.id == "thai-nguyen"), "{places:?}");
        let (own, others) = g.mentions(&toks, text, &places);
        assert_eq!(own[0], 2, "the two provinces name Vietnam");
        assert_eq!(others, [("Thailand", 1)], "only Thái Lan names Thailand");
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
        // A capitalised name is matched capitalised only.
        let text = "phương pháp mới của pháp nhân nước ngoài, với đối tác Pháp";
        let toks = tokenize(text, Lang::Vi);
        assert_eq!(g.mentions(&toks, text, &[]).1, [("France", 1)]);
    }

    #[test]
    fn native_place_shapes_count_for_their_country() {
        let g = gaz();
        // A town in kanji counts for Japan; a foreign city in katakana, a
        // market (市場) and a "city" (都市) do not.
        let text = "篠山市とフエ市が提携した。国内市場と姉妹都市の話。同市は";
        assert_eq!(g.native_place_mentions(text, "ja"), vec![0, 1]);
        assert_eq!(g.native_place_mentions(text, "zh"), vec![0, 0]);
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
