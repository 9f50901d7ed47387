//! Classification at import: themes, off-topic detection, places, key
//! figures, and links between articles telling the same story.
//!
//! Everything a user may want to tune lives in two data files named by
//! site.toml: the weighted theme terms (`classifier`, [`themes`]) and the
//! gazetteer of localities and country names (`gazetteer`, [`gazetteer`]).

pub mod cjk;
pub mod figures;
pub mod gazetteer;
pub mod pairs;
pub mod settings;
pub mod stem;
pub mod stories;
pub mod text;
pub mod themes;

use crate::config::SiteConfig;
use crate::error::{Error, Result};
use crate::types::Figure;
use crate::types::{Language, Slug, ThemeSlug};
use gazetteer::Gazetteer;
use std::fmt::Write as _;
use std::path::Path;
use text::{Lang, lead, tokenize};
use themes::ThemeModel;

/// Read a data file named by a site.toml key (`classifier`, `gazetteer`).
/// A site that keeps the default path and has no such file gets the copy
/// built into the binary; a path the user set must exist.
pub(crate) fn read_data_file(
    root: &Path,
    configured: &Path,
    default: &str,
    builtin: &str,
    key: &str,
) -> Result<String> {
    let path = root.join(configured);
    match std::fs::read_to_string(&path) {
        Ok(t) => Ok(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && configured == Path::new(default) => {
            Ok(builtin.to_string())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::input(
            root.join(crate::config::CONFIG_FILE),
            None,
            format!("the {key} file `{}` does not exist", configured.display()),
            Some(format!(
                "fix the `{key}` key in site.toml, or remove it to use the built-in file"
            )),
        )),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// The 1-based line of the first line of `text` holding `needle`, for errors
/// in the data files.
pub(crate) fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

/// What the classifier reads of one article.
pub struct Document<'a> {
    pub title: &'a str,
    /// Body as plain text, paragraphs separated by blank lines.
    pub body: &'a str,
    pub language: &'a Language,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Classification {
    /// Assigned themes, primary first.
    pub themes: Vec<ThemeSlug>,
    pub offtopic: bool,
    /// Gazetteer ids of the places named, in order of first mention.
    pub places: Vec<String>,
    pub figures: Vec<Figure>,
    /// Human-readable scores and matched terms, for `import --explain`.
    pub explanation: String,
}

pub struct Classifier {
    themes: ThemeModel,
    gazetteer: Gazetteer,
}

impl Classifier {
    /// Load and compile the terms and the gazetteer once; classifying is then
    /// a few hash lookups per word.
    pub fn load(root: &Path, config: &SiteConfig) -> Result<Classifier> {
        Ok(Classifier {
            themes: ThemeModel::load(root, config)?,
            gazetteer: Gazetteer::load(root, config)?,
        })
    }

    /// Build from already loaded parts (tests, other data files).
    pub fn from_parts(themes: ThemeModel, gazetteer: Gazetteer) -> Classifier {
        Classifier { themes, gazetteer }
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    pub fn classify(&self, doc: &Document) -> Classification {
        let lang = Lang::from_code(doc.language.as_str());
        let code = doc.language.primary();
        // Chinese is read in its simplified script, so that the terms and
        // names written once match Taiwan's and Hong Kong's traditional
        // characters too. Figures keep the article's own script.
        let simplified =
            (code == "zh").then(|| (simplet2s::convert(doc.title), simplet2s::convert(doc.body)));
        let (title_text, body_text) = simplified
            .as_ref()
            .map_or((doc.title, doc.body), |(t, b)| (t.as_str(), b.as_str()));
        let title = tokenize(title_text, lang);
        let body = tokenize(body_text, lang);
        let (lead_text, lead) = lead(body_text, &body);

        let title_places = self.gazetteer.find_places(&title, title_text);
        let body_places = self.gazetteer.find_places(&body, body_text);
        let mut places: Vec<String> = Vec::new();
        for h in title_places.iter().chain(&body_places) {
            if !places.contains(&h.id) {
                places.push(h.id.clone());
            }
        }

        let (in_title, mut others) = self.gazetteer.mentions(&title, title_text, &title_places);
        let (in_body, body_others) = self.gazetteer.mentions(&body, body_text, &body_places);
        let native = self.gazetteer.native_place_mentions(body_text, &code);
        let native_title = self.gazetteer.native_place_mentions(title_text, &code);
        let in_title: Vec<usize> = in_title
            .iter()
            .zip(&native_title)
            .map(|(a, b)| a + b)
            .collect();
        let total: Vec<usize> = in_title
            .iter()
            .zip(&in_body)
            .zip(&native)
            .map(|((a, b), c)| a + b + c)
            .collect();
        for (name, n) in body_others {
            match others.iter_mut().find(|(o, _)| *o == name) {
                Some(o) => o.1 += n,
                None => others.push((name, n)),
            }
        }
        // A Chinese writer names China, a Korean one Korea, as home: such
        // mentions count half against the two countries.
        for (name, n) in others.iter_mut() {
            if self.gazetteer.is_home_language(name, &code) {
                *n = n.div_ceil(2);
            }
        }
        // And a Vietnamese writer names Vietnam, a Japanese one Japan, less
        // often than a foreign one would: against a third country, such
        // mentions count double.
        let home = self.gazetteer.site_home_languages(&code);
        let offtopic_reason = self.offtopic_reason(&total, &home, &in_title, &others);

        let mut named_in_title: Vec<&str> = title_places.iter().map(|h| h.id.as_str()).collect();
        named_in_title.sort_unstable();
        named_in_title.dedup();
        let part = |text, tokens| themes::Part { text, tokens };
        let scores = self.themes.score(
            lang,
            part(title_text, &title),
            part(lead_text, lead),
            part(body_text, &body),
            places.len(),
            named_in_title.len(),
        );
        let (scores, outside) = scores.split_at(self.themes.slugs.len());
        // Only a theme with a matched term counts: a bias alone is no evidence.
        let best = scores
            .iter()
            .filter(|s| !s.matched.is_empty())
            .map(|s| s.score)
            .fold(f64::NEG_INFINITY, f64::max);
        // A match report, a concert: both countries and a theme's words
        // ("fans", "exchange"), but what it is about is elsewhere.
        let beyond = outside
            .iter()
            .filter(|s| !s.matched.is_empty() && s.score > 0.0)
            .max_by(|a, b| a.score.total_cmp(&b.score));
        let offtopic_reason = offtopic_reason.or_else(|| {
            let o = beyond.filter(|o| o.score >= best * self.themes.settings.outside_ratio)?;
            Some(format!(
                "mostly about {} ({:.2}, best theme {best:.2})",
                self.themes.outside[o.theme - scores.len()],
                o.score
            ))
        });
        let min_theme = self.themes.settings.min_theme_score;
        // Both countries, and nothing outside the digest, but no theme's
        // words: relations in general go under the fallback theme.
        let fallback = self
            .themes
            .fallback
            .filter(|_| offtopic_reason.is_none() && best == f64::NEG_INFINITY);
        let offtopic_reason = offtopic_reason.or_else(|| {
            (best < min_theme && fallback.is_none()).then(|| {
                if best == f64::NEG_INFINITY {
                    "no theme term matched: not about what the digest covers".to_string()
                } else {
                    format!("no theme is scored {min_theme} or more (best {best:.2}): not about what the digest covers")
                }
            })
        });
        let offtopic = offtopic_reason.is_some();
        let assigned = match fallback {
            _ if offtopic => Vec::new(),
            Some(i) => vec![i],
            None => self.themes.assign(scores),
        };
        let themes: Vec<ThemeSlug> = assigned
            .iter()
            .map(|&i| self.themes.slugs[i].clone())
            .collect();

        let mut explanation = String::new();
        let names = self.gazetteer.country_names();
        let mentions: Vec<String> = names
            .iter()
            .zip(&total)
            .map(|(n, c)| format!("{n} {c}"))
            .collect();
        let _ = writeln!(explanation, "countries named: {}", mentions.join(", "));
        if let Some(why) = &offtopic_reason {
            let _ = writeln!(explanation, "  -> off-topic: {why}");
        }
        if let Some(i) = fallback.filter(|_| !offtopic) {
            let _ = writeln!(
                explanation,
                "  -> no theme term matched: filed under `{}`, the fallback of [settings]",
                self.themes.slugs[i]
            );
        }
        let _ = writeln!(
            explanation,
            "words: {} (scores divided by {:.3})",
            cjk::word_count(&title) + cjk::word_count(&body),
            self.themes.norm(&title, &body)
        );
        if !others.is_empty() {
            let list: Vec<String> = others.iter().map(|(n, c)| format!("{n} {c}")).collect();
            let _ = writeln!(explanation, "other countries named: {}", list.join(", "));
        }
        let title_list: Vec<String> = names
            .iter()
            .zip(&in_title)
            .map(|(n, c)| format!("{n} {c}"))
            .collect();
        let _ = writeln!(
            explanation,
            "countries in the title: {}",
            title_list.join(", ")
        );
        let mut ranked: Vec<&themes::ThemeScore> = scores.iter().collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.theme.cmp(&b.theme)));
        for s in ranked {
            let mark = if assigned.contains(&s.theme) {
                "+"
            } else {
                "-"
            };
            let terms: Vec<String> = s.matched.iter().map(|(t, n)| format!("{t} x{n}")).collect();
            let _ = writeln!(
                explanation,
                "  {mark} {} {:.2}: {}",
                self.themes.slugs[s.theme],
                s.score,
                if terms.is_empty() {
                    "(no terms)".to_string()
                } else {
                    terms.join(", ")
                }
            );
        }
        for o in outside.iter().filter(|o| !o.matched.is_empty()) {
            let terms: Vec<String> = o.matched.iter().map(|(t, n)| format!("{t} x{n}")).collect();
            let _ = writeln!(
                explanation,
                "  outside the digest: {} {:.2}: {}",
                self.themes.outside[o.theme - scores.len()],
                o.score,
                terms.join(", ")
            );
        }
        let _ = writeln!(
            explanation,
            "  (assigned: the best with a matched term, and others with score >= {} and >= {} x best)",
            self.themes.settings.threshold, self.themes.settings.relative_to_max
        );
        if !places.is_empty() {
            let _ = writeln!(
                explanation,
                "places: {} ({} in the title)",
                places.join(", "),
                named_in_title.len()
            );
        }

        Classification {
            themes,
            offtopic,
            places,
            figures: figures::extract(doc.body, self.gazetteer.demonyms()),
            explanation,
        }
    }
}

impl Classifier {
    /// Why an article is not about the two countries, if it is not: one of
    /// them is never named, or named once in passing (and the other not
    /// often), or a third country is named more than the less-named of the
    /// two (a story about another pair). Both in the headline always passes.
    fn offtopic_reason(
        &self,
        total: &[usize],
        home: &[bool],
        in_title: &[usize],
        others: &[(&str, usize)],
    ) -> Option<String> {
        if total.len() < 2 || in_title.iter().all(|&n| n >= 1) {
            return None;
        }
        let min_mentions = self.themes.settings.min_country_mentions;
        // Each country's mentions, with `own` applied to the country whose
        // language the article is written in.
        let counted = |own: &dyn Fn(usize) -> usize| -> Vec<usize> {
            let per = total.iter().zip(home);
            per.map(|(&n, &h)| if h { own(n) } else { n }).collect()
        };
        let least = total.iter().copied().min().unwrap_or(0);
        let least_weighted = counted(&|n| 2 * n).into_iter().min().unwrap_or(0);
        let third = others.iter().max_by_key(|(_, n)| *n);
        // A story about another pair names that country more; one that
        // compares destinations (India and Vietnam for Japanese firms)
        // names both about as often, so a close third does not count once
        // both countries are named a few times.
        if let Some((name, n)) = third
            && *n > least_weighted
            && (2 * *n >= 3 * least_weighted || least <= min_mentions)
        {
            return Some(format!(
                "{name} is named {n} times, more than one of the two countries ({least_weighted})"
            ));
        }
        // A writer need not name their own country: a Vietnamese paper's
        // "the province received a delegation from Ibaraki" is about
        // Vietnam. In a country's own language it counts as named enough.
        let implied = counted(&|n| n + min_mentions);
        let least_implied = implied.iter().copied().min().unwrap_or(0);
        let most_implied = implied.iter().copied().max().unwrap_or(0);
        let passing =
            least_implied >= 1 && most_implied >= 3 * min_mentions.max(1) / 2 && third.is_none();
        if least_implied >= min_mentions || passing {
            return None;
        }
        Some(format!(
            "not about both countries (each must be named {min_mentions} times, or one once and the other {} times)",
            3 * min_mentions.max(1) / 2
        ))
    }
}

/// What story linking reads of one article.
pub struct StoryDoc<'a> {
    pub slug: &'a Slug,
    pub language: &'a Language,
    pub outlet: Option<&'a str>,
    pub source: Option<&'a str>,
    pub title: &'a str,
    pub body: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// Same story, different language.
    Translation,
    /// Same story, same language, different outlet.
    AlsoReported,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryLink {
    pub a: usize,
    pub b: usize,
    pub kind: LinkKind,
}

/// Pairs of documents (indexes into `docs`, a < b) that tell the same story.
pub fn link_stories(docs: &[StoryDoc]) -> Vec<StoryLink> {
    stories::link(docs)
}
