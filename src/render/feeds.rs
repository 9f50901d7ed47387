//! Atom and JSON feeds, the sitemap and robots.txt: the files that need
//! absolute URLs, so they are only made when the site has a `base_url`.
//!
//! Nothing here depends on the time of the build: every `updated` comes from
//! article dates, so an unchanged site rebuilds to identical bytes and feed
//! readers do not see phantom updates.

use crate::content::Article;
use crate::output::OutputFile;
use crate::site::Site;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt::Write as _;

/// Entries per feed. Feed readers poll often, so older items only cost bandwidth.
pub const MAX_FEED_ENTRIES: usize = 50;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";
/// Used as `updated` of a feed without a single dated entry: Atom requires
/// the element, and a fixed value keeps the output reproducible.
const NO_DATE: &str = "1970-01-01T00:00:00Z";

/// Feed and sitemap files; empty when the site has no `base_url`.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let Some(base) = site.config.base_url() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let whole = FeedSpec {
        title: site.config.title.clone(),
        description: site.config.description.clone(),
        dir: String::new(),
        page: "index.html".to_string(),
        articles: feed_articles(site, &site.listed),
    };
    let mut specs = vec![whole];
    for theme in &site.config.themes {
        let description = if theme.description.is_empty() {
            site.config.description.clone()
        } else {
            theme.description.clone()
        };
        specs.push(FeedSpec {
            title: format!("{}: {}", site.config.title, theme.name),
            description,
            dir: format!("themes/{}/", theme.slug),
            page: format!("themes/{}/index.html", theme.slug),
            articles: feed_articles(site, site.theme_articles(theme.slug.as_str())),
        });
    }
    for spec in &specs {
        out.push(OutputFile::new(
            format!("{}feed.xml", spec.dir),
            atom(site, &base, spec),
        ));
        out.push(OutputFile::new(
            format!("{}feed.json", spec.dir),
            json_feed(site, &base, spec),
        ));
    }
    out.push(OutputFile::new("sitemap.xml", sitemap(site, &base)));
    out.push(OutputFile::new(
        "robots.txt",
        format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"),
    ));
    out
}

/// Every article whose text some feed carries: a rebuild must regenerate the
/// feeds when one of them changed.
pub fn entries(site: &Site) -> Vec<usize> {
    if site.config.base_url().is_none() {
        return Vec::new();
    }
    let mut all = feed_articles(site, &site.listed);
    for theme in &site.config.themes {
        all.extend(feed_articles(
            site,
            site.theme_articles(theme.slug.as_str()),
        ));
    }
    all.sort_unstable();
    all.dedup();
    all
}

struct FeedSpec {
    title: String,
    description: String,
    /// Folder of the feed files relative to the root, with a trailing slash or empty.
    dir: String,
    /// The HTML page the feed mirrors, relative to the root.
    page: String,
    articles: Vec<usize>,
}

/// Dated articles only: an entry without a date would need an invented one,
/// and the lists are already in reading order (newest first).
fn feed_articles(site: &Site, list: &[usize]) -> Vec<usize> {
    list.iter()
        .copied()
        .filter(|&i| site.articles[i].front.date.is_some())
        .take(MAX_FEED_ENTRIES)
        .collect()
}

/// The relative path of an article page.
pub fn article_path(article: &Article) -> String {
    // The renderer's rule, so that feeds, sitemap and search point at the
    // very file it writes, even for a hand-named file with capitals or spaces.
    crate::render::paths::article(article.slug.as_str())
}

