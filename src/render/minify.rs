//! Whitespace minification of rendered pages, applied to every HTML page
//! before it is handed to the output.
//!
//! Templates are indented for people; a page repeats that indentation on
//! every line. This pass removes only what a browser never renders, and
//! nothing else: the markup, attribute quoting, closing tags and comments
//! stay exactly as written (so the pages stay valid and every check that
//! reads them keeps working; minifiers that unquote attributes and omit
//! closing tags save a little more at that cost).
//!
//! Guarantees:
//! - the contents of `<pre>`, `<textarea>`, `<script>` and `<style>`, every
//!   tag with its attribute values, and comments are copied byte for byte;
//! - elsewhere a run of whitespace becomes one character (a line break if it
//!   held one, else a space), and a run of whitespace alone between two tags
//!   is removed when one of them is a block-level element, where whitespace
//!   does not render;
//! - the same input always gives the same output, and no input panics.

/// Elements at whose edges whitespace does not render (they are blocks,
/// or not rendered at all).
const BLOCKS: &[&str] = &[
    "!doctype",
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "ol",
    "p",
    "pre",
    "script",
    "section",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The longest tag name that matters here ("blockquote", "figcaption")
/// and then some: `Name` keeps this many bytes.
const NAME_LEN: usize = 12;

/// A tag's name, lower-cased, as far as the longest name that matters here.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Name {
    bytes: [u8; NAME_LEN],
    len: usize,
}

