//! Headline candidates: what to strip from a line that holds the headline
//! (a date or dateline glued before it, a page counter or an image file
//! name glued to it), which title-shaped lines are not headlines (weekday
//! and time lines), and how well a candidate agrees with the story: with
//! the body's words and with the words of the source URL's slug.
//! General shapes only; nothing here names a site.

use super::chrome::{closing_bracket, is_field_label};
use super::dates::find_dates;
use super::extract::DateValue;
#[cfg(test)]
use super::extract::content_terms;
use super::extract::fold_text;
use super::words::{holds, words};
use crate::types::is_cjk;
use std::collections::BTreeSet;
use suffix::strip_site_suffix;

mod suffix;

/// Extensions of image files, whose names scrapers glue to captions and
/// headlines ("132240411.1.jpg Japan to ...").
const IMAGE_EXTENSIONS: &[&str] = &[".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"];

pub(super) fn is_file_name(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ',' | '"'))
        .to_ascii_lowercase();
    IMAGE_EXTENSIONS
        .iter()
        .any(|e| w.len() > e.len() && w.ends_with(e))
}

/// Separators between a glued prefix and the headline.
fn trim_separators(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | ':' | '·' | '•' | ',' | '/')
    })
}

/// A time of day: "10:15", "8h30", "10時", "(GMT+7)".
fn is_time_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | '（' | '）'));
    let lower = w.to_ascii_lowercase();
    if holds(&words().time_words, &lower) || lower.starts_with("gmt+") || lower.starts_with("utc+")
    {
        return true;
    }
    let digits = w.chars().filter(char::is_ascii_digit).count();
    digits >= 1
        && w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | 'h' | '時' | '分' | '.'))
        && (w.contains([':', 'h', '時']) || digits <= 2)
}

/// A line that only says when: a weekday, a date and a time, with at most
/// a word or two besides ("Thứ Hai, 03/11/2025 08:15 (GMT+7)",
/// "Monday 10:15 AM", "Updated: 3 November 2025, 10:15").
pub fn is_when_line(text: &str) -> bool {
    let mut rest = String::with_capacity(text.len());
    let mut pos = 0;
    let hits = find_dates(text);
    for h in &hits {
        rest.push_str(&text[pos..h.start]);
        rest.push(' ');
        pos = h.end;
    }
    rest.push_str(&text[pos..]);
    let (mut when, mut other) = (hits.len(), 0usize);
    for w in rest.split(|c: char| c.is_whitespace() || c == ',') {
        if w.is_empty() || w.chars().all(|c| !c.is_alphanumeric()) {
            continue;
        }
        let lower = w.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if holds(&words().weekdays, bare) || is_time_word(w) {
            when += 1;
        } else {
            other += 1;
        }
    }
    when >= 2 && other <= 1
}

