//! Helpers shared by the integration tests over the fixture site. Each test
//! crate uses some of them, so the others are dead code there.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/site");

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` (relative `/` path → bytes).
pub fn all_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                bilateral_digest::output::slash_path(rel),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A fresh copy of the fixture site in the temporary folder, named by the
/// test crate (`tag`) and the test (`name`).
pub fn fixture_copy(tag: &str, name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bd-{tag}-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    copy_dir(Path::new(FIXTURE), &dir);
    dir
}

/// Build options over the fixture: no import, output in `output` (relative
/// to the site), and an absolute base URL so that feeds are written.
pub fn fixture_options(root: &Path, output: &str) -> bilateral_digest::build::BuildOptions {
    let mut o = bilateral_digest::build::BuildOptions::new(root);
    o.import = false;
    o.output = Some(std::path::PathBuf::from(output));
    o.base_url = Some("https://example.org/digest/".into());
    o
}

/// A site in the temporary folder with the repository's `site.toml` and
/// `data/` and an empty `seeds/`, named by the test crate (`tag`) and the
/// test (`name`).
pub fn repo_config_site(tag: &str, name: &str) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("bd-{tag}-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("seeds")).unwrap();
    fs::create_dir_all(root.join("data")).unwrap();
    fs::copy(manifest().join("site.toml"), root.join("site.toml")).unwrap();
    for e in fs::read_dir(manifest().join("data")).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            fs::copy(&p, root.join("data").join(p.file_name().unwrap())).unwrap();
        }
    }
    root
}

/// The repository's root folder.
pub fn manifest() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The newest of the repository's seeds whose name starts with `prefix`.
pub fn seed_path(prefix: &str) -> std::path::PathBuf {
    let dir = manifest().join("seeds");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    names.sort();
    names.pop().unwrap_or_else(|| panic!("no seed {prefix}"))
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

/// `html` without the links to article pages (their text is the
/// articles' own titles), at any depth (`../../articles/...`).
fn without_article_links(html: &str) -> String {
    let mut kept = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<a href=\"") {
        kept.push_str(&rest[..i]);
        let href = &rest[i + "<a href=\"".len()..];
        if href.trim_start_matches("../").starts_with("articles/") {
            rest = rest[i..].find("</a>").map_or("", |j| &rest[i + j + 4..]);
        } else {
            kept.push_str("<a href=\"");
            rest = href;
        }
    }
    kept.push_str(rest);
    kept
}

/// The text of a page that the tool wrote itself: tags and scripts are
/// taken out, and so are the articles' own words (bodies, titles and
/// summaries, in English in the fixture), so what is left is the interface.
pub fn interface_text(html: &str) -> String {
    let mut html = without_article_links(html);
    for (open, close) in [
        ("<div class=\"story-body\">", "</div>"),
        ("<p class=\"summary\"", "</p>"),
        ("<h1>", "</h1>"),
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
pub const ENGLISH: &[&str] = &[
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

/// The repository's own classifier: its `site.toml`, terms and gazetteer.
pub fn classifier() -> bilateral_digest::classify::Classifier {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = bilateral_digest::config::SiteConfig::load(root).unwrap();
    bilateral_digest::classify::Classifier::load(root, &config).unwrap()
}

/// `c` on one made-up article in language `lang`.
pub fn classify_raw(
    c: &bilateral_digest::classify::Classifier,
    title: &str,
    text: &str,
    lang: &str,
) -> bilateral_digest::classify::Classification {
    let language = bilateral_digest::types::Language::new(lang);
    c.classify(&bilateral_digest::classify::Document {
        title,
        body: text,
        language: &language,
    })
}
