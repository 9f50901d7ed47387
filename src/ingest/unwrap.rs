//! Hard-wrapped text joined back into one line per paragraph.
//!
//! Text dumps of web pages (`lynx -dump`, `html2text`, wire copy, mail)
//! often break every line at a fixed width. The cleaner reads a seed line
//! by line and takes a line as a paragraph, so a wrapped article looks like
//! sixty fragments with no full sentence, and no body is found. This pass
//! runs first and only changes text that is wrapped: most long lines end
//! mid-sentence and are followed by more of it. Text written one paragraph
//! per line comes back unchanged (borrowed, not copied).
//!
//! A line is joined to the next when it was cut by the wrapper: it does not
//! end a sentence, the next line is not blank, and either the next line's
//! first word would not have fitted on it, or it is long and the next line
//! starts in lower case. Short lines (headings, menu items, datelines) and
//! lines ending in a full stop keep their own line.

use crate::types::is_cjk;
use std::borrow::Cow;

/// Lines longer than this are not the work of a wrapper.
const MAX_WIDTH: usize = 120;
/// Narrower than this is not a wrapped article either (a list of menu items).
const MIN_WIDTH: usize = 40;
/// Share of the long lines that must end mid-sentence for the text to be
/// taken as wrapped.
const WRAPPED_SHARE: f64 = 0.5;
/// At least this many lines must end mid-sentence...
const MIN_CUT_LINES: usize = 4;
/// ... or this many, each followed by a line going on in lower case, which
/// only a wrapper makes (a short excerpt has few lines to tell by).
const MIN_CONTINUED_LINES: usize = 2;

/// `text` with wrapped paragraphs joined, and how many line breaks were
/// removed (0 when the text is not wrapped).
pub fn unwrap(text: &str) -> (Cow<'_, str>, usize) {
    // Most seeds are a paragraph per line: a cheap count of lines that stop
    // mid-sentence before more text (right under them, or after one blank
    // line) rules them out without a copy.
    let mut cut = 0;
    let mut prev: Option<&str> = None;
    let mut blanks = 0;
    for l in text.split('\n') {
        if l.trim().is_empty() {
            blanks += 1;
            continue;
        }
        if let Some(p) = prev
            && blanks <= 1
            && p.len() * 3 >= MIN_WIDTH * 2
            && !ends_sentence(p)
        {
            cut += 1;
        }
        prev = Some(l.trim_end());
        blanks = 0;
    }
    if cut < MIN_CONTINUED_LINES {
        return (Cow::Borrowed(text), 0);
    }
    // Each line with the break after it. A page scraped with a blank line
    // after every line of it ("double-spaced") is read as its lines of text,
    // joined across single blank lines.
    let all: Vec<&str> = text.split('\n').map(|l| l.trim_end()).collect();
    let double = double_spaced(&all);
    let (lines, breaks): (Vec<&str>, Vec<usize>) = if double {
        let mut lines = Vec::new();
        let mut breaks: Vec<usize> = Vec::new();
        for l in &all {
            if l.trim().is_empty() {
                if let Some(b) = breaks.last_mut() {
                    *b += 1;
                }
            } else {
                lines.push(*l);
                breaks.push(1);
            }
        }
        (lines, breaks)
    } else {
        let n = all.len();
        (all, vec![1; n])
    };
    let Some(width) = wrap_width(&lines) else {
        return (Cow::Borrowed(text), 0);
    };
    let mut out = String::with_capacity(text.len());
    let mut joined = 0;
    let mut continuing = false;
    let mut in_body = false;
    for (i, line) in lines.iter().enumerate() {
        out.push_str(if continuing { line.trim_start() } else { line });
        let Some(next) = lines.get(i + 1) else {
            break;
        };
        // Two blank lines are a paragraph break whatever the wrapper did.
        continuing = breaks[i] <= 2 && cut_by_wrapper(line, next, width, in_body);
        in_body |= ends_sentence(line) && width_of(line) * 2 >= width;
        if continuing {
            joined += 1;
            let first = next.trim_start().chars().next();
            let glue_cjk = line.chars().last().is_some_and(is_cjk) && first.is_some_and(is_cjk);
            // Wrappers break at a hyphen ("Olympic-" / "sized", and links'
            // addresses): the hyphen is the word's own, so no space.
            let at_hyphen = line.ends_with('-')
                && line[..line.len() - 1]
                    .chars()
                    .last()
                    .is_some_and(char::is_alphanumeric)
                && first.is_some_and(char::is_alphanumeric);
            if !glue_cjk && !at_hyphen {
                out.push(' ');
            }
        } else {
            for _ in 0..breaks[i] {
                out.push('\n');
            }
        }
    }
    if joined == 0 {
        return (Cow::Borrowed(text), 0);
    }
    (Cow::Owned(out), joined)
}

