//! Line classification and body finding, in the jusText and readability
//! family: every line gets shape features (length, words, sentence
//! punctuation, function-word share, capitals, repetition, image and link
//! markers); lines are sorted into good, near-good, short and bad; the body
//! is the heaviest run of good lines not broken by a run of boilerplate.
//! Nothing here is keyed to one site's strings.

use super::body::{find_body, heading_candidate};
use super::chrome::{
    ends_sentence, ends_with_name_credit, has_position_bracket, is_byline, is_caption_shape,
    is_counter, is_dateline, is_related_link, is_share_line, opens_with_position, strip_markup,
};
use super::extract;
use super::lang;
use super::markdown::strip_markdown;
use crate::types::{Language, is_cjk};
use std::collections::BTreeMap;
use std::fmt;

/// One non-blank line of a seed, with its markup residue removed.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the seed.
    pub no: usize,
    /// The text after removing image markup, table-cell pipes and Markdown
    /// marks (headings' `#`, links' addresses, `**`).
    pub text: String,
    /// The line was (or started with) an image: `![](...)`, `<img>`.
    pub image: bool,
    /// The line ended with a table-cell pipe, as scraped captions often do.
    pub pipe: bool,
    /// Its Markdown heading level (`# Title` is 1), 0 for none.
    pub md_heading: u8,
    pub f: Features,
}

#[derive(Debug, Clone, Default)]
pub struct Features {
    pub chars: usize,
    pub words: usize,
    pub cjk: usize,
    /// Characters of the Thai, Lao, Myanmar and Khmer blocks (letters, vowel
    /// signs, digits), written like CJK without a space between words, but
    /// with about four characters to a word.
    pub unspaced: usize,
    pub ends_sentence: bool,
    pub sentences: usize,
    /// Upper-case share of cased letters.
    pub upper_ratio: f32,
    /// Whether most of the line's letters have a case at all: Hangul, kana
    /// and Han have none, so an acronym in a Korean or Chinese sentence
    /// does not make it a line in capitals.
    pub mostly_cased: bool,
    /// Function-word share for the document's language; `None` when unknown.
    pub function_ratio: Option<f32>,
    /// How often the same (folded) text occurs in the seed.
    pub count: usize,
}

impl Features {
    /// Length in word units: space-separated words, two CJK characters
    /// per unit, or four of a Southeast Asian script without word spaces.
    pub fn units(&self) -> usize {
        word_units(self.words, self.cjk, self.unspaced)
    }
}

fn word_units(words: usize, cjk: usize, unspaced: usize) -> usize {
    words.max(cjk / 2).max(unspaced / 4)
}

/// [`Features::units`] of a text that is no line's own (a line as cleaned).
pub(super) fn units_of(text: &str) -> usize {
    let (cjk, unspaced) = crate::types::glued_letters(text);
    word_units(text.split_whitespace().count(), cjk, unspaced)
}

/// Why a line is not article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    NoWords,
    ImagePlaceholder,
    /// An image with a title on the same line: a link card to another story.
    LinkCard,
    Caption,
    /// A line that repeats elsewhere right before a caption: image alt text.
    AltText,
    Repeated,
    TeaserTitle,
    TeaserSummary,
    SourceLine,
    Dateline,
    Counter,
    AllCaps,
    /// A short line outside the body: banners, menus, labels.
    OutsideBody,
    /// A short line inside the body that is not a heading.
    ShortInBody,
    /// Good-looking text cut off from the body by boilerplate.
    OutsideBodyText,
    RepeatsTitle,
    UrlOnly,
    /// A link to another story: ">>Title", "Read also: Title", "【Title】".
    RelatedLink,
    /// "By An Nguyen", "Von Anna Schmidt": who wrote it.
    Byline,
    /// "Share | Tweet | Email", "Bình luận (3)": a share or comment widget.
    Share,
    /// "© 2024 Example News. All rights reserved.": the page's footer.
    Copyright,
    /// "5 min read", "この記事は約8分で読めます。": the page's estimate.
    ReadingTime,
    /// "Phone: 093-582-2162", "Email: news@example.vn": how to reach the site.
    Contact,
    /// "Subscribe to read the full article", "※免責事項…": the site's notice.
    Notice,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reason::NoWords => "no words",
            Reason::ImagePlaceholder => "image placeholder",
            Reason::LinkCard => "image with a title: link card to another story",
            Reason::Caption => "photo caption",
            Reason::AltText => "image alt text (repeated line before a caption)",
            Reason::Repeated => "repeated line",
            Reason::TeaserTitle => "teaser title (line repeated twice in a row)",
            Reason::TeaserSummary => "teaser summary (after a repeated teaser title)",
            Reason::SourceLine => "source credit line",
            Reason::Dateline => "date line",
            Reason::Counter => "counter (label with a number in brackets)",
            Reason::AllCaps => "all-capitals banner",
            Reason::OutsideBody => "short line outside the body (menu, banner or label)",
            Reason::ShortInBody => "short line in the body that is not a heading",
            Reason::OutsideBodyText => "text outside the article body",
            Reason::RepeatsTitle => "repeats the headline",
            Reason::UrlOnly => "link only",
            Reason::RelatedLink => "link to another story",
            Reason::Byline => "byline",
            Reason::Share => "share or comment widget",
            Reason::Copyright => "copyright notice",
            Reason::ReadingTime => "reading time",
            Reason::Contact => "contact line",
            Reason::Notice => "the site's notice (disclaimer, sign-in, translation)",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Good,
    NearGood,
    Short,
    Bad(Reason),
}

