//! Labels end to end, on sentences written for these tests: each figure's
//! exact label in English, Vietnamese, Japanese and Chinese, and the
//! figures dropped as duplicates.

use super::near_copy;
use crate::types::Figure;

fn extract(text: &str) -> Vec<Figure> {
    let demonyms: Vec<String> = ["vietnam", "japan", "vietnames", "japanes", "korea"]
        .map(String::from)
        .to_vec();
    crate::classify::figures::extract(text, &demonyms)
}

/// (value, label) of every figure, most useful first.
fn pairs(text: &str) -> Vec<(String, String)> {
    extract(text)
        .into_iter()
        .map(|f| (f.value, f.label))
        .collect()
}

fn label_of(text: &str, value: &str) -> String {
    extract(text)
        .into_iter()
        .find(|f| f.value == value)
        .unwrap_or_else(|| panic!("no figure {value} in {:?}", pairs(text)))
        .label
}

#[test]
fn english_counts_are_named_by_the_noun_after_the_number() {
    let text = "The Korean community in Osaka has reached more than 45,000 people, \
                and there are now about 800 Korean firms operating in the city.";
    assert_eq!(label_of(text, "45,000"), "Korean community in Osaka");
    assert_eq!(label_of(text, "800"), "Korean firms operating in the city");
    assert_eq!(
        label_of(
            "More than 1,200 Vietnamese engineers have joined the programme, officials said.",
            "1,200"
        ),
        "Vietnamese engineers"
    );
    assert_eq!(
        label_of(
            "The port city hosts 3,500 Japanese students living, working and studying there.",
            "3,500"
        ),
        "Japanese students"
    );
    assert_eq!(
        label_of(
            "Nearly 40 partnership agreements between universities were signed and 12 more are planned.",
            "40"
        ),
        "Partnership agreements between universities"
    );
}

#[test]
fn english_amounts_and_shares_are_named_by_the_noun_before_them() {
    let text = "Exports of seafood reached 3.2 billion USD, \
                and two-way trade rose by 12% in the first quarter.";
    assert_eq!(label_of(text, "3.2 billion USD"), "Exports of seafood");
    assert_eq!(label_of(text, "12%"), "Two-way trade in the first quarter");
    assert_eq!(
        label_of(
            "Last year, the total investment between the two countries amounted to about 7 billion USD.",
            "7 billion USD"
        ),
        "Total investment"
    );
    // In brackets, the amount belongs to the noun before them.
    assert_eq!(
        label_of(
            "Tokyo remains the largest donor of development aid (with about 2.5 billion USD last year).",
            "2.5 billion USD"
        ),
        "Development aid"
    );
    // With no noun before it, a share names what it is a share of.
    assert_eq!(
        label_of(
            "The island covers 1,200 km2 (4% of the country's land).",
            "4%"
        ),
        "Country's land"
    );
}

#[test]
fn vietnamese_labels() {
    assert_eq!(
        label_of(
            "Hiện có hơn 80.000 người Việt Nam đang sinh sống tại Đài Loan.",
            "80.000"
        ),
        "Người Việt Nam sinh sống tại Đài Loan"
    );
    assert_eq!(
        label_of(
            "Cộng đồng người Việt tại Úc đã vượt 300.000 người và ngày càng lớn mạnh.",
            "300.000"
        ),
        "Cộng đồng người Việt tại Úc"
    );
    assert_eq!(
        label_of(
            "Kim ngạch xuất khẩu nông sản giữa hai nước đạt khoảng 2,5 tỷ USD.",
            "2,5 tỷ USD"
        ),
        "Kim ngạch xuất khẩu nông sản"
    );
    assert_eq!(
        label_of(
            "Tỉnh này thu hút 150 doanh nghiệp Hàn Quốc, với tổng vốn lớn.",
            "150"
        ),
        "Doanh nghiệp Hàn Quốc"
    );
}

#[test]
fn japanese_and_chinese_labels() {
    assert_eq!(
        label_of("大阪府の外国人労働者は約12万人に上る。", "12万人"),
        "大阪府の外国人労働者"
    );
    // A time before the number is not what it counts: the noun after the unit is.
    assert_eq!(
        label_of("昨年は350社の日本企業が新たに進出した。", "350社"),
        "日本企業"
    );
    assert_eq!(
        label_of("越南对日出口额达到250亿美元。", "250亿美元"),
        "越南对日出口额"
    );
}

#[test]
fn a_number_or_a_thing_counted_is_given_once() {
    // The same number twice, written two ways.
    let v: Vec<String> = pairs(
        "More than 75,000 Japanese tourists visited Hue. \
         Some 75.000 Japanese tourists came by air.",
    )
    .into_iter()
    .map(|(v, _)| v)
    .collect();
    assert_eq!(v, ["75,000"]);
    // Two numbers for the same thing: the first is kept.
    assert_eq!(
        pairs(
            "In the spring survey, 410 Korean companies in Da Nang took part. \
             In the autumn survey, 455 Korean companies in Da Nang took part."
        ),
        [("410".to_string(), "Korean companies in Da Nang".to_string())]
    );
}

#[test]
fn near_copies() {
    assert!(near_copy(
        "Korean companies in Da Nang",
        "korean companies in Da Nang"
    ));
    assert!(near_copy(
        "Japanese firms in Hanoi",
        "Japanese firms in Hanoi and Hai Phong"
    ));
    assert!(near_copy("在日ベトナム人", "在日ベトナム人の"));
    assert!(!near_copy(
        "Vietnamese community in Japan",
        "Vietnamese people living in Japan"
    ));
    assert!(!near_copy("GDP", "GDP growth"));
}
