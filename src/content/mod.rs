//! Content pages: `content/articles/*.md` with TOML front matter between `+++`
//! lines, plus the optional intros `content/_index.md` and `content/themes/<slug>.md`.
//!
//! The same `FrontMatter` type is written by import and read by the build, so
//! what import writes is always something the build accepts.

use crate::config::{Key, SiteConfig, key_line};
use crate::error::{Error, Result, from_toml};
pub mod check;
pub mod markdown;
mod names;
pub mod new;
mod stored;

use crate::types::{Language, Slug, ThemeSlug};
use chrono::NaiveDate;
pub use names::address;
use names::utf8;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONTENT_DIR: &str = "content";
pub const ARTICLES_DIR: &str = "articles";
pub const FRONT_MATTER_FENCE: &str = "+++";

pub use crate::types::Figure;

/// Front matter of an article. Field order here is the order import writes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub title_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "toml_date")]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Who wrote it, as the page or feed item names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<ThemeSlug>,
    /// Set by import when the article is not about the two countries; such
    /// articles stay out of listings and feeds.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub offtopic: bool,
    /// Slugs of the localities (gazetteer ids) the article names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// Slugs of articles telling the same story in other languages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<Slug>,
    /// Slugs of articles on the same story by other outlets, same language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_reported: Vec<Slug>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
    /// The seed file this page was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

impl FrontMatter {
    /// The author, trimmed; none when the key is absent or blank.
    pub fn author_name(&self) -> Option<&str> {
        self.author
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
    }
}

/// Dates in front matter are TOML dates (`date = 2025-11-03`); a quoted
/// `"2025-11-03"` is accepted too, since that is an easy slip by hand.
mod toml_date {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};
    use toml::value::Datetime;

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Toml(Datetime),
        Text(String),
        // Anything else (`date = 20230101`), so that the error can say what a
        // date looks like instead of serde's "did not match any variant".
        Other(toml::Value),
    }

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => Datetime {
                date: Some(toml::value::Date {
                    year: d.year() as u16,
                    month: d.month() as u8,
                    day: d.day() as u8,
                }),
                time: None,
                offset: None,
            }
            .serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let text = match Either::deserialize(d)? {
            Either::Toml(dt) => match (dt.date, dt.time) {
                (Some(date), _) => {
                    return NaiveDate::from_ymd_opt(
                        date.year as i32,
                        date.month as u32,
                        date.day as u32,
                    )
                    .map(Some)
                    .ok_or_else(|| D::Error::custom(format!("invalid date `{dt}`")));
                }
                _ => dt.to_string(),
            },
            Either::Text(t) => t,
            Either::Other(v) => {
                let digits = v.to_string();
                let example = match (digits.len(), digits.bytes().all(|b| b.is_ascii_digit())) {
                    (8, true) => format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..]),
                    _ => "2023-01-01".to_string(),
                };
                return Err(D::Error::custom(format!(
                    "date must be a date like 2023-01-01, not `{v}`: write date = {example} (no quotes needed)"
                )));
            }
        };
        // chrono reads signed and five-digit years ("-025-11-03"), which a
        // TOML date cannot hold: the page could not be written back.
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .filter(|d| (0..=9999).contains(&d.year()))
            .map(Some)
            .ok_or_else(|| {
                D::Error::custom(format!(
                    "date must be a date like 2023-01-01, not `{text}`: write it as YYYY-MM-DD"
                ))
            })
    }
}

/// A loaded article, its Markdown rendered once and reused by every page and feed.
///
/// The body's plain text is not kept: the loader hands it to the caller once
/// (see [`load_files`]), which derives what later stages need from it. The
/// build cache keeps what listings show (not the body's HTML), in its own
/// compact form (see `stored::StoredArticle`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(into = "stored::StoredArticle", from = "stored::StoredArticle")]
pub struct Article {
    pub slug: Slug,
    /// The source file, relative to the site root.
    pub path: PathBuf,
    pub front: FrontMatter,
    /// Language: front matter's, or the site's default.
    pub language: Language,
    pub html: String,
    /// Plain-text summary: the part before `<!-- more -->`, else front matter's
    /// `summary`, else the first words of the body.
    pub summary: String,
    /// The body's length for the reading time, in words (see `reading_words`).
    pub word_count: usize,
}

/// Everything under `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub articles: Vec<Article>,
    /// Rendered HTML of `content/_index.md`, when present.
    pub home_intro: Option<String>,
    /// Rendered HTML of `content/themes/<slug>.md` by theme slug.
    pub theme_intros: BTreeMap<String, String>,
}

