//! Integration tests of the rendered site, over the fixture in tests/fixtures/site.

mod common;

use common::{FIXTURE, all_files, copy_dir};

use bilateral_digest::build::{BuildOptions, build};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const BASE_URL: &str = "https://example.org/digest/";

/// A fresh copy of the fixture site in its own temporary folder.
fn fixture(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "bd-site-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = fs::remove_dir_all(&dir);
    copy_dir(Path::new(FIXTURE), &dir);
    dir
}

fn options(root: &Path) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.import = false;
    o
}

/// Build the fixture and return (site root, output folder).
fn built(name: &str, base_url: Option<&str>) -> (PathBuf, PathBuf) {
    let root = fixture(name);
    let mut o = options(&root);
    o.base_url = base_url.map(str::to_string);
    build(&o).unwrap_or_else(|e| panic!("fixture build failed: {e}"));
    let out = o.output_dir();
    (root, out)
}

fn read(out: &Path, path: &str) -> String {
    fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The titles of the stories listed on a page, in order.
fn listed_titles(html: &str) -> Vec<String> {
    html.split("class=\"item-title\"")
        .skip(1)
        .map(|part| {
            let link = &part[part.find("<a ").unwrap()..];
            let start = link.find('>').unwrap() + 1;
            let end = link.find("</a>").unwrap();
            link[start..end].to_string()
        })
        .collect()
}

fn cleanup(root: &Path) {
    let _ = fs::remove_dir_all(root);
}

#[test]
fn every_expected_page_exists() {
    let (root, out) = built("pages", None);
    for p in [
        "index.html",
        "404.html",
        "style.css",
        "search.js",
        ".nojekyll",
        "themes/index.html",
        "themes/investment/index.html",
        "themes/investment/page/2/index.html",
        "themes/local-cooperation/index.html",
        "themes/diaspora/index.html",
        "themes/technology-transfer/index.html",
        "archive/index.html",
        "archive/2025/11/index.html",
        "archive/2024/02/index.html",
        "places/index.html",
        "places/gunma/index.html",
        "places/ninh-binh/index.html",
        "search/index.html",
        "articles/japan-fdi-rises/index.html",
        "articles/japanske-investeringer/index.html",
        "articles/undated-feature/index.html",
        "articles/football-results/index.html",
    ] {
        assert!(out.join(p).is_file(), "missing {p}");
    }
    // One h1 per page, a lang on <html>, the root on <body> and a search form everywhere.
    for (path, bytes) in all_files(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert_eq!(html.matches("<h1").count(), 1, "{path}");
        assert!(html.contains("<html lang=\"en\">"), "{path}");
        assert!(html.contains("role=\"search\""), "{path}");
        assert!(
            html.contains("<input") && html.contains("name=\"q\""),
            "{path}"
        );
        if path != "404.html" {
            let depth = path.matches('/').count();
            let root_attr = format!("<body data-root=\"{}\"", "../".repeat(depth));
            assert!(html.contains(&root_attr), "{path}");
        }
    }
    cleanup(&root);
}

#[test]
fn titles_and_theme_listings_are_right() {
    let (root, out) = built("titles", None);
    let article = read(&out, "articles/gunma-ninh-binh-memorandum/index.html");
    assert!(article.contains(
        "<title>Gunma and Ninh Bình sign a cooperation memorandum – Fixture Digest</title>"
    ));
    // HTML in a title is escaped, never interpreted.
    let metro = read(&out, "articles/oda-metro/index.html");
    assert!(metro.contains("ODA loan funds metro line &amp; skills &lt;training&gt;"));
    assert!(!metro.contains("<training>"));

    let diaspora = read(&out, "themes/diaspora/index.html");
    assert_eq!(
        listed_titles(&diaspora),
        [
            "More Vietnamese workers choose Japan",
            "Vietnamese community celebrates in Tokyo"
        ]
    );
    assert!(
        diaspora.contains("Vietnamese living, working and studying in Japan."),
        "theme intro"
    );
    let overview = read(&out, "themes/index.html");
    assert!(overview.contains("5 stories"), "investment count");
    let home = read(&out, "index.html");
    assert!(
        home.contains("News on <strong>Vietnam–Japan</strong> relations"),
        "home intro"
    );
    assert_eq!(
        listed_titles(&home).len(),
        3,
        "items_per_page newest stories"
    );
    cleanup(&root);
}

#[test]
fn pagination_splits_by_items_per_page() {
    let (root, out) = built("paging", None);
    let first = read(&out, "themes/investment/index.html");
    let second = read(&out, "themes/investment/page/2/index.html");
    assert_eq!(
        listed_titles(&first),
        [
            "Japanese investment in Vietnam rises to a record",
            "New Japanese plant opens its doors",
            "Japanese firm opens plant in industrial zone"
        ]
    );
    // Undated stories sort last.
    assert_eq!(
        listed_titles(&second),
        [
            "ODA loan funds metro line &amp; skills &lt;training&gt;",
            "A long view of the partnership"
        ]
    );
    assert!(!out.join("themes/investment/page/3/index.html").exists());
    assert!(
        first.contains("<link rel=\"next\" href=\"../../themes/investment/page/2/index.html\">")
    );
    assert!(!first.contains("rel=\"prev\" href"));
    assert!(
        second.contains("<link rel=\"prev\" href=\"../../../../themes/investment/index.html\">")
    );
    assert!(first.contains("<nav class=\"pagination\" aria-label=\"Pagination\">"));
    assert!(second.contains("aria-current=\"page\" aria-label=\"Page 2\">2</a>"));
    // A theme that fits one page has no pagination.
    let diaspora = read(&out, "themes/diaspora/index.html");
    assert!(!diaspora.contains("aria-label=\"Pagination\""));
    cleanup(&root);
}

/// Build, break the content, build again: the error names file and line, and
/// the previous public/ is left byte for byte as it was.
fn assert_failure_keeps_output(name: &str, file: &str, text: &str, expected: &[&str]) {
    let (root, out) = built(name, None);
    let before = all_files(&out);
    fs::write(root.join("content/articles").join(file), text).unwrap();
    let err = build(&options(&root))
        .expect_err("the build must fail")
        .to_string();
    for e in expected {
        assert!(err.contains(e), "expected `{e}` in: {err}");
    }
    assert_eq!(
        all_files(&out),
        before,
        "public/ changed after a failed build"
    );
    cleanup(&root);
}

#[test]
fn unknown_theme_fails_with_file_and_line() {
    assert_failure_keeps_output(
        "badtheme",
        "bad-theme.md",
        "+++\ntitle = \"Bad\"\ndate = 2025-01-01\nthemes = [\"sports\"]\n+++\nBody.\n",
        &["bad-theme.md:4", "unknown theme `sports`", "investment"],
    );
}

#[test]
fn broken_front_matter_fails_with_file_and_line() {
    assert_failure_keeps_output(
        "badfront",
        "broken.md",
        "+++\ntitle = \"Broken\"\ndate = 2025-13-45\n+++\nBody.\n",
        &["broken.md:3"],
    );
}

/// Resolve an href of `page` (relative to the output) to a path under the output,
/// or None when it climbs out of it.
fn resolve(page: &str, href: &str) -> Option<PathBuf> {
    let mut parts: Vec<String> = page.split('/').map(str::to_string).collect();
    parts.pop();
    for c in Path::new(href).components() {
        match c {
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.iter().collect())
}

fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// Every internal href and src of every page names an existing file.
fn crawl(out: &Path, base_path: Option<&str>) {
    let files = all_files(out);
    // Files other modules write; until they produce anything, links to them are not checked.
    let search_ready = files.contains_key("search/manifest.js");
    let feeds_ready = files.contains_key("feed.xml");
    let mut checked = 0;
    for (page, bytes) in &files {
        if !page.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes.clone()).unwrap();
        for value in attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"))
            .chain(attribute_values(&html, "action"))
        {
            let value = value.replace("&amp;", "&");
            if value.starts_with("http:")
                || value.starts_with("https:")
                || value.starts_with("mailto:")
                || value.starts_with('#')
            {
                continue;
            }
            let target = value.split(['?', '#']).next().unwrap();
            let resolved = if page == "404.html" {
                // With a base path, links start from it; without one, the
                // page's script sets <base> to the site root it finds in
                // the address, so links are relative to the root.
                let rel = match base_path {
                    Some(base) => target.strip_prefix(base).unwrap_or_else(|| {
                        panic!("404.html: `{value}` does not start with {base}")
                    }),
                    None => target,
                };
                assert!(!rel.starts_with('/'), "404.html: `{value}`");
                Some(PathBuf::from(rel))
            } else {
                assert!(
                    !target.starts_with('/'),
                    "{page}: root-absolute link `{value}`"
                );
                resolve(page, target)
            };
            let resolved = resolved.unwrap_or_else(|| panic!("{page}: `{value}` leaves the site"));
            let key = resolved.to_string_lossy().replace('\\', "/");
            let later = (!search_ready && key == "search/manifest.js")
                || (!feeds_ready && (key.ends_with("feed.xml") || key.ends_with("feed.json")));
            if later {
                continue;
            }
            assert!(
                out.join(&resolved).is_file(),
                "{page}: `{value}` does not name a file (resolved to {key})"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn every_internal_link_names_an_existing_file() {
    let (root, out) = built("links", None);
    crawl(&out, None);
    cleanup(&root);
    let (root, out) = built("links-base", Some(BASE_URL));
    crawl(&out, Some("/digest/"));
    let page = read(&out, "themes/investment/index.html");
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://example.org/digest/themes/investment/\">"
    ));
    assert!(page.contains("href=\"../../feed.xml\""));
    assert!(page.contains("href=\"../../themes/investment/feed.xml\""));
    let nf = read(&out, "404.html");
    assert!(nf.contains("<link rel=\"stylesheet\" href=\"/digest/style.css\">"));
    assert!(nf.contains("href=\"/digest/index.html\""));
    cleanup(&root);
}

#[test]
fn two_builds_are_byte_identical() {
    let (root_a, out_a) = built("det-a", Some(BASE_URL));
    let (root_b, out_b) = built("det-b", Some(BASE_URL));
    let a = all_files(&out_a);
    let b = all_files(&out_b);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between builds");
    }
    cleanup(&root_a);
    cleanup(&root_b);
}

#[test]
fn undated_drafts_and_offtopic() {
    let (root, out) = built("kinds", None);
    let undated = read(&out, "articles/undated-feature/index.html");
    let head = &undated[undated.find("<header class=\"story-head\">").unwrap()..];
    let head = &head[..head.find("</header>").unwrap()];
    assert!(
        head.contains("<span class=\"undated\">Undated</span>"),
        "{head}"
    );
    assert!(!head.contains("<time"), "{head}");
    let archive = read(&out, "archive/index.html");
    assert!(archive.contains("id=\"undated\""));
    assert!(archive.contains("A long view of the partnership"));
    // The search's document store follows the listing order.
    let docs = std::fs::read_dir(out.join("search/docs")).unwrap().count();
    let search = read(&out, &format!("search/docs/{}.js", docs - 1));
    let last_link = search.rfind("articles/").unwrap();
    assert!(
        search[last_link..].starts_with("articles/undated-feature/"),
        "undated sorts last"
    );

    assert!(!out.join("articles/draft-story/index.html").exists());
    let all = all_files(&out);
    assert!(
        all.values()
            .all(|b| !String::from_utf8_lossy(b).contains("Draft story"))
    );

    // Off-topic: its page exists, but no listing names it.
    assert!(read(&out, "articles/football-results/index.html").contains("<h1>Football results"));
    for (path, bytes) in &all {
        if path.ends_with(".html") && path != "articles/football-results/index.html" {
            assert!(
                !String::from_utf8_lossy(bytes).contains("articles/football-results/"),
                "{path} lists the off-topic article"
            );
        }
    }
    cleanup(&root);
}

#[test]
fn translations_are_marked_and_linked() {
    let (root, out) = built("lang", None);
    let nb = read(&out, "articles/japanske-investeringer/index.html");
    assert!(nb.contains("<article class=\"story\" lang=\"nb\">"));
    assert!(nb.contains("hreflang=\"en\" lang=\"en\">English</a>"));
    let en = read(&out, "articles/japan-fdi-rises/index.html");
    assert!(en.contains("<article class=\"story\">"));
    assert!(en.contains(
        "<a href=\"../../articles/japanske-investeringer/index.html\" hreflang=\"nb\" lang=\"nb\">Norsk</a>"
    ));
    // The Norwegian version is not listed on its own; the English one says "Also in".
    let theme = read(&out, "themes/investment/index.html");
    assert!(!theme.contains("Japanske investeringer i Vietnam"));
    assert!(theme.contains("Also in: <a"));
    // Key figures, reading time, places and a source that is not a URL.
    assert!(en.contains("Key figures") && en.contains("48.18 billion USD"));
    assert!(en.contains("1 min read"));
    assert!(en.contains("rel=\"noopener external\""));
    assert!(en.contains("<a href=\"../../places/gunma/index.html\">Gunma</a>"));
    let print = read(&out, "articles/print-edition/index.html");
    assert!(print.contains("Source: Example Print, page 3"));
    // Also reported by the other outlet.
    let a = read(&out, "articles/industrial-zone-a/index.html");
    assert!(
        a.contains("Also reported by: <a href=\"../../articles/industrial-zone-b/index.html\"")
    );
    cleanup(&root);
}

#[test]
fn site_templates_override_and_errors_name_the_file() {
    let root = fixture("override");
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/place.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Custom {{ place.name }}</h1>{% endblock main %}",
    )
    .unwrap();
    build(&options(&root)).unwrap();
    let out = options(&root).output_dir();
    assert!(read(&out, "places/gunma/index.html").contains("<h1>Custom Gunma</h1>"));

    fs::write(
        root.join("templates/place.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{{ place.nosuchfield.x }}\n{% endblock main %}",
    )
    .unwrap();
    let err = build(&options(&root)).expect_err("must fail").to_string();
    assert!(err.contains("templates/place.html:3"), "{err}");
    cleanup(&root);
}

/// The sitemap and the renderer take their pages from one list: the sitemap
/// names exactly the HTML files written (all but 404.html), and every feed
/// names its own file and page.
#[test]
fn sitemap_lists_exactly_the_pages_written() {
    let (root, out) = built("sitemap", Some(BASE_URL));
    let files = all_files(&out);
    let written: std::collections::BTreeSet<String> = files
        .keys()
        .filter(|p| p.ends_with(".html") && p.as_str() != "404.html")
        .map(|p| format!("{BASE_URL}{p}"))
        .collect();
    let sitemap = read(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap parses");
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let listed: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    assert_eq!(listed.len(), written.len(), "each page once");
    assert_eq!(
        listed
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>(),
        written
    );
    for (path, page) in [
        ("feed.xml", "index.html"),
        ("themes/investment/feed.xml", "themes/investment/index.html"),
    ] {
        let feed = feed_rs::parser::parse(files[path].as_slice()).unwrap();
        let link = |rel: &str| {
            feed.links
                .iter()
                .find(|l| l.rel.as_deref() == Some(rel))
                .map(|l| l.href.clone())
        };
        assert_eq!(link("self"), Some(format!("{BASE_URL}{path}")));
        assert_eq!(link("alternate"), Some(format!("{BASE_URL}{page}")));
        assert!(files.contains_key(page));
    }
    assert!(read(&out, "robots.txt").contains(&format!("Sitemap: {BASE_URL}sitemap.xml\n")));
    cleanup(&root);
}
