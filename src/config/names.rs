//! The site's own text in each interface language: a theme's name and
//! description, the site's title and description, and the countries.
//!
//! site.toml writes each of them once, in the site's language, and may add a
//! table per language (`names`, `descriptions`, `titles`), which always
//! wins. Without one, the built-in text of `i18n/names.toml` stands in where
//! the site.toml says what the shipped one says in English (a site.toml
//! never translated); text a site wrote itself is never replaced by the
//! tool's, except a standard theme's name, which the slug fixes.

use super::{Key, SiteConfig, ThemeConfig, key_line};
use crate::error::{Error, Result};
use crate::types::Language;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Text by language (`en` = the shipped site.toml's).
type ByLanguage = BTreeMap<String, String>;

/// `i18n/names.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stock {
    /// The standard themes' names, by slug.
    themes: BTreeMap<String, ByLanguage>,
    /// The standard themes' descriptions, by slug.
    descriptions: BTreeMap<String, ByLanguage>,
    /// By country as `countries` writes it.
    countries: BTreeMap<String, ByLanguage>,
    site: StockSite,
}

/// The shipped site.toml's title and description.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StockSite {
    title: ByLanguage,
    description: ByLanguage,
}

const STOCK_TEXT: &str = include_str!("../../i18n/names.toml");

fn stock() -> &'static Stock {
    static STOCK: std::sync::OnceLock<Stock> = std::sync::OnceLock::new();
    // Built into the binary and checked by a test: it always parses.
    STOCK.get_or_init(|| toml::from_str(STOCK_TEXT).unwrap_or_default())
}

/// The entry of a site.toml table for `lang` (a primary subtag).
fn own<'a>(table: &'a BTreeMap<Language, String>, lang: &str) -> Option<&'a str> {
    table
        .iter()
        .find(|(l, _)| l.primary() == lang)
        .map(|(_, text)| text.as_str())
}

/// `written` in `language`: the entry of `table`; else, where `written` is
/// the stock English text, the built-in one in `language`; else `written`.
fn localized<'a>(
    written: &'a str,
    table: &'a BTreeMap<Language, String>,
    stock: Option<&'static ByLanguage>,
    language: &Language,
) -> &'a str {
    let lang = language.primary();
    if let Some(text) = own(table, &lang) {
        return text;
    }
    match stock {
        Some(s) if s.get("en").is_some_and(|en| en == written) => {
            s.get(&lang).map_or(written, String::as_str)
        }
        _ => written,
    }
}

/// The example of a `descriptions` table that errors suggest.
pub(super) const DESCRIPTIONS_EXAMPLE: &str = "descriptions = { vi = \"...\", ja = \"...\" }";

