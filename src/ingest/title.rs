//! Which headline candidate is the headline: the candidates are the
//! title-like lines above the body, cleaned by `headline::clean`, each with
//! its agreement with the body and the source URL's slug; `pick` weighs
//! those with the page's own signals (repetition, being the topmost real
//! title) against the shapes that are rarely headlines. Signals only; no
//! string of a site.

use super::clean::{self, Class, Reason};
use super::headline::{is_enclosed, is_field, same_terms};
use std::collections::BTreeSet;

/// A headline candidate: a title-like line above the body, cleaned, with
/// its agreement with the body (share of its content terms the body uses)
/// and with the source URL's slug.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index of its line in the seed's lines.
    pub line: usize,
    pub text: String,
    pub body: f32,
    pub slug: f32,
    pub terms: BTreeSet<String>,
    /// How often the line's text occurs in the seed.
    pub count: usize,
    pub cjk: usize,
    /// Its letters of Thai and the like, four to a word.
    pub unspaced: usize,
    /// Its Markdown heading level: a page's `# Title` is its headline more
    /// often than not.
    pub md_heading: u8,
    /// The line is one of a list of short lines with no blank line
    /// between them: a menu or a list of links, whose items may share the
    /// story's words but are not its headline.
    pub in_list: bool,
    /// The next line is a date or a byline: where a headline stands, above
    /// the story's date and author (a caption stands under them).
    pub dated: bool,
    /// The line before is a date or a byline: where a caption or the lead
    /// stands when the headline is above that date.
    pub after_date: bool,
}

/// Weights of the headline signals. A candidate must agree with the body
/// or the slug to be taken; then the score adds agreement, repetition
/// (the page title repeated as the article's title, or a breadcrumb's last
/// step) and being the topmost real title, and takes off for shapes that
/// are rarely headlines: a label of a few words, a line ending in a full
/// stop (captions and lead sentences do; headlines seldom), distance from
/// the body.
const MIN_BODY_AGREEMENT: f32 = 0.34;
const MIN_SLUG_AGREEMENT: f32 = 0.5;
const MIN_TOP_BODY_AGREEMENT: f32 = 0.2;
const SLUG_WEIGHT: f32 = 0.8;
const REPEATED_BONUS: f32 = 0.2;
const TOP_BONUS: f32 = 0.2;
const LABEL_PENALTY: f32 = 0.3;
const FULL_STOP_PENALTY: f32 = 0.25;
const LIST_PENALTY: f32 = 0.4;
const RANK_PENALTY: f32 = 0.05;
const DATED_BONUS: f32 = 0.2;
/// A line under the date, when a headline stands above that date: a
/// picture's caption or the lead, in the layout headline, date, picture.
const UNDER_DATE_PENALTY: f32 = 0.2;
/// The topmost title repeated word for word (a page's title and its
/// article's title, one under the other) is the surest headline of all.
const TOP_REPEATED_BONUS: f32 = 0.2;
/// A line marked as the page's first-level heading (`# Title`).
const H1_BONUS: f32 = 0.3;
/// A `# ` headline sharing this share of its words with the body is a
/// candidate however little the other signals say.
const MIN_H1_BODY_AGREEMENT: f32 = 0.1;

/// How many different texts stand between candidate `rank` and the body:
/// a title repeated below itself is no farther from the body for that.
fn distinct_nearer(cands: &[Candidate], rank: usize) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for c in &cands[..rank] {
        if c.text != cands[rank].text && !seen.contains(&c.text.as_str()) {
            seen.push(&c.text);
        }
    }
    seen.len()
}

