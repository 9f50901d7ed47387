//! Import: golden properties of the five seeds, constructed seeds in other
//! shapes and languages, and bad seeds (the import run on a site folder is
//! in `import_edits.rs`).

mod common;

use bilateral_digest::ingest::{self, ImportedArticle, SeedProblem, process_seed};
use chrono::NaiveDate;
use common::{manifest, seed_path};

fn seed_text(prefix: &str) -> String {
    std::fs::read_to_string(seed_path(prefix)).unwrap()
}

fn process(prefix: &str) -> ImportedArticle {
    let p = seed_path(prefix);
    let name = p.file_name().unwrap().to_string_lossy().into_owned();
    process_seed(&name, &std::fs::read(&p).unwrap(), None).unwrap()
}

/// A seed written in the test, imported.
fn from_text(text: &str) -> ImportedArticle {
    process_seed("seed.txt", text.as_bytes(), None).unwrap()
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
            ingest::Block::Heading(x)
            | ingest::Block::Paragraph(x)
            | ingest::Block::Rich { plain: x, .. } => x.trim() == t,
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
fn constructed_thai_article() {
    // Thai writes no spaces between words: the headline is one "word" of
    // forty letters, and still a headline, not a menu's label.
    let a = extra("th_article.txt");
    assert_eq!(a.front.title, "บริษัทญี่ปุ่นขยายฐานการผลิตในเวียดนาม");
    assert_eq!(a.front.language.as_ref().unwrap().as_str(), "th");
    let md = a.markdown();
    assert!(md.starts_with("บริษัทญี่ปุ่นหลายแห่ง"), "{md}");
    for noise in ["หน้าแรก", "ข่าวเศรษฐกิจ"] {
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
    // Found by fuzzing (fuzz/corpus/seed_cleaner/regression_empty_title.txt):
    // a seed whose headline cleans away must not become a page with an
    // empty title, which every build would then refuse.
    let p = manifest().join("fuzz/corpus/seed_cleaner/regression_empty_title.txt");
    match process_seed("a", &std::fs::read(p).unwrap(), None) {
        Ok(a) => assert!(!a.front.title.trim().is_empty()),
        Err(e) => assert_eq!(e, SeedProblem::NoTitle),
    }
    // Other Unicode encodings are named, not called binary.
    for (bytes, named) in [
        (
            &b"\xff\xfeH\x00i\x00!"[..],
            "UTF-16 (little-endian) text cut short",
        ),
        (
            b"\xfe\xff\xd8\x00\x00A",
            "UTF-16 (big-endian) text with a broken",
        ),
        (b"\xff\xfe\x00\x00H\x00\x00\x00", "UTF-32"),
        (
            b"H\x00o\x00m\x00e\x00",
            "UTF-16 (little-endian) text without a byte-order mark",
        ),
    ] {
        let e = process_seed("a", bytes, None).unwrap_err().to_string();
        assert!(e.contains(named), "{e}");
    }
}

#[test]
fn the_headline_again_past_the_lead_is_alt_text_over_a_caption() {
    let head = "Quang Ninh and Hokkaido sign a cooperation agreement";
    let lead = "Quang Ninh held many events this year to mark fifty years of diplomatic relations between Vietnam and Japan, among them a Hokkaido festival in Ha Long that drew thousands of visitors.";
    let caption = "Leaders of the two provinces sign the agreement in Ha Long.";
    let more = "The agreement covers tourism, farming and the training of workers, and both sides will meet each year to review what has been done and to plan the next steps of their cooperation.";
    let text = format!(
        "{head}\n\n09:42 | 17/11/2023\n\n{lead}\n\n{head}\n{caption}\n\n{more}\n\n{more} Again.\n"
    );
    let a = from_text(&text);
    assert_eq!(a.front.title, head);
    let md = a.markdown();
    assert!(!md.contains(caption), "{md}");
    assert!(md.contains("Quang Ninh held many events"), "{md}");
    assert!(md.contains("The agreement covers tourism"), "{md}");
}

#[test]
fn a_title_repeated_as_the_pictures_alt_text_is_the_headline() {
    // The page's headline was not scraped, but its pictures carry it.
    let head = "Provincial leaders receive the governor of Niigata";
    let lead = "On the afternoon of 6 August, the provincial party secretary received the governor of Niigata and his delegation, who came to discuss training and investment in the province.";
    let caption = "The governor speaks at the reception.";
    let more = "The two sides agreed to send more trainees to Niigata next year and to open a trade office in the provincial capital, and both promised to meet again in the spring.";
    let text = format!(
        "18:42 06/08/2024 GMT+7\n{lead}\n\n{head}\n\n{more}\n\n{head}\n\n{caption}\n\n{more} Again.\n"
    );
    let a = from_text(&text);
    assert_eq!(a.front.title, head);
    assert!(!a.markdown().contains(head), "{}", a.markdown());
}

#[test]
fn a_long_headline_with_its_outlet_glued_on_is_still_the_headline() {
    // Thirty words of headline: the outlet's name after the pipe would
    // make the line too long to be one, were it measured uncut.
    let head = "Người Việt ở Nhật kể chuyện đi làm thêm: Hành động tưởng không to tát nhưng phạm pháp, có khả năng bị cấm quay lại nước này vĩnh viễn";
    let lead = "Nhiều du học sinh Việt Nam tại Nhật Bản đi làm thêm để trang trải cuộc sống, nhưng không ít người vô tình vi phạm quy định về số giờ làm việc được phép và phải đối mặt với những hậu quả nghiêm trọng.";
    let more = "Theo quy định, du học sinh chỉ được làm thêm tối đa 28 giờ mỗi tuần, và nếu vượt quá số giờ này, họ có thể bị thu hồi tư cách lưu trú hoặc bị cấm nhập cảnh trở lại trong nhiều năm.";
    let text = format!("{head} | Báo Gia Đình Việt Nam\n\n{lead}\n\n{more}\n\n{more} Thêm nữa.\n");
    let a = from_text(&text);
    assert_eq!(a.front.title, head);
}

#[test]
fn a_bulleted_line_above_the_body_is_no_headline() {
    // A list the body detection left above the article: its first item
    // shares the story's words, but a line after a bullet glyph is a
    // list's item, not a page's headline.
    let head = "Kansai firms look for local suppliers in Vietnam";
    let lead = "Small and medium manufacturers from the Kansai region that opened plants in Vietnam still bring most of their parts from Japan, because few local suppliers meet their quality needs.";
    let more = "A trade body from Osaka now runs matching days in Hanoi and Ho Chi Minh City, where Vietnamese parts makers show their work to Japanese buyers and learn what the buyers ask of them.";
    for bullet in ["・", "■", "●"] {
        let text = format!(
            "{head}\n{bullet}Local suppliers for Japanese manufacturers in Vietnam\n{bullet}Parts from Japan\n\n{lead}\n\n{more}\n\n{more} Again.\n"
        );
        let a = from_text(&text);
        assert_eq!(a.front.title, head, "{bullet}");
    }
}

#[test]
fn a_first_line_standing_alone_is_the_headline_when_nothing_else_is() {
    // A column's headline says little of the story's words; standing alone
    // above the text, it is still the headline rather than the lead cut short.
    let head = "Tokyo plays hardball";
    let lead = "Last week the donor conference met in Hanoi, where the countries that lend to Vietnam said how much they would give and for what. Tokyo surprised everyone there by freezing its new loans.";
    let more = "The loans make up about a tenth of the state budget, and most of the money goes into roads, bridges and ports, so the freeze will be felt in every province.";
    let a = from_text(&format!("{head}\n\n{lead}\n\n{more}\n\n{more} Again.\n"));
    assert_eq!(a.front.title, head);
    // Run into the text with no blank line under it, it is no headline.
    let a = from_text(&format!("{head}\n{lead}\n\n{more}\n\n{more} Again.\n"));
    assert_ne!(a.front.title, head);
}

#[test]
fn a_menu_entry_repeated_in_the_body_is_no_headline() {
    // The section's name stands in the menu above and again under the
    // date: a list's item, however often repeated, names no story.
    let lead = "The board of investment met six Japanese carmakers in Tokyo last week and asked them to build more of their electric models in the country, with tax breaks for ten years.";
    let more = "Officials said the talks also covered chips and batteries, and that two of the carmakers had promised to send a team to look at sites before the end of the year.";
    let text = format!(
        "- Home\n- Regional business news\n\n{lead}\n\n- 2025/12/1\n- Regional business news\n\n{more}\n\n{more} Again.\n"
    );
    let a = from_text(&text);
    assert!(
        !a.front.title.contains("Regional business news"),
        "{}",
        a.front.title
    );
}
