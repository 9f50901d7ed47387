//! The import record, `content/.import.toml`: for each seed, the hash of the
//! seed last imported, the page's slug, and the hash of the text import
//! wrote. With it import can tell a page a person edited or deleted from one
//! it may refresh.
//!
//! Guarantees:
//! - The record is replaced whole (through `output::atomic`), never written
//!   in place.
//! - A damaged record is never taken for an empty one: an empty file, a file
//!   that is not UTF-8 or not TOML, or one without its last line (cut
//!   short) is an error saying how to recover (restore it, or
//!   `import --rebuild-record`). Only a missing record means "no seed was
//!   imported yet".
//! - Every slug read from it is a single file name inside `content/articles/`;
//!   anything else is an error naming the seed and the line.
//! - Keys are seed names as [`super::seeds::name_key`] spells them (the exact
//!   bytes of the file name). Records written before the format had a
//!   `version` keep working: their keys are read as the raw names they were.

use super::IMPORTER_VERSION;
use crate::error::{Error, Result, from_toml};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub const RECORD_FILE: &str = ".import.toml";
/// The record's own format: 2 added `version`, `importer`, `without_page`,
/// escaped keys and the [`END`] line.
const RECORD_FORMAT: u32 = 2;
/// `page_hash` of an entry rebuilt from front matter: import cannot know
/// whether the page as it is now is its own text or a person's edit, so the
/// page counts as edited until an import produces exactly its text.
pub const PAGE_UNKNOWN: &str = "unknown (record rebuilt)";
const HEADER: &str = "# Written by `bilateral-digest import`: which page each seed became, so that\n\
# pages edited or deleted by hand are left alone. Delete an entry to let import\n\
# treat its seed as new. If this file is lost or damaged, restore it from a\n\
# backup or run `bilateral-digest import --rebuild-record`.\n\n";
/// The record's last line. A record cut short at an entry's end is still
/// valid TOML; without this line it is known to be cut. (Not a count of
/// entries: deleting an entry by hand is allowed.)
const END: &str = "# end of the record: a record without this line was cut short\n";
const RECOVER: &str = "restore content/.import.toml from a backup, or run \
`bilateral-digest import --rebuild-record` to rebuild it from the pages' `seed` fields \
(pages are then kept as they are until you --force them; deleted pages are not re-created)";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedEntry {
    /// SHA-256 of the seed file as last imported.
    pub seed_hash: String,
    /// The page's slug: `content/articles/<slug>.md`.
    pub slug: String,
    /// SHA-256 of the page text import last wrote, or [`PAGE_UNKNOWN`].
    pub page_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The version of the importer whose output the pages are
    /// ([`IMPORTER_VERSION`] when they were written by this one).
    pub importer: u32,
    pub seeds: BTreeMap<String, SeedEntry>,
    /// Seeds no page named when the record was rebuilt: their pages may have
    /// been deleted by hand, so they are imported only when forced.
    pub without_page: BTreeSet<String>,
}

impl Default for Record {
    fn default() -> Self {
        Record {
            importer: IMPORTER_VERSION,
            seeds: BTreeMap::new(),
            without_page: BTreeSet::new(),
        }
    }
}

/// The record as written. Values before tables, as TOML requires.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OnDisk {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    version: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    importer: Option<u32>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    without_page: BTreeSet<String>,
    #[serde(default)]
    seeds: BTreeMap<String, SeedEntry>,
}

pub fn path(root: &Path) -> PathBuf {
    root.join(crate::content::CONTENT_DIR).join(RECORD_FILE)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Why `name` cannot be a file name directly inside one folder, if it cannot:
/// slugs and seed names read from the record or from front matter are
/// joined to a folder, so each must be one path component that stays there.
pub fn file_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("it is empty")
    } else if name.contains(['/', '\\']) {
        Some("it holds a path separator")
    } else if name.contains('\0') {
        Some("it holds a NUL character")
    } else if name == ".." || name == "." {
        Some("it names a folder, not a file")
    } else if name.starts_with('.') {
        Some("it starts with a dot (hidden files are not pages)")
    } else if name.contains(':') && cfg!(windows) {
        Some("it holds `:`, which Windows reads as a drive or stream")
    } else {
        None
    }
}

