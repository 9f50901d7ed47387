//! Writing `public/` safely: the whole site is written to a staging folder
//! beside the output and swapped in only when every file is there, so a
//! failed build leaves the previous site as it was (Zola wipes it first, #574).
//!
//! A marker file proves a folder was made by this tool; without it the tool
//! refuses to replace or delete the folder.

pub mod atomic;
pub mod lock;

use crate::error::{Error, Result};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Present in every output folder this tool made. It doubles as the manifest:
/// the content hash of every file written, for incremental rebuilds.
pub const MARKER: &str = ".bilateral-digest";
const MANIFEST: &str = MARKER;

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
}

/// The manifest's digest of a file: it only has to tell whether a file's
/// bytes changed since the last build (not to resist forgery), over 170 MB
/// at 10,000 articles, so a fast 128-bit hash.
fn hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
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
    let path = stamp_path(out);
    fs::write(&path, format!("{fingerprint}\n")).map_err(|e| Error::io(&path, e))
}

/// Where the build cache of `out` is kept (see `cache.rs`): beside the
/// output, like the stamp, so that it is never deployed.
pub fn cache_path(out: &Path) -> PathBuf {
    beside(out, "cache")
}

/// `.<name>.<what>` next to the output folder `<name>`.
fn beside(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.{what}"))
}

/// A digest of the manifest of `out`: which files, with which bytes, the
/// last build left there. None when there is no finished output.
pub fn manifest_digest(out: &Path) -> Option<String> {
    let text = fs::read(out.join(MANIFEST)).ok()?;
    Some(hash(&text))
}

/// Whether every file the manifest lists is still in `out` (someone may
/// have deleted one by hand).
pub fn manifest_complete(out: &Path) -> bool {
    let Ok(text) = fs::read_to_string(out.join(MANIFEST)) else {
        return false;
    };
    let paths: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_once("  ").map(|(_, p)| p))
        .collect();
    paths.par_iter().all(|p| out.join(p).is_file())
}