/// The result of classifying a seed's lines.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub lines: Vec<Line>,
    pub class: Vec<Class>,
    /// Lines that may sit inside the body without breaking it: captions,
    /// images, alt text and heading candidates.
    pub neutral: Vec<bool>,
    pub heading: Vec<bool>,
    /// Indexes into `lines` of the body's first and last line (inclusive).
    pub body: Option<(usize, usize)>,
    pub language: Option<String>,
    /// Each line's text folded (`types::fold`), for comparing lines.
    pub folded: Vec<String>,
}

fn features(text: &str, lang: Option<&str>) -> Features {
    let words = text.split_whitespace().count();
    let (mut chars, mut cjk, mut unspaced, mut cased, mut upper, mut letters) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        if c.is_ascii() {
            // The common case, without the Unicode tables.
            if c.is_ascii_uppercase() {
                upper += 1;
                cased += 1;
            } else if c.is_ascii_lowercase() {
                cased += 1;
            }
            letters += usize::from(c.is_ascii_alphabetic());
            continue;
        }
        cjk += usize::from(is_cjk(c));
        unspaced += usize::from(crate::types::is_unspaced_script(c));
        letters += usize::from(c.is_alphabetic());
        if c.is_uppercase() {
            upper += 1;
            cased += 1;
        } else if c.is_lowercase() {
            cased += 1;
        }
    }
    Features {
        chars,
        words,
        cjk,
        unspaced,
        ends_sentence: ends_sentence(text),
        sentences: extract::sentence_count(text),
        upper_ratio: if cased == 0 {
            0.0
        } else {
            upper as f32 / cased as f32
        },
        mostly_cased: cased * 2 > letters,
        function_ratio: lang.and_then(|l| lang::function_ratio(text, l)),
        count: 0,
    }
}

/// Shape thresholds. Prose has function words; a paragraph of a news body is
/// long and ends a sentence.
pub(super) const GOOD_UNITS: usize = 15;
const NEAR_UNITS: usize = 6;
pub(super) const MIN_FUNCTION: f32 = 0.08;

/// A Markdown list item ("* ", "- ", "+ ", "• " and a space), as a
/// scrape leaves menus and lists of other stories.
pub(super) fn is_list_item(text: &str) -> bool {
    ["* ", "- ", "+ ", "• "].iter().any(|m| text.starts_with(m))
}

/// Two to four words of Latin letters, each capitalised ("Tamiyuki
/// Kihara", "Nguyen Van An").
fn is_latin_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(|c| c.is_uppercase())
                && cs.all(|c| c.is_alphabetic() && !is_cjk(c) || c == '-' || c == '.')
        })
}

