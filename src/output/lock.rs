//! One run at a time per site: `import` and `build` hold an advisory lock on
//! `.bilateral-digest.lock` in the site root while they read and write the
//! site, so two runs on one site take turns instead of interleaving their
//! writes (two imports racing on `content/.import.toml` would each keep only
//! its own half of the record).
//!
//! Guarantees:
//! - The lock is the system's (`flock` on Unix, `LockFileEx` on Windows,
//!   through `std::fs::File::try_lock`): it dies with its process, so a killed
//!   run never leaves a stale lock behind, and the lock file itself is never
//!   removed (removing it would let a waiting run lock a file no one else
//!   sees).
//! - A second run waits a bounded time ([`WAIT_ENV`], default
//!   [`DEFAULT_WAIT_SECS`] seconds), then refuses with a message naming the
//!   lock file.
//! - Re-entrant on one thread: `build` holds the lock and calls `import`,
//!   which asks for it again; the inner [`acquire`] returns a guard that does
//!   nothing instead of waiting on itself forever. Other threads of the same
//!   process wait like other processes do.

use crate::error::{Error, Result};
use std::cell::RefCell;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file, in the site root.
pub const LOCK_FILE: &str = ".bilateral-digest.lock";
/// Environment variable: how many seconds a run waits for another run on the
/// same site before it refuses (`0`: refuse at once).
pub const WAIT_ENV: &str = "BILATERAL_DIGEST_LOCK_WAIT";
pub const DEFAULT_WAIT_SECS: u64 = 60;
const POLL: Duration = Duration::from_millis(50);

thread_local! {
    /// Site roots (canonical) whose lock this thread holds.
    static HELD: RefCell<Vec<PathBuf>> = const { RefCell::new(Vec::new()) };
}

/// The held lock; dropping it releases the lock (an inner, re-entrant guard
/// releases nothing).
#[derive(Debug)]
pub struct Lock {
    /// `None` for a re-entrant guard.
    file: Option<File>,
    root: PathBuf,
}

impl Lock {
    /// Whether this guard took the lock (false when an outer guard on the
    /// same thread holds it).
    pub fn is_outer(&self) -> bool {
        self.file.is_some()
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            HELD.with(|h| h.borrow_mut().retain(|r| r != &self.root));
            let _ = file.unlock();
        }
    }
}

fn wait_limit() -> Duration {
    let secs = std::env::var(WAIT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(DEFAULT_WAIT_SECS);
    Duration::from_secs(secs)
}

/// Take the site's lock, waiting up to the limit for another run to finish.
pub fn acquire(root: &Path) -> Result<Lock> {
    acquire_within(root, wait_limit())
}

/// [`acquire`] with an explicit wait limit.
pub fn acquire_within(root: &Path, wait: Duration) -> Result<Lock> {
    let canonical = root.canonicalize().map_err(|e| Error::io(root, e))?;
    if HELD.with(|h| h.borrow().contains(&canonical)) {
        return Ok(Lock {
            file: None,
            root: canonical,
        });
    }
    let path = canonical.join(LOCK_FILE);
    // The one file not written through `atomic`: it holds no data, and
    // replacing it by rename would give each run its own lock.
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) if start.elapsed() < wait => std::thread::sleep(POLL),
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Refused(format!(
                    "another bilateral-digest run is using this site (it holds {}); waited {} s. \
                     Run again when it has finished, or set {WAIT_ENV}=SECONDS to wait longer. \
                     The lock ends with its process, so there is nothing to delete.",
                    path.display(),
                    wait.as_secs()
                )));
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
    }
    HELD.with(|h| h.borrow_mut().push(canonical.clone()));
    Ok(Lock {
        file: Some(file),
        root: canonical,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reentrant_on_one_thread_exclusive_across_threads() {
        let d = tempfile::tempdir().unwrap();
        let outer = acquire_within(d.path(), Duration::ZERO).unwrap();
        assert!(outer.is_outer());
        let inner = acquire_within(d.path(), Duration::ZERO).unwrap();
        assert!(!inner.is_outer());
        drop(inner);
        // Still held by `outer`: another thread is refused at once.
        let root = d.path().to_path_buf();
        let err = std::thread::spawn(move || acquire_within(&root, Duration::ZERO).unwrap_err())
            .join()
            .unwrap()
            .to_string();
        assert!(err.contains(LOCK_FILE), "{err}");
        assert!(err.contains(WAIT_ENV), "{err}");
        drop(outer);
        let root = d.path().to_path_buf();
        let again =
            std::thread::spawn(move || acquire_within(&root, Duration::ZERO).map(|l| l.is_outer()))
                .join()
                .unwrap()
                .unwrap();
        assert!(again);
        assert!(d.path().join(LOCK_FILE).exists());
    }
}
