//! What a killed run leaves, and putting it right before anything else is
//! done: an update journal is finished or rolled back, an output left under
//! its `old` name by an interrupted swap is put back, and staging folders,
//! `old` folders and temporary files of dead runs are removed.
//!
//! Only names this tool makes, with the id of a process that is no longer
//! running, are ever removed: `.public.staging-PID`, `.public.old-PID`,
//! `..public.stamp.new-PID*`, `.public.cache/*.new-PID*` and
//! `public/**/.x.new-PID*` beside a file `x` the manifest lists.

use super::atomic::TEMP_INFIX;
use super::{MARKER, journal, manifest, out_name, out_parent, staging, stamp_path};
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// `.public.staging-PID`: a full build's new site.
pub(super) const STAGING: &str = ".staging-";
/// `.public.old-PID`: the old site, between the two renames of a swap.
pub(super) const OLD: &str = ".old-";

/// The process id in a temporary file's name (`.x.new-PID` or
/// `.x.new-PID-suffix`, see `atomic`), or None for any other name.
pub(super) fn temp_pid(name: &str) -> Option<u32> {
    let at = name.rfind(TEMP_INFIX)?;
    let rest = &name[at + TEMP_INFIX.len()..];
    let digits = rest.split('-').next()?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || at == 0 {
        return None;
    }
    digits.parse().ok()
}

/// Whether `name` in the output folder `dir` (relative, `/`) is the
/// temporary of a file the manifest `listed` names, or of the manifest.
pub(super) fn is_temp_of_listed(dir: &str, name: &str, listed: &BTreeMap<String, String>) -> bool {
    let (Some(_), Some(at)) = (temp_pid(name), name.rfind(TEMP_INFIX)) else {
        return false;
    };
    // Older versions named the manifest's temporary `.bilateral-digest.new-PID`.
    if dir.is_empty() && &name[..at] == MARKER {
        return true;
    }
    let Some(target) = name[..at].strip_prefix('.') else {
        return false;
    };
    if dir.is_empty() {
        target == MARKER || listed.contains_key(target)
    } else {
        listed.contains_key(&format!("{dir}/{target}"))
    }
}

/// `.<name><kind>PID` → PID.
fn folder_pid(file: &str, name: &str, kind: &str) -> Option<u32> {
    let digits = file
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix(kind)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether the process `pid` may still be running. This process is not
/// (what has its id was left by an earlier process of the same id). On
/// Linux `/proc/PID`, and everywhere on Unix `kill(pid, 0)`, which also
/// answers where `/proc` is not mounted; EPERM means it runs as another user.
pub(super) fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    #[cfg(target_os = "linux")]
    if Path::new("/proc").join(pid.to_string()).exists() {
        return true;
    }
    #[cfg(unix)]
    {
        let Some(p) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        !matches!(
            rustix::process::test_kill_process(p),
            Err(rustix::io::Errno::SRCH)
        )
    }
    #[cfg(not(unix))]
    {
        // No cheap way to tell: leave everything.
        true
    }
}

/// Put right what dead runs left beside and in `out` (see the module doc).
/// Called first by every build.
pub fn recover(out: &Path) -> Result<()> {
    let cache = super::cache_path(out);
    journal::recover(out, &cache)?;
    let target = staging::resolve(out)?;
    folders(&target)?;
    if cache.is_dir() {
        remove_temps(&cache)?;
    }
    // A stray temporary can only be in the output when a run died in it,
    // and every run removes the stamp before it touches the output: so the
    // output is searched only when there is no stamp.
    if target.join(MARKER).is_file() && !stamp_path(out).exists() {
        output_temps(&target)?;
    }
    Ok(())
}

/// Temporaries of dead runs beside the files the manifest lists: only the
/// folders that hold such files are read.
fn output_temps(out: &Path) -> Result<()> {
    let listed = manifest::read(out);
    let mut folders: BTreeSet<&str> = BTreeSet::from([""]);
    folders.extend(
        listed
            .keys()
            .filter_map(|p| p.rsplit_once('/').map(|(d, _)| d)),
    );
    for d in folders {
        let Ok(entries) = fs::read_dir(out.join(d)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if is_temp_of_listed(d, &name, &listed)
                && temp_pid(&name).is_some_and(|p| !alive(p))
                && entry.file_type().is_ok_and(|t| t.is_file())
            {
                let p = entry.path();
                fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
            }
        }
    }
    Ok(())
}

