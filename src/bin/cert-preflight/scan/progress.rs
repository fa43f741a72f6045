//! The progress line of a long scan: on stderr, only when stderr is a terminal, drawn at most
//! ten times a second and only once the scan has run for half a second (short runs never see
//! it). It is erased before anything else is written to the terminal and at the end.
//!
//! Why not `indicatif`: the line is one counter redrawn in place, and the scan writes each
//! file's block to stdout between redraws from its own ordered writer; indicatif would add a
//! dependency tree (0.17: console, unicode-width, portable-atomic, number_prefix) to the CLI for
//! these 60 lines, and its own draw thread would have to be suspended around every block.

use std::io::{IsTerminal as _, Write as _};
use std::time::{Duration, Instant};

/// Runs shorter than this never draw the line.
const DELAY: Duration = Duration::from_millis(500);
/// Redraws at most this often.
const INTERVAL: Duration = Duration::from_millis(100);

/// The state of the progress line.
pub(crate) struct Progress {
    enabled: bool,
    started: Instant,
    last_draw: Option<Instant>,
    shown: bool,
}

impl Progress {
    /// A progress line if stderr is a terminal, else one that never draws.
    pub(crate) fn new() -> Self {
        Progress {
            enabled: std::io::stderr().is_terminal(),
            started: Instant::now(),
            last_draw: None,
            shown: false,
        }
    }

    /// Redraws the line with `done` files checked and `problems` with errors, if it is time.
    pub(crate) fn tick(&mut self, done: usize, problems: usize) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.started) < DELAY
            || self
                .last_draw
                .is_some_and(|t| now.duration_since(t) < INTERVAL)
        {
            return;
        }
        self.last_draw = Some(now);
        let secs = now.duration_since(self.started).as_secs_f64();
        let rate = f64::from(u32::try_from(done).unwrap_or(u32::MAX)) / secs.max(0.001);
        let line = format!(
            "\r\x1b[2Kscanning: {done} files checked, {problems} with errors ({rate:.0} files/s)"
        );
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(line.as_bytes());
        let _ = err.flush();
        self.shown = true;
    }

    /// Erases the line (before other output, and at the end).
    pub(crate) fn clear(&mut self) {
        if self.shown {
            let _ = std::io::stderr().lock().write_all(b"\r\x1b[2K");
            self.shown = false;
        }
    }
}
