//! Input scanning: PEM text into blocks with positions.
pub(crate) mod decode;
pub(crate) mod pem;
