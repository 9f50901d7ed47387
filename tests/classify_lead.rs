//! The parts of an article the theme scorer reads twice: the headline and
//! the lead. And the names of a country that are not its name: its
//! agencies, its genitive, its cities in other languages.

use bilateral_digest::classify::text::{Lang, lead, tokenize};
use bilateral_digest::classify::themes::{Part, ThemeModel};
use bilateral_digest::types::ThemeSlug;
use std::path::Path;

mod common;
use common::{classifier, classify_raw};

/// The lead of an English `body`.
fn lead_of(body: &str) -> &str {
    lead(body, &tokenize(body, Lang::En)).0
}

#[test]
fn the_lead_is_the_first_paragraph_or_the_first_short_ones() {
    let long = "word ".repeat(45);
    let body = format!("{long}\n\nSecond paragraph.");
    assert_eq!(lead_of(&body), long);
    // A dateline and a one-line standfirst are too short to be the lead
    // alone; at most three paragraphs are.
    let body = "HANOI\n\nA short standfirst.\n\nThe story begins here.\n\nAnd goes on.";
    assert_eq!(
        lead_of(body),
        "HANOI\n\nA short standfirst.\n\nThe story begins here."
    );
    assert_eq!(lead_of(""), "");
    // Its words are the body's first ones, those of the lead's own text.
    let tokens = tokenize(body, Lang::En);
    let (text, words) = lead(body, &tokens);
    let own_tokens = tokenize(text, Lang::En);
    let own: Vec<&str> = own_tokens.iter().map(|t| t.lower()).collect();
    let prefix: Vec<&str> = words.iter().map(|t| t.lower()).collect();
    assert_eq!(prefix, own);
}

fn score_of(lead_weight: f64) -> Vec<f64> {
    let slugs: Vec<ThemeSlug> = ["investment", "technology-transfer"]
        .into_iter()
        .map(ThemeSlug::new)
        .collect();
    let text = format!(
        "[settings]\nthreshold = 1\nrelative_to_max = 0.3\ntitle_weight = 2\nlead_weight = {lead_weight}\nmin_words = 10\nmin_country_mentions = 2\n[themes.investment.en]\n\"trade\" = 1\n[themes.technology-transfer.en]\n\"training\" = 1\n"
    );
    let m = ThemeModel::parse(Path::new("t.toml"), &text, &slugs).unwrap();
    let body = "The training of nurses begins next month in Osaka, where forty nurses from hospitals in the north of the country will spend a year on the wards of a city hospital, learning the care of the old and the language their patients speak, before they go back home.\n\nTrade between the two countries grew. Trade fairs are planned too.";
    let bt = tokenize(body, Lang::En);
    let (opening, lt) = lead(body, &bt);
    let part = |text, tokens| Part { text, tokens };
    let none = Part {
        text: "",
        tokens: &[],
    };
    m.score(Lang::En, none, part(opening, lt), part(body, &bt), 0, 0)
        .iter()
        .map(|s| s.score)
        .collect()
}

#[test]
fn a_theme_of_the_lead_outweighs_one_the_body_repeats() {
    // "Trade" twice in the body, "training" once, in the lead.
    let without = score_of(0.0);
    assert!(without[0] > without[1], "{without:?}");
    let with = score_of(1.5);
    assert!(with[1] > with[0], "{with:?}");
    assert_eq!(with[0], without[0], "the lead names no trade");
}

#[test]
fn a_negative_lead_weight_is_refused() {
    let slugs = [ThemeSlug::new("investment")];
    let text = "[settings]\nthreshold = 1\nrelative_to_max = 0.3\ntitle_weight = 2\nlead_weight = -1\nmin_words = 10\nmin_country_mentions = 2\n[themes.investment.en]\n\"trade\" = 1\n";
    let e = ThemeModel::parse(Path::new("t.toml"), text, &slugs)
        .map(|_| ())
        .expect_err("a negative lead weight is refused")
        .to_string();
    assert!(e.contains("lead_weight"), "{e}");
}

#[test]
fn japan_s_aid_agency_names_japan() {
    // Vietnam named, Japan only through JICA: a story of the two.
    let r = classify_raw(
        &classifier(),
        "JICA experts help farmers in Son La grow safe vegetables",
        "Farmers in Son La, in northern Vietnam, have changed how they grow vegetables after a three-year JICA project on safe crops. JICA experts trained extension workers in the province, who then taught the farmers how to use less pesticide.\n\nThe province plans to spread the practices to other districts, and Vietnam's agriculture ministry wants the model used nationwide.",
        "en",
    );
    assert!(!r.offtopic, "{}", r.explanation);
}

#[test]
fn exonyms_and_genitives_name_places_and_countries() {
    // Vietnam is named once, in the genitive, and through its largest city.
    let r = classify_raw(
        &classifier(),
        "Die erste U-Bahn von Ho-Chi-Minh-Stadt fährt",
        "Tausende Menschen feierten am Sonntag die erste U-Bahn-Linie Vietnams. Die Linie wurde zum größten Teil mit Krediten aus Japan gebaut, und japanische Firmen lieferten die Züge.\n\nDie Bauarbeiten dauerten zwölf Jahre, doch die Stadt plant schon weitere Linien.",
        "de",
    );
    assert!(
        r.places.iter().any(|p| p == "ho-chi-minh-city"),
        "{}",
        r.explanation
    );
    assert!(!r.offtopic, "{}", r.explanation);
}

#[test]
fn countries_are_named_in_languages_that_prefix_or_decline_them() {
    // Arabic writes "and" and "the" onto a name; Polish declines it.
    for (title, text, lang) in [
        (
            "اتفاقية جديدة للتدريب",
            "وقعت اليابان وفيتنام اتفاقية لتدريب المهندسين الفيتناميين في مجال أشباه الموصلات.\n\nوستقدم الشركات اليابانية منحا دراسية للطلاب.",
            "ar",
        ),
        (
            "Nowa umowa o szkoleniach",
            "Japonia i Wietnam podpisały umowę o szkoleniu inżynierów.\n\nJapońskie firmy otworzą nowe zakłady w Wietnamie w przyszłym roku.",
            "pl",
        ),
    ] {
        let r = classify_raw(&classifier(), title, text, lang);
        assert!(!r.offtopic, "{lang}: {}", r.explanation);
    }
}

#[test]
fn a_countrys_best_known_firms_name_it() {
    // Japan is named once; the firm, twice, says the story is Japan's too.
    // Without it, China's two mentions would make it another pair's story.
    let r = classify_raw(
        &classifier(),
        "Kubota baut ein neues Werk in Vietnam",
        "Kubota will bis 2027 ein zweites Werk für Traktoren in Vietnam bauen. Der Konzern aus Japan verlagert damit einen Teil der Fertigung aus China.\n\nIn Vietnam arbeiten schon 2.000 Menschen für Kubota, und die neue Fabrik soll weitere 800 Stellen schaffen. Auch Zulieferer aus China folgen dem Werk nach Vietnam.",
        "de",
    );
    assert!(!r.offtopic, "{}", r.explanation);
}
