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
    let inline = inline(&collapse_whitespace(text));
    escape_line_start(&inline)
}

/// Escape a heading's text; the caller adds the `## ` marker.
pub fn heading(text: &str) -> String {
    // A trailing `#` run would be eaten as a closing sequence; `inline`
    // escapes every `#`, which covers it.
    inline(&collapse_whitespace(text))
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escape characters that form inline syntax anywhere in a line.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '{' | '}' | '!' | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Escape what would start a block: list markers (`-`, `+`, `*`, `1.`, `1)`),
/// setext underlines (`=`, `-`), thematic breaks and footnote/definition shapes.
fn escape_line_start(line: &str) -> String {
    let first = line.chars().next();
    match first {
        Some('-' | '+' | '=' | ':') => format!("\\{line}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
            let rest = &line[digits..];
            if digits <= 9 && (rest.starts_with('.') || rest.starts_with(')')) {
                format!("{}\\{}", &line[..digits], rest)
            } else {
                line.to_string()
            }
        }
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

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