/// Whether nearly every line of text is followed by one blank line.
fn double_spaced(lines: &[&str]) -> bool {
    let text: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let spaced = text.windows(2).filter(|w| w[1] == w[0] + 2).count();
    text.len() >= 6 && spaced * 10 >= (text.len() - 1) * 8
}

/// The wrapper's width when `lines` look wrapped: the longest line, if
/// most lines near it end mid-sentence.
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let lens: Vec<usize> = lines.iter().map(|l| width_of(l)).collect();
    let width = lines
        .iter()
        .zip(&lens)
        .filter(|(l, n)| **n <= MAX_WIDTH && !lone_link(l))
        .map(|(_, n)| *n)
        .max()?;
    // A wrapper cannot break a long link or a menu of links, so such lines
    // may overrun; a few other long lines may be a table or preformatted.
    let over = lines
        .iter()
        .zip(&lens)
        .filter(|(l, n)| **n > MAX_WIDTH && !l.contains("://") && !l.contains("]("))
        .count();
    if width < MIN_WIDTH || over > 2 + lines.len() / 50 {
        return None;
    }
    let long: Vec<usize> = (0..lines.len())
        .filter(|&i| lens[i] * 3 >= width * 2 && i + 1 < lines.len())
        .collect();
    let cuts: Vec<usize> = long
        .iter()
        .copied()
        .filter(|&i| !ends_sentence(lines[i]) && !lines[i + 1].trim().is_empty())
        .collect();
    let continued = cuts
        .iter()
        .filter(|&&i| {
            lines[i + 1]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        })
        .count();
    let enough = cuts.len() >= MIN_CUT_LINES || continued >= MIN_CONTINUED_LINES;
    (enough && cuts.len() as f64 >= WRAPPED_SHARE * long.len() as f64).then_some(width)
}

/// Whether the wrapper cut `line` before `next`. Above the first full
/// sentence (where headlines stand) only a cut the wrapper must have made
/// counts; below it, any long line that stops mid-sentence goes on, since
/// wrappers of wire copy keep the source's own uneven breaks.
fn cut_by_wrapper(line: &str, next: &str, width: usize, in_body: bool) -> bool {
    let next = next.trim_start();
    if line.trim().is_empty() || next.is_empty() || ends_sentence(line) {
        return false;
    }
    // Markdown and list structure start lines of their own, and a heading,
    // a table row, a lone link or image ends its own.
    if next.starts_with(['-', '*', '•', '#', '>', '|', '+', '!'])
        || line.trim_start().starts_with(['|', '#'])
        || lone_link(line)
        || lone_link(next)
    {
        return false;
    }
    let len = width_of(line);
    // A short line is a heading or a label, whatever follows it.
    if len * 2 < width {
        return false;
    }
    let first_word = next.split_whitespace().next().map_or(0, width_of);
    let would_not_fit = len + 1 + first_word > width;
    let continues = next.chars().next().is_some_and(|c| c.is_lowercase());
    would_not_fit || continues || in_body
}

/// A line that is one Markdown link or image and nothing else: a menu
/// item, a logo, a related story.
fn lone_link(line: &str) -> bool {
    let t = line.trim();
    let t = t.strip_prefix('!').unwrap_or(t);
    t.starts_with('[') && t.ends_with(')') && t.contains("](")
}

/// Columns a line takes: CJK characters are two wide, as wrappers count them.
fn width_of(line: &str) -> usize {
    line.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum()
}

