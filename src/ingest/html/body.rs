//! The article's DOM as escaped Markdown blocks: headings, paragraphs,
//! lists, blockquotes, tables, and captions (kept as captions, never as
//! body paragraphs).
//!
//! Guarantees:
//! - Every character of page text goes through `escape`, so no page text
//!   becomes Markdown or HTML markup; no tag or attribute of the page is
//!   ever copied: only the structure is read.
//! - A link is kept only when it resolves to an absolute http(s) URL; its
//!   target is the URL parser's serialisation, inside `<…>`, so it cannot
//!   close the link early. `javascript:`, `data:` and the like keep their
//!   text and lose the link.
//! - Scripts, styles, forms, embedded objects and templates never pass.
//! - Walking is bounded in depth, so a hostile nesting cannot exhaust the
//!   stack.

use super::super::{Block, escape};
use dom_query::NodeRef;

const MAX_DEPTH: usize = 256;

/// Elements whose content is never article text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "form", "button", "input", "select", "textarea",
    "option", "iframe", "object", "embed", "svg", "math", "canvas", "video", "audio", "nav",
    "head", "title", "meta", "link", "img", "picture", "source", "map", "dialog",
];

/// Elements that end the paragraph around them.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "li",
    "blockquote",
    "table",
    "figure",
    "figcaption",
    "pre",
    "hr",
    "address",
    "body",
    "html",
    "center",
    "details",
    "summary",
];

/// One run of inline content: text and links.
#[derive(Default)]
struct Inline {
    pieces: Vec<(String, Option<String>)>,
}

impl Inline {
    fn text(&mut self, t: &str) {
        match self.pieces.last_mut() {
            Some((last, None)) => last.push_str(t),
            _ => self.pieces.push((t.to_string(), None)),
        }
    }

    fn plain(&self) -> String {
        let all: String = self.pieces.iter().map(|(t, _)| t.as_str()).collect();
        all.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn is_blank(&self) -> bool {
        self.pieces.iter().all(|(t, _)| t.trim().is_empty())
    }

    /// Escaped Markdown on one line: the first words go through
    /// `escape::paragraph` (which guards the block markers at a line's
    /// start), the rest through `escape::inline`.
    fn markdown(&self) -> String {
        let mut out = String::new();
        let mut at_start = true;
        let mut space = false;
        for (text, link) in &self.pieces {
            let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if collapsed.is_empty() {
                space |= !text.is_empty();
                continue;
            }
            if (space || text.starts_with(char::is_whitespace)) && !at_start {
                out.push(' ');
            }
            let escaped = if at_start {
                escape::paragraph(&collapsed)
            } else {
                escape::inline(&collapsed)
            };
            match link {
                Some(url) => {
                    out.push('[');
                    out.push_str(&escaped);
                    out.push_str("](<");
                    out.push_str(url);
                    out.push_str(">)");
                }
                None => out.push_str(&escaped),
            }
            at_start = false;
            space = text.ends_with(char::is_whitespace);
        }
        out
    }
}

/// What the walk made: the blocks, and how many of each kind.
pub struct Converted {
    pub blocks: Vec<Block>,
    pub captions: usize,
    pub dropped_links: usize,
}

struct Walk<'b> {
    base: Option<&'b url::Url>,
    skip: fn(&NodeRef) -> bool,
    blocks: Vec<Block>,
    inline: Inline,
    captions: usize,
    dropped_links: usize,
}

/// The blocks of `root`'s content; `base` resolves relative links.
pub fn convert(root: &NodeRef, base: Option<&url::Url>) -> Converted {
    convert_filtered(root, base, |_| false)
}

/// [`convert`], leaving out every element for which `skip` holds.
pub fn convert_filtered(
    root: &NodeRef,
    base: Option<&url::Url>,
    skip: fn(&NodeRef) -> bool,
) -> Converted {
    let mut w = Walk {
        base,
        skip,
        blocks: Vec::new(),
        inline: Inline::default(),
        captions: 0,
        dropped_links: 0,
    };
    w.children(root, 0);
    w.flush();
    Converted {
        blocks: w.blocks,
        captions: w.captions,
        dropped_links: w.dropped_links,
    }
}

fn name_of(node: &NodeRef) -> String {
    node.node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_caption(node: &NodeRef, name: &str) -> bool {
    name == "figcaption"
        || node.class().is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            c.contains("caption") || c.contains("credit")
        })
}

