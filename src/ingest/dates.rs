//! Dates in text, in the shapes the digest's languages write them
//! (numeric day first, month names from `data/chrome.toml`, Spanish and
//! Portuguese "3 de marzo de 2025", Vietnamese "ngày … tháng … năm",
//! Japanese 年月日 with Gregorian or era years), and
//! the year a text is written in when it says so only indirectly.

use super::words::words;
use crate::types::is_cjk;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// A date found in text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateHit {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    Full(NaiveDate),
    /// A day and month without a year: (month, day).
    DayMonth(u32, u32),
}

#[derive(Debug, Clone)]
enum Tok<'a> {
    Num(u32, usize),
    /// Lower-cased; borrowed from the text when it is lower-case already.
    Word(Cow<'a, str>),
}

#[derive(Debug, Clone)]
struct Token<'a> {
    tok: Tok<'a>,
    start: usize,
    end: usize,
}

fn lower(word: &str) -> Cow<'_, str> {
    // Beyond ASCII, letters that are not upper-case may still lower-case
    // (title-case ones), so only ASCII is checked and borrowed.
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_ascii_digit() {
            let mut end = i;
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            let s = &text[i..end];
            let n = s.parse::<u32>().unwrap_or(u32::MAX);
            out.push(Token {
                tok: Tok::Num(n, s.len()),
                start: i,
                end,
            });
        } else if c.is_alphabetic() {
            let mut end = i;
            let mut last: Option<char> = None;
            while let Some(&(j, d)) = chars.peek() {
                // A CJK marker such as 年 or 月 ends a word at once so that
                // "2025年11月3日" tokenizes into numbers and markers.
                if !d.is_alphabetic() || last.is_some_and(|l| is_cjk(d) != is_cjk(l)) {
                    break;
                }
                last = Some(d);
                end = j + d.len_utf8();
                chars.next();
                if is_cjk(d) {
                    break;
                }
            }
            out.push(Token {
                tok: Tok::Word(lower(&text[i..end])),
                start: i,
                end,
            });
        } else {
            chars.next();
        }
    }
    out
}

/// The month a word names, from `data/chrome.toml`'s `months` (built once:
/// this is asked of every word beside a number).
fn month_of(word: &str) -> Option<u32> {
    static MONTHS: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    let months = MONTHS.get_or_init(|| {
        let mut map = HashMap::new();
        for (k, names) in words().months.iter().take(12).enumerate() {
            for name in names {
                map.entry(name.as_str()).or_insert(k as u32 + 1);
            }
        }
        map
    });
    months.get(word.trim_end_matches('.')).copied()
}

/// Tokens `a` and `b` are next to each other, with at most a comma, a period
/// or a space between them.
fn adjacent(text: &str, a: &Token<'_>, b: &Token<'_>) -> bool {
    let gap = &text[a.end..b.start];
    gap.chars().count() <= 3
        && gap
            .chars()
            .all(|c| c.is_whitespace() || c == ',' || c == '.')
}

fn full(y: u32, m: u32, d: u32) -> Option<DateValue> {
    NaiveDate::from_ymd_opt(y as i32, m, d).map(DateValue::Full)
}

fn day_month(m: u32, d: u32) -> Option<DateValue> {
    // Check with a leap year so that 29 February passes.
    NaiveDate::from_ymd_opt(2024, m, d).map(|_| DateValue::DayMonth(m, d))
}

/// Every date in `text`: numeric (`dd/mm/yyyy`, `yyyy-mm-dd`, `dd.mm.yyyy`),
/// English ("November 3, 2025", "3 Nov 2025"), Norwegian ("3. november 2025"),
/// Vietnamese ("ngày 3 tháng 11 năm 2025", "ngày 3/11") and Japanese
/// ("2025年11月3日"), each also without the year.
pub fn find_dates(text: &str) -> Vec<DateHit> {
    // Every date shape holds at least a day as ASCII digits; most lines have
    // none and need not be tokenised.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let toks = tokens(text);
    let mut hits = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((hit, used)) = date_at(text, &toks, i) {
            hits.push(hit);
            i += used;
        } else {
            i += 1;
        }
    }
    hits
}

fn num(t: &Token<'_>) -> Option<(u32, usize)> {
    match t.tok {
        Tok::Num(n, len) => Some((n, len)),
        _ => None,
    }
}

