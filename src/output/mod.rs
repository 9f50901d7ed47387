//! Writing `public/` safely. A full build writes the whole site to a staging
//! folder beside the output and exchanges the two in one step when every file
//! is there and synced ([`Staging`]), so a failed or killed build leaves the
//! previous site as it was (Zola wipes it first, #574). A body-only rebuild
//! replaces a few files under a journal ([`update_in_place`]) that the next
//! run finishes. Every run first removes what dead runs left ([`recover`]).
//!
//! A marker file proves a folder was made by this tool; without it the tool
//! refuses to replace or delete the folder. It doubles as the manifest: the
//! tool removes only files its manifest says it wrote, and carries every
//! other file of the output into the new one.

pub mod atomic;
mod debris;
mod journal;
mod location;
pub mod lock;
mod manifest;
mod staging;

pub use debris::recover;
pub use journal::update_in_place;
pub use location::check_location;
pub use manifest::{manifest_complete, manifest_digest, manifest_len};
pub use staging::Staging;

use crate::error::{Error, Result};
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

/// Present in every output folder this tool made. It doubles as the manifest:
/// the content hash of every file written, for incremental rebuilds.
pub const MARKER: &str = ".bilateral-digest";

/// A relative path as an output path: `/`-separated on every platform.
pub fn slash_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// A consumer of output files, called from many threads at once.
pub type Sink<'a> = &'a (dyn Fn(OutputFile) -> Result<()> + Sync);

/// Run `produce`, which hands files to a sink from many threads, and collect
/// what it made, sorted by path (for callers and tests that want it whole).
pub fn collect_files(produce: impl FnOnce(Sink) -> Result<()>) -> Result<Vec<OutputFile>> {
    let files = std::sync::Mutex::new(Vec::new());
    produce(&|f| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    })?;
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

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
    /// Files and folders in the output that this tool did not write, kept
    /// as they were (`CNAME`, `downloads/`), sorted.
    pub kept: Vec<String>,
}

impl WriteReport {
    /// "kept 2 files not written by bilateral-digest: CNAME, downloads/",
    /// or nothing when every file is the tool's own.
    pub fn kept_line(&self) -> Option<String> {
        if self.kept.is_empty() {
            return None;
        }
        let n = self.kept.len();
        Some(format!(
            "kept {n} file{} not written by bilateral-digest: {}",
            if n == 1 { "" } else { "s" },
            self.kept.join(", ")
        ))
    }
}

/// The manifest's digest of a file: it only has to tell whether a file's
/// bytes changed since the last build (not to resist forgery), over 170 MB
/// at 10,000 articles, so a fast 128-bit hash.
fn hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// Where the fingerprint of the inputs of the last build is kept: beside the
/// output, not in it, so that the output itself stays byte-identical for the
/// same inputs wherever they are.
pub fn stamp_path(out: &Path) -> PathBuf {
    beside(out, "stamp")
}

/// Whether `out` was built from inputs with this fingerprint and still holds
/// every file it was built with.
pub fn stamp_matches(out: &Path, fingerprint: &str) -> bool {
    fs::read_to_string(stamp_path(out)).is_ok_and(|s| s.trim() == fingerprint)
        && out.join(MARKER).is_file()
        && manifest_complete(out)
}

/// Record the fingerprint of the inputs `out` was just built from.
pub fn write_stamp(out: &Path, fingerprint: &str) -> Result<()> {
    atomic::write(&stamp_path(out), format!("{fingerprint}\n").as_bytes())
}

/// Forget the stamp before the output changes, durably: after a kill at any
/// later point, the next build can never take the output for up to date.
pub fn remove_stamp(out: &Path) {
    let path = stamp_path(out);
    if fs::remove_file(&path).is_ok() {
        let _ = atomic::sync_file(path.parent().unwrap_or(Path::new(".")));
    }
}

/// Where the build cache of `out` is kept (see `cache.rs`): beside the
/// output, like the stamp, so that it is never deployed.
pub fn cache_path(out: &Path) -> PathBuf {
    beside(out, "cache")
}

/// The name of the output folder, for the names beside it.
fn out_name(out: &Path) -> String {
    out.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// The folder holding `out`.
fn out_parent(out: &Path) -> PathBuf {
    out.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `.<name>.<what>` next to the output folder `<name>`.
fn beside(out: &Path, what: &str) -> PathBuf {
    out.with_file_name(format!(".{}.{what}", out_name(out)))
}

/// Check that `path` is safe to write into: a relative path of normal parts
/// (and no line break: the update journal lists paths one a line).
fn check_relative(path: &str) -> Result<()> {
    let p = Path::new(path);
    let ok = !path.is_empty()
        && !path.contains(['\n', '\r'])
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

/// The error for two outputs with one path. Pages that collide are caught
/// earlier, naming their files (see `content::load_files`); this is the net
/// for anything else (a static file against a page, say).
fn same_output_file(path: &str) -> Error {
    Error::Refused(format!(
        "two outputs want the same file `{path}` (a file in static/ and a page, or two pages \
         whose names differ only in case, spaces or punctuation): rename one of them"
    ))
}

/// Every path must be a plain relative one, and no two files may share one.
fn check_paths(files: &[OutputFile]) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for f in files {
        check_relative(&f.path)?;
        if !seen.insert(f.path.as_str()) {
            return Err(same_output_file(&f.path));
        }
    }
    Ok(())
}

/// Write `files` as the complete content of `out` (see [`Staging`]). Every
/// path is checked before anything is written.
pub fn write_site(out: &Path, files: Vec<OutputFile>) -> Result<WriteReport> {
    check_paths(&files)?;
    let staging = Staging::begin(out)?;
    files.into_par_iter().try_for_each(|f| staging.put(f))?;
    staging.finish()
}

/// A fresh folder for a unit test.
#[cfg(test)]
fn test_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("bd-output-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}