/// The headline in a candidate line, with what was glued to it removed:
/// a leading date or "date 2022-06-21" label, image file names, a trailing
/// page counter ("(1/3ページ)", "(2/2)", "| Page 2"). `None` when nothing
/// that reads as a headline is left.
pub fn clean(text: &str) -> Option<String> {
    let mut t = strip_breadcrumb(text.trim());
    if t == text.trim() && is_home_trail(t) {
        return None;
    }
    // A breadcrumb set as a bulleted list ends with the headline as its
    // last item: "• Headline" is the headline; so is a collapsible
    // article's "▼ Headline".
    if let Some(rest) = ["• ", "▼ ", "▽ "].iter().find_map(|m| t.strip_prefix(m)) {
        t = rest.trim_start();
    }
    // An expand button's "+" glued to the headline's first letter.
    if let Some(rest) = t.strip_prefix('+')
        && rest
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || is_cjk(c))
    {
        t = rest;
    }
    // Image file names at either end.
    loop {
        let before = t;
        if let Some((first, rest)) = t.split_once(char::is_whitespace)
            && is_file_name(first)
        {
            t = rest.trim_start();
        }
        if let Some((rest, last)) = t.rsplit_once(char::is_whitespace)
            && is_file_name(last)
        {
            t = rest.trim_end();
        }
        if t == before {
            break;
        }
    }
    if is_file_name(t) {
        return None;
    }
    // A date (and time) at the start, after at most one label word.
    if let Some(h) = find_dates(t).first()
        && t[..h.start].split_whitespace().count() <= 1
        && t[..h.start].chars().all(|c| !c.is_ascii_digit())
    {
        let mut rest = trim_separators(&t[h.end..]);
        while let Some((first, more)) = rest.split_once(char::is_whitespace) {
            if !is_time_word(first) {
                break;
            }
            rest = trim_separators(more);
        }
        rest = strip_glued_clock(rest);
        if rest.split_whitespace().count() >= 3 || rest.chars().filter(|&c| is_cjk(c)).count() >= 6
        {
            t = rest;
        }
    }
    t = strip_image_number(t);
    t = strip_year_month(t);
    // A dated bracket goes whole, before its date alone could.
    t = strip_trailing_label(t);
    t = strip_trailing_date(t);
    t = strip_page_counter(t);
    t = strip_reporter(t);
    t = strip_site_suffix(t);
    t = strip_section_label(t);
    t = strip_trailing_label(t);
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A clock time glued to the headline's first letter, as a listing's
/// "08/07/2020 17:30Headline" leaves it once its date is gone.
fn strip_glued_clock(t: &str) -> &str {
    let b = t.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let h = digits(0);
    if !(1..=2).contains(&h) || b.get(h) != Some(&b':') || digits(h + 1) != 2 {
        return t;
    }
    let rest = &t[h + 3..];
    match rest.chars().next() {
        Some(c) if c.is_alphabetic() => rest,
        _ => t,
    }
}

/// A numbered picture reference glued to the end ("…chuyển đổi số- Ảnh
/// 1.", "… - Photo 2"): the page's alt text for its picture, which is the
/// headline.
fn strip_image_number(t: &str) -> &str {
    let u = t.trim_end_matches('.').trim_end();
    let Some((rest, number)) = u.rsplit_once(' ') else {
        return t;
    };
    if !(1..=2).contains(&number.len()) || !number.bytes().all(|b| b.is_ascii_digit()) {
        return t;
    }
    let Some((before, word)) = rest.trim_end().rsplit_once(char::is_whitespace) else {
        return t;
    };
    if !["ảnh", "hình", "photo", "image", "foto"].contains(&word.to_lowercase().as_str()) {
        return t;
    }
    // The dash before the word, spaced or glued to the headline's last word.
    match before.trim_end().strip_suffix(['-', '–']) {
        Some(head) if says_enough(head.trim_end()) => head.trim_end(),
        _ => t,
    }
}

/// A year and month in figures at the start, after at most one label word
/// ("date 2022-02 …", "2024/03 …"): a date the page knew only that far.
fn strip_year_month(t: &str) -> &str {
    let is_year_month = |w: &str| {
        let Some((y, m)) = w.split_once(['-', '/', '.']) else {
            return false;
        };
        y.len() == 4
            && (1..=2).contains(&m.len())
            && y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
            && m.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
    };
    let mut words = t.splitn(3, char::is_whitespace);
    let (Some(a), Some(b)) = (words.next(), words.next()) else {
        return t;
    };
    let rest = if is_year_month(a) {
        t[a.len()..].trim_start()
    } else if is_year_month(b) && a.chars().all(char::is_alphabetic) {
        words.next().unwrap_or("").trim_start()
    } else {
        return t;
    };
    let rest = trim_separators(rest);
    if says_enough(rest) { rest } else { t }
}

