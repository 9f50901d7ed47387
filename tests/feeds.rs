//! The feeds, the sitemap and robots.txt: what they hold (over a small site
//! built in memory), that a site's own template replaces the built-in one,
//! and that hostile text from front matter or site.toml comes out escaped in
//! files that standard parsers still read.

mod common;
#[path = "common/memory.rs"]
mod memory;

use bilateral_digest::build::{BuildOptions, build};
use bilateral_digest::config::SiteConfig;
use bilateral_digest::content::{Article, Content, parse_article};
use bilateral_digest::output::OutputFile;
use bilateral_digest::render::Renderer;
use bilateral_digest::render::feeds;
use bilateral_digest::site::Site;
use common::{FIXTURE, all_files, copy_dir};
use memory::{BASE, article, config, feed_files, file, site, site_with};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh temporary folder, holding a copy of the fixture site when `fixture`.
fn temp_site(name: &str, fixture: bool) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "bd-feeds-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = fs::remove_dir_all(&dir);
    if fixture {
        copy_dir(Path::new(FIXTURE), &dir);
    } else {
        fs::create_dir_all(&dir).unwrap();
    }
    dir
}

fn write_template(root: &Path, name: &str, text: &str) {
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(root.join("templates").join(name), text).unwrap();
}

fn build_with_base(root: &Path, base: &str) -> PathBuf {
    let mut o = BuildOptions::new(root);
    o.import = false;
    o.base_url = Some(base.to_string());
    build(&o).unwrap_or_else(|e| panic!("build failed: {e}"));
    o.output_dir()
}

const OWN_ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Own: {{ feed.title }}</title>
  <id>{{ feed.url }}</id>
  <updated>{{ feed.updated }}</updated>
{%- for entry in entries %}
  <entry><title>{{ entry.title }}</title><id>{{ entry.url }}</id><updated>{{ entry.updated }}</updated><link href="{{ entry.url }}"/></entry>
{%- endfor %}
</feed>
"#;

#[test]
fn a_sites_own_templates_replace_the_built_in_feed_templates() {
    let root = temp_site("override", true);
    write_template(&root, "atom.xml", OWN_ATOM);
    write_template(&root, "robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    // Not a template: it must not be parsed as one.
    write_template(&root, "notes.txt", "{% unclosed");
    let out = build_with_base(&root, "https://example.org/digest/");

    let atom = fs::read(out.join("feed.xml")).unwrap();
    let text = String::from_utf8(atom.clone()).unwrap();
    assert!(
        text.contains("<title>Own: Fixture Digest</title>"),
        "{text}"
    );
    assert!(
        !text.contains("<generator>"),
        "the built-in template was used"
    );
    let parsed = feed_rs::parser::parse(atom.as_slice()).expect("the override's feed parses");
    assert!(!parsed.entries.is_empty());
    for e in &parsed.entries {
        assert!(
            e.links[0]
                .href
                .starts_with("https://example.org/digest/articles/")
        );
    }
    // Theme feeds use the same template.
    let theme = fs::read_to_string(out.join("themes/investment/feed.xml")).unwrap();
    assert!(theme.contains("<title>Own: Fixture Digest: Investment</title>"));
    assert_eq!(
        fs::read_to_string(out.join("robots.txt")).unwrap(),
        "User-agent: *\nDisallow: /drafts/\n"
    );
    // What the site did not override stays built in.
    let json = fs::read(out.join("feed.json")).unwrap();
    let parsed = feed_rs::parser::parse(json.as_slice()).unwrap();
    assert_eq!(parsed.feed_type, feed_rs::model::FeedType::JSON);
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    roxmltree::Document::parse(&sitemap).expect("built-in sitemap parses");

    fs::remove_dir_all(&root).unwrap();
    let _ = fs::remove_dir_all(&out);
}

#[test]
fn a_broken_feed_template_names_its_file_and_line() {
    let root = temp_site("broken", false);
    write_template(
        &root,
        "sitemap.xml",
        "<urlset>\n{% for u in urls %}\n</urlset>\n",
    );
    let err = Renderer::new(&root, &config(None, 1))
        .err()
        .expect("an unclosed for is an error")
        .to_string();
    assert!(err.contains("sitemap.xml"), "{err}");
    assert!(err.contains("help:"), "{err}");
    fs::remove_dir_all(&root).unwrap();

    // A variable the feeds do not have fails the build, naming the file.
    let root = temp_site("unknown-variable", true);
    write_template(
        &root,
        "atom.xml",
        "<feed>\n{{ feed.no_such_field.x }}\n</feed>\n",
    );
    let mut o = BuildOptions::new(&root);
    o.import = false;
    o.base_url = Some("https://example.org/".into());
    let err = build(&o)
        .expect_err("an unknown variable is an error")
        .to_string();
    assert!(err.contains("templates/atom.xml:2"), "{err}");
    fs::remove_dir_all(&root).unwrap();
}

/// Markup, a CDATA end, both quotes, and control characters XML 1.0
/// forbids, as a TOML string's content.
const HOSTILE: &str = r#"<script>alert(\"x\")</script> ]]> 'q' & \u0001\u0008\u000B\u001F end"#;
/// The same as a reader should see it in XML: forbidden characters dropped.
const HOSTILE_XML: &str = "<script>alert(\"x\")</script> ]]> 'q' &  end";
const HOSTILE_JSON: &str = "<script>alert(\"x\")</script> ]]> 'q' & \u{1}\u{8}\u{b}\u{1f} end";

fn hostile_site(base: &str) -> Site {
    let toml = format!(
        "title = \"Digest {HOSTILE}\"\ndescription = \"About {HOSTILE}\"\n\
         base_url = \"{base}\"\n\
         [[themes]]\nslug = \"investment\"\nname = \"Invest {HOSTILE}\"\n"
    );
    let config = SiteConfig::parse(Path::new("site.toml"), &toml).unwrap();
    let front = format!(
        "title = \"{HOSTILE}\"\ndate = 2025-11-03\nthemes = [\"investment\"]\n\
         outlet = \"Outlet {HOSTILE}\"\nsummary = \"Summary {HOSTILE}\"\n\
         source = \"https://news.example/a?x=1&y=\\\"2\\\"\""
    );
    let body = "Body with <b>raw HTML</b> and ]]> and a CDATA: <![CDATA[ x ]]>.";
    let article = parse_article(
        Path::new("content/articles/hostile.md"),
        &format!("+++\n{front}\n+++\n{body}\n"),
        &config,
    )
    .unwrap();
    Site::new(
        config,
        Content {
            articles: vec![article],
            ..Default::default()
        },
    )
}

fn bytes<'a>(files: &'a [OutputFile], path: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .bytes
}

