//! Rendering the site model to HTML pages through Tera templates.
//!
//! The built-in templates are compiled into the binary; a site can replace any
//! of them by putting a file of the same name in its own `templates/` folder.
//! Templates are parsed once, then every page is rendered in parallel.
//!
//! Templates only see plain views (see `view.rs`) whose URLs are relative to
//! the site root; each page gets a `root` (`"../../"`) to put before them.

pub mod chart;
pub mod check;
pub mod feeds;
pub mod i18n;
mod langs;
pub mod minify;
mod pages;
pub mod pagination;
pub mod palette;
pub mod paths;
pub mod search;
mod sitemap;
mod view;

use pages::{article, page_job};

use crate::error::{Error, Result};
use crate::output::OutputFile;
use crate::site::Site;
use pagination::{page_count, slice};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{Context, Tera, Value};
pub(crate) use view::is_web_url;

/// The site's folder of template overrides.
pub(crate) const TEMPLATE_DIR: &str = "templates";

/// The built-in templates, by the name a site's override must have.
const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "components.html",
        include_str!("../../templates/components.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("themes.html", include_str!("../../templates/themes.html")),
    ("theme.html", include_str!("../../templates/theme.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("archive.html", include_str!("../../templates/archive.html")),
    ("month.html", include_str!("../../templates/month.html")),
    ("places.html", include_str!("../../templates/places.html")),
    ("place.html", include_str!("../../templates/place.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("404.html", include_str!("../../templates/404.html")),
    // The feeds, the sitemap and robots.txt: see `feeds`.
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("feed.json", include_str!("../../templates/feed.json")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
];

/// Built-in static files (path, content), used where the site has no
/// `static/` file of the same name.
pub(crate) const BUILTIN_STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("../../static/style.css")),
    ("search.js", include_str!("../../static/search.js")),
];

/// How many stories each theme shows on the home page.
const HOME_THEME_ITEMS: usize = 3;
/// How many stories the 404 page suggests.
const NOT_FOUND_ITEMS: usize = 5;
/// How many stories a locality pair lists on the places page.
const PAIR_ITEMS: usize = 5;

pub struct Renderer {
    /// The feed templates, escaped for XML rather than HTML (see `feeds`).
    feeds: Tera,
    /// Template name → the file it came from, for error messages.
    files: BTreeMap<String, PathBuf>,
    /// The interface languages, the default first.
    langs: Vec<langs::Lang>,
    /// By interface language: its strings, and the templates whose `count`
    /// filter speaks it.
    voices: Vec<Voice>,
}

/// The page templates and strings of one interface language.
struct Voice {
    tera: Tera,
    strings: std::sync::Arc<i18n::Strings>,
}

impl Renderer {
    /// Load the built-in templates, then the site's own `templates/` over
    /// them, and the interface strings of the site's language.
    pub fn new(root: &Path, config: &crate::config::SiteConfig) -> Result<Renderer> {
        let langs = langs::Lang::all(config);
        let mut sources: BTreeMap<String, String> = BUILTIN_TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let mut files: BTreeMap<String, PathBuf> = BUILTIN_TEMPLATES
            .iter()
            .map(|(n, _)| {
                (
                    n.to_string(),
                    PathBuf::from(format!("{TEMPLATE_DIR}/{n} (built-in)")),
                )
            })
            .collect();
        let dir = root.join(TEMPLATE_DIR);
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry =
                    entry.map_err(|e| Error::io(&dir, std::io::Error::other(e.to_string())))?;
                let p = entry.path();
                if !entry.file_type().is_file() {
                    continue;
                }
                let name = p
                    .strip_prefix(&dir)
                    .map(crate::output::slash_path)
                    .expect("walkdir stays under its root");
                // Pages, and the feed templates by name: a notes.txt beside them is no template.
                if !name.ends_with(".html") && !feeds::TEMPLATES.contains(&name.as_str()) {
                    continue;
                }
                let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
                let rel = p.strip_prefix(root).unwrap_or(p).to_path_buf();
                sources.insert(name.clone(), text);
                files.insert(name, rel);
            }
        }
        let mut tera = Tera::new();
        tera.register_filter("date", tera_contrib::dates::date);
        tera.register_filter("slugify", tera_contrib::slug::slug);
        register_absolute_url(&mut tera, paths::SiteUrl::of(config));
        let default_strings = std::sync::Arc::new(i18n::Strings::load(root, &config.language)?);
        register_count(&mut tera, &default_strings);
        let mut renderer = Renderer {
            langs,
            voices: Vec::new(),
            feeds: Tera::new(),
            files,
        };
        let (feed_sources, page_sources): (Vec<_>, Vec<_>) = sources
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .partition(|(n, _)| feeds::is_feed_template(n));
        // All at once: a template may extend or use components of any other.
        tera.add_raw_templates(page_sources).map_err(|e| {
            check::syntax_error(&e, &sources, &renderer.files)
                .unwrap_or_else(|| renderer.template_error(&e))
        })?;
        renderer.feeds = feeds::tera(feed_sources).map_err(|e| {
            check::syntax_error(&e, &sources, &renderer.files)
                .unwrap_or_else(|| renderer.template_error(&e))
        })?;
        // The templates are parsed once; each other language gets a copy
        // whose `count` speaks it.
        let mut voices = Vec::with_capacity(renderer.langs.len());
        for lang in &renderer.langs[1..] {
            let strings = std::sync::Arc::new(i18n::Strings::load(root, &lang.language)?);
            let mut copy = tera.clone();
            register_count(&mut copy, &strings);
            voices.push(Voice {
                tera: copy,
                strings,
            });
        }
        voices.insert(
            0,
            Voice {
                tera,
                strings: default_strings,
            },
        );
        renderer.voices = voices;
        Ok(renderer)
    }

    /// What every page of each interface language shares.
    fn commons<'s>(&'s self, site: &'s Site) -> Result<Vec<Common<'s>>> {
        (0..self.langs.len())
            .map(|k| Common::new(site, &self.langs, k, &self.voices[k].strings))
            .collect()
    }

    fn render_job(&self, k: usize, job: Job) -> Result<OutputFile> {
        let html = self.voices[k]
            .tera
            .render(job.template, &job.ctx)
            .map_err(|e| self.template_error(&e))?;
        Ok(OutputFile::new(job.path, minify::minify(&html)))
    }

    /// Turn a Tera error into one that names the template file and line, and how to fix it.
    fn template_error(&self, e: &tera::Error) -> Error {
        let file_of = |name: &str| {
            self.files
                .get(name)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(format!("{TEMPLATE_DIR}/{name}")))
        };
        let names = || self.files.keys().cloned().collect::<Vec<_>>().join(", ");
        match e.kind() {
            tera::ErrorKind::SyntaxError(r) => Error::input(
                file_of(r.filename()),
                Some(r.span().start_line),
                format!("template syntax error: {}", r.message()),
                Some(format!(
                    "fix the Tera syntax on that line ({{{{ value }}}}, {{% if %}}...{{% endif %}}, \
                     {{% for %}}...{{% endfor %}}), or delete {} to use the built-in template",
                    file_of(r.filename()).display()
                )),
            ),
            tera::ErrorKind::RenderingError(r) => Error::input(
                file_of(r.filename()),
                Some(r.span().start_line),
                format!("template error while rendering: {}", r.message()),
                Some(
                    "the template uses a variable, field or filter this page does not have; \
                     the comment at the top of each built-in template lists its variables"
                        .into(),
                ),
            ),
            tera::ErrorKind::MissingParent { current, parent } => Error::input(
                file_of(current),
                None,
                format!("extends \"{parent}\", which does not exist"),
                Some(format!("extend one of: {}", names())),
            ),
            tera::ErrorKind::TemplateNotFound(name) => Error::input(
                file_of(name),
                None,
                format!("template \"{name}\" not found"),
                Some(format!("the templates are: {}", names())),
            ),
            _ => Error::Template {
                name: "templates".into(),
                message: e.to_string(),
            },
        }
    }

    /// Render the pages of the articles `which` only (a rebuild in which
    /// nothing that listings show has changed).
    pub fn render_articles(
        &self,
        site: &Site,
        which: &[usize],
        sink: &(dyn Fn(OutputFile) -> Result<()> + Sync),
    ) -> Result<()> {
        let commons = self.commons(site)?;
        which.par_iter().try_for_each(|&i| {
            let a = &site.articles[i];
            let k = langs::of_article(&self.langs, a);
            let job = article(site, &commons[k], i, paths::article(a.slug.as_str()))?;
            sink(self.render_job(k, job)?)
        })
    }

    /// Render every HTML page of the site and hand each to `sink` as soon as
    /// it is rendered, from many threads at once, so that a large site never
    /// has to be held in memory whole.
    pub fn render_each(
        &self,
        site: &Site,
        sink: &(dyn Fn(OutputFile) -> Result<()> + Sync),
    ) -> Result<()> {
        let commons = self.commons(site)?;
        sink(OutputFile::new(
            palette::STYLESHEET,
            palette::stylesheet(&palette::colours(&site.config)),
        ))?;
        // One job per page of the one list of pages, each made where it is
        // rendered: one context at a time per thread rather than all up front.
        paths::pages(site).into_par_iter().try_for_each(|page| {
            let k = page.lang;
            sink(self.render_job(k, page_job(site, &commons[k], page)?)?)
        })
    }
}

