//! `site.toml`: the typed site configuration.

use crate::error::{Error, Result, from_toml};
use crate::types::{Colour, Language, ThemeSlug};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod names;

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    /// The title in other interface languages, by language (see
    /// `SiteConfig::site_title`).
    #[serde(default)]
    pub titles: BTreeMap<Language, String>,
    #[serde(default)]
    pub description: String,
    /// The description in other interface languages, by language (see
    /// `SiteConfig::site_description`).
    #[serde(default)]
    pub descriptions: BTreeMap<Language, String>,
    /// Absolute URL the site is served from, e.g. `https://user.github.io/digest/`.
    /// Only feeds, the sitemap, canonical links and `404.html` use it.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Default language of articles and of the site's own text.
    #[serde(default = "default_language")]
    pub language: Language,
    /// The interface languages of a multilingual site, `language` among
    /// them; empty for a site in one language. Each one but `language` has
    /// its listing pages under a folder of its own (`vi/`).
    #[serde(default)]
    pub languages: Vec<Language>,
    #[serde(
        default = "default_items_per_page",
        deserialize_with = "whole_number_at_least_one"
    )]
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
    /// Import seeds that are links to files outside the site root (off by
    /// default: a link to a private file would publish it).
    #[serde(default)]
    pub follow_external_seed_links: bool,
    pub themes: Vec<ThemeConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    pub slug: ThemeSlug,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The theme's colour on light pages (tags, headings, chart bars); a
    /// colour of the built-in palette, chosen by slug, when absent.
    #[serde(default)]
    pub colour: Option<Colour>,
    /// The same on dark pages; derived from the palette when absent.
    #[serde(default)]
    pub colour_dark: Option<Colour>,
    /// The theme's name in other interface languages, by language
    /// (`names = { vi = "Đầu tư", ja = "投資" }`); the standard themes have
    /// built-in ones (`i18n/names.toml`). The slug, and so every address,
    /// is the same in every language.
    #[serde(default)]
    pub names: BTreeMap<Language, String>,
    /// The theme's description in other interface languages, by language
    /// (see `SiteConfig::theme_description`).
    #[serde(default)]
    pub descriptions: BTreeMap<Language, String>,
}

