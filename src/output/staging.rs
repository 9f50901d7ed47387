//! A full build's output: written to a staging folder beside the output,
//! then exchanged with it in one step, so that at every moment the output
//! is the whole old site or the whole new one.
//!
//! What the old output holds that its manifest does not list (a `CNAME`, a
//! `downloads/` folder) is the user's: it is hard-linked into the staging
//! folder before the exchange, so it stays, and the report lists it.

use super::{MARKER, OutputFile, WriteReport, atomic, check_relative, hash, manifest};
use super::{debris, out_name, out_parent, same_output_file};
use crate::error::{Error, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The output folder to write: `out` itself, or the folder a symlinked
/// `out` points to (the link stays a link, and its target is updated).
pub(super) fn resolve(out: &Path) -> Result<PathBuf> {
    match fs::symlink_metadata(out) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(out).map_err(|e| {
            Error::Refused(format!(
                "{} is a symbolic link to a folder that cannot be reached ({e}); \
                 create its target or remove the link",
                out.display()
            ))
        }),
        _ => Ok(out.to_path_buf()),
    }
}

/// Refuse `out` unless it is missing, empty, or a folder this tool made.
fn check_replaceable(out: &Path) -> Result<bool> {
    if !out.exists() {
        return Ok(false);
    }
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
    Ok(true)
}

/// What has been put into a staging folder so far.
#[derive(Default)]
struct Staged {
    hashes: BTreeMap<String, String>,
    written: usize,
    unchanged: usize,
}

/// A build in progress: files go into a staging folder beside `out` as soon
/// as they are rendered, so the whole site never has to sit in memory, and
/// `out` itself is only touched by [`Staging::finish`]. Dropping a `Staging`
/// without finishing removes the staging folder and leaves `out` as it was.
pub struct Staging {
    /// The folder written: the output, or the target of a symlinked output.
    out: PathBuf,
    parent: PathBuf,
    name: String,
    dir: PathBuf,
    exists: bool,
    previous: BTreeMap<String, String>,
    staged: Mutex<Staged>,
    finished: bool,
    /// False only in tests of the two-rename fallback.
    exchange: bool,
}

