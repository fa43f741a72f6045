//! `explain`: from a provider's answer (an error code or the text of its message) back to the
//! rules that lead to it, for one operation. Users meet the providers' misleading messages
//! first; this reads them with the same per-operation error codes the reports carry, plus a
//! table of known messages with their sources. Given the request, it runs the check and says
//! which of those rules the request really breaks.

use serde::Serialize;

use super::decl::OperationDecl;
use crate::catalog::{self, Rule};
use crate::report::{Diagnostic, Report, Severity};

/// What a provider's answer means for one operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Explanation {
    /// The operation's id.
    pub operation: &'static str,
    /// The answer asked about, as given.
    pub error: String,
    /// The rules that lead to that answer, most specific first (a known message's rules,
    /// then those whose error code the answer names).
    pub causes: Vec<Cause>,
    /// Whether a request was checked (then each cause says whether it applies).
    pub checked: bool,
}

/// One rule that leads to the answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Cause {
    /// The rule's id, e.g. `chain.incomplete`.
    pub rule: &'static str,
    /// Its severity in this operation's reports.
    pub severity: Severity,
    /// What the rule checks.
    pub summary: &'static str,
    /// The code this operation's reports give the rule, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_error: Option<&'static str>,
    /// Why this rule leads to the answer.
    pub why: String,
    /// Where that comes from: the operation's declared error codes, or the known message's
    /// sources.
    pub source: String,
    /// With a request: whether the check found this rule broken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies: Option<bool>,
    /// With a request: the findings of this rule.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Diagnostic>,
}

/// A provider message that does not say what is wrong, with the rules behind it.
struct KnownMessage {
    /// The operations that answer it.
    operations: &'static [&'static str],
    /// Lowercase fragments, any of which identifies the message.
    fragments: &'static [&'static str],
    /// The rules that lead to it, most likely first.
    rules: &'static [&'static Rule],
    /// What it means.
    means: &'static str,
    /// Where that is known from.
    source: &'static str,
}

const ACM: &str = "aws.acm.import-certificate";
const IAM: &str = "aws.iam.upload-server-certificate";
const KUBERNETES: &str = "kubernetes.secret.tls";
const KEY_VAULT: &str = "azure.keyvault.import-certificate";

/// The known misleading messages.
const KNOWN_MESSAGES: &[KnownMessage] = &[
    KnownMessage {
        operations: &[ACM, IAM],
        fragments: &[
            "unable to validate certificate chain",
            "index within the chain of the invalid certificate",
        ],
        rules: &[
            catalog::CHAIN_INCOMPLETE,
            catalog::CHAIN_MISORDERED,
            catalog::CHAIN_UNRELATED,
            catalog::CHAIN_BAD_SIGNATURE,
        ],
        means: "the provider could not build a path from the certificate through the chain; \"index ... is: -1\" means no certificate of the chain failed by itself: the issuer of the last one is missing (an intermediate is not given), otherwise N is the certificate out of place",
        source: "TARGETS.md §1 (observed: aws/aws-cli#715)",
    },
    KnownMessage {
        operations: &[ACM, IAM],
        fragments: &["certificatenotfound"],
        rules: &[catalog::CERT_ALGORITHM_UNSUPPORTED, catalog::CERT_EXPIRED],
        means: "a load balancer listener answers CertificateNotFound (\"Certificate '...' not found\") also for a certificate that exists but that it cannot use, such as a key type it does not take",
        source: "kubernetes-sigs/aws-load-balancer-controller#3334 (an ECDSA certificate), #1127",
    },
    KnownMessage {
        operations: &[KUBERNETES],
        fragments: &[
            "key values mismatch",
            "private key does not match public key",
            "does not have a matching public key",
        ],
        rules: &[
            catalog::CHAIN_MISORDERED,
            catalog::KEY_MISMATCH,
            catalog::CHAIN_LEAF_IN_CHAIN,
        ],
        means: "nginx (OpenSSL X509_check_private_key) and ingress-nginx (Go tls.X509KeyPair) pair the key with the first certificate of tls.crt: the key is often right and the leaf is not first",
        source: "kubernetes/ingress-nginx#7799, #6941; Azure/secrets-store-csi-driver-provider-azure#103",
    },
    KnownMessage {
        operations: &[KEY_VAULT],
        fragments: &["unexpected format", "format wrong", "format is wrong"],
        rules: &[
            catalog::PEM_CRLF,
            catalog::KEY_NOT_PKCS8,
            catalog::REQUEST_CONTENT_TYPE_MISMATCH,
            catalog::KEY_MISSING,
            catalog::PEM_MALFORMED,
        ],
        means: "Key Vault answers \"The specified PEM X.509 certificate content is in an unexpected format\" for Windows line ends (CRLF), a PKCS#1 or SEC1 key, a value whose contentType does not match, and a PEM without its key",
        source: "Azure/azure-rest-api-specs#11361 (CRLF), TARGETS.md §4 (hashicorp/terraform-provider-tls#91: PKCS#1), Azure/azure-sdk-for-java#7682",
    },
];

