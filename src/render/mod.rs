//! Rendering the site model to HTML pages through Tera templates.
//!
//! The built-in templates are compiled into the binary; a site can replace any
//! of them by putting a file of the same name in its own `templates/` folder.
//! Templates are parsed once, then every page is rendered in parallel.
//!
//! Templates only see plain views (see `view.rs`) whose URLs are relative to
//! the site root; each page gets a `root` (`"../../"`) to put before them.

pub mod chart;
pub mod feeds;
pub mod pagination;
pub mod paths;
pub mod search;
mod view;

use crate::error::{Error, Result};
use crate::output::OutputFile;
use crate::site::Site;
use pagination::{page_count, slice};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{Context, Tera, Value};
pub use view::{display_date, is_web_url, month_name, prettify};

/// The site's folder of template overrides.
pub const TEMPLATE_DIR: &str = "templates";

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
];

/// Built-in static files (path, content), used where the site has no
/// `static/` file of the same name.
pub const BUILTIN_STATIC: &[(&str, &str)] = &[
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
    tera: Tera,
    /// Template name → the file it came from, for error messages.
    files: BTreeMap<String, PathBuf>,
}

impl Renderer {
    /// Load the built-in templates, then the site's own `templates/` over them.
    pub fn new(root: &Path) -> Result<Renderer> {
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
                if !entry.file_type().is_file() || p.extension().is_none_or(|x| x != "html") {
                    continue;
                }
                let name = p
                    .strip_prefix(&dir)
                    .map(crate::output::slash_path)
                    .expect("walkdir stays under its root");
                let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
                let rel = p.strip_prefix(root).unwrap_or(p).to_path_buf();
                sources.insert(name.clone(), text);
                files.insert(name, rel);
            }
        }
        let mut tera = Tera::new();
        tera.register_filter("date", tera_contrib::dates::date);
        tera.register_filter("slugify", tera_contrib::slug::slug);
        let mut renderer = Renderer {
            tera: Tera::new(),
            files,
        };
        // All at once: a template may extend or use components of any other.
        tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| renderer.template_error(&e))?;
        renderer.tera = tera;
        Ok(renderer)
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

    /// Every HTML page of the site, sorted by path.
    pub fn render_all(&self, site: &Site) -> Result<Vec<OutputFile>> {
        crate::output::collect_files(|sink| self.render_each(site, sink))
    }

    /// Render the pages of the articles `which` only (a rebuild in which
    /// nothing that listings show has changed).
    pub fn render_articles(
        &self,
        site: &Site,
        which: &[usize],
        sink: &(dyn Fn(OutputFile) -> Result<()> + Sync),
    ) -> Result<()> {
        let common = Common::new(site)?;
        which.par_iter().try_for_each(|&i| {
            let job = article(site, &common, i)?;
            let html = self
                .tera
                .render(job.template, &job.ctx)
                .map_err(|e| self.template_error(&e))?;
            sink(OutputFile::new(job.path, html))
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
        let common = Common::new(site)?;
        let render = |job: Job| -> Result<()> {
            let html = self
                .tera
                .render(job.template, &job.ctx)
                .map_err(|e| self.template_error(&e))?;
            sink(OutputFile::new(job.path, html))
        };
        let mut jobs = Vec::new();
        jobs.push(home(site, &common)?);
        jobs.push(themes_overview(site, &common)?);
        for (slug, list) in &site.by_theme {
            jobs.extend(theme_pages(site, &common, slug, list)?);
        }
        jobs.push(archive(site, &common)?);
        for m in &site.months {
            jobs.extend(month_pages(site, &common, m)?);
        }
        jobs.push(places_index(site, &common)?);
        for (id, list) in &site.by_place {
            jobs.push(place(site, &common, id, list)?);
        }
        jobs.push(search_page(site, &common)?);
        jobs.push(not_found(site, &common)?);
        let (lists, articles) = rayon::join(
            || jobs.into_par_iter().try_for_each(render),
            // Article contexts are made where they are rendered: one at a time
            // per thread rather than all of them up front.
            || {
                (0..site.articles.len())
                    .into_par_iter()
                    .try_for_each(|i| render(article(site, &common, i)?))
            },
        );
        lists.and(articles)
    }
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
    colour: usize,
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
    title: String,
}

fn to_value<T: Serialize + ?Sized>(v: &T) -> Result<Value> {
    Value::try_from_serializable(v).map_err(|e| Error::Template {
        name: "(view)".into(),
        message: e.to_string(),
    })
}

impl<'s> Common<'s> {
    fn new(site: &'s Site) -> Result<Common<'s>> {
        let c = &site.config;
        let base_url = c.base_url();
        let theme_list: Vec<ThemeSummary> = c
            .themes
            .iter()
            .enumerate()
            .map(|(pos, t)| ThemeSummary {
                slug: t.slug.to_string(),
                name: t.name.clone(),
                description: t.description.clone(),
                url: paths::theme(t.slug.as_str(), 1),
                colour: pos % view::COLOURS,
                count: site.theme_articles(t.slug.as_str()).len(),
                feed: base_url
                    .as_ref()
                    .map(|_| paths::theme_feed(t.slug.as_str())),
            })
            .collect();
        Ok(Common {
            site: to_value(&SiteView {
                title: c.title.clone(),
                description: c.description.clone(),
                language: c.language.to_string(),
                base_url: base_url.clone(),
            })?,
            themes: to_value(&theme_list)?,
            theme_list,
            items: (0..site.articles.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            site_model: site,
            base_url,
            title: c.title.clone(),
        })
    }

    fn items(&self, indexes: &[usize]) -> Value {
        Value::from(indexes.iter().map(|&i| self.item(i)).collect::<Vec<_>>())
    }

    fn item(&self, i: usize) -> Value {
        self.items[i]
            .get_or_init(|| {
                // A plain struct of strings: converting it cannot fail.
                to_value(&view::item(self.site_model, i)).unwrap_or_else(|_| Value::none())
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
        ctx.insert_value("themes", self.themes.clone());
        ctx.insert("path", path);
        ctx.insert("root", &paths::root_of(path));
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
            &self.base_url.as_ref().map(|b| paths::absolute(b, path)),
        );
        let mut feeds = Vec::new();
        if self.base_url.is_some() {
            feeds.push(FeedLink {
                href: "feed.xml".into(),
                title: self.title.clone(),
                kind: "application/atom+xml",
            });
            feeds.push(FeedLink {
                href: "feed.json".into(),
                title: self.title.clone(),
                kind: "application/feed+json",
            });
        }
        ctx.insert("feeds", &feeds);
        ctx.insert("prev_url", &None::<String>);
        ctx.insert("next_url", &None::<String>);
        ctx
    }
}

fn job(path: String, template: &'static str, ctx: Context) -> Job {
    Job {
        path,
        template,
        ctx,
    }
}

/// Insert the pagination of a listing, and the `rel="prev/next"` head links.
fn insert_pagination(ctx: &mut Context, p: &pagination::Pagination) {
    ctx.insert("prev_url", &p.prev);
    ctx.insert("next_url", &p.next);
    ctx.insert("pagination", &(p.total > 1).then_some(p));
}

#[derive(Serialize)]
struct ThemeBlock {
    theme: ThemeSummary,
    items: Value,
}

fn home(site: &Site, common: &Common) -> Result<Job> {
    let c = &site.config;
    let mut ctx = common.context(paths::HOME, "home", None, &c.description);
    ctx.insert("intro", &site.home_intro);
    let latest = &site.listed[..site.listed.len().min(c.items_per_page)];
    ctx.insert_value("latest", common.items(latest));
    ctx.insert("more", &(site.listed.len() > latest.len()));
    ctx.insert("total", &site.listed.len());
    let blocks: Vec<ThemeBlock> = common
        .theme_list
        .iter()
        .map(|t| {
            let list = site.theme_articles(&t.slug);
            ThemeBlock {
                theme: t.clone(),
                items: common.items(&list[..list.len().min(HOME_THEME_ITEMS)]),
            }
        })
        .collect();
    ctx.insert_value("theme_blocks", to_value(&blocks)?);
    ctx.insert("chart", &chart::months_svg(site, &site.listed));
    Ok(job(paths::HOME.into(), "index.html", ctx))
}

#[derive(Serialize)]
struct ThemeRow {
    theme: ThemeSummary,
    sparkline: String,
}

fn themes_overview(site: &Site, common: &Common) -> Result<Job> {
    let mut ctx = common.context(
        paths::THEMES,
        "themes",
        Some("Themes"),
        &format!("The themes of {}", site.config.title),
    );
    let rows: Vec<ThemeRow> = common
        .theme_list
        .iter()
        .map(|t| ThemeRow {
            theme: t.clone(),
            sparkline: chart::sparkline_svg(site, site.theme_articles(&t.slug)),
        })
        .collect();
    ctx.insert("rows", &rows);
    Ok(job(paths::THEMES.into(), "themes.html", ctx))
}

fn theme_pages(site: &Site, common: &Common, slug: &str, list: &[usize]) -> Result<Vec<Job>> {
    let per_page = site.config.items_per_page;
    let total = page_count(list.len(), per_page);
    let Some(theme) = common.theme_list.iter().find(|t| t.slug == slug) else {
        return Ok(Vec::new());
    };
    let theme_value = to_value(theme)?;
    let mut jobs = Vec::with_capacity(total);
    for n in 1..=total {
        let path = paths::theme(slug, n);
        let title = if n > 1 {
            format!("{} (page {n} of {total})", theme.name)
        } else {
            theme.name.clone()
        };
        let description = if theme.description.is_empty() {
            format!("Stories on {}", theme.name)
        } else {
            theme.description.clone()
        };
        let mut ctx = common.context(&path, "themes", Some(&title), &description);
        if let Some(feed) = &theme.feed {
            ctx.insert(
                "feeds",
                &[
                    FeedLink {
                        href: "feed.xml".into(),
                        title: common.title.clone(),
                        kind: "application/atom+xml",
                    },
                    FeedLink {
                        href: feed.clone(),
                        title: format!("{} – {}", theme.name, common.title),
                        kind: "application/atom+xml",
                    },
                ],
            );
        }
        ctx.insert_value("theme", theme_value.clone());
        ctx.insert("intro", &site.theme_intros.get(slug));
        ctx.insert("page_number", &n);
        ctx.insert_value("items", common.items(slice(list, per_page, n)));
        insert_pagination(
            &mut ctx,
            &pagination::pagination(n, total, |k| paths::theme(slug, k)),
        );
        jobs.push(job(path, "theme.html", ctx));
    }
    Ok(jobs)
}

fn article(site: &Site, common: &Common, i: usize) -> Result<Job> {
    let a = &site.articles[i];
    let path = paths::article(a.slug.as_str());
    let mut ctx = common.context(&path, "article", Some(&a.front.title), &a.summary);
    let page = view::article_page(site, i, view::item(site, i));
    ctx.insert("article", &page);
    ctx.insert_value("related", common.items(&site.related[i]));
    let (older, newer) = site.neighbours[i];
    ctx.insert_value(
        "older",
        older.map(|j| common.item(j)).unwrap_or_else(Value::none),
    );
    ctx.insert_value(
        "newer",
        newer.map(|j| common.item(j)).unwrap_or_else(Value::none),
    );
    Ok(job(path, "article.html", ctx))
}

#[derive(Serialize)]
struct MonthLink {
    month: u32,
    name: String,
    count: usize,
    url: String,
}

#[derive(Serialize)]
struct Year {
    year: i32,
    count: usize,
    months: Vec<MonthLink>,
}

fn archive(site: &Site, common: &Common) -> Result<Job> {
    let mut ctx = common.context(
        paths::ARCHIVE,
        "archive",
        Some("Archive"),
        &format!("Every story of {} by month", site.config.title),
    );
    let mut years: Vec<Year> = Vec::new();
    for m in &site.months {
        let link = MonthLink {
            month: m.month,
            name: month_name(m.month).to_string(),
            count: m.articles.len(),
            url: paths::month(m.year, m.month, 1),
        };
        match years.last_mut() {
            Some(y) if y.year == m.year => {
                y.count += link.count;
                y.months.push(link);
            }
            _ => years.push(Year {
                year: m.year,
                count: link.count,
                months: vec![link],
            }),
        }
    }
    ctx.insert("years", &years);
    ctx.insert_value("undated", common.items(&site.undated));
    ctx.insert("total", &site.listed.len());
    ctx.insert("chart", &chart::months_svg(site, &site.listed));
    Ok(job(paths::ARCHIVE.into(), "archive.html", ctx))
}

fn month_pages(site: &Site, common: &Common, m: &crate::site::Month) -> Result<Vec<Job>> {
    let per_page = site.config.items_per_page;
    let total = page_count(m.articles.len(), per_page);
    let label = format!("{} {}", month_name(m.month), m.year);
    let mut jobs = Vec::with_capacity(total);
    for n in 1..=total {
        let path = paths::month(m.year, m.month, n);
        let title = if n > 1 {
            format!("{label} (page {n} of {total})")
        } else {
            label.clone()
        };
        let mut ctx = common.context(
            &path,
            "archive",
            Some(&title),
            &format!("Stories of {label} in {}", site.config.title),
        );
        ctx.insert("label", &label);
        ctx.insert("year", &m.year);
        ctx.insert("count", &m.articles.len());
        ctx.insert("page_number", &n);
        ctx.insert_value("items", common.items(slice(&m.articles, per_page, n)));
        insert_pagination(
            &mut ctx,
            &pagination::pagination(n, total, |k| paths::month(m.year, m.month, k)),
        );
        jobs.push(job(path, "month.html", ctx));
    }
    Ok(jobs)
}

#[derive(Serialize)]
struct PlaceRow {
    id: String,
    name: String,
    url: String,
    count: usize,
    merged_into: Option<String>,
}

#[derive(Serialize)]
struct PlaceGroup {
    country: String,
    places: Vec<PlaceRow>,
}

#[derive(Serialize)]
struct PairRow {
    a: view::PlaceRef,
    b: view::PlaceRef,
    count: usize,
    items: Value,
}

fn places_index(site: &Site, common: &Common) -> Result<Job> {
    let mut ctx = common.context(
        paths::PLACES,
        "places",
        Some("Places"),
        &format!("Localities named in {}", site.config.title),
    );
    // One group per country of site.toml, then one for places of other or unknown countries.
    let mut groups: Vec<PlaceGroup> = site
        .config
        .countries
        .iter()
        .map(|c| PlaceGroup {
            country: c.clone(),
            places: Vec::new(),
        })
        .collect();
    let mut other = PlaceGroup {
        country: "Other places".into(),
        places: Vec::new(),
    };
    for (id, list) in &site.by_place {
        let info = site.places.get(id);
        let row = PlaceRow {
            id: id.clone(),
            name: view::place_name(site, id),
            url: paths::place(id),
            count: list.len(),
            merged_into: info
                .and_then(|p| p.merged_into.as_deref())
                .map(|m| view::place_name(site, m)),
        };
        match info.and_then(|p| groups.iter_mut().find(|g| g.country == p.country)) {
            Some(g) => g.places.push(row),
            None => other.places.push(row),
        }
    }
    groups.push(other);
    groups.retain(|g| !g.places.is_empty());
    for g in &mut groups {
        g.places
            .sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.name.cmp(&y.name)));
    }
    ctx.insert("groups", &groups);
    let pairs: Vec<PairRow> = site
        .locality_pairs
        .iter()
        .map(|p| PairRow {
            a: view::place_ref(site, &p.a),
            b: view::place_ref(site, &p.b),
            count: p.articles.len(),
            items: common.items(&p.articles[..p.articles.len().min(PAIR_ITEMS)]),
        })
        .collect();
    ctx.insert_value("pairs", to_value(&pairs)?);
    Ok(job(paths::PLACES.into(), "places.html", ctx))
}

#[derive(Serialize)]
struct PlaceView {
    id: String,
    name: String,
    country: Option<String>,
    merged_into: Option<view::PlaceRef>,
}

fn place(site: &Site, common: &Common, id: &str, list: &[usize]) -> Result<Job> {
    let path = paths::place(id);
    let name = view::place_name(site, id);
    let mut ctx = common.context(
        &path,
        "places",
        Some(&name),
        &format!("Stories naming {name} in {}", site.config.title),
    );
    let info = site.places.get(id);
    ctx.insert(
        "place",
        &PlaceView {
            id: id.to_string(),
            name,
            country: info.map(|p| p.country.clone()),
            merged_into: info
                .and_then(|p| p.merged_into.as_deref())
                .map(|m| view::place_ref(site, m)),
        },
    );
    ctx.insert_value("items", common.items(list));
    Ok(job(path, "place.html", ctx))
}

fn search_page(site: &Site, common: &Common) -> Result<Job> {
    let mut ctx = common.context(
        paths::SEARCH,
        "search",
        Some("Search"),
        &format!("Search {}", site.config.title),
    );
    ctx.insert_value("items", common.items(&site.listed));
    Ok(job(paths::SEARCH.into(), "search.html", ctx))
}

fn not_found(site: &Site, common: &Common) -> Result<Job> {
    let mut ctx = common.context(
        paths::NOT_FOUND,
        "404",
        Some("Page not found"),
        "Page not found",
    );
    // Served at any depth by GitHub Pages, so links start from the site's absolute path.
    ctx.insert("root", &site.config.base_path());
    // A page that does not exist has no canonical URL.
    ctx.insert("canonical", &None::<String>);
    let n = site.listed.len().min(NOT_FOUND_ITEMS);
    ctx.insert_value("items", common.items(&site.listed[..n]));
    Ok(job(paths::NOT_FOUND.into(), "404.html", ctx))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("bd-render-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join(TEMPLATE_DIR)).unwrap();
        d
    }

    #[test]
    fn builtin_templates_parse() {
        let d = tmp("builtin");
        assert!(Renderer::new(&d).is_ok());
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
        let err = Renderer::new(&d).err().expect("a syntax error").to_string();
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
        let err = Renderer::new(&d).err().expect("an error").to_string();
        assert!(err.contains("place.html"), "{err}");
        assert!(err.contains("layout.html"), "{err}");
        std::fs::remove_dir_all(&d).unwrap();
    }
}