fn word<'t>(t: &'t Token<'_>) -> Option<&'t str> {
    match &t.tok {
        Tok::Word(w) => Some(w),
        _ => None,
    }
}

/// The year before year 1 of a Japanese era, from its two characters.
fn era_base(a: &str, b: &str) -> Option<u32> {
    match (a, b) {
        ("令", "和") => Some(2018),
        ("平", "成") => Some(1988),
        ("昭", "和") => Some(1925),
        _ => None,
    }
}

fn is_year(n: u32, len: usize) -> bool {
    len == 4 && (1900..=2100).contains(&n)
}

fn date_at(text: &str, t: &[Token<'_>], i: usize) -> Option<(DateHit, usize)> {
    let get = |k: usize| t.get(i + k);
    let hit = |end_tok: usize, value: DateValue| {
        Some((
            DateHit {
                start: t[i].start,
                end: t[i + end_tok].end,
                value,
            },
            end_tok + 1,
        ))
    };
    let sep_after = |k: usize| -> Option<char> {
        let (a, b) = (get(k)?, get(k + 1)?);
        let gap = &text[a.end..b.start];
        let mut cs = gap.chars();
        let c = cs.next()?;
        (cs.next().is_none() && matches!(c, '/' | '-' | '.')).then_some(c)
    };

    // Japanese era years: 令和7年11月3日 is 2025-11-03.
    if let (Some(a), Some(b)) = (word(&t[i]), get(1).and_then(word))
        && let Some(base) = era_base(a, b)
        && let (Some((y, ylen)), Some("年"), Some((m, _)), Some("月"), Some((d, _)), Some("日")) = (
            get(2).and_then(num),
            get(3).and_then(word),
            get(4).and_then(num),
            get(5).and_then(word),
            get(6).and_then(num),
            get(7).and_then(word),
        )
        && ylen <= 2
        && let Some(v) = full(base + y, m, d)
    {
        return hit(7, v);
    }
    // Japanese era years abbreviated, as city and prefecture pages write
    // them: "H30.4.30" is 2018-04-30, "R7.11.3" 2025-11-03. Not a version
    // number ("R2.1.1.5"), and only the two eras news still dates by.
    if word(&t[i]).is_some_and(|w| w.len() == 1)
        && let Some(base) = match text[t[i].start..].chars().next() {
            Some('R') => Some(2018),
            Some('H') => Some(1988),
            _ => None,
        }
        && let Some((y, ylen)) = get(1).filter(|n| n.start == t[i].end).and_then(num)
        && ylen <= 2
        && sep_after(1) == Some('.')
        && sep_after(2) == Some('.')
        && let (Some((m, _)), Some((d, dlen))) = (get(2).and_then(num), get(3).and_then(num))
        && dlen <= 2
        && sep_after(3) != Some('.')
        && let Some(v) = full(base + y, m, d)
    {
        return hit(3, v);
    }
    // Numeric: d/m/y, y-m-d, and "ngày d/m".
    if let Some((a, alen)) = num(&t[i]) {
        if let (Some(s1), Some((b, _))) = (sep_after(0), get(1).and_then(num)) {
            if sep_after(1) == Some(s1)
                && let Some((c, clen)) = get(2).and_then(num)
            {
                if alen == 4 && is_year(a, alen) {
                    if let Some(v) = full(a, b, c) {
                        return hit(2, v);
                    }
                } else if is_year(c, clen) && alen <= 2 {
                    // Day first, as everywhere but the US; month first only when
                    // the day-first reading is impossible.
                    if let Some(v) = full(c, b, a).or_else(|| full(c, a, b)) {
                        return hit(2, v);
                    }
                }
                return None;
            }
            let after_ngay = i > 0 && word(&t[i - 1]) == Some("ngày");
            // "ngày 3/11", and as papers also write it "ngày 28-7".
            if matches!(s1, '/' | '-')
                && after_ngay
                && alen <= 2
                && let Some(v) = day_month(b, a)
            {
                return hit(1, v);
            }
        }
        // Japanese: [yyyy年]m月d日
        if let (Some(w1), Some((m, _)), Some(w2), Some((d, _)), Some(w3)) = (
            get(1).and_then(word),
            get(2).and_then(num),
            get(3).and_then(word),
            get(4).and_then(num),
            get(5).and_then(word),
        ) && w1 == "年"
            && w2 == "月"
            && w3 == "日"
            && is_year(a, alen)
            && let Some(v) = full(a, m, d)
        {
            return hit(5, v);
        }
        if let (Some(w1), Some((d, _)), Some(w2)) = (
            get(1).and_then(word),
            get(2).and_then(num),
            get(3).and_then(word),
        ) && w1 == "月"
            && w2 == "日"
            && let Some(v) = day_month(a, d)
        {
            return hit(3, v);
        }
        // Vietnamese: d tháng m [năm y | , y]
        if alen <= 2
            && let (Some("tháng"), Some((m, _))) = (get(1).and_then(word), get(2).and_then(num))
        {
            if let (Some("năm"), Some((y, ylen))) = (get(3).and_then(word), get(4).and_then(num))
                && is_year(y, ylen)
                && let Some(v) = full(y, m, a)
            {
                return hit(4, v);
            }
            if let Some((y, ylen)) = get(3).and_then(num)
                && is_year(y, ylen)
                && let Some(v) = full(y, m, a)
            {
                return hit(3, v);
            }
            if let Some(v) = day_month(m, a) {
                return hit(2, v);
            }
        }
        // A month in CJK figures, then day and year in English order ("5月
        // 6, 2025", "5월 6, 2025"): an English date format in a Japanese,
        // Chinese or Korean locale. Only with the year.
        if alen <= 2
            && let (Some(w1), Some((d, dlen)), Some((y, ylen))) = (
                get(1).and_then(word),
                get(2).and_then(num),
                get(3)
                    .filter(|c| adjacent(text, &t[i + 2], c))
                    .and_then(num),
            )
            && matches!(w1, "月" | "월")
            && dlen <= 2
            && is_year(y, ylen)
            && let Some(v) = full(y, a, d)
        {
            return hit(3, v);
        }
        // Day before month: "3 November 2025", "3. november".
        if alen <= 2
            && let Some(m) = get(1)
                .filter(|b| adjacent(text, &t[i], b))
                .and_then(word)
                .and_then(month_of)
        {
            if let Some((y, ylen)) = get(2)
                .filter(|c| adjacent(text, &t[i + 1], c))
                .and_then(num)
                && is_year(y, ylen)
                && let Some(v) = full(y, m, a)
            {
                return hit(2, v);
            }
            if let Some(v) = day_month(m, a) {
                return hit(1, v);
            }
        }
        // Spanish and Portuguese: "14 de março de 2023", "3 de marzo del
        // 2025". Only a month's full name: "de mar" is "of the sea".
        let de = |k: usize| {
            get(k)
                .and_then(word)
                .is_some_and(|w| w == "de" || w == "del")
        };
        if alen <= 2
            && de(1)
            && let Some(m) = get(2)
                .and_then(word)
                .filter(|w| w.chars().count() >= 4)
                .and_then(month_of)
        {
            if de(3)
                && let Some((y, ylen)) = get(4).and_then(num)
                && is_year(y, ylen)
                && let Some(v) = full(y, m, a)
            {
                return hit(4, v);
            }
            if let Some(v) = day_month(m, a) {
                return hit(2, v);
            }
        }
        return None;
    }
    // Month before day: "November 3, 2025", "Nov. 3".
    let m = word(&t[i]).and_then(month_of)?;
    // Before a day a month is written capitalised ("May 3"), so that "may 3
    // times" is not a date.
    if text[t[i].start..].starts_with(char::is_lowercase) {
        return None;
    }
    let (d, dlen) = get(1).filter(|b| adjacent(text, &t[i], b)).and_then(num)?;
    if dlen > 2 {
        return None;
    }
    if let Some((y, ylen)) = get(2)
        .filter(|c| adjacent(text, &t[i + 1], c))
        .and_then(num)
        && is_year(y, ylen)
        && let Some(v) = full(y, m, d)
    {
        return hit(2, v);
    }
    day_month(m, d).and_then(|v| hit(1, v))
}

/// Four-digit years named in `text`.
pub fn years(text: &str) -> BTreeSet<i32> {
    tokens(text)
        .iter()
        .filter_map(num)
        .filter(|&(n, len)| is_year(n, len))
        .map(|(n, _)| n as i32)
        .collect()
}

/// Phrases that tie a sentence to the time of writing, in the languages
/// the digest carries.
const CURRENT_MARKERS: &[&str] = &[
    "this year",
    "năm nay",
    "i år",
    "cette année",
    "dieses jahr",
    "in diesem jahr",
    "este año",
    "今年",
    "本年",
    "올해",
];

/// Words that put the year after them in the past ("established in
/// 1973", "since 1992"): such a year is not the time of writing.
const PAST_MARKERS: &[&str] = &[
    "established",
    "founded",
    "since",
    "signed in",
    "began in",
    "thiết lập",
    "từ năm",
    "kể từ",
    "etablert",
    "siden",
    "sedan",
    "depuis",
    "seit",
    "desde",
    "樹立",
    "以来",
    "수립",
];

/// "50th anniversary", "kỷ niệm 50 năm", "50周年", "50-årsjubileum", "50주년":
/// the number of years an anniversary counts.
fn anniversary(lower: &str) -> Option<u32> {
    let digits_before = |i: usize| -> Option<u32> {
        let head = lower[..i].trim_end_matches(['-', ' ']);
        let start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit())
            .last()?
            .0;
        head[start..].parse().ok()
    };
    for marker in [
        "th anniversary",
        "st anniversary",
        "nd anniversary",
        "rd anniversary",
        "周年",
        "주년",
        "årsjubileum",
        "års jubileum",
    ] {
        if let Some(i) = lower.find(marker)
            && let Some(n) = digits_before(i)
        {
            return Some(n);
        }
    }
    let i = lower.find("kỷ niệm ")? + "kỷ niệm ".len();
    let rest = &lower[i..];
    let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (rest[n.len()..].starts_with(" năm"))
        .then(|| n.parse().ok())
        .flatten()
}

