//! The parsed model: certificates and keys, parsed once.
