//! The allowlist of known Alibaba Cloud region ids, kept in one data file (`regions.txt`).
//!
//! Region ids follow no single pattern (`cn-hzjbp`, `cn-shanghai-finance-1-pub`), so they are
//! matched exactly, and a CertificateId's region suffix is found by the longest known region
//! it ends with, never by splitting on a hyphen.

/// The data file: one region id per line, `#` comments.
const REGIONS_FILE: &str = include_str!("regions.txt");

/// Every known region id, in file order.
pub(crate) fn known_regions() -> impl Iterator<Item = &'static str> {
    REGIONS_FILE
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Whether `region` is a known region id (exact, case-sensitive: ids are lowercase).
pub(crate) fn is_known_region(region: &str) -> bool {
    known_regions().any(|known| known == region)
}

/// The longest known region `r` such that `id` ends with `-r` and something precedes it.
pub(crate) fn region_suffix(id: &str) -> Option<&'static str> {
    known_regions()
        .filter(|region| {
            id.strip_suffix(region)
                .and_then(|rest| rest.strip_suffix('-'))
                .is_some_and(|prefix| !prefix.is_empty())
        })
        .max_by_key(|region| region.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_holds_the_45_regions_of_spec() {
        assert_eq!(known_regions().count(), 45);
        assert!(is_known_region("cn-hzjbp"));
        assert!(!is_known_region("cn-atlantis"));
    }

    #[test]
    fn suffix_is_the_longest_known_region() {
        assert_eq!(region_suffix("1011-cn-hangzhou"), Some("cn-hangzhou"));
        assert_eq!(
            region_suffix("1011-cn-hangzhou-finance"),
            Some("cn-hangzhou-finance")
        );
        assert_eq!(
            region_suffix("77-cn-shanghai-finance-1-pub"),
            Some("cn-shanghai-finance-1-pub")
        );
        assert_eq!(region_suffix("cn-hangzhou"), None);
        assert_eq!(region_suffix("-cn-hangzhou"), None);
        assert_eq!(region_suffix("1011cn-hangzhou"), None);
    }
}