/// A date glued after the headline ("… 14/03/2024 16:40", "… 2024-03-14"):
/// at the very end (times and separators aside), and written in figures
/// with its year, or followed by a time. "Fair opens on 3 May 2024" keeps
/// its date: words, and no time.
fn strip_trailing_date(t: &str) -> &str {
    // A month of a year in brackets ("… (2014年7月)", "… (07/2014)"): the
    // page's issue, which find_dates does not take for a date.
    if let Some(head) = cut_closing_bracket(t, &[('(', ')'), ('（', '）')], |inside| {
        is_month_of_year(inside.trim())
    }) {
        return head;
    }
    let Some(h) = find_dates(t).pop() else {
        return t;
    };
    let tail = &t[h.end..];
    if !tail
        .split_whitespace()
        .all(|w| is_time_word(w) || w.chars().all(|c| !c.is_alphanumeric()))
    {
        return t;
    }
    // Figures, with Japanese and Chinese date marks ("2015年11月25日").
    let numeric = !t[h.start..h.end]
        .chars()
        .any(|c| c.is_alphabetic() && !matches!(c, '年' | '月' | '日'));
    let full = matches!(h.value, DateValue::Full(_));
    let with_time = tail.split_whitespace().any(is_time_word);
    let head = trim_separators(&t[..h.start]);
    // A date in brackets after the title ("産業立国 (2015年11月25日)") is
    // the page's date however short the title.
    if let Some(inside) = head.strip_suffix(['(', '（', '['])
        && tail.trim_start().starts_with([')', '）', ']'])
        && numeric
        && full
    {
        let title = trim_separators(inside);
        if title.split_whitespace().count() >= 2
            || title.chars().filter(|&c| is_cjk(c)).count() >= 4
        {
            return title;
        }
    }
    if ((numeric && full) || with_time) && headline_sized(head) {
        head
    } else {
        t
    }
}

/// A breadcrumb trail whose arrows the scrape lost: a home label
/// (`home_labels`) and at most six words more.
fn is_home_trail(t: &str) -> bool {
    let lower = t.to_lowercase();
    words().home_labels.iter().any(|h| {
        lower
            .strip_prefix(h.as_str())
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| (1..=6).contains(&rest.split_whitespace().count()))
    })
}

/// A month and its year in figures: "2014年7月", "07/2014", "2014-07".
fn is_month_of_year(t: &str) -> bool {
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if let Some((year, month)) = t.split_once('年') {
        return digits(year, 4..=4) && month.strip_suffix('月').is_some_and(|m| digits(m, 1..=2));
    }
    t.split_once(['/', '-', '.']).is_some_and(|(a, b)| {
        (digits(a, 1..=2) && digits(b, 4..=4)) || (digits(a, 4..=4) && digits(b, 1..=2))
    })
}

/// A breadcrumb trail glued before the headline ("Home > World > Title",
/// "Trang chủ    Quốc tế    Title"): the last segment, when every segment
/// before it is a label of at most three words.
fn strip_breadcrumb(t: &str) -> &str {
    let mut cut: Option<usize> = None;
    let mut seps: Vec<(usize, usize)> = t
        .match_indices(" > ")
        .chain(t.match_indices(" › "))
        .chain(t.match_indices(" » "))
        .map(|(i, m)| (i, i + m.len()))
        .collect();
    // One arrow may be prose ("Prices > costs"); a trail has two or more.
    if seps.len() == 1 {
        seps.clear();
    }
    // Runs of three or more spaces separate items of a flattened menu.
    let bytes = t.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            let j = (i..bytes.len())
                .find(|&j| bytes[j] != b' ')
                .unwrap_or(bytes.len());
            if j - i >= 3 {
                seps.push((i, j));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    seps.sort_unstable();
    let mut start = 0;
    for (a, b) in seps {
        if t[start..a].split_whitespace().count() > 3 {
            return t;
        }
        start = b;
        cut = Some(b);
    }
    match cut {
        Some(b) if headline_sized(&t[b..]) || t[b..].split_whitespace().count() >= 3 => {
            t[b..].trim()
        }
        _ => t,
    }
}

/// Drop a section label in brackets before the headline ("【設備】…",
/// "[Asia Biz] …"): a bracket of at most ten characters at the start,
/// followed by a headline's worth of text.
fn strip_section_label(t: &str) -> &str {
    for (open, close) in [('【', '】'), ('[', ']'), ('［', '］')] {
        if let Some(rest) = t.strip_prefix(open)
            && let Some(end) = rest.find(close)
            && (1..=10).contains(&rest[..end].chars().count())
        {
            let after = trim_separators(&rest[end + close.len_utf8()..]);
            if says_enough(after) {
                return after;
            }
        }
    }
    // A section's name and a colon ("経済:", "コラム：", `section_names`);
    // another name before a colon ("日本:") is the story's subject.
    if let Some((label, rest)) = t.split_once([':', '：'])
        && holds(&words().section_names, label.trim())
        && rest.chars().filter(|&c| is_cjk(c)).count() >= 6
    {
        return rest.trim_start();
    }
    // A path of section names joined by slashes ("정치/경제 …"): the page's
    // place in the site's menu, written before the headline.
    if let Some((label, rest)) = t.split_once(' ')
        && label.contains('/')
        && label.split('/').all(|n| holds(&words().section_names, n))
        && says_enough(rest)
    {
        return rest.trim_start();
    }
    t
}

/// Drop a section label in brackets after the headline ("…工場を開所[製造]",
/// "… [Business]"): a bracket of at most eight characters at the end.
fn strip_trailing_label(t: &str) -> &str {
    // Or a bracket naming the paper and the day it ran the story
    // ("…を支援【新潟日報2021年1月18日】", "[Kyodo, 3/11/2024]").
    cut_closing_bracket(t, &[('【', '】'), ('[', ']'), ('［', '］')], |label| {
        let n = label.chars().count();
        (1..=8).contains(&n) || n <= 40 && !find_dates(label).is_empty()
    })
    // In round brackets only when a whole date ends it, as a page's column
    // and day ("…覚書を締結(市長日記R6.5.20)"): "(2/3)" is a counter,
    // "(Video)" a label, "(令和7年3月4日から7日)" the event's days.
    .or_else(|| {
        cut_closing_bracket(t, &[('(', ')'), ('（', '）')], |inside| {
            inside.chars().count() <= 40
                && find_dates(inside).last().is_some_and(|h| {
                    matches!(h.value, DateValue::Full(_)) && inside[h.end..].trim().is_empty()
                })
        })
    })
    .unwrap_or(t)
}

/// `t` without the bracket (of `brackets`) that ends it, when `drop`
/// accepts what the bracket holds and what is left says enough.
fn cut_closing_bracket<'a>(
    t: &'a str,
    brackets: &[(char, char)],
    drop: impl Fn(&str) -> bool,
) -> Option<&'a str> {
    brackets.iter().find_map(|&(open, close)| {
        let (before, inside) = closing_bracket(t.trim_end(), open, close)?;
        let head = trim_separators(before);
        (drop(inside) && says_enough(head)).then_some(head)
    })
}

