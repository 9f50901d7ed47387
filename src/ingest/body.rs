//! Where a seed's article body is: the heaviest run of good lines, in the
//! jusText way, not broken by a run of boilerplate; near-good lines (short
//! sentences, cut-off or wrapped prose) at its edges belong to it, and a
//! text with no long line at all founds its body on near-good ones.

use super::clean::{Analysis, Class, GOOD_UNITS, Line, MIN_FUNCTION, Reason};
use crate::types::is_cjk;

/// A long line of prose that does not end a sentence is body text when
/// the text was cut off after it (the excerpt's last line) or wrapped
/// inside it (the next line, with no blank line between, goes on in
/// lower case or in a script without case). Captions, which also lack a
/// full stop, stand before a blank line or a capitalised paragraph.
pub(super) fn mark_cut_off_prose(lines: &[Line], class: &mut [Class]) {
    for i in 0..lines.len() {
        let f = &lines[i].f;
        if class[i] != Class::Short
            || f.units() < GOOD_UNITS
            || f.function_ratio.is_some_and(|r| r < MIN_FUNCTION)
        {
            continue;
        }
        let cut_off = i + 1 == lines.len();
        let wrapped = i + 1 < lines.len()
            && lines[i + 1].no == lines[i].no + 1
            && lines[i + 1]
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || is_cjk(c));
        if cut_off || wrapped {
            class[i] = Class::NearGood;
        }
    }
}

