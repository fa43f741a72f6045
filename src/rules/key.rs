//! key rules.