/// Bring a finished output up to date by replacing a few files, each by an
/// atomic rename from a temporary file beside it; files whose bytes did not
/// change are not touched (their modification time stays). For a rebuild
/// that rendered only what changed: everything was rendered before this is
/// called, so a failed build never gets here, and at any moment each file
/// is either its old or its new version. The manifest goes last, so an
/// interrupted update is seen as an unfinished build (the stamp is removed
/// first by the caller) and the next build is a full one.
pub fn update_in_place(out: &Path, files: Vec<OutputFile>) -> Result<WriteReport> {
    let mut manifest = read_manifest(out);
    let mut report = WriteReport::default();
    check_paths(&files)?;
    for f in files {
        let h = hash(&f.bytes);
        let target = out.join(&f.path);
        if manifest.get(&f.path) == Some(&h) && target.is_file() {
            report.unchanged += 1;
            continue;
        }
        if let Some(d) = target.parent() {
            fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
        }
        let tmp = target.with_file_name(format!(
            ".{}.new-{}",
            target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        fs::write(&tmp, &f.bytes).map_err(|e| Error::io(&tmp, e))?;
        if let Err(e) = fs::rename(&tmp, &target) {
            let _ = fs::remove_file(&tmp);
            return Err(Error::io(&target, e));
        }
        manifest.insert(f.path, h);
        report.written += 1;
    }
    let path = out.join(MANIFEST);
    let tmp = out.join(format!("{MANIFEST}.new-{}", std::process::id()));
    fs::write(&tmp, manifest_text(&manifest)).map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
    report.unchanged = manifest.len() - report.written;
    Ok(report)
}

/// How many files the last build wrote into `out`.
pub fn manifest_len(out: &Path) -> usize {
    fs::read_to_string(out.join(MANIFEST))
        .map(|t| t.lines().filter(|l| l.contains("  ")).count())
        .unwrap_or(0)
}

fn manifest_text(files: &BTreeMap<String, String>) -> String {
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
    out: PathBuf,
    parent: PathBuf,
    name: String,
    dir: PathBuf,
    exists: bool,
    previous: BTreeMap<String, String>,
    staged: Mutex<Staged>,
    finished: bool,
}

impl Staging {
    /// Check that `out` may be replaced and create an empty staging folder.
    pub fn begin(out: &Path) -> Result<Staging> {
        let exists = check_replaceable(out)?;
        let previous = if exists {
            read_manifest(out)
        } else {
            BTreeMap::new()
        };
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
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let staging = Staging {
            out: out.to_path_buf(),
            parent,
            name,
            dir,
            exists,
            previous,
            staged: Mutex::new(Staged::default()),
            finished: false,
        };
        // The marker first, so that even a half-written staging folder is ours.
        fs::write(staging.dir.join(MARKER), "").map_err(|e| Error::io(&staging.dir, e))?;
        Ok(staging)
    }

    /// Put one file into the staging folder. Callable from many threads.
    ///
    /// A file whose bytes are unchanged since the last build keeps its
    /// modification time: it is hard-linked from the previous output, or
    /// copied where links are not possible, so deploy tools upload only what
    /// changed.
    pub fn put(&self, file: OutputFile) -> Result<()> {
        check_relative(&file.path)?;
        let h = hash(&file.bytes);
        let reusable = self.previous.get(&file.path) == Some(&h);
        {
            let mut staged = self.lock();
            if staged.hashes.contains_key(&file.path) {
                return Err(Error::Refused(format!(
                    "two pages want the same output file `{}`: rename one of them",
                    file.path
                )));
            }
            staged.hashes.insert(file.path.clone(), h);
        }
        let target = self.dir.join(&file.path);
        if let Some(d) = target.parent() {
            fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
        }
        let reused = reusable && {
            let old = self.out.join(&file.path);
            fs::hard_link(&old, &target).is_ok()
                || (fs::copy(&old, &target).is_ok() && {
                    // A copy gets a new mtime; keep the old one.
                    let keep = fs::metadata(&old).and_then(|m| m.modified());
                    if let Ok(t) = keep
                        && let Ok(f) = fs::File::options().write(true).open(&target)
                    {
                        let _ = f.set_modified(t);
                    }
                    true
                })
        };
        if !reused {
            fs::write(&target, &file.bytes).map_err(|e| Error::io(&target, e))?;
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

    /// Write the manifest and swap the staging folder in as `out`. When the
    /// files and their bytes are exactly those of the last build, `out` is
    /// not touched at all.
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
                written: 0,
                unchanged: hashes.len(),
                removed: 0,
                untouched: true,
            });
        }
        fs::write(self.dir.join(MANIFEST), manifest_text(hashes))
            .map_err(|e| Error::io(&self.dir, e))?;
        let removed = self
            .previous
            .keys()
            .filter(|p| !hashes.contains_key(p.as_str()))
            .count();

        // Swap: the old site moves aside, the new one takes its place, the old is
        // removed. Between the two renames `out` is briefly missing, never partial.
        let out = &self.out;
        if self.exists {
            let old = self
                .parent
                .join(format!(".{}.old-{}", self.name, std::process::id()));
            fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
            if let Err(e) = fs::rename(&self.dir, out) {
                let _ = fs::rename(&old, out);
                return Err(Error::io(out, e));
            }
            self.finished = true;
            if old.join(MARKER).is_file() {
                fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
            } else {
                // It was an empty folder the user made: only ever remove it if still empty.
                let _ = fs::remove_dir(&old);
            }
        } else {
            fs::rename(&self.dir, out).map_err(|e| Error::io(out, e))?;
            self.finished = true;
        }
        Ok(WriteReport {
            written: staged.written,
            unchanged: staged.unchanged,
            removed,
            untouched: false,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Every path must be a plain relative one, and no two files may share one.
fn check_paths(files: &[OutputFile]) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for f in files {
        check_relative(&f.path)?;
        if !seen.insert(f.path.as_str()) {
            return Err(Error::Refused(format!(
                "two pages want the same output file `{}`: rename one of them",
                f.path
            )));
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

    #[test]
    fn staging_streams_from_threads_and_keeps_unchanged_files() {
        let d = tmp("stream");
        let out = d.join("public");
        let files: Vec<OutputFile> = (0..50)
            .map(|i| OutputFile::new(format!("p/{i}/index.html"), format!("page {i}")))
            .collect();
        let staging = Staging::begin(&out).unwrap();
        files
            .clone()
            .into_par_iter()
            .try_for_each(|f| staging.put(f))
            .unwrap();
        assert!(!out.exists(), "output appears only on finish");
        let r = staging.finish().unwrap();
        assert_eq!((r.written, r.unchanged, r.untouched), (50, 0, false));
        assert_eq!(manifest_len(&out), 50);
        assert_eq!(
            fs::read_to_string(out.join("p/7/index.html")).unwrap(),
            "page 7"
        );

        // Same files again: the output is not touched and no staging is left.
        let staging = Staging::begin(&out).unwrap();
        for f in files.iter().cloned() {
            staging.put(f).unwrap();
        }
        assert!(staging.finish().unwrap().untouched);

        // One change: the other files are reused (hard-linked, same inode).
        #[cfg(unix)]
        let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&fs::metadata(p).unwrap());
        #[cfg(unix)]
        let before = inode(&out.join("p/1/index.html"));
        let staging = Staging::begin(&out).unwrap();
        for mut f in files.iter().cloned() {
            if f.path == "p/0/index.html" {
                f.bytes = b"new".to_vec();
            }
            staging.put(f).unwrap();
        }
        let r = staging.finish().unwrap();
        assert_eq!((r.written, r.unchanged, r.removed), (1, 49, 0));
        assert_eq!(
            fs::read_to_string(out.join("p/0/index.html")).unwrap(),
            "new"
        );
        #[cfg(unix)]
        assert_eq!(inode(&out.join("p/1/index.html")), before);
        let leftovers: Vec<_> = fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n != "public")
            .collect();
        assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn staging_error_leaves_previous_output_intact() {
        let d = tmp("abort");
        let out = d.join("public");
        write_site(&out, vec![OutputFile::new("index.html", "old")]).unwrap();

        let staging = Staging::begin(&out).unwrap();
        staging.put(OutputFile::new("index.html", "new")).unwrap();
        let err = staging
            .put(OutputFile::new("index.html", "other"))
            .unwrap_err();
        assert!(err.to_string().contains("same output file `index.html`"));
        assert!(staging.put(OutputFile::new("../x", "x")).is_err());
        assert!(staging.put(OutputFile::new(MARKER, "x")).is_err());
        drop(staging);

        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(
            fs::read_dir(&d).unwrap().count(),
            1,
            "the staging folder is removed"
        );
        assert!(
            write_site(
                &out,
                vec![OutputFile::new("a", "1"), OutputFile::new("a", "2")]
            )
            .is_err()
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn staging_refuses_a_folder_it_did_not_make() {
        let d = tmp("refuse-staging");
        let out = d.join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("precious.txt"), "mine").unwrap();
        assert!(Staging::begin(&out).is_err());
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1);
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn update_in_place_replaces_only_changed_files() {
        let d = tmp("inplace");
        let out = d.join("public");
        write_site(
            &out,
            vec![
                OutputFile::new("index.html", "home"),
                OutputFile::new("a/index.html", "a"),
            ],
        )
        .unwrap();
        let before = manifest_digest(&out).unwrap();
        let home_time = fs::metadata(out.join("index.html"))
            .unwrap()
            .modified()
            .unwrap();
        let r = update_in_place(
            &out,
            vec![
                OutputFile::new("index.html", "home"),
                OutputFile::new("a/index.html", "a2"),
            ],
        )
        .unwrap();
        assert_eq!((r.written, r.unchanged), (1, 1));
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "a2");
        assert_eq!(
            fs::metadata(out.join("index.html"))
                .unwrap()
                .modified()
                .unwrap(),
            home_time
        );
        assert_ne!(manifest_digest(&out).unwrap(), before);
        assert!(manifest_complete(&out));
        // No temporary file is left behind.
        let names: Vec<String> = fs::read_dir(out.join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["index.html"]);
        assert!(update_in_place(&out, vec![OutputFile::new("../x", "no")]).is_err());
        fs::remove_file(out.join("a/index.html")).unwrap();
        assert!(!manifest_complete(&out));
        fs::remove_dir_all(&d).unwrap();
    }
}
