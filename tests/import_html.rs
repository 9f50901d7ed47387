//! Saved pages as seeds, on a site folder: pages in Shift_JIS and
//! windows-1258, a page whose metadata is only JSON-LD, and hostile HTML
//! (scripts, event handlers, `javascript:` links) that must come out inert,
//! in the page import writes and in the built site.

mod common;

use bilateral_digest::config::SiteConfig;
use bilateral_digest::content::{self, FrontMatter};
use bilateral_digest::ingest::{self, ImportOptions};
use std::path::{Path, PathBuf};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html");

/// A site with the repository's config and data and the named fixture pages.
fn site(name: &str, pages: &[&str]) -> PathBuf {
    let root = common::repo_config_site("import-html", name);
    for p in pages {
        std::fs::copy(Path::new(FIXTURES).join(p), root.join("seeds").join(p)).unwrap();
    }
    root
}

fn import(root: &Path, opts: &ImportOptions) -> ingest::ImportReport {
    let config = SiteConfig::load(root).unwrap();
    ingest::import(root, &config, opts).unwrap()
}

/// The page made from `seed`: its front matter and its whole text.
fn page_of(root: &Path, seed: &str) -> (FrontMatter, String) {
    for e in std::fs::read_dir(root.join("content/articles")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let (toml_text, _) = content::split_front_matter(&p, &text).unwrap();
        let front: FrontMatter = toml::from_str(toml_text).unwrap();
        if front.seed.as_deref() == Some(seed) {
            return (front, text);
        }
    }
    panic!("no page for {seed}");
}