/// `{{ url | absolute_url(root=root) }}`: the canonical absolute URL of the
/// page at `url` (root-relative) where site.toml has a `base_url`, else
/// `root` + `url`. For what search engines read (hreflang alternates, which
/// they take only fully qualified); links readers follow stay relative.
fn register_absolute_url(tera: &mut Tera, site_url: Option<paths::SiteUrl>) {
    tera.register_filter(
        "absolute_url",
        move |url: &str, kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            Ok(match &site_url {
                Some(base) => base.canonical(url),
                None => format!("{}{url}", kwargs.get::<&str>("root")?.unwrap_or_default()),
            })
        },
    );
}

/// `{{ n | count(key="stories") }}`: "4 stories", "4 bài viết", "4件".
fn register_count(tera: &mut Tera, strings: &std::sync::Arc<i18n::Strings>) {
    let strings = std::sync::Arc::clone(strings);
    tera.register_filter(
        "count",
        move |n: i64, kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let key = kwargs.must_get::<&str>("key")?;
            Ok(strings.count(key, usize::try_from(n).unwrap_or(0), &[]))
        },
    );
}

/// One page to render.
struct Job {
    path: String,
    template: &'static str,
    ctx: Context,
}

#[derive(Serialize)]
struct SiteView {
    title: String,
    description: String,
    language: String,
    base_url: Option<String>,
}

