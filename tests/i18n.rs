//! The interface in the site's language: with `language = "vi"` or `"ja"`,
//! no English word of the tool's own is left on the pages readers see, and
//! dates read the local way. Over the fixture site, its language switched.

mod common;

use common::{ENGLISH, FIXTURE, copy_dir, interface_text};

use bilateral_digest::build::{BuildOptions, build};
use std::fs;
use std::path::{Path, PathBuf};

/// The fixture site with `language` set, built; returns (root, output).
fn built_in(language: &str) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("bd-i18n-{language}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    copy_dir(Path::new(FIXTURE), &root);
    let toml = root.join("site.toml");
    let text = fs::read_to_string(&toml).unwrap();
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
