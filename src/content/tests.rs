use super::*;

fn config() -> SiteConfig {
    SiteConfig::parse(
        Path::new("site.toml"),
        "title = \"T\"\n[[themes]]\nslug = \"investment\"\nname = \"Investment\"\n",
    )
    .unwrap()
}

#[test]
fn reading_length_counts_cjk_by_characters() {
    assert_eq!(reading_words("one two three"), 3);
    // Ten characters of Japanese read like four words.
    assert_eq!(reading_words("日本とベトナムの協力"), 4);
    assert_eq!(reading_words("JICA と 日本"), 1 + 2);
    // Thai has no spaces between words: 22 letters and marks, about
    // six words ("Japan invests in Vietnam" is four).
    assert_eq!(reading_words("ญี่ปุ่นลงทุนในเวียดนาม"), 6);
}

#[test]
fn words_are_counted_as_split_whitespace_counts_them() {
    for text in [
        "",
        "  ",
        "one",
        " one  two\tthree\nfour\x0bfive\x0csix\r",
        "Hải\u{a0}Phòng\u{3000}Osaka\u{2009}Kobe\u{85}x",
        "a\u{1c}b \u{200b}c",
    ] {
        assert_eq!(
            whitespace_words(text),
            text.split_whitespace().count(),
            "{text:?}"
        );
    }
}

#[test]
fn round_trip_front_matter() {
    let front = FrontMatter {
        title: "A \"quoted\" title".into(),
        date: NaiveDate::from_ymd_opt(2025, 11, 3),
        themes: vec![ThemeSlug::new("investment")],
        ..Default::default()
    };
    let text = to_file_text(&front, "Body *text*.");
    let a = parse_article(Path::new("content/articles/a.md"), &text, &config()).unwrap();
    assert_eq!(a.front, front);
    assert_eq!(a.slug.as_str(), "a");
    assert!(a.html.contains("<em>text</em>"));
}

#[test]
fn unknown_theme_lists_valid_ones() {
    let text = "+++\ntitle = \"x\"\nthemes = [\"sports\"]\n+++\nbody\n";
    let err = parse_article(Path::new("a.md"), text, &config())
        .unwrap_err()
        .to_string();
    assert!(err.contains("a.md:3"), "{err}");
    assert!(err.contains("unknown theme `sports`"), "{err}");
    assert!(err.contains("investment"), "{err}");
}

#[test]
fn broken_toml_reports_file_line() {
    let text = "+++\ntitle = \"x\"\ndate = 2025-13-45\n+++\nbody\n";
    let err = parse_article(Path::new("a.md"), text, &config())
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("a.md:3:"), "{err}");
}

#[test]
fn missing_fences_are_explained() {
    let err = parse_article(Path::new("a.md"), "title = 1", &config())
        .unwrap_err()
        .to_string();
    assert!(err.contains("front matter"), "{err}");
    let err = parse_article(Path::new("a.md"), "+++\ntitle = \"x\"\n", &config())
        .unwrap_err()
        .to_string();
    assert!(err.contains("not closed"), "{err}");
}

#[test]
fn summary_order_marker_then_front_matter_then_first_words() {
    let c = config();
    let a = parse_article(
        Path::new("a.md"),
        "+++\ntitle = \"x\"\nsummary = \"FM\"\n+++\nLead.\n\n<!-- more -->\n\nRest.\n",
        &c,
    )
    .unwrap();
    assert_eq!(a.summary, "Lead.");
    let a = parse_article(
        Path::new("a.md"),
        "+++\ntitle = \"x\"\nsummary = \"FM\"\n+++\nLead.\n",
        &c,
    )
    .unwrap();
    assert_eq!(a.summary, "FM");
    let a = parse_article(
        Path::new("a.md"),
        "+++\ntitle = \"x\"\n+++\nLead words.\n",
        &c,
    )
    .unwrap();
    assert_eq!(a.summary, "Lead words.");
}