#[derive(Serialize, Clone)]
struct ThemeSummary {
    slug: String,
    name: String,
    description: String,
    url: String,
    /// The theme's colour on light pages (see `palette`).
    colour: String,
    count: usize,
    feed: Option<String>,
}

#[derive(Serialize)]
struct FeedLink {
    href: String,
    title: String,
    kind: &'static str,
}

/// What every page shares, converted to template values once.
struct Common<'s> {
    site_model: &'s Site,
    site: Value,
    themes: Value,
    theme_list: Vec<ThemeSummary>,
    /// Listing item of every article, by article index, made when first
    /// shown: a rebuild that renders a few pages needs only a few.
    items: Vec<std::sync::OnceLock<Value>>,
    base_url: Option<String>,
    site_url: Option<paths::SiteUrl>,
    title: String,
    /// The interface strings, and the same as template values (`t`).
    strings: &'s i18n::Strings,
    t: Value,
    /// Every interface language, and the index of this one.
    langs: &'s [langs::Lang],
    k: usize,
    /// Listed articles shown by their translation in this language (see `langs::swaps`).
    swap: rustc_hash::FxHashMap<usize, usize>,
    /// An empty list of alternates, for the pages of a site in one language.
    no_alternates: Value,
}

fn to_value<T: Serialize + ?Sized>(v: &T) -> Result<Value> {
    Value::try_from_serializable(v).map_err(|e| Error::Template {
        name: "(view)".into(),
        message: e.to_string(),
    })
}

impl<'s> Common<'s> {
    fn new(
        site: &'s Site,
        langs: &'s [langs::Lang],
        k: usize,
        strings: &'s i18n::Strings,
    ) -> Result<Common<'s>> {
        let c = &site.config;
        let lang = &langs[k];
        let base_url = c.base_url();
        let colours = palette::colours(c);
        let theme_list: Vec<ThemeSummary> = c
            .themes
            .iter()
            .zip(colours)
            .zip(lang.themes.iter().zip(&lang.descriptions))
            .map(|((t, colour), (name, description))| ThemeSummary {
                slug: t.slug.to_string(),
                name: name.clone(),
                description: description.clone(),
                url: lang.at(paths::theme(t.slug.as_str(), 1)),
                colour: colour.light,
                count: site.theme_articles(t.slug.as_str()).len(),
                feed: base_url
                    .as_ref()
                    .map(|_| lang.at(paths::theme_feed(t.slug.as_str()))),
            })
            .collect();
        Ok(Common {
            site: to_value(&SiteView {
                title: lang.title.clone(),
                description: lang.description.clone(),
                language: lang.language.to_string(),
                base_url: base_url.clone(),
            })?,
            themes: to_value(&theme_list)?,
            theme_list,
            items: (0..site.articles.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            site_model: site,
            base_url,
            site_url: paths::SiteUrl::of(c),
            title: lang.title.clone(),
            t: strings.to_value(),
            strings,
            swap: langs::swaps(site, langs, k),
            langs,
            k,
            no_alternates: Value::from(Vec::<Value>::new()),
        })
    }

