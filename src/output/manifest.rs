//! The manifest (`.bilateral-digest` in the output): one line per file the
//! tool wrote, `<hash>  <path>`. It is what says a file is the tool's own:
//! only files it lists are ever removed or replaced.

use super::{MARKER, hash};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const HEADER: &str = "# bilateral-digest output: files it lists are replaced by every build\n";

/// Read the manifest of a previous build: path → hash. Missing means none.
pub(super) fn read(out: &Path) -> BTreeMap<String, String> {
    let Ok(text) = fs::read_to_string(out.join(MARKER)) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter_map(|l| l.split_once("  "))
        .map(|(h, p)| (p.to_string(), h.to_string()))
        .collect()
}

pub(super) fn text(files: &BTreeMap<String, String>) -> String {
    let mut s = String::from(HEADER);
    for (path, h) in files {
        s.push_str(h);
        s.push_str("  ");
        s.push_str(path);
        s.push('\n');
    }
    s
}

/// A digest of the manifest of `out`: which files, with which bytes, the
/// last build left there. None when there is no finished output.
pub fn manifest_digest(out: &Path) -> Option<String> {
    let text = fs::read(out.join(MARKER)).ok()?;
    Some(hash(&text))
}

/// Whether every file the manifest lists is still in `out` (someone may
/// have deleted one by hand).
pub fn manifest_complete(out: &Path) -> bool {
    let Ok(text) = fs::read_to_string(out.join(MARKER)) else {
        return false;
    };
    let paths: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_once("  ").map(|(_, p)| p))
        .collect();
    paths.par_iter().all(|p| out.join(p).is_file())
}

/// How many files the last build wrote into `out`.
pub fn manifest_len(out: &Path) -> usize {
    fs::read_to_string(out.join(MARKER))
        .map(|t| t.lines().filter(|l| l.contains("  ")).count())
        .unwrap_or(0)
}
