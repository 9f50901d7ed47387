//! Saved web pages (`.html`, `.htm`, `.html.gz`) as seeds.
//!
//! The page is decoded by its declared charset (`charset`), its scripts and
//! style sheets dropped (`code`), parsed once,
//! its own metadata read (`meta`: headline, date, outlet, source, language,
//! author, each with a fallback chain), the article's block found by
//! rs-trafilatura (chosen over dom_smoothie and a text-density picker of
//! our own on measured body F1; see `bench/html/`), with `pick` as the
//! fallback when it finds nothing, and the block turned into escaped
//! Markdown (`body`).
//!
//! Guarantees:
//! - Any bytes give an article or a [`SeedProblem`], never a panic: a
//!   compressed page is inflated only up to [`MAX_INFLATED`]; a page nested
//!   deeper than [`MAX_NESTING`] skips the recursive extractor; a panic in
//!   the extractor is caught and the fallback used.
//! - Nothing of the page's markup reaches the page import writes: only text,
//!   escaped, and http(s) links (see `body`).
//! - The same bytes always give the same article.

mod body;
mod code;
pub mod meta;
mod pick;
mod tidy;

use super::extract::url_host;
use super::{Block, ImportedArticle, MAX_SEED_BYTES, SeedProblem, charset, lang};
use crate::content::FrontMatter;
use crate::types::Language;
use dom_query::{Document, NodeRef};
use std::fmt::Write as _;
use std::io::Read as _;

/// The most a compressed page may inflate to: a saved article is far
/// smaller; more is a compression bomb or not an article.
pub const MAX_INFLATED: u64 = 4 * MAX_SEED_BYTES;
/// Pages nested deeper than this are extracted by the iterative fallback
/// only: the main extractor recurses over the tree.
pub const MAX_NESTING: usize = 400;

/// Whether a seed file name is a saved page.
pub fn is_page(name: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    [".html", ".htm", ".html.gz", ".htm.gz"]
        .iter()
        .any(|e| lower.ends_with(e.as_bytes()))
}

/// The page's bytes, inflated when the name ends in `.gz`.
pub fn inflate(name: &str, bytes: &[u8]) -> Result<Vec<u8>, SeedProblem> {
    if !name.to_ascii_lowercase().ends_with(".gz") {
        return Ok(bytes.to_vec());
    }
    let mut out = Vec::new();
    let mut dec = flate2::read::MultiGzDecoder::new(bytes).take(MAX_INFLATED + 1);
    dec.read_to_end(&mut out)
        .map_err(|e| SeedProblem::Unreadable {
            what: "compressed page",
            why: format!("it cannot be inflated ({e}); save the page again, or gunzip it"),
        })?;
    if out.len() as u64 > MAX_INFLATED {
        return Err(SeedProblem::TooLarge {
            bytes: out.len() as u64,
        });
    }
    Ok(out)
}

/// The deepest element nesting of the document, counted without recursion.
fn nesting(doc: &Document) -> usize {
    let root = doc.root();
    let mut stack = vec![(root, 0usize)];
    let mut deepest = 0;
    while let Some((n, d)) = stack.pop() {
        deepest = deepest.max(d);
        if deepest > MAX_NESTING {
            break;
        }
        for c in n.children_it(false) {
            if c.is_element() {
                stack.push((c, d + 1));
            }
        }
    }
    deepest
}

/// Which extractor found the article: for the benchmark's comparison.
/// `BILATERAL_DIGEST_HTML_EXTRACTOR=own` uses our own picker alone.
fn own_only() -> bool {
    std::env::var_os("BILATERAL_DIGEST_HTML_EXTRACTOR").is_some_and(|v| v == "own")
}

/// Text as HTML: one paragraph a line, escaped as any text.
fn text_as_html(text: &str) -> String {
    let mut h = String::from("<body>");
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        h.push_str("<p>");
        h.push_str(&line.replace('&', "&amp;").replace('<', "&lt;"));
        h.push_str("</p>");
    }
    h
}