fn rfc3339(date: NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

fn newest(site: &Site, list: &[usize]) -> Option<NaiveDate> {
    list.iter()
        .filter_map(|&i| site.articles[i].front.date)
        .max()
}

/// Who wrote an article, as far as we know: the outlet, else the source's host.
fn author_of(article: &Article) -> Option<String> {
    if let Some(outlet) = article.front.outlet.as_deref().map(str::trim)
        && !outlet.is_empty()
    {
        return Some(outlet.to_string());
    }
    let source = article.front.source.as_deref()?;
    let host = source.split_once("://")?.1.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// A source link is only passed on when it is a web address: seed text is
/// untrusted and a `javascript:` URL must not reach a feed reader.
fn web_url(url: Option<&str>) -> Option<&str> {
    // The article page's own rule, so a feed links a source exactly when the page does.
    let url = url?.trim();
    crate::render::is_web_url(url).then_some(url)
}

/// Escape text for XML content and attribute values, dropping the characters
/// XML 1.0 cannot carry at all (scraped text holds stray control codes).
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

fn atom(site: &Site, base: &str, spec: &FeedSpec) -> String {
    let lang = site.config.language.as_str();
    // An empty theme's feed still needs an `updated`: the site's newest date.
    let updated = newest(site, &spec.articles)
        .or_else(|| newest(site, &site.listed))
        .map(rfc3339)
        .unwrap_or_else(|| NO_DATE.to_string());
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"{ATOM_NS}\" xml:lang=\"{}\">",
        xml_escape(lang)
    );
    let _ = writeln!(x, "  <title>{}</title>", xml_escape(&spec.title));
    if !spec.description.is_empty() {
        let _ = writeln!(
            x,
            "  <subtitle>{}</subtitle>",
            xml_escape(&spec.description)
        );
    }
    let page_url = format!("{base}{}", spec.page);
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&format!("{base}{}feed.xml", spec.dir))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&page_url)
    );
    let _ = writeln!(x, "  <id>{}</id>", xml_escape(&page_url));
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    // A feed-level author makes every entry valid even when its outlet is unknown.
    let _ = writeln!(
        x,
        "  <author><name>{}</name></author>",
        xml_escape(&site.config.title)
    );
    x.push_str("  <generator>bilateral-digest</generator>\n");
    for &i in &spec.articles {
        atom_entry(&mut x, site, base, &site.articles[i]);
    }
    x.push_str("</feed>\n");
    x
}

fn atom_entry(x: &mut String, site: &Site, base: &str, a: &Article) {
    let url = format!("{base}{}", article_path(a));
    let date = a.front.date.map(rfc3339).unwrap_or_else(|| NO_DATE.into());
    let lang = a.language.as_str();
    if a.language.primary() == site.config.language.primary() {
        x.push_str("  <entry>\n");
    } else {
        let _ = writeln!(x, "  <entry xml:lang=\"{}\">", xml_escape(lang));
    }
    let _ = writeln!(
        x,
        "    <title type=\"text\">{}</title>",
        xml_escape(&a.front.title)
    );
    let _ = writeln!(
        x,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&url)
    );
    if let Some(source) = web_url(a.front.source.as_deref()) {
        let _ = writeln!(x, "    <link rel=\"via\" href=\"{}\"/>", xml_escape(source));
    }
    let _ = writeln!(x, "    <id>{}</id>", xml_escape(&url));
    let _ = writeln!(x, "    <published>{date}</published>");
    let _ = writeln!(x, "    <updated>{date}</updated>");
    if let Some(author) = author_of(a) {
        let _ = writeln!(
            x,
            "    <author><name>{}</name></author>",
            xml_escape(&author)
        );
    }
    for slug in &a.front.themes {
        if let Some(theme) = site.config.theme(slug.as_str()) {
            let _ = writeln!(
                x,
                "    <category term=\"{}\" label=\"{}\" scheme=\"{}\"/>",
                xml_escape(theme.slug.as_str()),
                xml_escape(&theme.name),
                xml_escape(&format!("{base}themes/index.html"))
            );
        }
    }
    if !a.summary.trim().is_empty() {
        let _ = writeln!(
            x,
            "    <summary type=\"text\">{}</summary>",
            xml_escape(&a.summary)
        );
    }
    // xml:base lets readers resolve relative links inside the article body.
    let _ = writeln!(
        x,
        "    <content type=\"html\" xml:base=\"{}\">{}</content>",
        xml_escape(&url),
        xml_escape(&a.html)
    );
    x.push_str("  </entry>\n");
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: Vec<JsonAuthor>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonAuthor {
    name: String,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    content_html: &'a str,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    language: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor>,
}

