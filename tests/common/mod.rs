//! Helpers shared by the integration tests over the fixture site. Each test
//! crate uses some of them, so the others are dead code there.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/site");

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` (relative `/` path → bytes).
pub fn all_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                bilateral_digest::output::slash_path(rel),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A fresh copy of the fixture site in the temporary folder, named by the
/// test crate (`tag`) and the test (`name`).
pub fn fixture_copy(tag: &str, name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bd-{tag}-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    copy_dir(Path::new(FIXTURE), &dir);
    dir
}

/// Build options over the fixture: no import, output in `output` (relative
/// to the site), and an absolute base URL so that feeds are written.
pub fn fixture_options(root: &Path, output: &str) -> bilateral_digest::build::BuildOptions {
    let mut o = bilateral_digest::build::BuildOptions::new(root);
    o.import = false;
    o.output = Some(std::path::PathBuf::from(output));
    o.base_url = Some("https://example.org/digest/".into());
    o
}

/// A site in the temporary folder with the repository's `site.toml` and
/// `data/` and an empty `seeds/`, named by the test crate (`tag`) and the
/// test (`name`).
pub fn repo_config_site(tag: &str, name: &str) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("bd-{tag}-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("seeds")).unwrap();
    fs::create_dir_all(root.join("data")).unwrap();
    fs::copy(manifest().join("site.toml"), root.join("site.toml")).unwrap();
    for e in fs::read_dir(manifest().join("data")).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            fs::copy(&p, root.join("data").join(p.file_name().unwrap())).unwrap();
        }
    }
    root
}

/// The repository's root folder.
pub fn manifest() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The newest of the repository's seeds whose name starts with `prefix`.
pub fn seed_path(prefix: &str) -> std::path::PathBuf {
    let dir = manifest().join("seeds");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    names.sort();
    names.pop().unwrap_or_else(|| panic!("no seed {prefix}"))
}
