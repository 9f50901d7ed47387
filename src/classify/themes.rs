//! Theme scoring from weighted terms kept in a data file (`classifier` in
//! site.toml), per theme and per language.

use super::cjk::{SubstringIndex, matched_inside_words, word_count};
use super::text::{Lang, PhraseIndex, Policy, Token, compile_term};
use crate::config::SiteConfig;
use crate::error::{Error, Result, from_toml};
use crate::types::ThemeSlug;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

pub use super::settings::Settings;

/// The terms file shipped with the tool, used when a site has none of its own.
pub const BUILTIN: &str = include_str!("../../data/themes.toml");

/// The language key whose terms apply to text in every language.
const ANY_LANGUAGE: &str = "any";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileData {
    settings: Settings,
    /// theme slug → language code (or "any") → term → weight.
    themes: BTreeMap<String, Terms>,
    /// Subjects the digest does not cover (sport, say), in the same shape:
    /// an article mostly about one of them is off-topic even when it names
    /// both countries and a theme's words.
    #[serde(default)]
    outside: BTreeMap<String, Terms>,
}

/// Language code (or "any") → term → weight.
type Terms = BTreeMap<String, BTreeMap<String, f64>>;

/// A term as written in the data file, with what it is worth to each theme.
#[derive(Debug, Clone)]
struct Term {
    text: String,
    weights: Vec<(usize, f64)>,
}

#[derive(Debug, Clone)]
pub struct ThemeModel {
    pub slugs: Vec<ThemeSlug>,
    /// The subjects outside the digest; their scores follow the themes'.
    pub outside: Vec<String>,
    pub settings: Settings,
    tables: BTreeMap<Lang, PhraseIndex<Term>>,
    /// Terms in scripts without spaces, by the same languages as `tables`.
    cjk: BTreeMap<Lang, SubstringIndex<Term>>,
    place_weight: Vec<f64>,
    bias: Vec<f64>,
    title_place_weight: Vec<f64>,
    /// Index of `settings.fallback` in `slugs`.
    pub fallback: Option<usize>,
}

/// One theme's score for a text, with the terms that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeScore {
    pub theme: usize,
    pub score: f64,
    /// Term as written in the data file → times matched (title matches
    /// counted with the title weight).
    pub matched: BTreeMap<String, f64>,
}

/// One part of an article (title or body) as the scorer reads it.
#[derive(Clone, Copy)]
pub struct Part<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token<'a>],
}

/// Add a theme's weight to a term already stored under another spelling
/// or theme; `None` when there is no such term. Two spellings with one stem
/// ("community", "communities") count once, at the larger weight.
fn merge(existing: Option<&mut Term>, ti: usize, weight: f64) -> Option<()> {
    let existing = existing?;
    match existing.weights.iter_mut().find(|(t, _)| *t == ti) {
        Some(w) => w.1 = w.1.max(weight),
        None => existing.weights.push((ti, weight)),
    }
    Some(())
}

impl ThemeModel {
    pub fn load(root: &Path, config: &SiteConfig) -> Result<ThemeModel> {
        let text = super::read_data_file(
            root,
            &config.classifier,
            crate::config::DEFAULT_CLASSIFIER,
            BUILTIN,
            "classifier",
        )?;
        let slugs: Vec<ThemeSlug> = config.themes.iter().map(|t| t.slug.clone()).collect();
        Self::parse(&config.classifier, &text, &slugs)
    }

