//! Checks of `content/` that a build does not need but an editor does:
//! every article's front matter (all broken files, not just the first),
//! duplicate slugs, and the links in Markdown bodies — to other articles'
//! pages or `.md` files and to `#anchors` among the heading ids the Markdown
//! renderer makes — and, on request, external links.
//!
//! Every problem is an `Error::Input` naming the file, the line and the fix;
//! nothing here writes a file.

use super::{Article, article_files, parse_article_text, split_front_matter};
use crate::config::{Key, SiteConfig, key_line};
use crate::error::{Error, Result, line_of_offset};
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// An article as `check` sees it: the parsed article and its source text.
pub struct Checked {
    pub article: Article,
    pub text: String,
}

pub use crate::error::closest;

/// "did you mean x?" or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match closest(word, candidates) {
        Some(c) => format!("did you mean `{c}`? "),
        None => String::new(),
    }
}

/// Parse every article, collecting every broken file and every duplicate slug.
pub fn articles(root: &Path, config: &SiteConfig) -> Result<(Vec<Checked>, Vec<Error>)> {
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for file in article_files(root)? {
        let text = match std::fs::read_to_string(&file.path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(Error::io(&file.path, e));
                continue;
            }
        };
        let rel = file.path.strip_prefix(root).unwrap_or(&file.path);
        match parse_article_text(rel, &text, config) {
            Ok((article, _)) => ok.push(Checked { article, text }),
            Err(e) => errors.push(e),
        }
    }
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for c in &ok {
        let a = &c.article;
        if let Some(prev) = seen.insert(a.slug.as_str(), &a.path) {
            errors.push(Error::input(
                &a.path,
                None,
                format!("slug `{}` is also used by {}", a.slug, prev.display()),
                Some("rename one of the files: the file name is the page's address".into()),
            ));
        }
    }
    Ok((ok, errors))
}

/// Every unknown top-level key of front matter at once, when serde stopped
/// at the first (`deny_unknown_fields` reports one). `None` when `err` is
/// not about an unknown key.
pub(super) fn unknown_keys(path: &Path, toml_text: &str, err: &toml::de::Error) -> Option<Error> {
    let message = err.message();
    let (_, valid) = message.split_once("expected one of")?;
    let valid: Vec<&str> = valid.split('`').skip(1).step_by(2).collect();
    let table: toml::Table = toml::from_str(toml_text).ok()?;
    let errors: Vec<Error> = table
        .keys()
        .filter(|k| !valid.contains(&k.as_str()))
        .map(|k| {
            Error::input(
                path,
                key_line(toml_text, &[Key::Name(k)]).map(|l| l + 1),
                format!("unknown front matter key `{k}`"),
                Some(format!(
                    "{}the keys are {}",
                    did_you_mean(k, valid.iter().copied()),
                    valid.join(", ")
                )),
            )
        })
        .collect();
    if errors.is_empty() {
        return None;
    }
    Error::collect(errors).err()
}

/// The ids an article's page offers as `#anchors` (headings, footnotes).
fn anchors(html: &str) -> BTreeSet<String> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The links of a body with their 1-based line in the file.
fn links(text: &str) -> Vec<(String, usize)> {
    let Ok((_, body)) = split_front_matter(Path::new(""), text) else {
        return Vec::new();
    };
    let body_start = text.len() - body.len();
    Parser::new_ext(body, super::markdown::options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => Some((
                dest_url.to_string(),
                line_of_offset(text, body_start + range.start),
            )),
            _ => None,
        })
        .collect()
}

fn is_external(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

/// The site path a relative link from `articles/<slug>/index.html` names
/// (`../x/index.html` → `articles/x/index.html`); `None` for absolute paths
/// and links that climb above the site.
fn site_path(path: &str) -> Option<Vec<&str>> {
    if path.starts_with('/') || path.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = vec!["articles", "self"];
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts)
}

