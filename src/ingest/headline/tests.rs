use super::*;

#[test]
fn a_reporters_bracket_is_not_the_headline() {
    for (line, want) in [
        (
            "留学生対策に力点=新時代の課題(ハノイ支局 山田太郎)",
            "留学生対策に力点=新時代の課題",
        ),
        (
            "Ports pact signed in Hanoi (Reporter Kim Minh)",
            "Ports pact signed in Hanoi",
        ),
        (
            "Hội chợ khai mạc tại Tokyo (PV)",
            "Hội chợ khai mạc tại Tokyo",
        ),
        ("首相が記者会見(詳報)", "首相が記者会見(詳報)"),
        ("首相の記者会見(全文)", "首相の記者会見(全文)"),
        (
            "Vietnam backs a reporters' fund (video)",
            "Vietnam backs a reporters' fund (video)",
        ),
        (
            "Hanoi dispatch (Bureau of Statistics data)",
            "Hanoi dispatch (Bureau of Statistics data)",
        ),
    ] {
        assert_eq!(clean(line).as_deref(), Some(want), "{line}");
    }
}

#[test]
fn a_short_section_name_before_a_colon_is_not_the_headline() {
    for (line, want) in [
        (
            "社会:群馬県でベトナム人技能実習生の交流会が開かれる",
            "群馬県でベトナム人技能実習生の交流会が開かれる",
        ),
        (
            "コラム：越日の大学が半導体人材の育成で協力",
            "越日の大学が半導体人材の育成で協力",
        ),
        // The story's subject, not a section.
        (
            "ベトナム中部：日系企業の工場進出が相次ぐ",
            "ベトナム中部：日系企業の工場進出が相次ぐ",
        ),
        (
            "日本:ベトナムの製造業への投資を強化",
            "日本:ベトナムの製造業への投資を強化",
        ),
        (
            "경제: 일본 기업 베트남 북부 투자 확대",
            "일본 기업 베트남 북부 투자 확대",
        ),
        // A path of section names before the headline.
        (
            "정치/경제 2014년 베트남-일본 정보통신의 날",
            "2014년 베트남-일본 정보통신의 날",
        ),
        (
            "일본/베트남 정상회담 열려 협력 강화",
            "일본/베트남 정상회담 열려 협력 강화",
        ),
        (
            "Vietnam: Japan firms eye the central provinces",
            "Vietnam: Japan firms eye the central provinces",
        ),
    ] {
        assert_eq!(clean(line).as_deref(), Some(want), "{line}");
    }
}

#[test]
fn glued_dates_file_names_and_counters_are_stripped() {
    assert_eq!(
        clean("date 2023-04-12 Hanoi to host a fair for makers of parts").as_deref(),
        Some("Hanoi to host a fair for makers of parts")
    );
    assert_eq!(
        clean("12/04/2023 09:30 - Osaka firms eye ports in the south").as_deref(),
        Some("Osaka firms eye ports in the south")
    );
    assert_eq!(
        clean("48810233.2.png Students from Hue win a robot contest").as_deref(),
        Some("Students from Hue win a robot contest")
    );
    assert_eq!(
        clean("地方の工場で働く外国人が増加（2/4ページ）").as_deref(),
        Some("地方の工場で働く外国人が増加")
    );
    assert_eq!(
        clean("Ports deal signed at last | Page 3").as_deref(),
        Some("Ports deal signed at last")
    );
    assert_eq!(
        clean("date 2022-02 Hai tỉnh hợp tác sản xuất nông nghiệp").as_deref(),
        Some("Hai tỉnh hợp tác sản xuất nông nghiệp")
    );
    assert_eq!(
        clean("2024/03 Osaka firms eye ports in the south").as_deref(),
        Some("Osaka firms eye ports in the south")
    );
    // A year and a count is no month.
    assert_eq!(
        clean("2024-25 budget doubles aid for the ports").as_deref(),
        Some("2024-25 budget doubles aid for the ports")
    );
    assert_eq!(
        clean("Việt Nam - Nhật Bản: Cùng tạo nên xung lực mới trong chuyển đổi số- Ảnh 1.")
            .as_deref(),
        Some("Việt Nam - Nhật Bản: Cùng tạo nên xung lực mới trong chuyển đổi số")
    );
    assert_eq!(
        clean("Osaka firms eye ports in the south - Photo 2").as_deref(),
        Some("Osaka firms eye ports in the south")
    );
    assert_eq!(
        clean("留学生・技能実習生を先輩が支援【新潟日報2021年1月18日】").as_deref(),
        Some("留学生・技能実習生を先輩が支援")
    );
    // A column's name and an era date in round brackets; a counter or a
    // label there stays for other rules.
    assert_eq!(
        clean("ダナン市と友好交流の覚書を締結(市長日記R6.5.20)").as_deref(),
        Some("ダナン市と友好交流の覚書を締結")
    );
    assert_eq!(
        clean("Osaka firms eye ports in the south (Kyodo, 3/11/2024)").as_deref(),
        Some("Osaka firms eye ports in the south")
    );
    assert_eq!(
        clean("Osaka firms eye ports in the south (Video)").as_deref(),
        Some("Osaka firms eye ports in the south (Video)")
    );
    assert_eq!(
        clean("知事のハノイ訪問(令和7年3月4日から7日)").as_deref(),
        Some("知事のハノイ訪問(令和7年3月4日から7日)")
    );
    assert_eq!(
        clean("南越移民日本 | Example Outlet News").as_deref(),
        Some("南越移民日本")
    );
    assert_eq!(clean("77120.jpeg"), None);
    assert_eq!(
        clean("Home > World > Asia > Osaka firms eye ports in the south").as_deref(),
        Some("Osaka firms eye ports in the south")
    );
    assert_eq!(
        clean("ホーム > 経済 > 大阪の企業が南部の港に注目").as_deref(),
        Some("大阪の企業が南部の港に注目")
    );
    assert_eq!(
        clean("Trang chủ    Kinh tế    Cảng biển phía Nam hút vốn Nhật Bản").as_deref(),
        Some("Cảng biển phía Nam hút vốn Nhật Bản")
    );
    assert_eq!(
        clean("Prices > costs as ports boom in the south").as_deref(),
        Some("Prices > costs as ports boom in the south")
    );
    assert_eq!(
        clean("Osaka firms eye ports in the south | Example World News").as_deref(),
        Some("Osaka firms eye ports in the south")
    );
    assert_eq!(
        clean("Osaka firms eye ports in the south 14/03/2024 16:40").as_deref(),
        Some("Osaka firms eye ports in the south")
    );
    assert_eq!(
        clean("大阪の企業が南部の港に注目 2024年3月14日 16:40").as_deref(),
        Some("大阪の企業が南部の港に注目")
    );
    assert_eq!(
        clean("Fair opens in Da Nang on 3 May 2024").as_deref(),
        Some("Fair opens in Da Nang on 3 May 2024")
    );
    // A date inside a headline is part of it.
    assert_eq!(
        clean("Fair opens on 3 May 2024 in Da Nang").as_deref(),
        Some("Fair opens on 3 May 2024 in Da Nang")
    );
}