/// Split `+++\n<toml>\n+++\n<body>`; returns (toml, body, line where toml starts).
pub fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<(&'a str, &'a str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() == "---" {
        return Err(Error::input(
            path,
            Some(1),
            "YAML front matter (`---`) is not supported: front matter is TOML between `+++` lines",
            Some(
                "replace both `---` lines with `+++` and write the keys as TOML: \
                 `title: My story` becomes `title = \"My story\"`, \
                 `themes: [trade]` becomes `themes = [\"trade\"]`, \
                 `date: 2025-01-31` becomes `date = 2025-01-31`"
                    .into(),
            ),
        ));
    }
    if text[..first_line_end].trim_end() != FRONT_MATTER_FENCE {
        return Err(Error::input(
            path,
            Some(1),
            "the file does not start with front matter",
            Some("start the file with a line `+++`, the TOML keys (title = \"...\"), then another `+++`".into()),
        ));
    }
    let rest = &text[(first_line_end + 1).min(text.len())..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == FRONT_MATTER_FENCE {
            let toml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((toml, body));
        }
        offset += line.len();
    }
    Err(Error::input(
        path,
        Some(1),
        "front matter is not closed",
        Some("add a line `+++` after the last front matter key".into()),
    ))
}

/// Serialize front matter and body into the on-disk format.
pub fn to_file_text(front: &FrontMatter, body: &str) -> String {
    let toml = toml::to_string(front).expect("front matter always serializes");
    let mut out = String::with_capacity(toml.len() + body.len() + 16);
    out.push_str("+++\n");
    out.push_str(&toml);
    if !toml.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("+++\n\n");
    out.push_str(body.trim_end());
    out.push('\n');
    out
}

/// Parse a content file's text (no I/O), checking it against the config.
pub fn parse_article(path: &Path, text: &str, config: &SiteConfig) -> Result<Article> {
    parse_article_text(path, text, config).map(|(a, _)| a)
}

/// [`parse_article`], also giving the body's plain text.
pub fn parse_article_text(
    path: &Path,
    text: &str,
    config: &SiteConfig,
) -> Result<(Article, String)> {
    let (toml_text, body) = split_front_matter(path, text)?;
    let front: FrontMatter = toml::from_str(toml_text).map_err(|e| {
        check::unknown_keys(path, toml_text, &e)
            .unwrap_or_else(|| from_toml(path, toml_text, 1, &e))
    })?;
    // Front matter starts on the file's second line, after `+++`.
    let line_of = |key: &str| key_line(toml_text, &[Key::Name(key)]).map(|l| l + 1);
    // Every problem of the file at once, so one `check` shows them all.
    let mut problems = Vec::new();
    if front.title.trim().is_empty() {
        problems.push(Error::input(
            path,
            line_of("title"),
            "title is empty",
            Some("give the article a title: title = \"...\"".into()),
        ));
    }
    for (i, theme) in front.themes.iter().enumerate() {
        if config.theme(theme.as_str()).is_none() {
            problems.push(Error::input(
                path,
                key_line(toml_text, &[Key::Name("themes"), Key::Index(i)]).map(|l| l + 1),
                format!("unknown theme `{theme}`"),
                Some(format!(
                    "{}valid themes (from site.toml): {}",
                    check::did_you_mean(theme.as_str(), config.theme_slugs()),
                    config.theme_slugs().join(", ")
                )),
            ));
        }
    }
    if let Some(lang) = &front.language
        && !lang.is_well_formed()
    {
        problems.push(Error::input(
            path,
            line_of("language"),
            format!("language `{lang}` is not a BCP 47 tag"),
            Some("use a code such as \"en\", \"vi\", \"nb\" or \"ja\"".into()),
        ));
    }
    Error::collect(problems)?;
    let mut front = front;
    front.places = names::fold_places(std::mem::take(&mut front.places));
    let slug = slug_of_path(path);
    let language = front
        .language
        .clone()
        .unwrap_or_else(|| config.language.clone());
    let rendered = markdown::render(body);
    let summary = rendered
        .summary_text
        .clone()
        .or_else(|| front.summary.clone().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| markdown::first_words(&rendered.text, 40));
    let article = Article {
        slug,
        path: path.to_path_buf(),
        language,
        html: rendered.html,
        summary,
        word_count: reading_words(&rendered.text),
        front,
    };
    Ok((article, rendered.text))
}

/// The length of a text in words as a reader of English counts them: words
/// of scripts written with spaces, plus CJK characters at 2.5 a word
/// (readers take in about 500 characters a minute against 200 words), so
/// that a Japanese article's reading time is not one minute whatever its
/// length.
fn reading_words(text: &str) -> usize {
    use crate::types::{glued_letters, is_glued_script};
    let (cjk, unspaced) = glued_letters(text);
    let words = if cjk + unspaced == 0 {
        whitespace_words(text)
    } else {
        text.split_whitespace()
            .filter(|w| !w.chars().any(is_glued_script))
            .count()
    };
    words + (cjk * 2).div_ceil(5) + unspaced.div_ceil(4)
}

/// `text.split_whitespace().count()`, reading ASCII a byte at a time (the
/// reading time of every article is counted at every build).
fn whitespace_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let (space, len) = if bytes[i].is_ascii() {
            (matches!(bytes[i], b'\t'..=b'\r' | b' '), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
        i += len;
    }
    words
}

/// The slug of a content file: its file name without `.md`.
pub fn slug_of_path(path: &Path) -> Slug {
    Slug(
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )
}

/// Load all of `content/`. Every broken file is reported, not just the first.
/// An article file under `content/articles/`, with what tells a rebuild
/// whether it changed since the last build.
#[derive(Debug, Clone)]
pub struct ArticleFile {
    pub path: PathBuf,
    /// Relative to the site root, with `/`.
    pub rel: String,
    pub len: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub modified: u128,
}

