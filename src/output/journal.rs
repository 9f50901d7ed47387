//! A body-only rebuild replaces a few files of a finished output in place.
//! A folder swap would cost more than the rebuild (every file linked anew),
//! so the files are replaced one by one, under a journal in the build cache
//! (`.public.cache/update.journal`) that makes the update whole:
//!
//! 1. the journal is written `prepared`, naming every file to replace;
//! 2. each new file is written beside its old one as `.x.new-PID`, and all
//!    of them (the manifest's too) are synced;
//! 3. the journal is rewritten `committed`: from here the update happens;
//! 4. the files are renamed into place, the manifest last;
//! 5. the journal is removed.
//!
//! The next run after a kill finishes a committed update (every new file is
//! whole on disk) or rolls back a prepared one (removing the temporaries it
//! names), so nothing but whole old or whole new files ever stays, and no
//! temporary file is left in the output. The caller removes the stamp before
//! step 1, so until step 5 the output never passes for up to date.

use super::{MARKER, OutputFile, WriteReport, atomic, check_paths, hash, manifest, remove_stamp};
use crate::error::{Error, Result};
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

const JOURNAL: &str = "update.journal";
const HEADER: &str = "bilateral-digest update journal";

/// Bring a finished output up to date by replacing a few files (see the
/// module doc); files whose bytes did not change are not touched (their
/// modification time stays). Everything was rendered before this is
/// called, so a failed build never gets here.
pub fn update_in_place(out: &Path, files: Vec<OutputFile>) -> Result<WriteReport> {
    check_paths(&files)?;
    let mut manifest = manifest::read(out);
    let changed: Vec<(OutputFile, String)> = files
        .into_iter()
        .map(|f| {
            let h = hash(&f.bytes);
            (f, h)
        })
        .filter(|(f, h)| manifest.get(&f.path) != Some(h) || !out.join(&f.path).is_file())
        .collect();
    if changed.is_empty() {
        return Ok(WriteReport {
            unchanged: manifest.len(),
            ..WriteReport::default()
        });
    }
    for (f, h) in &changed {
        manifest.insert(f.path.clone(), h.clone());
    }
    let mut paths: Vec<&str> = changed.iter().map(|(f, _)| f.path.as_str()).collect();
    paths.push(MARKER);
    let manifest_text = manifest::text(&manifest);
    let mut contents: Vec<&[u8]> = changed.iter().map(|(f, _)| f.bytes.as_slice()).collect();
    contents.push(manifest_text.as_bytes());

    let cache = super::cache_path(out);
    fs::create_dir_all(&cache).map_err(|e| Error::io(&cache, e))?;
    let journal = cache.join(JOURNAL);
    let pid = std::process::id();
    atomic::write(&journal, journal_text(pid, "prepared", &paths).as_bytes())?;
    let written = (|| {
        for (path, bytes) in paths.iter().zip(&contents) {
            let tmp = temp_of(out, path, pid);
            if let Some(d) = tmp.parent() {
                fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
            }
            atomic::write_unpublished(&tmp, bytes)?;
        }
        paths
            .par_iter()
            .try_for_each(|p| atomic::sync_file(&temp_of(out, p, pid)))?;
        atomic::write(&journal, journal_text(pid, "committed", &paths).as_bytes())
    })();
    if let Err(e) = written {
        roll_back(out, &journal, pid, &paths);
        return Err(e);
    }
    // Committed: an error from here on leaves the journal for the next run
    // to finish the update.
    // The pages side by side (each rename waits for its folder's sync), the
    // manifest last.
    let (manifest_path, pages) = paths.split_last().expect("the manifest is listed");
    pages
        .par_iter()
        .try_for_each(|p| atomic::rename(&temp_of(out, p, pid), &out.join(p)))?;
    atomic::rename(&temp_of(out, manifest_path, pid), &out.join(manifest_path))?;
    fs::remove_file(&journal).map_err(|e| Error::io(&journal, e))?;
    let _ = atomic::sync_file(&cache);
    Ok(WriteReport {
        written: changed.len(),
        unchanged: manifest.len() - changed.len(),
        ..WriteReport::default()
    })
}

/// `dir/.name.new-PID` for `dir/name` in `out`.
fn temp_of(out: &Path, path: &str, pid: u32) -> PathBuf {
    let target = out.join(path);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}{}{pid}", atomic::TEMP_INFIX))
}

fn journal_text(pid: u32, state: &str, paths: &[&str]) -> String {
    let mut s = format!("{HEADER}\npid {pid}\nstate {state}\n");
    for p in paths {
        s.push_str("file ");
        s.push_str(p);
        s.push('\n');
    }
    s
}

fn roll_back(out: &Path, journal: &Path, pid: u32, paths: &[&str]) {
    for p in paths {
        let _ = fs::remove_file(temp_of(out, p, pid));
    }
    let _ = fs::remove_file(journal);
}