impl Walk<'_> {
    fn flush(&mut self) {
        let inline = std::mem::take(&mut self.inline);
        if inline.is_blank() {
            return;
        }
        let plain = inline.plain();
        if inline.pieces.iter().all(|(_, l)| l.is_none()) {
            self.blocks.push(Block::Paragraph(plain));
        } else {
            self.blocks.push(Block::Rich {
                markdown: inline.markdown(),
                plain,
            });
        }
    }

    fn link(&self, href: &str) -> Option<String> {
        let u = match url::Url::parse(href.trim()) {
            Ok(u) => u,
            Err(url::ParseError::RelativeUrlWithoutBase) => self.base?.join(href.trim()).ok()?,
            Err(_) => return None,
        };
        matches!(u.scheme(), "http" | "https").then(|| u.to_string())
    }

    fn children(&mut self, node: &NodeRef, depth: usize) {
        for child in node.children_it(false) {
            self.node(&child, depth + 1);
        }
    }

    /// Inline content of `node` into `into` (links kept, blocks flattened).
    fn inline_of(&mut self, node: &NodeRef, depth: usize, into: &mut Inline) {
        for child in node.children_it(false) {
            if child.is_text() {
                into.text(&child.text());
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let name = name_of(&child);
            if DROPPED.contains(&name.as_str()) || depth > MAX_DEPTH {
                continue;
            }
            if name == "br" {
                into.text(" ");
                continue;
            }
            if BLOCKS.contains(&name.as_str()) || name == "li" {
                into.text(" ");
            }
            if name == "a"
                && let Some(href) = child.attr("href")
            {
                let text = child.text().to_string();
                match self.link(&href) {
                    Some(url) if !text.trim().is_empty() => {
                        into.pieces.push((text, Some(url)));
                        continue;
                    }
                    Some(_) => continue,
                    None => self.dropped_links += 1,
                }
            }
            self.inline_of(&child, depth + 1, into);
        }
    }

    fn line_of(&mut self, node: &NodeRef, depth: usize) -> Inline {
        let mut inline = Inline::default();
        self.inline_of(node, depth, &mut inline);
        inline
    }

    fn node(&mut self, node: &NodeRef, depth: usize) {
        if node.is_text() {
            self.inline.text(&node.text());
            return;
        }
        if !node.is_element() {
            return;
        }
        let name = name_of(node);
        if DROPPED.contains(&name.as_str()) || (self.skip)(node) {
            return;
        }
        if depth > MAX_DEPTH {
            // Past the bound the text still counts, as one paragraph.
            self.inline.text(&format!(" {} ", node.text()));
            return;
        }
        if is_caption(node, &name) {
            self.flush();
            let line = self.line_of(node, depth);
            if !line.is_blank() {
                self.captions += 1;
                self.blocks.push(Block::Rich {
                    markdown: format!("*Caption:* {}", line.markdown()),
                    plain: line.plain(),
                });
            }
            return;
        }
        match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let text = clean_text(&node.text());
                if text.is_empty() {
                    return;
                }
                if matches!(name.as_str(), "h1" | "h2") {
                    self.blocks.push(Block::Heading(text));
                } else {
                    self.blocks.push(Block::Rich {
                        markdown: format!("### {}", escape::heading(&text)),
                        plain: text,
                    });
                }
            }
            "ul" | "ol" => {
                self.flush();
                self.list(node, depth, name == "ol");
            }
            "blockquote" => {
                self.flush();
                let mut inner = Walk {
                    base: self.base,
                    skip: self.skip,
                    blocks: Vec::new(),
                    inline: Inline::default(),
                    captions: 0,
                    dropped_links: 0,
                };
                inner.children(node, depth);
                inner.flush();
                self.dropped_links += inner.dropped_links;
                let mut md = Vec::new();
                let mut plain = Vec::new();
                for b in &inner.blocks {
                    let (m, p) = block_text(b);
                    md.push(format!("> {m}"));
                    plain.push(p);
                }
                if !md.is_empty() {
                    self.blocks.push(Block::Rich {
                        markdown: md.join("\n>\n"),
                        plain: plain.join(" "),
                    });
                }
            }
            "table" => {
                self.flush();
                self.table(node, depth);
            }
            "br" => self.inline.text(" "),
            "hr" => self.flush(),
            "a" => {
                let mut line = std::mem::take(&mut self.inline);
                self.inline_of_one(node, depth, &mut line);
                self.inline = line;
            }
            _ if BLOCKS.contains(&name.as_str()) => {
                self.flush();
                self.children(node, depth);
                self.flush();
            }
            _ => self.children(node, depth),
        }
    }

    /// An `<a>` met among blocks: as inline content of the current line.
    fn inline_of_one(&mut self, node: &NodeRef, depth: usize, into: &mut Inline) {
        let text = node.text().to_string();
        match node.attr("href").and_then(|h| self.link(&h)) {
            Some(url) if !text.trim().is_empty() => into.pieces.push((text, Some(url))),
            _ => {
                if node.has_attr("href") {
                    self.dropped_links += 1;
                }
                self.inline_of(node, depth + 1, into);
            }
        }
    }

    fn list(&mut self, node: &NodeRef, depth: usize, ordered: bool) {
        let mut md = Vec::new();
        let mut plain = Vec::new();
        for item in node.element_children() {
            let line = self.line_of(&item, depth + 1);
            if line.is_blank() {
                continue;
            }
            let marker = if ordered {
                format!("{}.", md.len() + 1)
            } else {
                "-".to_string()
            };
            md.push(format!("{marker} {}", line.markdown()));
            plain.push(line.plain());
        }
        if !md.is_empty() {
            self.blocks.push(Block::Rich {
                markdown: md.join("\n"),
                plain: plain.join("\n"),
            });
        }
    }

    fn table(&mut self, node: &NodeRef, depth: usize) {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut plain = Vec::new();
        let mut trs = Vec::new();
        rows_of(node, depth, &mut trs);
        for tr in &trs {
            let mut row = Vec::new();
            for cell in tr.element_children() {
                if matches!(name_of(&cell).as_str(), "td" | "th") {
                    let line = self.line_of(&cell, depth + 2);
                    plain.push(line.plain());
                    row.push(escape::inline(&line.plain()));
                }
            }
            if !row.is_empty() {
                rows.push(row);
            }
        }
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 {
            return;
        }
        let line = |r: &[String]| {
            let mut cells: Vec<&str> = r.iter().map(String::as_str).collect();
            cells.resize(cols, "");
            format!("| {} |", cells.join(" | "))
        };
        let mut md = vec![line(&rows[0]), format!("|{}", " --- |".repeat(cols))];
        md.extend(rows[1..].iter().map(|r| line(r)));
        self.blocks.push(Block::Rich {
            markdown: md.join("\n"),
            plain: plain.join(" "),
        });
    }
}

