//! A site with `languages = ["en", "vi", "ja"]` (tests/fixtures/multilingual):
//! each interface language has its listing pages, every page declares its
//! alternates both ways, the switcher leads to pages that exist, each
//! language's feeds carry its own articles, links resolve from disk, the
//! sitemap lists every page, and builds (full or body-only) are deterministic.

mod common;
#[path = "multilingual/names.rs"]
mod names;

use common::{ENGLISH, all_files, copy_dir, interface_text};

use bilateral_digest::build::{BuildOptions, build};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/multilingual");
const BASE: &str = "https://example.org/digest/";
const LANGS: [&str; 3] = ["en", "vi", "ja"];
/// The listing pages every interface language has, under its prefix.
const LISTING_PAGES: [&str; 7] = [
    "index.html",
    "themes/index.html",
    "themes/investment/index.html",
    "archive/index.html",
    "archive/2025/11/index.html",
    "places/index.html",
    "search/index.html",
];

fn fixture(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("bd-multi-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    copy_dir(Path::new(FIXTURE), &root);
    root
}

fn options(root: &Path, output: &str) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.import = false;
    o.output = Some(PathBuf::from(output));
    o.base_url = Some(BASE.into());
    o
}

/// The fixture built once into `public`; returns (root, its output files).
fn built(name: &str) -> (PathBuf, BTreeMap<String, Vec<u8>>) {
    let root = fixture(name);
    build(&options(&root, "public")).unwrap_or_else(|e| panic!("build: {e}"));
    let files = all_files(&root.join("public"));
    (root, files)
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("no {path} in the output"));
    String::from_utf8(bytes.clone()).unwrap()
}

fn html_pages(files: &BTreeMap<String, Vec<u8>>) -> Vec<&str> {
    files
        .keys()
        .map(String::as_str)
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// The values of attribute `name` in `html`, as written.
fn attrs<'h>(html: &'h str, name: &str) -> Vec<&'h str> {
    let pat = format!(" {name}=\"");
    html.match_indices(&pat)
        .filter_map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// Every tag of `html` that starts with `open`, whole (`<a href=...>`).
fn tags<'h>(html: &'h str, open: &str) -> Vec<&'h str> {
    html.match_indices(open)
        .filter_map(|(i, _)| html[i..].find('>').map(|end| &html[i..=i + end]))
        .collect()
}

fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    attrs(tag, name).into_iter().next()
}

