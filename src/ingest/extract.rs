//! Extraction helpers that read one piece of text: dates, source lines,
//! outlet credits, site slogans and titles made from a lead.

use super::lang::function_words;
use crate::types::is_cjk;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};

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

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    let m = match w {
        "january" | "jan" | "januar" => 1,
        "february" | "feb" | "februar" => 2,
        "march" | "mar" | "mars" => 3,
        "april" | "apr" => 4,
        "may" | "mai" => 5,
        "june" | "jun" | "juni" => 6,
        "july" | "jul" | "juli" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" | "oktober" | "okt" => 10,
        "november" | "nov" => 11,
        "december" | "dec" | "desember" | "des" => 12,
        _ => return None,
    };
    Some(m)
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
            if s1 == '/'
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

/// Phrases that tie a year to the time of writing ("are celebrating ... in
/// 2023", "this year"), in the languages the digest carries.
const CURRENT_MARKERS: &[&str] = &[
    "this year",
    "celebrating",
    "celebrates",
    "marking",
    "i år",
    "feirer",
    "markerer",
    "năm nay",
    "kỷ niệm",
    "今年",
    "周年",
];

/// The year the text is written in, when exactly one year is tied to the
/// present by a sentence such as "the two nations are celebrating ... in 2023".
pub fn evidence_year(paragraphs: &[&str]) -> Option<(i32, String)> {
    let mut found: BTreeSet<i32> = BTreeSet::new();
    let mut why = String::new();
    for p in paragraphs {
        for sentence in sentences(p) {
            let lower = sentence.to_lowercase();
            if CURRENT_MARKERS.iter().any(|m| lower.contains(m)) {
                let ys = years(sentence);
                if !ys.is_empty() && why.is_empty() {
                    why = sentence.trim().to_string();
                }
                found.extend(ys);
            }
        }
    }
    (found.len() == 1).then(|| (*found.iter().next().expect("one year"), why))
}

/// Split into sentences at `.`, `!`, `?` followed by a space, and at `。！？`.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    each_sentence(text, |s| out.push(s));
    out
}

/// Call `f` on each sentence of `text`, as `sentences` splits them.
fn each_sentence<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let boundary = match c {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' => chars.peek().is_none_or(|&(_, n)| n.is_whitespace()),
            _ => false,
        };
        if boundary {
            let s = text[start..end].trim();
            if !s.is_empty() {
                f(s);
            }
            start = end;
        }
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        f(s);
    }
}

/// How many sentences a line holds, not counting a lone final one made of
/// initials ("Dr.", "U.S.") — a rough but language-neutral count.
pub fn sentence_count(text: &str) -> usize {
    let mut n = 0;
    each_sentence(text, |s| {
        if s.split_whitespace().nth(2).is_some() || s.chars().any(is_cjk) {
            n += 1;
        }
    });
    n.max(1)
}

/// A URL in `text`, trimmed of trailing punctuation.
pub fn find_url(text: &str) -> Option<(usize, &str)> {
    // One quick scan settles most lines, which hold no URL.
    if !text.contains("http") {
        return None;
    }
    let start = text.find("https://").or_else(|| text.find("http://"))?;
    let rest = &text[start..];
    let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let url = rest[..len].trim_end_matches(['.', ',', ')', ';', '|']);
    Some((start, url))
}

/// The host of a URL without `www.`: `https://www.example.vn/a` gives `example.vn`.
pub fn url_host(url: &str) -> Option<String> {
    let after = url.split_once("://").map(|(_, r)| r)?;
    let host = after.split(['/', '?', '#']).next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    host.contains('.').then_some(host)
}

/// Words that label a source credit line, in the digest's languages.
const SOURCE_LABELS: &[&str] = &[
    "source",
    "sources",
    "kilde",
    "kjelde",
    "nguồn",
    "theo",
    "出典",
    "出所",
    "ソース",
    "quelle",
    "fuente",
    "sumber",
    "via",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    pub url: Option<String>,
    pub name: Option<String>,
}

