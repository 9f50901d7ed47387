//! The terminal's one-line progress display for long builds and imports, on stderr.
//!
//! Shown only when stderr is a terminal (never in logs, pipes or CI), only
//! once the work has taken half a second (a small site builds in less and
//! should print nothing but its summary), and erased when the work is done,
//! so that the one-line summary stands alone.

use crate::types::Progress;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long work runs before the display appears.
const DELAY: Duration = Duration::from_millis(500);
const TICK: Duration = Duration::from_millis(100);

#[derive(Default)]
struct State {
    label: Mutex<&'static str>,
    done: AtomicUsize,
    total: AtomicUsize,
    stop: AtomicBool,
}

/// Counts finished items of the current phase; cheap to call from many threads.
pub struct Terminal {
    state: Arc<State>,
    painter: Option<JoinHandle<()>>,
}

impl Terminal {
    /// A display on stderr when it is a terminal, else one that counts silently.
    pub fn on_stderr() -> Terminal {
        Terminal::new(std::io::stderr().is_terminal())
    }

    pub fn new(visible: bool) -> Terminal {
        let state = Arc::new(State::default());
        let painter = visible.then(|| {
            let state = Arc::clone(&state);
            std::thread::spawn(move || paint(&state))
        });
        Terminal { state, painter }
    }

    #[cfg(test)]
    fn done(&self) -> usize {
        self.state.done.load(Ordering::Relaxed)
    }
}

impl Progress for Terminal {
    fn phase(&self, label: &'static str, total: usize) {
        *self.state.label.lock().unwrap_or_else(|e| e.into_inner()) = label;
        self.state.done.store(0, Ordering::Relaxed);
        self.state.total.store(total, Ordering::Relaxed);
    }

    fn tick(&self) {
        self.state.done.fetch_add(1, Ordering::Relaxed);
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::Relaxed);
        if let Some(p) = self.painter.take() {
            let _ = p.join();
        }
    }
}

fn paint(state: &State) {
    let start = Instant::now();
    let mut shown = false;
    let mut err = std::io::stderr();
    while !state.stop.load(Ordering::Relaxed) {
        std::thread::sleep(TICK);
        if start.elapsed() < DELAY {
            continue;
        }
        let label = *state.label.lock().unwrap_or_else(|e| e.into_inner());
        let done = state.done.load(Ordering::Relaxed);
        let line = match state.total.load(Ordering::Relaxed) {
            0 => format!("{label} {done}"),
            total => format!(
                "{label} {done}/{total} ({}%)",
                done.min(total) * 100 / total
            ),
        };
        // `\r` and erase-line: the line is redrawn in place.
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
        shown = true;
    }
    if shown {
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_phase_from_many_threads() {
        let p = Terminal::new(false);
        p.phase("loading", 100);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..25 {
                        p.tick();
                    }
                });
            }
        });
        assert_eq!(p.done(), 100);
        p.phase("rendering", 0);
        assert_eq!(p.done(), 0);
    }
}
