//! Time as a value. The core never reads a clock: every check takes `now` as an argument
//! (`SystemTime::now()` panics on wasm32-unknown-unknown).
//!
//! Why RFC 3339 is parsed and formatted here and not with the `time` crate: the crate was used
//! until commit 81ef9b8; this parser accepts exactly what its `Rfc3339` parser accepts (the
//! tests below compare the two over generated inputs and leap seconds) and saved 1,068 bytes
//! of the gzipped wasm module (177,910 -> 176,842), which has a 150 KB budget for the
//! certificate part. Measured again for issue 18 on x86_64 (opt-level z, LTO, stripped): `time`
//! 0.3 parse and format add 5,808 bytes to a binary. `time` stays a dev-dependency, as the
//! reference the tests check against.

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
    ///
    /// Accepts exactly what the `time` crate's `Rfc3339` parser accepts (surrounding whitespace
    /// trimmed): `YYYY-MM-DD`, any one byte as the separator, `hh:mm:ss`, an optional fraction of
    /// one or more digits (ignored), then `Z`, `z` or `±hh:mm` (hours at most 23, minutes at most
    /// 59). Second 60 is a leap second, accepted only as the last second of a month in UTC, and
    /// read as the second before it.
    pub fn parse_rfc3339(text: &str) -> Result<Self, InputError> {
        parse_rfc3339_seconds(text.trim().as_bytes())
            .map(Timestamp::from_unix_seconds)
            .ok_or_else(|| InputError::InvalidTime {
                value: crate::text::redact::quotable(text),
            })
    }

    /// Formats as RFC 3339 UTC with a `Z` suffix, the form the providers' responses use.
    pub fn to_rfc3339(self) -> String {
        format_rfc3339(self.unix_seconds)
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's algorithm).
const fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date (year, month, day) `days` after 1970-01-01 (H. Hinnant's algorithm).
const fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

const fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `n` ASCII digits at `at`, as a number.
fn digits(bytes: &[u8], at: usize, n: usize) -> Option<i64> {
    let field = bytes.get(at..at + n)?;
    field.iter().try_fold(0, |value, b| {
        b.is_ascii_digit().then(|| value * 10 + i64::from(b - b'0'))
    })
}

/// See [`Timestamp::parse_rfc3339`].
#[allow(
    clippy::indexing_slicing,
    reason = "fixed-width RFC 3339 positions checked by the length test before; 20 digits hold any u64"
)]
fn parse_rfc3339_seconds(bytes: &[u8]) -> Option<i64> {
    let literal = |at: usize, c: u8| (bytes.get(at) == Some(&c)).then_some(());
    let year = digits(bytes, 0, 4)?;
    literal(4, b'-')?;
    let month = digits(bytes, 5, 2)?;
    literal(7, b'-')?;
    let day = digits(bytes, 8, 2)?;
    // Byte 10 is the separator: RFC 3339 allows any, and so does the `time` crate.
    bytes.get(10)?;
    let hour = digits(bytes, 11, 2)?;
    literal(13, b':')?;
    let minute = digits(bytes, 14, 2)?;
    literal(16, b':')?;
    let second = digits(bytes, 17, 2)?;
    let mut at = 19;
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        let fraction = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if fraction == 0 {
            return None;
        }
        at += fraction;
    }
    let offset = match bytes.get(at)? {
        b'Z' | b'z' => {
            at += 1;
            0
        }
        sign @ (b'+' | b'-') => {
            let offset_hour = digits(bytes, at + 1, 2).filter(|&h| h <= 23)?;
            literal(at + 3, b':')?;
            let offset_minute = digits(bytes, at + 4, 2).filter(|&m| m <= 59)?;
            at += 6;
            let seconds = offset_hour * 3600 + offset_minute * 60;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    if at != bytes.len()
        || !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let leap_second = second == 60;
    let second = second.min(59);
    let local = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    let utc = local - offset;
    if leap_second {
        // Only 23:59:60 UTC on the last day of a month can be a leap second.
        let (y, m, d) = civil_from_days(utc.div_euclid(86_400));
        if utc.rem_euclid(86_400) != 86_399 || d != days_in_month(y, m) {
            return None;
        }
    }
    Some(utc)
}

/// The first and last seconds formatted as they are; outside them, a year is clamped.
const MIN_FORMATTED: i64 = days_from_civil(-9999, 1, 1) * 86_400;
const MAX_FORMATTED: i64 = days_from_civil(9999, 12, 31) * 86_400 + 86_399;

/// Formats epoch seconds as `YYYY-MM-DDTHH:MM:SSZ`; out-of-range values are clamped to the
/// representable years rather than failing: before -9999-01-01T00:00:00Z gives that instant,
/// after 9999-12-31T23:59:59Z gives 9999-01-01T00:00:00Z (as the `time` crate's
/// `replace_year` did). A year below zero is written as `{:04}` writes it: `-` and at least
/// three digits (`-042`).
pub(crate) fn format_rfc3339(unix_seconds: i64) -> String {
    let unix_seconds = if unix_seconds < MIN_FORMATTED {
        MIN_FORMATTED
    } else if unix_seconds > MAX_FORMATTED {
        days_from_civil(9999, 1, 1) * 86_400
    } else {
        unix_seconds
    };
    let (year, month, day) = civil_from_days(unix_seconds.div_euclid(86_400));
    let time = unix_seconds.rem_euclid(86_400);
    let mut out = String::with_capacity(20);
    if year < 0 {
        out.push('-');
        push_padded(&mut out, -year, 3);
    } else {
        push_padded(&mut out, year, 4);
    }
    for (separator, value) in [
        ('-', month),
        ('-', day),
        ('T', time / 3600),
        (':', time / 60 % 60),
        (':', time % 60),
    ] {
        out.push(separator);
        push_padded(&mut out, value, 2);
    }
    out.push('Z');
    out
}

/// Pushes a non-negative `value` in decimal, zero-padded to at least `width` digits.
#[allow(
    clippy::indexing_slicing,
    reason = "fixed-width RFC 3339 positions checked by the length test before; 20 digits hold any u64"
)]
fn push_padded(out: &mut String, value: i64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut n = value;
    let mut len = 0;
    while n > 0 || len == 0 {
        digits[19 - len] = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
        len += 1;
    }
    for _ in len..width {
        out.push('0');
    }
    for &d in &digits[20 - len..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trip_and_offsets() -> Result<(), Box<dyn std::error::Error>> {
        let t = Timestamp::parse_rfc3339("2045-11-17T13:25:47Z")?;
        assert_eq!(t.unix_seconds(), 2_394_537_947);
        assert_eq!(t.to_rfc3339(), "2045-11-17T13:25:47Z");
        let shifted = Timestamp::parse_rfc3339("2045-11-17T21:25:47+08:00")?;
        assert_eq!(shifted, t);
        assert_eq!(Timestamp::from_unix_millis(2_394_537_947_999), t);
        Ok(())
    }

    #[test]
    fn rejects_non_rfc3339() {
        for bad in ["", "yesterday", "2045-11-17", "2045-13-01T00:00:00Z"] {
            assert!(Timestamp::parse_rfc3339(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn leap_years_and_invalid_dates() {
        let ok = |s: &str| {
            Timestamp::parse_rfc3339(s)
                .map(Timestamp::unix_seconds)
                .ok()
        };
        assert_eq!(ok("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        assert_eq!(ok("2000-02-29T00:00:00Z"), Some(951_782_400));
        assert_eq!(ok("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(ok("1969-12-31T23:59:59Z"), Some(-1));
        assert_eq!(ok("0000-01-01T00:00:00Z"), Some(-62_167_219_200));
        assert_eq!(ok("2016-12-31T23:59:60Z"), Some(1_483_228_799));
        assert_eq!(ok("2017-01-01T08:59:60+09:00"), Some(1_483_228_799));
        assert_eq!(ok("2017-01-01T23:59:60+09:00"), None);
        assert_eq!(ok("2016-12-31 23:59:59.123456789123z"), Some(1_483_228_799));
        for bad in [
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2024-04-31T00:00:00Z",
            "2024-00-10T00:00:00Z",
            "2024-01-00T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:60:00Z",
            "2024-01-01T00:00:61Z",
            "2024-01-01T00:00:60Z",
            "2024-01-01T00:00:00.Z",
            "2024-01-01T00:00:00+24:00",
            "2024-01-01T00:00:00+01:60",
            "2024-01-01T00:00:00+0100",
            "2024-01-01T00:00:00",
            "2024-01-01T00:00:00Zx",
            "+2024-01-01T00:00:00Z",
        ] {
            assert_eq!(ok(bad), None, "{bad}");
        }
    }

    /// What the `time` crate's `Rfc3339` parser gives (the parser used before this one).
    fn reference_parse(text: &str) -> Option<i64> {
        use time::format_description::well_known::Rfc3339;
        time::OffsetDateTime::parse(text.trim(), &Rfc3339)
            .ok()
            .map(|t| t.unix_timestamp())
    }

    /// The formatter used before this one, on the `time` crate.
    fn reference_format(unix_seconds: i64) -> String {
        use time::OffsetDateTime;
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

    #[test]
    fn parser_agrees_with_the_time_crate() {
        let years = [
            "0000", "0001", "1600", "1900", "1970", "2000", "2023", "2024", "9999",
        ];
        let months = ["00", "01", "02", "04", "06", "11", "12", "13", "1x"];
        let days = ["00", "01", "28", "29", "30", "31", "32", "9"];
        let separators = ["T", "t", " ", "x", "é", ""];
        let hours = ["00", "12", "23", "24", "0a"];
        let minutes = ["00", "59", "60"];
        let seconds = ["00", "59", "60", "61", "6"];
        let fractions = ["", ".", ".5", ".999999999", ".1234567891234", ".x", ","];
        let offsets = [
            "Z",
            "z",
            "+00:00",
            "-00:00",
            "+23:59",
            "-23:59",
            "+24:00",
            "+01:60",
            "+01:59",
            "-01:00",
            "+0100",
            "+1:00",
            "",
            "Zz",
            "Z ",
            " Z",
            "+01:00:00",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut pick = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % u64::try_from(n).unwrap_or(u64::MAX)).unwrap_or(0)
        };
        for _ in 0..300_000 {
            let text = format!(
                "{}-{}-{}{}{}:{}:{}{}{}",
                years[pick(years.len())],
                months[pick(months.len())],
                days[pick(days.len())],
                separators[pick(separators.len())],
                hours[pick(hours.len())],
                minutes[pick(minutes.len())],
                seconds[pick(seconds.len())],
                fractions[pick(fractions.len())],
                offsets[pick(offsets.len())],
            );
            let ours = Timestamp::parse_rfc3339(&text)
                .ok()
                .map(Timestamp::unix_seconds);
            assert_eq!(ours, reference_parse(&text), "{text}");
        }
        // Leap seconds at every month end of two years, in several offsets.
        for year in [2016, 2024] {
            for month in 1..=12 {
                let last = days_in_month(year, month);
                for (day, hour, offset) in [
                    (last, 23, "Z"),
                    (last, 22, "-01:00"),
                    (last, 23, "+00:30"),
                    (1, 8, "+09:00"),
                    (last, 23, "-00:00"),
                    (last - 1, 23, "Z"),
                ] {
                    let text = format!("{year}-{month:02}-{day:02}T{hour:02}:59:60{offset}");
                    let ours = Timestamp::parse_rfc3339(&text)
                        .ok()
                        .map(Timestamp::unix_seconds);
                    assert_eq!(ours, reference_parse(&text), "{text}");
                }
            }
        }
    }

    #[test]
    fn formatter_agrees_with_the_time_crate() {
        let mut cases = vec![
            i64::MIN,
            i64::MAX,
            MIN_FORMATTED - 1,
            MIN_FORMATTED,
            MAX_FORMATTED,
            MAX_FORMATTED + 1,
            -1,
            0,
            951_782_400,
            days_from_civil(-1, 12, 31) * 86_400,
            days_from_civil(-42, 3, 1) * 86_400 + 1,
            days_from_civil(-999, 1, 1) * 86_400,
            days_from_civil(-1000, 1, 1) * 86_400,
        ];
        let mut t = MIN_FORMATTED;
        while t < MAX_FORMATTED {
            cases.push(t);
            t += 9_876_543;
        }
        for t in cases {
            assert_eq!(format_rfc3339(t), reference_format(t), "{t}");
        }
    }
}