/// A line that credits the source: "Source: URL", "Kilde: URL", a bare URL,
/// or "Nguồn: TTXVN". Long lines that merely contain a URL are not.
pub fn source_line(line: &str) -> Option<SourceLine> {
    let line = line.trim();
    if let Some((start, url)) = find_url(line) {
        let before = line[..start]
            .trim()
            .trim_end_matches([':', '：', '-', '–'])
            .trim();
        let after = line[start + url.len()..].trim_matches(|c: char| !c.is_alphanumeric());
        if before.split_whitespace().count() <= 3 && after.is_empty() {
            return Some(SourceLine {
                url: Some(url.to_string()),
                name: None,
            });
        }
        return None;
    }
    let (label, value) = line.split_once([':', '：'])?;
    let label = label.trim();
    // Most lines with a colon are prose, whose text before the colon is
    // longer than any label: no lower-cased copy is needed to rule it out.
    let is_label = if label.is_ascii() {
        SOURCE_LABELS.iter().any(|l| l.eq_ignore_ascii_case(label))
    } else {
        SOURCE_LABELS.contains(&label.to_lowercase().as_str())
    };
    let value = value.trim();
    if is_label && !value.is_empty() && value.split_whitespace().count() <= 6 {
        return Some(SourceLine {
            url: None,
            name: Some(value.to_string()),
        });
    }
    None
}

fn looks_like_domain(s: &str) -> bool {
    let s = s.trim_end_matches('/');
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && parts
            .last()
            .is_some_and(|p| p.len() >= 2 && p.chars().all(|c| c.is_alphabetic()))
}

fn looks_like_acronym(s: &str) -> bool {
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    (2..=16).contains(&s.chars().count())
        && upper >= 2
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '&' | '/'))
}

/// An outlet credit at the start of a lead: "(laichau.gov.vn) On ...",
/// "WVR - On ...", "HANOI (VNA) – ...", "VnExpress - ...". Returns the outlet
/// and the lead without it.
pub fn outlet_credit(lead: &str) -> Option<(String, String)> {
    let lead = lead.trim();
    let dashes: &[char] = &['-', '–', '—', ':'];
    let rest_ok = |rest: &str| rest.split_whitespace().count() >= 6;
    if let Some(inner_end) = lead.strip_prefix('(').and_then(|r| r.find(')')) {
        let inner = &lead[1..1 + inner_end];
        let rest = lead[inner_end + 2..]
            .trim_start()
            .trim_start_matches(dashes)
            .trim_start();
        if (looks_like_domain(inner) || looks_like_acronym(inner)) && rest_ok(rest) {
            return Some((inner.to_string(), rest.to_string()));
        }
    }
    // "PLACE (OUTLET) –": an upper-case dateline with the agency in brackets.
    if let (Some(open), Some(close)) = (lead.find('('), lead.find(')'))
        && open < close
        && close < 50
    {
        let place = lead[..open].trim();
        let inner = &lead[open + 1..close];
        let rest = lead[close + 1..].trim_start();
        if !place.is_empty()
            && place
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
            && (looks_like_acronym(inner)
                || (inner.chars().next().is_some_and(char::is_uppercase)
                    && inner.chars().count() <= 16
                    && inner.chars().all(char::is_alphanumeric)))
            && rest.starts_with(dashes)
        {
            let rest = rest.trim_start_matches(dashes).trim_start();
            if rest_ok(rest) {
                return Some((inner.to_string(), rest.to_string()));
            }
        }
    }
    let (first, rest) = lead.split_once(char::is_whitespace)?;
    let rest = rest.trim_start();
    if rest.starts_with(dashes) && (looks_like_acronym(first) || looks_like_domain(first)) {
        let rest = rest.trim_start_matches(dashes).trim_start();
        if rest_ok(rest) {
            return Some((first.to_string(), rest.to_string()));
        }
    }
    None
}

