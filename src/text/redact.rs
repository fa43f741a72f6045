//! Deciding what user text a message may quote. A key pasted into the wrong field must never
//! come back in a diagnostic, so anything that could be key material is not quoted.

/// True when `text` may hold PEM or base64 key material, so no message may quote it: it has a
/// PEM boundary, or a run of 32 or more base64 characters mixing upper case, lower case and
/// digits (no host name or label looks like that), or it is 16 or more base64 characters
/// through and through that mix all three classes (two would take CamelCase parameter names
/// such as `XForwardedForEnabled` for key material).
pub(crate) fn may_be_secret(text: &str) -> bool {
    if text.contains("-----") {
        return true;
    }
    let is_b64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=');
    // How many of upper case, lower case, and digits or +/ a run mixes.
    let classes = |run: &str| {
        usize::from(run.bytes().any(|b| b.is_ascii_uppercase()))
            + usize::from(run.bytes().any(|b| b.is_ascii_lowercase()))
            + usize::from(
                run.bytes()
                    .any(|b| b.is_ascii_digit() || b == b'+' || b == b'/'),
            )
    };
    if text.len() >= 16 && text.chars().all(is_b64) && classes(text) == 3 {
        return true;
    }
    text.split(|c: char| !is_b64(c))
        .any(|run| run.len() >= 32 && classes(run) == 3)
}

/// `text` as an error message may quote it (an option value, an operation name): itself, or
/// only its length when it may be key material (a key passed as `now` by mistake).
pub(crate) fn quotable(text: &str) -> String {
    if may_be_secret(text) {
        format!(
            "<{} characters not shown: they may be key material>",
            text.chars().count()
        )
    } else {
        text.to_string()
    }
}

/// A short quote of stray text, only when it cannot be a fragment of base64 key material.
pub(crate) fn safe_preview(line: &str) -> Option<String> {
    if may_be_secret(line)
        || line
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
    {
        return None;
    }
    let mut preview: String = line.chars().take(40).collect();
    if line.chars().count() > 40 {
        preview.push('…');
    }
    Some(preview)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_like_text_is_never_quoted() {
        let cases: &[(&str, bool)] = &[
            ("-----BEGIN PRIVATE KEY-----", true),
            ("MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDQ", true),
            ("abcdefghijklmnopqrstuvwx", false),
            ("AbCdEfGh12345678", true),
            ("XForwardedForEnabled", false),
            ("XForwardedForClientCertIssuerDNAlias", false),
            ("myinternalservicename", false),
            ("www.example.com", false),
            ("Bag Attributes", false),
            (
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com",
                false,
            ),
            ("x.MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSk.com", true),
        ];
        for (text, secret) in cases {
            assert_eq!(may_be_secret(text), *secret, "{text}");
        }
        assert_eq!(
            safe_preview("Bag Attributes").as_deref(),
            Some("Bag Attributes")
        );
        assert_eq!(safe_preview("MIIEvgIBADANBgkqhkiG9w0BAQEF"), None);
    }
}