/// Which candidate is the headline. `cands` are ordered from the nearest
/// to the body upwards. Returns its index and a note saying why.
pub fn pick(cands: &[Candidate]) -> Option<(usize, String)> {
    let is_label = |c: &Candidate| {
        let words = c
            .text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        words.max(c.cjk / 2).max(c.unspaced / 4) <= 4
    };
    // The topmost candidate that is not a label is where a page's headline
    // usually stands; labels above it (a section name, a site name) do not
    // take that place.
    let top_rank = cands
        .iter()
        .rposition(|c| !is_label(c) && !is_enclosed(&c.text));
    let mut best: Option<(f32, usize, String)> = None;
    // Candidates are ordered upwards: those after `rank` stand above it.
    let dated_above = |rank: usize| {
        cands[rank + 1..]
            .iter()
            .any(|d| d.dated && !is_label(d) && !is_enclosed(&d.text))
    };
    for (rank, c) in cands.iter().enumerate() {
        if is_enclosed(&c.text) || is_field(&c.text) {
            continue;
        }
        // A line that is another candidate with words before it (a
        // breadcrumb or a section's name run into the headline, "Home
        // Events Graduation Day" above "Graduation Day") is that headline
        // prefixed: the bare copy is the headline, however short.
        if cands.iter().any(|d| prefixed_copy(&c.text, &d.text)) {
            continue;
        }
        let prefixed = cands.iter().any(|d| prefixed_copy(&d.text, &c.text));
        let label = is_label(c) && !prefixed;
        let top = top_rank == Some(rank);
        let repeated = c.count > 1
            || prefixed
            || cands
                .iter()
                .any(|d| d.line != c.line && same_terms(&d.terms, &c.terms));
        // The topmost title, repeated (a page title and the article's
        // title), is the headline even when the excerpt's body has moved
        // on to other words.
        // A page turned into Markdown marks its headline `# `.
        let h1 = c.md_heading == 1 && c.body >= MIN_H1_BODY_AGREEMENT;
        if c.body < MIN_BODY_AGREEMENT
            && c.slug < MIN_SLUG_AGREEMENT
            && !(top && (c.body >= MIN_TOP_BODY_AGREEMENT || c.count > 1))
            && !h1
        {
            continue;
        }
        let t = c.text.trim_end();
        let full_stop = t.ends_with(['.', '。']) && !t.ends_with("..");
        let score = c.body
            + SLUG_WEIGHT * c.slug
            + if repeated { REPEATED_BONUS } else { 0.0 }
            + if top { TOP_BONUS } else { 0.0 }
            - if label { LABEL_PENALTY } else { 0.0 }
            - if full_stop { FULL_STOP_PENALTY } else { 0.0 }
            - if c.in_list { LIST_PENALTY } else { 0.0 }
            + if top && c.count > 1 {
                TOP_REPEATED_BONUS
            } else {
                0.0
            }
            + if c.md_heading == 1 { H1_BONUS } else { 0.0 }
            // A label above the date is the section's name, not the story's.
            + if c.dated && !label { DATED_BONUS } else { 0.0 }
            - if c.after_date && dated_above(rank) {
                UNDER_DATE_PENALTY
            } else {
                0.0
            }
            - RANK_PENALTY * distinct_nearer(cands, rank) as f32;
        if best.as_ref().is_none_or(|(b, _, _)| score > *b) {
            let note = format!(
                "body words {:.2}, slug {:.2}{}{}{}{}",
                c.body,
                c.slug,
                if repeated { ", repeated" } else { "" },
                if top { ", topmost" } else { "" },
                if c.in_list {
                    ", in a list of short lines"
                } else {
                    ""
                },
                if c.dated {
                    ", above a date or byline"
                } else {
                    ""
                }
            );
            best = Some((score, rank, note));
        }
    }
    best.map(|(_, rank, note)| (rank, note))
}

/// Whether `long` is `short` with words before it, at a word boundary.
fn prefixed_copy(long: &str, short: &str) -> bool {
    let short = short.trim();
    !short.is_empty()
        && long
            .trim_end()
            .strip_suffix(short)
            .is_some_and(|head| head.ends_with(char::is_whitespace) && !head.trim().is_empty())
}