/// The output path a relative link on the page at `from` names, without
/// its query and fragment; None for links that leave the site.
fn resolve(from: &str, href: &str) -> Option<String> {
    if href.contains("://") || href.starts_with("mailto:") || href.starts_with('#') {
        return None;
    }
    assert!(!href.starts_with('/'), "{from}: {href} is not relative");
    let href = href.split(['?', '#']).next().unwrap_or("");
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            ".." => {
                assert!(parts.pop().is_some(), "{from}: {href} leaves the site");
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// (hreflang, target path) of each `<link rel="alternate" hreflang>` of a
/// page. The fixture has a base URL, so each is the target's absolute
/// canonical URL (search engines take hreflang alternates only so).
fn alternates(page: &str, html: &str) -> Vec<(String, String)> {
    tags(html, "<link rel=\"alternate\" hreflang=")
        .into_iter()
        .map(|t| {
            let lang = attr(t, "hreflang").unwrap().to_string();
            let href = attr(t, "href").unwrap();
            let path = href
                .strip_prefix(BASE)
                .unwrap_or_else(|| panic!("{page}: alternate {href} is not under {BASE}"));
            assert!(
                !path.ends_with("index.html"),
                "{page}: {href} is not canonical"
            );
            let path = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            };
            (lang, path)
        })
        .collect()
}

/// The interface language a page is drawn in: its `<html lang>`.
fn html_lang(html: &str) -> &str {
    tags(html, "<html ")
        .first()
        .and_then(|t| attr(t, "lang"))
        .unwrap_or("")
}

#[test]
fn every_language_has_its_listing_pages_and_every_link_resolves() {
    let (root, files) = built("links");
    for prefix in ["", "vi/", "ja/"] {
        for page in LISTING_PAGES {
            let path = format!("{prefix}{page}");
            assert!(files.contains_key(&path), "no {path}");
        }
    }
    // Articles exist once, in their own language.
    assert!(!files.keys().any(|p| p.starts_with("vi/articles/")));
    let vi = text(&files, "articles/fdi-record-vi/index.html");
    assert_eq!(html_lang(&vi), "vi");
    let nb = text(&files, "articles/japanske-investeringer/index.html");
    assert_eq!(html_lang(&nb), "en", "no nb interface: the default's");
    assert!(nb.contains("<article class=\"story\" lang=\"nb\">"));

    for page in html_pages(&files) {
        let html = text(&files, page);
        for name in ["href", "src", "action"] {
            for link in attrs(&html, name) {
                if page == "404.html" && link.starts_with("/digest/") {
                    continue; // served at any depth: absolute by design
                }
                if let Some(target) = resolve(page, link) {
                    assert!(
                        files.contains_key(&target),
                        "{page}: {name}=\"{link}\" names {target}, which is not in the output"
                    );
                }
            }
        }
    }
    let _ = fs::remove_dir_all(root);
}

#[test]
fn alternates_are_reciprocal_and_the_switcher_leads_to_them() {
    let (root, files) = built("alternates");
    let pages: Vec<&str> = html_pages(&files)
        .into_iter()
        .filter(|p| *p != "404.html")
        .collect();
    let mut x_defaults: BTreeMap<String, String> = BTreeMap::new();
    for &page in &pages {
        let html = text(&files, page);
        let alts = alternates(page, &html);
        let own: Vec<&(String, String)> = alts
            .iter()
            .filter(|(l, p)| p == page && l != "x-default")
            .collect();
        assert_eq!(own.len(), 1, "{page} names itself once: {alts:?}");
        let own_lang = &own[0].0;
        let x: Vec<&String> = alts
            .iter()
            .filter(|(l, _)| l == "x-default")
            .map(|(_, p)| p)
            .collect();
        assert_eq!(x.len(), 1, "{page} has one x-default: {alts:?}");
        x_defaults.insert(page.to_string(), x[0].clone());
        for (lang, target) in &alts {
            assert!(files.contains_key(target), "{page}: alternate {target}");
            if lang == "x-default" || target == page {
                continue;
            }
            let back = alternates(target, &text(&files, target));
            assert!(
                back.contains(&(own_lang.clone(), page.to_string())),
                "{target} does not name {page} ({own_lang}) back: {back:?}"
            );
            assert!(
                back.contains(&(lang.clone(), target.clone())),
                "{target} does not name itself as {lang}"
            );
        }
        // The switcher: a nav whose links carry lang and hreflang, each to
        // an existing page drawn in (or written in) that language.
        if let Some(start) = html.find("<nav class=\"site-nav lang-nav\" aria-label=\"") {
            let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
            let links = tags(nav, "<a ");
            assert_eq!(links.len(), alts.len() - 1, "{page}: {nav}");
            for a in links {
                let lang = attr(a, "hreflang").expect("hreflang on a switcher link");
                assert_eq!(attr(a, "lang"), Some(lang), "{page}: {a}");
                let target = resolve(page, attr(a, "href").unwrap()).unwrap();
                let target_html = text(&files, &target);
                assert!(
                    html_lang(&target_html) == lang
                        || target_html
                            .contains(&format!("<article class=\"story\" lang=\"{lang}\"")),
                    "{page}: the {lang} link leads to {target}, which is not in {lang}"
                );
            }
        } else {
            assert!(
                page.starts_with("articles/"),
                "{page}: a listing page without a language switcher"
            );
        }
    }
    // A translation group names one x-default; so does each listing page's set.
    for &page in &pages {
        for (lang, target) in alternates(page, &text(&files, page)) {
            if lang != "x-default" {
                assert_eq!(x_defaults[page], x_defaults[&target], "{page} / {target}");
            }
        }
    }
    assert!(text(&files, "vi/themes/index.html").contains(
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/digest/themes/\">"
    ));
    let _ = fs::remove_dir_all(root);
}

/// The article paths of a JSON feed's items.
fn feed_articles(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(&text(files, path)).unwrap();
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let url = i["url"].as_str().unwrap();
            let path = url.strip_prefix(BASE).unwrap();
            if path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            }
        })
        .collect()
}