/// The article files of a site, sorted by path.
///
/// Read on every build, even one that then finds nothing to do, so it is
/// kept cheap: directory entries are stat-ed relative to their directory,
/// and paths are compared as strings once.
pub fn article_files(root: &Path) -> Result<Vec<ArticleFile>> {
    let articles_dir = root.join(CONTENT_DIR).join(ARTICLES_DIR);
    let mut files = Vec::new();
    if articles_dir.is_dir() {
        let prefix = format!("{CONTENT_DIR}/{ARTICLES_DIR}");
        collect_md(&articles_dir, &prefix, &mut files)?;
    }
    // With `/` as the lowest byte, string order is the order of path
    // components (`a/x` before `a-b/x`), as a walk sorted by name gives.
    files.sort_by_cached_key(|f| f.rel.replace('/', "\0"));
    Ok(files)
}

fn collect_md(dir: &Path, rel: &str, out: &mut Vec<ArticleFile>) -> Result<()> {
    let mut found: Vec<(std::fs::DirEntry, String)> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let file_type = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
        let child_rel = format!("{rel}/{name}");
        if file_type.is_dir() {
            collect_md(&entry.path(), &child_rel, out)?;
        } else if file_type.is_file() && name.ends_with(".md") && name.len() > 3 {
            found.push((entry, child_rel));
        }
    }
    // Ten thousand stats: on all cores.
    out.par_extend(found.into_par_iter().map(|(entry, rel)| {
        let meta = entry.metadata().ok();
        ArticleFile {
            path: entry.path(),
            rel,
            len: meta.as_ref().map_or(0, |m| m.len()),
            modified: meta
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos()),
        }
    }));
    Ok(())
}

/// Read and parse one article file: the article and its body's plain text.
pub fn read_article(
    root: &Path,
    file: &ArticleFile,
    config: &SiteConfig,
) -> Result<(Article, String)> {
    let bytes = std::fs::read(&file.path).map_err(|e| Error::io(&file.path, e))?;
    let rel = file.path.strip_prefix(root).unwrap_or(&file.path);
    let text = utf8(rel, bytes)?;
    parse_article_text(rel, &text, config)
}

pub fn load(root: &Path, config: &SiteConfig) -> Result<Content> {
    Ok(load_files(root, config, &article_files(root)?, &|_, _| ())?.0)
}

/// Load the given article files (see [`article_files`]) and the intros.
/// `derive` runs on each article and its body's plain text as soon as the
/// file is parsed, on the same thread: work on the text done there needs no
/// second pass, and the text is dropped before the next file is read. Its
/// results come back in the order of `Content::articles`.
pub fn load_files<T: Send>(
    root: &Path,
    config: &SiteConfig,
    files: &[ArticleFile],
    derive: &(dyn Fn(&Article, &str) -> T + Sync),
) -> Result<(Content, Vec<T>)> {
    let content_dir = root.join(CONTENT_DIR);
    let results: Vec<Result<(Article, T)>> = files
        .par_iter()
        .map(|f| {
            let (a, text) = read_article(root, f, config)?;
            let derived = derive(&a, &text);
            Ok((a, derived))
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut derived = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((a, d)) => {
                articles.push(a);
                derived.push(d);
            }
            Err(e) => errors.push(e),
        }
    }
    // Two files with the same stem in different subfolders, or names that
    // differ only in case, spaces or punctuation, would write the same page.
    let mut seen: BTreeMap<String, &Path> = BTreeMap::new();
    for a in &articles {
        let page = address(a.slug.as_str());
        if let Some(prev) = seen.insert(page.clone(), &a.path) {
            errors.push(Error::input(
                &a.path,
                None,
                format!(
                    "{} and {} both become the page articles/{page}/index.html",
                    prev.display(),
                    a.path.display()
                ),
                Some(
                    "rename one of the files: the file name is the page's address, \
                     in lower case with - between words"
                        .into(),
                ),
            ));
        }
    }
    Error::collect(errors)?;

    let home_intro = read_intro(&content_dir.join("_index.md"))?;
    let mut theme_intros = BTreeMap::new();
    for theme in &config.themes {
        let p = content_dir
            .join("themes")
            .join(format!("{}.md", theme.slug));
        if let Some(html) = read_intro(&p)? {
            theme_intros.insert(theme.slug.to_string(), html);
        }
    }
    Ok((
        Content {
            articles,
            home_intro,
            theme_intros,
        },
        derived,
    ))
}

/// An intro file may have front matter (ignored keys are not allowed to hide
/// typos, so only the body is used) or be plain Markdown.
fn read_intro(path: &Path) -> Result<Option<String>> {
    let text = match std::fs::read(path) {
        Ok(bytes) => utf8(path, bytes)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path, e)),
    };
    let body = if text.trim_start().starts_with(FRONT_MATTER_FENCE) {
        split_front_matter(path, &text)?.1
    } else {
        &text
    };
    Ok(Some(markdown::render(body).html))
}

#[cfg(test)]
mod tests;
