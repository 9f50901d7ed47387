//! `site.toml`: the typed site configuration.

use crate::error::{Error, Result, from_toml};
use crate::types::{Language, ThemeSlug};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Absolute URL the site is served from, e.g. `https://user.github.io/digest/`.
    /// Only feeds, the sitemap, canonical links and `404.html` use it.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Default language of articles and of the site's own text.
    #[serde(default = "default_language")]
    pub language: Language,
    #[serde(default = "default_items_per_page")]
    pub items_per_page: usize,
    /// The two countries whose relations the digest covers. Articles that are
    /// not about both are flagged off-topic at import.
    #[serde(default = "default_countries")]
    pub countries: Vec<String>,
    /// The languages import's detection chooses among (BCP 47 primary
    /// subtags). Naming only the languages a digest carries keeps short or
    /// name-heavy text from drifting to a close relative.
    #[serde(default = "default_detect_languages")]
    pub detect_languages: Vec<Language>,
    /// File (relative to the site root) with the classifier's weighted terms.
    #[serde(default = "default_classifier")]
    pub classifier: PathBuf,
    /// File (relative to the site root) with the gazetteer of localities.
    #[serde(default = "default_gazetteer")]
    pub gazetteer: PathBuf,
    pub themes: Vec<ThemeConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    pub slug: ThemeSlug,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// `base_url` is empty (no base URL) or an absolute http(s) URL.
fn check_base_url(path: &Path, line: Option<usize>, url: &str) -> Result<()> {
    if url.is_empty() || url.starts_with("http://") || url.starts_with("https://") {
        return Ok(());
    }
    Err(Error::input(
        path,
        line,
        format!("base_url `{url}` is not an absolute http(s) URL"),
        Some("write e.g. \"https://user.github.io/digest/\", or leave it out".into()),
    ))
}

fn default_language() -> Language {
    Language::new("en")
}
fn default_items_per_page() -> usize {
    10
}
/// The languages the built-in classifier has terms for. Detection also
/// knows id, th, ru, it, pt, nl, uk and km, for sites that list them: each
/// language on the list costs detection time on every seed.
pub const DEFAULT_DETECT_LANGUAGES: &[&str] = &[
    "en", "vi", "ja", "zh", "ko", "fr", "de", "es", "sv", "nb", "da",
];

fn default_detect_languages() -> Vec<Language> {
    DEFAULT_DETECT_LANGUAGES
        .iter()
        .map(|c| Language::new(*c))
        .collect()
}
fn default_countries() -> Vec<String> {
    vec!["Vietnam".into(), "Japan".into()]
}
/// Where the classifier's terms and the gazetteer live unless site.toml says
/// otherwise; at these paths a missing file means "use the built-in copy".
pub const DEFAULT_CLASSIFIER: &str = "data/themes.toml";
pub const DEFAULT_GAZETTEER: &str = "data/gazetteer.toml";

fn default_classifier() -> PathBuf {
    PathBuf::from(DEFAULT_CLASSIFIER)
}
fn default_gazetteer() -> PathBuf {
    PathBuf::from(DEFAULT_GAZETTEER)
}

