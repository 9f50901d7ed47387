//! Writing `public/` safely: the whole site is written to a staging folder
//! beside the output and swapped in only when every file is there, so a
//! failed build leaves the previous site as it was (Zola wipes it first, #574).
//!
//! A marker file proves a folder was made by this tool; without it the tool
//! refuses to replace or delete the folder.

use crate::error::{Error, Result};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Present in every output folder this tool made. It doubles as the manifest:
/// the content hash of every file written, for incremental rebuilds.
pub const MARKER: &str = ".bilateral-digest";
const MANIFEST: &str = MARKER;

/// One file of the built site. `path` is relative, with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// True when nothing differed and the output folder was not touched at all.
    pub untouched: bool,
}

fn hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Read the manifest of a previous build: path → hash. Missing means none.
fn read_manifest(out: &Path) -> BTreeMap<String, String> {
    let Ok(text) = fs::read_to_string(out.join(MANIFEST)) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter_map(|l| l.split_once("  "))
        .map(|(h, p)| (p.to_string(), h.to_string()))
        .collect()
}

/// Where the fingerprint of the inputs of the last build is kept: beside the
/// output, not in it, so that the output itself stays byte-identical for the
/// same inputs wherever they are.
pub fn stamp_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.stamp"))
}

/// Whether `out` was built from inputs with this fingerprint and still holds
/// every file it was built with.
pub fn stamp_matches(out: &Path, fingerprint: &str) -> bool {
    fs::read_to_string(stamp_path(out)).is_ok_and(|s| s.trim() == fingerprint)
        && out.join(MARKER).is_file()
        && read_manifest(out).keys().all(|p| out.join(p).is_file())
}

/// Record the fingerprint of the inputs `out` was just built from.
pub fn write_stamp(out: &Path, fingerprint: &str) -> Result<()> {
    let path = stamp_path(out);
    fs::write(&path, format!("{fingerprint}\n")).map_err(|e| Error::io(&path, e))
}

/// How many files the last build wrote into `out`.
pub fn manifest_len(out: &Path) -> usize {
    read_manifest(out).len()
}

fn manifest_text(files: &BTreeMap<&str, String>) -> String {
    let mut s = String::from("# bilateral-digest output: this folder is replaced by every build\n");
    for (path, h) in files {
        s.push_str(h);
        s.push_str("  ");
        s.push_str(path);
        s.push('\n');
    }
    s
}

/// Check that `path` is safe to write into: a relative path of normal parts.
fn check_relative(path: &str) -> Result<()> {
    let p = Path::new(path);
    let ok = !path.is_empty()
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        && path != MARKER;
    if ok {
        Ok(())
    } else {
        Err(Error::Refused(format!(
            "refusing to write output file `{path}`: not a plain relative path"
        )))
    }
}

