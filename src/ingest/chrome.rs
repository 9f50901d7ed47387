//! The shapes of lines that belong to a page's chrome rather than its
//! story, in every language the digest carries: image markup, photo
//! credits, counters, date lines. Shape only, never a site's strings.

use super::clean::{Class, Line, Reason};
use super::extract::{self, DateValue};
use super::words::{holds, occurs_in, words};
use crate::types::is_cjk;

mod caption;
pub(super) use caption::has_caption_phrase;
pub use caption::is_caption_shape;

/// Remove image markup and table pipes. Returns (text, image, pipe).
pub(super) fn strip_markup(raw: &str) -> (String, bool, bool) {
    let mut s = raw.trim();
    let mut image = false;
    let mut pipe = false;
    loop {
        let before = s;
        if let Some(rest) = s.strip_suffix('|') {
            s = rest.trim_end();
            pipe = true;
        }
        if let Some(rest) = s.strip_prefix('|') {
            s = rest.trim_start();
        }
        // A linked image, `[![alt](src)](href)`, may have spaces inside
        // its outer brackets (`[ ![alt](src) ](href)`).
        let linked = s
            .strip_prefix('[')
            .map(str::trim_start)
            .filter(|r| r.starts_with("!["));
        if s.starts_with("![") || linked.is_some() {
            let skip = linked.map_or(0, |r| s.len() - r.len());
            if let Some(close) = s[skip..].find("](") {
                let after = &s[skip + close + 2..];
                if let Some(end) = after.find(')') {
                    s = after[end + 1..].trim_start();
                    if skip > 0 && s.starts_with("](") {
                        s = s.find(')').map(|e| s[e + 1..].trim_start()).unwrap_or("");
                    }
                    image = true;
                }
            }
        }
        if s.starts_with("<img") {
            s = s.find('>').map(|e| s[e + 1..].trim_start()).unwrap_or("");
            image = true;
        }
        if s == before {
            break;
        }
    }
    (s.to_string(), image, pipe)
}

/// A link to another story rather than a line of this one: arrows or
/// chevrons before a title (">>", "»", "▶"), a "Read also:" style label,
/// or a title wholly in lenticular brackets (【…】).
pub(super) fn is_related_link(text: &str) -> bool {
    let t = text.trim();
    if t.starts_with(['»', '›', '→', '▶', '►', '▸', '⇒', '➤']) || t.starts_with(">>")
    {
        return true;
    }
    if t.starts_with('【') && t.ends_with('】') && t.matches('【').count() == 1 {
        return true;
    }
    let head: String = t.chars().take(24).collect::<String>().to_lowercase();
    // "Continue reading …", "続きは…をご参照ください": the rest is elsewhere.
    if t.chars().count() <= 60
        && words()
            .continue_labels
            .iter()
            .any(|l| head.starts_with(l.as_str()))
    {
        return true;
    }
    words().related_labels.iter().any(|l| {
        head.strip_prefix(l.as_str())
            .is_some_and(|r| r.trim_start().starts_with([':', '：', '|', '-', '–']))
    })
}

/// A site's notice to readers (a disclaimer, a paywall, "this is a
/// translation"), by `data/chrome.toml`'s `notice_phrases`.
pub(super) fn is_notice(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 120 && occurs_in(&words().notice_phrases, &t.to_lowercase())
}

/// An advertisement's label alone ("ADVERTISEMENT", "Anzeige", "広告"), by
/// `data/chrome.toml`'s `ad_labels`.
pub(super) fn is_ad_label(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || c == '…');
    t.chars().count() <= 40 && holds(&words().ad_labels, &t.to_lowercase())
}

/// One of `data/chrome.toml`'s `field_labels` ("Tags", "Source", "来源").
pub(super) fn is_field_label(word: &str) -> bool {
    holds(&words().field_labels, &word.trim().to_lowercase())
}

/// A heading over a list of links to other stories: the line is only a
/// "related" label ("Tin liên quan", "関連記事", "Related news:", "Read more").
pub(super) fn is_related_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(|c: char| {
        matches!(c, ':' | '：' | '»' | '>' | '|' | '.' | '…') || c.is_whitespace()
    });
    if t.chars().count() > 30 {
        return false;
    }
    let lower = t.to_lowercase();
    holds(&words().related_labels, &lower)
}

