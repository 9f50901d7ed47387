//! Atom and JSON feeds, the sitemap and robots.txt: the files that need
//! absolute URLs, so they are only made when the site has a `base_url`.
//!
//! Each is rendered from a Tera template (`atom.xml`, `feed.json`,
//! `sitemap.xml`, `robots.txt`) that a site may override in `templates/`.
//! They live in a Tera of their own whose escaping is XML's: every `{{ }}` of
//! an `.xml` template escapes markup and drops the characters XML 1.0 cannot
//! carry, so an override is as safe as the built-in file; JSON is written with
//! `json_encode`, never quoted by hand.
//!
//! Nothing here depends on the time of the build: every `updated` comes from
//! article dates, so an unchanged site rebuilds to identical bytes and feed
//! readers do not see phantom updates. The articles' HTML is the one already
//! rendered; each article's entry is made once and shared by every feed it
//! is in.

use super::langs::{self, Lang};
use super::paths::{self, SiteUrl};
use super::{Renderer, to_value};
use crate::content::Article;
use crate::error::Result;
use crate::output::OutputFile;
use crate::site::Site;
use crate::types::Language;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

/// Entries per feed. Feed readers poll often, so older items only cost bandwidth.
pub const MAX_FEED_ENTRIES: usize = 50;
/// URLs per sitemap file: the limit of the sitemaps.org protocol.
pub(crate) const MAX_SITEMAP_URLS: usize = 50_000;

/// The templates rendered here; every other built-in template is a page's.
pub(super) const TEMPLATES: [&str; 4] = [ATOM, JSON, SITEMAP, ROBOTS];
const ATOM: &str = "atom.xml";
const JSON: &str = "feed.json";
pub(super) const SITEMAP: &str = "sitemap.xml";
const ROBOTS: &str = "robots.txt";

/// Used as `updated` of a feed without a single dated entry: Atom requires
/// the element, and a fixed value keeps the output reproducible.
const NO_DATE: &str = "1970-01-01T00:00:00Z";

/// Whether a template is one of these (not a page's).
pub(super) fn is_feed_template(name: &str) -> bool {
    TEMPLATES.contains(&name)
}

/// The Tera that renders the feed templates (`sources` by name), with XML's
/// escaping for `.xml` files and `json_encode` for JSON.
pub(super) fn tera<'a>(
    sources: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> std::result::Result<Tera, tera::Error> {
    let mut tera = Tera::new();
    tera.autoescape_on([".xml"]);
    tera.set_escape_fn(escape_xml_to);
    tera.register_filter("json_encode", tera_contrib::json::json_encode);
    tera.register_filter("date", tera_contrib::dates::date);
    tera.add_raw_templates(sources)?;
    Ok(tera)
}

impl Renderer {
    /// Feed, sitemap and robots.txt files; empty when the site has no `base_url`.
    pub fn feeds(&self, site: &Site) -> Result<Vec<OutputFile>> {
        self.feeds_split_at(site, MAX_SITEMAP_URLS)
    }

    /// [`Renderer::feeds`], with a sitemap split in parts of `sitemap_limit` URLs.
    fn feeds_split_at(&self, site: &Site, sitemap_limit: usize) -> Result<Vec<OutputFile>> {
        let Some(base) = SiteUrl::of(&site.config) else {
            return Ok(Vec::new());
        };
        let render = |template: &str, ctx: &Context| {
            self.feeds
                .render(template, ctx)
                .map_err(|e| self.template_error(&e))
        };
        let site_value = to_value(&SiteView::new(site, &base))?;
        let context = || {
            let mut ctx = Context::new();
            ctx.insert_value("site", site_value.clone());
            ctx
        };
        let entries = EntryValues::new(site, &base)?;
        let specs = specs(site);
        let mut out: Vec<Vec<OutputFile>> = specs
            .par_iter()
            .map(|spec| {
                let mut ctx = context();
                ctx.insert_value("feed", to_value(&spec.view(site, &base))?);
                ctx.insert_value("entries", entries.list(&spec.articles));
                Ok(vec![
                    OutputFile::new(spec.atom.clone(), render(ATOM, &ctx)?),
                    OutputFile::new(spec.json.clone(), render(JSON, &ctx)?),
                ])
            })
            .collect::<Result<_>>()?;
        out.push(super::sitemap::sitemaps(
            site,
            &base,
            &context,
            &render,
            sitemap_limit,
        )?);
        let mut ctx = context();
        ctx.insert("sitemap_url", &base.url(paths::SITEMAP));
        out.push(vec![OutputFile::new(paths::ROBOTS, render(ROBOTS, &ctx)?)]);
        Ok(out.into_iter().flatten().collect())
    }
}