/// Every key of the per-language `table` at `at` is a well-formed tag.
pub(super) fn check_tags(
    path: &Path,
    text: &str,
    at: &[Key<'_>],
    table: &BTreeMap<Language, String>,
    what: &str,
    example: &str,
) -> Result<()> {
    match table.keys().find(|l| !l.is_well_formed()) {
        None => Ok(()),
        Some(bad) => Err(Error::input(
            path,
            key_line(text, at),
            format!("{what} name a language `{bad}`, which is not a BCP 47 tag"),
            Some(format!("write e.g. {example}")),
        )),
    }
}

impl SiteConfig {
    /// The name of `theme` in `language`: its own `names` entry; else, in
    /// the site's language, the `name` written, unless that is the standard
    /// English name of its slug (a site.toml never translated), which the
    /// built-in name in `language` then replaces; else the built-in name,
    /// else `name`.
    pub fn theme_name<'a>(&self, theme: &'a ThemeConfig, language: &Language) -> &'a str {
        let lang = language.primary();
        if let Some(name) = own(&theme.names, &lang) {
            return name;
        }
        let builtin = |l: &str| stock().themes.get(theme.slug.as_str())?.get(l);
        let untranslated = builtin("en") == Some(&theme.name);
        if lang == self.language.primary() && !untranslated {
            return &theme.name;
        }
        builtin(&lang).map_or(&theme.name, String::as_str)
    }

    /// The description of `theme` in `language`: its own `descriptions`
    /// entry; else, where its `description` is the shipped site.toml's, the
    /// built-in one in `language`; else its `description`.
    pub fn theme_description<'a>(&self, theme: &'a ThemeConfig, language: &Language) -> &'a str {
        let stock = stock().descriptions.get(theme.slug.as_str());
        localized(&theme.description, &theme.descriptions, stock, language)
    }

    /// The site's title in `language`, by the rule of `theme_description`
    /// (`titles`, the built-in title of the shipped site.toml, `title`).
    pub fn site_title(&self, language: &Language) -> &str {
        localized(
            &self.title,
            &self.titles,
            Some(&stock().site.title),
            language,
        )
    }

    /// The site's description in `language`, by the rule of
    /// `theme_description`.
    pub fn site_description(&self, language: &Language) -> &str {
        let stock = Some(&stock().site.description);
        localized(&self.description, &self.descriptions, stock, language)
    }

    /// The name of `country` (as written in `countries`) in `language`,
    /// built in for the standard ones; as written otherwise.
    pub fn country_name<'a>(&self, country: &'a str, language: &Language) -> &'a str {
        stock()
            .countries
            .get(country)
            .and_then(|n| n.get(&language.primary()))
            .map_or(country, String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str =
        "title = \"T\"\n[[themes]]\nslug = \"investment\"\nname = \"Investment\"\n";

    fn parse(text: &str) -> Result<SiteConfig> {
        SiteConfig::parse(Path::new("site.toml"), text)
    }

    #[test]
    fn the_stock_text_parses_and_matches_the_shipped_site_toml() {
        let s: Stock = toml::from_str(STOCK_TEXT).unwrap();
        let shipped = parse(include_str!("../../site.toml")).unwrap();
        assert_eq!(s.site.title["en"], shipped.title);
        assert_eq!(s.site.description["en"], shipped.description);
        for t in &shipped.themes {
            assert_eq!(s.themes[t.slug.as_str()]["en"], t.name);
            let d = &s.descriptions[t.slug.as_str()];
            assert_eq!(d["en"], t.description, "{}", t.slug);
            assert!(d.contains_key("vi") && d.contains_key("ja"), "{}", t.slug);
        }
    }

    #[test]
    fn theme_names_follow_the_interface_language() {
        let text = "title = \"T\"\n[[themes]]\nslug = \"investment\"\nname = \"Investment\"\n\
                    [[themes]]\nslug = \"diaspora\"\nname = \"People\"\nnames = { vi = \"Người\" }\n";
        let c = parse(text).unwrap();
        let name = |t: usize, l: &str| c.theme_name(&c.themes[t], &Language::new(l)).to_string();
        assert_eq!(name(0, "en"), "Investment");
        assert_eq!(name(0, "vi"), "Đầu tư");
        assert_eq!(name(0, "ja-JP"), "投資");
        // A name of the site's own stays in its language; its `names` win elsewhere.
        assert_eq!(name(1, "en"), "People");
        assert_eq!(name(1, "vi"), "Người");
        assert_eq!(name(1, "ja"), "在外コミュニティ");
        // On a Vietnamese site, an untranslated English name gives way.
        let vi = parse(&format!("language = \"vi\"\n{text}")).unwrap();
        assert_eq!(vi.theme_name(&vi.themes[0], &vi.language), "Đầu tư");
        assert_eq!(vi.country_name("Japan", &vi.language), "Nhật Bản");
        assert_eq!(c.country_name("Japan", &c.language), "Japan");
        let e = parse(&format!("{MINIMAL}names = {{ \"vi!\" = \"x\" }}\n"));
        let e = e.unwrap_err().to_string();
        assert!(e.contains("site.toml:5") && e.contains("vi!"), "{e}");
    }

    #[test]
    fn descriptions_follow_the_interface_language() {
        let stock = parse(include_str!("../../site.toml")).unwrap();
        let text = |l: &str| {
            let l = Language::new(l);
            let d = stock.theme_description(&stock.themes[0], &l).to_string();
            (
                d,
                stock.site_title(&l).to_string(),
                stock.site_description(&l).to_string(),
            )
        };
        let en = text("en");
        assert_eq!(en.0, stock.themes[0].description);
        assert_eq!(
            (en.1.as_str(), en.2.as_str()),
            (stock.title.as_str(), stock.description.as_str())
        );
        // The shipped English text has built-in translations, in every part.
        for l in ["vi", "ja-JP"] {
            let (d, title, description) = text(l);
            assert!(d != en.0 && title != en.1 && description != en.2, "{l}");
        }
        assert!(text("vi").0.contains("chuỗi cung ứng"));
        assert!(text("ja").1.contains("ダイジェスト"));
        // Text a site wrote itself stays in every language without its own table.
        let own = "title = \"Own\"\ndescription = \"Ours.\"\ntitles = { ja = \"自前\" }\n\
                   descriptions = { vi = \"Của ta.\" }\n[[themes]]\nslug = \"investment\"\n\
                   name = \"Investment\"\ndescription = \"Money.\"\n\
                   descriptions = { ja = \"お金。\" }\n";
        let c = parse(own).unwrap();
        let [en, vi, ja] = ["en", "vi", "ja"].map(Language::new);
        let d = |l: &Language| c.theme_description(&c.themes[0], l);
        assert_eq!((d(&en), d(&vi), d(&ja)), ("Money.", "Money.", "お金。"));
        assert_eq!((c.site_title(&vi), c.site_title(&ja)), ("Own", "自前"));
        assert_eq!(
            (c.site_description(&en), c.site_description(&vi)),
            ("Ours.", "Của ta.")
        );
        // A Vietnamese site with the shipped English text reads Vietnamese.
        let shipped = include_str!("../../site.toml");
        let vi_site = parse(&shipped.replace("language = \"en\"", "language = \"vi\"")).unwrap();
        assert_eq!(vi_site.site_description(&vi_site.language), text("vi").2);
        // A table's keys are tags, checked with the table's line.
        let e = parse(&format!("{MINIMAL}descriptions = {{ \"vi!\" = \"x\" }}\n"));
        let e = e.unwrap_err().to_string();
        assert!(e.contains("site.toml:5") && e.contains("vi!"), "{e}");
        let e = parse(&format!("titles = {{ \"x y\" = \"T\" }}\n{MINIMAL}"));
        let e = e.unwrap_err().to_string();
        assert!(e.contains("site.toml:1") && e.contains("x y"), "{e}");
        let e = parse(&format!("{MINIMAL}descriptions = {{ vi = 3 }}\n"));
        assert!(e.unwrap_err().to_string().contains("site.toml:5"));
    }
}