    pub fn parse(path: &Path, text: &str, slugs: &[ThemeSlug]) -> Result<ThemeModel> {
        let data: FileData = toml::from_str(text).map_err(|e| from_toml(path, text, 0, &e))?;
        let err = |needle: &str, msg: String, hint: String| {
            Error::input(path, super::line_of(text, needle), msg, Some(hint))
        };
        let valid = || {
            slugs
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let s = &data.settings;
        if !(s.threshold > 0.0
            && (0.0..=1.0).contains(&s.relative_to_max)
            && s.title_weight >= 0.0
            && s.lead_weight >= 0.0)
        {
            return Err(err(
                "[settings]",
                "settings out of range".into(),
                "threshold must be > 0, relative_to_max between 0 and 1, title_weight and lead_weight >= 0"
                    .into(),
            ));
        }
        for slug in data.themes.keys() {
            if !slugs.iter().any(|s| s.as_str() == slug) {
                return Err(err(
                    &format!("[themes.{slug}"),
                    format!("terms for `{slug}`, which is not a theme of site.toml"),
                    format!("use one of the themes of site.toml: {}", valid()),
                ));
            }
        }
        let per_theme = |key: &str, map: &BTreeMap<String, f64>| -> Result<Vec<f64>> {
            let mut out = vec![0.0; slugs.len()];
            for (slug, w) in map {
                let Some(i) = slugs.iter().position(|s| s.as_str() == slug) else {
                    return Err(err(
                        key,
                        format!("{key} names `{slug}`, which is not a theme of site.toml"),
                        format!("use one of: {}", valid()),
                    ));
                };
                out[i] = *w;
            }
            Ok(out)
        };
        // Outside subjects are scored like themes, in slots after them,
        // with no place weight and no bias.
        let outside: Vec<String> = data.outside.keys().cloned().collect();
        let slots = slugs.len() + outside.len();
        let widen = |mut v: Vec<f64>| {
            v.resize(slots, 0.0);
            v
        };
        let place_weight = widen(per_theme("place_weight", &s.place_weight)?);
        let title_place_weight = widen(per_theme("title_place_weight", &s.title_place_weight)?);
        let bias = widen(per_theme("bias", &s.bias)?);
        let fallback =
            match &s.fallback {
                None => None,
                Some(slug) => Some(slugs.iter().position(|t| t.as_str() == slug).ok_or_else(
                    || {
                        err(
                            "fallback",
                            format!("fallback names `{slug}`, which is not a theme of site.toml"),
                            format!("use one of: {}", valid()),
                        )
                    },
                )?),
            };

        // Every language that has terms gets a table; terms for "any"
        // language go into all of them, and everything into the table used
        // for languages without their own.
        let mut langs: Vec<Lang> = vec![Lang::Other];
        for per_lang in data.themes.values().chain(data.outside.values()) {
            for code in per_lang.keys() {
                let l = Lang::from_code(code);
                if code != ANY_LANGUAGE && !langs.contains(&l) {
                    langs.push(l);
                }
            }
        }
        let mut tables: BTreeMap<Lang, PhraseIndex<Term>> = BTreeMap::new();
        let mut cjk: BTreeMap<Lang, SubstringIndex<Term>> = BTreeMap::new();
        let cjk_lang = |l: Lang| matches!(l, Lang::Ja | Lang::Zh | Lang::Ko | Lang::Other);
        let mut all: Vec<(&str, &Terms)> = Vec::with_capacity(slots);
        for slug in slugs {
            let Some(per_lang) = data.themes.get(slug.as_str()) else {
                return Err(err(
                    "[themes",
                    format!("no terms for the theme `{slug}` of site.toml"),
                    format!(
                        "add a table [themes.{slug}.en] with weighted terms, e.g. \"word\" = 2"
                    ),
                ));
            };
            all.push((slug.as_str(), per_lang));
        }
        all.extend(data.outside.iter().map(|(k, v)| (k.as_str(), v)));
        for (ti, (slug, per_lang)) in all.into_iter().enumerate() {
            for (code, terms) in per_lang {
                let term_lang = Lang::from_code(code);
                for (term, &weight) in terms {
                    if !weight.is_finite() {
                        return Err(err(
                            term,
                            format!("weight of `{term}` is not a number"),
                            "write e.g. 2 or 0.5".into(),
                        ));
                    }
                    for &table_lang in &langs {
                        let applies = code == ANY_LANGUAGE
                            || table_lang == term_lang
                            || table_lang == Lang::Other;
                        if !applies {
                            continue;
                        }
                        if matched_inside_words(term) {
                            // Only text that may hold the script is searched.
                            if !(cjk_lang(table_lang) || table_lang == term_lang) {
                                continue;
                            }
                            let index = cjk.entry(table_lang).or_default();
                            merge(index.value_mut(term), ti, weight).unwrap_or_else(|| {
                                index.insert(
                                    term.clone(),
                                    Term {
                                        text: term.clone(),
                                        weights: vec![(ti, weight)],
                                    },
                                )
                            });
                            continue;
                        }
                        let policy = if code == ANY_LANGUAGE {
                            Policy::Exact
                        } else {
                            Policy::Stemmed(term_lang)
                        };
                        let pats = compile_term(term, policy).map_err(|e| {
                            err(
                                &format!("\"{term}\""),
                                format!("term `{term}` of `{slug}`: {e}"),
                                "write the word or phrase as it appears in text".into(),
                            )
                        })?;
                        let table = tables.entry(table_lang).or_default();
                        if merge(table.value_mut(&pats), ti, weight).is_none() {
                            table.insert(
                                pats,
                                Term {
                                    text: term.clone(),
                                    weights: vec![(ti, weight)],
                                },
                            );
                        }
                    }
                }
            }
        }
        for index in cjk.values_mut() {
            index.build();
        }
        Ok(ThemeModel {
            slugs: slugs.to_vec(),
            outside,
            settings: data.settings,
            tables,
            cjk,
            place_weight,
            bias,
            title_place_weight,
            fallback,
        })
    }

    /// Score a text in `lang`; one entry per theme, in site.toml order,
    /// then one per outside subject (`theme` indexes `slugs` then
    /// `outside`).
    /// Each part holds its raw text (CJK terms are found in it) and its
    /// words; `lead` is the body's opening, counted again; `places` and
    /// `title_places` count the distinct localities named in the whole text
    /// and in the title.
    pub fn score(
        &self,
        lang: Lang,
        title: Part,
        lead: Part,
        body: Part,
        places: usize,
        title_places: usize,
    ) -> Vec<ThemeScore> {
        let mut scores: Vec<ThemeScore> = (0..self.slugs.len() + self.outside.len())
            .map(|theme| ThemeScore {
                theme,
                score: 0.0,
                matched: BTreeMap::new(),
            })
            .collect();
        let pick = |l: Lang| {
            if self.tables.contains_key(&l) || self.cjk.contains_key(&l) {
                l
            } else {
                Lang::Other
            }
        };
        let lang = pick(lang);
        // Matches keyed by (is it a CJK term, id) → count.
        let count = |part: Part| {
            let mut found: BTreeMap<(bool, usize), f64> = BTreeMap::new();
            if let Some(table) = self.tables.get(&lang) {
                for (id, _, _) in table.find_all(part.tokens) {
                    *found.entry((false, id)).or_default() += 1.0;
                }
            }
            if let Some(index) = self.cjk.get(&lang) {
                for (id, _, _) in index.find_all(part.text) {
                    *found.entry((true, id)).or_default() += 1.0;
                }
            }
            found
        };
        let in_body = count(body);
        let in_title = count(title);
        let in_lead = count(lead);
        let term = |(is_cjk, id): (bool, usize)| -> &Term {
            if is_cjk {
                self.cjk[&lang].value(id)
            } else {
                self.tables[&lang].value(id)
            }
        };
        for (&key, &n) in &in_body {
            let term = term(key);
            // Repetition adds, but less and less: an article saying
            // "investment" ten times is not ten times as much about it.
            let tf = 1.0 + n.ln();
            for &(ti, w) in &term.weights {
                scores[ti].score += w * tf;
                *scores[ti].matched.entry(term.text.clone()).or_default() += n;
            }
        }
        // The headline says what the article is mainly about: its terms
        // count in full, outside the damping.
        // So does a news story's lead, the top of its inverted pyramid,
        // by `lead_weight`. A part of weight 0 adds nothing and is not
        // listed as matched.
        for (found, part_weight, label) in [
            (&in_title, self.settings.title_weight, "title"),
            (&in_lead, self.settings.lead_weight, "lead"),
        ] {
            if part_weight == 0.0 {
                continue;
            }
            for (&key, &n) in found {
                let term = term(key);
                for &(ti, w) in &term.weights {
                    scores[ti].score += w * part_weight;
                    *scores[ti]
                        .matched
                        .entry(format!("{} ({label})", term.text))
                        .or_default() += n;
                }
            }
        }
        for (i, s) in scores.iter_mut().enumerate() {
            s.score += self.place_weight[i] * places as f64
                + self.title_place_weight[i] * title_places as f64;
        }
        let norm = self.norm(title.tokens, body.tokens);
        for (s, b) in scores.iter_mut().zip(&self.bias) {
            s.score = s.score / norm + b;
        }
        scores
    }

    /// What scores are divided by: the square root of the length in
    /// hundreds of words, so long articles do not win on length alone.
    pub fn norm(&self, title: &[Token], body: &[Token]) -> f64 {
        let words = (word_count(title) + word_count(body)).max(self.settings.min_words.max(1));
        (words as f64 / 100.0).sqrt()
    }

    /// The themes to assign from scores: the best one when any of its
    /// terms matched (an on-topic article is about something), then every
    /// other above the threshold and near the best, highest first (ties in
    /// site.toml order).
    pub fn assign(&self, scores: &[ThemeScore]) -> Vec<usize> {
        let scores = &scores[..self.slugs.len().min(scores.len())];
        let best = scores
            .iter()
            .filter(|s| !s.matched.is_empty())
            .max_by(|a, b| a.score.total_cmp(&b.score).then(b.theme.cmp(&a.theme)));
        let Some(best) = best else {
            return Vec::new();
        };
        let top = best.score;
        let mut chosen: Vec<&ThemeScore> = scores
            .iter()
            .filter(|s| {
                s.theme == best.theme
                    || (s.score >= self.settings.threshold
                        && s.score >= top.max(0.0) * self.settings.relative_to_max)
            })
            .collect();
        chosen.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.theme.cmp(&b.theme)));
        chosen.into_iter().map(|s| s.theme).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::text::tokenize;