/// Every article whose text some feed carries: a rebuild must regenerate the
/// feeds when one of them changed.
pub fn entries(site: &Site) -> Vec<usize> {
    if site.config.base_url().is_none() {
        return Vec::new();
    }
    let mut all: Vec<usize> = specs(site).into_iter().flat_map(|s| s.articles).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// One feed: the whole digest, or one theme, in one interface language.
struct FeedSpec<'s> {
    title: String,
    description: &'s str,
    language: Language,
    /// Paths of its Atom and JSON files.
    atom: String,
    json: String,
    /// The HTML page the feed mirrors, relative to the root.
    page: String,
    /// The themes overview of the feed's language, which names its categories.
    themes_page: String,
    articles: Vec<usize>,
}

fn specs(site: &Site) -> Vec<FeedSpec<'_>> {
    let langs = Lang::all(&site.config);
    if langs.len() < 2 {
        return lang_specs(site, &langs[0], "", &site.listed, &|slug| {
            site.theme_articles(slug).to_vec()
        });
    }
    let mut specs = Vec::new();
    for (k, lang) in langs.iter().enumerate() {
        let list = langs::written_in(site, &langs, k);
        let suffix = if k == 0 {
            String::new()
        } else {
            format!(" – {}", lang.language.native_name())
        };
        let of_theme = |slug: &str| -> Vec<usize> {
            list.iter()
                .copied()
                .filter(|&i| {
                    site.articles[i]
                        .front
                        .themes
                        .iter()
                        .any(|t| t.as_str() == slug)
                })
                .collect()
        };
        specs.extend(lang_specs(site, lang, &suffix, &list, &of_theme));
    }
    specs
}

/// The feeds of one interface language: the digest's (of `list`), and each
/// theme's (of `of_theme`).
fn lang_specs<'s>(
    site: &'s Site,
    lang: &Lang,
    suffix: &str,
    list: &[usize],
    of_theme: &dyn Fn(&str) -> Vec<usize>,
) -> Vec<FeedSpec<'s>> {
    let c = &site.config;
    let mut specs = vec![FeedSpec {
        title: format!("{}{suffix}", c.site_title(&lang.language)),
        description: c.site_description(&lang.language),
        language: lang.language.clone(),
        atom: lang.at(paths::ATOM_FEED.to_string()),
        json: lang.at(paths::JSON_FEED.to_string()),
        page: lang.at(paths::HOME.to_string()),
        themes_page: lang.at(paths::THEMES.to_string()),
        articles: feed_articles(site, list),
    }];
    for (theme, name) in c.themes.iter().zip(&lang.themes) {
        let slug = theme.slug.as_str();
        specs.push(FeedSpec {
            title: format!("{}: {name}{suffix}", c.site_title(&lang.language)),
            description: match c.theme_description(theme, &lang.language) {
                "" => c.site_description(&lang.language),
                own => own,
            },
            language: lang.language.clone(),
            atom: lang.at(paths::theme_feed(slug)),
            json: lang.at(paths::theme_json_feed(slug)),
            page: lang.at(paths::theme(slug, 1)),
            themes_page: lang.at(paths::THEMES.to_string()),
            articles: feed_articles(site, &of_theme(slug)),
        });
    }
    specs
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

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
}

impl<'a> SiteView<'a> {
    fn new(site: &'a Site, base: &'a SiteUrl) -> SiteView<'a> {
        SiteView {
            title: &site.config.title,
            description: &site.config.description,
            language: site.config.language.as_str(),
            base_url: base.as_str(),
        }
    }
}

#[derive(Serialize)]
struct FeedView<'a> {
    title: &'a str,
    subtitle: &'a str,
    language: &'a str,
    url: String,
    atom_url: String,
    json_url: String,
    updated: String,
    author: &'a str,
    category_scheme: String,
}

impl FeedSpec<'_> {
    fn view<'a>(&'a self, site: &'a Site, base: &SiteUrl) -> FeedView<'a> {
        // An empty theme's feed still needs an `updated`: the site's newest date.
        let updated = newest(site, &self.articles)
            .or_else(|| newest(site, &site.listed))
            .map(rfc3339)
            .unwrap_or_else(|| NO_DATE.to_string());
        FeedView {
            title: &self.title,
            subtitle: self.description,
            language: self.language.as_str(),
            url: base.url(&self.page),
            atom_url: base.url(&self.atom),
            json_url: base.url(&self.json),
            updated,
            // Feed readers need an author; the digest is its own.
            author: site.config.site_title(&self.language),
            category_scheme: base.url(&self.themes_page),
        }
    }
}