/// `base_url` parsed as an absolute http(s) URL with a host, as a folder
/// (with one trailing slash); `None` when it is not one.
fn parse_base_url(url: &str) -> Option<url::Url> {
    let mut u = url::Url::parse(url.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none_or(str::is_empty) {
        return None;
    }
    let path = format!("{}/", u.path().trim_end_matches('/'));
    u.set_path(&path);
    Some(u)
}

/// `base_url` is empty (no base URL) or an absolute http(s) URL.
fn check_base_url(path: &Path, line: Option<usize>, url: &str) -> Result<()> {
    if url.trim().is_empty() || parse_base_url(url).is_some() {
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
/// A count that must be ≥ 1, with the error in those words rather than
/// serde's "expected usize".
fn whole_number_at_least_one<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    struct AtLeastOne;
    impl serde::de::Visitor<'_> for AtLeastOne {
        type Value = usize;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a whole number ≥ 1, without quotes (e.g. 10)")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<usize, E> {
            match usize::try_from(v) {
                Ok(n) if n >= 1 => Ok(n),
                _ => Err(E::invalid_value(serde::de::Unexpected::Signed(v), &self)),
            }
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<usize, E> {
            match usize::try_from(v) {
                Ok(n) if n >= 1 => Ok(n),
                _ => Err(E::invalid_value(serde::de::Unexpected::Unsigned(v), &self)),
            }
        }
    }
    d.deserialize_i64(AtLeastOne)
}

fn default_items_per_page() -> usize {
    10
}
/// The languages the built-in classifier has terms for, and Thai and Khmer
/// (their scripts are told apart before any trigram is counted, so they
/// cost Latin text nothing). Detection also knows nl, for sites
/// that list them: each Latin-script language on the list costs detection
/// time on every seed.
pub const DEFAULT_DETECT_LANGUAGES: &[&str] = &[
    "en", "vi", "ja", "zh", "ko", "fr", "de", "es", "it", "sv", "nb", "da", "ru", "uk", "pt", "id",
    "th", "km",
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
        let line_of = |key: &str| key_line(text, &[Key::Name(key)]);
        let theme_line = |i: usize| {
            key_line(
                text,
                &[Key::Name("themes"), Key::Index(i), Key::Name("slug")],
            )
        };
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
        self.validate_languages(path, text)?;
        let mut seen = std::collections::BTreeSet::new();
        for (i, theme) in self.themes.iter().enumerate() {
            let slug = theme.slug.as_str();
            let valid = !slug.is_empty()
                && slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid {
                return Err(Error::input(
                    path,
                    theme_line(i),
                    format!("theme slug `{slug}` may only hold a-z, 0-9 and -"),
                    Some("slugs name folders in the output: use e.g. \"local-cooperation\"".into()),
                ));
            }
            if !seen.insert(slug) {
                return Err(Error::input(
                    path,
                    theme_line(i),
                    format!("theme `{slug}` is declared twice"),
                    None,
                ));
            }
            for (key, map, example) in [
                (
                    "names",
                    &theme.names,
                    "names = { vi = \"Đầu tư\", ja = \"投資\" }",
                ),
                (
                    "descriptions",
                    &theme.descriptions,
                    names::DESCRIPTIONS_EXAMPLE,
                ),
            ] {
                let at = [Key::Name("themes"), Key::Index(i), Key::Name(key)];
                let what = format!("theme `{slug}`'s {key}");
                names::check_tags(path, text, &at, map, &what, example)?;
            }
        }
        for (key, map, example) in [
            (
                "titles",
                &self.titles,
                "titles = { vi = \"Bản tin\", ja = \"ダイジェスト\" }",
            ),
            (
                "descriptions",
                &self.descriptions,
                names::DESCRIPTIONS_EXAMPLE,
            ),
        ] {
            names::check_tags(path, text, &[Key::Name(key)], map, key, example)?;
        }
        if let Some(url) = &self.base_url {
            check_base_url(path, line_of("base_url"), url)?;
        }
        Ok(())
    }

    fn validate_languages(&self, path: &Path, text: &str) -> Result<()> {
        let line = || key_line(text, &[Key::Name("languages")]);
        let mut seen = std::collections::BTreeSet::new();
        for l in &self.languages {
            if !l.is_well_formed() {
                return Err(Error::input(
                    path,
                    line(),
                    format!("languages holds `{l}`, which is not a BCP 47 tag"),
                    Some("list codes such as [\"en\", \"vi\", \"ja\"]".into()),
                ));
            }
            // Two tags of one language would share a folder and an hreflang.
            if !seen.insert(l.primary()) {
                return Err(Error::input(
                    path,
                    line(),
                    format!("languages names `{}` twice", l.primary()),
                    Some("list each interface language once".into()),
                ));
            }
        }
        if !self.languages.is_empty() && !seen.contains(&self.language.primary()) {
            return Err(Error::input(
                path,
                line(),
                format!(
                    "languages does not hold the site's language `{}`",
                    self.language
                ),
                Some(format!(
                    "add \"{}\" to languages (its pages are the site's root), or set language to one of them",
                    self.language
                )),
            ));
        }
        Ok(())
    }

    /// The interface languages: the site's `language` first (its pages at
    /// the root), then the others of `languages` in their order.
    pub fn interface_languages(&self) -> Vec<Language> {
        let default = self.language.primary();
        std::iter::once(self.language.clone())
            .chain(
                self.languages
                    .iter()
                    .filter(|l| l.primary() != default)
                    .cloned(),
            )
            .collect()
    }

    /// Whether the site has more than one interface language.
    pub fn is_multilingual(&self) -> bool {
        let default = self.language.primary();
        self.languages.iter().any(|l| l.primary() != default)
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
            .and_then(parse_base_url)
            .map(String::from)
    }

    /// The path part of `base_url` (`/digest/` for a project site, `/` at a domain root).
    pub fn base_path(&self) -> String {
        self.base_url
            .as_deref()
            .and_then(parse_base_url)
            .map_or_else(|| "/".to_string(), |u| u.path().to_string())
    }

    pub fn theme(&self, slug: &str) -> Option<&ThemeConfig> {
        self.themes.iter().find(|t| t.slug.as_str() == slug)
    }

    pub fn theme_slugs(&self) -> Vec<&str> {
        self.themes.iter().map(|t| t.slug.as_str()).collect()
    }
}

/// One step of a path into a TOML document: a key, or an item of an array
/// (an array of tables such as `[[themes]]` included).
#[derive(Debug, Clone, Copy)]
pub enum Key<'a> {
    Name(&'a str),
    Index(usize),
}

