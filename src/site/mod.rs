//! The site model: articles in reading order and the indexes every page is
//! rendered from (themes, archive, translations, related stories, places).
//! Everything here is built once, in time linear in the number of articles,
//! so that no page has to scan the whole site.

pub mod check;

use crate::classify::gazetteer::Gazetteer;
use crate::config::SiteConfig;
use crate::content::{Article, Content};
use crate::types::fold;
use chrono::Datelike;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

/// How many related stories an article page shows.
pub const RELATED_COUNT: usize = 4;
/// A feature shared by more articles than this says nothing about relatedness
/// (and would make the index quadratic), so it is ignored.
const MAX_FEATURE_FREQUENCY: usize = 400;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    pub month: u32,
    /// Listed articles of the month, newest first.
    pub articles: Vec<usize>,
}

/// A locality as the site shows it (filled from the gazetteer at build time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceInfo {
    pub id: String,
    pub name: String,
    /// Its name in other languages, by primary subtag ("ja" → "横浜").
    pub names: BTreeMap<String, String>,
    /// Country name as in site.toml's `countries`.
    pub country: String,
    /// For a former province merged into another: the current one's id.
    pub merged_into: Option<String>,
}

/// The places as the site model shows them, from the gazetteer.
pub fn place_infos(gazetteer: &Gazetteer) -> BTreeMap<String, PlaceInfo> {
    gazetteer
        .places()
        .map(|p| {
            (
                p.id.clone(),
                PlaceInfo {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    names: p.names.clone(),
                    country: p.country.clone(),
                    merged_into: p.merged_into.clone(),
                },
            )
        })
        .collect()
}

