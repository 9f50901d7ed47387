//! A fixture site for the import safety tests (`import_safety`,
//! `import_kills`): the repository's config, data and chosen seeds in a
//! temporary folder, the built binary run over it, and the checks that
//! every kill test makes.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_bilateral-digest");

pub fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The repository seed whose name starts with `prefix`.
pub fn seed_name(prefix: &str) -> String {
    let mut names: Vec<String> = fs::read_dir(manifest().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        .collect();
    names.sort();
    names.pop().unwrap_or_else(|| panic!("no seed {prefix}"))
}

pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        let kind = e.file_type().unwrap();
        if kind.is_dir() {
            copy_tree(&e.path(), &target);
        } else if kind.is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(fs::read_link(e.path()).unwrap(), &target).unwrap();
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// A site with the repository's config and data and the seeds named by prefix.
    pub fn new(prefixes: &[&str]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("seeds")).unwrap();
        fs::copy(manifest().join("site.toml"), root.join("site.toml")).unwrap();
        copy_tree(&manifest().join("data"), &root.join("data"));
        for p in prefixes {
            let n = seed_name(p);
            fs::copy(
                manifest().join("seeds").join(&n),
                root.join("seeds").join(&n),
            )
            .unwrap();
        }
        Site { dir }
    }

    /// A copy of this site, in a new folder.
    pub fn copy(&self) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(self.root(), dir.path());
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn articles(&self) -> PathBuf {
        self.root().join("content/articles")
    }

    pub fn run(&self, args: &[&str], fault: Option<&str>) -> Output {
        let mut cmd = Command::new(BIN);
        cmd.args(args).arg("--root").arg(self.root());
        cmd.env("BILATERAL_DIGEST_LOCK_WAIT", "5");
        match fault {
            Some(f) => cmd.env("BILATERAL_DIGEST_FAULT", f),
            None => cmd.env_remove("BILATERAL_DIGEST_FAULT"),
        };
        cmd.output().unwrap()
    }

    pub fn import(&self, args: &[&str]) -> String {
        let mut all = vec!["import"];
        all.extend_from_slice(args);
        let out = self.run(&all, None);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "import {args:?} failed:\n{err}");
        err
    }

    /// Every file in content/articles/: name → text.
    pub fn files(&self) -> BTreeMap<String, String> {
        let Ok(entries) = fs::read_dir(self.articles()) else {
            return BTreeMap::new();
        };
        entries
            .map(|e| e.unwrap())
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let text = String::from_utf8_lossy(&fs::read(e.path()).unwrap()).into_owned();
                (name, text)
            })
            .collect()
    }

    /// The pages (`*.md`): name → text.
    pub fn pages(&self) -> BTreeMap<String, String> {
        self.files()
            .into_iter()
            .filter(|(n, _)| n.ends_with(".md") && !n.starts_with('.'))
            .collect()
    }

    /// The pages naming this seed.
    pub fn pages_of(&self, prefix: &str) -> Vec<String> {
        let line = format!("seed = \"{}\"", seed_name(prefix));
        self.pages()
            .into_iter()
            .filter(|(_, t)| t.lines().any(|l| l == line))
            .map(|(n, _)| n)
            .collect()
    }

    pub fn page_of(&self, prefix: &str) -> PathBuf {
        let pages = self.pages_of(prefix);
        assert_eq!(pages.len(), 1, "pages of {prefix}: {pages:?}");
        self.articles().join(&pages[0])
    }

    pub fn seed(&self, prefix: &str) -> PathBuf {
        self.root().join("seeds").join(seed_name(prefix))
    }

    pub fn record(&self) -> PathBuf {
        self.root().join("content/.import.toml")
    }
}

/// No page is empty or a part.
pub fn assert_pages_whole(site: &Site, when: &str) {
    for (name, text) in site.pages() {
        assert!(
            text.starts_with("+++\n"),
            "{when}: {name} is not a whole page"
        );
        assert!(text.ends_with('\n'), "{when}: {name} is cut short");
    }
}

/// No page is empty or a part, and no temporary file is left.
pub fn assert_whole(site: &Site, when: &str) {
    assert_pages_whole(site, when);
    for name in site.files().keys() {
        assert!(!name.contains(".new-"), "{when}: debris {name} left");
    }
}

/// Run `args` on a fresh copy of `template` with a kill at every write and
/// every rename it makes, in turn, and `check` the site after each kill.
pub fn at_every_kill(template: &Site, args: &[&str], check: impl Fn(&Site, &str)) -> usize {
    let mut kills = 0;
    for op in ["write", "rename"] {
        for k in 1..=40 {
            let site = template.copy();
            let fault = format!("{op}:{k}");
            let out = site.run(args, Some(&fault));
            if out.status.success() {
                break;
            }
            assert!(
                out.status.code().is_none(),
                "{fault}: failed instead of being killed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            kills += 1;
            check(&site, &fault);
        }
    }
    kills
}
