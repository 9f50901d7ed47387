//! `import --rebuild-record`: a new `content/.import.toml` from the pages, for
//! when the record is lost or damaged.
//!
//! What the pages can tell: which pages exist, the `seed` each names, and its
//! text as it is now. What they cannot: whether that text is import's or a
//! person's edit, and whether a seed that no page names was never imported
//! or had its page deleted by hand. So the rebuilt record is cautious:
//! - a page naming a seed is recorded under its file name, with its hash
//!   unknown ([`PAGE_UNKNOWN`]): it is kept as it is, until an import
//!   produces exactly its text (then it is import's own again) or `--force`
//!   names its seed (the page is then kept as `.bak`);
//! - a seed no page names is listed in `without_page`: import does not
//!   create a page for it, and says so on every run, until `--force` names
//!   it. No deleted page comes back by itself.

use super::record::{PAGE_UNKNOWN, file_name_problem};
use super::seeds::{hash_of, list_seeds, name_bytes};
use super::*;

#[derive(Debug, Clone, Default)]
pub struct RebuildReport {
    /// Pages recorded (each names a seed).
    pub pages: usize,
    /// Seeds no page names: not imported until forced.
    pub without_page: Vec<String>,
    /// Pages whose seed is not in `seeds/` (recorded all the same, so that
    /// no new seed takes their slug).
    pub seed_missing: Vec<String>,
    /// Where the record replaced was kept, when there was one.
    pub old_record: Option<PathBuf>,
}

/// The line (1-based, in the file) of a front matter key.
fn key_line(toml_text: &str, key: &str) -> Option<usize> {
    toml_text
        .lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map(|i| i + 2)
}

/// The seed a page names, checked to be a seed's file name.
fn seed_of(rel: &Path, text: &str) -> Result<Option<String>> {
    let (toml_text, _) = content::split_front_matter(rel, text)?;
    let table: toml::Table =
        toml::from_str(toml_text).map_err(|e| crate::error::from_toml(rel, toml_text, 1, &e))?;
    let Some(value) = table.get("seed") else {
        return Ok(None);
    };
    let line = key_line(toml_text, "seed");
    let Some(seed) = value.as_str() else {
        return Err(Error::input(
            rel,
            line,
            "`seed` is not a string",
            Some("write the seed's file name in quotes, e.g. seed = \"000_x.txt\"".into()),
        ));
    };
    let bytes = name_bytes(seed);
    let why = file_name_problem(seed).or_else(|| {
        (bytes.contains(&b'/') || bytes.contains(&b'\\') || bytes.contains(&0))
            .then_some("it holds an escaped path separator or NUL")
    });
    if let Some(why) = why {
        return Err(Error::input(
            rel,
            line,
            format!(
                "seed `{}` is not a file name in {SEEDS_DIR}/ ({why})",
                seed.escape_debug()
            ),
            Some("write the seed's file name only, e.g. seed = \"000_x.txt\"".into()),
        ));
    }
    Ok(Some(seed.to_string()))
}

/// Rebuild the record from the pages' `seed` fields (see the module doc),
/// keeping the record it replaces as `content/.import.toml.old`.
pub fn rebuild_record(root: &Path, config: &SiteConfig) -> Result<RebuildReport> {
    let _lock = crate::output::lock::acquire(root)?;
    let dir = root.join(CONTENT_DIR).join(ARTICLES_DIR);
    let mut names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter(|n| !n.starts_with('.') && n.len() > 3 && n.ends_with(".md"))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    names.sort();
    let mut errors = Vec::new();
    // Seed name → (slug, page).
    let mut by_seed: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
    for name in names {
        let slug = name.trim_end_matches(".md").to_string();
        let rel = Path::new(CONTENT_DIR).join(ARTICLES_DIR).join(&name);
        if let Some(why) = file_name_problem(&slug) {
            errors.push(Error::input(
                &rel,
                None,
                format!("not a page name ({why})"),
                None,
            ));
            continue;
        }
        let text = match std::fs::read(root.join(&rel)).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(e)) => {
                errors.push(Error::input(
                    &rel,
                    None,
                    format!("not UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
                    Some("re-save the page as UTF-8".into()),
                ));
                continue;
            }
            Err(e) => {
                errors.push(Error::io(&rel, e));
                continue;
            }
        };
        match seed_of(&rel, &text) {
            Ok(Some(seed)) => {
                if let Some((_, other)) = by_seed.get(&seed) {
                    errors.push(Error::input(
                        &rel,
                        None,
                        format!("names seed `{seed}`, as {} does", other.display()),
                        Some(
                            "one seed makes one page: remove the `seed` line from the page \
                             that is not its import"
                                .into(),
                        ),
                    ));
                    continue;
                }
                by_seed.insert(seed, (slug, rel));
            }
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        errors.push(Error::Refused(
            "the record was not rebuilt: fix the pages above, then run \
             `bilateral-digest import --rebuild-record` again"
                .into(),
        ));
        return Err(Error::Many(errors));
    }

    let (files, _) = list_seeds(root, config.follow_external_seed_links)?;
    let mut report = RebuildReport::default();
    let mut record = Record::default();
    for file in &files {
        if !by_seed.contains_key(&file.name) {
            record.without_page.insert(file.name.clone());
            report.without_page.push(file.name.clone());
        }
    }
    for (seed, (slug, rel)) in by_seed {
        let seed_hash = match files.iter().find(|f| f.name == seed) {
            Some(f) => hash_of(f)?,
            None => {
                report.seed_missing.push(rel.display().to_string());
                String::new()
            }
        };
        record.seeds.insert(
            seed,
            SeedEntry {
                seed_hash,
                slug,
                page_hash: PAGE_UNKNOWN.into(),
            },
        );
        report.pages += 1;
    }
    let path = record::path(root);
    if let Ok(old) = std::fs::read(&path) {
        let keep = path.with_extension("toml.old");
        crate::output::atomic::write(&keep, &old)?;
        report.old_record = Some(keep);
    }
    record.save(root)?;
    Ok(report)
}