#[test]
fn each_language_has_feeds_of_its_own_articles() {
    let (root, files) = built("feeds");
    for (prefix, lang) in [("", "en"), ("vi/", "vi"), ("ja/", "ja")] {
        let mut seen = 0;
        for feed in [
            format!("{prefix}feed.json"),
            format!("{prefix}themes/investment/feed.json"),
            format!("{prefix}themes/diaspora/feed.json"),
        ] {
            for article in feed_articles(&files, &feed) {
                let html = text(&files, &article);
                assert_eq!(html_lang(&html), lang, "{feed} holds {article}");
                seen += 1;
            }
        }
        assert!(seen > 0, "the {lang} feeds are empty");
        let atom = text(&files, &format!("{prefix}feed.xml"));
        let doc = roxmltree::Document::parse(&atom).unwrap();
        let feed_lang = doc
            .root_element()
            .attribute(("http://www.w3.org/XML/1998/namespace", "lang"));
        assert_eq!(feed_lang, Some(lang), "{prefix}feed.xml");
    }
    let vi = feed_articles(&files, "vi/feed.json");
    assert!(vi.contains(&"articles/fdi-record-vi/index.html".to_string()));
    assert!(vi.contains(&"articles/lao-dong-nhat-ban/index.html".to_string()));
    let en = feed_articles(&files, "feed.json");
    assert!(en.contains(&"articles/fdi-record/index.html".to_string()));
    // A language without an interface of its own is the default's.
    assert!(en.contains(&"articles/japanske-investeringer/index.html".to_string()));
    let _ = fs::remove_dir_all(root);
}

#[test]
fn listings_in_every_language_list_every_story_and_the_sitemap_every_page() {
    let (root, files) = built("listings");
    let listed = |prefix: &str| -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for (path, _) in files.iter().filter(|(p, _)| {
            p.starts_with(&format!("{prefix}archive/2"))
                || **p == format!("{prefix}archive/index.html")
        }) {
            let html = text(&files, path);
            for tag in tags(&html, "<h2 class=\"item-title\"") {
                out.insert(tag.to_string());
            }
            out.extend(
                attrs(&html, "href")
                    .into_iter()
                    .filter(|h| h.contains("articles/"))
                    .filter_map(|h| resolve(path, h)),
            );
        }
        out
    };
    let (en, vi, ja) = (listed(""), listed("vi/"), listed("ja/"));
    let count = |s: &BTreeSet<String>| s.iter().filter(|p| p.starts_with("articles/")).count();
    assert!(count(&en) >= 7, "{en:?}");
    // The story told in three languages is shown in each reader's own.
    assert!(vi.contains("articles/fdi-record-vi/index.html"));
    assert!(ja.contains("articles/fdi-record-ja/index.html"));
    // Stories in other languages are listed too, marked with their language.
    for set in [&vi, &ja] {
        assert!(set.contains("articles/sister-cities/index.html"));
        assert!(set.contains("<h2 class=\"item-title\" lang=\"en\">"));
    }
    assert!(vi.contains("articles/handotai-kenshu/index.html"));
    assert!(vi.contains("<h2 class=\"item-title\" lang=\"ja\">"));
    assert!(ja.contains("<h2 class=\"item-title\" lang=\"vi\">"));

    let sitemap = text(&files, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().strip_prefix(BASE).unwrap().to_string())
        .map(|p| {
            if p.is_empty() || p.ends_with('/') {
                format!("{p}index.html")
            } else {
                p
            }
        })
        .collect();
    for page in html_pages(&files) {
        if page != "404.html" {
            assert!(locs.contains(page), "the sitemap lacks {page}");
        }
    }
    // Search works in each language: the shared index, the page's own words.
    for (prefix, lang) in [("", "en"), ("vi/", "vi"), ("ja/", "ja")] {
        let html = text(&files, &format!("{prefix}search/index.html"));
        assert!(
            html.contains(&format!("&quot;lang&quot;:&quot;{lang}&quot;")),
            "{lang}: {html}"
        );
        for src in attrs(&html, "src") {
            let target = resolve(&format!("{prefix}search/index.html"), src).unwrap();
            assert!(files.contains_key(&target), "{lang}: {src}");
        }
    }
    let _ = fs::remove_dir_all(root);
}

