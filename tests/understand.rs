//! Understanding articles end to end: written fixture seeds in English,
//! Vietnamese and Japanese (one per theme, and off-topic traps that share
//! the themes' words) are imported into a site, and each page's theme,
//! headline, language and date are checked. The fixtures' shapes are not
//! the repository's seeds': glued datelines, page counters, image file
//! names, site suffixes, weekday lines, related-story links, era dates.

use bilateral_digest::config::SiteConfig;
use bilateral_digest::ingest::{self, ImportOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    manifest().join("tests/fixtures/classify/understand")
}

/// What one fixture must become.
struct Expect {
    file: &'static str,
    language: &'static str,
    /// The primary theme, or "offtopic".
    theme: &'static str,
    title: &'static str,
    date: Option<&'static str>,
}

const EXPECT: &[Expect] = &[
    Expect {
        file: "en-investment",
        language: "en",
        theme: "investment",
        title: "Osaka maker to build 200 million USD parts plant in Dong Nai",
        date: Some("2025-03-12"),
    },
    Expect {
        file: "en-local",
        language: "en",
        theme: "local-cooperation",
        title: "Quang Tri and Tottori sign friendship agreement",
        date: None,
    },
    Expect {
        file: "en-diaspora",
        language: "en",
        theme: "diaspora",
        title: "Vietnamese workers in Nagoya celebrate Tet far from home",
        date: None,
    },
    Expect {
        file: "en-tech",
        language: "en",
        theme: "technology-transfer",
        title: "Japanese university to train 500 Vietnamese chip engineers",
        date: None,
    },
    Expect {
        file: "en-off-korea",
        language: "en",
        theme: "offtopic",
        title: "Korean electronics giant adds 1 billion USD to its Vietnam plants",
        date: None,
    },
    Expect {
        file: "en-off-football",
        language: "en",
        theme: "offtopic",
        title: "Japan beat Vietnam 2-1 in Asian Cup group match",
        date: None,
    },
    Expect {
        file: "vi-investment",
        language: "vi",
        theme: "investment",
        title: "Doanh nghiệp Nhật Bản rót thêm vốn vào khu công nghiệp Bắc Ninh",
        date: Some("2024-03-14"),
    },
    Expect {
        file: "vi-local",
        language: "vi",
        theme: "local-cooperation",
        title: "Ninh Bình và tỉnh Shizuoka ký kết thỏa thuận hợp tác hữu nghị",
        date: Some("2024-11-05"),
    },
    Expect {
        file: "vi-diaspora",
        language: "vi",
        theme: "diaspora",
        title: "Cộng đồng người Việt tại Osaka tổ chức lễ hội mùa thu",
        date: None,
    },
    Expect {
        file: "vi-tech",
        language: "vi",
        theme: "technology-transfer",
        title: "Nhật Bản chuyển giao công nghệ xử lý nước thải cho Đà Nẵng",
        date: None,
    },
    Expect {
        file: "vi-off-domestic",
        language: "vi",
        theme: "offtopic",
        title: "Hà Nội thí điểm làn đường riêng cho xe buýt trên nhiều tuyến phố",
        date: None,
    },
    Expect {
        file: "ja-investment",
        language: "ja",
        theme: "investment",
        title: "日系企業、ベトナム北部に新工場　投資額は300億円",
        date: Some("2025-11-03"),
    },
    Expect {
        file: "ja-local",
        language: "ja",
        theme: "local-cooperation",
        title: "鳥取県とベトナム・クアンチ省が友好交流協定を締結",
        date: Some("2024-10-21"),
    },
    Expect {
        file: "ja-diaspora",
        language: "ja",
        theme: "diaspora",
        title: "在日ベトナム人の技能実習生、名古屋で交流会",
        date: None,
    },
    Expect {
        file: "ja-tech",
        language: "ja",
        theme: "technology-transfer",
        title: "九州の大学、ベトナムの半導体人材育成に協力",
        date: None,
    },
    Expect {
        file: "ja-off-domestic",
        language: "ja",
        theme: "offtopic",
        title: "首相、物価高対策で補正予算案を表明",
        date: None,
    },
    Expect {
        file: "ja-off-football",
        language: "ja",
        theme: "offtopic",
        title: "サッカー日本代表、ベトナムに逆転勝ち　アジアカップ初戦",
        date: None,
    },
    Expect {
        file: "en-off-thailand",
        language: "en",
        theme: "offtopic",
        title: "Japanese carmakers expand plants in Thailand and Indonesia",
        date: None,
    },
    Expect {
        file: "uk-tech",
        language: "uk",
        theme: "technology-transfer",
        title: "В'єтнам і Японія розвиватимуть співпрацю у сфері напівпровідників",
        date: None,
    },
    Expect {
        file: "en-wrapped",
        language: "en",
        theme: "investment",
        title: "Japanese lender to fund solar farms in Vietnamese provinces",
        date: None,
    },
    Expect {
        file: "en-markdown",
        language: "en",
        theme: "technology-transfer",
        title: "Japanese port operator to train Vietnamese crane engineers",
        date: None,
    },
];