/// Whether a line ends a sentence (closing quotes and brackets looked past).
fn ends_sentence(line: &str) -> bool {
    let last = line
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', '」', '』', '）']);
    last.chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '…' | ':' | ';' | '。' | '！' | '？' | '។' | '။' | '।' | '؟'
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRAPPED: &str = "\
Harbour cranes
The port authority said on Monday that it would add four
cranes to the container terminal, doubling the number of
ships it can serve at once, after two years of delays.
Officials said the cranes would arrive from the maker in
the spring and start work by the summer, when the busy
season for exports begins in the region.
Local firms welcomed the plan.";

    #[test]
    fn wrapped_paragraphs_become_one_line_each() {
        let (text, joined) = unwrap(WRAPPED);
        assert_eq!(joined, 4);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert_eq!(lines[0], "Harbour cranes");
        assert!(
            lines[1].starts_with("The port authority said on Monday that it would add four cranes")
        );
        assert!(lines[1].ends_with("after two years of delays."));
        assert!(lines[2].ends_with("begins in the region."));
        assert_eq!(lines[3], "Local firms welcomed the plan.");
    }

    #[test]
    fn one_paragraph_per_line_is_left_alone() {
        let text = "Headline of the story\nThe first paragraph is one long line that ends with a full stop as it should.\nThe second one does too, and it is also quite long, as paragraphs are.\nHome\nNews\nSport";
        let (out, joined) = unwrap(text);
        assert_eq!(joined, 0);
        assert!(matches!(out, Cow::Borrowed(_)));
    }

    #[test]
    fn long_unwrapped_lines_turn_detection_off() {
        let long = "word ".repeat(40);
        let link = format!("[a link](https://example.com/{})", "x".repeat(150));
        assert_eq!(unwrap(&format!("{WRAPPED}\n{link}")).1, 4);
        // One long line may be a table row; three are text that is not wrapped.
        assert_eq!(unwrap(&format!("{WRAPPED}\n{long}")).1, 4);
        let text = format!("{WRAPPED}\n{long}\n{long}\n{long}");
        assert_eq!(unwrap(&text).1, 0);
    }

    #[test]
    fn double_spaced_wrapped_text_is_joined_across_its_blank_lines() {
        let text = WRAPPED.replace('\n', "\n\n");
        let (out, joined) = unwrap(&text);
        assert_eq!(joined, 4, "{out}");
        let paras: Vec<&str> = out.split("\n\n").collect();
        assert_eq!(paras.len(), 4, "{out}");
        assert!(paras[1].ends_with("after two years of delays."));
        assert_eq!(paras[3], "Local firms welcomed the plan.");
        // Paragraphs written one to a line, double-spaced, stay as they are.
        let prose = "The first paragraph is one long line that ends with a full stop as it should.";
        let text = [prose; 8].join("\n\n");
        assert_eq!(unwrap(&text).1, 0);
    }

    #[test]
    fn a_short_excerpt_is_unwrapped_when_its_lines_go_on_in_lower_case() {
        let text = "Ports pact signed\n\nThe agency signed a record of discussions with the government of\n\nthe country on a project to train harbour staff over five years.\n\nThe project will help set up a school for port managers at the\n\nuniversity, which will take its first students next spring.\n\nIt is the second such project.";
        let (out, joined) = unwrap(text);
        assert_eq!(joined, 2, "{out}");
        assert!(out.contains("government of the country"), "{out}");
        assert!(out.contains("\n\nIt is the second"), "{out}");
    }

    #[test]
    fn japanese_lines_are_glued_without_a_space() {
        let text = "\
日本とベトナムの両政府は、港湾の整備で協力することで
合意し、来年から工事を始める計画だと発表した。関係者
によると、総事業費は約三百億円になる見通しで、地元の
企業も参加する予定だという。今後の日程は未定である。
両国は、人材の育成でも協力を続ける方針を確認して、技
術者の交流を広げることでも一致したと説明している。";
        let (out, joined) = unwrap(text);
        assert_eq!(joined, 4, "{out}");
        assert!(out.contains("協力することで合意し"));
        assert!(!out.contains("で 合"));
    }
}
