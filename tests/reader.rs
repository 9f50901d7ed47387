//! The reader-facing generated files other than the feeds (the sharded
//! search index, charts) over a small site built in memory; tests/feeds.rs has the feeds.

#[path = "common/memory.rs"]
mod memory;

use bilateral_digest::content::Article;
use bilateral_digest::output::OutputFile;
use bilateral_digest::render::i18n::Strings;
use bilateral_digest::render::{chart, search};
use bilateral_digest::site::Site;
use memory::{BASE, article, articles, config, feed_files, file, site, site_with};
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn output_does_not_depend_on_input_order() {
    let c = config(Some(BASE), 2);
    let mut reversed = articles(&c);
    reversed.reverse();
    let a = site();
    let b = site_with(Some(BASE), reversed);
    assert_eq!(feed_files(&a), feed_files(&b));
    assert_eq!(search_files(&a), search_files(&b));
    assert_eq!(
        chart::months_svg(&a, &english(), &names(&a), &a.listed),
        chart::months_svg(&b, &english(), &names(&b), &b.listed)
    );
}

/// The themes' names in the site's language.
fn names(s: &Site) -> Vec<String> {
    let c = &s.config;
    c.themes
        .iter()
        .map(|t| c.theme_name(t, &c.language).to_string())
        .collect()
}

/// The built-in English interface strings.
fn english() -> Strings {
    Strings::built_in(&bilateral_digest::types::Language::new("en"))
}

/// The search index of a site made in memory. The body words a build derives
/// from each article's plain text are taken here from its HTML, tags and the
/// few entities Markdown writes removed: the same words.
fn search_files(s: &Site) -> Vec<OutputFile> {
    let words: Vec<String> = s
        .articles
        .iter()
        .map(|a| {
            let mut plain = String::new();
            let mut in_tag = false;
            for c in a.html.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        plain.push(' ');
                    }
                    c if !in_tag => plain.push(c),
                    _ => {}
                }
            }
            let plain = plain
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            search::distinct_words(&plain)
        })
        .collect();
    search::files(s, &words)
}

fn index_size(s: &Site) -> usize {
    search_files(s).iter().map(|f| f.bytes.len()).sum()
}

/// The JSON data a shard script registers (`window.__searchShard(kind,n,DATA);`).
fn shard_data(js: &str) -> serde_json::Value {
    let rest = js
        .strip_prefix("window.__searchShard(\"")
        .expect("a shard registers itself");
    let (_, rest) = rest.split_once(',').unwrap();
    let (_, json) = rest.split_once(',').unwrap();
    serde_json::from_str(json.strip_suffix(");\n").unwrap()).expect("shard data is JSON")
}

/// The sharded index read back: every file's text joined, the documents in
/// listing order, and each word's postings.
struct Index {
    text: String,
    docs: Vec<serde_json::Value>,
    terms: std::collections::BTreeMap<String, Vec<(u32, u8)>>,
    manifest: serde_json::Value,
}

fn search_index(s: &Site) -> Index {
    let files = search_files(s);
    let mut index = Index {
        text: String::new(),
        docs: Vec::new(),
        terms: Default::default(),
        manifest: serde_json::Value::Null,
    };
    let mut docs = std::collections::BTreeMap::new();
    for f in &files {
        let js = String::from_utf8(f.bytes.clone()).unwrap();
        index.text.push_str(&js);
        if f.path == search::shards::MANIFEST {
            let json = js
                .strip_prefix("window.SEARCH_MANIFEST = ")
                .and_then(|r| r.strip_suffix(";\n"))
                .expect("the manifest assigns window.SEARCH_MANIFEST");
            index.manifest = serde_json::from_str(json).unwrap();
        } else if let Some(n) = f.path.strip_prefix("search/docs/") {
            let n: usize = n.trim_end_matches(".js").parse().unwrap();
            docs.insert(n, shard_data(&js));
        } else {
            assert!(f.path.starts_with("search/terms/"), "{}", f.path);
            for (w, p) in shard_data(&js).as_object().unwrap() {
                let postings = search::shards::decode_postings(p.as_str().unwrap());
                index.terms.insert(w.clone(), postings);
            }
        }
    }
    index.docs = docs
        .into_values()
        .flat_map(|d| d.as_array().unwrap().clone())
        .collect();
    index
}

