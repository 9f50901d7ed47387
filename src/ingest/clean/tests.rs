use super::*;

const LONG_EN: &str = "The two ministers agreed that the new port will be built with funding from both sides and that work on it should begin next spring.";

fn classes(text: &str) -> Vec<(String, Class)> {
    let a = analyse(text, Some("en"), &[]);
    a.lines
        .iter()
        .map(|l| l.text.clone())
        .zip(a.class.iter().copied())
        .collect()
}

fn class_of(text: &str, line: &str) -> Class {
    classes(text)
        .into_iter()
        .find(|(t, _)| t == line)
        .map(|(_, c)| c)
        .unwrap()
}

/// The class of `line` set between two paragraphs of prose.
fn class_amid_prose(line: &str) -> Class {
    class_of(&format!("{LONG_EN}\n\n{line}\n\n{LONG_EN} Again.\n"), line)
}

#[test]
fn caption_shapes_in_several_styles() {
    for c in [
        "The mayor at the signing. (Photo: Reuters)",
        "Minister Nam speaks at the forum - Photo: VNA/Tran Hai",
        "Lễ ký kết hợp tác giữa hai tỉnh. Ảnh: Minh Anh",
        "Statsministeren på besøk. Foto: NTB",
        "会談に臨む両首脳（写真：共同）",
        "Lễ ký kết hợp tác giữa hai tỉnh - Ảnh 2.",
        "Photo: AFP",
        "写真：共同通信",
        "Du học sinh thường làm thêm để kiếm thu nhập - Ảnh minh hoạ.",
        "工場で働く外国人の技能実習生(写真はイメージ)",
        "Workers at a plant near Hanoi. File photo",
        "△ 일본의 IT 기업들이 베트남 등 아세안 국가로 이전하고 있다. /사진=Hoya Corp.",
    ] {
        assert!(is_caption_shape(c), "{c}");
    }
    for c in [
        "Overview of the working session",
        "The members of the delegation have photos taken as a souvenir with their hosts.",
        "Toàn cảnh buổi làm việc",
        "ハノイで行われた締結式の様子",
        "签约仪式现场",
        "협약식 모습",
        "ハノイ近郊に完成した新しい倉庫の外観",
        "新工厂外观",
        "Vice Chairman Le Duy Thanh spoke at the meeting.",
        "Bí thư Tỉnh ủy Đỗ Trọng Hưng phát biểu tại buổi tiếp và làm việc.",
    ] {
        assert!(super::super::chrome::has_caption_phrase(c), "{c}");
    }
    // Where the speaker said something, the line is the story's.
    assert!(!super::super::chrome::has_caption_phrase(
        "Speaking at the meeting, the governor said the province would send more trainees."
    ));
    assert!(!super::super::chrome::has_caption_phrase(
        "The minister spoke at the forum, saying that the two sides would sign a new agreement on ports and training next year."
    ));
    // A sentence that ends as prose does is no caption, whatever its end.
    assert!(!super::super::chrome::has_caption_phrase(
        "両国の関係者が集まり、当日は和やかな様子だった。"
    ));
    // The words inside a sentence are no note on a picture.
    assert!(!is_caption_shape(
        "The exhibition showed how a file photo can mislead readers about the port."
    ));
    for c in [
        "The photo exhibition opened on Monday with 40 works by young artists.",
        "He said the image of Vietnam abroad had improved a great deal.",
    ] {
        assert!(!is_caption_shape(c), "{c}");
    }
}

#[test]
fn a_standfirst_ending_in_its_byline_and_photographer_is_no_caption() {
    let standfirst = "Vietnamese students in Osaka are far more than the part-time workers seen behind the counters of convenience stores late at night. Many of them run small firms of their own, from translation offices and software studios to noodle restaurants near the station in Namba. By An Nguyen. Photos by Ken Sato.";
    assert_ne!(class_amid_prose(standfirst), Class::Bad(Reason::Caption));
    // A caption with its credit is still one.
    let caption = "The mayor at the signing ceremony in Osaka on Monday. Photo by Ken Sato.";
    assert_eq!(class_amid_prose(caption), Class::Bad(Reason::Caption));
}

#[test]
fn caption_after_an_image_is_dropped_even_without_a_credit() {
    let text = format!("{LONG_EN}\n<img src=\"a.jpg\">\nThe harbour at dawn.\n{LONG_EN} Again.\n");
    assert_eq!(
        class_of(&text, "The harbour at dawn."),
        Class::Bad(Reason::Caption)
    );
}