fn base_class(l: &Line) -> Class {
    let f = &l.f;
    let t = l.text.as_str();
    if !t.chars().any(|c| c.is_alphanumeric()) {
        return if l.image {
            Class::Bad(Reason::ImagePlaceholder)
        } else {
            Class::Bad(Reason::NoWords)
        };
    }
    // A scrape keeps a picture's file name on a line of its own ("Bo
    // KHCN.jpg", "IMG_0412.JPG"): the picture itself, as far as the text goes.
    if f.words <= 3
        && f.chars <= 60
        && t.split_whitespace()
            .last()
            .is_some_and(super::headline::is_file_name)
    {
        return Class::Bad(Reason::ImagePlaceholder);
    }
    // A picture with a title beside it is a card linking to another story;
    // with paragraphs of prose beside it (a scraped table cell holding the
    // photo and the article) it is the article.
    if l.image && !(f.units() >= 30 && f.sentences >= 2) {
        return Class::Bad(Reason::LinkCard);
    }
    if extract::source_line(t).is_some() {
        return Class::Bad(Reason::SourceLine);
    }
    if is_byline(t) {
        return Class::Bad(Reason::Byline);
    }
    if super::chrome::is_copyright_line(t) {
        return Class::Bad(Reason::Copyright);
    }
    if super::chrome::is_reading_time(t) {
        return Class::Bad(Reason::ReadingTime);
    }
    if super::chrome::is_contact_line(t) {
        return Class::Bad(Reason::Contact);
    }
    if super::chrome::is_notice(t) {
        return Class::Bad(Reason::Notice);
    }
    if t.starts_with("http://") || t.starts_with("https://") {
        return Class::Bad(Reason::UrlOnly);
    }
    // A paragraph that ends with a photo credit ("... Ảnh: IT.") is still a
    // paragraph: captions are a sentence or two. A credit of names alone
    // ("(ANI/VOVWORLD)") ends wire paragraphs too.
    // Nor is a standfirst that ends with its byline and photographer ("…
    // on Vietnam. By A. Writer. Photos by B. Lens."): three sentences and
    // 300 characters are more than a caption and its credit say.
    let paragraph = if ends_with_name_credit(t) {
        f.sentences >= 2 && f.chars > 250
    } else {
        f.sentences >= 3 && f.chars > 300
    };
    if is_caption_shape(t) && !paragraph {
        return Class::Bad(Reason::Caption);
    }
    // A line wholly in round brackets is a picture's caption or an
    // editor's note ("(The temple in Aikawa, where the festival was
    // held.)", "(Reporting by …)"), never the story's own sentence.
    let bracketed = t.starts_with('(') && t.trim_end_matches('.').ends_with(')');
    if bracketed && f.sentences <= 2 && f.chars <= 300 && t.matches('(').count() == 1 {
        return Class::Bad(Reason::Caption);
    }
    if f.sentences <= 2 && f.chars <= 300 && (has_position_bracket(t) || opens_with_position(t)) {
        return Class::Bad(Reason::Caption);
    }
    if f.sentences <= 1 && f.chars <= 200 && super::chrome::has_caption_phrase(t) {
        return Class::Bad(Reason::Caption);
    }
    if is_counter(t) {
        return Class::Bad(Reason::Counter);
    }
    if is_share_line(t) {
        return Class::Bad(Reason::Share);
    }
    if is_related_link(t) {
        return Class::Bad(Reason::RelatedLink);
    }
    if is_dateline(t) {
        return Class::Bad(Reason::Dateline);
    }
    if super::ticker::is_ticker(t) {
        return Class::Bad(Reason::RelatedLink);
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if f.words >= 2 && letters >= 8 && f.upper_ratio > 0.8 && f.mostly_cased {
        return Class::Bad(Reason::AllCaps);
    }
    let units = f.units();
    // A full sentence thick with names (an agency, a programme, a
    // ministry, each capitalised; a Vietnamese lead's titles and names,
    // a word a syllable) has fewer function words than most prose.
    let min_function = if units >= 20 && f.ends_sentence {
        MIN_FUNCTION / 2.0
    } else {
        MIN_FUNCTION
    };
    let prose = f.function_ratio.is_none_or(|r| r >= min_function);
    // Scrapes wrap Japanese and Chinese prose mid-sentence; a line of forty
    // such characters is prose whether or not it ends a sentence.
    let long_cjk = f.cjk * 2 >= f.chars && units >= 20;
    if units >= GOOD_UNITS && (f.ends_sentence || units >= 30 || long_cjk) && prose {
        Class::Good
    } else if units >= NEAR_UNITS && f.ends_sentence && prose {
        Class::NearGood
    } else {
        Class::Short
    }
}

/// Classify the lines of `text`. `lang_hint` overrides detection, which
/// keeps to `allowed` (every language it knows when empty).
pub fn analyse(text: &str, lang_hint: Option<&str>, allowed: &[Language]) -> Analysis {
    let mut lines = Vec::new();
    let mut link_lines = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let (t, image, pipe) = strip_markup(raw);
        // Mostly link text (a menu, a share bar, a list of other stories),
        // in any language, even with a few words between the links.
        let mostly_links = super::links::mostly_links(&t);
        let (t, md_heading, links_only) = strip_markdown(&t);
        if (links_only || mostly_links) && md_heading == 0 {
            link_lines.push(lines.len());
        }
        lines.push(Line {
            no: n + 1,
            text: t,
            image,
            pipe,
            md_heading,
            f: Features::default(),
        });
    }

    // The language, from the prose-shaped lines.
    let mut language = lang_hint
        .map(str::to_string)
        .or_else(|| lang::detect_lines(lines.iter().map(|l| l.text.as_str()), allowed));

    // Folding transliterates, so it is done once per line.
    let folded: Vec<String> = lines.iter().map(|l| extract::fold_text(&l.text)).collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &folded {
        *counts.entry(f.as_str()).or_default() += 1;
    }
    for (l, f) in lines.iter_mut().zip(&folded) {
        l.f = features(&l.text, language.as_deref());
        l.f.count = counts.get(f.as_str()).copied().unwrap_or(1);
    }
    // A detected language whose function words no long line uses is not
    // the text's language (it was off the allowed list): read the lines by
    // shape alone, and say the language is unknown.
    let long = lines.iter().filter(|l| l.f.units() >= GOOD_UNITS).count();
    let prose = lines
        .iter()
        .filter(|l| {
            l.f.units() >= GOOD_UNITS && l.f.function_ratio.is_some_and(|r| r >= MIN_FUNCTION)
        })
        .count();
    if lang_hint.is_none()
        && long >= 2
        && prose == 0
        && lines.iter().any(|l| l.f.function_ratio.is_some())
    {
        language = None;
        for l in lines.iter_mut() {
            l.f.function_ratio = None;
        }
    }

    let mut class: Vec<Class> = lines.iter().map(base_class).collect();
    // In an article written without capitals (Japanese, Chinese, Korean),
    // a line of two to four capitalised Latin words is a name set apart:
    // a byline or a photographer's credit ("Tamiyuki Kihara").
    if language
        .as_deref()
        .is_some_and(|l| matches!(l, "ja" | "zh" | "ko"))
    {
        for (l, c) in lines.iter().zip(class.iter_mut()) {
            if matches!(c, Class::Short) && is_latin_name(&l.text) {
                *c = Class::Bad(Reason::Byline);
            }
        }
    }
    // A line of nothing but Markdown links is a menu item or a link to
    // another story.
    for &i in &link_lines {
        if !matches!(class[i], Class::Bad(_)) {
            class[i] = Class::Bad(Reason::RelatedLink);
        }
    }

    super::body::mark_cut_off_prose(&lines, &mut class);
    super::body::mark_introduced_lists(&lines, &mut class);
    super::chrome::captions_by_position(&lines, &mut class);
    super::chrome::related_lists(&lines, &mut class);
    super::repeats::mark_repeats(&lines, &folded, &mut class);

    let mut a = Analysis {
        neutral: vec![false; lines.len()],
        heading: vec![false; lines.len()],
        lines,
        class,
        body: None,
        language,
        folded,
    };
    for i in 0..a.lines.len() {
        // A Markdown sub-heading is a heading by its mark.
        a.heading[i] = heading_candidate(&a, i)
            || a.lines[i].md_heading >= 2 && matches!(a.class[i], Class::Short | Class::NearGood);
        // Furniture that pages set inside a story (a figure and its
        // caption; a byline, a share bar or a box of related links with
        // the story going on right after it) does not end the story's run
        // of paragraphs. A share bar before a list of other stories does.
        let inset = matches!(
            a.class[i],
            Class::Bad(Reason::Byline | Reason::Share | Reason::RelatedLink)
        ) && (i + 1..a.lines.len().min(i + 16))
            .find(|&j| !matches!(a.class[j], Class::Bad(_)))
            .is_some_and(|j| a.class[j] == Class::Good);
        a.neutral[i] = a.heading[i]
            || inset
            || matches!(
                a.class[i],
                Class::NearGood
                    | Class::Bad(Reason::ImagePlaceholder | Reason::Caption | Reason::AltText)
            );
    }
    // A text of short paragraphs or hard-wrapped lines has no line long
    // enough to found a body; then a run of at least three near-good lines
    // is one.
    a.body = find_body(&a, false).or_else(|| find_body(&a, true));
    a
}

#[cfg(test)]
mod tests;