/// A short title-like line: a headline candidate. `text` is the line as
/// cleaned and `sentences` counted on it (an outlet's name after a pipe is
/// no sentence, a glued file name no site's domain).
pub(super) fn title_like(l: &clean::Line, class: Class, text: &str, sentences: usize) -> bool {
    let f = &l.f;
    let shape_ok = !matches!(
        class,
        Class::Bad(
            Reason::ImagePlaceholder
                | Reason::LinkCard
                | Reason::Caption
                | Reason::SourceLine
                | Reason::Dateline
                | Reason::Counter
                | Reason::AllCaps
                | Reason::TeaserTitle
                | Reason::TeaserSummary
                | Reason::UrlOnly
                | Reason::NoWords
                | Reason::RelatedLink
                | Reason::Byline
                | Reason::Share
                | Reason::ReadingTime
                | Reason::Contact
                | Reason::Notice
        )
    );
    // A headline in capitals is still one when it is long enough to say
    // something; short capitals are banners.
    let caps_headline = matches!(class, Class::Bad(Reason::AllCaps)) && f.words >= 6;
    // The length of what cleaning left: an outlet's name or a date glued to
    // a long headline does not make it too long.
    let (units, chars) = if text == l.text {
        (f.units(), f.chars)
    } else {
        (clean::units_of(text), text.chars().count())
    };
    (shape_ok || caps_headline)
        && (3..=30).contains(&units)
        && chars <= 200
        && (sentences <= 1 || sentences == 2 && super::headline::asks_then_says(text))
        // A line ending in a comma is a piece of a wrapped sentence.
        && !text.trim_end().ends_with([',', '、', '，'])
        && !super::extract::is_site_slogan(text)
        && !numbered_section(text)
}

/// A numbered section of the article ("1. Background", "II. The forum"):
/// headlines are not numbered, an article's inner headings are.
fn numbered_section(text: &str) -> bool {
    let Some((mark, rest)) = text.trim_start().split_once([' ', '\u{3000}']) else {
        return false;
    };
    let Some(number) = mark.strip_suffix(['.', ')']) else {
        return false;
    };
    let arabic = (1..=2).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit());
    let roman = (1..=4).contains(&number.len()) && number.bytes().all(|b| b"IVX".contains(&b));
    (arabic || roman) && !rest.trim().is_empty()
}