#[derive(Serialize)]
struct EntryView<'a> {
    title: &'a str,
    url: String,
    via: Option<&'a str>,
    published: String,
    updated: String,
    language: &'a str,
    language_differs: bool,
    author: Option<String>,
    categories: Vec<Category<'a>>,
    summary: &'a str,
    content: &'a str,
}

#[derive(Serialize)]
struct Category<'a> {
    term: &'a str,
    label: &'a str,
}

/// The template value of every article that some feed carries, made once.
struct EntryValues {
    /// (article index, entry), by article index.
    values: Vec<(usize, Value)>,
}

impl EntryValues {
    fn new(site: &Site, base: &SiteUrl) -> Result<EntryValues> {
        let langs = Lang::all(&site.config);
        let values = entries(site)
            .into_par_iter()
            .map(|i| Ok((i, to_value(&entry(site, &langs, base, i))?)))
            .collect::<Result<_>>()?;
        Ok(EntryValues { values })
    }

    fn list(&self, articles: &[usize]) -> Value {
        Value::from(
            articles
                .iter()
                .filter_map(|i| {
                    let k = self.values.binary_search_by_key(i, |(j, _)| *j).ok()?;
                    Some(self.values[k].1.clone())
                })
                .collect::<Vec<_>>(),
        )
    }
}

fn entry<'a>(site: &'a Site, langs: &'a [Lang], base: &SiteUrl, i: usize) -> EntryView<'a> {
    let a = &site.articles[i];
    // Each article is in the feeds of one interface language: its page's.
    let lang = &langs[langs::of_article(langs, a)];
    let feed_language = &lang.language;
    let date = a.front.date.map(rfc3339).unwrap_or_else(|| NO_DATE.into());
    EntryView {
        title: &a.front.title,
        url: base.url(&paths::article(a.slug.as_str())),
        via: web_url(a.front.source.as_deref()),
        published: date.clone(),
        updated: date,
        language: a.language.as_str(),
        language_differs: a.language.primary() != feed_language.primary(),
        author: author_of(a),
        categories: a
            .front
            .themes
            .iter()
            .filter_map(|slug| {
                Some(Category {
                    term: slug.as_str(),
                    label: lang.theme_name(&site.config, slug.as_str())?,
                })
            })
            .collect(),
        summary: a.summary.trim(),
        content: &a.html,
    }
}

fn rfc3339(date: NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

fn newest(site: &Site, list: &[usize]) -> Option<NaiveDate> {
    list.iter()
        .filter_map(|&i| site.articles[i].front.date)
        .max()
}

/// Who wrote an article, as far as we know: its author, else the outlet,
/// else the source's host.
fn author_of(article: &Article) -> Option<String> {
    if let Some(author) = article.front.author_name() {
        return Some(author.to_string());
    }
    if let Some(outlet) = article.front.outlet.as_deref().map(str::trim)
        && !outlet.is_empty()
    {
        return Some(outlet.to_string());
    }
    let source = url::Url::parse(web_url(article.front.source.as_deref())?).ok()?;
    let host = source.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_string())
}

/// A source link is only passed on when it is a web address: seed text is
/// untrusted and a `javascript:` URL must not reach a feed reader.
fn web_url(url: Option<&str>) -> Option<&str> {
    // The article page's own rule, so a feed links a source exactly when the page does.
    let url = url?.trim();
    super::is_web_url(url).then_some(url)
}

