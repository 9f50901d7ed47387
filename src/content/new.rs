//! `new`: a new article page, `content/articles/<slug>.md`, with the front
//! matter an editor fills in. It never replaces a page that exists.

use super::{ARTICLES_DIR, CONTENT_DIR, FrontMatter, to_file_text};
use crate::config::SiteConfig;
use crate::error::{Error, Result};
use crate::output::atomic;
use crate::types::ThemeSlug;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Write a new article titled `title`, dated `date`, in the site's language,
/// with `themes` (each checked against site.toml); returns its path.
pub fn new_article(
    root: &Path,
    config: &SiteConfig,
    title: &str,
    themes: &[String],
    date: NaiveDate,
) -> Result<PathBuf> {
    let slug = slug::slugify(title);
    if slug.is_empty() {
        return Err(Error::Refused(format!(
            "the title `{title}` gives an empty file name: give a title with letters or digits"
        )));
    }
    for t in themes {
        if config.theme(t).is_none() {
            return Err(Error::Refused(format!(
                "unknown theme `{t}`: valid themes (from site.toml) are {}",
                config.theme_slugs().join(", ")
            )));
        }
    }
    let dir = root.join(CONTENT_DIR).join(ARTICLES_DIR);
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return Err(Error::Refused(format!(
            "{} already exists: new never replaces a page; give a different title \
             or edit that file",
            path.display()
        )));
    }
    let front = FrontMatter {
        title: title.trim().to_string(),
        date: Some(date),
        language: Some(config.language.clone()),
        themes: themes.iter().map(|t| ThemeSlug::new(t.as_str())).collect(),
        ..FrontMatter::default()
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    atomic::write(
        &path,
        to_file_text(&front, "Write the article here.").as_bytes(),
    )?;
    Ok(path)
}

/// Today's date (UTC) from the system clock.
pub fn today() -> NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    // 719 163 days from 1 January of year 1 to 1 January 1970.
    NaiveDate::from_num_days_from_ce_opt(719_163 + days as i32).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_after_2024() {
        assert!(today() > NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    }
}
