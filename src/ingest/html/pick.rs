//! Our own main-content picker: the block whose paragraphs hold the most
//! text that is not links. It is the fallback when the main extractor
//! finds nothing (or is skipped for a page nested too deep), and the
//! baseline the main extractor was measured against.
//!
//! Each paragraph of at least [`MIN_PARAGRAPH`] characters gives its
//! length, less its link text, to its parent and half to its grandparent;
//! the best-scoring block, weighted down by its own share of link text, is
//! the article. Within it, furniture (share bars, related links, comments,
//! by class or id) is left out.
//!
//! Guarantees: linear in the page's size, no recursion over the tree (so
//! no nesting depth overflows the stack); the same page always gives the
//! same block; the reason is said in words for `import --explain`.

use super::body::{self, Converted};
use dom_query::{Document, NodeId, NodeRef};
use std::collections::HashMap;

/// Shorter text is a label, a date or a button, not a paragraph.
pub const MIN_PARAGRAPH: usize = 25;

/// Class or id words of blocks that are site furniture, not the article.
const FURNITURE: &[&str] = &[
    "comment",
    "share",
    "social",
    "related",
    "sidebar",
    "footer",
    "newsletter",
    "promo",
    "advert",
    "banner",
    "cookie",
    "subscribe",
    "breadcrumb",
    "tags",
    "author-bio",
    "recommend",
    "popular",
    "most-read",
    "signup",
    "paywall",
];

fn char_len(t: &str) -> usize {
    t.split_whitespace().map(|w| w.chars().count() + 1).sum()
}

fn link_len(n: &NodeRef) -> usize {
    n.select_links_len()
}

trait LinkText {
    fn select_links_len(&self) -> usize;
}

impl LinkText for NodeRef<'_> {
    fn select_links_len(&self) -> usize {
        self.descendants_it()
            .filter(|d| d.node_name().as_deref() == Some("a"))
            .map(|a| char_len(&a.text()))
            .sum()
    }
}

/// Whether a block's class or id names site furniture.
pub fn is_furniture(n: &NodeRef) -> bool {
    let mut words = String::new();
    if let Some(c) = n.class() {
        words.push_str(&c.to_ascii_lowercase());
    }
    if let Some(i) = n.id_attr() {
        words.push(' ');
        words.push_str(&i.to_ascii_lowercase());
    }
    !words.is_empty() && FURNITURE.iter().any(|f| words.contains(f))
}

/// The article's blocks and why that block was taken.
pub fn article(doc: &Document, base: Option<&url::Url>) -> (Converted, String) {
    let mut score: HashMap<NodeId, f64> = HashMap::new();
    let mut order: Vec<NodeRef> = Vec::new();
    let mut paragraphs = 0usize;
    for p in doc.select("p, pre, td, blockquote, li").nodes() {
        let text = p.text();
        let len = char_len(&text);
        if len < MIN_PARAGRAPH {
            continue;
        }
        let own = len.saturating_sub(link_len(p)) as f64;
        if own < MIN_PARAGRAPH as f64 / 2.0 {
            continue;
        }
        paragraphs += 1;
        // Commas mark sentences, as Readability counts them.
        let weight = own + 10.0 * text.matches([',', '，', '、']).count() as f64;
        for (k, anc) in p.ancestors_it(Some(2)).enumerate() {
            if !anc.is_element() || is_furniture(&anc) {
                break;
            }
            let e = score.entry(anc.id).or_insert_with(|| {
                order.push(anc);
                0.0
            });
            *e += weight / (k as f64 + 1.0);
        }
    }
    let best = order
        .iter()
        .map(|n| {
            let total = char_len(&n.text()).max(1) as f64;
            let density = link_len(n) as f64 / total;
            (n, score[&n.id] * (1.0 - density))
        })
        // First of equals, so the choice does not depend on map order.
        .fold(None::<(&NodeRef, f64)>, |acc, (n, s)| match acc {
            Some((_, b)) if b >= s => acc,
            _ => Some((n, s)),
        });
    match best {
        Some((node, s)) => {
            let c = body::convert_filtered(node, base, is_furniture);
            let why = format!(
                "our picker: the block with the most paragraph text outside links \
                 (score {s:.0}, from {paragraphs} paragraphs of {MIN_PARAGRAPH}+ characters)"
            );
            (c, why)
        }
        None => {
            let root = doc.select("body").nodes().first().copied();
            let c = match root {
                Some(b) => body::convert_filtered(&b, base, is_furniture),
                None => body::convert(&doc.root(), base),
            };
            (
                c,
                "our picker: no paragraph of full sentences, so the whole page's text".into(),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Block;

    #[test]
    fn the_text_block_wins_over_menus_and_furniture() {
        let para = "Hai Phong port handled more containers this year, officials said, \
                    as Japanese investors expanded logistics parks nearby.";
        let html = format!(
            "<body><div id=menu><p><a href=/a>Home news world business sport culture</a></p></div>\
             <div class=story><p>{para}</p><p>{para}</p>\
             <div class=share-bar><p>Share this story on every network you know of</p></div></div>\
             <div class=related><p>{para}</p></div></body>"
        );
        let doc = Document::from(html.as_str());
        let (c, why) = article(&doc, None);
        assert!(why.starts_with("our picker"), "{why}");
        assert_eq!(c.blocks.len(), 2, "{:?}", c.blocks);
        assert!(matches!(&c.blocks[0], Block::Paragraph(t) if t.starts_with("Hai Phong")));
        let (c, _) = article(&Document::from("<body>just words</body>"), None);
        assert_eq!(c.blocks, vec![Block::Paragraph("just words".into())]);
    }
}