fn json_feed(site: &Site, base: &str, spec: &FeedSpec) -> String {
    let items = spec
        .articles
        .iter()
        .map(|&i| {
            let a = &site.articles[i];
            let url = format!("{base}{}", article_path(a));
            let date = a.front.date.map(rfc3339).unwrap_or_else(|| NO_DATE.into());
            JsonItem {
                id: url.clone(),
                url,
                external_url: web_url(a.front.source.as_deref()),
                title: &a.front.title,
                summary: a.summary.trim(),
                content_html: &a.html,
                date_published: date.clone(),
                date_modified: date,
                tags: a
                    .front
                    .themes
                    .iter()
                    .filter_map(|t| site.config.theme(t.as_str()))
                    .map(|t| t.name.as_str())
                    .collect(),
                language: a.language.as_str(),
                authors: author_of(a)
                    .map(|name| vec![JsonAuthor { name }])
                    .unwrap_or_default(),
            }
        })
        .collect();
    let feed = JsonFeed {
        version: JSON_FEED_VERSION,
        title: &spec.title,
        home_page_url: format!("{base}{}", spec.page),
        feed_url: format!("{base}{}feed.json", spec.dir),
        description: &spec.description,
        language: site.config.language.as_str(),
        authors: vec![JsonAuthor {
            name: site.config.title.clone(),
        }],
        items,
    };
    let mut text = serde_json::to_string_pretty(&feed).expect("feed structs always serialize");
    text.push('\n');
    text
}

/// Number of pages a list of `n` items takes at `per_page` items a page;
/// an empty list still has its first page.
pub fn page_count(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page.max(1)).max(1)
}

/// Every HTML page of the site as (relative path, date of its newest
/// article), following the output layout of the brief. The sitemap uses it.
pub fn page_paths(site: &Site) -> Vec<(String, Option<NaiveDate>)> {
    let per_page = site.config.items_per_page;
    let newest_of = |list: &[usize]| newest(site, list);
    let site_newest = newest_of(&site.listed);
    let mut pages = vec![
        ("index.html".to_string(), site_newest),
        ("themes/index.html".to_string(), site_newest),
    ];
    let paginated = |pages: &mut Vec<(String, Option<NaiveDate>)>, dir: &str, list: &[usize]| {
        let chunks: Vec<&[usize]> = if list.is_empty() {
            vec![&[]]
        } else {
            list.chunks(per_page.max(1)).collect()
        };
        for (n, chunk) in chunks.iter().enumerate() {
            let path = if n == 0 {
                format!("{dir}index.html")
            } else {
                format!("{dir}page/{}/index.html", n + 1)
            };
            pages.push((path, newest_of(chunk)));
        }
    };
    for (slug, list) in &site.by_theme {
        paginated(&mut pages, &format!("themes/{slug}/"), list);
    }
    for a in &site.articles {
        pages.push((article_path(a), a.front.date));
    }
    pages.push(("archive/index.html".to_string(), site_newest));
    for m in &site.months {
        paginated(
            &mut pages,
            &format!("archive/{:04}/{:02}/", m.year, m.month),
            &m.articles,
        );
    }
    pages.push(("places/index.html".to_string(), site_newest));
    for (id, list) in &site.by_place {
        pages.push((crate::render::paths::place(id), newest_of(list)));
    }
    pages.push(("search/index.html".to_string(), None));
    pages
}

fn sitemap(site: &Site, base: &str) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(x, "<urlset xmlns=\"{SITEMAP_NS}\">");
    for (path, date) in page_paths(site) {
        let _ = write!(
            x,
            "  <url><loc>{}</loc>",
            xml_escape(&format!("{base}{path}"))
        );
        if let Some(d) = date {
            let _ = write!(x, "<lastmod>{}</lastmod>", d.format("%Y-%m-%d"));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_drops_control_codes() {
        assert_eq!(
            xml_escape("<a href=\"x\">T&C's</a>\u{1}\u{b}ok\n"),
            "&lt;a href=&quot;x&quot;&gt;T&amp;C&#39;s&lt;/a&gt;ok\n"
        );
    }

    #[test]
    fn page_count_keeps_a_first_page() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
    }

    #[test]
    fn only_web_sources_are_linked() {
        assert_eq!(web_url(Some(" https://a.b/c ")), Some("https://a.b/c"));
        assert_eq!(web_url(Some("javascript:alert(1)")), None);
        assert_eq!(web_url(None), None);
    }
}