impl Name {
    fn as_str(&self) -> &str {
        // Only ASCII letters, digits and `!` are ever stored.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

/// The name of the tag starting at `at` (just after `<`, and after `/` for
/// an end tag); a name too long to be one of ours is cut, which no list holds.
fn tag_name(bytes: &[u8], at: usize) -> Name {
    let mut name = Name {
        bytes: [0; NAME_LEN],
        len: 0,
    };
    for &b in bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!')
        .take(NAME_LEN)
    {
        name.bytes[name.len] = b.to_ascii_lowercase();
        name.len += 1;
    }
    name
}

fn is_block(name: &Name) -> bool {
    // This runs at every tag and every space before one: whole padded
    // names are compared, which needs no call to `memcmp`, and the first
    // byte rules most out before that.
    let Some(&first) = name.bytes[..name.len].first() else {
        return false;
    };
    BLOCK_NAMES
        .iter()
        .any(|b| b[0] == first && *b == name.bytes)
}

/// `BLOCKS` as `Name`s store them: padded with zeros to the same length.
const BLOCK_NAMES: [[u8; NAME_LEN]; BLOCKS.len()] = {
    let mut out = [[0u8; NAME_LEN]; BLOCKS.len()];
    let mut k = 0;
    while k < BLOCKS.len() {
        let name = BLOCKS[k].as_bytes();
        let mut i = 0;
        while i < name.len() {
            out[k][i] = name[i];
            i += 1;
        }
        k += 1;
    }
    out
};

/// Whether the element's contents are copied as they are.
fn is_raw(name: &Name) -> bool {
    matches!(
        &name.bytes[..name.len],
        b"pre" | b"textarea" | b"script" | b"style"
    )
}

/// Find `needle` (ASCII, lower case) in `hay` from `from`, ignoring ASCII case.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    (from..=hay.len().saturating_sub(needle.len()))
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The page with its unrendered whitespace removed (see the module doc).
pub fn minify(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    // Whether the last thing copied was a tag, and if so whether it was a block's.
    let mut after_tag: Option<bool> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'<' {
            if bytes.get(i + 1) == Some(&b'!') && bytes[i..].starts_with(b"<!--") {
                let end = find_ci(bytes, i + 4, b"-->").map_or(bytes.len(), |e| e + 3);
                out.extend_from_slice(&bytes[i..end]);
                i = end;
                after_tag = Some(false);
                continue;
            }
            let closing = bytes.get(i + 1) == Some(&b'/');
            let name = tag_name(bytes, i + 1 + usize::from(closing));
            if name.len == 0 {
                // A lone `<` in text.
                out.push(b);
                i += 1;
                after_tag = None;
                continue;
            }
            // The tag, to its `>` outside quotes.
            let end = crate::types::html_tag_end(bytes, i + 1);
            out.extend_from_slice(&bytes[i..end]);
            i = end;
            after_tag = Some(is_block(&name));
            if !closing && is_raw(&name) && !out.ends_with(b"/>") {
                let close = format!("</{}", name.as_str());
                let stop = find_ci(bytes, i, close.as_bytes()).unwrap_or(bytes.len());
                out.extend_from_slice(&bytes[i..stop]);
                i = stop;
                after_tag = Some(false);
            }
            continue;
        }
        if is_space(b) {
            let start = i;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            let next_block = bytes.get(i) == Some(&b'<') && {
                let closing = bytes.get(i + 1) == Some(&b'/');
                is_block(&tag_name(bytes, i + 1 + usize::from(closing)))
            };
            let between_tags = after_tag.is_some() && bytes.get(i) == Some(&b'<');
            let at_edge = i == bytes.len() || (out.is_empty() && start == 0);
            if (between_tags && (after_tag == Some(true) || next_block)) || at_edge {
                continue;
            }
            let newline = bytes[start..i].contains(&b'\n');
            out.push(if newline { b'\n' } else { b' ' });
            after_tag = None;
            continue;
        }
        // Plain text, up to the next tag or whitespace that may go, copied
        // at once: a single space between two words stays as it is (the
        // whitespace rule above would write it back unchanged).
        let mut end = i;
        while end < bytes.len() {
            let c = bytes[end];
            let kept_space = c == b' '
                && bytes
                    .get(end + 1)
                    .is_some_and(|&n| n != b'<' && !is_space(n));
            if c == b'<' || (is_space(c) && !kept_space) {
                break;
            }
            end += 1;
        }
        out.extend_from_slice(&bytes[i..end]);
        i = end;
        after_tag = None;
    }
    // Only ASCII whitespace was removed and only whole tags copied: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| html.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_listed_once_in_order() {
        assert!(BLOCKS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn block_and_raw_names_match_whole_names_in_any_case() {
        let name = |n: &str| tag_name(n.as_bytes(), 0);
        for b in BLOCKS {
            assert!(is_block(&name(b)), "{b}");
            assert!(is_block(&name(&b.to_ascii_uppercase())), "{b}");
        }
        for n in ["hea", "headers", "a", "span", "p1", "", "blockquotes"] {
            assert!(!is_block(&name(n)), "{n}");
        }
        for n in ["pre", "PRE", "Script", "style", "textarea"] {
            assert!(is_raw(&name(n)), "{n}");
        }
        for n in ["pr", "prefix", "scripts", "styles", "text"] {
            assert!(!is_raw(&name(n)), "{n}");
        }
    }

    #[test]
    fn indentation_between_blocks_goes() {
        let html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <title>T</title>\n</head>\n\
                    <body>\n  <ul>\n    <li><a href=\"x\">A</a></li>\n    <li>B</li>\n  </ul>\n</body>\n</html>\n";
        assert_eq!(
            minify(html),
            "<!DOCTYPE html><html lang=\"en\"><head><title>T</title></head><body><ul><li><a href=\"x\">A</a></li><li>B</li></ul></body></html>"
        );
    }

    #[test]
    fn whitespace_between_inline_elements_stays_as_one() {
        assert_eq!(
            minify("<p><a href=\"a\">A</a>\n   <a href=\"b\">B</a>   and  <em>c</em></p>"),
            "<p><a href=\"a\">A</a>\n<a href=\"b\">B</a> and <em>c</em></p>"
        );
        // "Source: <a>": the space before a link is text.
        assert_eq!(
            minify("<p>Source: <a href=\"u\">u</a></p>"),
            "<p>Source: <a href=\"u\">u</a></p>"
        );
    }

    #[test]
    fn preformatted_scripts_attributes_and_comments_are_untouched() {
        let pre = "<pre><code>a\n    b   c\n</code></pre>";
        assert_eq!(minify(pre), pre);
        let script = "<script>var a =  \"x  y\";\n  if (a < b) {}</script>";
        assert_eq!(minify(script), script);
        let attr = "<a title=\"two  spaces > and\n a line\" href=\"x\">y</a>";
        assert_eq!(minify(attr), attr);
        let comment = "<!--  keep\n  me  -->";
        assert_eq!(minify(comment), comment);
        assert_eq!(
            minify("<PRE>  x  </PRE>\n<p> y </p>"),
            "<PRE>  x  </PRE><p> y </p>"
        );
    }

    #[test]
    fn broken_markup_never_panics() {
        for html in [
            "<",
            "<a",
            "<a title=\"x",
            "<pre>x",
            "<!--",
            "a < b",
            " \n ",
            "<script",
            "</",
        ] {
            let _ = minify(html);
        }
        assert_eq!(minify("a < b"), "a < b");
        assert_eq!(minify("Hải  Phòng\n"), "Hải Phòng");
        // Text runs with their single spaces: every other run of
        // whitespace still becomes one character (a space inside a block's
        // edge stays: it may be rendered), or goes between blocks.
        assert_eq!(
            minify("<p>a b  c\td \n e <b>f</b> g </p>\n<p> h</p>"),
            "<p>a b c d\ne <b>f</b> g </p><p> h</p>"
        );
    }
}
