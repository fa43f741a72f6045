//! One declaration file per operation. To add an operation, write its file (a `pub(crate)
//! const OPERATION: OperationDecl`) and name its module in the `operations!` list below; the
//! engine needs no change.

use super::decl::OperationDecl;
use super::decl::OperationInfo;

/// Declares the operation modules and the two lists built from them, in this order.
macro_rules! operations {
    ($($module:ident),* $(,)?) => {
        $(mod $module;)*

        /// Every operation's declaration.
        pub(crate) static DECLARATIONS: &[OperationDecl] = &[$($module::OPERATION),*];

        /// Every operation's public description (what `operations()` returns).
        pub(crate) static INFOS: &[OperationInfo] = &[$($module::OPERATION.info),*];
    };
}

mod aws_common;

operations!(
    alb_associate_additional_certificates,
    alb_create_listener,
    apig_attach_certificate_domains,
    elb_update_certificate,
    slb_upload_ca_certificate,
    aws_acm_import_certificate,
    aws_iam_upload_server_certificate,
    gcp_insert_ssl_certificate,
    azure_keyvault_import_certificate,
    cloudflare_create_custom_certificate,
    kubernetes_secret_tls,
);

/// Shared rows: tags and the client token, worded as seeds 000, 001 and 004 word them.
pub(crate) mod common {
    use crate::request::checks;
    use crate::request::decl::{Kind, Param};

    const TAG_MEMBERS: &[Param] = &[Param::string("Key"), Param::string("Value")];
    const TAG_ITEM: Param = Param::item(Kind::Object(TAG_MEMBERS));

    /// `Tag`: array<object> of `{Key, Value}`; the tag rules are `checks::tag_list`.
    pub(crate) const TAG: Param = Param::array("Tag", &TAG_ITEM).check(checks::tag_list);

    /// `ClientToken`: string, ASCII only.
    pub(crate) const CLIENT_TOKEN: Param = Param::string("ClientToken").check(checks::client_token);

    /// `DryRun`: boolean.
    pub(crate) const DRY_RUN: Param = Param::boolean("DryRun");

    // The account parameters of Alibaba Cloud's RPC APIs, which seed 004 does not list but the
    // SDK's request model defines (alibabacloud_slb20140515 `UploadCACertificateRequest`).
    /// `OwnerId`: integer.
    pub(crate) const OWNER_ID: Param = Param::integer("OwnerId");
    /// `OwnerAccount`: string.
    pub(crate) const OWNER_ACCOUNT: Param = Param::string("OwnerAccount");
    /// `ResourceOwnerId`: integer.
    pub(crate) const RESOURCE_OWNER_ID: Param = Param::integer("ResourceOwnerId");
    /// `ResourceOwnerAccount`: string.
    pub(crate) const RESOURCE_OWNER_ACCOUNT: Param = Param::string("ResourceOwnerAccount");
}

#[cfg(test)]
mod tests {
    use super::DECLARATIONS;

    /// A rule stands in one error-code group of an operation at most: the first group would
    /// silently win over a second.
    #[test]
    fn a_rule_has_one_code_per_operation() {
        for declaration in DECLARATIONS {
            let mut seen: Vec<&str> = Vec::new();
            for (group, _) in declaration.error_codes.rules {
                for rule in *group {
                    assert!(
                        !seen.contains(&rule.id),
                        "{}: {} is in two groups",
                        declaration.info.id,
                        rule.id
                    );
                    seen.push(rule.id);
                }
            }
        }
    }
}