/// Which article a relative link names, if it names one: `../x/index.html`,
/// `../x/`, `x.md` or `../x.md`.
fn target_slug(path: &str) -> Option<String> {
    if let Some(stem) = path.strip_suffix(".md") {
        return Some(stem.rsplit('/').next().unwrap_or(stem).to_string());
    }
    match site_path(path)?.as_slice() {
        ["articles", slug] | ["articles", slug, "index.html"] => Some(slug.to_string()),
        _ => None,
    }
}

/// A link to a theme's or a place's page naming one that does not exist.
fn section_problem(path: &str, themes: &[&str], places: &BTreeSet<&str>) -> Option<String> {
    let parts = site_path(path)?;
    let (kind, known, id): (&str, Vec<&str>, &str) = match parts.as_slice() {
        ["themes", id, ..] => ("theme", themes.to_vec(), id),
        ["places", id, ..] => ("place", places.iter().copied().collect(), id),
        _ => return None,
    };
    if known.contains(&id) {
        return None;
    }
    Some(format!(
        "there is no {kind} `{id}`; {}",
        match closest(id, known.iter().copied()) {
            Some(c) => format!("did you mean `{c}`?"),
            None => format!("the {kind}s are listed on the site's {kind}s page"),
        }
    ))
}

/// Check the internal links and anchors of every article; returns the
/// problems and the external URLs found (each with where it was seen).
pub fn internal_links(
    checked: &[Checked],
    themes: &[&str],
    places: &BTreeSet<&str>,
) -> (Vec<Error>, Vec<(String, PathBuf, usize)>) {
    let ids: BTreeMap<&str, BTreeSet<String>> = checked
        .iter()
        .map(|c| (c.article.slug.as_str(), anchors(&c.article.html)))
        .collect();
    let mut errors = Vec::new();
    let mut external = Vec::new();
    for c in checked {
        let a = &c.article;
        for (url, line) in links(&c.text) {
            if is_external(&url) {
                external.push((url, a.path.clone(), line));
                continue;
            }
            let (path, anchor) = match url.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (url.as_str(), None),
            };
            let target = if path.is_empty() {
                Some(a.slug.to_string())
            } else {
                target_slug(path)
            };
            let Some(target) = target else {
                if let Some(problem) = section_problem(path, themes, places) {
                    errors.push(Error::input(
                        &a.path,
                        Some(line),
                        format!("link `{url}` points to a page that does not exist"),
                        Some(problem),
                    ));
                }
                continue;
            };
            let Some(target_ids) = ids.get(target.as_str()) else {
                let hint = did_you_mean(&target, ids.keys().copied());
                errors.push(Error::input(
                    &a.path,
                    Some(line),
                    format!("link `{url}` points to the article `{target}`, which does not exist"),
                    Some(format!(
                        "{hint}link to another article as ../<slug>/index.html or <slug>.md, \
                         where <slug> is its file name in content/articles/"
                    )),
                ));
                continue;
            };
            if let Some(anchor) = anchor.filter(|f| !f.is_empty())
                && !target_ids.contains(anchor)
            {
                let hint = did_you_mean(anchor, target_ids.iter().map(String::as_str));
                errors.push(Error::input(
                    &a.path,
                    Some(line),
                    format!("link `{url}`: the page of `{target}` has no anchor `#{anchor}`"),
                    Some(format!(
                        "{hint}a heading's anchor is its text in lower case with hyphens \
                         (## Trade talks → #trade-talks), or the {{#id}} written after it"
                    )),
                ));
            }
        }
    }
    (errors, external)
}