#[test]
fn search_index_holds_listed_articles_with_folded_text() {
    let s = site();
    let index = search_index(&s);
    assert!(
        !index.text.contains("</script>"),
        "closing tags are escaped"
    );
    let got: BTreeSet<&str> = index.docs.iter().map(|d| d[0].as_str().unwrap()).collect();
    let want: BTreeSet<String> = s
        .listed
        .iter()
        .map(|&i| format!("articles/{}/index.html", s.articles[i].slug))
        .collect();
    assert_eq!(
        got,
        want.iter().map(String::as_str).collect::<BTreeSet<_>>()
    );
    assert_eq!(index.manifest["count"], s.listed.len());
    assert!(
        got.contains("articles/undated/index.html"),
        "undated articles are searchable"
    );
    assert!(!got.contains("articles/football/index.html"));

    let at = index
        .docs
        .iter()
        .position(|d| d[0] == "articles/pact/index.html")
        .unwrap();
    let pact = &index.docs[at];
    assert_eq!(pact[1], "Gunma pact </script><script>alert(1)</script>");
    assert_eq!(pact[2], "2025-11-03");
    assert_eq!(pact[4], "VN & JP News");
    let theme_names: Vec<&str> = pact[3]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            index.manifest["themes"][t.as_u64().unwrap() as usize][1]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(theme_names, ["R&D <local>", "Investment"]);
    let fields_of = |w: &str| -> u8 {
        index.terms.get(w).map_or(0, |p| {
            p.iter()
                .filter(|(d, _)| *d as usize == at)
                .map(|(_, f)| *f)
                .sum()
        })
    };
    // Place names are folded, so an unaccented query finds them.
    assert_ne!(fields_of("hai") & search::shards::META, 0);
    // Words of the body are folded too.
    for w in ["ngo", "trinh", "ha", "signing"] {
        assert_ne!(fields_of(w) & search::shards::BODY, 0, "{w}");
    }
    assert!(index.terms.keys().all(|w| w.is_ascii()));
}

#[test]
fn months_chart_totals_equal_article_counts() {
    let s = site();
    let svg = chart::months_svg(&s, &english(), &names(&s), &s.listed);
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
    let svg = chart::months_svg(&s, &english(), &names(&s), &s.listed);
    let bars = svg.matches("<rect class=\"bar ").count();
    assert_eq!(bars, 23, "24 months shown, one of them empty");
    assert!(svg.contains("6 earlier articles not shown"), "{svg}");
    assert!(svg.contains("from July 2020 to June 2022"), "{svg}");
}

/// Articles of site `c`, one on the 15th of each of `n` months from
/// November 2019 (so that a January falls between two labelled months).
fn monthly(c: &bilateral_digest::config::SiteConfig, n: i32) -> Vec<Article> {
    (0..n)
        .map(|k| {
            let (y, m) = (2019 + (k + 10) / 12, (k + 10) % 12 + 1);
            article(
                c,
                &format!("a{k}"),
                &format!("title = \"A{k}\"\ndate = {y}-{m:02}-15\nthemes = [\"investment\"]"),
                "Text.",
            )
        })
        .collect()
}

#[test]
fn month_labels_never_meet_in_any_language() {
    for lang in ["en", "vi", "ja"] {
        let t = Strings::built_in(&bilateral_digest::types::Language::new(lang));
        for n in [3, 7, 13, 24] {
            let s = site_with(Some(BASE), monthly(&config(Some(BASE), 10), n));
            let svg = chart::months_svg(&s, &t, &names(&s), &s.listed);
            let doc = roxmltree::Document::parse(&svg[..svg.find("</svg>").unwrap() + 6])
                .expect("well-formed");
            // Month labels sit on one line, year labels on the next.
            for row in ["152.0", "164.0"] {
                let xs: Vec<f64> = doc
                    .descendants()
                    .filter(|e| e.has_tag_name("text") && e.attribute("y") == Some(row))
                    .map(|e| e.attribute("x").unwrap().parse().unwrap())
                    .collect();
                for pair in xs.windows(2) {
                    // 10-unit text: "Th11" and "11月" are under 28 units wide.
                    assert!(pair[1] - pair[0] >= 28.0, "{lang}, {n} months: {xs:?}");
                }
            }
        }
    }
}

#[test]
fn charts_of_fewer_than_three_months_are_left_out() {
    let c = config(Some(BASE), 10);
    let two = site_with(Some(BASE), monthly(&c, 2));
    assert_eq!(
        chart::months_svg(&two, &english(), &names(&two), &two.listed),
        ""
    );
    let three = site_with(Some(BASE), monthly(&c, 3));
    assert!(chart::months_svg(&three, &english(), &names(&three), &three.listed).contains("<svg"));
}

