//! The reader-facing generated files (feeds, sitemap, search index, charts)
//! over a small site built in memory.

use bilateral_digest::config::SiteConfig;
use bilateral_digest::content::{Article, Content, parse_article};
use bilateral_digest::output::OutputFile;
use bilateral_digest::render::{Renderer, chart, feeds, search};
use bilateral_digest::site::{PlaceInfo, Site};
use std::collections::BTreeSet;
use std::path::Path;

const BASE: &str = "https://example.org/digest/";

fn config(base_url: Option<&str>, per_page: usize) -> SiteConfig {
    let base = base_url
        .map(|u| format!("base_url = \"{u}\"\n"))
        .unwrap_or_default();
    let text = format!(
        "title = \"Digest <&>\"\ndescription = \"News\"\n{base}items_per_page = {per_page}\n\
         [[themes]]\nslug = \"investment\"\nname = \"Investment\"\n\
         [[themes]]\nslug = \"local-cooperation\"\nname = \"R&D <local>\"\n\
         [[themes]]\nslug = \"diaspora\"\nname = \"Diaspora\"\n"
    );
    SiteConfig::parse(Path::new("site.toml"), &text).unwrap()
}

fn article(config: &SiteConfig, slug: &str, front: &str, body: &str) -> Article {
    let text = format!("+++\n{front}\n+++\n{body}\n");
    parse_article(
        Path::new(&format!("content/articles/{slug}.md")),
        &text,
        config,
    )
    .unwrap()
}

fn articles(c: &SiteConfig) -> Vec<Article> {
    vec![
        article(
            c,
            "pact",
            "title = \"Gunma pact </script><script>alert(1)</script>\"\ndate = 2025-11-03\n\
             themes = [\"local-cooperation\", \"investment\"]\nplaces = [\"hai-phong\"]\n\
             outlet = \"VN & JP News\"\nsource = \"https://news.example/a?x=1&y=2\"",
            "The city of Hải Phòng and Gunma agreed on a plan. Costs: a < b & c.\n\n\
             The plan covers ports, schools, hospitals, parks, roads, bridges, factories, \
             training centres, water works, power lines, rail links, bus routes, markets, \
             museums, libraries, stadiums, clinics, farms, fisheries, forests, housing, \
             offices and several other fields that both sides named in the agreement.\n\n\
             Ngô Trịnh Hà spoke at the signing.",
        ),
        article(
            c,
            "pact-nb",
            "title = \"Gunma-avtale\"\ndate = 2025-11-04\nlanguage = \"nb\"\n\
             themes = [\"local-cooperation\"]\ntranslations = [\"pact\"]",
            "Norsk tekst om Hải Phòng.",
        ),
        article(
            c,
            "students",
            "title = \"Students in Osaka\"\ndate = 2025-10-01\nthemes = [\"diaspora\"]",
            "Vietnamese students in Osaka.",
        ),
        article(
            c,
            "fund",
            "title = \"Fund opens\"\ndate = 2025-10-20\nthemes = [\"investment\"]",
            "A fund for factories.",
        ),
        article(
            c,
            "old",
            "title = \"Old news\"\ndate = 2024-02-10",
            "Something without a theme.",
        ),
        article(
            c,
            "undated",
            "title = \"Undated piece\"\nthemes = [\"investment\"]",
            "No date here.",
        ),
        article(
            c,
            "football",
            "title = \"Football scores\"\ndate = 2025-11-05\nofftopic = true\nthemes = [\"investment\"]",
            "Nothing about the two countries.",
        ),
    ]
}

fn site_with(base_url: Option<&str>, mut list: Vec<Article>) -> Site {
    let c = config(base_url, 2);
    if list.is_empty() {
        list = articles(&c);
    }
    let mut site = Site::new(
        c,
        Content {
            articles: list,
            ..Default::default()
        },
    );
    site.places.insert(
        "hai-phong".into(),
        PlaceInfo {
            id: "hai-phong".into(),
            name: "Hải Phòng".into(),
            country: "Vietnam".into(),
            merged_into: None,
        },
    );
    site
}

fn site() -> Site {
    site_with(Some(BASE), Vec::new())
}

