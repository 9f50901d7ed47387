//! A small digest built in memory, shared by the tests of the reader-facing
//! files (tests/reader.rs, tests/feeds.rs).

use bilateral_digest::config::SiteConfig;
use bilateral_digest::content::{Article, Content, parse_article};
use bilateral_digest::output::OutputFile;
use bilateral_digest::render::Renderer;
use bilateral_digest::site::{PlaceInfo, Site};
use std::path::Path;

pub const BASE: &str = "https://example.org/digest/";

pub fn config(base_url: Option<&str>, per_page: usize) -> SiteConfig {
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

pub fn article(config: &SiteConfig, slug: &str, front: &str, body: &str) -> Article {
    let text = format!("+++\n{front}\n+++\n{body}\n");
    parse_article(
        Path::new(&format!("content/articles/{slug}.md")),
        &text,
        config,
    )
    .unwrap()
}

pub fn articles(c: &SiteConfig) -> Vec<Article> {
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

pub fn site_with(base_url: Option<&str>, mut list: Vec<Article>) -> Site {
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
            names: Default::default(),
            country: "Vietnam".into(),
            merged_into: None,
        },
    );
    site
}

pub fn site() -> Site {
    site_with(Some(BASE), Vec::new())
}

/// The feeds, sitemap and robots.txt from the built-in templates.
pub fn feed_files(site: &Site) -> Vec<OutputFile> {
    Renderer::new(Path::new("tests/fixtures/no-such-site"), &site.config)
        .unwrap()
        .feeds(site)
        .unwrap()
}

pub fn file<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    let f = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path} among {:?}", paths(files)));
    std::str::from_utf8(&f.bytes).unwrap()
}

pub fn paths(files: &[OutputFile]) -> Vec<&str> {
    files.iter().map(|f| f.path.as_str()).collect()
}