#[test]
fn hostile_text_is_escaped_and_every_feed_still_parses() {
    // An `&` in the base URL must be escaped in every XML address.
    let site = hostile_site("https://example.org/r&d/");
    let files = feed_files(&site);
    let html = &site.articles[0].html;

    for path in ["feed.xml", "themes/investment/feed.xml"] {
        let raw = std::str::from_utf8(bytes(&files, path)).unwrap();
        assert!(!raw.contains("<script>") && !raw.contains("<b>"), "{raw}");
        assert!(!raw.contains('\u{1}') && !raw.contains('\u{b}'), "{path}");
        let feed = feed_rs::parser::parse(raw.as_bytes())
            .unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        let title = &feed.entries[0].title.as_ref().unwrap().content;
        assert_eq!(title, HOSTILE_XML);
        // The strictest check: an XML parser gives back exactly the text.
        let doc = roxmltree::Document::parse(raw).unwrap();
        let text_of = |name: &str| {
            doc.descendants()
                .find(|n| n.has_tag_name(name))
                .and_then(|n| n.text())
                .unwrap_or_else(|| panic!("{path}: no <{name}>"))
        };
        assert_eq!(text_of("content"), html.as_str());
        assert_eq!(text_of("summary"), format!("Summary {HOSTILE_XML}"));
        assert!(text_of("title").starts_with(&format!("Digest {HOSTILE_XML}")));
        let self_link = doc
            .descendants()
            .find(|n| n.has_tag_name("link") && n.attribute("rel") == Some("self"))
            .and_then(|n| n.attribute("href"))
            .unwrap();
        assert!(
            self_link.starts_with("https://example.org/r&d/"),
            "{self_link}"
        );
        let label = doc
            .descendants()
            .find(|n| n.has_tag_name("category"))
            .and_then(|n| n.attribute("label"))
            .unwrap();
        assert_eq!(label, format!("Invest {HOSTILE_XML}"));
        let via = doc
            .descendants()
            .find(|n| n.has_tag_name("link") && n.attribute("rel") == Some("via"))
            .and_then(|n| n.attribute("href"));
        assert_eq!(via, None, "a source with a quote is no web address");
    }

    for path in ["feed.json", "themes/investment/feed.json"] {
        let raw = bytes(&files, path);
        let feed =
            feed_rs::parser::parse(raw).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::JSON);
        // JSON can carry control characters: they arrive as they were written.
        let json: serde_json::Value = serde_json::from_slice(raw).unwrap();
        let item = &json["items"][0];
        assert_eq!(item["title"], HOSTILE_JSON);
        assert_eq!(item["content_html"], html.as_str());
        assert_eq!(item["authors"][0]["name"], format!("Outlet {HOSTILE_JSON}"));
        assert_eq!(item["tags"][0], format!("Invest {HOSTILE_JSON}"));
        assert!(
            json["title"]
                .as_str()
                .unwrap()
                .starts_with("Digest <script>")
        );
    }

    let sitemap = std::str::from_utf8(bytes(&files, "sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(sitemap).expect("sitemap parses");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://example.org/r&d/articles/hostile/index.html"));
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.org/r&d/"))
    );
    let robots = std::str::from_utf8(bytes(&files, "robots.txt")).unwrap();
    assert!(robots.ends_with("Sitemap: https://example.org/r&d/sitemap.xml\n"));
}

