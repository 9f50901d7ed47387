#[test]
fn where_someone_stands_in_a_picture() {
    for caption in [
        "Le Thu (second from left) gives a lesson to trainees in Asahikawa.",
        "Ông Nguyễn Văn A (thứ hai từ trái) trao quà cho học viên.",
        "署名式に臨む知事（左から2人目）",
        "협약식에 참석한 시장(왼쪽 두 번째)",
        "The two ministers (left) at the signing",
        "Minister Tanaka, left, greets the governor of Binh Duong in Hanoi on Monday.",
        "Ông Terasaki Akashi (đeo kính) thị phạm cho công nhân.",
        "Ms Mai Sato (third from the left) and teachers of the college",
        "Der Bürgermeister (zweiter von links) und die Delegation aus Hue",
        "越南代表团与市长(左起第三)合影",
    ] {
        assert!(super::has_position_bracket(caption), "{caption}");
    }
    for prose in [
        "Exports of fruit (trái cây) rose by a tenth.",
        "The party on the left (leftist groups) won the vote.",
        "Senator Smith (R) said the bill would pass.",
        "Workers who arrived, left behind their families, and settled in Gunma.",
        "Cooperation between the two sides, right now, is at its best.",
    ] {
        assert!(!super::has_position_bracket(prose), "{prose}");
    }
}

use super::*;

#[test]
fn related_links_in_several_languages() {
    assert!(is_related_link(">>Port operators eye the south"));
    assert!(is_related_link("» Ports deal signed at last"));
    assert!(is_related_link("Lire aussi : Les ports du Sud attirent"));
    assert!(is_related_link("Xem thêm: Cảng biển phía Nam"));
    assert!(is_related_link("【港湾協力の新段階】"));
    assert!(!is_related_link(
        "Related ministries will meet in May to sign the deal."
    ));
    assert!(!is_related_link("The ports deal was signed at last."));
}

#[test]
fn credits_at_the_end_of_a_caption() {
    assert!(is_caption_shape(
        "Workers at a plant in Hue. Photo courtesy of the company."
    ));
    assert!(is_caption_shape(
        "두 기관 대표가 악수하고 있다. [사진=통신사]"
    ));
    assert!(is_caption_shape("签署仪式现场。(图片来源:通讯社)"));
    assert!(is_caption_shape(
        "A worker at the plant in Hue on May 3, 2024. (Daily Example/An Nguyen)"
    ));
    assert!(!is_caption_shape("Exports rose in the first half (1/2)"));
    // A photographer's credit in Chinese, and a photo word and a name as
    // the last sentence without a colon.
    assert!(is_caption_shape("河内市中心的街景。(王晔摄)"));
    assert!(is_caption_shape(
        "Các chuyên gia tại buổi họp báo ở Hà Nội. Ảnh Minh Hoàng"
    ));
    assert!(!is_caption_shape(
        "Exports rose in the first half. Photo kits sold out."
    ));
    assert!(is_share_line("Share | Tweet | Email"));
    assert!(is_share_line("Chia sẻ  Bình luận (3)"));
    assert!(is_share_line("シェア ツイート"));
    assert!(!is_share_line("Share prices rose in Tokyo"));
    assert!(is_related_heading("Tin liên quan"));
    assert!(is_related_heading("Related news:"));
    assert!(!is_related_heading("Related ministries meet in May"));
    assert!(is_byline("By An Nguyen"));
    assert!(is_byline("Von Anna Schmidt"));
    assert!(is_byline("文:山田花子"));
    assert!(!is_byline("By the end of the year the port will open"));
    assert!(!is_byline("Byron Bay hosts a fair"));
    // A line of the page's facts: date, section and byline.
    assert!(is_byline(
        "5月 6, 2025 • インドネシア, 特定技能 • by Reina Ohno"
    ));
    assert!(is_byline("March 3, 2024 | Business | By An Nguyen"));
    // A headline and a byline without a date stay a headline's line.
    assert!(!is_byline("Osaka firm opens a plant | By An Nguyen"));
    assert!(is_credit_only("写真:通信社"));
    assert!(is_credit_only("Photo: An Nguyen"));
    assert!(!is_credit_only(
        "Photo: the minister spoke for an hour about the new port plans"
    ));
    assert!(is_caption_shape("両国の首脳会談の様子【拡大】"));
    assert!(is_caption_shape(
        "Ports deal signed at last - ảnh 1The minister at the signing. (Photo: Example)"
    ));
    assert!(is_caption_shape(
        "Hội chợ mở cửa hinh anh 2Khách tham quan gian hàng"
    ));
    assert!(!is_caption_shape(
        "The photo 2 of the series shows the port at dawn."
    ));
    assert!(is_caption_shape("The new terminal at dawn [Zoom]"));
    assert!(!is_caption_shape(
        "The firm said it would hire more (and/or train them)"
    ));
    assert!(!is_caption_shape(
        "The photo by the river was taken in May, long before the visit began."
    ));
    // A photographer or a picture library named in other languages, and a
    // note that the picture only illustrates.
    assert!(is_caption_shape("Foto de Ana Lima na Piclib"));
    assert!(is_caption_shape("Foto von Max Kurz auf Piclib"));
    assert!(is_caption_shape("Fábrica en Hue (imagen de archivo)"));
    assert!(is_caption_shape(
        "Operários numa fábrica (imagem ilustrativa)"
    ));
    assert!(!is_caption_shape(
        "Foto de família dos delegados, tirada no fim da reunião de dois dias em Hanói, foi publicada."
    ));
}