/// Staging and old folders of dead runs beside the output.
fn folders(out: &Path) -> Result<()> {
    let parent = out_parent(out);
    let name = out_name(out);
    let Ok(entries) = fs::read_dir(&parent) else {
        return Ok(());
    };
    let mut found: Vec<(std::path::PathBuf, bool)> = Vec::new();
    // The temporaries of the files kept beside the output (the stamp's).
    let beside = format!("..{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if file.starts_with(&beside)
            && temp_pid(&file).is_some_and(|p| !alive(p))
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let p = entry.path();
            fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
            continue;
        }
        let (pid, is_old) = match (
            folder_pid(&file, &name, STAGING),
            folder_pid(&file, &name, OLD),
        ) {
            (Some(p), _) => (p, false),
            (_, Some(p)) => (p, true),
            _ => continue,
        };
        if !alive(pid) && entry.file_type().is_ok_and(|t| t.is_dir()) {
            found.push((entry.path(), is_old));
        }
    }
    // Old folders first: one may have to become the output again.
    found.sort_by_key(|(_, is_old)| !is_old);
    for (dir, is_old) in found {
        if is_old && !out.exists() {
            // Killed between the two renames of a swap: the old site goes back.
            super::atomic::rename(&dir, out)?;
        } else {
            // With or without its marker: a run killed while removing an old
            // site may have removed the marker first.
            fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
    }
    Ok(())
}

/// Remove temporary files of dead runs in the cache folder `dir`.
fn remove_temps(dir: &Path) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let name = entry.file_name();
        if kind.is_file() && temp_pid(&name.to_string_lossy()).is_some_and(|p| !alive(p)) {
            let p = entry.path();
            fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_temporaries_and_folders() {
        assert_eq!(temp_pid(".index.html.new-123"), Some(123));
        assert_eq!(temp_pid(".index.html.new-123-AbC"), Some(123));
        assert_eq!(temp_pid("search.new-77"), Some(77));
        assert_eq!(temp_pid("index.html"), None);
        assert_eq!(temp_pid(".x.new-"), None);
        assert_eq!(temp_pid(".x.new-12a"), None);
        assert_eq!(
            folder_pid(".public.staging-42", "public", STAGING),
            Some(42)
        );
        assert_eq!(folder_pid(".public.old-42", "public", OLD), Some(42));
        assert_eq!(folder_pid(".www.old-42", "public", OLD), None);
        assert_eq!(folder_pid(".public.old-", "public", OLD), None);
        let listed = BTreeMap::from([("a/index.html".to_string(), String::new())]);
        assert!(is_temp_of_listed("a", ".index.html.new-5", &listed));
        assert!(is_temp_of_listed(
            "",
            "..bilateral-digest.new-5-xY",
            &listed
        ));
        assert!(is_temp_of_listed("", ".bilateral-digest.new-5", &listed));
        assert!(!is_temp_of_listed("a", ".notes.txt.new-5", &listed));
        assert!(!is_temp_of_listed("", ".index.html.new-5", &listed));
        assert!(!is_temp_of_listed("a", "index.html", &listed));
    }

    #[test]
    fn removes_only_debris_of_dead_runs_and_puts_back_a_lost_output() {
        let d = super::super::test_dir("debris");
        let out = d.join("public");
        // A pid that no process has (beyond the kernel's limit).
        let dead = 4_194_400u32;
        // Process 1 runs in every process namespace.
        let live = 1;
        let old = d.join(format!(".public.old-{dead}"));
        fs::create_dir_all(old.join("a")).unwrap();
        fs::write(old.join(MARKER), "").unwrap();
        fs::write(old.join("a/.index.html.new-5"), "x").unwrap();
        let staging = d.join(format!(".public.staging-{dead}"));
        fs::create_dir_all(&staging).unwrap();
        fs::write(staging.join(MARKER), "").unwrap();
        // Half removed by a killed run: the marker already gone.
        let half = d.join(format!(".public.staging-{}", dead + 1));
        fs::create_dir_all(half.join("articles")).unwrap();
        let other = d.join(format!(".public.staging-{live}"));
        fs::create_dir_all(&other).unwrap();
        let cache = d.join(".public.cache");
        fs::create_dir_all(&cache).unwrap();
        fs::write(cache.join(format!("search.new-{dead}")), "x").unwrap();
        fs::write(cache.join("search.txt"), "keep").unwrap();
        fs::write(d.join("notes.new-1.txt"), "not ours").unwrap();

        recover(&out).unwrap();
        assert!(
            out.join(MARKER).is_file(),
            "the old site is the output again"
        );
        assert!(!old.exists() && !staging.exists() && !half.exists());
        assert!(other.exists(), "a live run's staging folder is left alone");
        assert!(!cache.join(format!("search.new-{dead}")).exists());
        assert!(cache.join("search.txt").exists());
        assert!(d.join("notes.new-1.txt").exists());
        fs::remove_dir_all(&d).unwrap();
    }
}