#[test]
fn a_file_name_line_is_a_picture_and_captions_the_line_under_it() {
    let text = format!("Bo KHCN.jpg\nThe minister visits the embassy.\n\n{LONG_EN}\n");
    assert_eq!(
        class_of(&text, "Bo KHCN.jpg"),
        Class::Bad(Reason::ImagePlaceholder)
    );
    assert_eq!(
        class_of(&text, "The minister visits the embassy."),
        Class::Bad(Reason::Caption)
    );
    // After a blank line comes the story, and a headline with a file
    // name glued to it is still a headline.
    let text = "IMG_0412.JPG\n\nThe minister visits the embassy.\n";
    assert_ne!(
        class_of(text, "The minister visits the embassy."),
        Class::Bad(Reason::Caption)
    );
    let text = format!("Japan to recruit more workers from Vietnam 132240411.1.jpg\n{LONG_EN}\n");
    assert_ne!(
        class_of(
            &text,
            "Japan to recruit more workers from Vietnam 132240411.1.jpg"
        ),
        Class::Bad(Reason::ImagePlaceholder)
    );
}

#[test]
fn link_cards_counters_and_banners() {
    let text = format!(
        "BREAKING NEWS FROM THE REGION\n[![x](a.jpg)](b.html) Another story about ports\nBình luận (3)\n{LONG_EN}\n"
    );
    assert_eq!(
        class_of(&text, "BREAKING NEWS FROM THE REGION"),
        Class::Bad(Reason::AllCaps)
    );
    assert_eq!(
        class_of(&text, "Another story about ports"),
        Class::Bad(Reason::LinkCard)
    );
    assert_eq!(
        class_of(&text, "Bình luận (3)"),
        Class::Bad(Reason::Counter)
    );
}

#[test]
fn acronyms_in_uncased_scripts_are_not_capitals() {
    let ko = "일본 대외무역기구(JETRO)가 최근 실시한 조사에 따르면 베트남에 진출한 기업의 절반이 생산을 늘릴 계획이다.";
    let a = analyse(&format!("{ko}\n{ko} 또한.\n"), Some("ko"), &[]);
    assert_eq!(a.class[0], Class::Good);
    assert_eq!(
        class_of(
            &format!("THE PORT DEAL IS SIGNED AT LAST\n{LONG_EN}\n"),
            "THE PORT DEAL IS SIGNED AT LAST"
        ),
        Class::Bad(Reason::AllCaps)
    );
}

#[test]
fn a_caption_above_its_credit_and_a_name_above_its_quote_are_dropped() {
    let text = format!(
        "{LONG_EN}\nThe two leaders at the talks\nPhoto: An Nguyen\nMinister Tran Van An\nMinister Tran Van An: {LONG_EN}\n"
    );
    assert_eq!(
        class_of(&text, "The two leaders at the talks"),
        Class::Bad(Reason::Caption)
    );
    assert_eq!(
        class_of(&text, "Minister Tran Van An"),
        Class::Bad(Reason::AltText)
    );
}

#[test]
fn a_cut_off_last_paragraph_stays_in_the_body() {
    let cut = "The two sides also agreed that the work on the new terminal at the port should be finished before the end of the";
    let text = format!("{LONG_EN}\n{LONG_EN} Again.\n{cut}\n");
    let a = analyse(&text, Some("en"), &[]);
    assert_eq!(a.class[2], Class::NearGood);
    assert_eq!(a.body, Some((0, 2)));
}

#[test]
fn teaser_pairs_after_the_body_are_dropped() {
    let teaser = "Rice exports rise in first quarter";
    let summary = "Exports of rice rose by a tenth in the first quarter as buyers in Asia stocked up on the grain ahead of the season.";
    let text = format!("{LONG_EN}\n{LONG_EN} More.\nMost read\n{teaser}\n{teaser}\n{summary}\n");
    let c = classes(&text);
    assert_eq!(c[3].1, Class::Bad(Reason::TeaserTitle));
    assert_eq!(c[5].1, Class::Bad(Reason::TeaserSummary));
}

#[test]
fn furniture_inside_a_story_does_not_split_it() {
    let text = format!(
        "{LONG_EN}\nBy An Nguyen\nShare | Tweet | Email\nRelated news\nFair opens in Osaka\nRice exports rise\n{LONG_EN} Two.\n"
    );
    let a = analyse(&text, Some("en"), &[]);
    assert_eq!(a.body, Some((0, 6)));
    assert_eq!(a.class[4], Class::Bad(Reason::RelatedLink));
    assert_eq!(a.class[2], Class::Bad(Reason::Share));
}

