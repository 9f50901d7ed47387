//! Key figures: the amounts, counts and shares a reader scans for, each with
//! a label saying what it counts (`label`). Dates, years, ordinals and codes
//! are skipped; a number is given once, and so is a thing counted.

mod label;
mod words;

use crate::types::{Figure, is_cjk};
use words::{Lists, holds, lexicon, match_start};

/// At most this many figures per article.
pub const MAX_FIGURES: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum Kind {
    Money,
    People,
    Firms,
    Deals,
    Percent,
}

impl Kind {
    fn rank(self) -> u32 {
        match self {
            Kind::Money => 50,
            Kind::People => 40,
            Kind::Firms => 35,
            Kind::Deals => 25,
            Kind::Percent => 20,
        }
    }
}

struct Found {
    kind: Kind,
    value: String,
    label: String,
    pos: usize,
}

/// Extract up to [`MAX_FIGURES`] figures, most useful first. `demonyms`
/// are the lower-case words that name the digest's countries (from the
/// gazetteer): right after a number with no noun after them, they are the
/// people counted ("500,000 Vietnamese have settled").
pub fn extract(text: &str, demonyms: &[String]) -> Vec<Figure> {
    let mut found: Vec<Found> = Vec::new();
    let mut offset = 0;
    for sentence in split_sentences(text) {
        let base = offset_of(text, sentence).unwrap_or(offset);
        offset = base + sentence.len();
        for f in figures_in_sentence(sentence, demonyms) {
            found.push(Found {
                pos: base + f.pos,
                ..f
            });
        }
    }
    found.sort_by(|a, b| b.kind.rank().cmp(&a.kind.rank()).then(a.pos.cmp(&b.pos)));
    let mut out: Vec<Figure> = Vec::new();
    for f in found {
        // One figure per number, and one per thing counted: the same
        // number said twice, or two labels saying the same, is one figure.
        let number = digits(&f.value);
        if out
            .iter()
            .any(|o| digits(&o.value) == number || label::near_copy(&o.label, &f.label))
        {
            continue;
        }
        out.push(Figure {
            value: f.value,
            label: f.label,
        });
        if out.len() == MAX_FIGURES {
            break;
        }
    }
    out
}

/// The digits of a value, without separators, scale or unit: "630,000",
/// "630.000" and "630 000 people" are one number.
fn digits(value: &str) -> String {
    value.chars().filter(char::is_ascii_digit).collect()
}

fn offset_of(text: &str, part: &str) -> Option<usize> {
    let start = part.as_ptr() as usize;
    let base = text.as_ptr() as usize;
    (start >= base && start <= base + text.len()).then(|| start - base)
}

/// Sentences: lines, split again after . ! ? followed by a space.
fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut start = 0;
        let bytes = line.as_bytes();
        for (i, c) in line.char_indices() {
            if matches!(c, '.' | '!' | '?') && bytes.get(i + 1).is_some_and(|b| *b == b' ') {
                out.push(&line[start..=i]);
                start = i + 1;
            }
        }
        if start < line.len() {
            out.push(&line[start..]);
        }
    }
    out
}

/// The number starting at `i` (a digit not inside a word): its end. Accepts
/// "48.18", "630,000", "630.000" and "630 000".
fn number_end(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    let mut j = i;
    let mut group = 0;
    while j < b.len() {
        if b[j].is_ascii_digit() {
            j += 1;
            group += 1;
        } else {
            let separator =
                (b[j] == b'.' || b[j] == b',') && b.get(j + 1).is_some_and(u8::is_ascii_digit);
            // "630 000": a space before exactly three digits.
            let space_group = b[j] == b' '
                && group <= 3
                && b.len() > j + 3
                && b[j + 1..j + 4].iter().all(u8::is_ascii_digit)
                && !b.get(j + 4).is_some_and(u8::is_ascii_digit);
            if !(separator || space_group) {
                break;
            }
            j += 1;
            group = 0;
        }
    }
    j
}

