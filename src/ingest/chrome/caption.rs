//! Captions told by their shape: photo credits and photographers'
//! names, numbered figures and image references, a Japanese caption's
//! "=" note and the phrases only captions use.

use super::super::words::words;
use super::{closing_bracket, is_field_label, is_name_credit, is_photo_word};
use crate::types::is_cjk;
use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

/// A line ending in a note that its picture only illustrates the story
/// ("… - Ảnh minh họa", "(写真はイメージ)"), by `illustration_marks`.
fn illustrated(t: &str) -> bool {
    let t = t
        .trim_end_matches([')', '）', ']', '】', '.', '。'])
        .trim_end();
    // Only the end is lower-cased: the marks are short.
    let mut from = t.len().saturating_sub(40);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    let tail = t[from..].to_lowercase();
    words().illustration_marks.iter().any(|m| {
        tail.strip_suffix(m.as_str()).is_some_and(|before| {
            // The mark stands on its own: the line's start, or after a
            // separator, a bracket or a full stop.
            let before = before.trim_end();
            before.is_empty() && from == 0
                // Chinese and Japanese put no space before it: "…運作示意圖".
                || m.starts_with(is_cjk)
                || before.ends_with([
                    '-', '–', '—', '(', '（', '[', '【', '.', '。', '|', ':', ',',
                ])
        })
    })
}