#[test]
fn body_is_the_heaviest_run_and_menus_break_it() {
    let text = format!(
        "Home\nWorld\nBusiness\nSport\nA title for the story\n{LONG_EN}\nA heading inside\n{LONG_EN} Two.\nShare\nPrint\nMost read\nOne other story here\nAnother story headline\n{LONG_EN} Tail text that is not part of it.\n"
    );
    let a = analyse(&text, Some("en"), &[]);
    let (s, e) = a.body.unwrap();
    assert_eq!(a.lines[s].text, LONG_EN);
    assert_eq!(a.lines[e].text, format!("{LONG_EN} Two."));
    let h = a
        .lines
        .iter()
        .position(|l| l.text == "A heading inside")
        .unwrap();
    assert!(a.heading[h]);
    assert!(!a.heading[0]);
}

#[test]
fn thai_prose_without_word_spaces_is_a_body() {
    // Thai puts spaces between phrases only, and rarely ends with a stop.
    let p = "บริษัทญี่ปุ่นหลายแห่งประกาศแผนขยายการลงทุนในเวียดนามเพื่อสร้างโรงงานผลิตชิ้นส่วนอิเล็กทรอนิกส์ \
             และฝึกอบรมแรงงานท้องถิ่นให้มีทักษะสูงขึ้นตามความต้องการของอุตสาหกรรม";
    let a = analyse(&format!("หน้าแรก\n{p}\n{p}\n"), None, &[]);
    assert_eq!((a.class[0], a.class[1]), (Class::Short, Class::Good));
    assert!(a.body.is_some());
}

#[test]
fn japanese_body_lines_are_good_and_menus_short() {
    let body = "日本とベトナムの両政府は、技術移転と人材育成の分野で協力を一段と強化することで合意したと、外務省が発表しました。";
    let text = format!("ホーム\n政治\n経済\n{body}\n{body}まだ続きます。\n");
    let a = analyse(&text, None, &[]);
    assert_eq!(a.language.as_deref(), Some("ja"));
    assert_eq!(a.class[0], Class::Short);
    assert_eq!(a.class[3], Class::Good);
    assert!(a.body.is_some());
}

#[test]
fn vietnamese_body_and_menu() {
    let body = "Sáng nay, Thủ tướng đã tiếp đoàn đại biểu của Hiệp hội hữu nghị và đề nghị hai bên tiếp tục thúc đẩy hợp tác đầu tư trong nhiều lĩnh vực.";
    let text = format!("Thời sự\nKinh tế\nXã hội\n{body}\nNguồn: TTXVN\n");
    let a = analyse(&text, None, &[]);
    assert_eq!(a.language.as_deref(), Some("vi"));
    assert_eq!(a.class[3], Class::Good);
    assert_eq!(a.class[4], Class::Bad(Reason::SourceLine));
    assert_eq!(a.body, Some((3, 3)));
}

#[test]
fn a_latin_name_alone_in_a_japanese_article_is_a_byline() {
    let lead = "インドのモディ首相が29日に来日し、石破茂首相との首脳会談や宮城県訪問を予定している。両国は半導体や人材の分野で協力を深める方針だ。";
    let text = format!("{lead}\n\nTamiyuki Kihara\n\n{lead}\n");
    let a = analyse(&text, Some("ja"), &[]);
    let i = a
        .lines
        .iter()
        .position(|l| l.text == "Tamiyuki Kihara")
        .unwrap();
    assert_eq!(a.class[i], Class::Bad(Reason::Byline));
    // In English the same line may be anything short.
    let en = format!("{LONG_EN}\n\nTamiyuki Kihara\n\n{LONG_EN}\n");
    assert_ne!(class_of(&en, "Tamiyuki Kihara"), Class::Bad(Reason::Byline));
}

#[test]
fn reading_time_estimates_are_chrome() {
    for line in [
        "5 min read",
        "この記事は約8分30秒で読めます。",
        "Đọc trong 3 phút",
        "Lesezeit: 4 Min.",
    ] {
        assert_eq!(
            class_amid_prose(line),
            Class::Bad(Reason::ReadingTime),
            "{line}"
        );
    }
    // A sentence about reading time is prose.
    let prose = "Officials said the reading time for the 300-page report was far too short for the council.";
    let text = format!("{LONG_EN}\n\n{prose}\n");
    assert_ne!(class_of(&text, prose), Class::Bad(Reason::ReadingTime));
}