/// Whether `text` begins as `markup` does once its tags are gone: letters
/// and digits only, the first 60 of them.
fn starts_alike(text: &str, markup: &str) -> bool {
    fn first_60(s: impl Iterator<Item = char>) -> String {
        s.filter(|c| c.is_alphanumeric()).take(60).collect()
    }
    let mut in_tag = false;
    let want = first_60(markup.chars().filter(|&c| {
        let keep = !in_tag && c != '<';
        in_tag = (in_tag || c == '<') && c != '>';
        keep
    }));
    want.chars().count() >= 20 && first_60(text.chars()) == want
}

/// The article's HTML as the main extractor found it, with a note on why.
///
/// `ld_body` is the page's JSON-LD `articleBody`. When rs-trafilatura
/// prefers it to the DOM it flattens it to one paragraph, and an HTML body
/// with unclosed `<div>`s comes out with its text repeated once per open
/// div; the body is read here instead, through the same converter as any
/// page, so its paragraphs and headings stay and nothing is doubled.
fn main_extractor(
    text: &str,
    source: Option<&str>,
    ld_body: Option<&str>,
) -> Option<(String, String)> {
    let options = rs_trafilatura::Options {
        url: source.map(str::to_string),
        include_links: true,
        // A seed is an article by what the digest is for; the crate's
        // page-type model would only re-decide it, at a third of the
        // extraction's time on the benchmark's pages.
        page_type: Some(rs_trafilatura::page_type::PageType::Article),
        ..rs_trafilatura::Options::default()
    };
    let extract = |options: &rs_trafilatura::Options| {
        std::panic::catch_unwind(|| rs_trafilatura::extract_with_options(text, options))
            .ok()?
            .ok()
    };
    let mut result = extract(&options)?;
    let merged = |r: &rs_trafilatura::ExtractResult| {
        r.warnings
            .iter()
            .any(|w| w.starts_with("Used multi-candidate merge"))
    };
    // The crate's last resort for a short article merges every high-scoring
    // block of the page as bare text: the article, then "more from" and
    // related stories, with the paragraphs run together. The article profile
    // without that step is the category one; its single block is kept.
    let mut unmerged = "";
    if merged(&result) {
        let single = rs_trafilatura::Options {
            page_type: Some(rs_trafilatura::page_type::PageType::Category),
            ..options.clone()
        };
        if let Some(r) = extract(&single).filter(|r| !merged(r) && r.content_html.is_some()) {
            result = r;
            unmerged = "; its single block, the merge of all high-scoring blocks set aside";
        }
    }
    let quality = format!(
        "page type {}, extraction quality {:.2}{unmerged}",
        result.metadata.page_type.as_deref().unwrap_or("unknown"),
        result.extraction_quality
    );
    // The body comes from JSON-LD on two paths: preferred to the DOM, or as
    // the fallback's first resort when the DOM gave too little.
    let took_ld = |body: &str| {
        let w = |p: &str| result.warnings.iter().any(|w| w.starts_with(p));
        w("Using JSON-LD content")
            || (w("Used fallback extraction") && starts_alike(&result.content_text, body))
    };
    if let Some(body) = ld_body.filter(|b| took_ld(b)) {
        let markup = body.contains("</") || body.contains("<p") || body.contains("<br");
        let html = if markup {
            format!("<body>{body}</body>")
        } else {
            text_as_html(body)
        };
        let form = if markup { "HTML" } else { "text" };
        let note = format!(
            "rs-trafilatura's main-content choice, the page's JSON-LD articleBody ({form}; {quality})"
        );
        return Some((html, note));
    }
    let html = match result.content_html.filter(|h| !h.trim().is_empty()) {
        Some(h) => h,
        None if !result.content_text.trim().is_empty() => text_as_html(&result.content_text),
        None => return None,
    };
    Some((
        html,
        format!("rs-trafilatura's main-content choice ({quality})"),
    ))
}

/// The words of a block's first text, to find the block in the page.
fn first_words(blocks: &[Block]) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        Block::Paragraph(t) | Block::Rich { plain: t, .. } if t.chars().count() >= 30 => {
            Some(t.chars().take(30).collect())
        }
        _ => None,
    })
}