/// Finish or roll back the update a dead run left (see the module doc).
pub(super) fn recover(out: &Path, cache: &Path) -> Result<()> {
    let journal = cache.join(JOURNAL);
    let Ok(text) = fs::read_to_string(&journal) else {
        return Ok(());
    };
    let mut lines = text.lines();
    let pid = lines
        .nth(1)
        .and_then(|l| l.strip_prefix("pid "))
        .and_then(|p| p.parse::<u32>().ok());
    let committed = lines.next() == Some("state committed");
    let paths: Vec<&str> = lines.filter_map(|l| l.strip_prefix("file ")).collect();
    let Some(pid) = pid.filter(|_| text.starts_with(HEADER)) else {
        // Not a journal this tool wrote whole: nothing it names is trusted.
        remove_stamp(out);
        return fs::remove_file(&journal).map_err(|e| Error::io(&journal, e));
    };
    if super::debris::alive(pid) {
        return Ok(());
    }
    remove_stamp(out);
    if committed {
        for p in &paths {
            let tmp = temp_of(out, p, pid);
            if tmp.is_file() {
                atomic::rename(&tmp, &out.join(p))?;
            }
        }
        fs::remove_file(&journal).map_err(|e| Error::io(&journal, e))?;
    } else {
        roll_back(out, &journal, pid, &paths);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{manifest_complete, manifest_digest, test_dir, write_site};
    use super::*;

    fn site(d: &Path) -> PathBuf {
        let out = d.join("public");
        write_site(
            &out,
            vec![
                OutputFile::new("index.html", "home"),
                OutputFile::new("a/index.html", "a"),
                OutputFile::new("b/index.html", "b"),
            ],
        )
        .unwrap();
        out
    }

    #[test]
    fn update_in_place_replaces_only_changed_files() {
        let d = test_dir("inplace");
        let out = site(&d);
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
        assert_eq!((r.written, r.unchanged), (1, 2));
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "a2");
        let now = fs::metadata(out.join("index.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(now, home_time);
        assert_ne!(manifest_digest(&out).unwrap(), before);
        assert!(manifest_complete(&out));
        // No temporary file and no journal is left behind.
        let names: Vec<String> = fs::read_dir(out.join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["index.html"]);
        assert!(!d.join(".public.cache").join(JOURNAL).exists());
        assert!(update_in_place(&out, vec![OutputFile::new("../x", "no")]).is_err());
        fs::remove_file(out.join("a/index.html")).unwrap();
        assert!(!manifest_complete(&out));
        fs::remove_dir_all(&d).unwrap();
    }

    /// A dead run's journal, its temporaries written as in step 2.
    fn dead_run(out: &Path, state: &str) -> (u32, PathBuf) {
        let pid = 4_194_401;
        let paths = ["a/index.html", "b/index.html", MARKER];
        for p in &paths[..2] {
            fs::write(temp_of(out, p, pid), format!("{p} new")).unwrap();
        }
        let mut m = manifest::read(out);
        m.insert("a/index.html".into(), hash(b"a/index.html new"));
        m.insert("b/index.html".into(), hash(b"b/index.html new"));
        fs::write(temp_of(out, MARKER, pid), manifest::text(&m)).unwrap();
        let cache = super::super::cache_path(out);
        fs::create_dir_all(&cache).unwrap();
        fs::write(cache.join(JOURNAL), journal_text(pid, state, &paths)).unwrap();
        (pid, cache)
    }

    #[test]
    fn a_committed_update_is_finished_and_a_prepared_one_rolled_back() {
        let d = test_dir("journal");
        let out = site(&d);
        // Killed after the first rename of a committed update.
        let (pid, cache) = dead_run(&out, "committed");
        fs::rename(temp_of(&out, "a/index.html", pid), out.join("a/index.html")).unwrap();
        fs::write(super::super::stamp_path(&out), "stale\n").unwrap();
        recover(&out, &cache).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("b/index.html")).unwrap(),
            "b/index.html new"
        );
        assert!(manifest_complete(&out));
        assert!(!cache.join(JOURNAL).exists());
        assert!(!super::super::stamp_path(&out).exists());
        assert!(!temp_of(&out, MARKER, pid).exists());

        let before = manifest_digest(&out);
        let (pid, cache) = dead_run(&out, "prepared");
        recover(&out, &cache).unwrap();
        assert_eq!(manifest_digest(&out), before, "the output is as it was");
        assert!(!temp_of(&out, "a/index.html", pid).exists());
        assert!(!temp_of(&out, MARKER, pid).exists());
        assert!(!cache.join(JOURNAL).exists());
        fs::remove_dir_all(&d).unwrap();
    }
}