/// Fetch each external URL (each once, `threads` at a time, each within
/// `timeout`); a URL that fails or answers 4xx/5xx is a problem at every
/// place it is linked from.
pub fn external_links(
    urls: &[(String, PathBuf, usize)],
    threads: usize,
    timeout: Duration,
) -> Vec<Error> {
    let unique: Vec<&str> = urls
        .iter()
        .map(|(u, _, _)| u.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let failed: Mutex<BTreeMap<&str, String>> = Mutex::new(BTreeMap::new());
    std::thread::scope(|s| {
        for _ in 0..threads.clamp(1, unique.len().max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&url) = unique.get(i) else { break };
                    let problem = match agent.get(url).call() {
                        Ok(r) if r.status().as_u16() < 400 => None,
                        Ok(r) => Some(format!("answers HTTP {}", r.status())),
                        Err(e) => Some(format!("could not be fetched: {e}")),
                    };
                    if let Some(p) = problem {
                        failed.lock().expect("no panics while held").insert(url, p);
                    }
                }
            });
        }
    });
    let failed = failed.into_inner().expect("no panics while held");
    urls.iter()
        .filter_map(|(url, path, line)| {
            failed.get(url.as_str()).map(|p| {
                Error::input(
                    path,
                    Some(*line),
                    format!("external link {url} {p}"),
                    Some("fix or remove the link, or link to an archived copy".into()),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_of_relative_links() {
        assert_eq!(target_slug("../b/index.html").as_deref(), Some("b"));
        assert_eq!(target_slug("../b/").as_deref(), Some("b"));
        assert_eq!(target_slug("b.md").as_deref(), Some("b"));
        assert_eq!(target_slug("../../themes/x/index.html"), None);
        assert_eq!(target_slug("/abs/path"), None);
        let places = BTreeSet::from(["nagoya"]);
        assert_eq!(
            section_problem("../../themes/trade/index.html", &["trade"], &places),
            None
        );
        assert!(
            section_problem("../../themes/trad/", &["trade"], &places)
                .is_some_and(|p| p.contains("did you mean `trade`?"))
        );
        assert!(section_problem("../../places/nagoyaa/index.html", &[], &places).is_some());
        assert_eq!(
            section_problem("../../search/index.html", &[], &places),
            None
        );
    }

    #[test]
    fn closest_suggests_typos_only() {
        let places = ["nagoya", "osaka", "ha-noi"];
        assert_eq!(closest("nagoyaa", places), Some("nagoya"));
        assert_eq!(closest("tokyo", places), None);
    }

    #[test]
    fn yaml_front_matter_is_named_with_the_toml_equivalent() {
        let config = SiteConfig::parse(
            Path::new("site.toml"),
            "title = \"t\"\n[[themes]]\nslug = \"trade\"\nname = \"Trade\"\n",
        )
        .unwrap();
        let text = "---\ntitle: A story\n---\nbody\n";
        let e = crate::content::parse_article(Path::new("a.md"), text, &config).unwrap_err();
        let e = e.to_string();
        assert!(e.starts_with("a.md:1: YAML front matter"), "{e}");
        assert!(e.contains("title = \"My story\""), "{e}");
    }

    #[test]
    fn every_unknown_key_is_named() {
        let config = SiteConfig::parse(
            Path::new("site.toml"),
            "title = \"t\"\n[[themes]]\nslug = \"trade\"\nname = \"Trade\"\n",
        )
        .unwrap();
        let text = "+++\ntitle = \"x\"\ntitel = \"y\"\ndaet = 2025-01-01\n+++\nbody\n";
        let e = crate::content::parse_article(Path::new("a.md"), text, &config).unwrap_err();
        let e = e.to_string();
        assert!(
            e.contains("a.md:3: unknown front matter key `titel`"),
            "{e}"
        );
        assert!(e.contains("a.md:4: unknown front matter key `daet`"), "{e}");
        assert!(e.contains("did you mean `date`?"), "{e}");
    }

    #[test]
    fn links_carry_their_file_line() {
        let text = "+++\ntitle = \"a\"\n+++\n\nfirst\n\n[x](../b/index.html#top)\n";
        assert_eq!(links(text), vec![("../b/index.html#top".to_string(), 7)]);
    }
}