#[test]
fn feeds_are_identical_from_one_build_to_the_next() {
    let a = feed_files(&hostile_site("https://example.org/"));
    let b = feed_files(&hostile_site("https://example.org/"));
    assert_eq!(a, b);
    assert_eq!(
        a.len(),
        2 * 2 + 2,
        "two feeds each for site and theme, sitemap, robots"
    );
}

#[test]
fn two_builds_of_one_site_write_identical_feeds_and_sitemap() {
    let feed_files_of = |name: &str| {
        let root = temp_site(name, true);
        let out = build_with_base(&root, "https://example.org/digest/");
        let files: Vec<(String, Vec<u8>)> = all_files(&out)
            .into_iter()
            .filter(|(p, _)| {
                p.ends_with("feed.xml")
                    || p.ends_with("feed.json")
                    || p == "sitemap.xml"
                    || p == "robots.txt"
            })
            .collect();
        fs::remove_dir_all(&root).unwrap();
        let _ = fs::remove_dir_all(&out);
        files
    };
    let a = feed_files_of("twice-a");
    assert!(
        a.len() >= 4,
        "{:?}",
        a.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert_eq!(a, feed_files_of("twice-b"));
}

fn is_rfc3339_midnight(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 20
        && s.ends_with("T00:00:00Z")
        && b[4] == b'-'
        && b[7] == b'-'
        && s[..4].chars().all(|c| c.is_ascii_digit())
}

/// (title, alternate link, id, updated) of every Atom entry, checking each is there.
fn atom_entries(xml: &str) -> (String, Vec<(String, String, String, String)>) {
    let doc = roxmltree::Document::parse(xml).expect("feed is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text().map(str::to_string))
            .unwrap_or_else(|| panic!("missing <{name}>"))
    };
    let updated = child(root, "updated");
    assert!(is_rfc3339_midnight(&updated), "{updated}");
    child(root, "title");
    child(root, "id");
    let entries = root
        .children()
        .filter(|c| c.has_tag_name("entry"))
        .map(|e| {
            let link = e
                .children()
                .find(|c| c.has_tag_name("link") && c.attribute("rel") == Some("alternate"))
                .and_then(|c| c.attribute("href"))
                .expect("entry has an alternate link")
                .to_string();
            (child(e, "title"), link, child(e, "id"), child(e, "updated"))
        })
        .collect();
    (updated, entries)
}

#[test]
fn atom_feed_is_well_formed_complete_and_only_lists_dated_listed_articles() {
    let s = site();
    let files = feed_files(&s);
    let (updated, entries) = atom_entries(file(&files, "feed.xml"));
    // The Norwegian translation is newer, but listed under its English original.
    assert_eq!(updated, "2025-11-03T00:00:00Z");
    let links: Vec<&str> = entries.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(
        links,
        [
            "https://example.org/digest/articles/pact/index.html",
            "https://example.org/digest/articles/fund/index.html",
            "https://example.org/digest/articles/students/index.html",
            "https://example.org/digest/articles/old/index.html",
        ]
    );
    for (title, link, id, updated) in &entries {
        assert!(!title.is_empty());
        assert_eq!(id, link, "ids are the stable article URLs");
        assert!(is_rfc3339_midnight(updated), "{updated}");
    }
    // The hostile title survives as text and never as markup.
    assert_eq!(
        entries[0].0,
        "Gunma pact </script><script>alert(1)</script>"
    );
    let raw = file(&files, "feed.xml");
    assert!(!raw.contains("<script>"));
    assert!(!raw.contains("undated") && !raw.contains("football") && !raw.contains("pact-nb"));

    // Full content round-trips to the article's HTML.
    let doc = roxmltree::Document::parse(raw).unwrap();
    let content = doc
        .descendants()
        .find(|n| n.has_tag_name("content"))
        .unwrap();
    assert_eq!(content.attribute("type"), Some("html"));
    let pact = &s.articles[s.index_of("pact").unwrap()];
    assert_eq!(content.text().unwrap(), pact.html);
    let categories: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("category"))
        .filter_map(|n| n.attribute("label"))
        .collect();
    assert!(categories.contains(&"R&D <local>"), "{categories:?}");
    let author = doc
        .descendants()
        .find(|n| n.has_tag_name("entry"))
        .and_then(|e| e.descendants().find(|n| n.has_tag_name("name")))
        .and_then(|n| n.text());
    assert_eq!(author, Some("VN & JP News"));
}

