//! The one error type for "could not read the input": separate from diagnostics, which
//! describe problems *in* the input.

/// Why an input could not be read or an argument was not understood. The command line exits
/// with status 2 on these; the npm package throws.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// A timestamp argument (such as `--now`) is not RFC 3339.
    #[error("invalid time {value:?}: expected RFC 3339, e.g. 2026-11-23T00:00:00Z")]
    InvalidTime {
        /// The text that was given.
        value: String,
    },
    /// The operation name is not one of the supported operations or their aliases.
    #[error("unknown operation {name:?}; known operations: {known}")]
    UnknownOperation {
        /// The name that was given.
        name: String,
        /// The known operation ids, comma-separated.
        known: String,
    },
    /// A name that is not one of those an option takes: a provider profile (`--profile`, the
    /// npm and Python `profile` option) or a certificate purpose (Python's `purpose`).
    #[error("unknown {option} {value:?}; expected {expected}")]
    UnknownName {
        /// The option: `profile` or `purpose`.
        option: &'static str,
        /// The name that was given.
        value: String,
        /// The names it takes, quoted, joined by "or".
        expected: String,
    },
    /// A caller-context key (`--context`, npm options) that is unknown or has a value of the
    /// wrong type.
    #[error("context key {key:?} {reason}")]
    InvalidContext {
        /// The key as given.
        key: String,
        /// What is wrong with it.
        reason: String,
    },
}