/// The site's pairs from each listed article's (given in reading order),
/// most-covered first, ties by id. A pair joins two of an article's places
/// (front matter), one of each country, named in one sentence about
/// cooperation; `a` is the locality of the first country of site.toml.
pub fn merge_pairs(per_article: Vec<(usize, Vec<(String, String)>)>) -> Vec<LocalityPair> {
    let mut found: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, pairs) in per_article {
        for pair in pairs {
            let list = found.entry(pair).or_default();
            // An article's pairs come together: a repeat is the last entry.
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut pairs: Vec<LocalityPair> = found
        .into_iter()
        .map(|((a, b), articles)| LocalityPair { a, b, articles })
        .collect();
    pairs.sort_by(|x, y| {
        y.articles
            .len()
            .cmp(&x.articles.len())
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    pairs
}

/// A Vietnamese and a Japanese locality named together in a cooperation context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalityPair {
    pub a: String,
    pub b: String,
    /// Listed articles naming the pair, in reading order.
    pub articles: Vec<usize>,
}

pub struct Site {
    pub config: SiteConfig,
    /// Published articles (drafts removed): dated ones newest first, then the
    /// undated ones by title. Indexes below point into this vector.
    pub articles: Vec<Article>,
    pub home_intro: Option<String>,
    pub theme_intros: BTreeMap<String, String>,
    /// Articles shown in listings and feeds: not off-topic, and one per
    /// translation group (the version in the site's language when there is one).
    pub listed: Vec<usize>,
    /// Listed articles per theme slug, in reading order, in `site.toml` theme order.
    pub by_theme: Vec<(String, Vec<usize>)>,
    /// Months with listed dated articles, newest first.
    pub months: Vec<Month>,
    /// Listed articles without a date.
    pub undated: Vec<usize>,
    /// For each article: the other articles of its translation group.
    pub translations: Vec<Vec<usize>>,
    /// For each article: other outlets' reports of the same story, same language.
    pub also_reported: Vec<Vec<usize>>,
    /// For each article: the most related listed articles.
    pub related: Vec<Vec<usize>>,
    /// For each article: (older, newer) neighbours among listed dated articles.
    pub neighbours: Vec<(Option<usize>, Option<usize>)>,
    /// Listed articles per place id, in reading order.
    pub by_place: BTreeMap<String, Vec<usize>>,
    /// Known localities by id (empty until the gazetteer is attached).
    pub places: BTreeMap<String, PlaceInfo>,
    /// Locality pairs, most-covered first.
    pub locality_pairs: Vec<LocalityPair>,
    by_slug: HashMap<String, usize>,
}

impl Site {
    pub fn new(config: SiteConfig, content: Content) -> Site {
        let none = vec![(); content.articles.len()];
        Site::new_with(config, content, none).0
    }

    /// [`Site::new`], carrying along what the caller derived from each
    /// article (given in the order of `content.articles`): it comes back in
    /// the site's reading order, drafts left out, aligned with `articles`.
    pub fn new_with<T>(config: SiteConfig, content: Content, derived: Vec<T>) -> (Site, Vec<T>) {
        debug_assert_eq!(content.articles.len(), derived.len());
        let mut pairs: Vec<(Article, T)> = content
            .articles
            .into_iter()
            .zip(derived)
            .filter(|(a, _)| !a.front.draft)
            .collect();
        pairs.sort_by(|(a, _), (b, _)| {
            // Newest first; undated last; ties broken by slug for a stable order.
            match (a.front.date, b.front.date) {
                (Some(x), Some(y)) => y.cmp(&x).then_with(|| a.slug.cmp(&b.slug)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a
                    .front
                    .title
                    .to_lowercase()
                    .cmp(&b.front.title.to_lowercase())
                    .then_with(|| a.slug.cmp(&b.slug)),
            }
        });
        let (articles, derived): (Vec<Article>, Vec<T>) = pairs.into_iter().unzip();
        let by_slug: HashMap<String, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.to_string(), i))
            .collect();

        let translations = link_groups(&articles, &by_slug, |a| &a.front.translations);
        let also_reported = link_groups(&articles, &by_slug, |a| &a.front.also_reported);

        let site_lang = config.language.primary();
        let listed: Vec<usize> = (0..articles.len())
            .filter(|&i| !articles[i].front.offtopic)
            .filter(|&i| representative(i, &articles, &translations[i], &site_lang))
            .collect();

        let mut by_theme: Vec<(String, Vec<usize>)> = config
            .themes
            .iter()
            .map(|t| (t.slug.to_string(), Vec::new()))
            .collect();
        let mut months: Vec<Month> = Vec::new();
        let mut undated = Vec::new();
        let mut by_place: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &i in &listed {
            let a = &articles[i];
            for t in &a.front.themes {
                if let Some((_, list)) = by_theme.iter_mut().find(|(s, _)| s == t.as_str()) {
                    list.push(i);
                }
            }
            for p in &a.front.places {
                by_place.entry(p.clone()).or_default().push(i);
            }
            match a.front.date {
                Some(d) => match months.last_mut() {
                    Some(m) if m.year == d.year() && m.month == d.month() => m.articles.push(i),
                    _ => months.push(Month {
                        year: d.year(),
                        month: d.month(),
                        articles: vec![i],
                    }),
                },
                None => undated.push(i),
            }
        }

        let dated: Vec<usize> = listed
            .iter()
            .copied()
            .filter(|&i| articles[i].front.date.is_some())
            .collect();
        let mut neighbours = vec![(None, None); articles.len()];
        for (pos, &i) in dated.iter().enumerate() {
            let newer = pos.checked_sub(1).map(|p| dated[p]);
            let older = dated.get(pos + 1).copied();
            neighbours[i] = (older, newer);
        }

        let related = related_stories(&articles, &listed, &translations);

        let site = Site {
            config,
            articles,
            home_intro: content.home_intro,
            theme_intros: content.theme_intros,
            listed,
            by_theme,
            months,
            undated,
            translations,
            also_reported,
            related,
            neighbours,
            by_place,
            places: BTreeMap::new(),
            locality_pairs: Vec::new(),
            by_slug,
        };
        (site, derived)
    }

    /// Everything of the model but the config and the article bodies, for
    /// the build cache: a rebuild in which no article changed anything that
    /// listings show starts from it instead of recomputing every index.
    pub fn snapshot(&self) -> SnapshotRef<'_> {
        SnapshotRef {
            articles: &self.articles,
            home_intro: &self.home_intro,
            theme_intros: &self.theme_intros,
            listed: &self.listed,
            by_theme: &self.by_theme,
            months: &self.months,
            undated: &self.undated,
            translations: &self.translations,
            also_reported: &self.also_reported,
            related: &self.related,
            neighbours: &self.neighbours,
            by_place: &self.by_place,
            places: &self.places,
            locality_pairs: &self.locality_pairs,
        }
    }

    /// The model a snapshot was taken of, under `config`.
    pub fn from_snapshot(config: SiteConfig, s: Snapshot) -> Site {
        let by_slug = s
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.to_string(), i))
            .collect();
        Site {
            config,
            articles: s.articles,
            home_intro: s.home_intro,
            theme_intros: s.theme_intros,
            listed: s.listed,
            by_theme: s.by_theme,
            months: s.months,
            undated: s.undated,
            translations: s.translations,
            also_reported: s.also_reported,
            related: s.related,
            neighbours: s.neighbours,
            by_place: s.by_place,
            places: s.places,
            locality_pairs: s.locality_pairs,
            by_slug,
        }
    }

    pub fn index_of(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// Listed articles of one theme.
    pub fn theme_articles(&self, slug: &str) -> &[usize] {
        self.by_theme
            .iter()
            .find(|(s, _)| s == slug)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }
}