/// A share or comment widget: every word of the line is one of
/// `data/chrome.toml`'s `share_words` ("Share", "Tweet", "Chia sẻ",
/// "シェア", "공유") or a count ("Comments 12", "Share | Tweet | Email").
pub(super) fn is_share_line(text: &str) -> bool {
    let t = text.trim();
    if t.chars().count() > 80 {
        return false;
    }
    let lower = t.to_lowercase();
    let list = &words().share_words;
    let mut rest = lower.as_str();
    let mut named = 0;
    loop {
        rest = rest.trim_start_matches(|c: char| {
            c.is_whitespace() || c.is_ascii_digit() || "|•·/-–()[]:,".contains(c)
        });
        if rest.is_empty() {
            return named > 0;
        }
        // The longest share word the rest starts with, at a word's end.
        let Some(len) = list
            .iter()
            .filter(|w| {
                rest.starts_with(w.as_str())
                    && rest[w.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric() || crate::types::is_cjk(c))
            })
            .map(String::len)
            .max()
        else {
            return false;
        };
        rest = &rest[len..];
        named += 1;
    }
}

/// A share line naming the comment section ("Bình Luận (0)", "Comments"):
/// the story is over.
pub(super) fn is_comment_line(text: &str) -> bool {
    if !is_share_line(text) {
        return false;
    }
    let mut lower = text.to_lowercase();
    let mut found = false;
    // Longest first, so that "comments" goes whole rather than leaving "s".
    let mut list: Vec<&String> = words().comment_words.iter().collect();
    list.sort_by_key(|w| std::cmp::Reverse(w.len()));
    for w in list {
        if lower.contains(w.as_str()) {
            found = true;
            lower = lower.replace(w.as_str(), " ");
        }
    }
    // A toolbar that also shares or prints ("Chia sẻ | Bình luận (3)") sits
    // under a headline or inside a story as often as after it.
    found && !is_share_line(&lower)
}

fn is_photo_word(w: &str) -> bool {
    let w = w.trim().to_lowercase();
    holds(&words().photo_words, &w)
}

/// A bracket saying where someone stands in a picture: "(second from
/// left)", "(thứ hai từ trái)", "（左から2人目）", by `position_words`.
pub(super) fn has_position_bracket(text: &str) -> bool {
    let list = &words().position_words;
    // English captions also set the position off with commas ("Kishida,
    // left, shakes hands with …").
    for (open, close) in [('(', ')'), ('（', '）'), (',', ',')] {
        let mut rest = text;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len_utf8()..];
            let Some(j) = after.find(close) else {
                break;
            };
            let inner = after[..j].trim().to_lowercase();
            let found = list.iter().any(|w| {
                inner.strip_prefix(w.as_str()).is_some_and(|tail| {
                    // The position is all the bracket says, or comes before
                    // a number or a separator ("left, with …", "左から2人目");
                    // "(trái cây)" is fruit, not a side. Korean puts a space
                    // before the count ("왼쪽 두 번째"); Chinese puts an
                    // ordinal after it ("左起第三").
                    let hangul = w.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
                    let han = w.chars().any(crate::types::is_cjk);
                    match tail.chars().next() {
                        None => true,
                        Some(c) => {
                            c.is_ascii_digit()
                                || ",;:-–/".contains(c)
                                || (hangul && c == ' ')
                                || (han && c == '第')
                        }
                    }
                })
            });
            if found {
                return true;
            }
            // A comma closing one aside may open the next.
            rest = if close == ',' {
                &after[j..]
            } else {
                &after[j + close.len_utf8()..]
            };
        }
    }
    false
}

