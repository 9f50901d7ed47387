use super::*;

fn d(y: i32, m: u32, day: u32) -> DateValue {
    DateValue::Full(NaiveDate::from_ymd_opt(y, m, day).unwrap())
}

fn values(text: &str) -> Vec<DateValue> {
    find_dates(text).into_iter().map(|h| h.value).collect()
}

#[test]
fn explicit_dates_in_several_languages() {
    assert_eq!(values("Updated on November 3, 2025"), vec![d(2025, 11, 3)]);
    assert_eq!(values("Published 3 Nov 2025 at noon"), vec![d(2025, 11, 3)]);
    assert_eq!(
        values("Publisert 4. november 2025 kl. 10"),
        vec![d(2025, 11, 4)]
    );
    assert_eq!(
        values("Hà Nội, ngày 5 tháng 12 năm 2024"),
        vec![d(2024, 12, 5)]
    );
    assert_eq!(values("2025年11月3日 10時"), vec![d(2025, 11, 3)]);
    assert_eq!(values("令和7年11月3日（月）"), vec![d(2025, 11, 3)]);
    assert_eq!(values("平成31年4月30日"), vec![d(2019, 4, 30)]);
    assert_eq!(values("知事の日記H29.7.12"), vec![d(2017, 7, 12)]);
    assert_eq!(values("更新日：R7.11.3"), vec![d(2025, 11, 3)]);
    assert_eq!(values("Publié le 3 novembre 2025"), vec![d(2025, 11, 3)]);
    assert_eq!(values("am 3. Dezember 2025"), vec![d(2025, 12, 3)]);
    assert_eq!(values("03/11/2025 08:15"), vec![d(2025, 11, 3)]);
    assert_eq!(values("Việt NamViệt Nam04/11/2025"), vec![d(2025, 11, 4)]);
    assert_eq!(values("posted 2024-02-29"), vec![d(2024, 2, 29)]);
    assert_eq!(values("12/25/2024 (US order)"), vec![d(2024, 12, 25)]);
    // An English date format in a Japanese or Korean locale.
    assert_eq!(values("5月 6, 2025 • 技能実習"), vec![d(2025, 5, 6)]);
    assert_eq!(values("5월 6, 2025"), vec![d(2025, 5, 6)]);
    // Without the year it is no date of that kind ("5月 6" is prose).
    assert_eq!(values("5月 6 件"), vec![]);
}

#[test]
fn romance_and_slavic_month_names_from_the_data_file() {
    assert_eq!(
        values("terça-feira, 14 de março de 2023 às 9:05"),
        vec![d(2023, 3, 14)]
    );
    assert_eq!(values("Madrid, 3 de marzo del 2025"), vec![d(2025, 3, 3)]);
    assert_eq!(values("Roma, 5 maggio 2024"), vec![d(2024, 5, 5)]);
    assert_eq!(values("Jakarta, 17 Agustus 2023"), vec![d(2023, 8, 17)]);
    assert_eq!(values("Москва, 12 декабря 2024"), vec![d(2024, 12, 12)]);
    assert_eq!(values("el 9 de octubre"), vec![DateValue::DayMonth(10, 9)]);
    // Only a month's full name after "de": "mar" is the sea.
    assert!(
        values("a 2 de mar de 2020")
            .iter()
            .all(|v| *v != d(2020, 3, 2))
    );
}

#[test]
fn day_and_month_without_year() {
    assert_eq!(
        values("met on November 3. Photo"),
        vec![DateValue::DayMonth(11, 3)]
    );
    assert_eq!(
        values("Den 25. november møttes"),
        vec![DateValue::DayMonth(11, 25)]
    );
    assert_eq!(
        values("Sáng ngày 3/11, tại Hà Nội"),
        vec![DateValue::DayMonth(11, 3)]
    );
    assert_eq!(values("11月3日、東京で"), vec![DateValue::DayMonth(11, 3)]);
    assert_eq!(
        values("tỉnh Osaka ngày 15-9"),
        vec![DateValue::DayMonth(9, 15)]
    );
}

#[test]
fn non_dates_are_not_dates() {
    assert!(values("In the 2025-2030 term, 7.1% growth, 48.18 billion USD").is_empty());
    assert!(values("The association may 3 times a year meet").is_empty());
    assert!(values("31/02/2025").is_empty());
    // A letter inside a word, or lower case, is no era.
    assert!(values("model XH30.4.30").is_empty());
    assert!(values("version h3.1.2").is_empty());
    assert!(values("firmware R2.1.1.5").is_empty());
}

#[test]
fn evidence_year_needs_a_present_tense_tie() {
    let year = |p: &[&str]| evidence_year(p).map(|(y, _)| y);
    assert_eq!(
        year(&[
            "Exports rose this year, 2026, by a fifth.",
            "By 2045 it aims high."
        ]),
        Some(2026)
    );
    assert_eq!(
        year(&["In fiscal year 2024 ODA reached 23 billion USD."]),
        None
    );
    // Celebrating is no tie to the present: the year is the founding one.
    assert_eq!(
        year(&["Both sides are celebrating ties established in 1973."]),
        None
    );
    assert_eq!(
        year(&["This year the city marks ties established in 1992."]),
        None
    );
}

#[test]
fn anniversaries_count_from_the_founding_year() {
    let year = |p: &[&str]| evidence_year(p).map(|(y, _)| y);
    assert_eq!(
        year(&["They mark the 30th anniversary of relations established in 1994."]),
        Some(2024)
    );
    assert_eq!(year(&["国交樹立1992年以来、35周年を迎えた。"]), Some(2027));
    assert_eq!(
        year(&["Hai nước kỷ niệm 40 năm thiết lập quan hệ từ năm 1986."]),
        Some(2026)
    );
    assert_eq!(year(&["Der 60. Jahrestag wurde 2021 gefeiert."]), None);
}