/// The words after byte `i`, lower-cased and stripped of punctuation, with
/// the byte offset where each ends; stops at clause punctuation.
fn words_after(s: &str, i: usize, n: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut pos = i;
    let rest = &s[i..];
    for raw in rest.split_inclusive(char::is_whitespace) {
        let start = pos;
        pos += raw.len();
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let word = trimmed
            .trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '%' | '$' | '¥' | '€'));
        if !word.is_empty() {
            let lead = raw.len() - raw.trim_start().len();
            let at = trimmed.find(word).unwrap_or(0);
            out.push((word.to_lowercase(), start + lead + at + word.len()));
        }
        let stops = trimmed.ends_with([',', ';', ':', '(', ')', '.'])
            || trimmed.starts_with(['(', '"', '“']);
        if out.len() >= n || stops {
            break;
        }
    }
    out
}

fn counted_kind(lists: &Lists, words: &[(String, usize)], demonyms: &[String]) -> Option<Kind> {
    // The noun may follow a qualifier or two: "2,000 Japanese enterprises".
    // A nationality right after the number is the noun itself when no other
    // noun follows: "500,000 Vietnamese have settled".
    for skip in 0..words.len().min(3) {
        let tail: String = words[skip..]
            .iter()
            .map(|(w, _)| w.as_str())
            .collect::<Vec<_>>()
            .join(" ")
            + " ";
        for (list, kind) in [
            (&lists.firms, Kind::Firms),
            (&lists.deals, Kind::Deals),
            (&lists.people, Kind::People),
        ] {
            if list.iter().any(|n| tail.starts_with(n.as_str())) {
                return Some(kind);
            }
        }
    }
    words
        .first()
        .filter(|(w, _)| demonyms.iter().any(|n| w.starts_with(n.as_str())))
        .map(|_| Kind::People)
}