#[test]
fn vietnamese_and_japanese_pages_carry_no_english_interface_word() {
    let (root, files) = built("words");
    for (prefix, lang, article) in [
        ("vi/", "vi", "articles/fdi-record-vi/index.html"),
        ("ja/", "ja", "articles/fdi-record-ja/index.html"),
    ] {
        let mut pages: Vec<String> = LISTING_PAGES
            .iter()
            .map(|p| format!("{prefix}{p}"))
            .collect();
        pages.push(article.to_string());
        for page in &pages {
            let html = text(&files, page);
            assert_eq!(html_lang(&html), lang, "{page}");
            let words = interface_text(&html);
            for word in ENGLISH {
                assert!(
                    !words.contains(word),
                    "{lang}: `{word}` is left on {page}:\n{words}"
                );
            }
        }
    }
    let _ = fs::remove_dir_all(root);
}

#[test]
fn builds_are_deterministic_and_body_edits_update_in_place() {
    let root = fixture("rebuild");
    build(&options(&root, "public")).unwrap();
    build(&options(&root, "again")).unwrap();
    let first = all_files(&root.join("public"));
    assert_eq!(first, all_files(&root.join("again")), "two builds differ");

    // A body edit of a Vietnamese article that the feeds carry: an update,
    // byte for byte what a full build writes.
    let edited = root.join("content/articles/fdi-record-vi.md");
    let original = fs::read_to_string(&edited).unwrap();
    fs::write(
        &edited,
        format!("{original}\nMột đoạn mới về cảng Hải Phòng.\n"),
    )
    .unwrap();
    let r = build(&options(&root, "public")).unwrap();
    assert!(r.incremental, "{}", r.summary(&root.join("public")));
    let _ = fs::remove_dir_all(root.join("fresh"));
    build(&options(&root, "fresh")).unwrap();
    let (a, b) = (
        all_files(&root.join("public")),
        all_files(&root.join("fresh")),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs from a full build");
    }
    let page = String::from_utf8(a["articles/fdi-record-vi/index.html"].clone()).unwrap();
    assert!(page.contains("Một đoạn mới"));
    assert!(
        String::from_utf8(a["vi/feed.xml"].clone())
            .unwrap()
            .contains("Một đoạn mới")
    );
    let _ = fs::remove_dir_all(root);
}

#[test]
fn without_a_base_url_alternates_are_relative_and_name_existing_pages() {
    let root = fixture("relative");
    let mut o = options(&root, "public");
    o.base_url = None;
    build(&o).unwrap_or_else(|e| panic!("build: {e}"));
    let files = all_files(&root.join("public"));
    let mut seen = 0;
    for page in html_pages(&files) {
        let html = text(&files, page);
        for t in tags(&html, "<link rel=\"alternate\" hreflang=") {
            let href = attr(t, "href").unwrap();
            let target = resolve(page, href).unwrap_or_else(|| panic!("{page}: {href}"));
            assert!(files.contains_key(&target), "{page}: {href}");
            seen += 1;
        }
    }
    assert!(seen > 0, "no alternates at all");
    let _ = fs::remove_dir_all(root);
}

#[test]
fn a_single_language_site_has_no_language_folders_or_switcher() {
    let root = fixture("single");
    let toml = root.join("site.toml");
    let t = fs::read_to_string(&toml).unwrap();
    fs::write(
        &toml,
        t.replace("languages = [\"en\", \"vi\", \"ja\"]\n", ""),
    )
    .unwrap();
    build(&options(&root, "public")).unwrap();
    let files = all_files(&root.join("public"));
    for lang in LANGS {
        assert!(!files.keys().any(|p| p.starts_with(&format!("{lang}/"))));
    }
    for page in html_pages(&files) {
        let html = text(&files, page);
        assert!(!html.contains("lang-nav"), "{page}");
        assert!(!html.contains("x-default"), "{page}");
    }
    let _ = fs::remove_dir_all(root);
}

