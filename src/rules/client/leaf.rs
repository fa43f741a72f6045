//! The leaf the client-acceptance lints judge, with where their findings go.

use crate::model::certificate::ParsedCertificate;
use crate::rules::chain::describe;

/// The leaf under check, with where and how its findings are reported.
pub(crate) struct Leaf<'a> {
    pub cert: &'a ParsedCertificate,
    /// Its JSON pointer (`/certificate/chain/0`).
    pub path: String,
    /// The `public` audience: the BR and root-program lints apply.
    pub public: bool,
}

impl Leaf<'_> {
    /// `Certificate 0 (CN=…)`, for the start of a message.
    pub(crate) fn who(&self) -> String {
        if self.cert.common_name.is_none() && self.cert.subject.is_empty() {
            return format!("certificate {} (empty subject)", self.cert.index);
        }
        describe(self.cert)
    }
}
