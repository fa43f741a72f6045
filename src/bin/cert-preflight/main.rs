//! The `cert-preflight` command line.
fn main() {}