/// A caption naming who stands where, from its first words: "From left:
/// …", "左から…さん", by `position_openings`. Only the line's start is
/// lower-cased.
pub(super) fn opens_with_position(text: &str) -> bool {
    let t = text.trim_start_matches(['(', '（', '[', '*', '_', ' ']);
    let head = super::lang::prefix(t, 40).to_lowercase();
    words().position_openings.iter().any(|w| {
        head.strip_prefix(w.as_str()).is_some_and(|rest| {
            // A whole word: "from leftover stock" is no position.
            rest.chars().next().is_none_or(|c| {
                !c.is_alphabetic() || crate::types::is_cjk(c) || w.chars().any(crate::types::is_cjk)
            })
        })
    })
}

/// A line that ends in a bracketed credit of names alone, "(ANI/VOVWORLD)",
/// with no photo word: a wire credit, which closes paragraphs as well as
/// captions.
pub(super) fn ends_with_name_credit(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.').trim();
    closing_bracket(t, '(', ')')
        .is_some_and(|(_, inner)| is_name_credit(inner) && !inner.contains([':', '：', '=']))
}

/// The bracket `open`…`close` that ends `t`: the text before it and the
/// text inside it ("Headline (1/3)" gives "Headline " and "1/3").
pub(super) fn closing_bracket(t: &str, open: char, close: char) -> Option<(&str, &str)> {
    let r = t.strip_suffix(close)?;
    let i = r.rfind(open)?;
    Some((&r[..i], &r[i + open.len_utf8()..]))
}

/// Captions and repeats told by where they stand: the line right after an
/// image placeholder (a table cell, or no longer than a caption), a short
/// line right before a line that is only a photo credit ("写真:X" under
/// "The leaders at the talks"), and a short line that the next line begins
/// with (a speaker's name above "Name: what they said", an image's alt text
/// above its caption).
/// Longer full sentences after a picture are paragraphs, not captions.
const CAPTION_MAX_SENTENCE: usize = 100;

pub(super) fn captions_by_position(lines: &[Line], class: &mut [Class]) {
    // Captions by position: the line right after an image placeholder, when
    // it is marked as a table cell or is no longer than a caption. A full
    // sentence longer than `CAPTION_MAX_SENTENCE` after a picture is the
    // article's first paragraph.
    for i in 1..lines.len() {
        let paragraph = lines[i].f.ends_sentence && lines[i].f.chars > CAPTION_MAX_SENTENCE;
        // A picture's file name captions only the line right under it: after
        // a blank line comes the story.
        let under = lines[i - 1].image || lines[i - 1].no + 1 == lines[i].no;
        // A Markdown heading under a picture is the story's title, not its caption.
        if class[i - 1] == Class::Bad(Reason::ImagePlaceholder)
            && under
            && lines[i].md_heading == 0
            && !matches!(class[i], Class::Bad(_))
            && (lines[i].pipe || (lines[i].f.chars <= 200 && !paragraph))
        {
            class[i] = Class::Bad(Reason::Caption);
        }
    }
    // Captions by their credit: a short line right before a line that is
    // only a photo credit ("写真:X" under "The leaders at the talks").
    // And a short line that the next line begins with (a speaker's name
    // above "Name: what they said", an image's alt text above its caption)
    // repeats it.
    for i in 0..lines.len().saturating_sub(1) {
        if !matches!(class[i], Class::Short | Class::NearGood) || lines[i].f.units() > 40 {
            continue;
        }
        if is_credit_only(&lines[i + 1].text) {
            class[i] = Class::Bad(Reason::Caption);
        } else if lines[i + 1].text.len() > lines[i].text.len()
            && lines[i + 1].text.starts_with(lines[i].text.as_str())
        {
            class[i] = Class::Bad(Reason::AltText);
        }
    }
}

/// A page's reading-time estimate: a short line with a number and one of
/// `reading_time_words` ("5 min read", "Đọc trong 3 phút",
/// "この記事は約8分30秒で読めます。").
pub(super) fn is_reading_time(text: &str) -> bool {
    let t = text.trim();
    if t.chars().count() > 40 || !t.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    occurs_in(&words().reading_time_words, &t.to_lowercase())
}

