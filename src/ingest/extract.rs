//! Extraction helpers that read one piece of text: sentences, source lines,
//! outlet credits, site slogans and titles made from a lead. Dates are in
//! [`super::dates`].

pub use super::dates::{DateHit, DateValue, evidence_year, find_dates, years};

use super::lang::function_words;
use crate::types::is_cjk;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};

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
            '。' | '！' | '？' | '។' | '။' | '।' => true,
            // An ellipsis ("수용... 2위는") joins a headline's parts, as
            // news writes them, rather than ending a sentence.
            // A sentence starts with a capital where letters have case, so
            // a full stop before a lower-case word closes an abbreviation
            // ("Mitsui & Co. plans", "e.g. the"), not a sentence.
            '.' => {
                chars.peek().is_none_or(|&(_, n)| n.is_whitespace())
                    && (chars.peek().is_none()
                        || !(is_ordinal(&text[start..i])
                            || text[..i].ends_with("..")
                            || text[end..].trim_start().starts_with(char::is_lowercase)))
            }
            '!' | '?' => chars.peek().is_none_or(|&(_, n)| n.is_whitespace()),
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

/// Whether `before` ends in a bare number of one or two digits, which a
/// full stop after makes an ordinal in German and the Nordic languages
/// ("die 2. U-Bahn", "am 28. August"), not the end of a sentence.
fn is_ordinal(before: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    (1..=2).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
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

/// Whether an upper-case word reads as a word rather than as letters: a
/// dateline's place ("TOKYO", "HANOI", "PARIS") against an agency's
/// initials ("AFP", "VNA", "NHK"). Initials are mostly consonants.
fn reads_as_word(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    let vowels = letters
        .iter()
        .filter(|c| "AEIOUY".contains(c.to_ascii_uppercase()))
        .count();
    letters.len() >= 3
        && letters.iter().all(|c| c.is_uppercase())
        && vowels * 5 >= letters.len() * 2
}

/// An outlet credit at the start of a lead: "(example.gov.vn) On ...",
/// "AFP - On ...", "HANOI (VNA) – ...", "VnExpress - ...". A dateline's
/// place alone ("TOKYO – ...") is no outlet. Returns the outlet and the
/// lead without it.
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
    if rest.starts_with(dashes)
        && ((looks_like_acronym(first) && !reads_as_word(first)) || looks_like_domain(first))
    {
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

    #[test]
    fn an_ordinal_full_stop_ends_no_sentence() {
        // German writes ordinals with a full stop: one headline, one sentence.
        assert_eq!(
            sentence_count("Milliardenkredit für 2. U-Bahn in Saigon"),
            1
        );
        assert_eq!(sentences("Am 28. August unterzeichnet. Das Werk").len(), 2);
        assert_eq!(
            sentence_count("日, 외국인 노동자 대폭 수용... 2위는 대만"),
            1
        );
        // A year or an amount before the full stop still ends the sentence.
        assert_eq!(
            sentence_count("Trade grew again in 2023. Both sides agreed on more"),
            2
        );
        assert_eq!(
            sentence_count("The loan rose by 5 billion yen to 125. Both sides agreed"),
            2
        );
    }

    #[test]
    fn a_full_stop_before_a_lower_case_word_ends_no_sentence() {
        // A firm's "& Co." in a headline: one sentence, not two.
        assert_eq!(
            sentence_count("Sakura & Co. plans to widen its farm arm in Hue"),
            1
        );
        assert_eq!(sentences("Tools, e.g. the new mill. It runs").len(), 2);
        // Where the next word has a capital, the sentence ends as before.
        assert_eq!(sentences("Sakura & Co. Plans were made. Then").len(), 3);
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
        // A dateline's place is not an outlet; initials are.
        assert!(
            outlet_credit("SEOUL – The two ministers met for talks on trade and ports.").is_none()
        );
        assert!(
            outlet_credit("OSAKA - The prefecture will host a delegation of thirty firms.")
                .is_none()
        );
        let (o, _) =
            outlet_credit("AFP – The two ministers met for talks on trade and ports.").unwrap();
        assert_eq!(o, "AFP");
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