/// The items of a list that a sentence introduces ("… as follows:",
/// "比較すると、"): the short lines right under it, with no blank line
/// between them, are part of the text, as a list or a small table is.
pub(super) fn mark_introduced_lists(lines: &[Line], class: &mut [Class]) {
    const MAX_ITEM: usize = 100;
    let mut i = 0;
    while i + 1 < lines.len() {
        // (Emphasis marks left by a converter, "_… dates:_", aside.)
        let intro = !matches!(class[i], Class::Bad(_))
            && lines[i]
                .text
                .trim_end()
                .trim_end_matches(['_', '*'])
                .ends_with([':', '：', '、', ',', '，']);
        if !intro {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < lines.len()
            // The first item may stand after a blank line; the others
            // follow one another line by line.
            && lines[j].no <= lines[j - 1].no + if j == i + 1 { 2 } else { 1 }
            && matches!(class[j], Class::Short | Class::NearGood)
            && lines[j].f.chars <= MAX_ITEM
        {
            j += 1;
        }
        // Two items make a list; one short line may be a label. A short
        // line that introduces one ("Tour dates:") is text with it.
        if j - (i + 1) >= 2 {
            let from = if class[i] == Class::Short { i } else { i + 1 };
            for c in &mut class[from..j] {
                *c = Class::NearGood;
            }
        }
        i = j.max(i + 1);
    }
}

/// A heading inside a body: short, no final punctuation, not repeated,
/// not all capitals, followed (past images and captions) by a good line.
pub(super) fn heading_candidate(a: &Analysis, i: usize) -> bool {
    let l = &a.lines[i];
    let f = &l.f;
    let t = l.text.trim_end();
    if !matches!(a.class[i], Class::Short | Class::NearGood)
        || f.ends_sentence
        || t.ends_with([':', ',', ';', '：'])
        || f.count > 1
        || f.chars > 100
        || !(2..=15).contains(&f.units())
        || (f.upper_ratio > 0.8 && f.mostly_cased)
        // A bar of fields ("AP | Tokyo | Updated: …") or a line holding a
        // date is the page's furniture.
        || t.matches('|').count() >= 2
        || !super::dates::find_dates(t).is_empty()
    {
        return false;
    }
    next_substantial(a, i).is_some_and(|j| a.class[j] == Class::Good)
}

/// The next line that is not an image, caption or alt text.
fn next_substantial(a: &Analysis, i: usize) -> Option<usize> {
    (i + 1..a.lines.len()).find(|&j| {
        !matches!(
            a.class[j],
            Class::Bad(Reason::ImagePlaceholder | Reason::Caption | Reason::AltText)
        )
    })
}

/// What one boilerplate line inside a stretch of body costs, in characters
/// of body text.
const GAP_COST: isize = 40;
/// This many boilerplate lines in a row end a stretch whatever came
/// before: a "most read" list between the article and a teaser.
const GAP_BREAK: usize = 4;
/// A stretch that starts within this many lines after a `# ` headline
/// counts its text this many times over.
const HEADLINE_REACH: usize = 12;
const HEADLINE_BONUS: usize = 3;
/// A stretch under the comment section's heading counts this much less.
const COMMENTS_DISCOUNT: usize = 4;

/// The body is the stretch of lines with the most article text in it: good
/// lines count their length, boilerplate lines cost `GAP_COST` each (and
/// `GAP_BREAK` in a row end it), lines that may sit inside a body (captions,
/// headings, short sentences) are free, and a source credit after body text
/// ends a stretch. So two runs of paragraphs with an advertisement or a
/// photo between them stay one body. A page turned into Markdown marks its
/// headline `# `, and the stretch right after it is preferred to a longer
/// one elsewhere (a comment thread). With `near_founds`, short full
/// sentences found a body too, of at least `MIN_NEAR_RUN` lines.
pub(super) fn find_body(a: &Analysis, near_founds: bool) -> Option<(usize, usize)> {
    const MIN_NEAR_RUN: usize = 3;
    let min_lines = if near_founds { MIN_NEAR_RUN } else { 1 };
    // (first good, last good, text in it)
    let mut stretches: Vec<(usize, usize, usize)> = Vec::new();
    // (first good, last good, score at the last good line, score now, lines)
    let mut run: Option<(usize, usize, usize, isize, usize)> = None;
    let mut gap = 0;
    // Where the comment section starts, after some text: the threads under
    // it are readers' words, however long, not the story.
    let mut comments_from: Option<usize> = None;
    let close = |run: &mut Option<(usize, usize, usize, isize, usize)>,
                 stretches: &mut Vec<(usize, usize, usize)>| {
        if let Some((s, e, w, _, n)) = run.take()
            && n >= min_lines
        {
            stretches.push((s, e, w));
        }
    };
    for i in 0..a.lines.len() {
        let founds = a.class[i] == Class::Good || (near_founds && a.class[i] == Class::NearGood);
        match a.class[i] {
            _ if founds => {
                gap = 0;
                let w = a.lines[i].f.chars as isize;
                run = Some(match run {
                    Some((s, _, _, now, n)) => (s, i, (now + w) as usize, now + w, n + 1),
                    None => (i, i, w as usize, w, 1),
                });
            }
            // A short full sentence inside a stretch is a one-line paragraph,
            // as news and blog writing often has: it neither founds a body
            // nor breaks one.
            Class::NearGood if run.is_some() => {
                gap = 0;
            }
            // The comment section's counter ends a stretch, as a source
            // credit does (below): the story is over.
            Class::Bad(Reason::Share | Reason::Counter)
                if (run.is_some() || !stretches.is_empty())
                    && super::chrome::is_comment_line(&a.lines[i].text) =>
            {
                close(&mut run, &mut stretches);
                comments_from.get_or_insert(i);
                gap = 0;
            }
            Class::Bad(Reason::SourceLine) if run.is_some() => {
                close(&mut run, &mut stretches);
                gap = 0;
            }
            _ if a.neutral[i] => {}
            _ => {
                gap += 1;
                if let Some(r) = run.as_mut() {
                    r.3 -= GAP_COST;
                    if r.3 <= 0 || gap >= GAP_BREAK {
                        close(&mut run, &mut stretches);
                    }
                }
            }
        }
    }
    close(&mut run, &mut stretches);
    let h1: Vec<usize> = (0..a.lines.len())
        .filter(|&i| a.lines[i].md_heading == 1)
        .collect();
    let after_headline = |s: usize| {
        h1.iter()
            .rev()
            .find(|&&h| h < s)
            .is_some_and(|&h| s - h <= HEADLINE_REACH)
    };
    let worth = |&(s, _, w): &(usize, usize, usize)| {
        if comments_from.is_some_and(|c| s > c) {
            w / COMMENTS_DISCOUNT
        } else if after_headline(s) {
            w * HEADLINE_BONUS
        } else {
            w
        }
    };
    let best = stretches
        .iter()
        .enumerate()
        .max_by_key(|(i, st)| (worth(st), std::cmp::Reverse(*i)))
        .map(|(_, &(s, e, w))| (w, (s, e)));
    let (_, (mut start, mut end)) = best?;
    // Likewise a short opening sentence (or a headline ending in a period)
    // right before it; the headline is split off later.
    while start > 0 && a.class[start - 1] == Class::NearGood {
        start -= 1;
    }
    // A short closing sentence right after the last long paragraph belongs
    // to the body too.
    while end + 1 < a.lines.len() && a.class[end + 1] == Class::NearGood {
        end += 1;
    }
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::super::clean::analyse;

    const PROSE: &str = "The two cities signed a pact on ports and trade on Monday, and work on the first berth will start in May. Both sides will share the cost, which the mayors put at about ten million dollars over five years.";
    const MORE: &str = "A second agreement covers training for harbour staff, who will spend six months in each city in turn. The first group of twenty leaves in the autumn, and the programme is to run for at least three years.";

    /// Which lines (by text prefix) end up in the body.
    fn body_lines(text: &str) -> Vec<String> {
        let a = analyse(text, Some("en"), &[]);
        let (s, e) = a.body.expect("a body");
        (s..=e)
            .filter(|&i| !matches!(a.class[i], super::Class::Bad(_)))
            .map(|i| a.lines[i].text.chars().take(12).collect())
            .collect()
    }

    #[test]
    fn a_picture_beside_paragraphs_is_the_article_and_a_title_card_is_not() {
        let text = format!(
            "![A port](http://x.test/p.jpg)May 3, 2024 {PROSE} {PROSE}\n\n![](http://x.test/t.jpg)Other story title here\n"
        );
        assert_eq!(body_lines(&text), ["May 3, 2024 "]);
        let a = analyse(&text, Some("en"), &[]);
        assert_eq!(a.class[1], super::Class::Bad(super::Reason::LinkCard));
    }

    #[test]
    fn a_heading_under_a_picture_is_not_its_caption() {
        let text = format!("![](http://x.test/logo.gif)\n\n# Ports pact signed\n\n{PROSE}\n");
        let a = analyse(&text, Some("en"), &[]);
        assert_ne!(a.class[1], super::Class::Bad(super::Reason::Caption));
    }

    #[test]
    fn a_linked_image_with_spaces_in_its_brackets_is_an_image() {
        let text = format!(
            "{PROSE}\n\n[ ![FILE-PHOTO](data:image/gif;base64,R0lG) ](https://x.test/other-story)\n\n{MORE}\n"
        );
        let a = analyse(&text, Some("en"), &[]);
        assert!(a.lines[1].image && a.lines[1].text.is_empty());
        assert_eq!(a.body, Some((0, 2)), "the picture does not end the body");
    }

    #[test]
    fn one_line_paragraphs_do_not_break_a_body() {
        let short = [
            "The suspect said he needed to get dressed.",
            "Police used a ram to force open the door.",
            "At first, there was no sign of her.",
            "Then they found her in a basket.",
        ];
        let text = format!(
            "{PROSE}\n\nPublished Monday, Nov. 18, 2019\n\n{}\n\n{MORE}\n",
            short.join("\n\n")
        );
        let a = analyse(&text, Some("en"), &[]);
        assert_eq!(a.body, Some((0, a.lines.len() - 1)));
    }

    #[test]
    fn a_wire_credit_ends_a_paragraph_and_a_photo_credit_a_caption() {
        let two = "The governor said his prefecture would take more interns from the country next year and would open an office in the capital. The two sides then signed a memorandum on farming, tourism and the training of care workers for the region's hospitals";
        let a = analyse(&format!("{two}. (ANI/VOVWORLD)\n"), Some("en"), &[]);
        assert_eq!(a.body, Some((0, 0)), "{:?}", a.class);
        let a = analyse(
            &format!("{PROSE}\n\n{two}. (Photo: Thanh Long)\n\n{MORE}\n"),
            Some("en"),
            &[],
        );
        assert_eq!(a.class[1], super::Class::Bad(super::Reason::Caption));
    }

    #[test]
    fn a_paragraph_ending_in_a_photo_credit_is_a_paragraph() {
        let text = format!("{PROSE} {PROSE} Then it rained. Photo: AP.\n");
        let a = analyse(&text, Some("en"), &[]);
        assert_eq!(a.body, Some((0, 0)));
    }

    #[test]
    fn related_headlines_in_japanese_are_links_though_as_long_as_prose() {
        let text = "日本の部品メーカーはベトナム北部に新しい工場を建設し、来年から生産を始めると発表した。投資額は約百億円で、現地で千人を雇用する計画だという。\n\
            同社は南部でも事業を広げており、今後五年で売上高を倍増させる方針だ。現地政府も誘致に積極的で、用地の確保を支援している。\n\
            関連記事\n\
            日本の自動車大手、ベトナム政府と電動車の普及に向け共同研究を開始\n\
            二輪車の輸出を倍増させる市場戦略とは?\n";
        let a = analyse(text, Some("ja"), &[]);
        assert_eq!(a.body, Some((0, 1)));
        assert_eq!(a.class[3], super::Class::Bad(super::Reason::RelatedLink));
        assert_eq!(a.class[4], super::Class::Bad(super::Reason::RelatedLink));
    }

    #[test]
    fn a_list_a_sentence_introduces_stays_in_the_body() {
        let text = format!(
            "{PROSE}\n\nThe five companies chosen are:\n\n* Blue Origin, Kent, Washington\n* Ceres Robotics, Palo Alto\n* Sierra Nevada, Louisville\n* SpaceX, Hawthorne\n\n{MORE}\n"
        );
        let a = analyse(&text, Some("en"), &[]);
        assert_eq!(a.body, Some((0, a.lines.len() - 1)));
        assert!(
            (2..6).all(|i| a.class[i] == super::Class::NearGood),
            "{:?}",
            a.class
        );
        // Without the sentence that introduces them, short lines are a menu.
        let menu = format!("{PROSE}\n\n* Home\n* World\n* Business\n* Sport\n\n{MORE}\n");
        let a = analyse(&menu, Some("en"), &[]);
        assert!(
            (1..5).all(|i| a.class[i] != super::Class::NearGood),
            "{:?}",
            a.class
        );
    }

    #[test]
    fn a_long_sentence_thick_with_names_is_prose() {
        let line = "Cơ quan Hợp tác Quốc tế Nhật Bản (JICA) đã ký kết Biên bản Thảo luận (Record of Discussions: R/D) Dự án Hợp tác Kỹ thuật “Hỗ trợ Kỹ thuật Nâng cao Năng lực Đào tạo, Nghiên cứu và Quản trị Đại học” với Bộ Giáo dục Việt Nam, Trường Đại học Việt Nhật.";
        let a = analyse(line, Some("vi"), &[]);
        let r = a.lines[0].f.function_ratio.unwrap();
        assert!(r < super::MIN_FUNCTION, "the case this is about: {r}");
        assert_eq!(a.class[0], super::Class::Good, "{r} {:?}", a.lines[0].f);
    }

    #[test]
    fn the_comment_section_ends_the_story() {
        let text = format!(
            "{PROSE}\n\n{MORE}\n\nComments (0)\n\nThere are no comments on this article yet, so be the first to share what you think about it.\n"
        );
        let a = analyse(&text, Some("en"), &[]);
        assert_eq!(a.body, Some((0, 1)), "{:?}", a.class);
    }

    #[test]
    fn a_toolbar_counting_comments_inside_the_story_does_not_end_it() {
        // A share bar with the comment count, set after the lead as many
        // pages do, is not the comment section's heading.
        for bar in ["Chia sẻ | Bình luận (3)", "Share | Comments (12)"] {
            let text = format!(
                "{PROSE}

{bar}

{MORE}

{MORE} Again.
"
            );
            let a = analyse(&text, Some("en"), &[]);
            assert_eq!(a.body, Some((0, 3)), "{bar}: {:?}", a.class);
        }
    }

    #[test]
    fn a_long_thread_under_the_comments_heading_is_not_the_story() {
        // The story is one paragraph; the readers' thread under the heading
        // is longer, and still not the story.
        let reply = "I read the report twice and still wonder how the new berth will be paid for, since the mayors gave no figure for the second phase of the work.";
        let text = format!(
            "# Port pact signed\n\n{PROSE}\n\nPosted in News\n\n### Comments\n\n{reply}\n\n{MORE}\n\n{reply} Thanks.\n\n{MORE} Again.\n"
        );
        let a = analyse(&text, Some("en"), &[]);
        let (s, e) = a.body.expect("a body");
        assert!(
            a.lines[s].text.starts_with("The two cities"),
            "{:?}",
            a.class
        );
        assert!(e < 3, "{:?}", a.class);
    }

    #[test]
    fn a_copyright_notice_is_no_part_of_a_body() {
        let text = format!(
            "{PROSE}\n\n{MORE}\n\n© 2024 Example News Ltd. All rights reserved. No part of this site may be copied without the written permission of the publisher.\n"
        );
        let a = analyse(&text, Some("en"), &[]);
        assert_eq!(a.class[2], super::Class::Bad(super::Reason::Copyright));
        for notice in [
            "Bản quyền thuộc về Báo Ví Dụ. Cấm sao chép dưới mọi hình thức.",
            "記事・写真の無断転載を禁じます",
            "Copyright (c) 2024 Example Media",
        ] {
            assert!(super::super::chrome::is_copyright_line(notice), "{notice}");
        }
        assert!(!super::super::chrome::is_copyright_line(
            "The court ruled on a copyright case brought by a Japanese publisher."
        ));
    }

    #[test]
    fn short_paragraphs_alone_still_make_a_body() {
        let lines = [
            "The two cities signed a pact on ports.",
            "Work starts in May next year.",
            "Both sides will share the cost of it.",
        ];
        let text = format!("Home\nNews\n{}\n", lines.join("\n"));
        let a = analyse(&text, Some("en"), &[]);
        assert_eq!(a.body, Some((2, 4)));
        // Two are not enough to found one.
        let a = analyse(
            &format!("Home\n{}\n{}\n", lines[0], lines[1]),
            Some("en"),
            &[],
        );
        assert_eq!(a.body, None);
    }
}
