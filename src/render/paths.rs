//! Where each output of the site lives and what its address is: the one
//! place that knows the layout of `public/`.
//!
//! Pages, feeds, the sitemap and the search index all take their paths from
//! here, so a link always names the very file that is written. Every path is
//! relative to the output root and names a file (`themes/x/index.html`), so
//! internal links work from `file://`, from a sub-folder and from any host;
//! [`SiteUrl`] makes the absolute addresses that feeds and the sitemap need.
//!
//! [`pages`] lists every HTML page of a site once: the renderer makes one job
//! per entry and the sitemap lists the same entries, so the two cannot
//! disagree.

use super::langs::Lang;
use super::pagination::{page_count, slice};
use crate::site::Site;
use chrono::NaiveDate;
use rayon::prelude::*;
use url::Url;

/// The home page.
pub(crate) const HOME: &str = "index.html";
pub(crate) const THEMES: &str = "themes/index.html";
pub(crate) const ARCHIVE: &str = "archive/index.html";
pub(crate) const PLACES: &str = "places/index.html";
pub(crate) const SEARCH: &str = "search/index.html";
pub(crate) const NOT_FOUND: &str = "404.html";
/// The site's Atom and JSON feeds; a theme's are the same names in its folder.
pub(crate) const ATOM_FEED: &str = "feed.xml";
pub(crate) const JSON_FEED: &str = "feed.json";
pub(crate) const SITEMAP: &str = "sitemap.xml";
pub(crate) const ROBOTS: &str = "robots.txt";
/// The search index's manifest; its shards are in the same folder (see `search::shards`).
pub const SEARCH_MANIFEST: &str = "search/manifest.js";

/// The site's own top-level folders: a page served for a missing address
/// finds the site's root in the address by them (see `templates/404.html`).
/// The interface languages' folders are among them.
pub(crate) fn top_folders(langs: &[Lang]) -> Vec<&str> {
    let first = |p: &'static str| p.split_once('/').map(|(d, _)| d);
    let mut out: Vec<&str> = [THEMES, ARCHIVE, PLACES, SEARCH]
        .into_iter()
        .filter_map(first)
        .chain(first(ARTICLE_PREFIX))
        .chain(langs.iter().filter_map(|l| l.prefix.strip_suffix('/')))
        .collect();
    out.sort_unstable();
    out
}

/// Where article pages live.
const ARTICLE_PREFIX: &str = "articles/";

/// The relative path from the page at `path` back to the site root:
/// `""` for `index.html`, `"../../"` for `themes/investment/index.html`.
pub(crate) fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Path of the `n`th page (1-based) of a listing whose first page is `dir/index.html`.
pub(crate) fn paged(dir: &str, n: usize) -> String {
    if n <= 1 {
        format!("{dir}/index.html")
    } else {
        format!("{dir}/page/{n}/index.html")
    }
}

pub fn article(slug: &str) -> String {
    format!("{ARTICLE_PREFIX}{}/index.html", segment(slug))
}

pub(crate) fn theme_dir(slug: &str) -> String {
    format!("themes/{}", segment(slug))
}

pub fn theme(slug: &str, n: usize) -> String {
    paged(&theme_dir(slug), n)
}

/// A theme's Atom feed, beside its first page.
pub(crate) fn theme_feed(slug: &str) -> String {
    format!("{}/{ATOM_FEED}", theme_dir(slug))
}

/// A theme's JSON feed, beside its first page.
pub(crate) fn theme_json_feed(slug: &str) -> String {
    format!("{}/{JSON_FEED}", theme_dir(slug))
}

/// Part `n` (1-based) of a sitemap too large for one file.
pub(crate) fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

pub(crate) fn month_dir(year: i32, month: u32) -> String {
    format!("archive/{year:04}/{month:02}")
}

pub fn month(year: i32, month: u32, n: usize) -> String {
    paged(&month_dir(year, month), n)
}

/// Place ids come from front matter, so they are made safe to be a folder name.
pub fn place(id: &str) -> String {
    format!("places/{}/index.html", segment(id))
}