/// Photo-credit shapes: "(Photo: X)", "Photo: X" near the end, "- Ảnh 1.",
/// "[사진=X]", "… Photo courtesy of X.",
/// "（写真：X）", "Photo: X" at the start.
pub fn is_caption_shape(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', '|']).trim();
    if glued_image_number(t) || numbered_figure(t) || equals_note(t) || illustrated(t) {
        return true;
    }
    // A bracketed credit at the end.
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']'), ('【', '】')] {
        if let Some((before, inner)) = closing_bracket(t, open, close) {
            let label = inner.split([':', '：', '=']).next().unwrap_or("");
            if inner.contains([':', '：', '=']) && is_photo_word(label) {
                return true;
            }
            // "(Washington Post photo by Jane Doe.)": a credit that names
            // its outlet before the photo word.
            let lower = inner.to_lowercase();
            if inner.split_whitespace().count() <= 12
                && ["photo by", "photos by", "photo courtesy", "photograph by"]
                    .iter()
                    .any(|p| lower.contains(p))
            {
                return true;
            }
            // The note that the picture illustrates, then its credit:
            // "…示意圖。(多維新聞網)".
            if inner.chars().count() <= 24 && illustrated(before) {
                return true;
            }
            // "… pose with the cyclos (Source: VNA)": a field such as the
            // source closing a line that ends no sentence before it is a
            // caption's credit; prose closes its sentence first ("…, he
            // said. (Source: VNA)").
            let sentence_ended = before.trim_end().ends_with(['.', '。', '!', '?']);
            if inner.contains([':', '：']) && !sentence_ended && is_field_label(label) {
                return true;
            }
            // A Chinese photographer's credit: "（新华社记者王晔摄）"; a
            // Japanese one for a picture someone lent: "（同協会提供）".
            let shot_by = (inner.ends_with(['摄', '攝']) || inner.ends_with("提供"))
                && inner.chars().count() <= 16;
            if is_photo_word(inner) || is_name_credit(inner) || shot_by {
                return true;
            }
        }
    }
    // The line's last sentence: a photo word and a name of at most four
    // capitalised words after a full stop ("… . Ảnh JICA", no colon), or
    // "Photo courtesy of X." / "Photo by X".
    let stop = t.rfind(". ").map(|i| i + 2);
    // After ". ", a character boundary.
    let last = &t[stop.unwrap_or(0)..];
    if stop.is_some()
        && let Some((word, name)) = last.split_once(' ')
        && is_photo_word(word)
    {
        let names: Vec<&str> = name.split_whitespace().collect();
        if (1..=4).contains(&names.len()) && names.iter().all(|w| w.starts_with(char::is_uppercase))
        {
            return true;
        }
    }
    // In brackets or not: "(Photo courtesy of the embassy)", "Foto de X
    // na Unsplash", by `photo_by`.
    let last = last.trim_start_matches(['(', '[', '（']);
    // Most lines' last sentence starts with no photo word: no copy.
    let first = last.split_whitespace().next().unwrap_or("");
    let maybe = is_photo_word(first) || first.eq_ignore_ascii_case("courtesy");
    let credit = maybe && {
        let lower = last.to_lowercase();
        words()
            .photo_by
            .iter()
            .any(|p| lower.starts_with(p.as_str()))
    };
    if credit && last.split_whitespace().count() <= 10 {
        return true;
    }
    // "Photo: X" starting the line, or within the last few words. Both need
    // a colon after the word or the line to end in a digit; most lines are
    // prose with neither, and need not be lower-cased and searched.
    if !t.contains([':', '：', '=']) && !t.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let lower = t.to_lowercase();
    // Every test below needs the word to start the line or follow a
    // separator, so only those positions are tried, each against all words,
    // instead of searching the line once per word. No photo word overlaps
    // itself, so this finds the same matches as a per-word search.
    let starts = std::iter::once(0).chain(
        lower
            .char_indices()
            .filter(|&(_, c)| {
                c.is_whitespace() || matches!(c, '.' | '-' | '–' | '(' | '|' | ',' | '/')
            })
            .map(|(i, c)| i + c.len_utf8()),
    );
    for i in starts {
        let rest = &lower[i..];
        // Comparing the first byte first spares a call per word and position.
        let first = rest.as_bytes().first();
        for w in words()
            .photo_words
            .iter()
            .filter(|w| w.as_bytes().first() == first && rest.starts_with(w.as_str()))
        {
            let after = &rest[w.len()..];
            let label_end = after.trim_start();
            // "사진=X" credits with an equals sign, as Korean outlets do.
            if let Some(colon) = label_end
                .chars()
                .next()
                .filter(|c| matches!(c, ':' | '：' | '='))
            {
                // Past the colon, which is three bytes when full-width.
                let credit = label_end[colon.len_utf8()..].trim();
                // "Photo: Dao Tung / correspondent in Tokyo": the name
                // before a slash is the credit, the rest its affiliation.
                let name = credit.split('/').next().unwrap_or("");
                if i == 0 || (name.split_whitespace().count() <= 5 && !name.trim().is_empty()) {
                    return true;
                }
            }
            // "- Ảnh 1": a numbered image reference ends the line.
            if !after.is_empty() && after.trim().chars().all(|c| c.is_ascii_digit()) && i > 0 {
                return true;
            }
        }
    }
    false
}

/// A Japanese newspaper's caption: what the picture shows, "=" and where,
/// when or by whom ("…を配るスタッフ=名古屋市で", "握手する両首脳=28日、
/// 首相官邸"). Prose has a full stop before any "=", and a name's "="
/// ("ジャン=ポール") is followed by more than a note.
fn equals_note(t: &str) -> bool {
    let Some(at) = t.rfind(['=', '＝']) else {
        return false;
    };
    let (before, after) = (&t[..at], t[at..].trim_start_matches(['=', '＝']));
    let cjk_before = before.chars().filter(|&c| is_cjk(c)).count();
    let note = after.chars().count();
    // A caption's note says when or where ("=28日、首相官邸", "=名古屋市
    // で", "=長崎市、JR長崎駅西口広場") or who took the picture ("=共同",
    // "(同協会提供)"); after a wire's headline the sign names the story's
    // source ("…で説明会=在ベトナム日本大使館").
    let caption_note = after.chars().any(char::is_numeric)
        || after.ends_with(['で', '市', '区', '町', '村', '県', '省', '州'])
        || after.contains(['、', ','])
        || ["提供", "撮影", "写真"].iter().any(|w| after.contains(w))
        || note <= 4;
    // A wire's lead also ends in "=写真" when its picture stands beside it,
    // but after a whole report: a caption says who and what in a few words.
    let lead = before.chars().count() >= 70;
    cjk_before >= 8
        && !lead
        && (1..=20).contains(&note)
        && caption_note
        && !before.contains('。')
        && !after.contains('。')
        && after.chars().any(is_cjk)
}

