//! The interface in the site's language: with `language = "vi"` or `"ja"`,
//! no English word of the tool's own is left on the pages readers see, and
//! dates read the local way. Over the fixture site, its language switched.

mod common;

use common::{ENGLISH, FIXTURE, copy_dir, interface_text};

use bilateral_digest::build::{BuildOptions, build};
use std::fs;
use std::path::{Path, PathBuf};

/// The shipped site.toml, its English text never translated.
const SHIPPED: &str = include_str!("../site.toml");

/// The fixture site with `language` set, built; returns (root, output).
fn built_in(language: &str) -> (PathBuf, PathBuf) {
    built_with(language, None)
}

/// The same with the site.toml `toml` instead of the fixture's.
fn built_with(language: &str, toml: Option<&str>) -> (PathBuf, PathBuf) {
    let tag = if toml.is_some() { "own" } else { "fixture" };
    let root =
        std::env::temp_dir().join(format!("bd-i18n-{language}-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    copy_dir(Path::new(FIXTURE), &root);
    let toml_path = root.join("site.toml");
    let text = match toml {
        Some(t) => t.to_string(),
        None => fs::read_to_string(&toml_path).unwrap(),
    };
    let toml = toml_path;
    fs::write(
        &toml,
        text.replace("language = \"en\"", &format!("language = \"{language}\"")),
    )
    .unwrap();
    let mut o = BuildOptions::new(&root);
    o.import = false;
    o.base_url = Some("https://example.org/digest/".into());
    build(&o).unwrap_or_else(|e| panic!("build in {language}: {e}"));
    let out = o.output_dir();
    (root, out)
}

fn check_language(language: &str, local_date: &str) {
    let (root, out) = built_in(language);
    let article = fs::read_dir(out.join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .find(|p| {
            fs::read_to_string(p)
                .map(|h| h.contains("<time"))
                .unwrap_or(false)
        })
        .expect("a dated article page");
    let pages = [
        out.join("index.html"),
        out.join("themes/investment/index.html"),
        out.join("search/index.html"),
        out.join("archive/index.html"),
        article,
    ];
    let mut saw_date = false;
    for page in &pages {
        let html = fs::read_to_string(page).unwrap();
        assert!(
            html.contains(&format!("<html lang=\"{language}\"")),
            "{}",
            page.display()
        );
        let text = interface_text(&html);
        for word in ENGLISH {
            assert!(
                !text.contains(word),
                "{language}: `{word}` is left on {}:\n{text}",
                page.display()
            );
        }
        // The themes of an untranslated site.toml, by their built-in names.
        for theme in ["Investment", "Local cooperation", "Diaspora"] {
            assert!(
                !html.contains(theme),
                "{language}: `{theme}` on {}",
                page.display()
            );
        }
        saw_date |= html.contains(local_date);
    }
    assert!(saw_date, "{language}: no date written as {local_date}");
    let manifest = fs::read_to_string(out.join("search/manifest.js")).unwrap();
    assert!(!manifest.contains("Investment"), "{manifest}");
    let _ = fs::remove_dir_all(root);
}

#[test]
fn a_vietnamese_site_speaks_vietnamese() {
    // The fixture's newest story is of 3 November 2025.
    check_language("vi", "tháng 11, 2025");
}

#[test]
fn a_japanese_site_speaks_japanese() {
    check_language("ja", "2025年11月");
}

/// A site in one language that kept the shipped site.toml: its theme pages,
/// the themes index and the home page describe the site and its themes in
/// the site's language, with none of the shipped English text left.
fn check_stock_text(language: &str, investment: &str, local: &str, site: &str) {
    let (root, out) = built_with(language, Some(SHIPPED));
    let shipped = bilateral_digest::config::SiteConfig::parse(Path::new("site.toml"), SHIPPED)
        .expect("the shipped site.toml parses");
    let english: Vec<&str> = shipped
        .themes
        .iter()
        .map(|t| t.description.as_str())
        .chain([shipped.description.as_str(), shipped.title.as_str()])
        .collect();
    // The fixture's investment page has an intro of its own, which the
    // page shows instead; the description is still its meta description.
    let theme = fs::read_to_string(out.join("themes/investment/index.html")).unwrap();
    assert!(
        theme.contains(&format!(
            "<meta name=\"description\" content=\"{investment}"
        )),
        "{language}: {theme}"
    );
    let theme = fs::read_to_string(out.join("themes/local-cooperation/index.html")).unwrap();
    assert!(
        theme.contains(&format!("<p class=\"intro\">{local}")),
        "{language}: {theme}"
    );
    let themes = fs::read_to_string(out.join("themes/index.html")).unwrap();
    assert!(themes.contains(investment), "{language}: {themes}");
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains(site), "{language}: {home}");
    for page in [
        "index.html",
        "themes/index.html",
        "themes/investment/index.html",
        "themes/diaspora/index.html",
        "themes/local-cooperation/index.html",
        "themes/technology-transfer/index.html",
        "search/index.html",
        "feed.xml",
        "themes/investment/feed.xml",
    ] {
        let text = fs::read_to_string(out.join(page)).unwrap();
        for stock in &english {
            assert!(
                !text.contains(stock),
                "{language}: `{stock}` is left on {page}"
            );
        }
    }
    let _ = fs::remove_dir_all(root);
}

#[test]
fn a_vietnamese_site_describes_its_themes_in_vietnamese() {
    check_stock_text(
        "vi",
        "FDI, ODA, thương mại",
        "Các tỉnh, thành phố",
        "Tin tức về quan hệ Việt Nam – Nhật Bản",
    );
}

#[test]
fn a_japanese_site_describes_its_themes_in_japanese() {
    check_stock_text(
        "ja",
        "海外直接投資（FDI）",
        "省・県・市どうしの協力",
        "ベトナムと日本の関係をめぐるニュース",
    );
}
