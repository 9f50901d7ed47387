//! One job per page type: which template renders it and the context it
//! gets. Every listing item comes from [`Common::items`], so that a page
//! shows an article the same way wherever it is listed.

use super::*;

/// The job of one page of [`paths::pages`], at the path worked out there.
pub(super) fn page_job(site: &Site, common: &Common, page: paths::SitePage) -> Result<Job> {
    use paths::Page;
    let path = page.path;
    let mut job = match page.page {
        Page::Home => home(site, common, path),
        Page::Themes => themes_overview(site, common, path),
        Page::Theme { slug, list, n } => theme_page(site, common, (slug, list, n), path),
        // An article declares its alternates itself: it is also rendered alone.
        Page::Article(i) => return article(site, common, i, path),
        Page::Archive => archive(site, common, path),
        Page::Month { month, n } => month_page(site, common, (month, n), path),
        Page::Places => places_index(site, common, path),
        Page::Place { id, list } => place(site, common, (id, list), path),
        Page::Search => search_page(site, common, path),
        Page::NotFound => not_found(site, common),
    }?;
    common.alternates(&mut job.ctx, &page.page, &job.path);
    Ok(job)
}

pub(super) fn job(path: String, template: &'static str, ctx: Context) -> Job {
    Job {
        path,
        template,
        ctx,
    }
}

/// "Investment (page 2 of 5)", in the interface language.
fn paged_title(common: &Common, title: &str, n: usize, total: usize) -> String {
    let (n, total) = (n.to_string(), total.to_string());
    common.strings.fill(
        "page_title_paged",
        &[("title", title), ("n", &n), ("total", &total)],
    )
}

/// Insert the pagination of a listing, and the `rel="prev/next"` head links.
pub(super) fn insert_pagination(ctx: &mut Context, p: &pagination::Pagination) {
    ctx.insert("prev_url", &p.prev);
    ctx.insert("next_url", &p.next);
    ctx.insert("pagination", &(p.total > 1).then_some(p));
}

#[derive(Serialize)]
struct ThemeBlock {
    theme: ThemeSummary,
    items: Value,
}

pub(super) fn home(site: &Site, common: &Common, path: String) -> Result<Job> {
    let c = &site.config;
    let mut ctx = common.context(&path, "home", None, &common.lang().description);
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
    ctx.insert(
        "chart",
        &chart::months_svg(site, common.strings, &common.lang().themes, &site.listed),
    );
    Ok(job(path, "index.html", ctx))
}

#[derive(Serialize)]
struct ThemeRow {
    theme: ThemeSummary,
    sparkline: String,
}

pub(super) fn themes_overview(site: &Site, common: &Common, path: String) -> Result<Job> {
    let mut ctx = common.context(
        &path,
        "themes",
        Some(common.strings.get("themes_title")),
        &common
            .strings
            .fill("themes_description", &[("site", &common.title)]),
    );
    let rows: Vec<ThemeRow> = common
        .theme_list
        .iter()
        .map(|t| ThemeRow {
            theme: t.clone(),
            sparkline: chart::sparkline_svg(site, common.strings, site.theme_articles(&t.slug)),
        })
        .collect();
    ctx.insert("rows", &rows);
    Ok(job(path, "themes.html", ctx))
}