    fn model() -> ThemeModel {
        let slugs: Vec<ThemeSlug> = [
            "investment",
            "local-cooperation",
            "diaspora",
            "technology-transfer",
        ]
        .into_iter()
        .map(ThemeSlug::new)
        .collect();
        ThemeModel::parse(Path::new("data/themes.toml"), BUILTIN, &slugs).unwrap()
    }

    fn top(text: &str, lang: Lang) -> Vec<&'static str> {
        let m = model();
        let toks = tokenize(text, lang);
        let none = Part {
            text: "",
            tokens: &[],
        };
        let body = Part {
            text,
            tokens: &toks,
        };
        let scores = m.score(lang, none, none, body, 0, 0);
        let names = [
            "investment",
            "local-cooperation",
            "diaspora",
            "technology-transfer",
        ];
        m.assign(&scores).into_iter().map(|i| names[i]).collect()
    }

    #[test]
    fn inflected_terms_match_in_each_language() {
        assert_eq!(
            top(
                "Japanese investments and investors poured FDI into industrial zones.",
                Lang::En
            )[0],
            "investment"
        );
        assert_eq!(
            top(
                "Investeringene fra japanske selskaper økte, og nye investeringer i industriparker.",
                Lang::Nb
            )[0],
            "investment"
        );
        assert_eq!(
            top(
                "Vốn đầu tư trực tiếp nước ngoài vào khu công nghiệp tăng mạnh.",
                Lang::Vi
            )[0],
            "investment"
        );
    }

    #[test]
    fn each_theme_is_reachable() {
        assert_eq!(
            top(
                "The province and the prefecture signed a sister-city agreement at the local cooperation forum.",
                Lang::En
            )[0],
            "local-cooperation"
        );
        assert_eq!(
            top(
                "Vietnamese interns and technical trainees living in Japan joined the community association.",
                Lang::En
            )[0],
            "diaspora"
        );
        assert_eq!(
            top(
                "Chuyển giao công nghệ và đào tạo nguồn nhân lực chất lượng cao trong lĩnh vực bán dẫn.",
                Lang::Vi
            )[0],
            "technology-transfer"
        );
        assert_eq!(
            top(
                "Teknologioverføring og samarbeid om halvledere og innovasjon.",
                Lang::Nb
            )[0],
            "technology-transfer"
        );
    }

    #[test]
    fn cjk_terms_match_without_word_breaks() {
        assert_eq!(
            top(
                "在日ベトナム人の技能実習生と留学生が交流会に参加した。",
                Lang::Ja
            )[0],
            "diaspora"
        );
        assert_eq!(
            top(
                "日系企業が工業団地に新工場を建設し、直接投資を拡大する。",
                Lang::Ja
            )[0],
            "investment"
        );
        assert_eq!(
            top("양국은 반도체 인재양성과 기술이전에 합의했다.", Lang::Ko)[0],
            "technology-transfer"
        );
        assert_eq!(
            top("两地签署友好城市协议，省长率代表团访问。", Lang::Zh)[0],
            "local-cooperation"
        );
    }

    #[test]
    fn european_languages_have_terms() {
        assert_eq!(
            top(
                "Les investissements japonais dans les zones industrielles du Vietnam augmentent.",
                Lang::Fr
            )[0],
            "investment"
        );
        assert_eq!(
            top(
                "Vietnamesische Pflegekräfte und Praktikanten arbeiten in Japan.",
                Lang::De
            )[0],
            "diaspora"
        );
        assert_eq!(
            top(
                "Företaget satsar på forskning, innovation och utbildning av ingenjörer.",
                Lang::Sv
            )[0],
            "technology-transfer"
        );
    }

    #[test]
    fn unknown_theme_in_terms_file_is_reported() {
        let text = "[settings]\nthreshold = 1\nrelative_to_max = 0.3\ntitle_weight = 2\nmin_words = 100\nmin_country_mentions = 2\n[themes.sport.en]\n\"football\" = 1\n";
        let e = ThemeModel::parse(Path::new("t.toml"), text, &[ThemeSlug::new("investment")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("t.toml:7") && e.contains("sport") && e.contains("investment"),
            "{e}"
        );
    }
}
