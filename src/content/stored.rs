//! The compact form in which an article is kept between builds (the build
//! cache's site model): what listings show, without the body.

use super::{Article, FrontMatter};
use crate::types::{Figure, Language, Slug, ThemeSlug};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// An article as the cache keeps it: what listings show, without the body.
/// A twin of `Article` because front matter's serde form is made for TOML
/// (fields left out when empty), which a compact binary format cannot read.
#[derive(Serialize, Deserialize)]
pub struct StoredArticle {
    slug: String,
    path: String,
    language: String,
    summary: String,
    title: String,
    title_inferred: bool,
    /// Days since the common era.
    date: Option<i32>,
    date_inferred: bool,
    front_language: Option<String>,
    source: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
    front_summary: Option<String>,
    themes: Vec<String>,
    offtopic: bool,
    places: Vec<String>,
    translations: Vec<String>,
    also_reported: Vec<String>,
    figures: Vec<(String, String)>,
    seed: Option<String>,
    draft: bool,
}

impl From<Article> for StoredArticle {
    fn from(a: Article) -> StoredArticle {
        let f = a.front;
        StoredArticle {
            slug: a.slug.0,
            path: a.path.to_string_lossy().into_owned(),
            language: a.language.0,
            summary: a.summary,
            title: f.title,
            title_inferred: f.title_inferred,
            date: f.date.map(|d| d.num_days_from_ce()),
            date_inferred: f.date_inferred,
            front_language: f.language.map(|l| l.0),
            source: f.source,
            outlet: f.outlet,
            author: f.author,
            front_summary: f.summary,
            themes: f.themes.into_iter().map(|t| t.0).collect(),
            offtopic: f.offtopic,
            places: f.places,
            translations: f.translations.into_iter().map(|s| s.0).collect(),
            also_reported: f.also_reported.into_iter().map(|s| s.0).collect(),
            figures: f.figures.into_iter().map(|x| (x.value, x.label)).collect(),
            seed: f.seed,
            draft: f.draft,
        }
    }
}

impl From<StoredArticle> for Article {
    fn from(s: StoredArticle) -> Article {
        Article {
            slug: Slug(s.slug),
            path: PathBuf::from(s.path),
            language: Language(s.language),
            summary: s.summary,
            html: String::new(),
            // Only the article's own page shows it, and that page is
            // rendered from the file whenever the file changes.
            word_count: 0,
            front: FrontMatter {
                title: s.title,
                title_inferred: s.title_inferred,
                date: s.date.and_then(NaiveDate::from_num_days_from_ce_opt),
                date_inferred: s.date_inferred,
                language: s.front_language.map(Language),
                source: s.source,
                outlet: s.outlet,
                author: s.author,
                summary: s.front_summary,
                themes: s.themes.into_iter().map(ThemeSlug).collect(),
                offtopic: s.offtopic,
                places: s.places,
                translations: s.translations.into_iter().map(Slug).collect(),
                also_reported: s.also_reported.into_iter().map(Slug).collect(),
                figures: s
                    .figures
                    .into_iter()
                    .map(|(value, label)| Figure { value, label })
                    .collect(),
                seed: s.seed,
                draft: s.draft,
            },
        }
    }
}
