//! The interface in the site's language: with `language = "vi"` or `"ja"`,
//! no English word of the tool's own is left on the pages readers see, and
//! dates read the local way. Over the fixture site, its language switched.

mod common;

use common::{FIXTURE, copy_dir};

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

/// `html` without every run from `open` up to the next `close`.
fn without(html: &str, open: &str, close: &str) -> String {
    let mut kept = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        kept.push_str(&rest[..i]);
        rest = rest[i..]
            .find(close)
            .map_or("", |j| &rest[i + j + close.len()..]);
    }
    kept.push_str(rest);
    kept
}

/// The text of a page that the tool wrote itself: tags and scripts are
/// taken out, and so are the articles' own words (bodies, titles and
/// summaries, in English in the fixture), so what is left is the interface.
fn interface_text(html: &str) -> String {
    let mut html = html.to_string();
    for (open, close) in [
        ("<div class=\"story-body\">", "</div>"),
        ("<p class=\"summary\"", "</p>"),
        ("<h1>", "</h1>"),
        ("<a href=\"../../articles/", "</a>"),
        ("<a href=\"../articles/", "</a>"),
        ("<a href=\"articles/", "</a>"),
        ("<script", "</script>"),
        ("<title>", "</title>"),
        ("<desc>", "</desc>"),
    ] {
        html = without(&html, open, close);
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Words of the English interface that must not survive a translation.
const ENGLISH: &[&str] = &[
    "Latest stories",
    "By theme",
    "Skip to content",
    "Archive",
    "Undated",
    "min read",
    "Key figures",
    "Related stories",
    "Search stories",
    "stories",
    "Older",
    "Newer",
    "Also in",
    "Source:",
    "November",
    "October",
];

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
        saw_date |= html.contains(local_date);
    }
    assert!(saw_date, "{language}: no date written as {local_date}");
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