#[test]
fn section_labels_in_brackets_are_stripped() {
    assert_eq!(
        clean("【経済】大阪の企業が南部の港に注目する").as_deref(),
        Some("大阪の企業が南部の港に注目する")
    );
    assert_eq!(
        clean("[Asia Biz] Osaka firms eye ports in the south").as_deref(),
        Some("Osaka firms eye ports in the south")
    );
    // A bracket that is the whole headline, or too long to be a label, stays.
    assert_eq!(clean("【速報】").as_deref(), Some("【速報】"));
    assert_eq!(
        clean("[A long bracket that says a great deal] then more words").as_deref(),
        Some("[A long bracket that says a great deal] then more words")
    );
    assert_eq!(
        clean("Example News | Osaka firms eye ports in the south").as_deref(),
        Some("Osaka firms eye ports in the south")
    );
    assert_eq!(
        clean("大阪の企業が南部の港に注目｜例新聞").as_deref(),
        Some("大阪の企業が南部の港に注目")
    );
    // A regional page's prefecture after a slash goes; other tails stay.
    assert_eq!(
        clean("大阪の企業が南部の港に注目 /兵庫").as_deref(),
        Some("大阪の企業が南部の港に注目")
    );
    // So does a Chinese site's name after an underscore.
    assert_eq!(
        clean("大阪企业关注越南南部港口_示例新闻网").as_deref(),
        Some("大阪企业关注越南南部港口")
    );
    for kept in [
        "Osaka firms eye ports in the south /Kobe",
        "大阪の企業が港に注目 /南部の港で",
        "Osaka firms eye ports in the south_Example",
    ] {
        assert_eq!(clean(kept).as_deref(), Some(kept));
    }
    assert!(is_field("原标题：大阪企业关注南部港口"));
    assert!(is_field("Source: Example News"));
    assert!(!is_field("Hanoi: Osaka firms eye ports in the south"));
    assert!(is_enclosed("< Part 1  Osaka firms in the south >"));
    assert!(is_enclosed("(Video report)"));
    assert!(!is_enclosed("Osaka firms (and Hanoi ones) eye ports"));
}

#[test]
fn weekday_and_time_lines_are_when_lines() {
    assert!(is_when_line("Thứ Năm, 14/03/2024 16:40 (GMT+7)"));
    assert!(is_when_line("Wednesday 08:05 AM"));
    assert!(is_when_line("Freitag, 7. Juni 2024, 10:15 Uhr"));
    assert!(!is_when_line("Ministers meet on Friday 7 June"));
    assert!(!is_when_line("Ports deal signed at last"));
}

