//! certificate rules.
