//! News feeds (RSS 2.0, Atom, JSON Feed) as seeds: one article per item.
//!
//! Each item is a seed of its own in the record, named
//! `<feed file>#<16 hex digits>` from a hash of its guid or id (of its link
//! and title when it has none), so re-importing a feed with five new items
//! writes exactly five new pages, and the record's edit and deletion rules
//! hold for every item as for a text seed. An item's hash covers only its
//! own fields: a change to one item re-imports that one alone.
//!
//! Guarantees: a feed that cannot be parsed is one problem for its file,
//! never a panic and never a stop for the other seeds; an item without a
//! title or text is a problem for that item alone; item content goes through
//! the same DOM-to-escaped-Markdown path as saved pages, so no markup of the
//! feed reaches a page; only http(s) links are kept.

use super::html::meta::{clean, http_url};
use super::{Block, ImportedArticle, SeedProblem, lang, record::sha256_hex};
use crate::content::FrontMatter;
use crate::types::Language;
use dom_query::Document;
use std::fmt::Write as _;

/// Whether a seed file name is a feed.
pub fn is_feed(name: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    [".rss", ".atom", ".xml", ".json"]
        .iter()
        .any(|e| lower.ends_with(e.as_bytes()))
}

/// The feed file an item's seed name belongs to, when it names an item.
pub fn item_file(name: &str) -> Option<&str> {
    let (file, id) = name.rsplit_once('#')?;
    (is_feed(file.as_bytes()) && id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some(file)
}

/// One item of a feed: its seed name, the hash of its fields, and the article.
pub struct Item {
    pub name: String,
    pub hash: String,
    pub result: Result<ImportedArticle, SeedProblem>,
}

fn text_of(html_or_text: &str) -> String {
    // Titles and summaries are often HTML-escaped markup: read them as HTML.
    let doc = Document::from(html_or_text);
    clean(&doc.select("body").text()).unwrap_or_default()
}

/// Every item of the feed in `bytes`, in the feed's order.
pub fn items(
    name: &str,
    bytes: &[u8],
    lang_hint: Option<&Language>,
    allowed: &[Language],
) -> Result<Vec<Item>, SeedProblem> {
    // Ids made without a guid must not change between runs (the crate's
    // own fallback is a random UUID).
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|links, title, _| {
            let link = links.first().map(|l| l.href.as_str()).unwrap_or("");
            let title = title.as_ref().map(|t| t.content.as_str()).unwrap_or("");
            format!("generated:{link}\n{title}")
        })
        .build();
    let feed = parser.parse(bytes).map_err(|e| SeedProblem::Unreadable {
        what: "feed",
        why: format!(
            "{e}; check that the file is a whole RSS 2.0, Atom or JSON Feed document \
             (re-download it)"
        ),
    })?;
    let outlet = feed.title.as_ref().map(|t| text_of(&t.content));
    let feed_lang = feed.language.clone();
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for entry in feed.entries {
        let id_hash = sha256_hex(entry.id.as_bytes());
        let item_name = format!("{name}#{}", &id_hash[..16]);
        if !seen.insert(item_name.clone()) {
            // A feed listing one guid twice: the first is the item.
            continue;
        }
        let title = entry
            .title
            .as_ref()
            .map(|t| text_of(&t.content))
            .unwrap_or_default();
        let link = entry
            .links
            .iter()
            .find_map(|l| http_url(&l.href))
            .or_else(|| http_url(&entry.id));
        let date = entry.published.or(entry.updated).map(|d| d.date_naive());
        let (content, content_from) = match entry.content.as_ref().and_then(|c| c.body.clone()) {
            Some(b) if !b.trim().is_empty() => (b, "content"),
            _ => match &entry.summary {
                Some(s) => (s.content.clone(), "summary"),
                None => (String::new(), "none"),
            },
        };
        let names: Vec<&str> = entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().map(str::trim))
            .filter(|n| !n.is_empty())
            .collect();
        let author = super::clean_author(&names.join(", "));
        let mut fields = String::new();
        for f in [
            entry.id.as_str(),
            &title,
            link.as_deref().unwrap_or(""),
            author.as_deref().unwrap_or(""),
        ] {
            fields.push_str(f);
            fields.push('\0');
        }
        let _ = write!(fields, "{date:?}\0{content}");
        let hash = sha256_hex(fields.as_bytes());
        let result = article(ArticleParts {
            name: &item_name,
            id: &entry.id,
            title,
            link,
            date,
            content: &content,
            content_from,
            outlet: outlet.clone(),
            author,
            language: entry.language.or_else(|| feed_lang.clone()),
            lang_hint,
            allowed,
        });
        out.push(Item {
            name: item_name,
            hash,
            result,
        });
    }
    if out.is_empty() {
        return Err(SeedProblem::NoBody);
    }
    Ok(out)
}

struct ArticleParts<'a> {
    name: &'a str,
    id: &'a str,
    title: String,
    link: Option<String>,
    date: Option<chrono::NaiveDate>,
    content: &'a str,
    content_from: &'static str,
    outlet: Option<String>,
    author: Option<String>,
    language: Option<String>,
    lang_hint: Option<&'a Language>,
    allowed: &'a [Language],
}