/// The search index as its files hold it: the manifest, every term, and
/// the path of every document.
struct Index {
    manifest: serde_json::Value,
    terms: BTreeMap<String, String>,
    paths: Vec<String>,
}

/// The JSON a shard file passes to `__searchShard(kind, n, data)`, or the
/// manifest's.
fn shard_data(js: &str) -> serde_json::Value {
    let start = js.find(['{', '[']).unwrap();
    serde_json::from_str(js[start..].trim_end_matches([')', ';', '\n'])).unwrap()
}

fn index(files: &BTreeMap<String, Vec<u8>>) -> Index {
    let manifest = shard_data(&text(files, "search/manifest.js"));
    let (mut terms, mut paths) = (BTreeMap::new(), Vec::new());
    for (path, _) in files.iter().filter(|(p, _)| p.starts_with("search/terms/")) {
        for (w, p) in shard_data(&text(files, path)).as_object().unwrap() {
            terms.insert(w.clone(), p.as_str().unwrap().to_string());
        }
    }
    let docs = manifest["count"].as_u64().unwrap() as usize;
    let per = manifest["docs"].as_u64().unwrap() as usize;
    for k in 0..docs.div_ceil(per) {
        for d in shard_data(&text(files, &format!("search/docs/{k}.js")))
            .as_array()
            .unwrap()
        {
            paths.push(d[0].as_str().unwrap().to_string());
        }
    }
    Index {
        manifest,
        terms,
        paths,
    }
}

impl Index {
    /// The articles the search page of `lang` finds for `term`: its
    /// documents, each the version of its story that page shows.
    fn found(&self, lang: &str, term: &str) -> Vec<&str> {
        use bilateral_digest::render::search::shards::decode_postings;
        let mut shown: BTreeSet<usize> = (0..self.paths.len()).collect();
        for v in self.manifest["versions"].as_array().unwrap() {
            let from = v["from"].as_u64().unwrap() as usize;
            let of = decode_postings(v["of"].as_str().unwrap());
            for (n, (pos, _)) in of.iter().enumerate() {
                if v["lang"] == lang {
                    shown.remove(&(*pos as usize));
                } else {
                    shown.remove(&(from + n));
                }
            }
        }
        decode_postings(self.terms.get(term).map_or("", String::as_str))
            .into_iter()
            .map(|(doc, _)| doc as usize)
            .filter(|doc| shown.contains(doc))
            .map(|doc| self.paths[doc].as_str())
            .collect()
    }
}

#[test]
fn each_language_searches_its_own_version_of_a_story() {
    let (root, files) = built("search");
    let index = index(&files);
    let [en, vi, ja] = ["", "-vi", "-ja"].map(|l| format!("articles/fdi-record{l}/index.html"));
    let (en, vi, ja) = (en.as_str(), vi.as_str(), ja.as_str());
    // A word of the Vietnamese version only, of the English one only, and
    // one all three share (the place Gunma, or the theme).
    assert_eq!(index.found("vi", "doanh"), [vi]);
    assert_eq!(index.found("en", "doanh"), Vec::<&str>::new());
    assert_eq!(index.found("vi", "record"), Vec::<&str>::new());
    assert_eq!(index.found("en", "record"), [en]);
    for (lang, version) in [("en", en), ("vi", vi), ("ja", ja)] {
        let found = index.found(lang, "investment");
        assert!(found.contains(&version), "{lang}: {found:?}");
        // One version of the story, never two.
        let versions = found.iter().filter(|p| p.contains("fdi-record")).count();
        assert_eq!(versions, 1, "{lang}: {found:?}");
    }
    // Theme and place names in every interface language find them.
    assert_eq!(index.found("ja", "投資"), index.found("ja", "investment"));
    assert!(index.found("ja", "群馬").contains(&ja));
    let _ = fs::remove_dir_all(root);
}