/// Whether line `i` is one of at least `LIST_RUN` short lines in a row with
/// no blank line between them (a menu, a list of links). Lines of a known
/// kind of chrome end a run: a label, a date and a headline are a page's
/// header, and a headline with its byline and share lines is no menu.
pub(super) fn in_list(lines: &[clean::Line], class: &[Class], i: usize) -> bool {
    const LIST_RUN: usize = 4;
    // Chrome of a known kind (dates, bylines, counters) is no menu item.
    let short =
        |j: usize| lines[j].f.units() <= 12 && matches!(class[j], Class::Short | Class::NearGood);
    if !short(i) {
        return false;
    }
    let mut run = 1;
    let mut j = i;
    while j > 0 && run < LIST_RUN && lines[j - 1].no + 1 == lines[j].no && short(j - 1) {
        j -= 1;
        run += 1;
    }
    let mut j = i;
    while j + 1 < lines.len()
        && run < LIST_RUN
        && lines[j].no + 1 == lines[j + 1].no
        && short(j + 1)
    {
        j += 1;
        run += 1;
    }
    run >= LIST_RUN
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::extract::content_terms;
    use crate::types::is_cjk;

    fn cand(line: usize, text: &str, body: f32) -> Candidate {
        Candidate {
            line,
            text: text.to_string(),
            body,
            slug: 0.0,
            terms: content_terms(text),
            count: 1,
            cjk: text.chars().filter(|&c| is_cjk(c)).count(),
            unspaced: 0,
            md_heading: 0,
            in_list: false,
            dated: false,
            after_date: false,
        }
    }

    #[test]
    fn the_title_above_the_date_beats_a_caption_under_it() {
        // Nearest the body first: a photo caption under the date line, then
        // the headline above it.
        let caption = cand(
            2,
            "Nghệ sĩ biểu diễn tại buổi hòa nhạc gây quỹ ở Tokyo",
            0.7,
        );
        let mut title = cand(
            0,
            "Cộng đồng người Việt tại Nhật có thêm mái nhà chung",
            0.5,
        );
        assert_eq!(pick(&[caption.clone(), title.clone()]).unwrap().0, 0);
        title.dated = true;
        assert_eq!(pick(&[caption.clone(), title.clone()]).unwrap().0, 1);
        // A caption agreeing with the body as a whole still loses when it
        // stands under the date and the headline above it.
        let mut caption = caption;
        caption.body = 1.0;
        title.body = 0.6;
        assert_eq!(pick(&[caption.clone(), title.clone()]).unwrap().0, 0);
        caption.after_date = true;
        assert_eq!(pick(&[caption, title]).unwrap().0, 1);
    }

    #[test]
    fn the_topmost_real_title_beats_a_sub_heading_below_it() {
        // Nearest the body first: a sub-heading, the headline, a section label.
        let cands = [
            cand(5, "What the fair offers visitors", 0.6),
            cand(4, "Osaka hosts a fair of Ho Chi Minh City culture", 0.6),
            cand(2, "City fairs", 0.6),
        ];
        assert_eq!(pick(&cands).map(|(i, _)| i), Some(1));
    }

    #[test]
    fn a_breadcrumb_run_into_the_headline_loses_to_the_bare_headline() {
        // Nearest the body first: the headline, short enough to pass for a
        // label, under a breadcrumb whose last step is that headline.
        let cands = [
            cand(3, "Graduation Day", 0.9),
            cand(1, "Home News Events Graduation Day", 0.6),
        ];
        assert_eq!(pick(&cands).map(|(i, _)| i), Some(0));
        assert!(prefixed_copy("Home News Graduation Day", "Graduation Day"));
        assert!(!prefixed_copy("Postgraduation Day", "Graduation Day"));
        assert!(!prefixed_copy("Graduation Day", "Graduation Day"));
    }

    #[test]
    fn a_markdown_first_level_heading_is_the_headline() {
        let mut h1 = cand(3, "Osaka hosts a fair of Vietnamese goods", 0.4);
        h1.md_heading = 1;
        let cands = [cand(5, "What the fair offers its visitors", 0.6), h1];
        assert_eq!(pick(&cands).map(|(i, _)| i), Some(1));
    }

    #[test]
    fn captions_and_enclosed_labels_lose_to_the_headline() {
        let cands = [
            cand(
                6,
                "A worker at the plant in Hue, seen on May 3, 2024, after the deal was signed.",
                0.7,
            ),
            cand(5, "< Part 2 >", 0.9),
            cand(3, "Hue plant hires more workers after the deal", 0.6),
        ];
        assert_eq!(pick(&cands).map(|(i, _)| i), Some(2));
        // A menu item that names the story's words loses to the headline.
        let mut menu = cand(2, "Vietnamese workers in Japan", 1.0);
        menu.in_list = true;
        let cands = [
            cand(4, "Hue plant hires Vietnamese workers back from Japan", 0.7),
            menu,
        ];
        assert_eq!(pick(&cands).map(|(i, _)| i), Some(0));
        // Nothing agreeing with the body or the slug is taken.
        assert!(pick(&[cand(1, "Subscribe to our newsletter today", 0.0)]).is_none());
        // Unless it is the topmost title and repeated.
        let mut twice = cand(1, "Osaka side meets Hanoi in the cup quarter-final", 0.1);
        twice.count = 2;
        assert_eq!(
            pick(&[cand(3, "Results of every match so far", 0.35), twice]).map(|(i, _)| i),
            Some(1)
        );
    }

    #[test]
    fn a_numbered_section_is_no_headline() {
        for numbered in [
            "1. Background of the rail project",
            "II. The second Osaka investment forum",
            "2) 大阪の企業の進出",
        ] {
            assert!(numbered_section(numbered), "{numbered}");
        }
        // As a line above the body, it is no headline candidate; the same
        // words unnumbered are.
        let text = "1. Background of the rail project\nBackground of the rail project\n";
        let a = clean::analyse(text, Some("en"), &[]);
        let like = |i: usize| {
            let t = &a.lines[i].text;
            title_like(&a.lines[i], a.class[i], t, 1)
        };
        assert!(!like(0) && like(1));
        for headline in [
            "10 Japanese firms open plants in Hai Phong",
            "2024: a record year for Japanese investment",
            "Vol. 3 of the friendship newsletter",
            "1.5 billion USD for the Hanoi metro",
        ] {
            assert!(!numbered_section(headline), "{headline}");
        }
    }
}
