//! A saved page without its scripts and style sheets, before it is parsed.
//!
//! They are over half of a saved page's bytes, and the page is parsed
//! several times over (once here for metadata, then by the main extractor,
//! which copies its tree twice more by printing and parsing it again);
//! nothing read from the page is in them but JSON-LD, which stays. Elements
//! are found the way a browser's tokeniser finds them: tags skipped whole
//! (quoted attribute values may hold `<script>`), comments skipped, the
//! contents of raw-text elements (`<title>`, `<textarea>`, `<noscript>` …)
//! read as text, and a script's end found past the escaped and
//! double-escaped sections (`<!-- document.write("<script>…</script>") -->`)
//! that do not end it.

use crate::types::html_tag_end as tag_end;
use std::borrow::Cow;

/// Elements whose contents are text up to their own end tag: a `<script>`
/// written inside them is not one.
const RAW_TEXT: &[&[u8]] = &[
    b"title",
    b"textarea",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
];

/// `html` without its `<script>` elements (but JSON-LD ones) and `<style>`
/// elements.
pub(super) fn without_code(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut keep: Vec<(usize, usize)> = Vec::new();
    let (mut copied, mut i) = (0, 0);
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        let at = i + k;
        let rest = &b[at..];
        if rest.starts_with(b"<!--") {
            i = find(b, at + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = at + 1 + usize::from(closing);
        let named = b.get(name_at).is_some_and(u8::is_ascii_alphabetic);
        if !named {
            // `<!doctype …>`, `<?xml …>`, `</ …>`: a bogus comment up to the
            // next `>`. A `<` before anything else is text.
            let bogus = matches!(rest.get(1), Some(b'!' | b'?'))
                || (closing && rest.get(2).is_some_and(|&c| c != b'>'));
            i = if bogus {
                memchr::memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e + 1)
            } else {
                at + 1
            };
            continue;
        }
        let tag_end = tag_end(b, name_at);
        if closing {
            i = tag_end;
            continue;
        }
        let tag = &b[at..tag_end];
        if is_named(b, name_at, b"script") {
            let end = script_end(b, tag_end);
            if !contains_ci(tag, b"ld+json") {
                keep.push((copied, at));
                copied = end;
            }
            i = end;
        } else if is_named(b, name_at, b"style") {
            let end = raw_end(b, tag_end, b"style");
            keep.push((copied, at));
            copied = end;
            i = end;
        } else if let Some(name) = RAW_TEXT.iter().find(|n| is_named(b, name_at, n)) {
            i = raw_end(b, tag_end, name);
        } else if is_named(b, name_at, b"plaintext") {
            break;
        } else {
            i = tag_end;
        }
    }
    if keep.is_empty() {
        return Cow::Borrowed(html);
    }
    keep.push((copied, b.len()));
    let mut out = String::with_capacity(keep.iter().map(|(s, e)| e - s).sum());
    for (s, e) in keep {
        // Every cut is at a `<` or just after a `>`: char boundaries.
        out.push_str(&html[s..e]);
    }
    Cow::Owned(out)
}

/// Whether the tag name starting at `at` is `name` (any case), whole: a
/// tag's name runs to a space, `/` or `>`.
fn is_named(b: &[u8], at: usize, name: &[u8]) -> bool {
    b.len() >= at + name.len()
        && b[at..at + name.len()].eq_ignore_ascii_case(name)
        && b.get(at + name.len())
            .is_none_or(|c| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
}

/// Just past the end tag `</name …>` of a raw-text element whose contents
/// start at `from`; the end of the page when it is never closed.
fn raw_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut j = from;
    while let Some(k) = find(b, j, b"</") {
        if is_named(b, k + 2, name) {
            return tag_end(b, k + 2);
        }
        j = k + 2;
    }
    b.len()
}

/// Just past a script's end tag, its contents starting at `from`: the
/// first `</script` outside the double-escaped parts of an escaped part
/// (`<!--` … `-->`), as the HTML tokeniser reads script data.
fn script_end(b: &[u8], from: usize) -> usize {
    let (mut escaped, mut double) = (false, false);
    let mut j = from;
    while let Some(k) = memchr::memchr2(b'<', b'-', &b[j..]) {
        let at = j + k;
        let rest = &b[at..];
        if !escaped && rest.starts_with(b"<!--") {
            escaped = true;
            j = at + 4;
        } else if escaped && rest.starts_with(b"-->") {
            escaped = false;
            double = false;
            j = at + 3;
        } else if rest.starts_with(b"</") && is_named(b, at + 2, b"script") {
            if !double {
                return tag_end(b, at + 2);
            }
            double = false;
            j = at + 2;
        } else if escaped && !double && rest.starts_with(b"<") && is_named(b, at + 1, b"script") {
            double = true;
            j = at + 1;
        } else {
            j = at + 1;
        }
    }
    b.len()
}

/// The first `needle` in `b` from `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|k| from + k)
}

/// `needle` (lower case) occurs in `hay`, ignoring ASCII case.
fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::without_code;

    #[test]
    fn scripts_and_styles_go_json_ld_stays() {
        let page = "<html><head><title>T</title><STYLE>p{}</style>\
                    <script type=\"application/ld+json\">{\"headline\":\"H\"}</script>\
                    <script src=\"a.js\"></script><script>var s = '</p>';</SCRIPT >\
                    </head><body><p>Text</p></body></html>";
        assert_eq!(
            without_code(page),
            "<html><head><title>T</title>\
             <script type=\"application/ld+json\">{\"headline\":\"H\"}</script>\
             </head><body><p>Text</p></body></html>"
        );
        let plain = "<p>No code at all</p>";
        assert!(matches!(without_code(plain), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn script_lookalikes_are_left_as_the_browser_reads_them() {
        // In a comment, an attribute value, a title or a textarea, `<script>`
        // is text; `<scripts>` is another element.
        for page in [
            "<!-- <script>x</script> --><p>A</p>",
            "<a title=\"<script>\" href=\"x\">A</a><p>B</p>",
            "<title>How <script> tags work</title><p>C</p>",
            "<textarea><style>p{}</style></textarea>",
            "<scripts>D</scripts><stylex>E</stylex><script-x>F</script-x>",
            "<![CDATA[ <script>G</script> ]]>",
        ] {
            assert_eq!(without_code(page), page);
        }
    }

    #[test]
    fn a_script_ends_past_what_it_writes_out() {
        let page = "<p>A</p><script><!-- document.write('<script src=x></script>'); --></script>\
                    <p>B</p><script>if (a<b && c-->d) {}</script><p>C</p>";
        assert_eq!(without_code(page), "<p>A</p><p>B</p><p>C</p>");
        // Never closed: the rest of the page is the script's.
        assert_eq!(without_code("<p>A</p><script>x = 1;"), "<p>A</p>");
        assert_eq!(without_code("<p>A</p><style>p{"), "<p>A</p>");
        // Broken input never panics.
        for page in [
            "<",
            "<script",
            "<script x='",
            "<!--",
            "<a \"",
            "<textarea>",
            "é<script>é",
        ] {
            let _ = without_code(page);
        }
    }
}