/// The table's rows in page order, through `thead`, `tbody` and `tfoot`.
fn rows_of<'a>(node: &NodeRef<'a>, depth: usize, out: &mut Vec<NodeRef<'a>>) {
    if depth > MAX_DEPTH {
        return;
    }
    for c in node.element_children() {
        match name_of(&c).as_str() {
            "tr" => out.push(c),
            "thead" | "tbody" | "tfoot" => rows_of(&c, depth + 1, out),
            _ => {}
        }
    }
}

/// A caption block: marked as one, so it never reads as a body paragraph.
pub fn caption(text: &str) -> Block {
    Block::Rich {
        markdown: format!("*Caption:* {}", escape::paragraph(text)),
        plain: text.to_string(),
    }
}

fn block_text(b: &Block) -> (String, String) {
    match b {
        Block::Heading(t) => (escape::heading(t), t.clone()),
        Block::Paragraph(t) => (escape::paragraph(t), t.clone()),
        Block::Rich { markdown, plain } => (markdown.replace('\n', " "), plain.clone()),
    }
}

fn clean_text(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn md(html: &str) -> String {
        let doc = Document::from(html);
        let base = url::Url::parse("https://example.com/news/a.html").unwrap();
        let body = doc.select("body");
        let root = body.nodes().first().cloned().unwrap();
        let c = convert(&root, Some(&base));
        let a = super::super::super::ImportedArticle {
            front: Default::default(),
            blocks: c.blocks,
            explanation: String::new(),
        };
        a.markdown()
    }

    #[test]
    fn structure_is_kept_and_escaped() {
        let out = md(
            "<body><h2>Trade</h2><p>First *para* with <a href='/x'>a link</a>.</p><p><a href='https://a.example/'>x</a> starts</p>\
            <ul><li>one</li><li>- two</li></ul><ol><li>uno</li></ol>\
            <blockquote><p>Quoted</p></blockquote>\
            <table><tr><th>A</th><th>B|C</th></tr><tr><td>1</td><td>2</td></tr></table>\
            <figure><img src=x alt=pic><figcaption>The port</figcaption></figure></body>",
        );
        assert!(out.contains("## Trade"), "{out}");
        assert!(
            out.contains("First \\*para\\* with [a link](<https://example.com/x>)."),
            "{out}"
        );
        assert!(out.contains("[x](<https://a.example/>) starts"), "{out}");
        assert!(out.contains("- one\n- \\- two"), "{out}");
        assert!(out.contains("1. uno"), "{out}");
        assert!(out.contains("> Quoted"), "{out}");
        assert!(
            out.contains("| A | B\\|C |\n| --- | --- |\n| 1 | 2 |"),
            "{out}"
        );
        assert!(out.contains("*Caption:* The port"), "{out}");
        assert!(!out.contains("pic"), "{out}");
    }

    #[test]
    fn hostile_markup_is_inert() {
        let out = md("<body><p onclick='x()'>Hi <script>alert(1)</script>\
            <img src=x onerror=alert(2)><a href='javascript:alert(3)'>click</a> \
            <a href='data:text/html,x'>d</a> &lt;b&gt;</p><style>p{}</style>\
            <form><input value=secret></form></body>");
        assert!(!out.contains("alert"), "{out}");
        assert!(!out.contains("javascript"), "{out}");
        assert!(
            !out.contains("onclick") && !out.contains("onerror"),
            "{out}"
        );
        assert!(!out.contains("<b>") && out.contains("&lt;b&gt;"), "{out}");
        assert!(out.contains("click") && !out.contains("secret"), "{out}");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "<body>{}text{}</body>",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        assert!(md(&html).contains("text"));
    }
}
