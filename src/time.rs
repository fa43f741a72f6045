//! Time as a value. The core never reads a clock: every check takes `now` as an argument
//! (`SystemTime::now()` panics on wasm32-unknown-unknown).

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::InputError;

/// An instant, in whole seconds since the Unix epoch (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    unix_seconds: i64,
}

impl Timestamp {
    /// The instant `seconds` after 1970-01-01T00:00:00Z.
    pub const fn from_unix_seconds(seconds: i64) -> Self {
        Timestamp {
            unix_seconds: seconds,
        }
    }

    /// The instant `millis` milliseconds after the epoch (JavaScript's `Date.now()`), rounded down.
    pub const fn from_unix_millis(millis: i64) -> Self {
        Timestamp {
            unix_seconds: millis.div_euclid(1000),
        }
    }

    /// Seconds since the Unix epoch.
    pub const fn unix_seconds(self) -> i64 {
        self.unix_seconds
    }

    /// Parses an RFC 3339 timestamp such as `2026-11-23T00:00:00Z` or `2026-11-23T08:00:00+08:00`.
    pub fn parse_rfc3339(text: &str) -> Result<Self, InputError> {
        OffsetDateTime::parse(text.trim(), &Rfc3339)
            .map(|t| Timestamp::from_unix_seconds(t.unix_timestamp()))
            .map_err(|_| InputError::InvalidTime {
                value: text.to_string(),
            })
    }

    /// Formats as RFC 3339 UTC with a `Z` suffix, the form the providers' responses use.
    pub fn to_rfc3339(self) -> String {
        format_rfc3339(self.unix_seconds)
    }
}

/// Formats epoch seconds as `YYYY-MM-DDTHH:MM:SSZ`; out-of-range values are clamped to the
/// representable years rather than failing.
pub(crate) fn format_rfc3339(unix_seconds: i64) -> String {
    let t = OffsetDateTime::from_unix_timestamp(unix_seconds).unwrap_or(if unix_seconds < 0 {
        OffsetDateTime::UNIX_EPOCH
            .replace_year(-9999)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    } else {
        OffsetDateTime::UNIX_EPOCH
            .replace_year(9999)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    });
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trip_and_offsets() {
        let t = Timestamp::parse_rfc3339("2045-11-17T13:25:47Z").unwrap();
        assert_eq!(t.unix_seconds(), 2_394_537_947);
        assert_eq!(t.to_rfc3339(), "2045-11-17T13:25:47Z");
        let shifted = Timestamp::parse_rfc3339("2045-11-17T21:25:47+08:00").unwrap();
        assert_eq!(shifted, t);
        assert_eq!(Timestamp::from_unix_millis(2_394_537_947_999), t);
    }

    #[test]
    fn rejects_non_rfc3339() {
        for bad in ["", "yesterday", "2045-11-17", "2045-13-01T00:00:00Z"] {
            assert!(Timestamp::parse_rfc3339(bad).is_err(), "{bad}");
        }
    }
}
