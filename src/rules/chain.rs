//! chain rules.
