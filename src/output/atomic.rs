//! The one write layer: every file that import or build writes goes through
//! [`write`] (temporary file in the same folder, synced, renamed into place,
//! folder synced) or is moved with [`rename`], so that a kill or a full disk
//! at any point leaves either the whole old file or the whole new one.
//!
//! Debug builds honour a fault hook for tests: `BILATERAL_DIGEST_FAULT` set
//! to `write:K` or `rename:K` aborts the process (as a kill would: no
//! destructor runs, nothing is cleaned up) at the K-th write or rename of
//! the run, counted from 1. Release builds compile the hook away.

use crate::error::{Error, Result};
use std::fs;
use std::io::Write;
use std::path::Path;

/// The infix of every temporary name this tool makes: `.<name>.new-<pid>-…`.
/// Debris of a dead run is recognised by it and by the dead PID after it.
pub const TEMP_INFIX: &str = ".new-";

/// Write `bytes` to `path` atomically: readers see the old file or the new
/// one, never a part. The folder must exist.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}{TEMP_INFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    // A temporary file is made readable by its owner only; the file it
    // becomes keeps the mode of the one it replaces, or gets the mode a new
    // file gets (pages and the site must stay readable by a web server).
    if let Some(mode) = mode_for(path) {
        builder.permissions(mode);
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| Error::io(path, e))?;
    fault::at(fault::Op::Write);
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    fault::at(fault::Op::Rename);
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// The mode `path` should have once written: its own when it exists, else
/// read-write for its owner and readable by all, less what the umask takes
/// away (tempfile applies the umask when it creates the file).
#[cfg(unix)]
fn mode_for(path: &Path) -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(match fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => fs::Permissions::from_mode(0o666),
    })
}

#[cfg(not(unix))]
fn mode_for(_: &Path) -> Option<fs::Permissions> {
    None
}

/// Rename `from` to `to` (same file system), then sync the folder of `to`,
/// so that the rename itself survives a crash.
pub fn rename(from: &Path, to: &Path) -> Result<()> {
    fault::at(fault::Op::Rename);
    fs::rename(from, to).map_err(|e| Error::io(to, e))?;
    sync_dir(parent(to));
    Ok(())
}

/// Make a file's bytes durable before something else depends on them
/// (a `.bak` before its page is replaced).
pub fn sync_file(path: &Path) -> Result<()> {
    fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// Create a file that no reader looks at yet: one in a staging folder that a
/// later [`rename`] or [`exchange`] publishes whole, or the temporary of an
/// in-place update that its journal names. No temporary of its own and no
/// sync: [`sync_tree`] (or [`sync_file`]) makes such files durable all at once
/// before they are published, since a sync per file costs milliseconds each
/// and a site has tens of thousands of files.
pub fn write_unpublished(path: &Path, bytes: &[u8]) -> Result<()> {
    fault::at(fault::Op::Write);
    fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

/// Make everything written under `dir` durable before it is published. On
/// Linux one `syncfs` of its file system; elsewhere every file is synced.
pub fn sync_tree(dir: &Path) -> Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let d = fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
        rustix::fs::syncfs(&d).map_err(|e| Error::io(dir, e.into()))
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        use rayon::prelude::*;
        let files: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        files.par_iter().try_for_each(|p| sync_file(p))?;
        sync_dir(dir);
        Ok(())
    }
}

/// Exchange two folders (or files) in one step, so that both names exist at
/// every moment: `renameat2(RENAME_EXCHANGE)` on Linux, `renameatx_np
/// (RENAME_SWAP)` on macOS. `Ok(false)` when the system or file system
/// cannot, and nothing was changed: the caller then falls back to two renames.
pub fn exchange(a: &Path, b: &Path) -> Result<bool> {
    fault::at(fault::Op::Rename);
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => {
                sync_dir(parent(b));
                Ok(true)
            }
            Err(e)
                if [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP, Errno::NOTSUP].contains(&e) =>
            {
                Ok(false)
            }
            Err(e) => Err(Error::io(b, e.into())),
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Sync a folder so that the names in it are durable. Where the system
/// cannot open folders for syncing (Windows), renames are already durable
/// enough to rely on, so a failure here is not an error.
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The fault hook (debug builds only).
pub(crate) mod fault {
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub(crate) enum Op {
        Write,
        Rename,
    }

    #[cfg(debug_assertions)]
    pub(crate) fn at(op: Op) {
        use std::sync::OnceLock;
        use std::sync::atomic::{AtomicU64, Ordering};
        static PLAN: OnceLock<Option<(Op, u64)>> = OnceLock::new();
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let plan = PLAN.get_or_init(|| {
            let v = std::env::var("BILATERAL_DIGEST_FAULT").ok()?;
            let (what, k) = v.split_once(':')?;
            let op = match what {
                "write" => Op::Write,
                "rename" => Op::Rename,
                _ => return None,
            };
            Some((op, k.trim().parse().ok()?))
        });
        if let Some((want, k)) = *plan
            && want == op
            && COUNT.fetch_add(1, Ordering::SeqCst) + 1 == k
        {
            std::process::abort();
        }
    }

    #[cfg(not(debug_assertions))]
    #[inline(always)]
    pub(crate) fn at(_: Op) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_replaces_whole_and_leaves_no_temporary() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.txt");
        write(&p, b"old").unwrap();
        write(&p, b"new").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new");
        let names: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn written_files_are_readable_by_all_and_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("page.md");
        write(&p, b"one").unwrap();
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o044,
            0o044,
            "readable by group and others: {mode:o}"
        );
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        write(&p, b"two").unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn write_into_a_missing_folder_is_an_error_naming_the_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("no/such/a.txt");
        let e = write(&p, b"x").unwrap_err().to_string();
        assert!(e.contains("a.txt"), "{e}");
    }
}