#[test]
fn shift_jis_and_windows_1258_pages_are_decoded_with_their_metadata() {
    let root = site("charsets", &["shift_jis.html", "windows_1258.html"]);
    let r = import(&root, &ImportOptions::default());
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.written, 2);

    let (ja, text) = page_of(&root, "shift_jis.html");
    assert_eq!(ja.title, "日越、港湾協力で合意");
    assert_eq!(ja.outlet.as_deref(), Some("架空新聞"));
    assert_eq!(ja.date.unwrap().to_string(), "2025-11-03");
    assert_eq!(ja.language.unwrap().as_str(), "ja");
    assert_eq!(
        ja.source.as_deref(),
        Some("https://kakuu.example.jp/news/2025/11/03/port.html")
    );
    assert!(text.contains("ハイフォン港の拡張"), "{text}");
    assert!(
        !text.contains("トップ"),
        "the menu is not the article: {text}"
    );
    // The caption is a caption, not a paragraph of the body.
    assert!(
        text.contains("*Caption:* 拡張が予定されるハイフォン港"),
        "{text}"
    );
    assert!(!text.contains('\u{fffd}'), "{text}");

    let (vi, text) = page_of(&root, "windows_1258.html");
    assert_eq!(
        vi.title,
        "Việt Nam và Nhật Bản hợp tác phát triển cảng biển"
    );
    assert_eq!(vi.outlet.as_deref(), Some("Báo Giả Định"));
    assert_eq!(vi.date.unwrap().to_string(), "2025-10-20");
    assert_eq!(vi.language.unwrap().as_str(), "vi");
    // Composed letters, so the gazetteer finds the places.
    assert!(text.contains("Hải Phòng và Đà Nẵng"), "{text}");
    assert!(!vi.places.is_empty(), "{:?}", vi.places);
    assert!(!text.contains("Trang chủ"), "{text}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn json_ld_alone_gives_headline_date_and_outlet() {
    let root = site("jsonld", &["json_ld_only.html"]);
    let r = import(
        &root,
        &ImportOptions {
            explain: Some(None),
            ..ImportOptions::default()
        },
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let (front, text) = page_of(&root, "json_ld_only.html");
    assert_eq!(
        front.title,
        "Japan to fund metro line extension in Ho Chi Minh City"
    );
    assert_eq!(front.date.unwrap().to_string(), "2025-09-12");
    assert_eq!(front.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(front.author.as_deref(), Some("Jane Roe"));
    assert!(!front.title_inferred);
    assert!(
        text.contains("signalling systems and rolling stock"),
        "{text}"
    );
    let ex = &r.explanation;
    assert!(ex.contains("headline from JSON-LD headline"), "{ex}");
    assert!(ex.contains("date from JSON-LD datePublished"), "{ex}");
    assert!(ex.contains("author: Jane Roe"), "{ex}");
    assert!(ex.contains("article block:"), "{ex}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn hostile_html_is_inert_in_the_page_and_the_site() {
    let root = site("hostile", &["hostile.html", "hostile_gz.html.gz"]);
    let r = import(&root, &ImportOptions::default());
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.written, 2);
    for seed in ["hostile.html", "hostile_gz.html.gz"] {
        let (front, text) = page_of(&root, seed);
        assert!(front.title.starts_with("Trade talks"), "{}", front.title);
        let (_, body) = text.split_once("\n+++\n").unwrap();
        for bad in [
            "<script",
            "onerror",
            "onclick",
            "onload",
            "(<javascript",
            "(<data:",
            "data:text",
            "<iframe",
            "<svg",
            "hunter2",
            "injected by script",
            "alert('inline')",
        ] {
            assert!(
                !body.contains(bad),
                "{seed}: `{bad}` passed into the body:\n{body}"
            );
        }
        // The http(s) link is kept; the others keep their words only.
        assert!(
            body.contains("[official text](<https://trade.example.org/statement>)"),
            "{body}"
        );
        assert!(body.contains("full statement"), "{body}");
        assert!(body.contains("&lt;iframe"), "{body}");
        assert!(body.contains("\\*stars\\*"), "{body}");
        // The page's own text `[brackets](javascript:…)` stays text.
        assert_eq!(body.matches("javascript:").count(), 1, "{body}");
        assert!(body.contains("\\[brackets\\](javascript:"), "{body}");
    }

    // Built, the site has no script or handler from the page.
    let mut opts = bilateral_digest::build::BuildOptions::new(&root);
    opts.import = false;
    opts.output = Some(PathBuf::from("public"));
    bilateral_digest::build::build(&opts).unwrap();
    let (front, _) = page_of(&root, "hostile.html");
    let slug = bilateral_digest::types::Slug::from_text(&front.title, 80);
    let dir = root.join("public/articles");
    let html = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .filter(|p| p.to_string_lossy().contains(slug.as_str()) || p.exists())
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .find(|h| h.contains("rules of origin"))
        .expect("the hostile page is built");
    for bad in [
        "onerror",
        "onclick",
        "href=\"javascript",
        "<script>alert",
        "<iframe",
        "hunter2",
    ] {
        assert!(!html.contains(bad), "`{bad}` reached the built page");
    }
    assert!(html.contains("href=\"https://trade.example.org/statement\""));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn broken_pages_are_reported_and_do_not_stop_the_others() {
    let root = site("broken", &["json_ld_only.html"]);
    std::fs::write(root.join("seeds/cut.html.gz"), b"\x1f\x8b\x08\x00cut").unwrap();
    std::fs::write(root.join("seeds/empty.htm"), b"   ").unwrap();
    std::fs::write(
        root.join("seeds/nothing.html"),
        b"<html><body><script>x</script>",
    )
    .unwrap();
    let r = import(&root, &ImportOptions::default());
    assert_eq!(r.written, 1, "{:?}", r.problems);
    assert_eq!(r.problems.len(), 3, "{:?}", r.problems);
    assert!(
        r.problems
            .iter()
            .any(|p| p.contains("cut.html.gz") && p.contains("inflated"))
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_pages_author_is_kept_and_shown_on_the_article_page() {
    let root = site("author", &[]);
    let page = |author: &str, title: &str| {
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><title>{title}</title>\
             <meta name=\"author\" content=\"{author}\"></head><body><article>\
             <h1>{title}</h1><p>Japan and Vietnam agreed on Monday to train two thousand \
             semiconductor engineers in Da Nang over five years, officials said.</p>\
             <p>The programme pairs Vietnamese universities with Japanese chip makers, \
             which will send instructors and equipment to the city's new centre.</p>\
             </article></body></html>"
        )
    };
    let seeds = root.join("seeds");
    std::fs::write(
        seeds.join("named.html"),
        page("By  An   Nguyen", "Chip engineers for Da Nang"),
    )
    .unwrap();
    std::fs::write(
        seeds.join("placeholder.html"),
        page("admin", "Another chip story for Da Nang"),
    )
    .unwrap();
    let r = import(&root, &ImportOptions::default());
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let (named, text) = page_of(&root, "named.html");
    assert_eq!(named.author.as_deref(), Some("An Nguyen"));
    assert!(text.contains("author = \"An Nguyen\""), "{text}");
    let (placeholder, _) = page_of(&root, "placeholder.html");
    assert_eq!(placeholder.author, None);

    let mut opts = bilateral_digest::build::BuildOptions::new(&root);
    opts.import = false;
    opts.output = Some(PathBuf::from("public"));
    bilateral_digest::build::build(&opts).unwrap();
    let built = |front: &FrontMatter| {
        let slug = bilateral_digest::types::Slug::from_text(&front.title, 80);
        let page = root.join("public/articles").join(slug.as_str());
        std::fs::read_to_string(page.join("index.html")).unwrap()
    };
    assert!(
        built(&named).contains("<span class=\"author\">By An Nguyen</span>"),
        "the byline is on the page"
    );
    let html = built(&placeholder);
    assert!(
        !html.contains("class=\"author\""),
        "no byline without an author"
    );
    let _ = std::fs::remove_dir_all(&root);
}
