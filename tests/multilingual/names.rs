//! Names and descriptions in each interface language: theme and place
//! names, a theme's description and the site's, on the pages and in the
//! feeds of `vi/` and `ja/`, with the default language's as they were.

use super::{built, text};
use std::fs;

/// The standard themes' names in English, which no page of another
/// interface language may show.
const ENGLISH_THEMES: [&str; 4] = [
    "Investment",
    "Local cooperation",
    "Diaspora",
    "Technology transfer",
];

#[test]
fn themes_and_places_are_named_in_the_interface_language() {
    let (root, files) = built("names");
    for (prefix, investment, gunma) in [("vi/", "Đầu tư", "Gunma"), ("ja/", "投資", "群馬県")]
    {
        // Its pages, and the article drawn in its interface.
        let own = format!("articles/fdi-record-{}", &prefix[..2]);
        for page in files
            .keys()
            .filter(|p| p.starts_with(prefix) || p.starts_with(&own))
        {
            let body = text(&files, page);
            for name in ENGLISH_THEMES {
                assert!(!body.contains(name), "`{name}` is left on {page}");
            }
        }
        let theme = text(&files, &format!("{prefix}themes/investment/index.html"));
        assert!(theme.contains(&format!("<h1>{investment}</h1>")), "{theme}");
        let place = text(&files, &format!("{prefix}places/gunma/index.html"));
        assert!(place.contains(&format!("<h1>{gunma}</h1>")), "{place}");
        // Tags, the chart's legend and the feeds' categories alike.
        let home = text(&files, &format!("{prefix}index.html"));
        assert!(home.matches(investment).count() > 2, "{home}");
        let feed = text(&files, &format!("{prefix}feed.xml"));
        assert!(feed.contains(&format!("label=\"{investment}\"")), "{feed}");
    }
    let ja = text(&files, "ja/places/index.html");
    assert!(ja.contains("ハイフォン") && ja.contains("<h2 id=\"g1\">ベトナム</h2>"));
    // The default language's pages, and every address, as they were.
    let en = text(&files, "places/gunma/index.html");
    assert!(en.contains("<h1>Gunma</h1>"), "{en}");
    assert!(text(&files, "themes/investment/index.html").contains("<h1>Investment</h1>"));
    assert!(files.contains_key("ja/themes/investment/index.html"));
    let _ = fs::remove_dir_all(root);
}

#[test]
fn descriptions_are_in_the_interface_language() {
    let (root, files) = built("descriptions");
    let english = "FDI, ODA, trade and industrial zones.";
    let site_en = "A small test site on the relations between Vietnam and Japan.";
    for (prefix, investment, site) in [
        (
            "vi/",
            "FDI, ODA, thương mại và khu công nghiệp.",
            "Một trang thử nhỏ",
        ),
        (
            "ja/",
            "直接投資、ODA、貿易、工業団地。",
            "日越関係を扱う小さな試験用サイト。",
        ),
    ] {
        let theme = text(&files, &format!("{prefix}themes/investment/index.html"));
        assert!(
            theme.contains(&format!("<p class=\"intro\">{investment}</p>")),
            "{theme}"
        );
        assert!(
            theme.contains(&format!(
                "<meta name=\"description\" content=\"{investment}\">"
            )),
            "{theme}"
        );
        let overview = text(&files, &format!("{prefix}themes/index.html"));
        assert!(overview.contains(investment), "{overview}");
        for page in [&theme, &overview] {
            assert!(!page.contains(english), "{page}");
        }
        let home = text(&files, &format!("{prefix}index.html"));
        assert!(home.contains(site) && !home.contains(site_en), "{home}");
        let feed = text(&files, &format!("{prefix}themes/investment/feed.xml"));
        assert!(
            feed.contains(&format!("<subtitle>{investment}</subtitle>")),
            "{feed}"
        );
        // A theme described in English only keeps its description.
        let diaspora = text(&files, &format!("{prefix}themes/diaspora/index.html"));
        assert!(diaspora.contains("Vietnamese in Japan and Japanese in Vietnam."));
    }
    // The default language's pages, as they were.
    let en = text(&files, "themes/investment/index.html");
    assert!(
        en.contains(&format!("<p class=\"intro\">{english}</p>")),
        "{en}"
    );
    assert!(text(&files, "index.html").contains(site_en));
    let _ = fs::remove_dir_all(root);
}