/// A site's own name and slogan ("Example.vn - The news portal"): a domain
/// followed by a separator.
pub fn is_site_slogan(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    let domain_first = looks_like_domain(first.trim_end_matches([':', '|', '-']));
    domain_first
        && [" - ", " – ", " | ", " — "]
            .iter()
            .any(|s| line.contains(s))
}

/// A set of content terms. Its hasher is seeded, as terms come from
/// scraped text, but much cheaper than the default: a body's terms are
/// gathered for every seed with a headline candidate.
pub type TermSet<'a> = HashSet<Cow<'a, str>, foldhash::fast::RandomState>;

/// Content terms for overlap tests: folded words of four letters or more,
/// cut to five letters as a crude stemmer ("northern" meets "north"), and
/// character pairs of scripts written without spaces.
pub fn content_terms(text: &str) -> BTreeSet<String> {
    let folded = fold_text(text);
    let mut terms = TermSet::default();
    content_terms_into(text, &folded, &mut terms);
    terms.into_iter().map(Cow::into_owned).collect()
}

/// `crate::types::fold`. ASCII transliterates to itself and then only needs
/// lower-casing, all but DEL, which transliteration drops.
pub fn fold_text(text: &str) -> String {
    if text.bytes().all(|b| b < 0x7f) {
        text.to_ascii_lowercase()
    } else {
        crate::types::fold(text)
    }
}

/// Add the [`content_terms`] of `text` to `out`; `folded` is
/// `fold_text(text)`. Word terms borrow from it, so a large text's terms
/// cost no allocation each.
pub fn content_terms_into<'a>(text: &str, folded: &'a str, out: &mut TermSet<'a>) {
    let mut prev_cjk: Option<char> = None;
    for c in text.chars().filter(|&c| is_cjk(c)) {
        if let Some(p) = prev_cjk {
            out.insert(Cow::Owned([p, c].iter().collect()));
        }
        prev_cjk = Some(c);
    }
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if word.chars().nth(3).is_some() && !word.chars().all(|c| c.is_ascii_digit()) {
            let five = match word.char_indices().nth(5) {
                Some((i, _)) => &word[..i],
                None => word,
            };
            out.insert(Cow::Borrowed(five));
        }
    }
}