/// The front matter of every page import wrote, by seed name without `.txt`.
fn import_fixtures(root: &Path) -> BTreeMap<String, toml::Table> {
    std::fs::copy(manifest().join("site.toml"), root.join("site.toml")).unwrap();
    std::fs::create_dir_all(root.join("data")).unwrap();
    for f in ["themes.toml", "gazetteer.toml"] {
        std::fs::copy(manifest().join("data").join(f), root.join("data").join(f)).unwrap();
    }
    std::fs::create_dir_all(root.join("seeds")).unwrap();
    for e in EXPECT {
        let name = format!("{}.txt", e.file);
        std::fs::copy(fixtures().join(&name), root.join("seeds").join(&name)).unwrap();
    }
    let config = SiteConfig::load(root).unwrap();
    let report = ingest::import(root, &config, &ImportOptions::default()).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let mut pages = BTreeMap::new();
    for entry in std::fs::read_dir(root.join("content/articles")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let front = text
            .strip_prefix("+++\n")
            .and_then(|t| t.split_once("\n+++"))
            .map(|(f, _)| f)
            .unwrap();
        let table: toml::Table = toml::from_str(front).unwrap();
        let seed = table["seed"].as_str().unwrap().trim_end_matches(".txt");
        pages.insert(seed.to_string(), table.clone());
    }
    pages
}

#[test]
fn fixtures_get_their_theme_headline_language_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let pages = import_fixtures(dir.path());
    let mut wrong = Vec::new();
    for e in EXPECT {
        let Some(p) = pages.get(e.file) else {
            wrong.push(format!("{}: not imported", e.file));
            continue;
        };
        let get = |k: &str| p.get(k).and_then(|v| v.as_str()).unwrap_or("");
        let offtopic = p.get("offtopic").and_then(|v| v.as_bool()) == Some(true);
        let primary = p
            .get("themes")
            .and_then(|v| v.as_array())
            .and_then(|a| a.first())
            .and_then(|v| v.as_str())
            .unwrap_or("none");
        let theme = if offtopic { "offtopic" } else { primary };
        if theme != e.theme {
            wrong.push(format!("{}: theme {theme}, expected {}", e.file, e.theme));
        }
        if get("title") != e.title {
            wrong.push(format!(
                "{}: title {:?}, expected {:?}",
                e.file,
                get("title"),
                e.title
            ));
        }
        if get("language") != e.language {
            wrong.push(format!("{}: language {:?}", e.file, get("language")));
        }
        let date = p.get("date").map(|d| d.to_string());
        if date.as_deref() != e.date {
            wrong.push(format!("{}: date {date:?}, expected {:?}", e.file, e.date));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn chrome_lines_of_the_fixtures_do_not_reach_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    import_fixtures(dir.path());
    let mut bodies = String::new();
    for entry in std::fs::read_dir(dir.path().join("content/articles")).unwrap() {
        bodies.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    for chrome in [
        "Share on Facebook",
        "Read also",
        "Xem thêm",
        "Photo courtesy",
        "Comments (0)",
        "Bình luận (0)",
        "この記事をシェアする",
        "132240411.1.jpg",
        "Example Weekly",
        "(1/2ページ)",
        // A page turned into Markdown: menus, share bars, addresses, the
        // related list and the comment thread stay out.
        "Subscribe",
        "Tweet",
        "https://example.org/tag/hai-phong",
        "Osaka firm opens office",
        "I worked at a port for twenty years",
        "Sort by newest",
    ] {
        assert!(!bodies.contains(chrome), "{chrome} kept");
    }
    // Body text stays, in every language.
    for body in [
        "employ about 1,500 workers",
        "tạo việc làm cho khoảng 2.000 lao động",
        "現地で約2,000人を雇用する見込みだ",
        // A hard-wrapped seed's paragraphs come back whole.
        "it would lend \\$120 million to a group of solar power projects in Ninh Thuan, Binh Thuan and Dak Lak, its largest",
        "attracted by rising demand from factories and a government plan",
        "train 120 engineers from Hai Phong over the next three years",
        "a second group could follow if the first went well",
    ] {
        assert!(bodies.contains(body), "{body} lost");
    }
}
