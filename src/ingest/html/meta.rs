//! What a saved page says about itself: headline, date, outlet, source,
//! language and author, each from a chain of places tried in order, and
//! which place answered (for `import --explain` and the benchmark's
//! "headline from metadata" share).
//!
//! Guarantees: every value is plain text with whitespace collapsed (markup
//! in an attribute or in JSON-LD never passes as markup); a source is kept
//! only when it is an absolute http(s) URL; nothing here panics on any
//! document.

use chrono::NaiveDate;
use dom_query::Document;
use serde_json::Value;

/// The page's own metadata, each with where it was found.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub title: Option<(String, &'static str)>,
    pub date: Option<(NaiveDate, &'static str)>,
    pub outlet: Option<(String, &'static str)>,
    pub source: Option<(String, &'static str)>,
    pub language: Option<(String, &'static str)>,
    pub author: Option<(String, &'static str)>,
    pub description: Option<String>,
    /// The first `<h1>`'s text, headline or not (the body may repeat it).
    pub h1: Option<String>,
    /// JSON-LD `articleBody` as the page wrote it: plain text or HTML, not
    /// cleaned (it is untrusted and goes through the body's converter).
    pub article_body: Option<String>,
}

/// Whitespace collapsed to single spaces, trimmed; `None` when empty.
pub fn clean(text: &str) -> Option<String> {
    let out = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty()).then_some(out)
}

fn meta_content(doc: &Document, attr: &str, names: &[&str]) -> Option<String> {
    for name in names {
        let sel = doc.select(&format!("meta[{attr}=\"{name}\" i]"));
        for node in sel.nodes() {
            if let Some(v) = node.attr("content").and_then(|c| clean(&c)) {
                return Some(v);
            }
        }
    }
    None
}

/// An http(s) URL, else `None`.
pub fn http_url(text: &str) -> Option<String> {
    let u = url::Url::parse(text.trim()).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

/// The first date in an ISO 8601 string (`2025-11-03T09:00:00+07:00`).
fn iso_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let head = t.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .or_else(|| {
            // `20251103` and `2025/11/03` are seen too.
            NaiveDate::parse_from_str(head, "%Y/%m/%d")
                .ok()
                .or_else(|| NaiveDate::parse_from_str(t.get(..8)?, "%Y%m%d").ok())
        })
}

/// Every JSON-LD object on the page, flattened through `@graph` and lists.
fn json_ld(doc: &Document) -> Vec<Value> {
    let mut out = Vec::new();
    for node in doc.select("script[type=\"application/ld+json\" i]").nodes() {
        let text = node.text();
        let Ok(v) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut stack = vec![v];
        // Bounded: a hostile page cannot make this loop long.
        while let Some(v) = stack.pop() {
            if out.len() > 200 {
                break;
            }
            match v {
                Value::Array(items) => stack.extend(items.into_iter().rev().take(100)),
                Value::Object(mut map) => {
                    if let Some(graph) = map.remove("@graph") {
                        stack.push(graph);
                    }
                    out.push(Value::Object(map));
                }
                _ => {}
            }
        }
    }
    out
}

fn ld_type_is_article(v: &Value) -> bool {
    let is = |s: &str| {
        s.ends_with("Article")
            || s.ends_with("Posting")
            || matches!(s, "Report" | "BlogPosting" | "LiveBlogPosting")
    };
    match v.get("@type") {
        Some(Value::String(s)) => is(s),
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str().is_some_and(is)),
        _ => false,
    }
}

fn ld_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(ld_text).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        Value::Object(o) => o.get("name").and_then(ld_text),
        _ => None,
    }
}

