//! FM4xx: the `<!--epoch-ms-->` comment that archived posts carry after the front matter.
//! What the three rules share: where the stamp is and how its digits read.

use crate::post::{Post, TimestampComment};

crate::rules::family! {
    fm401_missing_timestamp,
    fm402_invalid_timestamp,
    fm403_timestamp_skew,
}

pub use fm403_timestamp_skew::{TimestampSkewOptions, parse_duration};

/// 1990-01-01T00:00:00Z and 2100-01-01T00:00:00Z in milliseconds.
const MIN_MS: i64 = 631_152_000_000;
const MAX_MS: i64 = 4_102_444_800_000;

#[derive(Debug, PartialEq, Eq)]
pub enum Stamp {
    Millis(i64),
    Seconds(i64),
    OutOfRange,
    NotDigits,
}

pub fn classify(inner: &str) -> Stamp {
    let t = inner.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Stamp::NotDigits;
    }
    match t.parse::<i64>() {
        Ok(ms) if (MIN_MS..MAX_MS).contains(&ms) => Stamp::Millis(ms),
        Ok(s) if (MIN_MS / 1000..MAX_MS / 1000).contains(&s) => Stamp::Seconds(s),
        _ => Stamp::OutOfRange,
    }
}

/// The stamp comment after the front matter, when the post has a front matter and a stamp.
pub fn stamp<'a>(post: &'a Post<'_>) -> Option<&'a TimestampComment> {
    post.preamble.as_ref()?.timestamp.as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies() {
        assert_eq!(classify("1626799380000"), Stamp::Millis(1_626_799_380_000));
        assert_eq!(classify("1626799380"), Stamp::Seconds(1_626_799_380));
        assert_eq!(classify("12"), Stamp::OutOfRange);
        assert_eq!(classify("more"), Stamp::NotDigits);
    }
}