/// Where in the page the article's first paragraph sits: the nearest
/// ancestor that is an `<article>`, `<main>` or has an id or class.
fn locate<'a>(doc: &'a Document, needle: &str) -> Option<NodeRef<'a>> {
    let needle: String = needle.split_whitespace().collect::<Vec<_>>().join(" ");
    let start: String = needle.chars().take(20).collect();
    let hit = doc
        .select("p, div, td, li, span")
        .nodes()
        .iter()
        .find(|n| {
            let own = n.immediate_text();
            own.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(&start)
        })
        .cloned()?;
    hit.ancestors_it(Some(30)).find(|a| {
        a.is_element()
            && (matches!(a.node_name().as_deref(), Some("article" | "main"))
                || a.id_attr().is_some()
                || a.class().is_some())
    })
}

/// `<div id="x" class="a b">`, its id and class cut short and their text
/// kept to letters, digits, `-` and `_` (it goes into a report, not a page).
fn describe(n: &NodeRef) -> String {
    let safe = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
            .take(60)
            .collect()
    };
    let mut out = format!("<{}", n.node_name().as_deref().unwrap_or("?"));
    if let Some(id) = n.id_attr() {
        let _ = write!(out, " id=\"{}\"", safe(&id));
    }
    if let Some(c) = n.class() {
        let _ = write!(out, " class=\"{}\"", safe(&c));
    }
    out.push('>');
    out
}

/// The blocks of a fragment's DOM (a feed item's content).
pub(super) fn convert(node: &NodeRef, base: Option<&url::Url>) -> Vec<Block> {
    body::convert(node, base).blocks
}