/// The line (1-based) where the value at `path` is written: the line of its
/// key, or of the item for an index. Taken from the parser's spans, so a
/// comment or another table naming the same word is never mistaken for it.
/// None when the text does not parse or has no such key.
pub fn key_line(text: &str, path: &[Key<'_>]) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let doc = DeTable::parse(text).ok()?;
    let mut at: Option<&DeValue<'_>> = None;
    let mut start = None;
    for step in path {
        match (*step, at) {
            (Key::Name(name), None) | (Key::Name(name), Some(DeValue::Table(_))) => {
                let table = match at {
                    Some(DeValue::Table(t)) => t,
                    _ => doc.get_ref(),
                };
                let (k, v) = table.iter().find(|(k, _)| k.get_ref().as_ref() == name)?;
                start = Some(k.span().start);
                at = Some(v.get_ref());
            }
            (Key::Index(i), Some(DeValue::Array(items))) => {
                let item = items.get(i)?;
                start = Some(item.span().start);
                at = Some(item.get_ref());
            }
            _ => return None,
        }
    }
    let start = start?;
    Some(text.get(..start)?.matches('\n').count() + 1)
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
    fn errors_point_at_the_key_not_at_a_comment_naming_it() {
        // The shipped site.toml has comments that name `language` before the key.
        let text = "# The site's language, see README.\ntitle = \"T\"\n\
                    language = \"english language\"\n[[themes]]\nslug = \"a\"\nname = \"A\"\n";
        let err = SiteConfig::parse(Path::new("site.toml"), text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("site.toml:3"), "{err}");
        let twice = "title = \"T\"\n[[themes]]\nslug = \"a\"\nname = \"A a\"\n\
                     [[themes]]\nname = \"B\"\nslug = \"a\"\n";
        let err = SiteConfig::parse(Path::new("site.toml"), twice)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("site.toml:7") && err.contains("twice"),
            "{err}"
        );
    }

    #[test]
    fn key_lines_follow_tables_and_arrays() {
        let text = "a = 1\n[t]\nb = 2\n[[x]]\nc = 3\n[[x]]\n\nc = 4\n";
        assert_eq!(key_line(text, &[Key::Name("a")]), Some(1));
        assert_eq!(key_line(text, &[Key::Name("t"), Key::Name("b")]), Some(3));
        let c1 = [Key::Name("x"), Key::Index(1), Key::Name("c")];
        assert_eq!(key_line(text, &c1), Some(8));
        assert_eq!(key_line(text, &[Key::Name("nope")]), None);
        assert_eq!(key_line("not = [toml", &[Key::Name("not")]), None);
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
        assert!(
            c.override_base_url("https://").is_err(),
            "a URL needs a host"
        );
        assert!(c.override_base_url("digest.example/").is_err());
        c.override_base_url("https://u.github.io/digest//").unwrap();
        assert_eq!(c.base_url().unwrap(), "https://u.github.io/digest/");
        c.override_base_url("https://u.github.io/digest").unwrap();
        assert_eq!(c.base_path(), "/digest/");
    }

    #[test]
    fn languages_hold_the_default_once() {
        let with = |langs: &str| {
            let text = format!("languages = {langs}\n{MINIMAL}");
            SiteConfig::parse(Path::new("site.toml"), &text)
        };
        let c = with("[\"vi\", \"en\", \"ja\"]").unwrap();
        let names: Vec<String> = c
            .interface_languages()
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(names, ["en", "vi", "ja"]);
        assert!(c.is_multilingual());
        let e = with("[\"vi\", \"ja\"]").unwrap_err().to_string();
        assert!(e.contains("site.toml:1") && e.contains("`en`"), "{e}");
        assert!(with("[\"en\", \"vi\", \"vi-VN\"]").is_err());
        assert!(with("[\"en\", \"vi!\"]").is_err());
        let single = SiteConfig::parse(Path::new("site.toml"), MINIMAL).unwrap();
        assert!(!single.is_multilingual());
        assert_eq!(single.interface_languages().len(), 1);
    }

    #[test]
    fn base_path_of_project_site() {
        let text = format!("base_url = \"https://u.github.io/digest\"\n{MINIMAL}");
        let c = SiteConfig::parse(Path::new("site.toml"), &text).unwrap();
        assert_eq!(c.base_url().unwrap(), "https://u.github.io/digest/");
        assert_eq!(c.base_path(), "/digest/");
    }
}