#[test]
fn sparkline_describes_total_and_peak() {
    let s = site();
    let spark = chart::sparkline_svg(&s, &english(), &s.listed);
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
    assert!(chart::months_svg(&s, &english(), &names(&s), &[]).contains("No dated articles"));
    assert!(
        chart::months_svg(&s, &english(), &names(&s), &[undated]).contains("No dated articles")
    );
    assert_eq!(chart::sparkline_svg(&s, &english(), &[undated]), "");
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
    let seed_bytes = index_size(&site_with(Some(BASE), seed_articles));
    eprintln!("search index: {n_seeds} seed articles -> {seed_bytes} bytes");
    assert!(n_seeds > 0, "the repository ships seeds/*.txt");
    assert!(seed_bytes / n_seeds < 4_000, "{seed_bytes}");

    let big_bytes = index_size(&synthetic_site(2_000, 300));
    eprintln!("search index: 2000 synthetic articles -> {big_bytes} bytes");
    // Title, summary and at most MAX_BODY_WORDS words of about 10 bytes each.
    assert!(big_bytes / 2_000 < 3_000, "{big_bytes}");
}

/// What a query loads does not grow with the site: the term shards of its
/// words (their number fixed by the query, their size by the articles per
/// shard) and at most a document shard per result shown.
#[test]
fn a_query_loads_a_bounded_number_of_bytes() {
    let shards = |s: &Site| -> (usize, usize, usize) {
        let files = search_files(s);
        let terms: Vec<usize> = files
            .iter()
            .filter(|f| f.path.starts_with("search/terms/"))
            .map(|f| f.bytes.len())
            .collect();
        let docs = files
            .iter()
            .filter(|f| f.path.starts_with("search/docs/"))
            .map(|f| f.bytes.len())
            .max()
            .unwrap();
        (terms.len(), terms.iter().sum::<usize>() / terms.len(), docs)
    };
    let (n_small, mean_small, _) = shards(&synthetic_site(500, 100));
    let big = synthetic_site(2_000, 100);
    let (n_big, mean_big, docs_big) = shards(&big);
    eprintln!(
        "term shards: 500 articles -> {n_small} of {mean_small} bytes, \
         2000 -> {n_big} of {mean_big} bytes; largest document shard {docs_big} bytes"
    );
    assert!(n_big > n_small, "more articles, more shards");
    assert!(mean_big * 2 < mean_small * 3, "{mean_small} -> {mean_big}");

    // A two-word query: the files it needs, counted as the script does.
    let index = search_index(&big);
    let n = index.manifest["terms"].as_u64().unwrap() as usize;
    let title = index.docs[7][1].as_str().unwrap().to_string();
    let words: Vec<String> = title.split(' ').take(2).map(search::search_fold).collect();
    let term_files: BTreeSet<usize> = words
        .iter()
        .map(|w| search::shards::shard_of(w, n))
        .collect();
    let hits: Vec<BTreeSet<u32>> = words
        .iter()
        .map(|w| {
            index
                .terms
                .iter()
                .filter(|(t, _)| t.starts_with(w.as_str()))
                .flat_map(|(_, p)| p.iter().map(|(d, _)| *d))
                .collect()
        })
        .collect();
    let results: Vec<u32> = hits[0].intersection(&hits[1]).copied().collect();
    assert!(
        results.contains(&7),
        "{words:?} finds the article they came from"
    );
    let doc_files: BTreeSet<u32> = results
        .iter()
        .take(100)
        .map(|d| d / search::shards::DOCS_PER_SHARD as u32)
        .collect();
    let files = search_files(&big);
    let size = |p: &str| files.iter().find(|f| f.path == p).unwrap().bytes.len();
    let loaded = size(search::shards::MANIFEST)
        + term_files
            .iter()
            .map(|&t| size(&search::shards::term_path(t)))
            .sum::<usize>()
        + doc_files
            .iter()
            .map(|&d| size(&search::shards::doc_path(d as usize)))
            .sum::<usize>();
    eprintln!(
        "query {words:?}: {} term and {} document shards, {loaded} bytes",
        term_files.len(),
        doc_files.len()
    );
    assert!(term_files.len() <= 2 && doc_files.len() <= 100);
    assert!(loaded < 200_000, "{loaded}");
}

/// The 10,000-article measurement; slow in a debug build, so run on demand:
/// `cargo test --release --test reader -- --ignored --nocapture`.
#[test]
#[ignore]
fn search_index_size_at_10000_articles() {
    let bytes = index_size(&synthetic_site(10_000, 600));
    eprintln!(
        "search index: 10000 synthetic articles of 600 words -> {bytes} bytes ({} per article)",
        bytes / 10_000
    );
    assert!(bytes / 10_000 < 1_500, "{bytes}");
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
    let index = search_index(&s);
    assert!(
        index.text.contains(&expected),
        "search index links the rendered file"
    );
}