/// The feeds, sitemap and robots.txt from the built-in templates.
fn feed_files(site: &Site) -> Vec<OutputFile> {
    Renderer::new(Path::new("tests/fixtures/no-such-site"))
        .unwrap()
        .feeds(site)
        .unwrap()
}

fn file<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    let f = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path} among {:?}", paths(files)));
    std::str::from_utf8(&f.bytes).unwrap()
}

fn paths(files: &[OutputFile]) -> Vec<&str> {
    files.iter().map(|f| f.path.as_str()).collect()
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
fn output_does_not_depend_on_input_order() {
    let c = config(Some(BASE), 2);
    let mut reversed = articles(&c);
    reversed.reverse();
    let a = site();
    let b = site_with(Some(BASE), reversed);
    assert_eq!(feed_files(&a), feed_files(&b));
    assert_eq!(search::files(&a), search::files(&b));
    assert_eq!(
        chart::months_svg(&a, &a.listed),
        chart::months_svg(&b, &b.listed)
    );
}

fn search_index(s: &Site) -> (String, serde_json::Value) {
    let files = search::files(s);
    let js = file(&files, "search-index.js").to_string();
    let json = js
        .strip_prefix("window.SEARCH_INDEX = ")
        .and_then(|r| r.strip_suffix(";\n"))
        .expect("index assigns window.SEARCH_INDEX");
    let value = serde_json::from_str(json).expect("index is JSON");
    (js, value)
}

#[test]
fn search_index_holds_listed_articles_with_folded_text() {
    let s = site();
    let (js, index) = search_index(&s);
    assert!(!js.contains("</script>"), "closing tags are escaped");
    let fields: Vec<&str> = index["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    let at = |name: &str| fields.iter().position(|f| *f == name).unwrap();
    let items = index["items"].as_array().unwrap();
    let got: BTreeSet<&str> = items
        .iter()
        .map(|i| i[at("path")].as_str().unwrap())
        .collect();
    let want: BTreeSet<String> = s
        .listed
        .iter()
        .map(|&i| format!("articles/{}/index.html", s.articles[i].slug))
        .collect();
    assert_eq!(
        got,
        want.iter().map(String::as_str).collect::<BTreeSet<_>>()
    );
    assert!(
        got.contains("articles/undated/index.html"),
        "undated articles are searchable"
    );
    assert!(!got.contains("articles/football/index.html"));

    let pact = items
        .iter()
        .find(|i| i[at("path")] == "articles/pact/index.html")
        .unwrap();
    assert_eq!(
        pact[at("title")],
        "Gunma pact </script><script>alert(1)</script>"
    );
    assert_eq!(pact[at("date")], "2025-11-03");
    assert_eq!(pact[at("places")][0], "Hải Phòng");
    assert_eq!(pact[at("outlet")], "VN & JP News");
    let theme_names: Vec<&str> = pact[at("themes")]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            index["themes"][t.as_u64().unwrap() as usize][1]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(theme_names, ["R&D <local>", "Investment"]);
    // Words of the body are folded, so an unaccented query finds them.
    let text = pact[at("text")].as_str().unwrap();
    let words: BTreeSet<&str> = text.split(' ').collect();
    for w in ["ngo", "trinh", "ha", "signing"] {
        assert!(words.contains(w), "{w} in {text}");
    }
    assert!(text.is_ascii(), "{text}");
}

#[test]
fn months_chart_totals_equal_article_counts() {
    let s = site();
    let svg = chart::months_svg(&s, &s.listed);
    let dated = s
        .listed
        .iter()
        .filter(|&&i| s.articles[i].front.date.is_some())
        .count();
    // The markup is well-formed XML (wrapped, as it is several siblings).
    let wrapped = format!("<div>{svg}</div>");
    let doc = roxmltree::Document::parse(&wrapped).expect("well-formed");
    let chart = doc
        .descendants()
        .find(|n| n.has_tag_name("svg") && n.attribute("role") == Some("img"))
        .unwrap();
    assert!(chart.attribute("viewBox").is_some());
    assert_eq!(chart.attribute("width"), Some("100%"));
    assert!(doc.descendants().all(|n| n.attribute("id").is_none()));
    let bars: usize = chart
        .descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("bar ")))
        .map(|n| {
            let title = n.children().find(|c| c.has_tag_name("title")).unwrap();
            let n = title.text().unwrap().rsplit(": ").next().unwrap();
            n.parse::<usize>().unwrap()
        })
        .sum();
    assert_eq!(bars, dated);
    let desc = chart
        .children()
        .find(|c| c.has_tag_name("desc"))
        .and_then(|d| d.text())
        .unwrap();
    assert!(desc.starts_with(&format!("{dated} articles")), "{desc}");
    assert!(desc.contains("R&D <local> 1"), "{desc}");
    let total_cell = doc
        .descendants()
        .filter(|n| n.has_tag_name("tfoot"))
        .flat_map(|f| f.descendants().filter(|n| n.has_tag_name("td")))
        .last()
        .and_then(|n| n.text())
        .unwrap();
    assert_eq!(total_cell, dated.to_string());
    assert!(!svg.contains("<local>"), "theme names are escaped");
}