/// The `<title>` without the site's name: the longest part around the
/// usual separators, when the other part is the outlet or short.
fn title_without_site(title: &str, outlet: Option<&str>) -> String {
    for sep in [
        " | ", " - ", " – ", " — ", " :: ", " · ", " » ", "｜", " ｜ ",
    ] {
        if let Some((a, b)) = title.rsplit_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            let is_site = |s: &str| {
                outlet.is_some_and(|o| s.eq_ignore_ascii_case(o))
                    || s.split_whitespace().count() <= 4
            };
            if is_site(b) && !a.is_empty() {
                return title_without_site(a, outlet);
            }
            if let Some((x, y)) = title.split_once(sep)
                && is_site(x.trim())
                && !y.trim().is_empty()
            {
                return y.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Read every field's chain.
pub fn read(doc: &Document) -> Meta {
    let lds = json_ld(doc);
    let article_ld: Vec<&Value> = lds.iter().filter(|v| ld_type_is_article(v)).collect();
    let ld_field = |key: &str| article_ld.iter().find_map(|v| v.get(key).and_then(ld_text));
    let mut m = Meta {
        outlet: meta_content(doc, "property", &["og:site_name"])
            .map(|o| (o, "og:site_name"))
            .or_else(|| {
                meta_content(doc, "name", &["application-name", "publisher"])
                    .map(|o| (o, "meta application-name"))
            })
            .or_else(|| {
                article_ld
                    .iter()
                    .find_map(|v| v.get("publisher").and_then(ld_text))
                    .map(|o| (o, "JSON-LD publisher"))
            }),
        ..Meta::default()
    };
    let outlet = m.outlet.as_ref().map(|(o, _)| o.clone());
    let h1 = doc
        .select("h1")
        .nodes()
        .iter()
        .find_map(|n| clean(&n.text()));
    let title_tag = doc
        .select("title")
        .nodes()
        .first()
        .and_then(|n| clean(&n.text()));
    m.h1 = h1.clone();
    m.article_body = article_ld
        .iter()
        .copied()
        .chain(lds.iter())
        .find_map(|v| v.get("articleBody").and_then(Value::as_str))
        .filter(|b| !b.trim().is_empty())
        .map(str::to_string);
    m.title = meta_content(doc, "property", &["og:title"])
        .map(|t| (t, "og:title"))
        .or_else(|| meta_content(doc, "name", &["twitter:title"]).map(|t| (t, "twitter:title")))
        .or_else(|| ld_field("headline").map(|t| (t, "JSON-LD headline")))
        .or_else(|| h1.map(|t| (t, "<h1>")))
        .or_else(|| title_tag.map(|t| (title_without_site(&t, outlet.as_deref()), "<title>")));
    // An og:title carrying the site's name too ("Headline | Outlet").
    if let Some((t, src)) = &mut m.title
        && *src != "<h1>"
    {
        *t = title_without_site(t, outlet.as_deref());
    }

    m.date = meta_content(
        doc,
        "property",
        &["article:published_time", "og:article:published_time"],
    )
    .and_then(|d| iso_date(&d))
    .map(|d| (d, "article:published_time"))
    .or_else(|| {
        article_ld
            .iter()
            .chain(lds.iter().collect::<Vec<_>>().iter())
            .find_map(|v| {
                v.get("datePublished")
                    .and_then(Value::as_str)
                    .and_then(iso_date)
            })
            .map(|d| (d, "JSON-LD datePublished"))
    })
    .or_else(|| {
        meta_content(
            doc,
            "name",
            &[
                "date",
                "pubdate",
                "publishdate",
                "dc.date",
                "dcterms.created",
            ],
        )
        .and_then(|d| iso_date(&d))
        .map(|d| (d, "meta date"))
    })
    .or_else(|| {
        doc.select("time[datetime]")
            .nodes()
            .iter()
            .find_map(|n| n.attr("datetime").and_then(|d| iso_date(&d)))
            .map(|d| (d, "<time datetime>"))
    });

    m.source = doc
        .select("link[rel=\"canonical\" i]")
        .nodes()
        .iter()
        .find_map(|n| n.attr("href").and_then(|h| http_url(&h)))
        .map(|s| (s, "canonical link"))
        .or_else(|| {
            meta_content(doc, "property", &["og:url"])
                .and_then(|u| http_url(&u))
                .map(|s| (s, "og:url"))
        });
    m.language = doc
        .select("html[lang]")
        .attr("lang")
        .and_then(|l| clean(&l))
        .map(|l| (l, "<html lang>"))
        .or_else(|| {
            meta_content(doc, "http-equiv", &["content-language"]).map(|l| (l, "content-language"))
        })
        .or_else(|| meta_content(doc, "property", &["og:locale"]).map(|l| (l, "og:locale")));
    let not_url = |a: &String| !a.starts_with("http://") && !a.starts_with("https://");
    m.author = meta_content(doc, "name", &["author", "byl", "dc.creator"])
        .filter(not_url)
        .map(|a| (a, "meta author"))
        .or_else(|| ld_field("author").map(|a| (a, "JSON-LD author")))
        .or_else(|| {
            meta_content(doc, "property", &["article:author"])
                .filter(not_url)
                .map(|a| (a, "article:author"))
        });
    m.description = meta_content(doc, "property", &["og:description"])
        .or_else(|| meta_content(doc, "name", &["description"]));
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_chain_falls_back_in_order() {
        let full = Document::from(
            r#"<html lang="vi"><head><title>Title tag | Báo X</title>
            <meta property="og:title" content="OG  headline">
            <meta property="og:site_name" content="Báo X">
            <meta property="article:published_time" content="2025-11-03T08:00:00+07:00">
            <link rel="canonical" href="https://example.vn/a.html">
            <meta name="author" content="Nguyễn A"></head>
            <body><h1>H1 headline</h1><time datetime="2024-01-01">x</time></body></html>"#,
        );
        let m = read(&full);
        assert_eq!(m.title.unwrap(), ("OG headline".into(), "og:title"));
        assert_eq!(m.date.unwrap().1, "article:published_time");
        assert_eq!(m.date.unwrap().0.to_string(), "2025-11-03");
        assert_eq!(m.outlet.unwrap().0, "Báo X");
        assert_eq!(m.source.unwrap().0, "https://example.vn/a.html");
        assert_eq!(m.language.unwrap().0, "vi");
        assert_eq!(m.author.unwrap().0, "Nguyễn A");

        let bare = Document::from(
            r#"<title>Ports deal signed - The Daily</title>
            <link rel="canonical" href="javascript:alert(1)">
            <body><time datetime="2024-02-29T10:00">x</time></body>"#,
        );
        let m = read(&bare);
        assert_eq!(m.title.unwrap(), ("Ports deal signed".into(), "<title>"));
        assert_eq!(m.date.unwrap().0.to_string(), "2024-02-29");
        assert!(m.source.is_none());

        let ld = Document::from(
            r#"<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},
            {"@type":"NewsArticle","headline":"LD <b>headline</b>","datePublished":"2023-11-03",
             "author":[{"@type":"Person","name":"A"},{"name":"B"}]}]}</script>
            <script type="application/ld+json">{not json</script>"#,
        );
        let m = read(&ld);
        assert_eq!(
            m.title.unwrap(),
            ("LD <b>headline</b>".into(), "JSON-LD headline")
        );
        assert_eq!(
            m.date.unwrap(),
            (
                NaiveDate::from_ymd_opt(2023, 11, 3).unwrap(),
                "JSON-LD datePublished"
            )
        );
        assert_eq!(m.author.unwrap().0, "A, B");
    }
}