/// A line of contact details: one of `contact_labels`, a colon and a
/// number of at least six digits or an address with "@" ("Phone:
/// 093-582-2162", "Hotline: 094 540 6866", "Email: toasoan@example.vn").
pub(super) fn is_contact_line(text: &str) -> bool {
    let t = text.trim();
    if t.chars().count() > 80 {
        return false;
    }
    let Some((label, value)) = t.split_once([':', '：']) else {
        return false;
    };
    let digits = value.chars().filter(char::is_ascii_digit).count();
    (digits >= 6 || value.contains('@'))
        && holds(
            &words().contact_labels,
            label.trim().to_lowercase().as_str(),
        )
}

/// A copyright notice: a "©", or a phrase of `copyright_words`, in a line
/// no longer than a footer's paragraph of legal text.
pub(super) fn is_copyright_line(text: &str) -> bool {
    let t = text.trim();
    if t.len() > 1200 {
        return false;
    }
    let lower = t.to_lowercase();
    // "Copyright Example News 2019 - ISSN …": the word first, then a year,
    // in a footer's few words (an article on copyright law says more).
    let footer = lower.starts_with("copyright")
        && t.split_whitespace().count() <= 20
        && !extract::years(t).is_empty();
    footer || t.contains('©') || occurs_in(&words().copyright_words, &lower)
}

/// A byline: a label of `data/chrome.toml`'s `byline_labels` ("By",
/// "Von", "Bởi", "文:") and a name of at most four capitalised words, or
/// of a few characters in a script without case.
pub(super) fn is_byline(text: &str) -> bool {
    let t = text.trim();
    // A line of the page's facts, "date • section • by Name": a byline and
    // a date among short parts.
    for sep in [" • ", " · ", " | "] {
        if t.contains(sep) {
            let parts: Vec<&str> = t.split(sep).collect();
            if parts.iter().all(|p| p.split_whitespace().count() <= 4)
                && parts.iter().any(|p| is_dateline(p))
                && parts.iter().any(|p| is_name_byline(p))
            {
                return true;
            }
        }
    }
    is_name_byline(t)
}

/// What follows byline label `label` (lower case, from `byline_labels`) at
/// the start of `t`, without the spaces and colon after it; none unless `t`
/// opens with the label as a word of its own (or one ending in a colon).
/// The label is compared with `t`'s first characters lower-cased, so the
/// rest is cut at a character of `t` whatever lower-casing does to lengths.
pub(super) fn after_byline_label<'t>(t: &'t str, label: &str) -> Option<&'t str> {
    let cut = t
        .char_indices()
        .nth(label.chars().count())
        .map_or(t.len(), |(i, _)| i);
    let (head, rest) = t.split_at(cut);
    let own_word = label.ends_with([':', '：']) || rest.starts_with([' ', ':', '：']);
    (own_word && head.to_lowercase() == label).then(|| rest.trim_start_matches([' ', ':', '：']))
}

/// A byline by itself: a label and a name (see `is_byline`).
pub(super) fn is_name_byline(t: &str) -> bool {
    let t = t.trim();
    if t.chars().count() > 60 {
        return false;
    }
    words().byline_labels.iter().any(|l| {
        let Some(name) = after_byline_label(t, l) else {
            return false;
        };
        let name = name.trim();
        // "By A and B | Hanoi": the writers' town after a bar, and two
        // writers joined by a conjunction, are still a byline.
        let name = name.split(" | ").next().unwrap_or(name).trim();
        let all: Vec<&str> = name.split_whitespace().collect();
        let names: Vec<&str> = all
            .iter()
            .copied()
            .filter(|w| !holds(&words().byline_conjunctions, w))
            .collect();
        // Two writers' names may run to six words; one writer's to four.
        let most = if names.len() < all.len() { 6 } else { 4 };
        !name.is_empty()
            && names.len() <= most
            && names.iter().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || !c.is_lowercase() && c.is_alphabetic())
            })
    })
}