impl Staging {
    /// Check that `out` may be replaced and create an empty staging folder.
    pub fn begin(out: &Path) -> Result<Staging> {
        let out = resolve(out)?;
        let exists = check_replaceable(&out)?;
        let previous = if exists {
            manifest::read(&out)
        } else {
            BTreeMap::new()
        };
        let parent = out_parent(&out);
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = out_name(&out);
        let dir = parent.join(format!(".{name}{}{}", debris::STAGING, std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        if exists {
            // The output's mode is the user's choice (0700 for a private site):
            // the folder that takes its place gets it too.
            let mode = fs::metadata(&out).map_err(|e| Error::io(&out, e))?;
            fs::set_permissions(&dir, mode.permissions()).map_err(|e| Error::io(&dir, e))?;
        }
        let staging = Staging {
            out,
            parent,
            name,
            dir,
            exists,
            previous,
            staged: Mutex::new(Staged::default()),
            finished: false,
            exchange: true,
        };
        // The marker first, so that even a half-written staging folder is ours.
        atomic::write_unpublished(&staging.dir.join(MARKER), b"")?;
        Ok(staging)
    }

    /// Put one file into the staging folder. Callable from many threads.
    ///
    /// A file whose bytes are unchanged since the last build keeps its
    /// modification time: it is hard-linked from the previous output, or
    /// written anew with the old time where links are not possible, so
    /// deploy tools upload only what changed.
    pub fn put(&self, file: OutputFile) -> Result<()> {
        check_relative(&file.path)?;
        let h = hash(&file.bytes);
        let reusable = self.previous.get(&file.path) == Some(&h);
        {
            let mut staged = self.lock();
            if staged.hashes.contains_key(&file.path) {
                return Err(same_output_file(&file.path));
            }
            staged.hashes.insert(file.path.clone(), h);
        }
        let target = self.dir.join(&file.path);
        if let Some(d) = target.parent() {
            fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
        }
        let old = self.out.join(&file.path);
        let reused = reusable
            && (fs::hard_link(&old, &target).is_ok()
                || (atomic::write_unpublished(&target, &file.bytes).is_ok() && {
                    keep_mtime(&old, &target);
                    true
                }));
        if !reused {
            atomic::write_unpublished(&target, &file.bytes)?;
        }
        let mut staged = self.lock();
        if reused {
            staged.unchanged += 1;
        } else {
            staged.written += 1;
        }
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Staged> {
        // A panic elsewhere while holding the lock leaves the map consistent
        // (each update is a single insert or increment), so go on using it.
        self.staged.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Write the manifest and exchange the staging folder with `out`. When
    /// the files and their bytes are exactly those of the last build, `out`
    /// is not touched at all.
    pub fn finish(mut self) -> Result<WriteReport> {
        let staged = std::mem::take(&mut *self.lock());
        let hashes = &staged.hashes;
        let same_set = self.previous.len() == hashes.len()
            && hashes
                .iter()
                .all(|(p, h)| self.previous.get(p).is_some_and(|ph| ph == h));
        if self.exists && same_set && hashes.keys().all(|p| self.out.join(p).is_file()) {
            // Dropping `self` removes the staging folder.
            return Ok(WriteReport {
                unchanged: hashes.len(),
                untouched: true,
                ..WriteReport::default()
            });
        }
        let kept = if self.exists {
            Carry::new(&self.out, &self.dir, &self.previous, hashes).run()?
        } else {
            Vec::new()
        };
        atomic::write_unpublished(&self.dir.join(MARKER), manifest::text(hashes).as_bytes())?;
        atomic::sync_tree(&self.dir)?;
        let removed = self
            .previous
            .keys()
            .filter(|p| !hashes.contains_key(p.as_str()))
            .count();
        self.swap()?;
        Ok(WriteReport {
            written: staged.written,
            unchanged: staged.unchanged,
            removed,
            untouched: false,
            kept,
        })
    }

    /// Put the staging folder in the place of `out`, then remove the old site.
    fn swap(&mut self) -> Result<()> {
        let out = self.out.clone();
        if !self.exists {
            atomic::rename(&self.dir, &out)?;
            self.finished = true;
            return Ok(());
        }
        let old = if self.exchange && atomic::exchange(&self.dir, &out)? {
            // One step: `out` is the new site, the staging name holds the old.
            self.dir.clone()
        } else {
            // Two renames. A kill between them leaves the old site under the
            // `old` name and no `out`: the next run puts it back (see
            // `debris::recover`).
            let old = self.parent.join(format!(
                ".{}{}{}",
                self.name,
                debris::OLD,
                std::process::id()
            ));
            atomic::rename(&out, &old)?;
            if let Err(e) = atomic::rename(&self.dir, &out) {
                let _ = atomic::rename(&old, &out);
                return Err(e);
            }
            old
        };
        self.finished = true;
        if old.join(MARKER).is_file() {
            fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        } else {
            // It was an empty folder the user made: only ever remove it if still empty.
            let _ = fs::remove_dir(&old);
        }
        Ok(())
    }
}

#[cfg(test)]
impl Staging {
    /// Swap as where the system cannot exchange two folders.
    fn without_exchange(mut self) -> Self {
        self.exchange = false;
        self
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn keep_mtime(from: &Path, to: &Path) {
    if let Ok(t) = fs::metadata(from).and_then(|m| m.modified())
        && let Ok(f) = fs::File::options().write(true).open(to)
    {
        let _ = f.set_modified(t);
    }
}

/// Carrying the user's files of the old output into the staging folder.
struct Carry<'a> {
    out: &'a Path,
    dir: &'a Path,
    previous: &'a BTreeMap<String, String>,
    staged: &'a BTreeMap<String, String>,
    /// Every folder that holds a file of the old or the new site.
    ours: BTreeSet<String>,
}

impl<'a> Carry<'a> {
    fn new(
        out: &'a Path,
        dir: &'a Path,
        previous: &'a BTreeMap<String, String>,
        staged: &'a BTreeMap<String, String>,
    ) -> Self {
        let mut ours = BTreeSet::new();
        for p in previous.keys().chain(staged.keys()) {
            let mut end = p.len();
            while let Some(i) = p[..end].rfind('/') {
                if !ours.insert(p[..i].to_string()) {
                    break;
                }
                end = i;
            }
        }
        Carry {
            out,
            dir,
            previous,
            staged,
            ours,
        }
    }

    fn run(self) -> Result<Vec<String>> {
        let mut kept = self.folder("")?;
        kept.sort();
        Ok(kept)
    }

    /// Walk a folder the site writes into, carrying what is not the site's;
    /// returns what was carried. Folders are read on all cores: a site of
    /// 10,000 articles has as many folders.
    fn folder(&self, rel: &str) -> Result<Vec<String>> {
        let here = self.out.join(rel);
        let entries: Vec<fs::DirEntry> = fs::read_dir(&here)
            .and_then(|d| d.collect())
            .map_err(|e| Error::io(&here, e))?;
        let found: Vec<Vec<String>> = entries
            .par_iter()
            .map(|entry| self.entry(rel, entry))
            .collect::<Result<_>>()?;
        Ok(found.into_iter().flatten().collect())
    }

    fn entry(&self, rel: &str, entry: &fs::DirEntry) -> Result<Vec<String>> {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if debris::is_temp_of_listed(rel, &name, self.previous)
            || (rel.is_empty() && name == MARKER)
        {
            return Ok(Vec::new());
        }
        let path = if rel.is_empty() {
            name.to_string()
        } else {
            format!("{rel}/{name}")
        };
        let kind = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
        if kind.is_dir() && self.ours.contains(&path) {
            return self.folder(&path);
        }
        if !kind.is_dir() && self.previous.contains_key(&path) {
            return Ok(Vec::new());
        }
        if self.staged.contains_key(&path) {
            return Err(Error::Refused(format!(
                "{} was not written by bilateral-digest, but the site now has a file \
                 of that name; move it out of the output folder and build again",
                entry.path().display()
            )));
        }
        copy_tree(&entry.path(), &self.dir.join(&path))?;
        Ok(vec![if kind.is_dir() {
            format!("{path}/")
        } else {
            path
        }])
    }
}

/// Hard-link `from` (a file, link or folder) at `to`, keeping modes and
/// times; bytes are copied only where links are not possible.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    if let Some(d) = to.parent() {
        fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
    }
    let meta = fs::symlink_metadata(from).map_err(|e| Error::io(from, e))?;
    let kind = meta.file_type();
    if kind.is_dir() {
        fs::create_dir(to).map_err(|e| Error::io(to, e))?;
        for entry in fs::read_dir(from).map_err(|e| Error::io(from, e))? {
            let entry = entry.map_err(|e| Error::io(from, e))?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        fs::set_permissions(to, meta.permissions()).map_err(|e| Error::io(to, e))?;
        return Ok(());
    }
    #[cfg(unix)]
    if kind.is_symlink() {
        let target = fs::read_link(from).map_err(|e| Error::io(from, e))?;
        return std::os::unix::fs::symlink(target, to).map_err(|e| Error::io(to, e));
    }
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    let bytes = fs::read(from).map_err(|e| Error::io(from, e))?;
    atomic::write_unpublished(to, &bytes)?;
    fs::set_permissions(to, meta.permissions()).map_err(|e| Error::io(to, e))?;
    keep_mtime(from, to);
    Ok(())
}

#[cfg(test)]
#[path = "staging_tests.rs"]
mod tests;