/// The years of `sentence` not put in the past by a [`PAST_MARKERS`] word
/// right before them, and those that are.
fn present_and_past_years(sentence: &str, lower: &str) -> (BTreeSet<i32>, BTreeSet<i32>) {
    let (mut present, mut past) = (BTreeSet::new(), BTreeSet::new());
    for t in tokens(sentence) {
        let Some((n, len)) = num(&t) else { continue };
        if !is_year(n, len) {
            continue;
        }
        // Lower-casing keeps byte offsets in the ASCII and Vietnamese text
        // this reads; where it would not, the year counts as present.
        let before = lower.get(..t.start).unwrap_or("");
        let whole = before.trim_end_matches(|c: char| !c.is_alphanumeric());
        let bare = whole.strip_suffix("in").map_or(whole, str::trim_end);
        let bare = bare.strip_suffix("năm").map_or(bare, str::trim_end);
        if PAST_MARKERS
            .iter()
            .any(|m| whole.ends_with(m) || bare.ends_with(m))
        {
            past.insert(n as i32);
        } else {
            present.insert(n as i32);
        }
    }
    (present, past)
}

/// The year the text is written in, when the sentences tie exactly one
/// year to the present: a year in a sentence saying "this year" (unless
/// put in the past, "established in 1973"), or a founding year plus the
/// anniversary being marked ("the 50th anniversary of ties established in
/// 1973" is 2023).
pub fn evidence_year(paragraphs: &[&str]) -> Option<(i32, String)> {
    let mut found: BTreeSet<i32> = BTreeSet::new();
    let mut why = String::new();
    for p in paragraphs {
        for sentence in super::extract::sentences(p) {
            let lower = sentence.to_lowercase();
            let current = CURRENT_MARKERS.iter().any(|m| lower.contains(m));
            let jubilee = anniversary(&lower);
            if !current && jubilee.is_none() {
                continue;
            }
            let (present, past) = present_and_past_years(sentence, &lower);
            let mut ys: BTreeSet<i32> = BTreeSet::new();
            if let Some(n) = jubilee {
                ys.extend(past.iter().map(|y| y + n as i32));
                // "the 50th anniversary in 2023": the year named is the present.
                if past.is_empty() {
                    ys.extend(&present);
                }
            } else {
                ys.extend(&present);
            }
            if !ys.is_empty() && why.is_empty() {
                why = sentence.trim().to_string();
            }
            found.extend(ys);
        }
    }
    (found.len() == 1).then(|| (*found.iter().next().expect("one year"), why))
}

#[cfg(test)]
mod tests;
