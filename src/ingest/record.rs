//! The import record, `content/.import.toml`: for each seed, the hash of the
//! seed last imported, the page's slug, and the hash of the text import
//! wrote. With it import can tell a page a person edited or deleted from one
//! it may refresh.

use crate::error::{Error, Result, from_toml};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const RECORD_FILE: &str = ".import.toml";
const HEADER: &str = "# Written by `bilateral-digest import`: which page each seed became, so that\n\
# pages edited or deleted by hand are left alone. Delete an entry to let import\n\
# treat its seed as new.\n\n";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedEntry {
    /// SHA-256 of the seed file as last imported.
    pub seed_hash: String,
    /// The page's slug: `content/articles/<slug>.md`.
    pub slug: String,
    /// SHA-256 of the page text import last wrote.
    pub page_hash: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    #[serde(default)]
    pub seeds: BTreeMap<String, SeedEntry>,
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

impl Record {
    pub fn load(root: &Path) -> Result<Record> {
        let p = path(root);
        match std::fs::read_to_string(&p) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                let mut err = from_toml(&p, &text, 0, &e);
                if let Error::Input { hint, .. } = &mut err {
                    *hint = Some(format!(
                        "fix the file, or delete it to treat every seed as new (pages you edited \
                         are then kept only if they differ from a fresh import){}",
                        hint.as_deref()
                            .map(|h| format!("; {h}"))
                            .unwrap_or_default()
                    ));
                }
                err
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Record::default()),
            Err(e) => Err(Error::io(&p, e)),
        }
    }

    pub fn to_text(&self) -> String {
        let body = toml::to_string(self).expect("record always serializes");
        format!("{HEADER}{body}")
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

    #[test]
    fn round_trips_and_is_sorted() {
        let mut r = Record::default();
        for name in ["b.txt", "a.txt"] {
            r.seeds.insert(
                name.into(),
                SeedEntry {
                    seed_hash: sha256_hex(name.as_bytes()),
                    slug: name.replace(".txt", ""),
                    page_hash: "x".into(),
                },
            );
        }
        let text = r.to_text();
        assert!(text.find("a.txt").unwrap() < text.find("b.txt").unwrap());
        let back: Record = toml::from_str(&text).unwrap();
        assert_eq!(back, r);
        assert_eq!(sha256_hex(b"").len(), 64);
    }
}