/// [`Site::snapshot`], borrowed for writing.
#[derive(Serialize)]
pub struct SnapshotRef<'a> {
    articles: &'a [Article],
    home_intro: &'a Option<String>,
    theme_intros: &'a BTreeMap<String, String>,
    listed: &'a [usize],
    by_theme: &'a [(String, Vec<usize>)],
    months: &'a [Month],
    undated: &'a [usize],
    translations: &'a [Vec<usize>],
    also_reported: &'a [Vec<usize>],
    related: &'a [Vec<usize>],
    neighbours: &'a [(Option<usize>, Option<usize>)],
    by_place: &'a BTreeMap<String, Vec<usize>>,
    places: &'a BTreeMap<String, PlaceInfo>,
    locality_pairs: &'a [LocalityPair],
}

/// [`Site::snapshot`], read back.
#[derive(Deserialize)]
pub struct Snapshot {
    articles: Vec<Article>,
    home_intro: Option<String>,
    theme_intros: BTreeMap<String, String>,
    listed: Vec<usize>,
    by_theme: Vec<(String, Vec<usize>)>,
    months: Vec<Month>,
    undated: Vec<usize>,
    translations: Vec<Vec<usize>>,
    also_reported: Vec<Vec<usize>>,
    related: Vec<Vec<usize>>,
    neighbours: Vec<(Option<usize>, Option<usize>)>,
    by_place: BTreeMap<String, Vec<usize>>,
    places: BTreeMap<String, PlaceInfo>,
    locality_pairs: Vec<LocalityPair>,
}