/// A list of links under a "related" heading ("Tin liên quan", "関連記事"):
/// the heading and the short lines after it, up to the next prose, are links
/// to other stories.
pub(super) fn related_lists(lines: &[Line], class: &mut [Class]) {
    const MAX_LINKS: usize = 12;
    let mut i = 0;
    while i < lines.len() {
        if matches!(class[i], Class::Good) || !is_related_heading(&lines[i].text) {
            i += 1;
            continue;
        }
        class[i] = Class::Bad(Reason::RelatedLink);
        // Headlines in scripts without spaces are as long as a line of
        // prose, but end without a full stop.
        let cjk_title = |l: &Line| {
            l.f.cjk * 2 >= l.f.chars && l.f.chars <= 60 && !l.text.trim_end().ends_with('。')
        };
        let mut j = i + 1;
        while j < lines.len()
            && j <= i + MAX_LINKS
            && (matches!(
                class[j],
                Class::Short | Class::Bad(Reason::RelatedLink | Reason::LinkCard)
            ) || cjk_title(&lines[j]))
        {
            class[j] = Class::Bad(Reason::RelatedLink);
            j += 1;
        }
        i = j;
    }
}

/// A line that is only a photo credit: "Photo: X", "写真:X", "Ảnh: X Y",
/// a photo word, a colon and at most five words.
pub(super) fn is_credit_only(text: &str) -> bool {
    let t = text.trim();
    let Some((label, credit)) = t.split_once([':', '：', '=']) else {
        return false;
    };
    let credit = credit.trim();
    is_photo_word(label) && !credit.is_empty() && credit.split_whitespace().count() <= 5
}

/// A credit of names split by slashes, as photo captions end: "Outlet/
/// First Last", "VNA/VNS": a few capitalised words and no digits (a page
/// counter "1/3" has digits, prose in brackets has lower-case words).
fn is_name_credit(inner: &str) -> bool {
    let parts: Vec<&str> = inner.split('/').collect();
    let words = inner
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty());
    parts.len() >= 2
        && parts.iter().all(|p| !p.trim().is_empty())
        && inner.split_whitespace().count() <= 6
        && !inner.chars().any(|c| c.is_ascii_digit())
        && words.clone().count() <= 6
        && words
            .clone()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// "Comment (0)", "Kommentar (12)", "Bình luận (3)".
pub(super) fn is_counter(text: &str) -> bool {
    let t = text.trim();
    let Some(rest) = t.strip_suffix(')') else {
        return false;
    };
    let Some(open) = rest.rfind('(') else {
        return false;
    };
    let inner = &rest[open + 1..];
    !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_digit())
        && rest[..open].split_whitespace().count() <= 3
}

/// A line that is mostly a date: after removing it, at most a few words remain.
pub(super) fn is_dateline(text: &str) -> bool {
    // What is left besides the dates has at most 30 letters, and a date holds
    // at most 9 ("september") and at least one run of digits; prose lines
    // have far more letters than that and need not be searched for dates.
    let (mut letters, mut runs, mut in_run) = (0usize, 0usize, false);
    for c in text.chars() {
        if c.is_ascii_digit() {
            runs += usize::from(!in_run);
            in_run = true;
        } else {
            in_run = false;
            letters += usize::from(c.is_alphabetic());
        }
    }
    if letters > 30 + 9 * runs {
        return false;
    }
    let hits = extract::find_dates(text);
    let Some(first) = hits.first() else {
        return false;
    };
    if !matches!(first.value, DateValue::Full(_)) && text.split_whitespace().count() > 4 {
        return false;
    }
    let mut rest = String::new();
    let mut pos = 0;
    for h in &hits {
        rest.push_str(&text[pos..h.start]);
        rest.push(' ');
        pos = h.end;
    }
    rest.push_str(&text[pos..]);
    let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
    // Japanese and Chinese write a sentence without spaces: what is left
    // of a date line there is a label of a few characters ("更新日時").
    if rest.chars().filter(|&c| is_cjk(c)).count() > 10 {
        return false;
    }
    // Times ("06:20") and separators are no words of a label.
    let words = rest
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    words <= 5 && letters <= 30
}

pub(super) fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '”', '’', '\'', '»', ')', '」', '）']);
    // Khmer, Burmese, Devanagari and Arabic full stops end sentences too.
    t.ends_with(['.', '!', '?', '。', '！', '？', '…', '។', '။', '।', '؟'])
}

#[cfg(test)]
mod tests;