/// What only captions say: a phrase ("chụp ảnh lưu niệm", "pose for a
/// photo", "記念撮影": `caption_phrases` of `data/chrome.toml`), an ending
/// of a short line ("…の様子": `caption_endings`), or a speaker's verb with
/// only where after it ("… spoke at the meeting.": `caption_verbs`).
pub(in crate::ingest) fn has_caption_phrase(t: &str) -> bool {
    let end = t.trim_end();
    if end.chars().count() <= 60
        && !end.ends_with(['。', '.', '다'])
        && words()
            .caption_endings
            .iter()
            .any(|e| end.ends_with(e.as_str()))
    {
        return true;
    }
    let lower = t.to_lowercase();
    // One pass over the line finds the phrases and the verbs: lines this
    // short are many, and the lists are long.
    let Some((ac, phrases)) = caption_matcher() else {
        return false;
    };
    ac.find_overlapping_iter(&lower).any(|m| {
        let k = m.pattern().as_usize();
        if k < *phrases {
            return true;
        }
        // A verb, not at the line's start, with only a few words of where
        // after it and no comma: "… spoke at the meeting.".
        let after = &lower[m.end()..];
        m.start() > 0 && !after.contains([',', ';', ':']) && after.split_whitespace().count() <= 8
    })
}

/// The automaton of `caption_phrases` then `caption_verbs`, and how many
/// phrases come first (`None` if the lists could not make one).
fn caption_matcher() -> Option<&'static (AhoCorasick, usize)> {
    static MATCHER: OnceLock<Option<(AhoCorasick, usize)>> = OnceLock::new();
    MATCHER
        .get_or_init(|| {
            let w = words();
            let all: Vec<&str> = w
                .caption_phrases
                .iter()
                .chain(&w.caption_verbs)
                .map(String::as_str)
                .collect();
            let ac = AhoCorasick::new(all).ok()?;
            Some((ac, w.caption_phrases.len()))
        })
        .as_ref()
}

/// A caption opening with its figure's number: "Hình 1: …", "Figure 2. …",
/// "図3：…" (`figure_labels` of `data/chrome.toml`, a number of up to three
/// digits, then a colon, a full stop or a dash).
fn numbered_figure(t: &str) -> bool {
    // The number stands in the first sixteen characters, and most lines
    // have no digit there: those are not lower-cased.
    if !t.chars().take(16).any(|c| c.is_ascii_digit()) {
        return false;
    }
    let head: String = t.chars().take(16).collect::<String>().to_lowercase();
    words().figure_labels.iter().any(|label| {
        head.strip_prefix(label.as_str()).is_some_and(|rest| {
            let rest = rest.trim_start();
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            (1..=3).contains(&digits)
                && rest[digits..]
                    .trim_start()
                    .starts_with([':', '：', '.', '-', '–'])
        })
    })
}

/// A figure number glued to what follows (`figure_words` of
/// `data/chrome.toml`: "Title - ảnh 1The minister at the forum"): a figure word, one or two digits,
/// then at once a capital letter (no space: the alt text ended there).
fn glued_image_number(t: &str) -> bool {
    // Every such line holds a digit followed by a capital; most lines
    // have none and need no search.
    let b = t.as_bytes();
    if !b
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && w[1].is_ascii_uppercase())
        && !t.chars().any(|c| !c.is_ascii() && c.is_uppercase())
    {
        return false;
    }
    words().figure_words.iter().any(|w| {
        t.match_indices(w.as_str()).any(|(i, m)| {
            let rest = &t[i + m.len()..];
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            (1..=2).contains(&digits)
                && rest[digits..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && i > 0
        })
    })
}
