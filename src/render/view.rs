//! What templates see: plain serializable views of the site model. Every URL
//! in a view is relative to the site root; templates put `{{ root }}` before it.

use super::i18n::Strings;
use super::langs::Lang;
use super::paths;
use crate::site::Site;
use serde::Serialize;

/// Words a minute for the reading-time estimate.
const WORDS_PER_MINUTE: usize = 200;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ThemeRef {
    pub slug: String,
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct LangLink {
    pub url: String,
    /// BCP 47 tag for `hreflang` and `lang`.
    pub lang: String,
    pub name: String,
}

/// An article as listings show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Item {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub outlet: Option<String>,
    pub summary: String,
    pub themes: Vec<ThemeRef>,
    /// Set only when the article's language is not the site's: the tag for `lang`.
    pub lang: Option<String>,
    /// Short badge text for a foreign-language article ("NB").
    pub lang_badge: Option<String>,
    pub lang_name: Option<String>,
    pub translations: Vec<LangLink>,
}

pub(crate) fn theme_ref(site: &Site, lang: &Lang, slug: &str) -> Option<ThemeRef> {
    Some(ThemeRef {
        slug: slug.to_string(),
        name: lang.theme_name(&site.config, slug)?.to_string(),
        url: lang.at(paths::theme(slug, 1)),
    })
}

/// An article as the listings of interface `lang` show it.
pub(crate) fn item(site: &Site, strings: &Strings, lang: &Lang, i: usize) -> Item {
    let a = &site.articles[i];
    let foreign = a.language.primary() != lang.language.primary();
    Item {
        slug: a.slug.to_string(),
        url: paths::article(a.slug.as_str()),
        title: a.front.title.clone(),
        date: a.front.date.map(|d| d.format("%Y-%m-%d").to_string()),
        date_display: a.front.date.map(|d| strings.date(d)),
        outlet: a.front.outlet.clone().filter(|o| !o.trim().is_empty()),
        summary: a.summary.clone(),
        themes: a
            .front
            .themes
            .iter()
            .filter_map(|t| theme_ref(site, lang, t.as_str()))
            .collect(),
        lang: foreign.then(|| a.language.to_string()),
        lang_badge: foreign.then(|| a.language.primary().to_uppercase()),
        lang_name: foreign.then(|| a.language.native_name()),
        translations: site.translations[i]
            .iter()
            .map(|&j| {
                let t = &site.articles[j];
                LangLink {
                    url: paths::article(t.slug.as_str()),
                    lang: t.language.to_string(),
                    name: t.language.native_name(),
                }
            })
            .collect(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PlaceRef {
    pub id: String,
    pub name: String,
    /// Only when the place has a page (it has listed articles).
    pub url: Option<String>,
}

/// A place id as readers see it when the gazetteer does not know it: `ninh-binh` → "Ninh Binh".
pub(crate) fn prettify(id: &str) -> String {
    id.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn place_ref(site: &Site, lang: &Lang, id: &str) -> PlaceRef {
    PlaceRef {
        id: id.to_string(),
        name: lang.place_name(site, id),
        url: site
            .by_place
            .contains_key(id)
            .then(|| lang.at(paths::place(id))),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub text: String,
    /// Set only when the source is an http(s) URL that may be linked.
    pub url: Option<String>,
}

/// Whether `s` is an absolute http(s) URL with a host and nothing a browser would mangle.
pub(crate) fn is_web_url(s: &str) -> bool {
    // The parser forgives (strips or encodes) spaces, controls, quotes and
    // angle brackets; a link we pass on must be exactly the text we were given.
    if s.chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'))
    {
        return false;
    }
    url::Url::parse(s).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    })
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct FigureView {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outlet {
    pub name: String,
    pub url: String,
    pub title: String,
}

/// Everything an article page shows beyond its listing item.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ArticlePage {
    pub item: Item,
    pub html: String,
    /// `html` split after its first paragraph, so that the key figures can
    /// stand after the lead instead of pushing it below the fold on a phone.
    pub lead_html: String,
    pub rest_html: String,
    pub source: Option<Source>,
    /// Who wrote it, when the front matter says.
    pub author: Option<String>,
    pub places: Vec<PlaceRef>,
    pub reading_minutes: usize,
    pub figures: Vec<FigureView>,
    pub also_reported: Vec<Outlet>,
    pub title_inferred: bool,
    pub date_inferred: bool,
    pub offtopic: bool,
}

/// An article's HTML as (first paragraph, the rest); all of it in the rest
/// when it does not open with a paragraph.
fn split_lead(html: &str) -> (&str, &str) {
    match html.find("</p>") {
        Some(end) if html.trim_start().starts_with("<p>") => {
            let cut = end + "</p>".len();
            let cut = cut + usize::from(html[cut..].starts_with('\n'));
            html.split_at(cut)
        }
        _ => ("", html),
    }
}

pub(crate) fn article_page(site: &Site, lang: &Lang, i: usize, item: Item) -> ArticlePage {
    let a = &site.articles[i];
    let source = a
        .front
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Source {
            text: s.to_string(),
            url: is_web_url(s).then(|| s.to_string()),
        });
    let (lead_html, rest_html) = split_lead(&a.html);
    let mut seen = std::collections::BTreeSet::new();
    ArticlePage {
        item,
        lead_html: lead_html.to_string(),
        rest_html: rest_html.to_string(),
        html: a.html.clone(),
        source,
        author: a.front.author_name().map(str::to_string),
        places: a
            .front
            .places
            .iter()
            .map(|p| place_ref(site, lang, p))
            .collect(),
        reading_minutes: (a.word_count / WORDS_PER_MINUTE).max(1),
        figures: a
            .front
            .figures
            .iter()
            // A figure stated twice in the story is shown once.
            .filter(|f| seen.insert(f.value.clone()))
            .map(|f| FigureView {
                value: f.value.clone(),
                label: f.label.clone(),
            })
            .collect(),
        also_reported: site.also_reported[i]
            .iter()
            .map(|&j| {
                let o = &site.articles[j];
                Outlet {
                    name: o
                        .front
                        .outlet
                        .clone()
                        .filter(|s| !s.trim().is_empty())
                        .unwrap_or_else(|| o.front.title.clone()),
                    url: paths::article(o.slug.as_str()),
                    title: o.front.title.clone(),
                }
            })
            .collect(),
        title_inferred: a.front.title_inferred,
        date_inferred: a.front.date_inferred,
        offtopic: a.front.offtopic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_is_the_first_paragraph() {
        assert_eq!(
            split_lead("<p>Lead.</p>\n<p>Two.</p>\n"),
            ("<p>Lead.</p>\n", "<p>Two.</p>\n")
        );
        assert_eq!(
            split_lead("<h2>Head</h2>\n<p>One.</p>"),
            ("", "<h2>Head</h2>\n<p>One.</p>")
        );
        assert_eq!(split_lead(""), ("", ""));
    }

    #[test]
    fn web_urls_only() {
        assert!(is_web_url("https://vneconomy.vn/a-b.htm?x=1"));
        assert!(is_web_url("http://example.org"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("VnEconomy, print edition"));
        assert!(!is_web_url("https://a b.org/"));
        assert!(!is_web_url("https://a.org/\"onmouseover=\"x"));
        assert!(!is_web_url("ftp://a.org/"));
    }

    #[test]
    fn prettify_ids() {
        assert_eq!(prettify("ninh-binh"), "Ninh Binh");
        assert_eq!(prettify("gunma"), "Gunma");
    }
}