/// A short title made from the lead: its first words, cut before trailing
/// function words so it does not end on "of" or "i".
pub fn title_from_lead(lead: &str, lang: &str) -> String {
    let first = sentences(lead).into_iter().next().unwrap_or(lead);
    if first.chars().any(is_cjk) && !first.contains(' ') {
        let cut: String = first.chars().take(30).collect();
        return cut.trim_end_matches(['。', '、', '，']).to_string();
    }
    // Prefer the first clause when it is short enough.
    let clause = first.split([',', ';', ':']).next().unwrap_or(first);
    let base = if clause.split_whitespace().count() >= 4 {
        clause
    } else {
        first
    };
    let fw = function_words(lang);
    let mut words: Vec<&str> = base.split_whitespace().take(8).collect();
    while words.len() > 3
        && words.last().is_some_and(|w| {
            fw.contains(
                &w.to_lowercase()
                    .trim_matches(|c: char| !c.is_alphanumeric()),
            )
        })
    {
        words.pop();
    }
    words
        .join(" ")
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '"')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> DateValue {
        DateValue::Full(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }

    fn values(text: &str) -> Vec<DateValue> {
        find_dates(text).into_iter().map(|h| h.value).collect()
    }

    #[test]
    fn explicit_dates_in_several_languages() {
        assert_eq!(values("Updated on November 3, 2025"), vec![d(2025, 11, 3)]);
        assert_eq!(values("Published 3 Nov 2025 at noon"), vec![d(2025, 11, 3)]);
        assert_eq!(
            values("Publisert 4. november 2025 kl. 10"),
            vec![d(2025, 11, 4)]
        );
        assert_eq!(
            values("Hà Nội, ngày 5 tháng 12 năm 2024"),
            vec![d(2024, 12, 5)]
        );
        assert_eq!(values("2025年11月3日 10時"), vec![d(2025, 11, 3)]);
        assert_eq!(values("Việt NamViệt Nam04/11/2025"), vec![d(2025, 11, 4)]);
        assert_eq!(values("posted 2024-02-29"), vec![d(2024, 2, 29)]);
        assert_eq!(values("12/25/2024 (US order)"), vec![d(2024, 12, 25)]);
    }

    #[test]
    fn day_and_month_without_year() {
        assert_eq!(
            values("met on November 3. Photo"),
            vec![DateValue::DayMonth(11, 3)]
        );
        assert_eq!(
            values("Den 25. november møttes"),
            vec![DateValue::DayMonth(11, 25)]
        );
        assert_eq!(
            values("Sáng ngày 3/11, tại Hà Nội"),
            vec![DateValue::DayMonth(11, 3)]
        );
        assert_eq!(values("11月3日、東京で"), vec![DateValue::DayMonth(11, 3)]);
    }

    #[test]
    fn non_dates_are_not_dates() {
        assert!(values("In the 2025-2030 term, 7.1% growth, 48.18 billion USD").is_empty());
        assert!(values("The association may 3 times a year meet").is_empty());
        assert!(values("31/02/2025").is_empty());
    }

    #[test]
    fn evidence_year_needs_a_present_tense_tie() {
        let p = [
            "The two nations are celebrating the 50th anniversary of ties in 2023.",
            "By 2045 it aims high.",
        ];
        assert_eq!(evidence_year(&p).map(|(y, _)| y), Some(2023));
        assert_eq!(
            evidence_year(&["In fiscal year 2024 ODA reached 23 billion USD."]),
            None
        );
    }

    #[test]
    fn source_lines_and_hosts() {
        let s = source_line("Kilde: https://www.example.no/a/b.html").unwrap();
        assert_eq!(s.url.as_deref(), Some("https://www.example.no/a/b.html"));
        assert_eq!(
            url_host(s.url.as_deref().unwrap()).as_deref(),
            Some("example.no")
        );
        assert_eq!(
            source_line("Nguồn: TTXVN").unwrap().name.as_deref(),
            Some("TTXVN")
        );
        assert!(
            source_line("Read the full report at https://x.org/r on the ministry's site today")
                .is_none()
        );
        assert!(source_line("Source of growth: exports").is_none());
    }

    #[test]
    fn outlet_credits_at_lead_start() {
        let (o, rest) =
            outlet_credit("(baodanang.vn) On Monday the city signed a deal with Osaka.").unwrap();
        assert_eq!(o, "baodanang.vn");
        assert!(rest.starts_with("On Monday"));
        let (o, _) = outlet_credit("VNA – The two sides agreed on a new plan for ports.").unwrap();
        assert_eq!(o, "VNA");
        let (o, _) =
            outlet_credit("TOKYO (Kyodo) - Japan will fund a new metro line in Hanoi.").unwrap();
        assert_eq!(o, "Kyodo");
        assert!(outlet_credit("Japan - A leading important partner").is_none());
        assert!(
            outlet_credit("(Right) Minister Nam speaks at the meeting on Friday in Hue.").is_none()
        );
    }

    #[test]
    fn slogans_and_titles_from_leads() {
        assert!(is_site_slogan("Example.vn - Cổng thông tin điện tử"));
        assert!(!is_site_slogan("Vietnam - Japan relations grow"));
        let t = title_from_lead(
            "Arrangementet regnes som en viktig milepæl i å styrke det økonomiske samarbeidet.",
            "nb",
        );
        assert_eq!(t, "Arrangementet regnes som en viktig milepæl");
    }
}
