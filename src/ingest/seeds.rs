//! Which files in `seeds/` are seeds, what each is called in the record, and
//! reading one.
//!
//! Guarantees:
//! - A seed's name (record key, `seed` in front matter) is the exact bytes of
//!   its file name: bytes that are not UTF-8, and `%` itself, are written as
//!   `%XX`, so two names differing in any byte never share a key, and
//!   [`name_bytes`] gives the bytes back.
//! - Seeds are the site's own files: a seed that is a link to a file outside
//!   the site root, or that sits in a `seeds/` folder which is itself a link
//!   out of the site, is skipped with one line saying so, unless site.toml
//!   sets `follow_external_seed_links = true`.

use super::{ImportedArticle, MAX_SEED_BYTES, SEEDS_DIR, SeedProblem, sha256_hex};
use crate::error::{Error, Result};
use crate::types::Language;
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A seed file and its name as the record knows it.
#[derive(Debug, Clone)]
pub(super) struct SeedFile {
    pub path: PathBuf,
    pub name: String,
}

/// One seed read from disk.
pub(super) struct Seed {
    pub name: String,
    pub hash: String,
    pub result: Result<ImportedArticle, SeedProblem>,
}

/// The record's name for a file name: its bytes, with `%` and every byte that
/// is not part of valid UTF-8 written as `%XX`.
pub fn name_key(name: &OsStr) -> String {
    let bytes = name.as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '%' {
                out.push_str("%25");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The file name's bytes back from [`name_key`]. A `%` not followed by two
/// hex digits (a key written by hand) stands for itself.
pub fn name_bytes(key: &str) -> Vec<u8> {
    let b = key.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// Whether a file in `seeds/` is a seed, by its name.
pub fn is_seed_name(name: &[u8]) -> bool {
    name.ends_with(b".txt") || super::html::is_page(name) || super::feed::is_feed(name)
}

/// The seeds of a site, sorted by name, and one line per file skipped
/// because it leads out of the site.
pub(super) fn list_seeds(root: &Path, follow_links: bool) -> Result<(Vec<SeedFile>, Vec<String>)> {
    let dir = root.join(SEEDS_DIR);
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((out, skipped)),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let site = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let real_dir = dir.canonicalize().map_err(|e| Error::io(&dir, e))?;
    if !follow_links && !real_dir.starts_with(&site) {
        skipped.push(format!(
            "{SEEDS_DIR}/: a link to {}, outside the site; its seeds are skipped \
             (set follow_external_seed_links = true in site.toml to import them)",
            real_dir.display()
        ));
        return Ok((out, skipped));
    }
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&dir, e))?;
        let file_name = entry.file_name();
        let bytes = file_name.as_encoded_bytes();
        if bytes.starts_with(b".") || !is_seed_name(bytes) {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        let name = name_key(&file_name);
        if kind.is_symlink() {
            let Ok(target) = path.canonicalize() else {
                skipped.push(format!(
                    "{SEEDS_DIR}/{name}: a link to a file that does not exist; skipped"
                ));
                continue;
            };
            if !target.is_file() {
                continue;
            }
            if !follow_links && !target.starts_with(&site) {
                skipped.push(format!(
                    "{SEEDS_DIR}/{name}: a link to {}, outside the site; skipped \
                     (set follow_external_seed_links = true in site.toml to import it)",
                    target.display()
                ));
                continue;
            }
        } else if !kind.is_file() {
            continue;
        }
        out.push(SeedFile { path, name });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((out, skipped))
}

/// The seeds in one file: one, or a feed's items (a feed that cannot be
/// read is one seed with its problem).
pub(super) fn read_seed(
    file: &SeedFile,
    hint: Option<&Language>,
    allowed: &[Language],
) -> Result<Vec<Seed>> {
    let path = &file.path;
    let name = file.name.clone();
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > MAX_SEED_BYTES {
        return Ok(vec![Seed {
            name,
            hash: String::new(),
            result: Err(SeedProblem::TooLarge { bytes: size }),
        }]);
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if super::feed::is_feed(name.as_bytes()) {
        return Ok(match super::feed::items(&name, &bytes, hint, allowed) {
            Ok(items) => items
                .into_iter()
                .map(|i| Seed {
                    name: i.name,
                    hash: i.hash,
                    result: i.result,
                })
                .collect(),
            Err(problem) => vec![Seed {
                name,
                hash: sha256_hex(&bytes),
                result: Err(problem),
            }],
        });
    }
    let result = super::process_seed_among(&name, &bytes, hint, allowed);
    Ok(vec![Seed {
        name,
        hash: sha256_hex(&bytes),
        result,
    }])
}

/// The hash of a seed file as it is now (for a rebuilt record).
pub(super) fn hash_of(file: &SeedFile) -> Result<String> {
    let bytes = std::fs::read(&file.path).map_err(|e| Error::io(&file.path, e))?;
    Ok(sha256_hex(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_differ_by_every_byte() {
        let plain = OsStr::new("000_abc.txt");
        assert_eq!(name_key(plain), "000_abc.txt");
        assert_eq!(name_key(OsStr::new("50%.txt")), "50%25.txt");
        assert_eq!(name_bytes("50%25.txt"), b"50%.txt");
        assert_eq!(name_bytes("a%zz.txt"), b"a%zz.txt");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let ff = OsStr::from_bytes(b"a_\xff.txt");
            let fe = OsStr::from_bytes(b"a_\xfe.txt");
            assert_ne!(name_key(ff), name_key(fe));
            assert_eq!(name_key(ff), "a_%FF.txt");
            assert_eq!(name_bytes(&name_key(ff)), b"a_\xff.txt");
            // A valid name that looks like an escape is escaped itself.
            assert_ne!(name_key(OsStr::new("a_%FF.txt")), name_key(ff));
        }
    }
}