#[test]
fn slugs_agree_with_their_headlines() {
    let slug = slug_words(
        "https://news.example.org/world/asia/hue-students-win-robot-contest-20240301.html?ref=x",
    );
    assert_eq!(slug, ["hue", "students", "win", "robot", "contest"]);
    assert!(slug_agreement("Students from Huế win a robot contest", &slug) > 0.9);
    assert!(slug_agreement("World news", &slug) < 0.2);
    assert!(slug_words("https://example.org/a/123456").is_empty());
}

fn same_headline(a: &str, b: &str) -> bool {
    same_terms(&content_terms(a), &content_terms(b))
}

#[test]
fn repeated_headlines_are_the_same() {
    assert!(same_headline(
        "Osaka firms eye ports in the south - Example News",
        "Osaka firms eye ports in the south"
    ));
    assert!(!same_headline(
        "Osaka firms eye ports",
        "Hanoi hosts a fair"
    ));
}

#[test]
fn a_date_in_brackets_after_a_short_title_is_cut() {
    assert_eq!(
        clean("人材育成               (2016年3月2日)").as_deref(),
        Some("人材育成")
    );
    assert_eq!(
        clean("Port talks resume (14/03/2024)").as_deref(),
        Some("Port talks resume")
    );
    // A month of a year in brackets is the page's issue.
    assert_eq!(
        clean("ものづくり人材の育成をめざして(2014年7月)").as_deref(),
        Some("ものづくり人材の育成をめざして")
    );
    assert_eq!(
        clean("Port talks resume in Hai Phong (07/2014)").as_deref(),
        Some("Port talks resume in Hai Phong")
    );
    // A year alone in brackets is the story's.
    assert_eq!(
        clean("Hai Phong ties (2009 - 2013)").as_deref(),
        Some("Hai Phong ties (2009 - 2013)")
    );
}

#[test]
fn a_section_label_in_brackets_after_the_headline_is_cut() {
    assert_eq!(
        clean("【ベトナム】新潟の部品メーカー、南部に新工場[製造](2024/07/04)").as_deref(),
        Some("新潟の部品メーカー、南部に新工場")
    );
    assert_eq!(
        clean("Osaka firm opens a plant in Dong Nai [Business]").as_deref(),
        Some("Osaka firm opens a plant in Dong Nai")
    );
    assert_eq!(clean("Tokyo [update]").as_deref(), Some("Tokyo [update]"));
}

#[test]
fn a_question_and_its_answer_is_one_headline() {
    assert!(asks_then_says(
        "Can they meet Korea? Coach says \"I coach Vietnam\""
    ));
    assert!(asks_then_says(
        "베트남, 한국과 대진 가능성은? 감독 \"난 베트남 감독\""
    ));
    // Two sentences ending in a full stop are a lead.
    assert!(!asks_then_says("Will it work? Officials said it would."));
    assert!(!asks_then_says("The plant opened. It employs 500 people."));
}

#[test]
fn a_breadcrumb_that_lost_its_arrows_is_no_headline() {
    assert_eq!(clean("Trang chủ Việt kiều Nhịp sống cộng đồng"), None);
    assert_eq!(clean("ホーム 政治 国際"), None);
    // Its arrows still there, the trail's last step is kept.
    assert_eq!(
        clean("Trang chủ > Quốc tế > Hải Phòng đón đoàn doanh nghiệp Nhật Bản").as_deref(),
        Some("Hải Phòng đón đoàn doanh nghiệp Nhật Bản")
    );
    // An English headline may open with "Home".
    assert_eq!(
        clean("Home sales rise in Hanoi").as_deref(),
        Some("Home sales rise in Hanoi")
    );
}

#[test]
fn a_bulleted_breadcrumb_s_last_item_is_the_headline() {
    assert_eq!(
        clean("• Hiroshima signs a chip training pact with Hanoi").as_deref(),
        Some("Hiroshima signs a chip training pact with Hanoi")
    );
    assert_eq!(
        clean("▼ Nagano opens a help desk for Vietnamese trainees").as_deref(),
        Some("Nagano opens a help desk for Vietnamese trainees")
    );
}

#[test]
fn a_clock_time_glued_after_a_date_is_no_part_of_the_headline() {
    for (line, want) in [
        (
            "08/07/2024 17:30Hội chợ mở cửa tại Osaka đón khách Việt",
            "Hội chợ mở cửa tại Osaka đón khách Việt",
        ),
        (
            "2024-07-08 9:05Ports pact signed in Hanoi",
            "Ports pact signed in Hanoi",
        ),
        // A time that is the headline's own number stays.
        (
            "08/07/2024 Trains at 17:30 to run again",
            "Trains at 17:30 to run again",
        ),
    ] {
        assert_eq!(clean(line).as_deref(), Some(want), "{line}");
    }
}
