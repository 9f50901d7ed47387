//! `init`: a new site that builds at once. It has a commented `site.toml`,
//! one example seed (written for this purpose, not scraped), and the
//! built-in classifier terms and gazetteer as files to tune. It never writes
//! into a folder that has anything in it, so it cannot overwrite a site.

use crate::config::{CONFIG_FILE, DEFAULT_CLASSIFIER, DEFAULT_GAZETTEER};
use crate::error::{Error, Result};
use crate::output::atomic;
use std::path::{Path, PathBuf};

/// The repository's own site.toml: every key, with comments.
const SITE_TOML: &str = include_str!("../../site.toml");
const THEMES: &str = crate::classify::themes::BUILTIN;
const GAZETTEER: &str = crate::classify::gazetteer::BUILTIN;

/// The example seed: a short made-up report in the shape scraped pages have
/// (headline, a line of page chrome, paragraphs), so the first build shows
/// import at work.
const EXAMPLE_SEED: &str = "\
Hai Phong and Nagoya sign a port cooperation agreement
Home | News | Business
Officials from the Vietnamese port city of Hai Phong and the Japanese city of Nagoya signed an agreement on Monday to cooperate on port logistics, green shipping and the training of port engineers.
Under the agreement, Japanese companies will share technology for automated container handling, and Vietnamese engineers will take part in training courses in Nagoya over the next three years.
Both sides said the deal builds on growing Japanese investment in industrial zones around Hai Phong, where more than one hundred Japanese firms now operate.
This example seed was written for a new bilateral-digest site. Replace it with your own articles in seeds/.
";

/// Make a new site in `dir` (created when missing); returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Refused(format!(
                "{} is not empty: init only makes a site in a new or empty folder, \
                 so that it can never overwrite one",
                dir.display()
            )));
        }
    }
    // `init .` names the site after the folder it is in.
    let named = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let title = named
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty() && n != "." && n != "..")
        .unwrap_or_else(|| "My digest".into());
    let site_toml = site_toml(&title);
    let files: [(&str, &str); 4] = [
        (CONFIG_FILE, &site_toml),
        ("seeds/example.txt", EXAMPLE_SEED),
        (DEFAULT_CLASSIFIER, THEMES),
        (DEFAULT_GAZETTEER, GAZETTEER),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        let parent = path.parent().expect("a file in the site");
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        atomic::write(&path, text.as_bytes())?;
        written.push(path);
    }
    for empty in ["content/articles", "templates", "static"] {
        let path = dir.join(empty);
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
    }
    Ok(written)
}

/// The shipped site.toml with the new site's title.
fn site_toml(title: &str) -> String {
    let quoted = toml::Value::String(title.to_string()).to_string();
    SITE_TOML
        .lines()
        .map(|l| {
            if l.starts_with("title = ") {
                format!("title = {quoted}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_toml_parses_with_the_new_title() {
        let text = site_toml("Hà \"Nội\" news");
        let c = crate::config::SiteConfig::parse(Path::new("site.toml"), &text).unwrap();
        assert_eq!(c.title, "Hà \"Nội\" news");
    }

    #[test]
    fn refuses_a_non_empty_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
        let e = init(dir.path()).unwrap_err();
        assert!(e.to_string().contains("not empty"), "{e}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
