//! The interface languages of a site (`languages` in site.toml): which one
//! draws each page, the folder its listing pages live in, and the
//! alternates a page declares.
//!
//! A site in one language has one interface at the root, and none of this
//! costs it anything per article: an empty prefix leaves every path as it
//! is, and there is nothing to swap or declare. In a multilingual site each
//! language has the same listing pages under its folder (`vi/`), articles
//! exist once (drawn in their own language's interface when the site has
//! it), and a listing shows, of a story told in several languages, the
//! version in its reader's language.

use crate::config::SiteConfig;
use crate::content::Article;
use crate::site::Site;
use crate::types::Language;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// One interface language and where its listing pages live.
#[derive(Debug, Clone)]
pub(crate) struct Lang {
    pub language: Language,
    /// `""` for the site's default language (its pages are the root), else
    /// its folder (`"vi/"`).
    pub prefix: String,
    /// The name of each theme of site.toml, in its order, in this language
    /// (see `SiteConfig::theme_name`).
    pub themes: Vec<String>,
    /// The description of each theme, the same way
    /// (`SiteConfig::theme_description`).
    pub descriptions: Vec<String>,
    /// The site's title and description in this language.
    pub title: String,
    pub description: String,
}

impl Lang {
    /// Every interface language of the site, the default first.
    pub fn all(config: &SiteConfig) -> Vec<Lang> {
        config
            .interface_languages()
            .into_iter()
            .enumerate()
            .map(|(k, language)| Lang {
                // A well-formed tag is letters, digits and hyphens: a safe folder name.
                prefix: if k == 0 {
                    String::new()
                } else {
                    format!("{}/", language.as_str().to_ascii_lowercase())
                },
                themes: config
                    .themes
                    .iter()
                    .map(|t| config.theme_name(t, &language).to_string())
                    .collect(),
                descriptions: config
                    .themes
                    .iter()
                    .map(|t| config.theme_description(t, &language).to_string())
                    .collect(),
                title: config.site_title(&language).to_string(),
                description: config.site_description(&language).to_string(),
                language,
            })
            .collect()
    }

    /// The name in this language of theme `slug` of site.toml.
    pub fn theme_name(&self, config: &SiteConfig, slug: &str) -> Option<&str> {
        let k = config.themes.iter().position(|t| t.slug.as_str() == slug)?;
        self.themes.get(k).map(String::as_str)
    }

    /// The name of place `id` in this language: the gazetteer's name in
    /// it where it has one, else its display name; an unknown id prettified.
    pub fn place_name(&self, site: &Site, id: &str) -> String {
        match site.places.get(id) {
            Some(p) => p
                .names
                .get(&self.language.primary())
                .unwrap_or(&p.name)
                .clone(),
            None => super::view::prettify(id),
        }
    }

    /// The default language's page at `path`, in this language.
    pub fn at(&self, path: String) -> String {
        if self.prefix.is_empty() {
            path
        } else {
            format!("{}{path}", self.prefix)
        }
    }

    /// The default language's path of a page of this language.
    pub fn base<'p>(&self, path: &'p str) -> &'p str {
        path.strip_prefix(self.prefix.as_str()).unwrap_or(path)
    }
}

/// The interface (index into [`Lang::all`]) an article's page is drawn
/// in: its own language's when the site has that interface, else the default.
pub(crate) fn of_article(langs: &[Lang], a: &Article) -> usize {
    if langs.len() < 2 {
        return 0;
    }
    interface_of(langs, &a.language).unwrap_or(0)
}

/// The interface in `language`, if the site has one.
fn interface_of(langs: &[Lang], language: &Language) -> Option<usize> {
    let own = language.primary();
    langs.iter().position(|l| l.language.primary() == own)
}

/// The articles of interface `k`'s feeds, in reading order: those written
/// in its language; the default's also carry the listed ones in languages
/// without an interface of their own.
pub(crate) fn written_in(site: &Site, langs: &[Lang], k: usize) -> Vec<usize> {
    let own = langs[k].language.primary();
    (0..site.articles.len())
        .filter(|&i| {
            let a = &site.articles[i];
            !a.front.offtopic
                && of_article(langs, a) == k
                && (a.language.primary() == own || site.listed.binary_search(&i).is_ok())
        })
        .collect()
}

/// For the listings of interface `k`: each listed article that has a
/// translation in that language, mapped to it. Empty for the default
/// language, whose versions are the listed ones already.
pub(crate) fn swaps(site: &Site, langs: &[Lang], k: usize) -> FxHashMap<usize, usize> {
    if k == 0 {
        return FxHashMap::default();
    }
    let want = langs[k].language.primary();
    site.listed
        .iter()
        .filter_map(|&i| {
            let j = site.translations[i].iter().copied().find(|&j| {
                let t = &site.articles[j];
                !t.front.offtopic && t.language.primary() == want
            })?;
            Some((i, j))
        })
        .collect()
}

/// One `<link rel="alternate" hreflang>` of a page, and one link of the
/// language switcher.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Alternate {
    /// BCP 47 tag for `hreflang` and `lang`.
    pub lang: String,
    /// Relative to the site root.
    pub url: String,
    /// The language's name in that language.
    pub name: String,
    /// Whether this is the page itself.
    pub current: bool,
}

/// The alternates of a listing page of interface `k` at `path`: the same
/// page in every interface language, and the default's as `x-default`.
pub(crate) fn listing_alternates(
    langs: &[Lang],
    k: usize,
    path: &str,
) -> (Vec<Alternate>, Option<String>) {
    let base = langs[k].base(path);
    let all = langs
        .iter()
        .enumerate()
        .map(|(l, lang)| Alternate {
            lang: lang.language.to_string(),
            url: lang.at(base.to_string()),
            name: lang.language.native_name(),
            current: l == k,
        })
        .collect();
    (all, Some(base.to_string()))
}

/// The alternates of article `i`: itself and its translations, in the
/// order of the interface languages (others after them), and the first of
/// them as `x-default`, so that every member of a translation group names
/// the same one.
pub(crate) fn article_alternates(
    site: &Site,
    langs: &[Lang],
    i: usize,
) -> (Vec<Alternate>, Option<String>) {
    let rank = |j: usize| {
        let pos = interface_of(langs, &site.articles[j].language);
        (pos.unwrap_or(langs.len()), j)
    };
    let mut group: Vec<usize> = std::iter::once(i)
        .chain(site.translations[i].iter().copied())
        .collect();
    group.sort_by_key(|&j| rank(j));
    let all: Vec<Alternate> = group
        .iter()
        .map(|&j| {
            let a = &site.articles[j];
            Alternate {
                lang: a.language.to_string(),
                url: super::paths::article(a.slug.as_str()),
                name: a.language.native_name(),
                current: j == i,
            }
        })
        .collect();
    let x_default = all.first().map(|a| a.url.clone());
    (all, x_default)
}