/// A headline that asks and then says ("Can they meet Korea? Coach says
/// …"): two sentences, the first ended by a question or exclamation mark,
/// and no full stop at the end, where a lead's sentences end.
pub fn asks_then_says(text: &str) -> bool {
    let t = text.trim_end();
    t.contains(['?', '!', '？', '！']) && !t.ends_with(['.', '。'])
}

/// What is left beside a section label says something: three words, or
/// six characters of a script without spaces.
fn says_enough(t: &str) -> bool {
    t.split_whitespace().count() >= 3 || t.chars().filter(|&c| is_cjk(c)).count() >= 6
}

/// A line wholly inside one pair of brackets ("< Part 1 >", "(Video)",
/// "[Photo gallery]"): a label or a sub-title, not a headline.
pub fn is_enclosed(text: &str) -> bool {
    let t = text.trim();
    [
        ('<', '>'),
        ('(', ')'),
        ('（', '）'),
        ('[', ']'),
        ('《', '》'),
    ]
    .iter()
    .any(|&(open, close)| {
        t.starts_with(open)
            && t.ends_with(close)
            && t.matches(open).count() == 1
            && t.matches(close).count() == 1
    })
}

/// Long enough to be a headline: four words, or eight CJK characters
/// (a breadcrumb's last step, a head before a site's name).
pub(super) fn headline_sized(t: &str) -> bool {
    t.split_whitespace().count() >= 4 || t.chars().filter(|&c| is_cjk(c)).count() >= 6
}

/// A labelled field rather than a headline: "原标题:…", "Source: …",
/// "Tags: …" (the `field_labels` of `data/chrome.toml`, before a colon).
pub fn is_field(text: &str) -> bool {
    let t = text.trim();
    let Some((label, _)) = t.split_once([':', '：']) else {
        return false;
    };
    label.chars().count() <= 24 && is_field_label(label)
}

