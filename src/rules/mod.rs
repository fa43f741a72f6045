//! Rules, and only rules: the pure checks that emit the catalogue's rows (`crate::catalog`)
//! over the parsed model into `crate::findings::Findings`.
//!
//! The checks are grouped by what they read: `pem` (the scanned text), `chain` (the parsed
//! certificates as a set), `certificate` (each certificate alone), `key` (the private key
//! against the leaf), `domain` (names and their coverage by the leaf), `client` (what clients
//! accept in the leaf, by audience), `path` (RFC 5280 path validation along the path a client
//! builds, with `name_constraints`).

pub(crate) mod certificate;
pub(crate) mod chain;
pub(crate) mod chain_end;
#[cfg(feature = "client-lints")]
pub(crate) mod client;
pub(crate) mod domain;
pub(crate) mod key;
pub(crate) mod key_hints;
pub(crate) mod name_constraints;
pub(crate) mod path;
pub(crate) mod pem;
