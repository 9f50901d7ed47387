//! Classification at import: themes, off-topic detection, places, key
//! figures, and links between articles telling the same story.
//! (Interface stub; the implementation lands with the classification issue.)

use crate::config::SiteConfig;
use crate::content::Figure;
use crate::error::Result;
use crate::types::{Language, Slug, ThemeSlug};
use std::path::Path;

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
    /// Gazetteer ids of the places named.
    pub places: Vec<String>,
    pub figures: Vec<Figure>,
    /// Human-readable scores and matched terms, for `import --explain`.
    pub explanation: String,
}

pub struct Classifier {
    theme_slugs: Vec<ThemeSlug>,
}

impl Classifier {
    pub fn load(_root: &Path, config: &SiteConfig) -> Result<Classifier> {
        Ok(Classifier {
            theme_slugs: config.themes.iter().map(|t| t.slug.clone()).collect(),
        })
    }

    pub fn classify(&self, _doc: &Document) -> Classification {
        let _ = &self.theme_slugs;
        Classification::default()
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

/// Pairs of documents (indexes into `docs`) that tell the same story.
pub fn link_stories(_docs: &[StoryDoc]) -> Vec<StoryLink> {
    Vec::new()
}