/// Drop a trailing page counter: a bracket holding "n/m" and at most a word
/// ("(1/3ページ)", "(2/2)", "[page 1/4]"), or "| Page 2", "- trang 2".
fn strip_page_counter(t: &str) -> &str {
    let trimmed = t.trim_end();
    // Every counter ends in a bracket or a digit.
    if !trimmed.ends_with([')', '）', ']']) && !trimmed.ends_with(|c: char| c.is_ascii_digit()) {
        return trimmed;
    }
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']')] {
        if let Some((before, inner)) = closing_bracket(trimmed, open, close) {
            let counter = inner.contains('/')
                && inner.chars().filter(char::is_ascii_digit).count() >= 2
                && inner.chars().filter(|c| c.is_alphabetic()).count() <= 6;
            if counter {
                return before.trim_end();
            }
        }
    }
    if let Some((head, tail)) = trimmed.rsplit_once(['|', '-', '–'])
        && let [word, n] = tail.split_whitespace().collect::<Vec<_>>()[..]
        && n.chars().all(|c| c.is_ascii_digit())
        && word.chars().count() <= 6
        && head.split_whitespace().count() >= 3
    {
        return head.trim_end();
    }
    trimmed
}

/// A bracket of who reported it after the headline ("…の課題(ハノイ支局
/// 山田太郎)", "… (Reporter Kim)"): short, and holding a reporter word of
/// `data/chrome.toml`.
fn strip_reporter(t: &str) -> &str {
    let trimmed = t.trim_end();
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']'), ('【', '】')] {
        if let Some((before, inner)) = closing_bracket(trimmed, open, close)
            && !before.is_empty()
        {
            let inner = inner.to_lowercase();
            let reporter = inner.chars().count() <= 30
                && super::words::words().reporter_words.iter().any(|w| {
                    inner.find(w.as_str()).is_some_and(|at| {
                        // The word ends there (記者 but not 記者会見, a
                        // press conference); a Latin one starts there too,
                        // where a CJK one follows the place it reports from.
                        let before = inner[..at].chars().next_back();
                        let after = inner[at + w.len()..].chars().next();
                        !after.is_some_and(char::is_alphabetic)
                            && (!w.is_ascii() || !before.is_some_and(char::is_alphabetic))
                    })
                });
            if reporter {
                return before.trim_end();
            }
        }
    }
    trimmed
}

/// The words of a URL's last meaningful path segment ("/news/japan-to-
/// recruit-more-workers-123.html" gives japan, to, recruit, more, workers),
/// folded; empty for URLs whose slug is an id.
pub fn slug_words(url: &str) -> Vec<String> {
    let path = url
        .split_once("://")
        .map_or(url, |(_, r)| r)
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let segments = path.split('/').skip(1);
    let best = segments
        .filter(|s| {
            s.split(['-', '_', '+'])
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count()
                >= 3
        })
        .last()
        .unwrap_or("");
    let decoded = best.replace("%20", "-");
    let stem = decoded
        .rsplit_once('.')
        .map_or(decoded.as_str(), |(s, _)| s);
    stem.split(['-', '_', '+'])
        .filter(|w| w.chars().any(char::is_alphabetic) && w.chars().count() >= 3)
        .map(fold_text)
        .collect()
}

/// Share of the slug's words that the line uses (0 when there is no slug).
pub fn slug_agreement(line: &str, slug: &[String]) -> f32 {
    if slug.is_empty() {
        return 0.0;
    }
    let folded = fold_text(line);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).collect();
    let hit = slug.iter().filter(|w| words.contains(&w.as_str())).count();
    hit as f32 / slug.len() as f32
}

/// Whether two candidate headlines say the same (one holds the other's
/// content words, `content_terms` of each): a page title repeated as the
/// article's title.
pub fn same_terms(ta: &BTreeSet<String>, tb: &BTreeSet<String>) -> bool {
    terms_overlap(ta, tb, 2, 8)
}

/// Whether the smaller of two term sets has `min_terms` or more, and at
/// least `tenths` tenths of them are in the other.
pub fn terms_overlap(
    ta: &BTreeSet<String>,
    tb: &BTreeSet<String>,
    min_terms: usize,
    tenths: usize,
) -> bool {
    let small = ta.len().min(tb.len());
    small >= min_terms && ta.intersection(tb).count() * 10 >= small * tenths
}

#[cfg(test)]
mod tests;