#[test]
fn a_date_line_with_its_section_and_time() {
    for line in [
        "Kinh tế - Ngày đăng : 08:15, 14/03/2024",
        "Business | Posted 14/03/2024 09:30",
        "14/03/2024 09:30",
        "更新日時：2024年3月14日 09:30",
    ] {
        assert!(super::is_dateline(line), "{line}");
    }
    for headline in [
        "Hanoi and Osaka sign a pact on training nurses on 14/03/2024",
        "Ngày hội việc làm cho thực tập sinh về nước diễn ra ngày 14/03/2024 tại Hà Nội",
        "香川県は8月29日、ベトナムの都市と交流協定を締結しました。",
    ] {
        assert!(!super::is_dateline(headline), "{headline}");
    }
}

#[test]
fn a_caption_opening_with_its_figures_number() {
    for caption in [
        "Hình 1: Đoàn công tác chụp ảnh lưu niệm tại nhà máy",
        "Figure 2. Students at the laboratory in Osaka",
        "図3：署名式に臨む両知事",
        "사진 1: 협약식에 참석한 시장",
    ] {
        assert!(super::is_caption_shape(caption), "{caption}");
    }
    for prose in [
        "Hình thức hợp tác mới giữa hai tỉnh được ký kết vào năm 2023.",
        "Figures show 2,000 firms invested in the province last year.",
        "Photo exhibitions opened in Hanoi and Osaka on the same day.",
    ] {
        assert!(!super::is_caption_shape(prose), "{prose}");
    }
}

#[test]
fn phrases_only_captions_use() {
    for caption in [
        "Lãnh đạo hai tỉnh chụp ảnh lưu niệm tại buổi lễ",
        "Delegates pose for a group photo after the signing in Osaka",
        "調印式の後、記念撮影に応じる両市長",
    ] {
        assert!(super::has_caption_phrase(caption), "{caption}");
    }
    assert!(!super::has_caption_phrase(
        "The two sides signed a memorandum on training nurses."
    ));
}

#[test]
fn a_japanese_caption_with_its_place_after_an_equals_sign() {
    for caption in [
        "留学生に食料を配る協会のスタッフ=名古屋市中村区で",
        "握手を交わす両国の首脳＝28日、首相官邸",
        "日本の首相と会談するベトナムの首相=共同",
        "アオザイを着た女性や獅子舞によるステージで開幕した旧正月フェス=長崎市、JR長崎駅西口広場",
    ] {
        assert!(super::is_caption_shape(caption), "{caption}");
    }
    for prose in [
        "協会は3月から毎週、留学生に食料を配っている。担当者=山田氏は話す。",
        "ジャン=ポール・サルトルの作品を学生が読む会が開かれた",
        // A wire's headline names its source after the sign.
        "特定技能制度で説明会=在ベトナム日本大使館",
        // A wire's lead points at its picture after the whole report.
        "県とホーチミン市の企業団体が人材育成と投資促進を目的に協力することで合意し、知事と同団体の会長による覚書の調印式が5日、県庁で正式に盛大に行われた=写真",
    ] {
        assert!(!super::is_caption_shape(prose), "{prose}");
    }
}

#[test]
fn a_photo_credit_in_brackets_is_a_caption() {
    assert!(super::is_caption_shape(
        "(Photo courtesy of the Embassy of Japan in Hanoi)"
    ));
    assert!(super::is_caption_shape("會場一景。(圖片來源:《新報》)"));
}

#[test]
fn a_source_credit_or_an_illustration_note_closes_a_caption() {
    for caption in [
        "Visitors try the rickshaws at the fair in Osaka (Source: VNA)",
        "Khách tham quan gian hàng Việt Nam tại Tokyo (Nguồn: TTXVN)",
        "工业园区生产线运作示意图。(新闻网)",
        "港湾の整備計画のイメージ写真（市提供）",
        "オンラインで会議をする協会のメンバー（同協会提供）",
        "A nun talks with workers at the temple in Tokyo (Daily Herald photo by Jane Roe.)",
        "The governor greets the delegation. Photo: Minh Anh / correspondent of the agency in Tokyo",
    ] {
        assert!(super::is_caption_shape(caption), "{caption}");
    }
    for prose in [
        "Japan's investment rose by a tenth last year, the ministry said. (Source: VNA)",
        "The fair drew 50,000 visitors (source: the organisers), twice last year's.",
    ] {
        assert!(!super::is_caption_shape(prose), "{prose}");
    }
}

#[test]
fn a_caption_naming_who_stands_where_opens_with_the_position() {
    for caption in [
        "From left: Le Thu, Tanaka Ken and the governor of Gunma",
        "左からグエン・バン・アンさん、レ・ティ・ホアさん",
        "Từ trái sang: ông Nguyễn Văn A, bà Trần Thị B",
        "(From left) the two ministers and the ambassador",
    ] {
        assert!(super::opens_with_position(caption), "{caption}");
    }
    for prose in [
        "From leftover budgets the city funded the exchange.",
        "Left behind by the boom, the town sought partners in Japan.",
    ] {
        assert!(!super::opens_with_position(prose), "{prose}");
    }
}

#[test]
fn a_byline_whose_name_lower_cases_shorter_reads_without_panic() {
    // "ẞ" lower-cases to "ß", a byte shorter: the name is cut at a
    // character of the line, not at the lower-cased copy's byte count.
    assert!(is_name_byline("By ẞẞ"));
    assert!(is_name_byline("By ẞẞ Nguyen"));
    assert_eq!(after_byline_label("By ẞẞ", "by"), Some("ẞẞ"));
    assert_eq!(after_byline_label("文：山田", "文："), Some("山田"));
    assert_eq!(after_byline_label("Bypass", "by"), None);
}