/// Write `files` as the complete content of `out`.
///
/// Files whose bytes are unchanged since the last build keep their
/// modification time (they are hard-linked from the previous output, or
/// copied where links are not possible), so deploy tools upload only what
/// changed; when nothing changed at all the folder is not touched.
pub fn write_site(out: &Path, files: Vec<OutputFile>) -> Result<WriteReport> {
    let mut by_path: BTreeMap<&str, &OutputFile> = BTreeMap::new();
    for f in &files {
        check_relative(&f.path)?;
        if by_path.insert(f.path.as_str(), f).is_some() {
            return Err(Error::Refused(format!(
                "two pages want the same output file `{}`: rename one of them",
                f.path
            )));
        }
    }
    let exists = out.exists();
    if exists {
        if !out.is_dir() {
            return Err(Error::Refused(format!(
                "{} exists and is not a folder; move it away or choose another --output",
                out.display()
            )));
        }
        let empty = fs::read_dir(out)
            .map_err(|e| Error::io(out, e))?
            .next()
            .is_none();
        if !empty && !out.join(MARKER).is_file() {
            return Err(Error::Refused(format!(
                "{} was not made by bilateral-digest (it has no {MARKER} file), so it will not be replaced; \
                 move it away or choose another --output",
                out.display()
            )));
        }
    }

    let hashes: BTreeMap<&str, String> = by_path
        .par_iter()
        .map(|(p, f)| (*p, hash(&f.bytes)))
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    let previous = if exists {
        read_manifest(out)
    } else {
        BTreeMap::new()
    };
    let same_set = previous.len() == hashes.len()
        && hashes
            .iter()
            .all(|(p, h)| previous.get(*p).is_some_and(|ph| ph == h));
    if exists && same_set && all_present(out, &hashes) {
        return Ok(WriteReport {
            written: 0,
            unchanged: hashes.len(),
            removed: 0,
            untouched: true,
        });
    }

    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    }
    fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    // The marker first, so that even a half-written staging folder is ours.
    fs::write(staging.join(MARKER), "").map_err(|e| Error::io(&staging, e))?;

    let result = (|| -> Result<(usize, usize)> {
        let mut dirs: Vec<PathBuf> = by_path
            .keys()
            .filter_map(|p| Path::new(p).parent().map(Path::to_path_buf))
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        dirs.sort();
        dirs.dedup();
        for d in &dirs {
            let full = staging.join(d);
            fs::create_dir_all(&full).map_err(|e| Error::io(&full, e))?;
        }
        let outcomes: Vec<Result<bool>> = by_path
            .par_iter()
            .map(|(p, f)| {
                let target = staging.join(p);
                let reused = previous.get(*p) == hashes.get(*p) && {
                    let old = out.join(p);
                    fs::hard_link(&old, &target).is_ok()
                        || (fs::copy(&old, &target).is_ok() && {
                            // A copy gets a new mtime; keep the old one.
                            let keep = fs::metadata(&old).and_then(|m| m.modified());
                            if let Ok(t) = keep
                                && let Ok(file) = fs::File::options().write(true).open(&target)
                            {
                                let _ = file.set_modified(t);
                            }
                            true
                        })
                };
                if !reused {
                    fs::write(&target, &f.bytes).map_err(|e| Error::io(&target, e))?;
                }
                Ok(!reused)
            })
            .collect();
        let mut written = 0;
        let mut unchanged = 0;
        for o in outcomes {
            if o? {
                written += 1;
            } else {
                unchanged += 1;
            }
        }
        fs::write(staging.join(MANIFEST), manifest_text(&hashes))
            .map_err(|e| Error::io(&staging, e))?;
        Ok((written, unchanged))
    })();
    let (written, unchanged) = match result {
        Ok(x) => x,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let removed = previous
        .keys()
        .filter(|p| !hashes.contains_key(p.as_str()))
        .count();

    // Swap: the old site moves aside, the new one takes its place, the old is
    // removed. Between the two renames `out` is briefly missing, never partial.
    if exists {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
        if let Err(e) = fs::rename(&staging, out) {
            let _ = fs::rename(&old, out);
            let _ = fs::remove_dir_all(&staging);
            return Err(Error::io(out, e));
        }
        if old.join(MARKER).is_file() {
            fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        } else {
            // It was an empty folder the user made: only ever remove it if still empty.
            let _ = fs::remove_dir(&old);
        }
    } else {
        fs::rename(&staging, out).map_err(|e| Error::io(out, e))?;
    }
    Ok(WriteReport {
        written,
        unchanged,
        removed,
        untouched: false,
    })
}

fn all_present(out: &Path, hashes: &BTreeMap<&str, String>) -> bool {
    hashes.keys().all(|p| out.join(p).is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("bd-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn writes_swaps_and_skips_unchanged() {
        let d = tmp("swap");
        let out = d.join("public");
        let files = vec![
            OutputFile::new("index.html", "home"),
            OutputFile::new("a/index.html", "a"),
        ];
        let r = write_site(&out, files.clone()).unwrap();
        assert_eq!(r.written, 2);
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "a");
        assert!(out.join(MARKER).is_file());

        let r = write_site(&out, files.clone()).unwrap();
        assert!(r.untouched);

        let mut changed = files.clone();
        changed[0].bytes = b"home2".to_vec();
        changed.pop();
        let r = write_site(&out, changed).unwrap();
        assert_eq!((r.written, r.unchanged, r.removed), (1, 0, 1));
        assert!(!out.join("a/index.html").exists());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn refuses_a_folder_it_did_not_make() {
        let d = tmp("refuse");
        let out = d.join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("precious.txt"), "mine").unwrap();
        let err = write_site(&out, vec![OutputFile::new("index.html", "x")]).unwrap_err();
        assert!(err.to_string().contains("not made by bilateral-digest"));
        assert_eq!(
            fs::read_to_string(out.join("precious.txt")).unwrap(),
            "mine"
        );
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn refuses_paths_that_escape() {
        let d = tmp("escape");
        let out = d.join("public");
        assert!(write_site(&out, vec![OutputFile::new("../x", "x")]).is_err());
        assert!(write_site(&out, vec![OutputFile::new("/etc/x", "x")]).is_err());
        assert!(!out.exists());
        fs::remove_dir_all(&d).unwrap();
    }
}
