//! `sitemap.xml`: every page of [`paths::pages`] (the one list the renderer
//! renders too, every interface language's included), split under an index
//! when there are more than one file may list.

use super::feeds::SITEMAP;
use super::paths::{self, SiteUrl};
use super::to_value;
use crate::error::Result;
use crate::output::OutputFile;
use crate::site::Site;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

#[derive(Serialize)]
struct SitemapUrl {
    url: String,
    lastmod: Option<String>,
}

/// `sitemap.xml`, and its parts when the site has more pages than one file may list.
pub(super) fn sitemaps(
    site: &Site,
    base: &SiteUrl,
    context: &(dyn Fn() -> Context + Sync),
    render: &(dyn Fn(&str, &Context) -> Result<String> + Sync),
    limit: usize,
) -> Result<Vec<OutputFile>> {
    let pages: Vec<paths::SitePage> = paths::pages(site)
        .into_iter()
        .filter(|p| p.in_sitemap())
        .collect();
    // The one list here that grows with the site: converted on all cores.
    let urls = |pages: &[paths::SitePage]| -> Result<Value> {
        let values: Vec<Value> = pages
            .par_iter()
            .map(|p| {
                to_value(&SitemapUrl {
                    url: base.url(&p.path),
                    lastmod: p.newest.map(|d| d.to_string()),
                })
            })
            .collect::<Result<_>>()?;
        Ok(Value::from(values))
    };
    let no_sitemaps: [SitemapUrl; 0] = [];
    if pages.len() <= limit {
        let mut ctx = context();
        ctx.insert_value("urls", urls(&pages)?);
        ctx.insert("sitemaps", &no_sitemaps);
        return Ok(vec![OutputFile::new(
            paths::SITEMAP,
            render(SITEMAP, &ctx)?,
        )]);
    }
    let mut files: Vec<OutputFile> = pages
        .par_chunks(limit)
        .enumerate()
        .map(|(k, chunk)| {
            let mut ctx = context();
            ctx.insert_value("urls", urls(chunk)?);
            ctx.insert("sitemaps", &no_sitemaps);
            Ok(OutputFile::new(
                paths::sitemap_part(k + 1),
                render(SITEMAP, &ctx)?,
            ))
        })
        .collect::<Result<_>>()?;
    let index: Vec<SitemapUrl> = pages
        .chunks(limit)
        .enumerate()
        .map(|(k, chunk)| SitemapUrl {
            url: base.url(&paths::sitemap_part(k + 1)),
            lastmod: chunk
                .iter()
                .filter_map(|p| p.newest)
                .max()
                .map(|d| d.to_string()),
        })
        .collect();
    let mut ctx = context();
    ctx.insert_value("urls", Value::from(Vec::<Value>::new()));
    ctx.insert("sitemaps", &index);
    files.push(OutputFile::new(paths::SITEMAP, render(SITEMAP, &ctx)?));
    Ok(files)
}