fn article(p: ArticleParts) -> Result<ImportedArticle, SeedProblem> {
    let base = p.link.as_deref().and_then(|l| url::Url::parse(l).ok());
    let doc = Document::from(p.content);
    let blocks = match doc.select("body").nodes().first() {
        Some(b) => super::html::convert(b, base.as_ref()),
        None => Vec::new(),
    };
    if blocks.is_empty() {
        return Err(SeedProblem::NoBody);
    }
    if p.title.trim().is_empty() {
        return Err(SeedProblem::NoTitle);
    }
    let plain: String = blocks
        .iter()
        .map(|b| match b {
            Block::Heading(t) | Block::Paragraph(t) | Block::Rich { plain: t, .. } => t.as_str(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let language = p
        .lang_hint
        .cloned()
        .or_else(|| {
            p.language
                .map(|l| Language::new(l.trim().replace('_', "-")))
                .filter(Language::is_well_formed)
        })
        .or_else(|| lang::detect(&plain, p.allowed));
    let outlet = p
        .outlet
        .filter(|o| !o.is_empty())
        .or_else(|| p.link.as_deref().and_then(super::extract::url_host));
    let mut ex = format!("== {}\n", p.name);
    let _ = writeln!(ex, "  feed item: id {}", p.id.escape_debug());
    let _ = writeln!(ex, "  headline from the item's title: {}", p.title);
    let _ = writeln!(
        ex,
        "  date: {}",
        p.date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "none".into())
    );
    let _ = writeln!(ex, "  source: {}", p.link.as_deref().unwrap_or("none"));
    let _ = writeln!(ex, "  outlet: {}", outlet.as_deref().unwrap_or("none"));
    let _ = writeln!(ex, "  author: {}", p.author.as_deref().unwrap_or("none"));
    let _ = writeln!(
        ex,
        "  article block: the item's {}, {} blocks",
        p.content_from,
        blocks.len()
    );
    let front = FrontMatter {
        title: p.title,
        date: p.date,
        language,
        source: p.link,
        outlet,
        author: p.author,
        seed: Some(p.name.to_string()),
        ..Default::default()
    };
    Ok(ImportedArticle {
        front,
        blocks,
        explanation: ex,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str =
        "Vietnam and Japan signed a deal on ports and energy, officials in Hanoi said.";

    #[test]
    fn rss_atom_and_json_items_become_articles_keyed_by_id() {
        let rss = format!(
            r#"<?xml version="1.0"?><rss version="2.0"
            xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Daily</title>
            <item><title>One &amp; two</title><link>https://d.example/1</link><guid>g1</guid>
            <pubDate>Mon, 03 Nov 2025 08:00:00 GMT</pubDate>
            <content:encoded><![CDATA[<p>{BODY}</p><script>alert(1)</script>
            <a href="javascript:x()">j</a>]]></content:encoded></item>
            <item><title>No text</title><guid>g2</guid></item>
            </channel></rss>"#
        );
        let got = items("d.xml", rss.as_bytes(), None, &[]).unwrap();
        assert_eq!(got.len(), 2);
        let a = got[0].result.as_ref().unwrap();
        assert_eq!(a.front.title, "One & two");
        assert_eq!(a.front.outlet.as_deref(), Some("Daily"));
        assert_eq!(a.front.date.unwrap().to_string(), "2025-11-03");
        assert!(!a.markdown().contains("alert") && !a.markdown().contains("javascript"));
        assert_eq!(got[0].name, format!("d.xml#{}", &sha256_hex(b"g1")[..16]));
        assert_eq!(item_file(&got[0].name), Some("d.xml"));
        assert!(got[1].result.is_err());

        let atom = format!(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>f</id>
            <entry><id>urn:1</id><title>Atom item</title><updated>2025-01-02T00:00:00Z</updated>
            <summary type="html">&lt;p&gt;{BODY}&lt;/p&gt;</summary></entry></feed>"#
        );
        let got = super::items("a.atom", atom.as_bytes(), None, &[]).unwrap();
        assert!(
            got[0]
                .result
                .as_ref()
                .unwrap()
                .markdown()
                .contains("Vietnam and Japan")
        );

        let json = format!(
            r#"{{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[
            {{"id":"1","title":"Json item","content_html":"<p>{BODY}</p>",
              "url":"https://j.example/1"}}]}}"#
        );
        let got = super::items("j.json", json.as_bytes(), None, &[]).unwrap();
        assert_eq!(
            got[0].result.as_ref().unwrap().front.source.as_deref(),
            Some("https://j.example/1")
        );
        assert!(matches!(
            super::items("bad.xml", b"<rss><chan", None, &[]),
            Err(SeedProblem::Unreadable { .. })
        ));
        assert!(item_file("a#b.txt").is_none());
    }

    #[test]
    fn feed_items_name_their_authors() {
        let atom = format!(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>f</id>
            <entry><id>urn:1</id><title>Two writers</title><updated>2025-01-02T00:00:00Z</updated>
            <author><name>By Ken Sato</name></author><author><name>Mai Tran</name></author>
            <summary type="html">&lt;p&gt;{BODY}&lt;/p&gt;</summary></entry>
            <entry><id>urn:2</id><title>Nobody's</title><updated>2025-01-02T00:00:00Z</updated>
            <author><name>admin</name></author>
            <summary type="html">&lt;p&gt;{BODY}&lt;/p&gt;</summary></entry></feed>"#
        );
        let got = super::items("a.atom", atom.as_bytes(), None, &[]).unwrap();
        let front = |k: usize| got[k].result.as_ref().unwrap().front.clone();
        assert_eq!(front(0).author.as_deref(), Some("Ken Sato, Mai Tran"));
        assert_eq!(front(1).author, None);
        // A new author is a changed item.
        let renamed = atom.replace("Mai Tran", "Mai Tran Thi");
        let again = super::items("a.atom", renamed.as_bytes(), None, &[]).unwrap();
        assert_ne!(again[0].hash, got[0].hash);
        assert_eq!(again[1].hash, got[1].hash);
    }
}
