//! Input scanning: PEM text into blocks with positions.
pub(crate) mod base64_standard;
pub(crate) mod decode;
pub(crate) mod file_bytes;
pub(crate) mod pem;
#[cfg(feature = "pkcs12")]
pub(crate) mod pkcs12;
pub(crate) mod pkcs7;
