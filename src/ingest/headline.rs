//! Headline candidates: what to strip from a line that holds the headline
//! (a date or dateline glued before it, a page counter or an image file
//! name glued to it), which title-shaped lines are not headlines (weekday
//! and time lines), and how well a candidate agrees with the story: with
//! the body's words and with the words of the source URL's slug.
//! General shapes only; nothing here names a site.

use super::dates::find_dates;
#[cfg(test)]
use super::extract::content_terms;
use super::extract::fold_text;
use super::words::{holds, words};
use crate::types::is_cjk;
use std::collections::BTreeSet;

/// Extensions of image files, whose names scrapers glue to captions and
/// headlines ("132240411.1.jpg Japan to ...").
const IMAGE_EXTENSIONS: &[&str] = &[".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"];

fn is_file_name(word: &str) -> bool {
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
        if rest.split_whitespace().count() >= 3 || rest.chars().filter(|&c| is_cjk(c)).count() >= 6
        {
            t = rest;
        }
    }
    t = strip_page_counter(t);
    t = strip_site_suffix(t);
    t = strip_section_label(t);
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
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
        Some(b) if t[b..].split_whitespace().count() >= 3 => t[b..].trim(),
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
            if after.split_whitespace().count() >= 3
                || after.chars().filter(|&c| is_cjk(c)).count() >= 6
            {
                return after;
            }
        }
    }
    t
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
    /// The line is one of a list of short lines with no blank line
    /// between them: a menu or a list of links, whose items may share the
    /// story's words but are not its headline.
    pub in_list: bool,
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

/// Which candidate is the headline. `cands` are ordered from the nearest
/// to the body upwards. Returns its index and a note saying why.
pub fn pick(cands: &[Candidate]) -> Option<(usize, String)> {
    let is_label = |c: &Candidate| {
        let words = c
            .text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        words.max(c.cjk / 2) <= 4
    };
    // The topmost candidate that is not a label is where a page's headline
    // usually stands; labels above it (a section name, a site name) do not
    // take that place.
    let top_rank = cands
        .iter()
        .rposition(|c| !is_label(c) && !is_enclosed(&c.text));
    let mut best: Option<(f32, usize, String)> = None;
    for (rank, c) in cands.iter().enumerate() {
        if is_enclosed(&c.text) {
            continue;
        }
        let label = is_label(c);
        let top = top_rank == Some(rank);
        let repeated = c.count > 1
            || cands
                .iter()
                .any(|d| d.line != c.line && same_terms(&d.terms, &c.terms));
        // The topmost title, repeated (a page title and the article's
        // title), is the headline even when the excerpt's body has moved
        // on to other words.
        if c.body < MIN_BODY_AGREEMENT
            && c.slug < MIN_SLUG_AGREEMENT
            && !(top && (c.body >= MIN_TOP_BODY_AGREEMENT || c.count > 1))
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
            - RANK_PENALTY * rank as f32;
        if best.as_ref().is_none_or(|(b, _, _)| score > *b) {
            let note = format!(
                "body words {:.2}, slug {:.2}{}{}{}",
                c.body,
                c.slug,
                if repeated { ", repeated" } else { "" },
                if top { ", topmost" } else { "" },
                if c.in_list {
                    ", in a list of short lines"
                } else {
                    ""
                }
            );
            best = Some((score, rank, note));
        }
    }
    best.map(|(_, rank, note)| (rank, note))
}

/// Drop a site's name after a pipe ("… | Example News"): a short last
/// segment after a long headline. Dashes are left alone: "– report" and
/// "- analysis" belong to headlines as often as site names do.
fn strip_site_suffix(t: &str) -> &str {
    if let Some((head, tail)) = t.rsplit_once(" | ")
        && tail.split_whitespace().count() <= 5
        && head.split_whitespace().count() >= 4
    {
        return head.trim_end();
    }
    t
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
        if let Some(inner_end) = trimmed.strip_suffix(close)
            && let Some(i) = inner_end.rfind(open)
        {
            let inner = &inner_end[i + open.len_utf8()..];
            let counter = inner.contains('/')
                && inner.chars().filter(char::is_ascii_digit).count() >= 2
                && inner.chars().filter(|c| c.is_alphabetic()).count() <= 6;
            if counter {
                return inner_end[..i].trim_end();
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
    if ta.len() < 2 || tb.len() < 2 {
        return false;
    }
    let common = ta.intersection(tb).count();
    common * 10 >= ta.len().min(tb.len()) * 8
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(clean("77120.jpeg"), None);
        assert_eq!(
            clean("Home > World > Asia > Osaka firms eye ports in the south").as_deref(),
            Some("Osaka firms eye ports in the south")
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
        assert!(is_enclosed("< Part 1  Osaka firms in the south >"));
        assert!(is_enclosed("(Video report)"));
        assert!(!is_enclosed("Osaka firms (and Hanoi ones) eye ports"));
    }

    fn cand(line: usize, text: &str, body: f32) -> Candidate {
        Candidate {
            line,
            text: text.to_string(),
            body,
            slug: 0.0,
            terms: content_terms(text),
            count: 1,
            cjk: text.chars().filter(|&c| is_cjk(c)).count(),
            in_list: false,
        }
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
}