    /// This page's interface language.
    fn lang(&self) -> &langs::Lang {
        &self.langs[self.k]
    }

    fn items(&self, indexes: &[usize]) -> Value {
        Value::from(indexes.iter().map(|&i| self.item(i)).collect::<Vec<_>>())
    }

    fn item(&self, i: usize) -> Value {
        let i = if self.swap.is_empty() {
            i
        } else {
            self.swap.get(&i).copied().unwrap_or(i)
        };
        self.items[i]
            .get_or_init(|| {
                // A plain struct of strings: converting it cannot fail.
                to_value(&view::item(self.site_model, self.strings, self.lang(), i))
                    .unwrap_or_else(|_| Value::none())
            })
            .clone()
    }

    /// The context every template gets: see the comment at the top of base.html.
    fn context(
        &self,
        path: &str,
        section: &str,
        title: Option<&str>,
        description: &str,
    ) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site.clone());
        ctx.insert_value("t", self.t.clone());
        ctx.insert_value("themes", self.themes.clone());
        ctx.insert("path", path);
        let root = paths::root_of(path);
        ctx.insert("home", &format!("{root}{}", self.lang().prefix));
        ctx.insert("root", &root);
        ctx.insert("section", section);
        ctx.insert(
            "page_title",
            &match title {
                Some(t) => format!("{t} – {}", self.title),
                None => self.title.clone(),
            },
        );
        ctx.insert("description", description);
        ctx.insert(
            "canonical",
            &self.site_url.as_ref().map(|u| u.canonical(path)),
        );
        let mut feeds = Vec::new();
        if self.base_url.is_some() {
            feeds.push(FeedLink {
                href: self.lang().at(paths::ATOM_FEED.into()),
                title: self.title.clone(),
                kind: "application/atom+xml",
            });
            feeds.push(FeedLink {
                href: self.lang().at(paths::JSON_FEED.into()),
                title: self.title.clone(),
                kind: "application/feed+json",
            });
        }
        ctx.insert("feeds", &feeds);
        ctx.insert("prev_url", &None::<String>);
        ctx.insert("next_url", &None::<String>);
        ctx.insert_value("alternates", self.no_alternates.clone());
        ctx.insert("x_default", &None::<String>);
        ctx
    }

    /// Declare the page's alternates (and fill the language switcher), on
    /// a site with more than one interface language.
    fn alternates(&self, ctx: &mut Context, page: &paths::Page, path: &str) {
        if self.langs.len() < 2 {
            return;
        }
        let (all, x_default) = match page {
            paths::Page::NotFound => return,
            paths::Page::Article(i) => langs::article_alternates(self.site_model, self.langs, *i),
            _ => langs::listing_alternates(self.langs, self.k, path),
        };
        ctx.insert("alternates", &all);
        ctx.insert("x_default", &x_default);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_config() -> crate::config::SiteConfig {
        crate::config::SiteConfig::parse(
            Path::new("site.toml"),
            "title = \"T\"\n[[themes]]\nslug = \"a\"\nname = \"A\"\n",
        )
        .unwrap()
    }

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("bd-render-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join(TEMPLATE_DIR)).unwrap();
        d
    }

    #[test]
    fn builtin_templates_parse() {
        let d = tmp("builtin");
        assert!(Renderer::new(&d, &test_config()).is_ok());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn broken_override_names_file_and_line() {
        let d = tmp("broken");
        std::fs::write(
            d.join(TEMPLATE_DIR).join("search.html"),
            "{% extends \"base.html\" %}\n{% block main %}\n{% if %}\n{% endblock main %}\n",
        )
        .unwrap();
        let err = Renderer::new(&d, &test_config())
            .err()
            .expect("a syntax error")
            .to_string();
        assert!(err.contains("search.html:3"), "{err}");
        assert!(err.contains("help:"), "{err}");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn missing_parent_is_explained() {
        let d = tmp("parent");
        std::fs::write(
            d.join(TEMPLATE_DIR).join("place.html"),
            "{% extends \"layout.html\" %}\n",
        )
        .unwrap();
        let err = Renderer::new(&d, &test_config())
            .err()
            .expect("an error")
            .to_string();
        assert!(err.contains("place.html"), "{err}");
        assert!(err.contains("layout.html"), "{err}");
        std::fs::remove_dir_all(&d).unwrap();
    }
}