/// A single path segment that is safe as a folder name and needs no escaping
/// in a URL. Slugs written by import already are; hand-named files may not be.
/// The rule is content's (`content::address`), where two names that make one
/// page can still be told by their files.
pub fn segment(text: &str) -> String {
    crate::content::address(text)
}

/// The site's base URL, parsed once: the absolute address of every output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SiteUrl(Url);

impl SiteUrl {
    /// The site's `base_url`, or `None` when it has none (config checked it parses).
    pub fn of(config: &crate::config::SiteConfig) -> Option<SiteUrl> {
        config.base_url().and_then(|u| SiteUrl::parse(&u))
    }

    /// A base URL, which must be a folder (end in `/`), as `SiteConfig::base_url` gives it.
    pub fn parse(base: &str) -> Option<SiteUrl> {
        let url = Url::parse(base).ok()?;
        (url.path().ends_with('/') && !url.cannot_be_a_base()).then_some(SiteUrl(url))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The absolute URL of the output at `path` (relative to the root).
    pub fn url(&self, path: &str) -> String {
        // Paths are made of `segment`s, so joining them only appends: done as
        // text, it costs nothing per sitemap entry. The test checks it agrees
        // with `Url::join`.
        format!("{}{path}", self.0)
    }

    /// The absolute URL of a page, for `<link rel="canonical">`. Folder pages
    /// are given as the folder (`.../themes/x/`), the form servers redirect to.
    pub fn canonical(&self, path: &str) -> String {
        self.url(path.strip_suffix("index.html").unwrap_or(path))
    }
}

/// One HTML page of the site.
#[derive(Debug, Clone, Copy)]
pub enum Page<'s> {
    Home,
    Themes,
    /// Page `n` (1-based) of a theme's listing.
    Theme {
        slug: &'s str,
        list: &'s [usize],
        n: usize,
    },
    /// An article, by its index in `Site::articles`.
    Article(usize),
    Archive,
    /// Page `n` of a month's listing.
    Month {
        month: &'s crate::site::Month,
        n: usize,
    },
    Places,
    Place {
        id: &'s str,
        list: &'s [usize],
    },
    Search,
    NotFound,
}

/// A page with its path, worked out once, the date of the newest story it
/// shows, and the interface language it is drawn in.
#[derive(Debug, Clone)]
pub(crate) struct SitePage<'s> {
    pub page: Page<'s>,
    pub path: String,
    pub newest: Option<NaiveDate>,
    /// Index into [`Lang::all`]: 0, the site's language, but for the
    /// listing pages of the other interface languages and their articles.
    pub lang: usize,
}

impl SitePage<'_> {
    /// The 404 page has no address of its own to list.
    pub fn in_sitemap(&self) -> bool {
        !matches!(self.page, Page::NotFound)
    }
}

/// Every HTML page of the site, in a fixed order: the default language's
/// pages with the articles, then each other interface language's listing
/// pages under its folder.
pub(crate) fn pages<'s>(site: &'s Site) -> Vec<SitePage<'s>> {
    let langs = Lang::all(&site.config);
    let mut out = Vec::with_capacity(
        site.articles.len() + langs.len() * (site.by_place.len() + site.months.len() + 16),
    );
    for (k, lang) in langs.iter().enumerate() {
        listing_pages(site, &langs, k, lang, &mut out);
    }
    out
}