/// Resolve slug links into index groups, made symmetric and transitive: if A
/// names B and B names C, all three are one group.
fn link_groups<F>(
    articles: &[Article],
    by_slug: &HashMap<String, usize>,
    links: F,
) -> Vec<Vec<usize>>
where
    F: Fn(&Article) -> &Vec<crate::types::Slug>,
{
    let n = articles.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (i, a) in articles.iter().enumerate() {
        for s in links(a) {
            if let Some(&j) = by_slug.get(s.as_str()) {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if ri != rj {
                    parent[ri.max(rj)] = ri.min(rj);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out = vec![Vec::new(); n];
    for members in groups.values() {
        if members.len() < 2 {
            continue;
        }
        for &i in members {
            out[i] = members.iter().copied().filter(|&j| j != i).collect();
        }
    }
    out
}

/// Whether article `i` stands for its translation group in listings: the
/// site-language version if any, else the first in reading order.
fn representative(i: usize, articles: &[Article], others: &[usize], site_lang: &str) -> bool {
    if others.is_empty() {
        return true;
    }
    let key = |j: usize| {
        (
            articles[j].language.primary() != site_lang,
            articles[j].front.offtopic,
            j,
        )
    };
    others.iter().all(|&j| key(i) < key(j))
}

/// Related stories from an inverted index of features (themes, places and
/// names), so each article only meets the articles it shares something with.
fn related_stories(
    articles: &[Article],
    listed: &[usize],
    translations: &[Vec<usize>],
) -> Vec<Vec<usize>> {
    let features: Vec<Vec<(u64, u32)>> = articles.par_iter().map(features_of).collect();
    let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for &i in listed {
        for (f, _) in &features[i] {
            index.entry(*f).or_default().push(i);
        }
    }
    (0..articles.len())
        .into_par_iter()
        .map_init(FxHashMap::<usize, u32>::default, |scores, i| {
            scores.clear();
            for (f, weight) in &features[i] {
                if let Some(list) = index.get(f)
                    && list.len() <= MAX_FEATURE_FREQUENCY
                {
                    for &j in list {
                        if j != i && !translations[i].contains(&j) {
                            *scores.entry(j).or_default() += weight;
                        }
                    }
                }
            }
            let mut ranked: Vec<(u32, usize)> = scores.iter().map(|(&j, &s)| (s, j)).collect();
            // Highest score first; among equals the newer article (lower index).
            ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            ranked
                .into_iter()
                .take(RELATED_COUNT)
                .map(|(_, j)| j)
                .collect()
        })
        .collect()
}

/// What makes two articles related, each feature as a 64-bit digest of its
/// text (tens of thousands of them at 10,000 articles: numbers are cheaper
/// to keep and compare than strings), with its weight.
fn features_of(a: &Article) -> Vec<(u64, u32)> {
    let digest = |kind: &str, text: &str| {
        let mut h = FxHasher::default();
        kind.hash(&mut h);
        text.hash(&mut h);
        h.finish()
    };
    let mut f: Vec<(u64, u32)> = Vec::new();
    for t in &a.front.themes {
        f.push((digest("t", t.as_str()), 2));
    }
    for p in &a.front.places {
        f.push((digest("p", p), 3));
    }
    // Names: runs of capitalised words in the title and summary (people,
    // organisations, places), folded so that accents do not split them.
    let mut names: Vec<String> = Vec::new();
    for source in [&a.front.title, &a.summary] {
        let mut run: Vec<&str> = Vec::new();
        for word in source.split(|c: char| !c.is_alphanumeric() && c != '-') {
            let capital = word.chars().next().is_some_and(|c| c.is_uppercase());
            if capital && word.chars().count() > 1 {
                run.push(word);
            } else {
                if run.len() >= 2 {
                    names.push(fold(&run.join(" ")));
                }
                run.clear();
            }
        }
        if run.len() >= 2 {
            names.push(fold(&run.join(" ")));
        }
    }
    names.sort();
    names.dedup();
    for n in names {
        f.push((digest("n", &n), 1));
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_article;
    use std::path::Path;

    fn config() -> SiteConfig {
        SiteConfig::parse(
            Path::new("site.toml"),
            "title = \"T\"\n[[themes]]\nslug = \"investment\"\nname = \"I\"\n[[themes]]\nslug = \"diaspora\"\nname = \"D\"\n",
        )
        .unwrap()
    }

    fn article(slug: &str, front: &str) -> Article {
        let text = format!("+++\n{front}\n+++\nBody.\n");
        parse_article(
            Path::new(&format!("content/articles/{slug}.md")),
            &text,
            &config(),
        )
        .unwrap()
    }

    fn site(articles: Vec<Article>) -> Site {
        Site::new(
            config(),
            Content {
                articles,
                ..Default::default()
            },
        )
    }

    #[test]
    fn order_is_newest_first_undated_last_drafts_gone() {
        let s = site(vec![
            article("old", "title = \"Old\"\ndate = 2020-01-01"),
            article("undated", "title = \"Undated\""),
            article("new", "title = \"New\"\ndate = 2025-01-01"),
            article("draft", "title = \"Draft\"\ndraft = true"),
        ]);
        let slugs: Vec<&str> = s.articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs, ["new", "old", "undated"]);
        assert_eq!(s.undated, vec![2]);
        assert_eq!(s.months.len(), 2);
        assert_eq!(s.neighbours[0], (Some(1), None));
    }

    #[test]
    fn translations_are_symmetric_and_listed_once_in_site_language() {
        let s = site(vec![
            article(
                "en",
                "title = \"E\"\ndate = 2025-01-01\nthemes = [\"investment\"]",
            ),
            article(
                "nb",
                "title = \"N\"\ndate = 2025-01-02\nlanguage = \"nb\"\nthemes = [\"investment\"]\ntranslations = [\"en\"]",
            ),
        ]);
        let en = s.index_of("en").unwrap();
        let nb = s.index_of("nb").unwrap();
        assert_eq!(s.translations[en], vec![nb]);
        assert_eq!(s.translations[nb], vec![en]);
        assert_eq!(s.listed, vec![en]);
        assert_eq!(s.theme_articles("investment"), &[en]);
    }

    #[test]
    fn offtopic_is_not_listed_and_related_prefers_shared_features() {
        let s = site(vec![
            article(
                "a",
                "title = \"A\"\ndate = 2025-01-03\nthemes = [\"investment\"]\nplaces = [\"gunma\"]",
            ),
            article(
                "b",
                "title = \"B\"\ndate = 2025-01-02\nthemes = [\"investment\"]\nplaces = [\"gunma\"]",
            ),
            article(
                "c",
                "title = \"C\"\ndate = 2025-01-01\nthemes = [\"investment\"]",
            ),
            article(
                "x",
                "title = \"X\"\ndate = 2025-01-01\nofftopic = true\nthemes = [\"investment\"]",
            ),
        ]);
        let a = s.index_of("a").unwrap();
        let b = s.index_of("b").unwrap();
        let x = s.index_of("x").unwrap();
        assert!(!s.listed.contains(&x));
        assert_eq!(s.related[a][0], b);
        assert!(!s.related[a].contains(&x));
    }
}