/// The causes of `error` in `decl`'s answers: known messages first, then every rule whose
/// code in this operation the answer names (the whole answer, or a word of it).
pub(crate) fn causes(decl: &OperationDecl, error: &str) -> Vec<Cause> {
    let lower = error.to_lowercase();
    let mut causes: Vec<Cause> = Vec::new();
    for known in KNOWN_MESSAGES {
        if !known.operations.contains(&decl.info.id)
            || !known.fragments.iter().any(|f| lower.contains(f))
        {
            continue;
        }
        for rule in known.rules {
            if causes.iter().all(|c| c.rule != rule.id) {
                causes.push(cause(
                    decl,
                    rule,
                    known.means.to_string(),
                    known.source.into(),
                ));
            }
        }
    }
    for rule in catalog::rules() {
        let Some(code) = decl.error_codes.for_rule(rule) else {
            continue;
        };
        if names_code(error, code) && causes.iter().all(|c| c.rule != rule.id) {
            let why = format!("{} answers {code} for this rule", decl.info.id);
            let source = format!("the operation's error codes ({})", decl.info.seed);
            causes.push(cause(decl, rule, why, source));
        }
    }
    causes
}

fn cause(decl: &OperationDecl, rule: &Rule, why: String, source: String) -> Cause {
    Cause {
        rule: rule.id,
        severity: rule.severity,
        summary: rule.summary,
        api_error: decl.error_codes.for_rule(rule),
        why,
        source,
        applies: None,
        findings: Vec::new(),
    }
}

/// Whether `error` is `code`, or holds it as a word (`An error occurred (InvalidParameter)`,
/// `code 1002`), compared without case.
fn names_code(error: &str, code: &str) -> bool {
    let is_word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    error
        .split(|c: char| !is_word(c))
        .map(|word| word.trim_matches(|c| matches!(c, '.' | '-')))
        .any(|word| word.eq_ignore_ascii_case(code))
}

/// Each cause marked with whether `report` has findings of its rule.
pub(crate) fn mark(causes: &mut [Cause], report: &Report) {
    for cause in causes {
        cause.findings = report
            .diagnostics
            .iter()
            .filter(|d| d.rule == cause.rule)
            .cloned()
            .collect();
        cause.applies = Some(!cause.findings.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::names_code;

    #[test]
    fn a_code_is_named_as_a_word() {
        let cases: &[(&str, &str, bool)] = &[
            ("InvalidParameter", "InvalidParameter", true),
            ("invalidparameter", "InvalidParameter", true),
            (
                "An error occurred (InvalidParameter) when",
                "InvalidParameter",
                true,
            ),
            ("InvalidParameter.Foo", "InvalidParameter", false),
            ("code: 1002.", "1002", true),
            ("10021", "1002", false),
            ("APIG.2012: Invalid parameter value", "APIG.2012", true),
            ("MalformedCertificate", "Malformed", false),
        ];
        for (error, code, expected) in cases {
            assert_eq!(names_code(error, code), *expected, "{error} / {code}");
        }
    }
}
