//! `cert-preflight scan`: many certificate files in one run, for pipelines and servers.
//!
//! Files are found one at a time (`discover`), checked on every core (`pool`, `check`), and
//! written in the order they were found as soon as each is done: memory does not grow with
//! the number of files (only the expiry sweep keeps its matches, to sort them).
//!
//! Exit status: 2 if any input could not be read (each is named on stderr), else 1 if any
//! file has an error (with `--expiring-within`: if any certificate is listed), else 0.

mod check;
mod discover;
mod pool;
mod progress;

use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, IsTerminal as _, Write};

use crate::args::ScanArgs;
use crate::input::{self, is_stdin, CliError};
use crate::output::{self, ScanFormat, ScanRender, SweepEntry, Totals};
use crate::password::Prompt;

use check::{Outcome, Settings};
use discover::Selection;
use progress::Progress;

/// Runs `scan` and returns its exit status.
pub(crate) fn run_scan(args: &ScanArgs, format: ScanFormat) -> Result<u8, CliError> {
    if args.paths.iter().filter(|p| is_stdin(p)).count() > 1 {
        return Err(CliError::new("stdin can be named only once", "-"));
    }
    let renderer = output::scan_renderer(format, args.clock.expiry_days);
    if let (Some(_), Some(why)) = (args.expiring_within, renderer.refuses_sweep()) {
        return Err(CliError::new(why, "--expiring-within"));
    }
    let selection = Selection::new(&args.include, &args.exclude, args.hidden)?;
    let mut settings = Settings {
        now: input::now(args.clock.now.as_deref())?,
        expiry_days: args.clock.expiry_days,
        profile: args.profile,
        sibling_keys: !args.no_sibling_keys,
        read_keys: args.expiring_within.is_none(),
        block_lines: renderer.wants_block_lines(),
        key_for: HashMap::new(),
        paired_keys: HashSet::new(),
        pkcs12_password: args.password.resolve("PKCS#12 files", Prompt::Never)?,
        key_password: args.key_password.resolve("private keys", Prompt::Never)?,
        intermediates: args
            .intermediates
            .as_deref()
            .map(crate::intermediates::read_pool)
            .transpose()?,
    };
    settings.add_key_pairs(&args.key_for)?;
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, |n| n.get());

    let mut printer = Printer::new(renderer, args.expiring_within);
    let rules = cert_preflight::rules();
    let start = printer.renderer.start(rules);
    printer.write(&start);
    pool::ordered_map(
        jobs,
        |emit| discover::discover(&args.paths, &selection, emit),
        |task| check::run(task, &settings),
        |outcome| printer.take(outcome, rules),
    );
    Ok(printer.finish())
}

/// Writes each outcome as it arrives (the only thread that writes), and keeps the counts.
struct Printer {
    renderer: Box<dyn ScanRender>,
    sweep_days: Option<u32>,
    out: anstream::AutoStream<Box<dyn Write>>,
    /// Stdout and the progress line share a terminal: erase the line and flush after every
    /// write, so that they interleave right.
    shares_terminal: bool,
    progress: Progress,
    totals: Totals,
    sweep: Vec<SweepEntry>,
    unreadable: Vec<(String, String)>,
}

impl Printer {
    fn new(renderer: Box<dyn ScanRender>, sweep_days: Option<u32>) -> Self {
        let stdout = std::io::stdout();
        let shares_terminal = std::io::stderr().is_terminal() && stdout.is_terminal();
        let choice = if renderer.styled() {
            anstream::AutoStream::choice(&stdout)
        } else {
            // Unstyled text (JSON, SARIF): pass the bytes through untouched.
            anstream::ColorChoice::AlwaysAnsi
        };
        let progress = Progress::new();
        let raw: Box<dyn Write> = Box::new(BufWriter::with_capacity(64 * 1024, stdout));
        Printer {
            renderer,
            sweep_days,
            out: anstream::AutoStream::new(raw, choice),
            shares_terminal,
            progress,
            totals: Totals::default(),
            sweep: Vec::new(),
            unreadable: Vec::new(),
        }
    }

    fn write(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.shares_terminal {
            self.progress.clear();
        }
        // A closed pipe (`| head`) is not worth reporting; the exit status still counts.
        let _ = self.out.write_all(text.as_bytes());
        if self.shares_terminal {
            let _ = self.out.flush();
        }
    }

    fn stderr_line(&mut self, line: &str) {
        self.progress.clear();
        let _ = self.out.flush();
        output::emit(line, output::Sink::Stderr);
    }

    /// An input that could not be read (or written): named on stderr, exit status 2.
    fn unreadable(&mut self, file: String, what: String) {
        self.totals.unreadable += 1;
        self.stderr_line(&output::error_line(&what, Some(&file)));
        self.unreadable.push((file, what));
    }

    fn take(&mut self, outcome: Outcome, rules: &[cert_preflight::Rule]) {
        match outcome {
            Outcome::Checked(checked) => {
                self.totals.add(&checked.report);
                if let Some(days) = self.sweep_days {
                    self.sweep.extend(output::sweep_entries(&checked, days));
                } else {
                    match self.renderer.file(&checked, rules) {
                        Ok(text) => self.write(&text),
                        Err(e) => self.unreadable(checked.file.clone(), e.what),
                    }
                }
                if checked.key_file.is_some() {
                    self.totals.keys_paired += 1;
                }
            }
            Outcome::Unreadable { file, what } => self.unreadable(file, what),
            Outcome::Note(text) => {
                self.stderr_line(&output::note_line(&text));
            }
            Outcome::KeyFile { paired } => {
                if !paired {
                    self.totals.keys_alone += 1;
                }
            }
            Outcome::NotCertificate => {}
        }
        self.progress
            .tick(self.totals.checked, self.totals.with_errors);
    }

    /// Writes what comes after the files and returns the exit status.
    fn finish(mut self) -> u8 {
        let end = match self.sweep_days {
            Some(days) => {
                output::sort_sweep(&mut self.sweep);
                self.renderer.sweep(&self.sweep, days)
            }
            None => Ok(self.renderer.finish(&self.totals, &self.unreadable)),
        };
        match end {
            Ok(text) => self.write(&text),
            Err(e) => self.unreadable("stdout".to_string(), e.what),
        }
        self.progress.clear();
        let _ = self.out.flush();
        if self.totals.unreadable > 0 {
            2
        } else if self.sweep_days.is_some() {
            u8::from(!self.sweep.is_empty())
        } else {
            u8::from(self.totals.with_errors > 0)
        }
    }
}