#[test]
fn months_chart_shows_at_most_24_continuous_months() {
    let c = config(Some(BASE), 10);
    let list: Vec<Article> = (0..30)
        .map(|k| {
            let (y, m) = (2020 + k / 12, k % 12 + 1);
            article(
                &c,
                &format!("a{k}"),
                &format!("title = \"A{k}\"\ndate = {y}-{m:02}-15\nthemes = [\"investment\"]"),
                "Text.",
            )
        })
        // Leave a gap month: the axis must still be continuous.
        .filter(|a| a.slug.as_str() != "a25")
        .collect();
    let s = site_with(Some(BASE), list);
    let svg = chart::months_svg(&s, &s.listed);
    let bars = svg.matches("<rect class=\"bar ").count();
    assert_eq!(bars, 23, "24 months shown, one of them empty");
    assert!(svg.contains("6 earlier articles not shown"), "{svg}");
    assert!(svg.contains("from July 2020 to June 2022"), "{svg}");
}

#[test]
fn sparkline_describes_total_and_peak() {
    let s = site();
    let spark = chart::sparkline_svg(&s, &s.listed);
    let doc = roxmltree::Document::parse(&spark).expect("well-formed");
    let label = doc.root_element().attribute("aria-label").unwrap();
    assert_eq!(label, "4 articles, peak in October 2025 (2)");
    // The site's range runs from February 2024 to November 2025: 22 months.
    let points = doc
        .descendants()
        .find(|n| n.has_tag_name("polyline"))
        .and_then(|n| n.attribute("points"))
        .unwrap();
    assert_eq!(points.split(' ').count(), 22);
}

#[test]
fn charts_of_nothing_say_so() {
    let s = site();
    let undated = s.index_of("undated").unwrap();
    assert!(chart::months_svg(&s, &[]).contains("No dated articles"));
    assert!(chart::months_svg(&s, &[undated]).contains("No dated articles"));
    assert_eq!(chart::sparkline_svg(&s, &[undated]), "");
}

/// A deterministic generator of news-like text: a Zipf-like vocabulary, so
/// common words repeat across articles and rare ones (names) do not.
struct Words {
    state: u64,
    vocabulary: Vec<String>,
}