impl SiteConfig {
    /// Read `site.toml` from the site root.
    pub fn load(root: &Path) -> Result<SiteConfig> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::input(
                    &path,
                    None,
                    "no site.toml here",
                    Some("run from the site's folder, or pass --root DIR".into()),
                )
            } else {
                Error::io(&path, e)
            }
        })?;
        Self::parse(&path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<SiteConfig> {
        let config: SiteConfig = toml::from_str(text).map_err(|e| from_toml(path, text, 0, &e))?;
        config.validate(path, text)?;
        Ok(config)
    }

    fn validate(&self, path: &Path, text: &str) -> Result<()> {
        let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
        if self.themes.is_empty() {
            return Err(Error::input(
                path,
                None,
                "no themes declared",
                Some("add at least one [[themes]] table with slug and name".into()),
            ));
        }
        if self.items_per_page == 0 {
            return Err(Error::input(
                path,
                line_of("items_per_page"),
                "items_per_page must be at least 1",
                None,
            ));
        }
        if !self.language.is_well_formed() {
            return Err(Error::input(
                path,
                line_of("language"),
                format!("language `{}` is not a BCP 47 tag", self.language),
                Some("use a code such as \"en\", \"vi\" or \"nb\"".into()),
            ));
        }
        if let Some(bad) = self.detect_languages.iter().find(|l| !l.is_well_formed()) {
            return Err(Error::input(
                path,
                line_of("detect_languages"),
                format!("detect_languages holds `{bad}`, which is not a BCP 47 tag"),
                Some("list codes such as [\"en\", \"vi\", \"ja\"]".into()),
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        for theme in &self.themes {
            let slug = theme.slug.as_str();
            let valid = !slug.is_empty()
                && slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid {
                return Err(Error::input(
                    path,
                    line_of(slug),
                    format!("theme slug `{slug}` may only hold a-z, 0-9 and -"),
                    Some("slugs name folders in the output: use e.g. \"local-cooperation\"".into()),
                ));
            }
            if !seen.insert(slug) {
                return Err(Error::input(
                    path,
                    line_of(slug),
                    format!("theme `{slug}` is declared twice"),
                    None,
                ));
            }
        }
        if let Some(url) = &self.base_url {
            check_base_url(path, line_of("base_url"), url)?;
        }
        Ok(())
    }

    /// Set `base_url` from the command line, checked as site.toml's would be.
    pub fn override_base_url(&mut self, url: &str) -> Result<()> {
        check_base_url(Path::new("--base-url"), None, url)?;
        self.base_url = Some(url.to_string());
        Ok(())
    }

    /// `base_url` with exactly one trailing slash, or `None` when unset or empty.
    pub fn base_url(&self) -> Option<String> {
        self.base_url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
            .map(|u| format!("{}/", u.trim().trim_end_matches('/')))
    }

    /// The path part of `base_url` (`/digest/` for a project site, `/` at a domain root).
    pub fn base_path(&self) -> String {
        match self.base_url() {
            Some(url) => {
                let after_scheme = url.split_once("://").map(|(_, r)| r).unwrap_or(&url);
                match after_scheme.find('/') {
                    Some(i) => after_scheme[i..].to_string(),
                    None => "/".to_string(),
                }
            }
            None => "/".to_string(),
        }
    }

    pub fn theme(&self, slug: &str) -> Option<&ThemeConfig> {
        self.themes.iter().find(|t| t.slug.as_str() == slug)
    }

    pub fn theme_slugs(&self) -> Vec<&str> {
        self.themes.iter().map(|t| t.slug.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str =
        "title = \"T\"\n[[themes]]\nslug = \"investment\"\nname = \"Investment\"\n";

    #[test]
    fn minimal_config_gets_defaults() {
        let c = SiteConfig::parse(Path::new("site.toml"), MINIMAL).unwrap();
        assert_eq!(c.items_per_page, 10);
        assert_eq!(c.language.as_str(), "en");
        assert_eq!(c.base_path(), "/");
        assert!(c.base_url().is_none());
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let text = format!("{MINIMAL}\n");
        let text = text.replacen("title = \"T\"\n", "title = \"T\"\ncolour = 1\n", 1);
        let err = SiteConfig::parse(Path::new("site.toml"), &text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("site.toml:2"), "{err}");
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn wrong_type_is_reported_with_line() {
        let text = format!("{MINIMAL}items_per_page = \"ten\"\n");
        let text = text.replacen("items_per_page", "x", 0);
        // items_per_page after [[themes]] belongs to the theme table: an unknown field there.
        let err = SiteConfig::parse(Path::new("site.toml"), &text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("site.toml:5"), "{err}");
        let top =
            "title = \"T\"\nitems_per_page = \"ten\"\n[[themes]]\nslug = \"a\"\nname = \"A\"\n";
        let err = SiteConfig::parse(Path::new("site.toml"), top)
            .unwrap_err()
            .to_string();
        assert!(err.contains("site.toml:2"), "{err}");
        assert!(err.contains("invalid type"), "{err}");
    }

    #[test]
    fn base_url_override_is_checked_like_the_file() {
        let mut c = SiteConfig::parse(Path::new("site.toml"), MINIMAL).unwrap();
        let err = c.override_base_url("ftp://x").unwrap_err().to_string();
        assert!(err.starts_with("--base-url:"), "{err}");
        assert!(c.base_url.is_none());
        c.override_base_url("https://u.github.io/digest").unwrap();
        assert_eq!(c.base_path(), "/digest/");
    }

    #[test]
    fn base_path_of_project_site() {
        let text = format!("base_url = \"https://u.github.io/digest\"\n{MINIMAL}");
        let c = SiteConfig::parse(Path::new("site.toml"), &text).unwrap();
        assert_eq!(c.base_url().unwrap(), "https://u.github.io/digest/");
        assert_eq!(c.base_path(), "/digest/");
    }
}