/// Tera's escape function for `.xml` templates: markup escaped, and the
/// characters XML 1.0 forbids (scraped text holds stray control codes)
/// dropped, so that whatever a template prints, the file stays well-formed.
fn escape_xml_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // Byte by byte: everything replaced is ASCII except U+FFFE and U+FFFF
    // (EF BF BE, EF BF BF), and UTF-8 never has those bytes mid-character.
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (replacement, len): (&[u8], usize) = match bytes[i] {
            b'&' => (b"&amp;", 1),
            b'<' => (b"&lt;", 1),
            b'>' => (b"&gt;", 1),
            b'"' => (b"&quot;", 1),
            b'\'' => (b"&#39;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b if b < 0x20 => (b"", 1),
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => (b"", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(replacement)?;
        i += len;
        start = i;
    }
    out.write_all(&bytes[start..])
}

/// Escape text for XML content and attribute values, as the feed templates
/// do (the charts write their SVG with it).
pub(super) fn xml_escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + text.len() / 8);
    escape_xml_to(text, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("escaping keeps UTF-8 whole")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_drops_control_codes() {
        assert_eq!(
            xml_escape("<a href=\"x\">T&C's</a>\u{1}\u{b}ok\n]]>\u{FFFE}é"),
            "&lt;a href=&quot;x&quot;&gt;T&amp;C&#39;s&lt;/a&gt;ok\n]]&gt;é"
        );
        assert_eq!(xml_escape("plain"), "plain");
        // Characters that share the bytes EF BF with U+FFFE stay.
        assert_eq!(xml_escape("\u{FFFD}\u{FFEE}\u{FFFF}x"), "\u{FFFD}\u{FFEE}x");
    }

    #[test]
    fn a_large_sitemap_is_split_under_an_index() {
        let text = "base_url = \"https://x.org/\"\ntitle = \"T\"\n\
                    [[themes]]\nslug = \"a\"\nname = \"A\"\n";
        let config =
            crate::config::SiteConfig::parse(std::path::Path::new("site.toml"), text).unwrap();
        let articles = (1..=9)
            .map(|d| {
                let text = format!("+++\ntitle = \"N{d}\"\ndate = 2025-01-0{d}\n+++\nText.\n");
                let path = format!("content/articles/n{d}.md");
                crate::content::parse_article(std::path::Path::new(&path), &text, &config).unwrap()
            })
            .collect();
        let site = Site::new(
            config,
            crate::content::Content {
                articles,
                ..Default::default()
            },
        );
        let renderer = Renderer::new(std::path::Path::new("no-such-site"), &site.config).unwrap();
        let whole = renderer.feeds(&site).unwrap();
        let split = renderer.feeds_split_at(&site, 4).unwrap();
        let file = |files: &[OutputFile], p: &str| {
            let f = files.iter().find(|f| f.path == p);
            f.map(|f| String::from_utf8(f.bytes.clone()).unwrap())
        };
        let locs = |xml: &str, tag: &str| -> Vec<String> {
            let doc = roxmltree::Document::parse(xml).unwrap();
            assert_eq!(doc.root_element().tag_name().name(), tag);
            doc.descendants()
                .filter(|n| n.has_tag_name("loc"))
                .map(|n| n.text().unwrap().to_string())
                .collect()
        };
        let all = locs(&file(&whole, paths::SITEMAP).unwrap(), "urlset");
        let index = locs(&file(&split, paths::SITEMAP).unwrap(), "sitemapindex");
        assert_eq!(index.len(), all.len().div_ceil(4));
        let mut joined = Vec::new();
        for (k, url) in index.iter().enumerate() {
            let part = paths::sitemap_part(k + 1);
            assert_eq!(url, &format!("https://x.org/{part}"));
            let urls = locs(&file(&split, &part).unwrap(), "urlset");
            assert!(urls.len() <= 4);
            joined.extend(urls);
        }
        assert_eq!(joined, all, "the parts list every page once, in order");
        assert!(file(&whole, &paths::sitemap_part(1)).is_none());
    }

    #[test]
    fn escape_agrees_with_the_xml_char_rule_for_every_character() {
        let all: String = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        let mut expected = String::new();
        for c in all.chars() {
            match c {
                '&' => expected.push_str("&amp;"),
                '<' => expected.push_str("&lt;"),
                '>' => expected.push_str("&gt;"),
                '"' => expected.push_str("&quot;"),
                '\'' => expected.push_str("&#39;"),
                // XML 1.0's Char production: what a document may hold.
                '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' => {
                    expected.push(c)
                }
                '\u{10000}'.. => expected.push(c),
                _ => {}
            }
        }
        assert_eq!(xml_escape(&all), expected);
    }

    #[test]
    fn only_web_sources_are_linked() {
        assert_eq!(web_url(Some(" https://a.b/c ")), Some("https://a.b/c"));
        assert_eq!(web_url(Some("javascript:alert(1)")), None);
        assert_eq!(web_url(None), None);
    }

    #[test]
    fn builtin_feed_templates_parse_and_escape_for_xml() {
        let builtin = super::super::BUILTIN_TEMPLATES
            .iter()
            .copied()
            .filter(|(n, _)| is_feed_template(n));
        let mut tera = tera(builtin).expect("built-in feed templates parse");
        let names: Vec<&str> = tera.get_template_names().collect();
        for name in TEMPLATES {
            assert!(names.contains(&name), "{name}");
        }
        tera.add_raw_template("t.xml", "<a b=\"{{ x }}\">{{ x }}</a>")
            .unwrap();
        tera.add_raw_template("t.json", "{{ x | json_encode }}")
            .unwrap();
        let mut ctx = Context::new();
        ctx.insert("x", "\"<]]>&'\u{0}");
        assert_eq!(
            tera.render("t.xml", &ctx).unwrap(),
            "<a b=\"&quot;&lt;]]&gt;&amp;&#39;\">&quot;&lt;]]&gt;&amp;&#39;</a>"
        );
        assert_eq!(
            tera.render("t.json", &ctx).unwrap(),
            "\"\\\"<]]>&'\\u0000\""
        );
    }
}