impl Words {
    fn new(size: usize) -> Self {
        const SYLLABLES: [&str; 24] = [
            "ha", "noi", "phong", "gun", "ma", "to", "ky", "o", "sa", "ka", "viet", "nam", "tra",
            "de", "in", "vest", "ment", "co", "op", "er", "ation", "tech", "nol", "ogy",
        ];
        let mut w = Words {
            state: 0x2545_f491_4f6c_dd1d,
            vocabulary: Vec::new(),
        };
        for _ in 0..size {
            let n = 1 + w.next() % 4;
            let word: String = (0..n)
                .map(|_| SYLLABLES[(w.next() % 24) as usize])
                .collect();
            w.vocabulary.push(word);
        }
        w
    }
    fn next(&mut self) -> u64 {
        // xorshift64*: enough randomness for sizes, and reproducible.
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11
    }
    fn word(&mut self) -> &str {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        let i = ((self.vocabulary.len() as f64) * u.powi(3)) as usize;
        &self.vocabulary[i]
    }
    fn text(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| self.word().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn synthetic_site(n: usize, words_per_article: usize) -> Site {
    let c = config(Some(BASE), 10);
    let mut words = Words::new(30_000);
    let list: Vec<Article> = (0..n)
        .map(|k| {
            let title = words.text(8);
            let third = words_per_article / 3;
            let body = format!(
                "{}\n\n{}\n\n{}",
                words.text(third),
                words.text(third),
                words.text(third)
            );
            article(
                &c,
                &format!("a{k}"),
                &format!(
                    "title = \"{title}\"\ndate = {}-{:02}-{:02}\nthemes = [\"investment\"]",
                    2000 + k / 400,
                    k % 12 + 1,
                    k % 28 + 1
                ),
                &body,
            )
        })
        .collect();
    site_with(Some(BASE), list)
}

/// Reports the index size for the seeds (taken as raw articles) and for
/// 2,000 synthetic articles, and keeps the per-article cost bounded.
#[test]
fn search_index_stays_small() {
    let c = config(Some(BASE), 10);
    let seeds_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut seeds: Vec<_> = std::fs::read_dir(&seeds_dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    seeds.sort();
    let seed_articles: Vec<Article> = seeds
        .iter()
        .enumerate()
        .filter_map(|(k, p)| {
            let text = std::fs::read_to_string(p).ok()?;
            let (title, body) = text.split_once('\n')?;
            let title = title.replace(['"', '\\'], "");
            Some(article(
                &c,
                &format!("seed-{k}"),
                &format!(
                    "title = \"{}\"\ndate = 2025-11-0{}",
                    title.trim(),
                    k % 9 + 1
                ),
                body,
            ))
        })
        .collect();
    let n_seeds = seed_articles.len();
    let seed_bytes = search::index_size_for(&site_with(Some(BASE), seed_articles));
    eprintln!("search index: {n_seeds} seed articles -> {seed_bytes} bytes");
    assert!(n_seeds > 0, "the repository ships seeds/*.txt");
    assert!(seed_bytes / n_seeds < 4_000, "{seed_bytes}");

    let big_bytes = search::index_size_for(&synthetic_site(2_000, 300));
    eprintln!("search index: 2000 synthetic articles -> {big_bytes} bytes");
    // Title, summary and at most MAX_BODY_WORDS words of about 10 bytes each.
    assert!(big_bytes / 2_000 < 3_000, "{big_bytes}");
}

/// The 10,000-article measurement; slow in a debug build, so run on demand:
/// `cargo test --release --test reader -- --ignored --nocapture`.
#[test]
#[ignore]
fn search_index_size_at_10000_articles() {
    let bytes = search::index_size_for(&synthetic_site(10_000, 600));
    eprintln!(
        "search index: 10000 synthetic articles of 600 words -> {bytes} bytes ({} per article)",
        bytes / 10_000
    );
    assert!(bytes / 10_000 < 1_500, "{bytes}");
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

/// A hand-named content file (capitals, spaces) is written by the renderer
/// under a slugified folder; feeds, sitemap and search must point there too.
#[test]
fn links_to_hand_named_files_follow_the_renderer() {
    let c = config(Some("https://example.org/digest/"), 2);
    let a = article(
        &c,
        "Hand Named",
        "title = \"Hand named\"\ndate = 2025-01-02\nthemes = [\"investment\"]",
        "Vietnam and Japan.",
    );
    let s = site_with(Some("https://example.org/digest/"), vec![a]);
    let expected = bilateral_digest::render::paths::article("Hand Named");
    assert_eq!(expected, "articles/hand-named/index.html");
    let files = feed_files(&s);
    assert!(file(&files, "feed.xml").contains(&format!("https://example.org/digest/{expected}")));
    assert!(
        file(&files, "sitemap.xml").contains(&format!("https://example.org/digest/{expected}"))
    );
    let (js, _) = search_index(&s);
    assert!(
        js.contains(&expected),
        "search index links the rendered file"
    );
}