#[test]
fn theme_feeds_hold_only_their_theme() {
    let s = site();
    let files = feed_files(&s);
    for theme in ["investment", "local-cooperation", "diaspora"] {
        let xml = file(&files, &format!("themes/{theme}/feed.xml"));
        let (_, entries) = atom_entries(xml);
        let expected: Vec<String> = s
            .theme_articles(theme)
            .iter()
            .filter(|&&i| s.articles[i].front.date.is_some())
            .map(|&i| format!("{BASE}articles/{}/index.html", s.articles[i].slug))
            .collect();
        let got: Vec<String> = entries.into_iter().map(|e| e.1).collect();
        assert_eq!(got, expected, "{theme}");
        assert!(!got.is_empty(), "{theme}");
        let json: serde_json::Value =
            serde_json::from_str(file(&files, &format!("themes/{theme}/feed.json"))).unwrap();
        assert_eq!(json["items"].as_array().unwrap().len(), expected.len());
        assert_eq!(
            json["feed_url"],
            format!("{BASE}themes/{theme}/feed.json").as_str()
        );
    }
}

#[test]
fn json_feed_parses_with_version_and_complete_items() {
    let s = site();
    let files = feed_files(&s);
    let json: serde_json::Value = serde_json::from_str(file(&files, "feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["feed_url"], format!("{BASE}feed.json").as_str());
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    for item in items {
        assert!(item["id"].as_str().unwrap().starts_with(BASE));
        assert_eq!(item["id"], item["url"]);
        assert!(!item["title"].as_str().unwrap().is_empty());
        assert!(is_rfc3339_midnight(
            item["date_published"].as_str().unwrap()
        ));
        assert!(item["content_html"].is_string());
    }
    assert_eq!(items[0]["external_url"], "https://news.example/a?x=1&y=2");
    assert_eq!(items[0]["tags"][0], "R&D <local>");
}

#[test]
fn sitemap_lists_every_page_with_absolute_urls() {
    let s = site();
    let files = feed_files(&s);
    let xml = file(&files, "sitemap.xml");
    let doc = roxmltree::Document::parse(xml).expect("sitemap is well-formed");
    let locs: BTreeSet<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for a in &s.articles {
        assert!(
            locs.contains(format!("{BASE}articles/{}/index.html", a.slug).as_str()),
            "{}",
            a.slug
        );
    }
    // Two per page: investment has fund, pact and undated listed.
    for page in [
        "index.html",
        "themes/index.html",
        "themes/investment/index.html",
        "themes/investment/page/2/index.html",
        "themes/diaspora/index.html",
        "archive/index.html",
        "archive/2025/11/index.html",
        "archive/2025/10/index.html",
        "archive/2024/02/index.html",
        "places/index.html",
        "places/hai-phong/index.html",
        "search/index.html",
    ] {
        assert!(locs.contains(format!("{BASE}{page}").as_str()), "{page}");
    }
    assert!(!locs.iter().any(|l| l.contains("themes/diaspora/page/")));
    assert!(locs.iter().all(|l| l.starts_with(BASE)));
    let lastmods: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("lastmod"))
        .filter_map(|n| n.text())
        .collect();
    assert!(lastmods.contains(&"2025-11-03"));
    assert!(file(&files, "robots.txt").contains(&format!("Sitemap: {BASE}sitemap.xml")));
}

#[test]
fn no_base_url_means_no_feeds() {
    let s = site_with(None, Vec::new());
    assert!(feed_files(&s).is_empty());
}

#[test]
fn feeds_are_capped_at_the_newest_entries() {
    let c = config(Some(BASE), 10);
    let list: Vec<Article> = (0..feeds::MAX_FEED_ENTRIES + 5)
        .map(|k| {
            article(
                &c,
                &format!("n{k:03}"),
                &format!("title = \"N{k}\"\ndate = 2025-01-01\nthemes = [\"diaspora\"]"),
                "Text.",
            )
        })
        .collect();
    let s = site_with(Some(BASE), list);
    let files = feed_files(&s);
    for path in ["feed.xml", "themes/diaspora/feed.xml"] {
        let (_, entries) = atom_entries(file(&files, path));
        assert_eq!(entries.len(), feeds::MAX_FEED_ENTRIES, "{path}");
    }
    let (_, entries) = atom_entries(file(&files, "themes/investment/feed.xml"));
    assert!(
        entries.is_empty(),
        "a theme without articles still has a valid feed"
    );
}

/// A standard feed parser (feed-rs, which reads Atom, RSS and JSON Feed) reads
/// every entry of every feed with a title, a link and a date.
#[test]
fn a_standard_feed_parser_reads_every_entry() {
    let s = site();
    let files = feed_files(&s);
    let feeds: Vec<&OutputFile> = files
        .iter()
        .filter(|f| f.path.ends_with("feed.xml") || f.path.ends_with("feed.json"))
        .collect();
    // The site feeds and one Atom + one JSON feed per theme.
    assert_eq!(feeds.len(), 2 + 2 * s.config.themes.len());
    let mut entries_seen = 0;
    for f in feeds {
        let parsed = feed_rs::parser::parse(f.bytes.as_slice())
            .unwrap_or_else(|e| panic!("{}: not a feed: {e}", f.path));
        assert!(parsed.title.is_some(), "{}: feed has no title", f.path);
        for entry in &parsed.entries {
            let title = entry.title.as_ref().map(|t| t.content.clone());
            assert!(
                title.is_some_and(|t| !t.is_empty()),
                "{}: entry without title",
                f.path
            );
            assert!(
                entry
                    .links
                    .iter()
                    .any(|l| l.href.starts_with("https://example.org/digest/articles/")),
                "{}: entry without an absolute article link",
                f.path
            );
            assert!(
                entry.updated.is_some() || entry.published.is_some(),
                "{}: entry without a date",
                f.path
            );
            entries_seen += 1;
        }
    }
    assert!(entries_seen >= 8, "feeds should carry the dated articles");
}

#[test]
fn an_articles_author_is_its_feed_entrys_author_before_the_outlet() {
    let c = config(Some(BASE), 10);
    let front = "title = \"Port deal\"\ndate = 2025-11-03\noutlet = \"VN & JP News\"\n\
                 author = \"An Nguyen & Ken Sato\"";
    let mut list = vec![article(&c, "port", front, "Hai Phong and Osaka agreed.")];
    list.push(article(
        &c,
        "plain",
        "title = \"No byline\"\ndate = 2025-11-02\noutlet = \"VN & JP News\"",
        "Da Nang and Kobe agreed.",
    ));
    let s = site_with(Some(BASE), list);
    let files = feed_files(&s);
    let doc = roxmltree::Document::parse(file(&files, "feed.xml")).unwrap();
    let authors: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| e.descendants().find(|n| n.has_tag_name("name")))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(authors, ["An Nguyen & Ken Sato", "VN & JP News"]);
    let json: serde_json::Value = serde_json::from_str(file(&files, "feed.json")).unwrap();
    assert_eq!(
        json["items"][0]["authors"][0]["name"],
        "An Nguyen & Ken Sato"
    );
    assert_eq!(json["items"][1]["authors"][0]["name"], "VN & JP News");
}