fn figures_in_sentence(s: &str, demonyms: &[String]) -> Vec<Found> {
    let lex = lexicon();
    let lists = &lex.lists;
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit()
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'/' || b[i - 1] == b'-'))
        {
            // Skip to the next char boundary after a non-number byte.
            i += 1;
            while i < b.len() && !s.is_char_boundary(i) {
                i += 1;
            }
            continue;
        }
        let end = number_end(s, i);
        let num = &s[i..end];
        let next_char = s[end..].chars().next();
        let prev_char = s[..i].chars().next_back();
        // A letter glued to a number makes a code ("B2", "32C"); CJK
        // characters glue to every number, their units among them.
        let latin = |c: char| c.is_alphabetic() && !is_cjk(c);
        let glued_letter = next_char.is_some_and(latin) || prev_char.is_some_and(latin);
        let date_like = next_char == Some('/') || prev_char == Some('/');
        let start = i;
        i = end;
        if glued_letter || date_like {
            continue;
        }
        if next_char.is_some_and(|c| is_cjk(c) || c == '％') || prev_char.is_some_and(is_cjk) {
            let unit = lex.cjk_units.iter().find(|(u, _)| s[end..].starts_with(u));
            if let Some((u, kind)) = unit {
                let value_end = end + u.len();
                let label = label::cjk(lists, s, start, value_end);
                if !label.is_empty() {
                    out.push(Found {
                        kind: *kind,
                        value: s[start..value_end].to_string(),
                        label,
                        pos: start,
                    });
                }
            }
            continue;
        }
        let prev_word = s[..start]
            .split_whitespace()
            .next_back()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .unwrap_or_default();
        if holds(&lists.months, &prev_word) {
            continue;
        }
        let before = &s[..start];
        let currency_prefix = lists
            .currency_prefixes
            .iter()
            .find(|p| before.ends_with(p.as_str()));
        let words = words_after(s, end, 6);
        let mut value_end = end;
        let mut k = 0;
        let mut kind = None;
        if next_char == Some('%') {
            kind = Some(Kind::Percent);
            value_end = end + 1;
        } else {
            let plain: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
            let n = match_start(&lists.percent_words, &plain);
            let n = if n == 0 && plain.first() == Some(&"%") {
                1
            } else {
                n
            };
            if n > 0 {
                kind = Some(Kind::Percent);
                value_end = words[n - 1].1;
            }
        }
        if kind.is_none() {
            while k < words.len() && k < 2 && holds(&lists.scales, &words[k].0) {
                value_end = words[k].1;
                k += 1;
            }
            let mut currency = currency_prefix.is_some();
            let plain: Vec<&str> = words[k..].iter().map(|(w, _)| w.as_str()).collect();
            let n = match_start(&lists.currencies, &plain);
            if n > 0 {
                currency = true;
                value_end = words[k + n - 1].1;
                k += n;
            }
            if currency {
                kind = Some(Kind::Money);
            }
        }
        if kind.is_none() {
            let is_year =
                num.len() == 4 && num.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
            if is_year
                || words
                    .first()
                    .is_some_and(|(w, _)| holds(&lists.time_units, w))
            {
                continue;
            }
            kind = counted_kind(lists, &words[k..], demonyms);
        }
        let Some(kind) = kind else {
            continue;
        };
        let value_start = match currency_prefix {
            Some(p) => start - p.len(),
            None => start,
        };
        let value = s[value_start..value_end].trim().to_string();
        let label = label::spaced(lists, s, value_start, value_end, kind, demonyms);
        if label.is_empty() {
            continue;
        }
        out.push(Found {
            kind,
            value,
            label,
            pos: value_start,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demonyms() -> Vec<String> {
        ["vietnam", "japan", "vietnames", "japanes", "japaner"]
            .map(String::from)
            .to_vec()
    }

    fn extract(text: &str) -> Vec<Figure> {
        super::extract(text, &demonyms())
    }

    fn values(text: &str) -> Vec<String> {
        extract(text).into_iter().map(|f| f.value).collect()
    }

    #[test]
    fn cjk_amounts_and_counts_with_their_units() {
        let f = extract(
            "日本企業の投資額は約1,200億円に達し、在日ベトナム人は52万人、進出企業は2,300社。",
        );
        let v: Vec<&str> = f.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(v, ["1,200億円", "52万人", "2,300社"]);
        let labels: Vec<&str> = f.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(labels, ["日本企業の投資額", "在日ベトナム人", "進出企業"]);
        assert_eq!(values("한국 기업은 15억 달러를 투자했다"), ["15억 달러"]);
    }

    #[test]
    fn demonyms_come_from_the_countries_given() {
        let counted =
            |d: &[String]| super::extract("Since then 40,000 Koreans have settled.", d).len();
        assert_eq!(counted(&demonyms()), 0);
        assert_eq!(counted(&["korea".to_string()]), 1);
    }

    #[test]
    fn english_amounts_counts_and_shares() {
        let f = extract(
            "On November 3, 2025, officials said total trade turnover reached 48.18 billion USD, \
             with more than 630,000 Vietnamese people living in Japan and 2,000 Japanese enterprises. \
             Kansai accounts for 30% of investment. It was the 50th anniversary over 30 years.",
        );
        let v: Vec<&str> = f.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(v, ["48.18 billion USD", "630,000", "2,000", "30%"]);
        let labels: Vec<&str> = f.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Total trade turnover",
                "Vietnamese people living in Japan",
                "Japanese enterprises",
                "Kansai"
            ]
        );
    }

    #[test]
    fn vietnamese_and_norwegian_figures() {
        assert_eq!(
            values(
                "Kim ngạch thương mại đạt 48,18 tỷ USD; hơn 630.000 người Việt sinh sống tại Nhật Bản."
            ),
            ["48,18 tỷ USD", "630.000"]
        );
        assert_eq!(
            values(
                "Handelen nådde 48,18 milliarder dollar, og over 630 000 vietnamesere bor i Japan."
            ),
            ["48,18 milliarder dollar", "630 000"]
        );
        assert_eq!(values("Japan ga US$1.5 billion i lån."), ["US$1.5 billion"]);
    }

    #[test]
    fn dates_years_ordinals_and_codes_are_skipped() {
        assert!(
            values("On 3/11 and November 3 in 2045, the 14th congress on Highway 2, 2B and 32C.")
                .is_empty()
        );
        assert!(values("ngày 3 tháng 11 năm 2025, sau 30 năm").is_empty());
    }

    #[test]
    fn at_most_six_figures() {
        let text = [
            "Hanoi",
            "Hue",
            "Vinh",
            "Hai Phong",
            "Can Tho",
            "Da Lat",
            "Quy Nhon",
        ]
        .iter()
        .enumerate()
        .map(|(i, town)| format!("{}0 companies in {town} joined.", i + 1))
        .collect::<Vec<_>>()
        .join(" ");
        assert_eq!(extract(&text).len(), MAX_FIGURES);
    }
}
