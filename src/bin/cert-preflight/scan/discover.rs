//! Which files `scan` checks: the paths given, and the files found by walking directories
//! (recursively, following symbolic links, in file-name order), filtered by `--include`,
//! `--exclude` and the default extensions. Nothing is collected: each file is handed on as
//! soon as it is found.

use std::io;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use walkdir::{DirEntry, WalkDir};

use crate::input::{describe, is_stdin, shown, CliError};

/// File name extensions checked by default in directories (ASCII case-insensitive). Files
/// with other names are checked when they start with a PEM boundary.
pub(crate) const DEFAULT_EXTENSIONS: &[&str] = &[
    "pem", "crt", "cer", "der", "p7b", "p7c", "key", "pfx", "p12",
];

/// Extensions of certificate files that the sibling convention pairs with `<stem>.key`.
pub(crate) const SIBLING_CERT_EXTENSIONS: &[&str] = &["pem", "crt", "cer", "der"];

/// One unit of work for the checkers, in the order the inputs were named and found.
#[derive(Debug)]
pub(crate) enum Task {
    /// A file to check. `sniff`: found in a directory by content rather than by name, so it is
    /// checked only if it starts with a PEM boundary.
    File { path: PathBuf, sniff: bool },
    /// Standard input (`-`).
    Stdin,
    /// An input that could not be read or listed (exit status 2).
    Unreadable { path: PathBuf, what: String },
    /// Something the user should know that is not a failure (a symlink loop not followed).
    Note(String),
}

/// The `--include`, `--exclude` and `--hidden` choices.
pub(crate) struct Selection {
    include: Option<GlobSet>,
    exclude: GlobSet,
    hidden: bool,
}

impl Selection {
    /// Compiles the globs; a bad one is an argument error naming it.
    pub(crate) fn new(
        include: &[String],
        exclude: &[String],
        hidden: bool,
    ) -> Result<Self, CliError> {
        let include = if include.is_empty() {
            None
        } else {
            Some(glob_set(include, "--include")?)
        };
        Ok(Selection {
            include,
            exclude: glob_set(exclude, "--exclude")?,
            hidden,
        })
    }

    /// Whether the walk enters (directory) or considers (file) this entry at all.
    fn keeps(&self, entry: &DirEntry, root: &Path) -> bool {
        entry.depth() == 0 || self.keeps_path(entry.path(), root)
    }

    /// [`Selection::keeps`] for a path below `root` (walk errors come without an entry).
    fn keeps_path(&self, path: &Path, root: &Path) -> bool {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden && !self.hidden {
            return false;
        }
        !self.exclude.is_match(relative(path, root))
    }

    /// Whether a file found in a directory is checked: by its name (`Some(false)`), by its
    /// content (`Some(true)`: sniff it), or not at all.
    fn wants(&self, path: &Path, root: &Path, is_symlink: bool) -> Option<bool> {
        if let Some(include) = &self.include {
            return include.is_match(relative(path, root)).then_some(false);
        }
        if has_extension(path, DEFAULT_EXTENSIONS) {
            Some(false)
        } else if is_symlink {
            // Hash links such as /etc/ssl/certs/*.0 point at files checked under their own name.
            None
        } else {
            Some(true)
        }
    }
}

fn glob_set(patterns: &[String], option: &str) -> Result<GlobSet, CliError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern)
            .map_err(|e| CliError::new(format!("bad glob {pattern:?}: {}", e.kind()), option))?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| CliError::new(format!("bad glob: {e}"), option))
}

fn relative<'a>(path: &'a Path, root: &Path) -> &'a Path {
    path.strip_prefix(root).unwrap_or(path)
}

/// Whether `path`'s extension is one of `extensions` (ASCII case-insensitive).
pub(crate) fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Emits a task for every input: `-`, each named file, and the files found in each named
/// directory.
pub(crate) fn discover(paths: &[PathBuf], selection: &Selection, emit: &mut dyn FnMut(Task)) {
    for path in paths {
        if is_stdin(path) {
            emit(Task::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => emit(Task::Unreadable {
                path: path.clone(),
                what: cannot_read(path, &e),
            }),
            Ok(meta) if meta.is_dir() => walk(path, selection, emit),
            Ok(_) => emit(Task::File {
                path: path.clone(),
                sniff: false,
            }),
        }
    }
}

fn walk(root: &Path, selection: &Selection, emit: &mut dyn FnMut(Task)) {
    let entries = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| selection.keeps(e, root));
    for entry in entries {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_file() {
                    continue;
                }
                let is_symlink = entry.path_is_symlink();
                if let Some(sniff) = selection.wants(entry.path(), root, is_symlink) {
                    emit(Task::File {
                        path: entry.into_path(),
                        sniff,
                    });
                }
            }
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_default();
                // Errors bypass filter_entry: apply --exclude and hidden names here too.
                if path != root && !selection.keeps_path(&path, root) {
                    continue;
                }
                if let Some(ancestor) = err.loop_ancestor() {
                    emit(Task::Note(format!(
                        "{} is a symbolic link back to {}; not followed",
                        shown(&path),
                        shown(ancestor)
                    )));
                    continue;
                }
                let io_kind = err.io_error().map(io::Error::kind);
                // A directory we may not list could hold certificates; a dangling link whose
                // name is not a certificate's is none of our business.
                let matters = io_kind == Some(io::ErrorKind::PermissionDenied)
                    || selection.wants(&path, root, false) == Some(false);
                if matters {
                    let what = match err.io_error() {
                        Some(e) => cannot_read(&path, e),
                        None => format!("cannot read: {err}"),
                    };
                    emit(Task::Unreadable { path, what });
                }
            }
        }
    }
}

/// `cannot read: <reason>`, saying so when the path is a symbolic link to nothing (`ls` shows
/// it, so "no such file" alone would puzzle).
fn cannot_read(path: &Path, err: &io::Error) -> String {
    let dangling = err.kind() == io::ErrorKind::NotFound
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if dangling {
        "cannot read: a symbolic link to a file that does not exist".to_string()
    } else {
        format!("cannot read: {}", describe(err))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_extensions_ignore_case_and_other_names_are_sniffed() -> Result<(), CliError> {
        let all = Selection::new(&[], &[], false)?;
        let root = Path::new("r");
        for (name, want) in [
            ("r/a.PEM", Some(false)),
            ("r/x/b.p7c", Some(false)),
            ("r/site.key", Some(false)),
            ("r/notes.txt", Some(true)),
            ("r/README", Some(true)),
        ] {
            assert_eq!(all.wants(Path::new(name), root, false), want, "{name}");
        }
        assert_eq!(all.wants(Path::new("r/abcd1234.0"), root, true), None);
        Ok(())
    }

    #[test]
    fn include_globs_replace_the_defaults_and_cross_directories() -> Result<(), CliError> {
        let only = Selection::new(
            &["*.crt".into(), "live/**/fullchain.pem".into()],
            &[],
            false,
        )?;
        let root = Path::new("/etc");
        for (name, want) in [
            ("/etc/a/b/site.crt", Some(false)),
            ("/etc/live/x.com/fullchain.pem", Some(false)),
            ("/etc/live/x.com/privkey.pem", None),
            ("/etc/site.pem", None),
        ] {
            assert_eq!(only.wants(Path::new(name), root, false), want, "{name}");
        }
        Ok(())
    }

    #[test]
    fn a_bad_glob_names_the_option() {
        let err = Selection::new(&[], &["a[".into()], false).err();
        assert_eq!(err.and_then(|e| e.context).as_deref(), Some("--exclude"));
    }
}