#[test]
fn a_site_s_notices_are_chrome() {
    for line in [
        "Subscribe to read the full article and our archive.",
        "※免責事項については画面右上のメニューをお読みください。",
        "記事の続きを読むには会員登録が必要です。",
        "Tuyên bố miễn trừ trách nhiệm: bài viết chỉ mang tính tham khảo.",
        "ご訪問ありがとうございます。",
        "Thank you for visiting our blog!",
        "Your support helps us to tell the story.",
        "Bình luận: Không có bình luận.",
        "No comments yet. Be the first to comment!",
        "コメントはまだありません。",
    ] {
        assert_eq!(class_amid_prose(line), Class::Bad(Reason::Notice), "{line}");
    }
    // A ministry's "no comment" is news, not an empty comment box.
    for prose in [
        "Le ministère n'a fait aucun commentaire.",
        "Bộ Ngoại giao không có bình luận về vụ việc.",
    ] {
        let text = format!("{LONG_EN}\n\n{prose}\n");
        assert_ne!(
            class_of(&text, prose),
            Class::Bad(Reason::Notice),
            "{prose}"
        );
    }
    // A long paragraph that names a disclaimer is the story's.
    let prose = "The ministry published a disclaimer: the figures, it said, were estimates that the two governments would revise in the spring after the census, and the report's authors agreed.";
    let text = format!("{LONG_EN}\n\n{prose}\n");
    assert_ne!(class_of(&text, prose), Class::Bad(Reason::Notice));
}

#[test]
fn contact_details_are_chrome() {
    for line in [
        "Phone: 093-582-2162",
        "Hotline: 094 540 6866",
        "Email: toasoan@example.vn",
        "電話：03-1234-5678",
    ] {
        assert_eq!(
            class_amid_prose(line),
            Class::Bad(Reason::Contact),
            "{line}"
        );
    }
    let prose = "Contact: the two sides met again in 2024 and agreed on more flights.";
    let text = format!("{LONG_EN}\n\n{prose}\n");
    assert_ne!(class_of(&text, prose), Class::Bad(Reason::Contact));
}

#[test]
fn pointers_to_the_rest_of_the_story_are_links() {
    for line in [
        "続きはソースのjbpressをご参照ください。",
        "Continue reading on the publisher's site",
        "Đọc tiếp tại báo gốc",
    ] {
        assert_eq!(
            class_amid_prose(line),
            Class::Bad(Reason::RelatedLink),
            "{line}"
        );
    }
}

#[test]
fn a_lead_sentence_thick_with_names_is_prose() {
    // A Vietnamese lead of some twenty syllables, most of them in names
    // (a title, a person, a ministry, a city), has few function words but
    // is still the story's first paragraph.
    let lead = "Sáng 12/4, Bộ trưởng Lê Văn Minh và đoàn công tác Bộ Công Thương dự Diễn đàn \
                Doanh nghiệp Việt Nam 2025 tại Nagoya, Nhật Bản.";
    let a = analyse(&format!("{lead}\n"), Some("vi"), &[]);
    assert_eq!(a.class[0], Class::Good);
}

#[test]
fn a_line_wholly_in_brackets_is_a_caption_or_a_note() {
    for line in [
        "(The temple in Aikawa, where the festival was held on Aug. 4, 2019.)",
        "(Reporting by Jane Roe; editing by John Doe)",
    ] {
        assert_eq!(
            class_amid_prose(line),
            Class::Bad(Reason::Caption),
            "{line}"
        );
    }
    // A lead that opens with the agency's credit is the story's.
    let lead = "(VNA) - Japanese firms plan to widen their investment in the northern provinces this year, the chamber said on Monday.";
    assert_ne!(class_amid_prose(lead), Class::Bad(Reason::Caption));
}

#[test]
fn two_writers_and_their_town_make_a_byline() {
    for line in ["By Jane Roe and Ami Saito", "Von Peter Muster | Hanoi"] {
        assert_eq!(class_amid_prose(line), Class::Bad(Reason::Byline), "{line}");
    }
    // Five capitalised words with no second writer are a title's, not a name.
    assert_ne!(
        class_amid_prose("By The Numbers Of Japanese Investment"),
        Class::Bad(Reason::Byline)
    );
}
