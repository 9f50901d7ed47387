//! The `[settings]` of the terms file: how scores become themes, and when
//! an article is off-topic.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// A theme is assigned when its normalised score reaches this.
    pub threshold: f64,
    /// ... and when it reaches this fraction of the best theme's score.
    pub relative_to_max: f64,
    /// A term in the title adds its weight times this, on top of the body.
    pub title_weight: f64,
    /// A term in the lead (the body's first paragraph, or first few when
    /// they are short) adds its weight times this, on top of the body.
    #[serde(default)]
    pub lead_weight: f64,
    /// Texts shorter than this many words are normalised as if this long, so
    /// that a two-line brief is not inflated.
    pub min_words: usize,
    /// Off-topic unless each country is named at least this often (places
    /// of a country count), or both are named in the title.
    pub min_country_mentions: usize,
    /// Extra score per distinct locality named, by theme slug: provinces and
    /// prefectures are what local cooperation is about.
    #[serde(default)]
    pub place_weight: BTreeMap<String, f64>,
    /// Extra score per distinct locality named in the title, by theme slug:
    /// a headline naming a province is about that province.
    #[serde(default)]
    pub title_place_weight: BTreeMap<String, f64>,
    /// An article whose best theme scores below this is off-topic: it names
    /// both countries but is about none of the themes (a football match).
    #[serde(default)]
    pub min_theme_score: f64,
    /// Off-topic when an outside subject scores at least this times the
    /// best theme's score.
    #[serde(default = "one")]
    pub outside_ratio: f64,
    /// Added to each theme's normalised score, by theme slug: the intercept
    /// of a fitted model (bench/devset/fit.py writes it).
    #[serde(default)]
    pub bias: BTreeMap<String, f64>,
    /// The theme of an article about both countries whose text matches no
    /// theme's terms (a summit, a state visit): relations in general, not a
    /// subject outside the digest. Absent, such an article is off-topic.
    #[serde(default)]
    pub fallback: Option<String>,
}

fn one() -> f64 {
    1.0
}