fn damaged(p: &Path, line: Option<usize>, what: impl Into<String>) -> Error {
    Error::input(p, line, what, Some(RECOVER.into()))
}

impl Record {
    pub fn load(root: &Path) -> Result<Record> {
        let p = path(root);
        let bytes = match std::fs::read(&p) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Record::default()),
            Err(e) => {
                return Err(damaged(
                    &p,
                    None,
                    format!("the import record cannot be read: {e}"),
                ));
            }
        };
        Self::parse(&p, &bytes)
    }

    /// Parse the record's bytes; `p` names it in errors.
    pub fn parse(p: &Path, bytes: &[u8]) -> Result<Record> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            damaged(
                p,
                None,
                format!(
                    "the import record is damaged: not UTF-8 (at byte {})",
                    e.valid_up_to()
                ),
            )
        })?;
        if text.trim().is_empty() {
            return Err(damaged(
                p,
                None,
                "the import record is empty: it was damaged (an empty record would make every \
                 deleted page come back and every renamed page appear twice)",
            ));
        }
        let disk: OnDisk = toml::from_str(text).map_err(|e| {
            let mut err = from_toml(p, text, 0, &e);
            if let Error::Input { message, hint, .. } = &mut err {
                *message = format!("the import record is damaged: {message}");
                *hint = Some(RECOVER.into());
            }
            err
        })?;
        let record = match disk.version {
            None => {
                if disk.seeds.is_empty() {
                    return Err(damaged(
                        p,
                        None,
                        "the import record holds no entries: it was cut short or emptied",
                    ));
                }
                // Format 1: keys are the names as they were (always UTF-8).
                let seeds = disk
                    .seeds
                    .into_iter()
                    .map(|(k, e)| (super::seeds::name_key(k.as_ref()), e))
                    .collect();
                Record {
                    importer: 1,
                    seeds,
                    without_page: disk.without_page,
                }
            }
            Some(v) if v > RECORD_FORMAT => {
                return Err(Error::input(
                    p,
                    None,
                    format!("the import record has format {v}, newer than this program reads"),
                    Some("use the bilateral-digest version that wrote it, or a newer one".into()),
                ));
            }
            Some(_) => {
                if !text.trim_end().ends_with(END.trim_end()) {
                    return Err(damaged(
                        p,
                        None,
                        format!(
                            "the import record is damaged: it was cut short (its last line \
                             should be `{}`)",
                            END.trim_end()
                        ),
                    ));
                }
                Record {
                    importer: disk.importer.unwrap_or(1),
                    seeds: disk.seeds,
                    without_page: disk.without_page,
                }
            }
        };
        record.check_slugs(p, text)?;
        Ok(record)
    }

    fn check_slugs(&self, p: &Path, text: &str) -> Result<()> {
        let mut errors = Vec::new();
        for (key, entry) in &self.seeds {
            let Some(why) = file_name_problem(&entry.slug) else {
                continue;
            };
            // The entry's `slug` line: the first after the table naming it.
            let lines: Vec<&str> = text.lines().collect();
            let line = lines
                .iter()
                .position(|l| l.trim_start().starts_with("[seeds") && l.contains(key.as_str()))
                .and_then(|h| {
                    lines[h..]
                        .iter()
                        .position(|l| l.trim_start().starts_with("slug"))
                        .map(|i| h + i + 1)
                });
            errors.push(Error::input(
                p,
                line,
                format!(
                    "seed `{key}`: slug `{}` is not a file name in content/articles/ ({why})",
                    entry.slug.escape_debug()
                ),
                Some(
                    "a slug is one file name without `.md`, e.g. \"hai-phong-port\": fix it, or \
                     delete the entry to let import treat the seed as new"
                        .into(),
                ),
            ));
        }
        Error::collect(errors)
    }

    pub fn to_text(&self) -> String {
        let disk = OnDisk {
            version: Some(RECORD_FORMAT),
            importer: Some(self.importer),
            without_page: self.without_page.clone(),
            seeds: self.seeds.clone(),
        };
        let body = toml::to_string(&disk).expect("record always serializes");
        let sep = if body.ends_with('\n') { "\n" } else { "\n\n" };
        format!("{HEADER}{body}{sep}{END}")
    }

    /// Write the record when its text changed.
    pub fn save(&self, root: &Path) -> Result<()> {
        let p = path(root);
        let text = self.to_text();
        if std::fs::read_to_string(&p).is_ok_and(|old| old == text) {
            return Ok(());
        }
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        crate::output::atomic::write(&p, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(slug: &str) -> SeedEntry {
        SeedEntry {
            seed_hash: sha256_hex(slug.as_bytes()),
            slug: slug.into(),
            page_hash: "x".into(),
        }
    }

    #[test]
    fn round_trips_and_is_sorted() {
        let mut r = Record::default();
        for name in ["b.txt", "a.txt", "c_%FF.txt"] {
            r.seeds
                .insert(name.into(), entry(&name.replace(".txt", "")));
        }
        r.without_page.insert("d.txt".into());
        let text = r.to_text();
        assert!(text.find("a.txt").unwrap() < text.find("b.txt").unwrap());
        let back = Record::parse(Path::new("r"), text.as_bytes()).unwrap();
        assert_eq!(back, r);
        assert_eq!(sha256_hex(b"").len(), 64);
    }

    #[test]
    fn damage_is_an_error_with_the_way_out() {
        let mut r = Record::default();
        r.seeds.insert("a.txt".into(), entry("a"));
        r.seeds.insert("b.txt".into(), entry("b"));
        let whole = r.to_text();
        // Cut after the first entry's last line: still valid TOML.
        let cut = &whole[..whole.find("[seeds.\"b.txt\"]").unwrap()];
        for bad in [
            "".as_bytes(),
            b"  \n",
            b"\xff\xfe",
            cut.as_bytes(),
            b"[seeds",
        ] {
            let e = Record::parse(Path::new("content/.import.toml"), bad)
                .unwrap_err()
                .to_string();
            assert!(e.contains("--rebuild-record"), "{e}");
            assert!(e.contains("content/.import.toml"), "{e}");
        }
        // Deleting an entry by hand, as the header allows, is not damage.
        let a = whole.find("[seeds.\"a.txt\"]").unwrap();
        let b = whole.find("[seeds.\"b.txt\"]").unwrap();
        let edited = format!("{}{}", &whole[..a], &whole[b..]);
        let r = Record::parse(Path::new("r"), edited.as_bytes()).unwrap();
        assert_eq!(r.seeds.keys().collect::<Vec<_>>(), ["b.txt"]);
        // A record from before formats, header only: cut short too.
        let old_empty = HEADER.as_bytes();
        assert!(Record::parse(Path::new("r"), old_empty).is_err());
    }

    #[test]
    fn old_records_keep_their_keys_and_count_as_importer_1() {
        let text = "[seeds.\"50%.txt\"]\nseed_hash = \"a\"\nslug = \"x\"\npage_hash = \"b\"\n";
        let r = Record::parse(Path::new("r"), text.as_bytes()).unwrap();
        assert_eq!(r.importer, 1);
        assert!(r.seeds.contains_key("50%25.txt"));
    }

    #[test]
    fn slugs_that_leave_the_folder_are_errors_naming_the_entry() {
        for bad in ["../../NOTES", "a/b", "a\\b", "..", ".hidden", "", "a\0b"] {
            let mut r = Record::default();
            r.seeds.insert("x.txt".into(), entry(bad));
            let text = r.to_text();
            let e = Record::parse(Path::new("r.toml"), text.as_bytes())
                .unwrap_err()
                .to_string();
            assert!(e.contains("seed `x.txt`"), "{e}");
            assert!(e.contains("r.toml:"), "{e}");
        }
        assert!(file_name_problem("hai-phong-port").is_none());
    }
}