/// The pages of interface `k` (for the default, the articles and the 404 page too).
fn listing_pages<'s>(
    site: &'s Site,
    langs: &[Lang],
    k: usize,
    lang: &Lang,
    out: &mut Vec<SitePage<'s>>,
) {
    let per_page = site.config.items_per_page;
    let newest = |list: &[usize]| {
        list.iter()
            .filter_map(|&i| site.articles[i].front.date)
            .max()
    };
    let at = |page: Page<'s>, path: String, newest: Option<NaiveDate>| SitePage {
        page,
        path: lang.at(path),
        newest,
        lang: k,
    };
    let site_newest = newest(&site.listed);
    out.push(at(Page::Home, HOME.into(), site_newest));
    out.push(at(Page::Themes, THEMES.into(), site_newest));
    for (slug, list) in &site.by_theme {
        for n in 1..=page_count(list.len(), per_page) {
            let page = Page::Theme { slug, list, n };
            out.push(at(page, theme(slug, n), newest(slice(list, per_page, n))));
        }
    }
    if k == 0 {
        // Most pages are articles: their paths are made on all cores. Each
        // exists once, in its own language's interface.
        let articles: Vec<SitePage<'s>> = (site.articles.par_iter().enumerate())
            .map(|(i, a)| SitePage {
                page: Page::Article(i),
                path: article(a.slug.as_str()),
                newest: a.front.date,
                lang: super::langs::of_article(langs, a),
            })
            .collect();
        out.extend(articles);
    }
    out.push(at(Page::Archive, ARCHIVE.into(), site_newest));
    for m in &site.months {
        for n in 1..=page_count(m.articles.len(), per_page) {
            let path = month(m.year, m.month, n);
            let page = Page::Month { month: m, n };
            out.push(at(page, path, newest(slice(&m.articles, per_page, n))));
        }
    }
    out.push(at(Page::Places, PLACES.into(), site_newest));
    for (id, list) in &site.by_place {
        out.push(at(Page::Place { id, list }, place(id), newest(list)));
    }
    out.push(at(Page::Search, SEARCH.into(), None));
    if k == 0 {
        out.push(at(Page::NotFound, NOT_FOUND.into(), None));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_counts_folders() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("404.html"), "");
        assert_eq!(root_of("themes/index.html"), "../");
        assert_eq!(root_of("themes/investment/index.html"), "../../");
        assert_eq!(
            root_of("themes/investment/page/2/index.html"),
            "../../../../"
        );
        assert_eq!(root_of("archive/2025/11/index.html"), "../../../");
    }

    #[test]
    fn root_of_every_page_kind_leads_back_to_the_root() {
        // Joining a page's folder with its root must give the site root again.
        for p in [
            article("a-b"),
            theme("investment", 3),
            month(2025, 1, 1),
            month(2025, 1, 2),
            place("gunma"),
            SEARCH.to_string(),
        ] {
            let depth = p.split('/').count() - 1;
            assert_eq!(root_of(&p).matches("../").count(), depth, "{p}");
        }
    }

    #[test]
    fn pages_are_files_and_paged_from_two() {
        assert_eq!(theme("investment", 1), "themes/investment/index.html");
        assert_eq!(
            theme("investment", 2),
            "themes/investment/page/2/index.html"
        );
        assert_eq!(month(2025, 3, 1), "archive/2025/03/index.html");
        assert_eq!(theme_feed("investment"), "themes/investment/feed.xml");
        assert_eq!(theme_json_feed("investment"), "themes/investment/feed.json");
    }

    #[test]
    fn unsafe_segments_are_slugified() {
        assert_eq!(place("ninh-binh"), "places/ninh-binh/index.html");
        assert_eq!(place("../../etc"), "places/etc/index.html");
        assert_eq!(
            article("Hải Phòng news"),
            "articles/hai-phong-news/index.html"
        );
        assert_eq!(segment(""), "page");
    }

    #[test]
    fn urls_join_the_base_as_the_url_crate_does() {
        let base = SiteUrl::parse("https://x.org/d/").unwrap();
        assert!(SiteUrl::parse("https://x.org/d").is_none(), "not a folder");
        for p in [
            article("a-b"),
            theme("x", 2),
            sitemap_part(3),
            HOME.to_string(),
        ] {
            assert_eq!(base.url(&p), base.0.join(&p).unwrap().as_str(), "{p}");
        }
        assert_eq!(
            SiteUrl::parse("https://x.org").unwrap().url(SITEMAP),
            "https://x.org/sitemap.xml"
        );
        assert!(SiteUrl::parse("not a url").is_none());
        assert!(SiteUrl::parse("mailto:a@b.c").is_none());
    }

    #[test]
    fn canonical_drops_index_html() {
        let base = SiteUrl::parse("https://x.org/d/").unwrap();
        assert_eq!(
            base.canonical("themes/a/index.html"),
            "https://x.org/d/themes/a/"
        );
        assert_eq!(base.canonical("index.html"), "https://x.org/d/");
        assert_eq!(base.canonical("404.html"), "https://x.org/d/404.html");
    }
}
