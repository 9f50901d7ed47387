//! Runs static/search.js under node against the sharded search index built
//! by the crate (tests/search_js.test.js holds the checks). Node is required: a
//! missing node fails the test rather than skipping it.

use bilateral_digest::config::SiteConfig;
use bilateral_digest::content::{Content, parse_article_text};
use bilateral_digest::render::search::{self, search_fold, shards};
use bilateral_digest::site::{PlaceInfo, Site};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A small site and its articles' body words (aligned with `site.articles`).
fn site() -> (Site, Vec<String>) {
    let config = SiteConfig::parse(
        Path::new("site.toml"),
        "title = \"T\"\n[[themes]]\nslug = \"investment\"\nname = \"Investment\"\n\
         [[themes]]\nslug = \"diaspora\"\nname = \"Diaspora\"\n",
    )
    .unwrap();
    let filler = "The plan covers ports, schools, hospitals, parks, roads, bridges, factories, \
        training centres, water works, power lines, rail links, bus routes, markets, museums, \
        libraries, stadiums, clinics, farms, fisheries, forests, housing and offices.";
    let sources = [
        (
            "pact",
            "title = \"Gunma pact </script><script>alert(1)</script>\"\ndate = 2025-11-03\n\
             themes = [\"investment\"]\nplaces = [\"hai-phong\"]",
            format!(
                "Hải Phòng and Gunma agreed on a plan, announced in Osaka.\n\n{filler}\n\n\
                 Ngô Trịnh Hà spoke at the signing."
            ),
        ),
        (
            "students",
            "title = \"Students in Osaka\"\ndate = 2025-10-01\nthemes = [\"diaspora\"]",
            "Vietnamese students.".to_string(),
        ),
        (
            "fund",
            "title = \"Fund opens\"\ndate = 2025-10-20\nthemes = [\"investment\"]",
            "A fund for factories. 日本とベトナムの協力。".to_string(),
        ),
    ];
    let (articles, words): (Vec<_>, Vec<_>) = sources
        .iter()
        .map(|(slug, front, body)| {
            let (a, text) = parse_article_text(
                Path::new(&format!("content/articles/{slug}.md")),
                &format!("+++\n{front}\n+++\n{body}\n"),
                &config,
            )
            .unwrap();
            (a, search::distinct_words(&text))
        })
        .unzip();
    let (mut site, words) = Site::new_with(
        config,
        Content {
            articles,
            ..Default::default()
        },
        words,
    );
    site.places.insert(
        "hai-phong".into(),
        PlaceInfo {
            id: "hai-phong".into(),
            name: "Hải Phòng".into(),
            names: Default::default(),
            country: "Vietnam".into(),
            merged_into: None,
        },
    );
    (site, words)
}

/// Text in Latin script, which both folds must turn into the same string.
const LATIN: &[&str] = &[
    "Hải Phòng, Đà Nẵng, Bà Rịa – Vũng Tàu, Thừa Thiên Huế, Quảng Ngãi",
    "Nguyễn Thị Ánh Tuyết, Ngô Trịnh Hà, Phạm Minh Chính",
    "Bjørnstjerne Ærøskøbing Tromsø Håkon",
    "Straße Müller Öl Ärger",
    "Łódź Gdańsk Kraków Żółć",
    "Český Krumlov Dvořák",
    "Þórshöfn Reykjavík Ðuna",
    "İstanbul Iğdır",
    "Ça va, élève, naïve, cœur, Œuvre",
    "São Paulo, España, mañana",
];

/// Other scripts: the index may store them differently, but the script must
/// fold both forms to the same thing.
const OTHER: &[&str] = &[
    "日本とベトナムの協力",
    "がぎぐげご パピプペポ",
    "한국과 베트남",
    "Ελληνικά άέήίόύώ",
    "Вьетнам и Япония, йод, Ёлка",
    "ประเทศไทย",
    "العربية",
    "中华人民共和国",
];

fn node_input() -> String {
    let (site, words) = site();
    let files: serde_json::Map<String, serde_json::Value> = search::files(&site, &words)
        .into_iter()
        .map(|f| (f.path, String::from_utf8(f.bytes).unwrap().into()))
        .collect();
    assert!(
        files.contains_key(shards::MANIFEST),
        "the manifest is produced"
    );
    let n = shards::term_shards(site.listed.len());
    let shard_of: serde_json::Map<String, serde_json::Value> = [
        "hai",
        "phong",
        "osaka",
        "a",
        "ab",
        "日本",
        "ベト",
        "straße",
        "photograph",
        "5",
    ]
    .iter()
    .map(|w| (w.to_string(), shards::shard_of(w, n).into()))
    .collect();
    let postings = vec![
        (0u32, 1u8),
        (1, 15),
        (2, 8),
        (40, 3),
        (100_000, 9),
        (100_001, 1),
    ];
    let encoded = shards::encode_postings(postings.iter().copied());
    let mut pairs: Vec<(String, String)> = OTHER
        .iter()
        .chain(LATIN)
        .map(|s| (s.to_string(), search_fold(s)))
        .collect();
    // Every letter of the Latin blocks the build folds.
    for c in ('\u{C0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}') {
        if c.is_alphabetic() {
            pairs.push((c.to_string(), search_fold(&c.to_string())));
        }
    }
    let latin: Vec<(String, String)> = LATIN
        .iter()
        .map(|s| (s.to_string(), search_fold(s)))
        .collect();
    serde_json::json!({
        "files": files,
        "pairs": pairs,
        "latin": latin,
        "shards": shard_of,
        "postings": [encoded, postings],
    })
    .to_string()
}

#[test]
fn search_js_passes_its_checks_under_node() {
    let version = Command::new("node").arg("--version").output();
    let Ok(version) = version else {
        panic!(
            "node is required to test static/search.js: install Node.js (e.g. apt-get install nodejs)"
        );
    };
    assert!(version.status.success(), "node --version failed");

    let mut child = Command::new("node")
        .arg(repo().join("tests/search_js.test.js"))
        .arg(repo().join("static/search.js"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(node_input().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "search.js checks failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}\n{stderr}");
}

#[test]
fn search_js_never_parses_data_as_html() {
    let js = std::fs::read_to_string(repo().join("static/search.js")).unwrap();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.contains(sink), "static/search.js uses {sink}");
    }
    assert!(js.contains("textContent"));
}
