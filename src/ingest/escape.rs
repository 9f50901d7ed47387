//! Markdown escaping: scraped text must come out of the Markdown renderer as
//! the same literal text, never as markup or raw HTML.
//!
//! Each paragraph is written as one line, so only inline syntax and the
//! block markers at the start of a line can take effect. `<`, `>` and `&`
//! become entities (which also keeps a scraped `<!-- more -->` from acting
//! as the summary marker); other ASCII punctuation with a meaning in
//! CommonMark or its extensions is backslash-escaped.

/// Escape one paragraph of plain text for use as a Markdown paragraph.
pub fn paragraph(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 1);
    let mut words = text.split_whitespace();
    if let Some(first) = words.next() {
        // Escaping leaves digits, `-`, `+`, `=`, `:`, `.` and `)` alone, so
        // the block markers can be found in the text before it is escaped.
        let digits = first.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &first[digits..];
        let split = match first.as_bytes()[0] {
            b'-' | b'+' | b'=' | b':' => Some(0),
            b'0'..=b'9' if digits <= 9 && (rest.starts_with('.') || rest.starts_with(')')) => {
                Some(digits)
            }
            _ => None,
        };
        match split {
            Some(at) => {
                out.push_str(&first[..at]);
                out.push('\\');
                push_inline(&mut out, &first[at..]);
            }
            None => push_inline(&mut out, first),
        }
    }
    for w in words {
        out.push(' ');
        push_inline(&mut out, w);
    }
    out
}

/// Escape a heading's text; the caller adds the `## ` marker.
pub fn heading(text: &str) -> String {
    // A trailing `#` run would be eaten as a closing sequence; `inline`
    // escapes every `#`, which covers it.
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (k, w) in text.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        push_inline(&mut out, w);
    }
    out
}

/// Escape characters that form inline syntax anywhere in a line.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_inline(&mut out, text);
    out
}

fn push_inline(out: &mut String, text: &str) {
    // Everything escaped is ASCII, so the text between is copied in runs.
    let mut from = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\\' => "\\\\",
            b'`' => "\\`",
            b'*' => "\\*",
            b'_' => "\\_",
            b'[' => "\\[",
            b']' => "\\]",
            b'|' => "\\|",
            b'~' => "\\~",
            b'#' => "\\#",
            b'{' => "\\{",
            b'}' => "\\}",
            b'!' => "\\!",
            b'$' => "\\$",
            b'^' => "\\^",
            _ => continue,
        };
        out.push_str(&text[from..i]);
        out.push_str(rep);
        from = i + 1;
    }
    out.push_str(&text[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown;

    fn html(md: &str) -> String {
        markdown::render(md).html
    }

    #[test]
    fn block_markers_stay_literal() {
        for (input, shown) in [
            ("# Not a heading", "# Not a heading"),
            ("1. not a list", "1. not a list"),
            ("2) not a list", "2) not a list"),
            ("- not a bullet", "- not a bullet"),
            ("+ not a bullet", "+ not a bullet"),
            ("> not a quote", "&gt; not a quote"),
            ("=== not a rule", "=== not a rule"),
        ] {
            let out = html(&paragraph(input));
            assert_eq!(out.trim(), format!("<p>{shown}</p>"), "{input}");
        }
    }

    #[test]
    fn inline_syntax_and_html_stay_literal() {
        let out = html(&paragraph(
            "*stars* _under_ `code` [x](y) <script>alert(1)</script> &amp; ~~del~~ a|b [^1]",
        ));
        assert!(out.contains("*stars*"), "{out}");
        assert!(out.contains("_under_"), "{out}");
        assert!(out.contains("`code`"), "{out}");
        assert!(out.contains("[x](y)"), "{out}");
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
        assert!(out.contains("&amp;amp;"), "{out}");
        assert!(
            !out.contains("<em>") && !out.contains("<a ") && !out.contains("<del>"),
            "{out}"
        );
    }

    #[test]
    fn more_marker_in_text_is_not_a_marker() {
        let md = paragraph("before <!-- more --> after");
        assert!(!md.contains(markdown::MORE_MARKER));
        assert!(markdown::render(&md).summary_text.is_none());
    }

    #[test]
    fn heading_text_is_escaped() {
        let out = html(&format!("## {}", heading("Plan #2 *now* {#id}")));
        assert!(out.contains("Plan #2 *now* {#id}"), "{out}");
    }

    #[test]
    fn plain_prose_is_untouched() {
        let s = "Vietnam's GDP grew 7.1% in 2025 (estimate), officials said.";
        assert_eq!(paragraph(s), s);
    }
}