/// Clean and extract one saved page, without I/O.
pub fn process(
    name: &str,
    bytes: &[u8],
    lang_hint: Option<&Language>,
    allowed: &[Language],
) -> Result<ImportedArticle, SeedProblem> {
    let raw = inflate(name, bytes)?;
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(SeedProblem::Empty);
    }
    let decoded = charset::decode(&raw);
    drop(raw);
    let text = code::without_code(&decoded.text);
    let doc = Document::from(text.as_ref());
    let m = meta::read(&doc);
    let mut ex = format!("== {name}\n");
    let _ = writeln!(ex, "  charset: {} ({})", decoded.encoding, decoded.because);
    let source = m.source.as_ref().map(|(s, _)| s.clone());
    let base = source.as_deref().and_then(|s| url::Url::parse(s).ok());

    let deep = nesting(&doc) > MAX_NESTING;
    let main = if deep || own_only() {
        None
    } else {
        main_extractor(&text, source.as_deref(), m.article_body.as_deref())
    };
    let (mut converted, why) = match main {
        Some((html, note)) => {
            let part = Document::from(html.as_str());
            let c = part
                .select("body")
                .nodes()
                .first()
                .map(|b| body::convert(b, base.as_ref()));
            match c {
                Some(c) if !c.blocks.is_empty() => (c, note),
                _ => pick::article(&doc, base.as_ref()),
            }
        }
        None => {
            let (c, mut why) = pick::article(&doc, base.as_ref());
            if deep {
                why =
                    format!("{why} (page nested over {MAX_NESTING} deep: main extractor skipped)");
            }
            (c, why)
        }
    };

    let title = m.title.clone();
    let titles: Vec<&str> = title
        .iter()
        .map(|(t, _)| t.as_str())
        .chain(m.h1.as_deref())
        .collect();
    let tidied = tidy::tidy(&mut converted.blocks, &titles);
    if converted.blocks.is_empty() {
        return Err(SeedProblem::NoBody);
    }
    let plain: String = converted
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading(t) | Block::Paragraph(t) | Block::Rich { plain: t, .. } => t.as_str(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (title, title_source, title_inferred) = match title {
        Some((t, s)) => (t, s, false),
        None => {
            let lead = plain.lines().next().unwrap_or_default();
            let t = super::extract::title_from_lead(lead, "");
            (t, "text", true)
        }
    };
    if title.trim().is_empty() {
        return Err(SeedProblem::NoTitle);
    }
    let language = lang_hint
        .cloned()
        .map(|l| (l, "hint"))
        .or_else(|| {
            m.language
                .as_ref()
                .map(|(l, _)| Language::new(l.split(['_', ' ']).next().unwrap_or(l)))
                .filter(|l| l.is_well_formed())
                .map(|l| (l, "page"))
        })
        .or_else(|| lang::detect(&plain, allowed).map(|l| (l, "detected")));
    let (date, date_source) = match &m.date {
        Some((d, s)) => (Some(*d), *s),
        None => match super::dates::find_dates(&plain)
            .into_iter()
            .find_map(|h| match h.value {
                super::dates::DateValue::Full(d) => Some(d),
                _ => None,
            }) {
            Some(d) => (Some(d), "text"),
            None => (None, "none"),
        },
    };
    let outlet = m
        .outlet
        .as_ref()
        .map(|(o, _)| o.clone())
        .or_else(|| source.as_deref().and_then(url_host));
    let summary = m.description.clone();

    let _ = writeln!(ex, "  headline from {title_source}: {title}");
    let _ = writeln!(
        ex,
        "  date from {date_source}: {}",
        date.map(|d| d.to_string()).unwrap_or_else(|| "none".into())
    );
    let field = |v: &Option<(String, &'static str)>| match v {
        Some((x, s)) => format!("{x} (from {s})"),
        None => "none".into(),
    };
    let _ = writeln!(ex, "  outlet: {}", field(&m.outlet));
    let _ = writeln!(ex, "  source: {}", field(&m.source));
    let _ = writeln!(
        ex,
        "  language: {}",
        language
            .as_ref()
            .map(|(l, s)| format!("{l} (from {s})"))
            .unwrap_or_else(|| "unknown".into())
    );
    let _ = writeln!(ex, "  author: {}", field(&m.author));
    let _ = writeln!(ex, "  article block: {why}");
    if let Some(words) = first_words(&converted.blocks)
        && let Some(at) = locate(&doc, &words)
    {
        let _ = writeln!(ex, "  article block found in the page at {}", describe(&at));
        // The main extractor leaves figures out; their captions are kept,
        // as captions, after the body.
        if converted.captions == 0 {
            let figures = at.ancestors_it(Some(3)).last().unwrap_or(at);
            for cap in figures.descendants_it() {
                if cap.node_name().as_deref() != Some("figcaption") {
                    continue;
                }
                if let Some(text) = meta::clean(&cap.text()) {
                    // A caption the extractor took as a paragraph is a caption.
                    converted
                        .blocks
                        .retain(|b| !matches!(b, Block::Paragraph(t) if *t == text));
                    converted.captions += 1;
                    converted.blocks.push(body::caption(&text));
                }
            }
        }
    }
    for n in &tidied {
        let _ = writeln!(ex, "  tidy: {n}");
    }
    let _ = writeln!(
        ex,
        "  body: {} blocks, {} captions kept as captions, {} links dropped (not http(s))",
        converted.blocks.len(),
        converted.captions,
        converted.dropped_links
    );
    let front = FrontMatter {
        title,
        title_inferred,
        date,
        date_inferred: false,
        language: language.map(|(l, _)| l),
        source,
        outlet,
        author: m.author.as_ref().and_then(|(a, _)| super::clean_author(a)),
        summary,
        seed: Some(name.to_string()),
        ..Default::default()
    };
    Ok(ImportedArticle {
        front,
        blocks: converted.blocks,
        explanation: ex,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_bombs() {
        assert!(is_page(b"a.HTML") && is_page(b"b.htm") && is_page(b"c.html.gz"));
        assert!(!is_page(b"a.txt") && !is_page(b"a.xml"));
        assert!(matches!(
            inflate("x.html.gz", b"not gzip"),
            Err(SeedProblem::Unreadable { .. })
        ));
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut enc, &vec![b' '; (MAX_INFLATED + 10) as usize]).unwrap();
        let bomb = enc.finish().unwrap();
        assert!(matches!(
            inflate("x.html.gz", &bomb),
            Err(SeedProblem::TooLarge { .. })
        ));
    }

    #[test]
    fn a_page_becomes_an_article_with_its_metadata() {
        let para = "Vietnam and Japan agreed on Monday to deepen cooperation in ports, \
                    energy and the training of workers, officials in Hanoi said.";
        let page = format!(
            "<html lang=\"en\"><head><title>Deal | Daily</title>\
             <meta property=\"og:site_name\" content=\"Daily\"></head><body>\
             <nav><a href=\"/\">Home</a></nav><article><h1>Ports deal signed</h1>\
             <p>{para}</p><p>{para}</p><p>{para}</p></article></body></html>"
        );
        let a = process("p.html", page.as_bytes(), None, &[]).unwrap();
        assert_eq!(a.front.title, "Ports deal signed");
        assert_eq!(a.front.outlet.as_deref(), Some("Daily"));
        assert_eq!(a.front.language.as_ref().unwrap().as_str(), "en");
        assert!(a.markdown().contains("Vietnam and Japan agreed"));
        assert!(!a.markdown().contains("Home"), "{}", a.markdown());
        assert!(
            a.explanation.contains("headline from <h1>"),
            "{}",
            a.explanation
        );
        assert_eq!(
            process("e.html", b"  \n", None, &[]).unwrap_err(),
            SeedProblem::Empty
        );
    }

    /// A page whose DOM holds a teaser and whose JSON-LD holds the story.
    fn ld_page(body: &str) -> String {
        format!(
            "<html lang=\"en\"><head><title>Deal</title>\
             <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
             \"headline\":\"Ports deal signed\",\"articleBody\":\"{body}\"}}</script>\
             </head><body><article><h1>Ports deal signed</h1><p>Read the story.</p>\
             </article></body></html>"
        )
    }

    #[test]
    fn a_json_ld_body_keeps_its_paragraphs_and_is_not_doubled() {
        let one = "Vietnam and Japan agreed on Monday to deepen cooperation in ports, \
                   energy and the training of workers, officials in Hanoi said.";
        let two = "The agreement covers the expansion of two container terminals and a \
                   training centre for port engineers in Hai Phong, the ministry added.";
        let three = "Japanese lenders will provide most of the money over five years, with \
                     the first payments due before the end of the coming year, it said.";
        // HTML with unclosed <div>s, as some pages write it.
        let html = format!(
            "<div class=\\\"a\\\"><p>{one}<\\/p><div><p>{two}</p><h2>Money</h2><p>{three}</p>"
        );
        let a = process("p.html", ld_page(&html).as_bytes(), None, &[]).unwrap();
        let md = a.markdown();
        for t in [one, two, three] {
            assert_eq!(md.matches(t).count(), 1, "{md}\n{}", a.explanation);
        }
        assert!(md.contains("## Money"), "{md}");
        assert!(
            a.explanation.contains("JSON-LD articleBody (HTML"),
            "{}",
            a.explanation
        );
        // Plain text: a paragraph a line.
        let text = format!("{one}\\n{two}\\n{three}");
        let a = process("t.html", ld_page(&text).as_bytes(), None, &[]).unwrap();
        let md = a.markdown();
        assert!(md.contains(&format!("{one}\n\n{two}")), "{md}");
        assert!(
            a.explanation.contains("JSON-LD articleBody (text"),
            "{}",
            a.explanation
        );
    }

    #[test]
    fn a_short_article_is_not_merged_with_the_stories_around_it() {
        let para = "Vietnam and Japan agreed on Monday to deepen cooperation in ports, \
                    energy and the training of workers, officials in Hanoi said.";
        let other = "A different story about the weather in another country, with rain \
                     expected over the weekend and cooler nights to follow next week.";
        // A sidebar of widgets beside a post: together more than twice the
        // post, which is what sets the crate merging.
        let mut page = String::from(
            "<html lang=\"en\"><head><title>Deal</title></head><body><div class=\"obar\"><ul>",
        );
        for k in 0..14 {
            page.push_str(&format!(
                "<li><div class=\"textwidget\"><p>{other} ({k})</p></div></li>"
            ));
        }
        page.push_str(
            "</ul></div><div class=\"post\"><h2>Ports deal signed</h2><div class=\"entry\">",
        );
        for k in 0..10 {
            page.push_str(&format!("<p>{para} ({k})</p>"));
        }
        page.push_str("</div></div></body></html>");
        let a = process("p.html", page.as_bytes(), None, &[]).unwrap();
        let md = a.markdown();
        assert!(md.contains(para), "{md}");
        assert!(!md.contains("different story"), "{md}\n{}", a.explanation);
        assert!(
            a.explanation
                .contains("merge of all high-scoring blocks set aside"),
            "{}",
            a.explanation
        );
    }
}