pub(super) fn theme_page(
    site: &Site,
    common: &Common,
    (slug, list, n): (&str, &[usize], usize),
    path: String,
) -> Result<Job> {
    let per_page = site.config.items_per_page;
    let total = page_count(list.len(), per_page);
    let Some(theme) = common.theme_list.iter().find(|t| t.slug == slug) else {
        return Err(Error::Template {
            name: "theme.html".into(),
            message: format!("no theme `{slug}` in site.toml"),
        });
    };
    let title = if n > 1 {
        paged_title(common, &theme.name, n, total)
    } else {
        theme.name.clone()
    };
    let description = if theme.description.is_empty() {
        common
            .strings
            .fill("theme_description", &[("theme", &theme.name)])
    } else {
        theme.description.clone()
    };
    let mut ctx = common.context(&path, "themes", Some(&title), &description);
    if let Some(feed) = &theme.feed {
        ctx.insert(
            "feeds",
            &[
                FeedLink {
                    href: common.lang().at(paths::ATOM_FEED.into()),
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
    ctx.insert("theme", theme);
    ctx.insert("intro", &site.theme_intros.get(slug));
    ctx.insert("page_number", &n);
    ctx.insert_value("items", common.items(slice(list, per_page, n)));
    insert_pagination(
        &mut ctx,
        &pagination::pagination(n, total, |k| common.lang().at(paths::theme(slug, k))),
    );
    Ok(job(path, "theme.html", ctx))
}

pub(super) fn article(site: &Site, common: &Common, i: usize, path: String) -> Result<Job> {
    let a = &site.articles[i];
    let mut ctx = common.context(&path, "article", Some(&a.front.title), &a.summary);
    let lang = common.lang();
    let page = view::article_page(site, lang, i, view::item(site, common.strings, lang, i));
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
    common.alternates(&mut ctx, &paths::Page::Article(i), &path);
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

pub(super) fn archive(site: &Site, common: &Common, path: String) -> Result<Job> {
    let mut ctx = common.context(
        &path,
        "archive",
        Some(common.strings.get("archive_title")),
        &common
            .strings
            .fill("archive_description", &[("site", &common.title)]),
    );
    let mut years: Vec<Year> = Vec::new();
    for m in &site.months {
        let link = MonthLink {
            month: m.month,
            name: common.strings.month_name(m.month).to_string(),
            count: m.articles.len(),
            url: common.lang().at(paths::month(m.year, m.month, 1)),
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
    ctx.insert(
        "chart",
        &chart::months_svg(site, common.strings, &common.lang().themes, &site.listed),
    );
    Ok(job(path, "archive.html", ctx))
}

pub(super) fn month_page(
    site: &Site,
    common: &Common,
    (m, n): (&crate::site::Month, usize),
    path: String,
) -> Result<Job> {
    let per_page = site.config.items_per_page;
    let total = page_count(m.articles.len(), per_page);
    let label = common.strings.month(m.year, m.month);
    let title = if n > 1 {
        paged_title(common, &label, n, total)
    } else {
        label.clone()
    };
    let description = common.strings.fill(
        "month_description",
        &[("month", &label), ("site", &common.title)],
    );
    let mut ctx = common.context(&path, "archive", Some(&title), &description);
    ctx.insert("label", &label);
    ctx.insert("year", &m.year);
    ctx.insert("count", &m.articles.len());
    ctx.insert("page_number", &n);
    ctx.insert_value("items", common.items(slice(&m.articles, per_page, n)));
    insert_pagination(
        &mut ctx,
        &pagination::pagination(n, total, |k| {
            common.lang().at(paths::month(m.year, m.month, k))
        }),
    );
    Ok(job(path, "month.html", ctx))
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
    /// As site.toml's `countries` writes it; empty for the other places.
    #[serde(skip)]
    country: String,
    /// In the interface language.
    #[serde(rename = "country")]
    name: String,
    places: Vec<PlaceRow>,
}

#[derive(Serialize)]
struct PairRow {
    a: view::PlaceRef,
    b: view::PlaceRef,
    count: usize,
    items: Value,
}

pub(super) fn places_index(site: &Site, common: &Common, path: String) -> Result<Job> {
    let mut ctx = common.context(
        &path,
        "places",
        Some(common.strings.get("places_title")),
        &common
            .strings
            .fill("places_description", &[("site", &common.title)]),
    );
    // One group per country of site.toml, then one for places of other or unknown countries.
    let mut groups: Vec<PlaceGroup> = site
        .config
        .countries
        .iter()
        .map(|c| PlaceGroup {
            country: c.clone(),
            name: site
                .config
                .country_name(c, &common.lang().language)
                .to_string(),
            places: Vec::new(),
        })
        .collect();
    let mut other = PlaceGroup {
        country: String::new(),
        name: common.strings.get("other_places").to_string(),
        places: Vec::new(),
    };
    for (id, list) in &site.by_place {
        let info = site.places.get(id);
        let row = PlaceRow {
            id: id.clone(),
            name: common.lang().place_name(site, id),
            url: common.lang().at(paths::place(id)),
            count: list.len(),
            merged_into: info
                .and_then(|p| p.merged_into.as_deref())
                .map(|m| common.lang().place_name(site, m)),
        };
        match info.and_then(|p| groups.iter_mut().find(|g| g.country == p.country)) {
            Some(g) => g.places.push(row),
            None => other.places.push(row),
        }
    }
    groups.push(other);
    groups.retain(|g| !g.places.is_empty());
    let collate = super::i18n::collate(&common.lang().language);
    for g in &mut groups {
        g.places.sort_by(|x, y| {
            y.count
                .cmp(&x.count)
                .then_with(|| collate(&x.name, &y.name))
        });
    }
    ctx.insert("groups", &groups);
    let pairs: Vec<PairRow> = site
        .locality_pairs
        .iter()
        .map(|p| PairRow {
            a: view::place_ref(site, common.lang(), &p.a),
            b: view::place_ref(site, common.lang(), &p.b),
            count: p.articles.len(),
            items: common.items(&p.articles[..p.articles.len().min(PAIR_ITEMS)]),
        })
        .collect();
    ctx.insert_value("pairs", to_value(&pairs)?);
    Ok(job(path, "places.html", ctx))
}

#[derive(Serialize)]
struct PlaceView {
    id: String,
    name: String,
    country: Option<String>,
    merged_into: Option<view::PlaceRef>,
}

pub(super) fn place(
    site: &Site,
    common: &Common,
    (id, list): (&str, &[usize]),
    path: String,
) -> Result<Job> {
    let name = common.lang().place_name(site, id);
    let mut ctx = common.context(
        &path,
        "places",
        Some(&name),
        &common.strings.fill(
            "place_description",
            &[("place", &name), ("site", &common.title)],
        ),
    );
    let info = site.places.get(id);
    ctx.insert(
        "place",
        &PlaceView {
            id: id.to_string(),
            name,
            country: info.map(|p| {
                site.config
                    .country_name(&p.country, &common.lang().language)
                    .to_string()
            }),
            merged_into: info
                .and_then(|p| p.merged_into.as_deref())
                .map(|m| view::place_ref(site, common.lang(), m)),
        },
    );
    ctx.insert_value("items", common.items(list));
    Ok(job(path, "place.html", ctx))
}

pub(super) fn search_page(site: &Site, common: &Common, path: String) -> Result<Job> {
    let mut ctx = common.context(
        &path,
        "search",
        Some(common.strings.get("search_title")),
        &common
            .strings
            .fill("search_description", &[("site", &common.title)]),
    );
    // Without JavaScript the archive lists every story, a page at a time.
    ctx.insert("total", &site.listed.len());
    // The search script's own words, read from the page (`data-strings`).
    let t = common.strings;
    let words = serde_json::json!({
        "lang": common.lang().language.as_str(),
        "results": t.plural_forms("results"),
        "noResults": t.get("search_no_results"),
        "showing": t.get("search_showing"),
        "missing": t.get("search_index_missing"),
    });
    ctx.insert("search_strings", &words.to_string());
    Ok(job(path, "search.html", ctx))
}

pub(super) fn not_found(site: &Site, common: &Common) -> Result<Job> {
    let mut ctx = common.context(
        paths::NOT_FOUND,
        "404",
        Some(common.strings.get("not_found_title")),
        common.strings.get("not_found_title"),
    );
    // Served at any depth by GitHub Pages, so links start from the site's
    // absolute path; without base_url that path is found in the address by
    // the page's script, which sets a <base> before anything loads.
    if site.config.base_url().is_some() {
        ctx.insert("root", &site.config.base_path());
        ctx.insert("home", &site.config.base_path());
    } else {
        ctx.insert("root", "");
        ctx.insert("home", "");
        // The site's own folder names, as a script's array literal.
        let folders = serde_json::to_string(&paths::top_folders(common.langs)).unwrap_or_default();
        ctx.insert("find_root", &folders);
    }
    // A page that does not exist has no canonical URL.
    ctx.insert("canonical", &None::<String>);
    let n = site.listed.len().min(NOT_FOUND_ITEMS);
    ctx.insert_value("items", common.items(&site.listed[..n]));
    Ok(job(paths::NOT_FOUND.into(), "404.html", ctx))
}
