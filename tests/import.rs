//! Import: golden properties of the five seeds, constructed seeds in other
//! shapes and languages, the edit-keeping rules, bad seeds, and escaping.

use bilateral_digest::config::SiteConfig;
use bilateral_digest::content::{self, FrontMatter};
use bilateral_digest::ingest::{self, ImportOptions, ImportedArticle, SeedProblem, process_seed};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed_path(prefix: &str) -> PathBuf {
    let dir = manifest().join("seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    names.sort();
    names.pop().unwrap_or_else(|| panic!("no seed {prefix}"))
}

fn seed_text(prefix: &str) -> String {
    std::fs::read_to_string(seed_path(prefix)).unwrap()
}

fn process(prefix: &str) -> ImportedArticle {
    let p = seed_path(prefix);
    let name = p.file_name().unwrap().to_string_lossy().into_owned();
    process_seed(&name, &std::fs::read(&p).unwrap(), None).unwrap()
}

fn extra(name: &str) -> ImportedArticle {
    let p = manifest().join("tests/fixtures/seeds-extra").join(name);
    process_seed(name, &std::fs::read(p).unwrap(), None).unwrap()
}

/// Assert that the given 1-based lines of the seed reach the body and the
/// noise lines do not. Lines are compared by their last 80 characters, so
/// that an outlet credit removed from a lead does not matter.
fn check_lines(prefix: &str, a: &ImportedArticle, body: &[usize], noise: &[usize]) {
    let text = seed_text(prefix);
    let lines: Vec<&str> = text.lines().collect();
    let plain = a.plain();
    let tail = |s: &str| {
        let t = s.trim().trim_end_matches('|').trim();
        let n = t.chars().count();
        t.chars().skip(n.saturating_sub(80)).collect::<String>()
    };
    for &n in body {
        let t = tail(lines[n - 1]);
        assert!(plain.contains(&t), "{prefix}: body line {n} missing: {t}");
    }
    for &n in noise {
        let t = lines[n - 1].trim().trim_end_matches('|').trim();
        if t.is_empty() || t == "![]()" {
            continue;
        }
        // Short lines ("Vietnam", "Share:") must not be a paragraph of their
        // own; longer ones must not appear at all.
        let whole = a.blocks.iter().any(|b| match b {
            ingest::Block::Heading(x) | ingest::Block::Paragraph(x) => x.trim() == t,
        });
        assert!(!whole, "{prefix}: noise line {n} is a body block: {t}");
        if t.chars().count() >= 30 {
            assert!(!plain.contains(t), "{prefix}: noise line {n} in body: {t}");
        }
    }
    assert!(!a.markdown().contains("![]()"));
}

fn all_lines(prefix: &str, from: usize, to: usize) -> Vec<usize> {
    let text = seed_text(prefix);
    let lines: Vec<&str> = text.lines().collect();
    (from..=to.min(lines.len()))
        .filter(|&n| !lines[n - 1].trim().is_empty())
        .collect()
}

#[test]
fn seed_000_english_with_link_cards_and_captions() {
    let a = process("000");
    assert_eq!(
        a.front.title,
        "Promoting Vietnam-Japan Technology Transfer and Eco-Investment Cooperation"
    );
    assert!(!a.front.title_inferred);
    assert_eq!(a.front.language.as_ref().unwrap().as_str(), "en");
    assert_eq!(a.front.date, None);
    check_lines("000", &a, &[4, 7, 8, 9, 12, 13, 14], &[2, 3, 6, 11, 15, 16]);
}

#[test]
fn seed_001_norwegian_translation_without_headline() {
    let a = process("001");
    assert!(a.front.title_inferred);
    let words = a.front.title.split_whitespace().count();
    assert!((3..=10).contains(&words), "{}", a.front.title);
    assert_eq!(a.front.language.as_ref().unwrap().as_str(), "nb");
    assert_eq!(
        a.front.source.as_deref(),
        Some(
            "https://baoquocte.vn/thuc-day-chuyen-giao-cong-nghe-va-dau-tu-sinh-thai-viet-nam-nhat-ban-330418.html"
        )
    );
    assert_eq!(a.front.outlet.as_deref(), Some("baoquocte.vn"));
    let mut body = all_lines("001", 3, 9);
    body.extend(all_lines("001", 12, 15));
    body.extend(all_lines("001", 18, 21));
    check_lines("001", &a, &body, &[2, 11, 17, 22, 23]);
}

#[test]
fn seed_002_banner_standfirst_teasers_and_inferred_year() {
    let a = process("002");
    assert_eq!(
        a.front.title,
        "Vietnam, Japan look to develop leading industry"
    );
    assert_eq!(a.front.language.as_ref().unwrap().as_str(), "en");
    assert_eq!(a.front.date, NaiveDate::from_ymd_opt(2023, 11, 3));
    assert!(a.front.date_inferred);
    assert!(
        a.front
            .summary
            .as_deref()
            .unwrap()
            .starts_with("The two nations are celebrating")
    );
    let body: Vec<usize> = all_lines("002", 7, 45)
        .into_iter()
        .filter(|&n| n != 11)
        .collect();
    let mut noise = vec![1, 2, 3, 11];
    noise.extend(all_lines("002", 47, 200));
    check_lines("002", &a, &body, &noise);
}

#[test]
fn seed_003_alt_text_captions_and_headings() {
    let a = process("003");
    assert_eq!(
        a.front.title,
        "Vietnam-Japan Local Cooperation Forum: Fostering bonds of friendship, co-creating a new era"
    );
    assert_eq!(a.front.language.as_ref().unwrap().as_str(), "en");
    assert_eq!(a.front.outlet.as_deref(), Some("WVR"));
    // "On November 25" with no year tied to the present: no date.
    assert_eq!(a.front.date, None);
    let noise = [
        4, 5, 25, 26, 46, 47, 65, 66, 88, 89, 101, 102, 116, 117, 118, 119, 120, 121,
    ];
    let body: Vec<usize> = all_lines("003", 3, 114)
        .into_iter()
        .filter(|n| !noise.contains(n))
        .collect();
    check_lines("003", &a, &body, &noise);
    let md = a.markdown();
    for h in [
        "One of the most prominent highlights",
        "Five major cooperation directions",
        "Japan - A leading important partner",
    ] {
        assert!(md.contains(&format!("\n## {h}\n")), "heading {h}");
    }
    assert!(!md.contains("WVR -"), "outlet credit left in the lead");
    assert!(
        !md.contains(&a.front.title),
        "headline repeated in the body"
    );
}

#[test]
fn seed_004_kansai_date_source_outlet_and_tail() {
    let a = process("004");
    assert_eq!(
        a.front.title.trim_end_matches('.'),
        "The Prime Minister proposed expanding cooperation between the Kansai region (Japan) and Vietnamese localities"
    );
    assert_eq!(a.front.language.as_ref().unwrap().as_str(), "en");
    let d = a.front.date.unwrap();
    assert!(
        d == NaiveDate::from_ymd_opt(2025, 11, 3).unwrap()
            || d == NaiveDate::from_ymd_opt(2025, 11, 4).unwrap()
    );
    assert!(!a.front.date_inferred);
    assert!(
        a.front
            .source
            .as_deref()
            .unwrap()
            .starts_with("https://laichau.gov.vn/")
    );
    assert_eq!(a.front.outlet.as_deref(), Some("laichau.gov.vn"));
    let mut noise = vec![1, 7, 9, 10, 18, 19, 33, 34, 46, 48];
    noise.extend(all_lines("004", 51, 200));
    let body = [5, 12, 14, 16, 21, 23, 25, 27, 29, 31, 36, 38, 40, 42, 44];
    check_lines("004", &a, &body, &noise);
    assert!(!a.markdown().contains("(laichau.gov.vn)"));
}

#[test]
fn constructed_vietnamese_article() {
    let a = extra("vi_article.txt");
    assert_eq!(
        a.front.title,
        "Đà Nẵng và Yokohama ký kết hợp tác về đô thị thông minh"
    );
    assert_eq!(a.front.language.as_ref().unwrap().as_str(), "vi");
    assert_eq!(a.front.date, NaiveDate::from_ymd_opt(2025, 3, 10));
    assert_eq!(a.front.outlet.as_deref(), Some("baodanang.vn"));
    let md = a.markdown();
    assert!(md.contains("## Chuyển giao công nghệ xử lý rác"));
    for noise in [
        "Trang chủ",
        "Ảnh: Minh Hoàng",
        "Tin liên quan",
        "5 dự án FDI",
        "Bình luận",
        "Nguồn:",
    ] {
        assert!(!md.contains(noise), "{noise}");
    }
    assert!(md.starts_with("Sáng nay"));
    assert!(md.contains("lợi ích thiết thực cho người dân."));
}

#[test]
fn constructed_japanese_article() {
    let a = extra("ja_article.txt");
    assert_eq!(a.front.title, "ベトナムと日本、半導体人材の育成で協力へ");
    assert_eq!(a.front.language.as_ref().unwrap().as_str(), "ja");
    assert_eq!(a.front.date, NaiveDate::from_ymd_opt(2025, 11, 3));
    let md = a.markdown();
    assert_eq!(a.blocks.len(), 3);
    for noise in ["ホーム", "シェア", "写真", "関連記事", "留学生"] {
        assert!(!md.contains(noise), "{noise}");
    }
}

#[test]
fn constructed_english_site_with_other_menus() {
    let a = extra("en_other_site.txt");
    assert_eq!(
        a.front.title,
        "Osaka firms bet on Vietnam's northern industrial parks"
    );
    assert_eq!(a.front.date, NaiveDate::from_ymd_opt(2025, 3, 12));
    let md = a.markdown();
    assert!(md.contains("## Why the north"));
    assert!(md.contains("Local officials welcomed the plans"));
    for noise in [
        "Skip to",
        "Subscribe",
        "By Jane",
        "Image caption",
        "Advertisement",
        "Read more",
        "Facebook",
        "All rights",
    ] {
        assert!(!md.contains(noise), "{noise}");
    }
}

#[test]
fn constructed_short_lead_with_agency_dateline() {
    let a = extra("short_lead.txt");
    assert_eq!(a.front.title, "Hanoi metro line gets new Japanese loan");
    assert_eq!(a.front.outlet.as_deref(), Some("Kyodo"));
    let md = a.markdown();
    assert!(
        md.starts_with("Japan will lend more for the metro."),
        "{md}"
    );
    assert!(!md.contains("Markets"));
}

// ---- the import run on a site folder ----

struct Site {
    root: PathBuf,
}

impl Site {
    fn new(name: &str, prefixes: &[&str]) -> Site {
        let root = std::env::temp_dir().join(format!("bd-import-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("seeds")).unwrap();
        std::fs::copy(manifest().join("site.toml"), root.join("site.toml")).unwrap();
        // The classifier reads its data files from the site; bring them along when present.
        let data = manifest().join("data");
        if data.is_dir() {
            std::fs::create_dir_all(root.join("data")).unwrap();
            for e in std::fs::read_dir(&data).unwrap() {
                let p = e.unwrap().path();
                if p.is_file() {
                    std::fs::copy(&p, root.join("data").join(p.file_name().unwrap())).unwrap();
                }
            }
        }
        for p in prefixes {
            let src = seed_path(p);
            std::fs::copy(&src, root.join("seeds").join(src.file_name().unwrap())).unwrap();
        }
        Site { root }
    }

    fn config(&self) -> SiteConfig {
        SiteConfig::load(&self.root).unwrap()
    }

    fn import(&self, opts: &ImportOptions) -> ingest::ImportReport {
        ingest::import(&self.root, &self.config(), opts).unwrap()
    }

    fn pages(&self) -> Vec<PathBuf> {
        let dir = self.root.join("content/articles");
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|r| {
                r.map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|x| x == "md"))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    fn seed_file(&self, prefix: &str) -> PathBuf {
        self.root
            .join("seeds")
            .join(seed_path(prefix).file_name().unwrap())
    }

    /// The page made from the seed with this prefix.
    fn page_of(&self, prefix: &str) -> PathBuf {
        let name = seed_path(prefix)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        self.pages()
            .into_iter()
            .find(|p| front(p).seed.as_deref() == Some(name.as_str()))
            .unwrap_or_else(|| panic!("no page for {prefix}"))
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn front(page: &Path) -> FrontMatter {
    let text = std::fs::read_to_string(page).unwrap();
    let (toml_text, _) = content::split_front_matter(page, &text).unwrap();
    toml::from_str(toml_text).unwrap()
}

#[test]
fn import_writes_once_then_leaves_pages_alone() {
    let site = Site::new("stable", &["000", "001", "002", "003", "004"]);
    let r = site.import(&ImportOptions::default());
    assert_eq!(r.written, 5, "{:?}", r.problems);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let before: Vec<String> = site
        .pages()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let r = site.import(&ImportOptions::default());
    assert_eq!((r.written, r.unchanged), (0, 5));
    let after: Vec<String> = site
        .pages()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert_eq!(before, after);
    // Every page loads and none of the noise reaches it.
    let config = site.config();
    for p in site.pages() {
        let text = std::fs::read_to_string(&p).unwrap();
        let a = content::parse_article(&p, &text, &config).unwrap();
        for noise in [
            "Log in",
            "Reactions:",
            "Comment (0)",
            "Kommentar (0)",
            "No data",
            "Same category",
            "RELATED NEWS",
            "Photo: VGP",
            "(Photo:",
            "Ảnh 1",
            "![]()",
        ] {
            assert!(!a.html.contains(noise), "{noise} in {}", p.display());
        }
    }
}

#[test]
fn edited_page_is_kept_even_when_its_seed_changes() {
    let site = Site::new("edited", &["000", "002"]);
    site.import(&ImportOptions::default());
    let page = site.page_of("002");
    let edited = std::fs::read_to_string(&page)
        .unwrap()
        .replace("leading industry\"", "leading industries\"");
    std::fs::write(&page, &edited).unwrap();

    let r = site.import(&ImportOptions::default());
    assert_eq!(std::fs::read_to_string(&page).unwrap(), edited);
    assert_eq!(r.kept.len(), 1, "{:?}", r.kept);
    assert!(r.kept[0].contains("edited by hand"), "{}", r.kept[0]);

    let mut seed = std::fs::read_to_string(site.seed_file("002")).unwrap();
    seed = seed.replace(
        "Reactions:",
        "The ministers also agreed to meet again next year to review the progress of the joint working groups.\n\nReactions:",
    );
    std::fs::write(site.seed_file("002"), seed).unwrap();
    let r = site.import(&ImportOptions::default());
    assert_eq!(std::fs::read_to_string(&page).unwrap(), edited);
    assert!(r.kept[0].contains("seed changed"), "{}", r.kept[0]);
    assert_eq!(r.written, 0);
}

#[test]
fn unedited_page_follows_its_seed() {
    let site = Site::new("follows", &["002"]);
    site.import(&ImportOptions::default());
    let page = site.page_of("002");
    let mut seed = std::fs::read_to_string(site.seed_file("002")).unwrap();
    seed = seed.replace(
        "Reactions:",
        "The ministers also agreed to meet again next year to review the progress of the joint working groups.\n\nReactions:",
    );
    std::fs::write(site.seed_file("002"), seed).unwrap();
    let r = site.import(&ImportOptions::default());
    assert_eq!(r.written, 1);
    assert!(r.kept.is_empty());
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("meet again next year")
    );
    assert_eq!(site.page_of("002"), page, "slug is stable");
}

#[test]
fn deleted_page_is_not_recreated_unless_forced() {
    let site = Site::new("deleted", &["000", "004"]);
    site.import(&ImportOptions::default());
    let page = site.page_of("004");
    std::fs::remove_file(&page).unwrap();
    let r = site.import(&ImportOptions::default());
    assert!(!page.exists());
    assert_eq!(r.kept.len(), 1);
    assert!(r.kept[0].contains("deleted by hand"), "{}", r.kept[0]);

    let name = seed_path("004")
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let r = site.import(&ImportOptions {
        force: vec![name],
        ..Default::default()
    });
    assert!(page.exists());
    assert_eq!(r.written, 1);
}

#[test]
fn force_reimports_and_keeps_the_edit_as_bak() {
    let site = Site::new("force", &["003"]);
    site.import(&ImportOptions::default());
    let page = site.page_of("003");
    let original = std::fs::read_to_string(&page).unwrap();
    let edited = format!("{original}\nAn editor's note.\n");
    std::fs::write(&page, &edited).unwrap();
    let name = seed_path("003")
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let r = site.import(&ImportOptions {
        force: vec![name],
        ..Default::default()
    });
    assert_eq!(r.written, 1);
    assert_eq!(std::fs::read_to_string(&page).unwrap(), original);
    let bak = page.with_extension("md.bak");
    assert_eq!(std::fs::read_to_string(bak).unwrap(), edited);
    // An unknown --force name is reported, not ignored.
    let r = site.import(&ImportOptions {
        force: vec!["nope.txt".into()],
        ..Default::default()
    });
    assert!(r.problems.iter().any(|p| p.contains("nope.txt")));
}

#[test]
fn bad_seeds_are_reported_one_line_each_and_others_import() {
    let site = Site::new("bad", &["000"]);
    let seeds = site.root.join("seeds");
    std::fs::write(seeds.join("empty.txt"), "  \n\n").unwrap();
    std::fs::write(
        seeds.join("binary.txt"),
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3],
    )
    .unwrap();
    std::fs::write(
        seeds.join("latin1.txt"),
        b"Caf\xe9 au lait in Ha Noi is a long sentence here.\n",
    )
    .unwrap();
    std::fs::write(seeds.join("huge.txt"), "a".repeat(5 * 1024 * 1024 + 1)).unwrap();
    std::fs::write(seeds.join("menu.txt"), "Home\nNews\nSport\nContact us\n").unwrap();
    let r = site.import(&ImportOptions::default());
    assert_eq!(r.written, 1);
    assert_eq!(r.problems.len(), 5, "{:#?}", r.problems);
    for (file, why) in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("latin1.txt", "UTF-8"),
        ("huge.txt", "MB"),
        ("menu.txt", "no article body"),
    ] {
        let line = r
            .problems
            .iter()
            .find(|p| p.contains(file))
            .unwrap_or_else(|| panic!("{file}"));
        assert!(line.contains(why), "{line}");
        assert!(!line.contains('\n'));
    }
}

#[test]
fn bad_seed_problems_from_process_seed() {
    assert_eq!(
        process_seed("a", b"", None).unwrap_err(),
        SeedProblem::Empty
    );
    assert_eq!(
        process_seed("a", b"\x00\x01\x02", None).unwrap_err(),
        SeedProblem::Binary
    );
    assert_eq!(
        process_seed("a", b"ok \xff", None).unwrap_err(),
        SeedProblem::InvalidUtf8 { offset: 3 }
    );
    assert_eq!(
        process_seed("a", b"Home\nAbout\n", None).unwrap_err(),
        SeedProblem::NoBody
    );
}

#[test]
fn scraped_markup_renders_as_literal_text() {
    let site = Site::new("escape", &[]);
    std::fs::copy(
        manifest().join("tests/fixtures/seeds-extra/injection.txt"),
        site.root.join("seeds/injection.txt"),
    )
    .unwrap();
    let r = site.import(&ImportOptions::default());
    assert_eq!(r.written, 1, "{:?}", r.problems);
    let page = &site.pages()[0];
    let text = std::fs::read_to_string(page).unwrap();
    let a = content::parse_article(page, &text, &site.config()).unwrap();
    assert!(
        a.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        a.html
    );
    assert!(!a.html.contains("<script"));
    assert!(!a.html.contains("<b>"));
    assert!(a.html.contains("# This line starts with a hash"));
    assert!(a.html.contains("1. This line starts with a number"));
    assert!(a.html.contains("- This line starts with a dash"));
    assert!(a.html.contains("*starred*") && a.html.contains("[x](y)"));
    for tag in ["<h1", "<h2", "<ol", "<ul", "<em>", "<a "] {
        assert!(!a.html.contains(tag), "{tag} in {}", a.html);
    }
}

#[test]
fn same_title_gets_unique_stable_slugs() {
    let site = Site::new("slugs", &["000"]);
    let src = seed_path("000");
    std::fs::copy(&src, site.root.join("seeds/zzz_copy.txt")).unwrap();
    site.import(&ImportOptions::default());
    let pages = site.pages();
    assert_eq!(pages.len(), 2);
    assert_ne!(pages[0], pages[1]);
    let r = site.import(&ImportOptions::default());
    assert_eq!((r.written, r.unchanged), (0, 2));
    assert_eq!(site.pages(), pages);
}

#[test]
fn explain_lists_dropped_lines_with_reasons() {
    let site = Site::new("explain", &["000", "004"]);
    let name = seed_path("004")
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let r = site.import(&ImportOptions {
        explain: Some(Some(name.clone())),
        ..Default::default()
    });
    let ex = &r.explanation;
    assert!(ex.contains(&format!("== {name}")));
    assert!(!ex.contains("000_"));
    assert!(ex.contains("drop line 51: counter"), "{ex}");
    assert!(ex.contains("photo caption"));
    assert!(ex.contains("title:") && ex.contains("date:") && ex.contains("source:"));
}
