//! `check`: every check of a site without building it, and the reference
//! check `build` itself runs before making the site model (so that an
//! unknown place id fails the build instead of making a bogus place page).
//!
//! The checks themselves live where their knowledge is: content (front
//! matter, slugs, links) in `content::check`, references between articles
//! and the gazetteer in `site::check`, templates in `render::check`. This
//! only runs them and collects what they find.

use crate::classify::gazetteer::Gazetteer;
use crate::config::{Key, key_line};
use crate::content::{self, Article};
use crate::error::{Error, Result};
use crate::render;
use crate::site;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

/// What `check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub articles: usize,
    pub external_links: usize,
    pub problems: Vec<Error>,
}

#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Also fetch every external link.
    pub external: bool,
}

/// Run every check over the site at `root`. `Err` only when the checks
/// could not run (no readable content folder); problems are in the report.
pub fn check(root: &Path, opts: &CheckOptions) -> Result<CheckReport> {
    let mut report = CheckReport::default();
    let config = match super::load_config(root, None) {
        Ok(c) => c,
        Err(e) => {
            // Nothing else can be judged without the themes and paths.
            report.problems.push(e);
            return Ok(report);
        }
    };
    report
        .problems
        .extend(render::check::templates(root, &config));
    let gazetteer = match Gazetteer::load(root, &config) {
        Ok(g) => Some(g),
        Err(e) => {
            report.problems.push(e);
            None
        }
    };
    let (checked, errors) = content::check::articles(root, &config)?;
    report.problems.extend(errors);
    report.articles = content::article_files(root)?.len();
    let articles: Vec<Article> = checked.iter().map(|c| c.article.clone()).collect();
    if let Some(g) = &gazetteer
        && let Err(e) = references(root, &articles, g)
    {
        report.problems.extend(flatten(e));
    }
    let places: BTreeSet<&str> = gazetteer
        .iter()
        .flat_map(|g| g.places().map(|p| p.id.as_str()))
        .collect();
    let (errors, external) =
        content::check::internal_links(&checked, &config.theme_slugs(), &places);
    report.problems.extend(errors);
    report.external_links = external.len();
    // A template can parse and still fail on a page (an unknown variable or
    // filter): with templates of its own and nothing else wrong, the site is
    // rendered once into a temporary folder, removed at once. Nothing in the
    // site's folder is written, and seeds are not imported.
    if report.problems.is_empty() && root.join(render::TEMPLATE_DIR).is_dir() {
        let temp = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
        let mut trial = super::BuildOptions::new(root);
        trial.import = false;
        trial.output = Some(temp.path().join("site"));
        if let Err(e) = super::build(&trial) {
            report.problems.extend(flatten(e));
        }
    }
    if opts.external {
        report.problems.extend(content::check::external_links(
            &external,
            8,
            Duration::from_secs(10),
        ));
    }
    Ok(report)
}

fn flatten(e: Error) -> Vec<Error> {
    match e {
        Error::Many(v) => v,
        e => vec![e],
    }
}

/// Fail on any place id the gazetteer does not know and any `translations`
/// or `also_reported` slug naming no article, each at its line.
pub fn references(root: &Path, articles: &[Article], gazetteer: &Gazetteer) -> Result<()> {
    let dangling = site::check::dangling(articles, gazetteer.places().map(|p| p.id.as_str()));
    Error::collect(
        dangling
            .into_iter()
            .map(|d| {
                // Articles do not keep their text: the line is found again
                // in the file, which is only read when something is wrong.
                let line = std::fs::read_to_string(root.join(&d.path))
                    .ok()
                    .and_then(|text| {
                        let (toml, _) = content::split_front_matter(&d.path, &text).ok()?;
                        key_line(toml, &[Key::Name(d.key), Key::Index(d.index)]).map(|l| l + 1)
                    });
                Error::input(&d.path, line, d.message, Some(d.hint))
            })
            .collect(),
    )
}
