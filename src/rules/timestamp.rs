//! FM4xx: the `<!--epoch-ms-->` comment that archived posts carry after the front matter.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, quote};
use serde_json::{Value, json};

use crate::registry::RuleId;
use crate::rules::Context;
use crate::rules::options::{OptionError, Options};
use crate::yaml::Node;

pub use crate::registry::FM401 as MISSING_TIMESTAMP;
pub use crate::registry::FM402 as INVALID_TIMESTAMP;
pub use crate::registry::FM403 as TIMESTAMP_SKEW;

/// FM403's options: how far the stamp and `date` may be apart.
#[derive(Debug, Clone)]
pub struct TimestampSkewOptions {
    pub max_skew_ms: i64,
}

impl Default for TimestampSkewOptions {
    fn default() -> Self {
        TimestampSkewOptions {
            max_skew_ms: 24 * 3600 * 1000,
        }
    }
}

impl Options for TimestampSkewOptions {
    const KEYS: &'static [&'static str] = &["max-skew"];

    fn set(&mut self, _key: &str, v: &Node) -> Result<(), OptionError> {
        let text = v.display();
        self.max_skew_ms = parse_duration(&text).ok_or_else(|| {
            OptionError::new(format!("`{text}` is not a duration"), "bad duration")
                .help("write a number and a unit, e.g. `90m`, `24h`, `2d`, `1h30m`")
        })?;
        Ok(())
    }

    fn describe(&self) -> Vec<(&'static str, String)> {
        vec![("max-skew", duration(self.max_skew_ms))]
    }

    fn schema() -> Vec<(&'static str, Value)> {
        vec![(
            "max-skew",
            json!({"type": "string", "pattern": "^([0-9]+(ms|s|m|h|d))+$", "description": "A duration: 90m, 24h, 2d, 1h30m."}),
        )]
    }
}

/// `90m`, `24h`, `2d`, `1h30m`, `3600s`, `500ms` in milliseconds.
pub fn parse_duration(text: &str) -> Option<i64> {
    let re = regex::Regex::new(r"^(?:([0-9]+)(ms|s|m|h|d))+$").ok()?;
    if !re.is_match(text.trim()) {
        return None;
    }
    let part = regex::Regex::new(r"([0-9]+)(ms|s|m|h|d)").ok()?;
    let mut total: i64 = 0;
    for c in part.captures_iter(text.trim()) {
        let n: i64 = c[1].parse().ok()?;
        let unit = match &c[2] {
            "ms" => 1,
            "s" => 1000,
            "m" => 60_000,
            "h" => 3_600_000,
            _ => 86_400_000,
        };
        total = total.checked_add(n.checked_mul(unit)?)?;
    }
    Some(total)
}

/// A duration as the configuration writes it, in its largest whole unit.
fn duration(ms: i64) -> String {
    if ms % 86_400_000 == 0 {
        format!("{}d", ms / 86_400_000)
    } else if ms % 3_600_000 == 0 {
        format!("{}h", ms / 3_600_000)
    } else if ms % 60_000 == 0 {
        format!("{}m", ms / 60_000)
    } else {
        format!("{}ms", ms)
    }
}

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

fn human_duration(ms: i64) -> String {
    let mins = ms / 60_000;
    let (d, h, m) = (mins / 1440, (mins % 1440) / 60, mins % 60);
    match (d, h) {
        (0, 0) => format!("{m} min"),
        (0, _) => format!("{h} h {m} min"),
        _ => format!("{d} d {h} h"),
    }
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let (Some(pre), Some(fence)) = (&post.preamble, post.fence()) else {
        return;
    };
    let Some(stamp) = &pre.timestamp else {
        let at = fence.after;
        let mut d = Diagnostic::new(
            &MISSING_TIMESTAMP,
            fence.close.clone(),
            "no timestamp comment `<!--epoch-ms-->` after the front matter",
        )
        .label("expected `<!--…-->` on the next line")
        .help("archived posts record when they were fetched, in epoch milliseconds");
        if let Some(date) = ctx.valid_date() {
            let nl = post.newline();
            // A date without a zone, on a site without one, is read in the build machine's zone:
            // its epoch is a guess (as FM201's rewrite is).
            let applicability = if date.zone
                == (crate::datetime::Zone::SiteLocal {
                    site_zone_set: false,
                }) {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            let insert = format!("<!--{}-->{nl}", date.epoch_millis());
            d = d
                .help(format!(
                    "insert `{}` (the date's epoch milliseconds)",
                    insert.trim_end()
                ))
                .fix(Fix {
                    applicability,
                    message: "insert the date's epoch milliseconds".into(),
                    edits: vec![Edit {
                        range: at..at,
                        replacement: insert,
                    }],
                    changes: Vec::new(),
                });
        }
        out.push(d);
        return;
    };
    let inner = post.slice(&stamp.inner);
    let ms = match classify(inner) {
        Stamp::Millis(ms) => ms,
        Stamp::Seconds(s) => {
            out.push(
                Diagnostic::new(
                    &INVALID_TIMESTAMP,
                    stamp.inner.clone(),
                    format!(
                        "timestamp {} looks like epoch seconds, not milliseconds",
                        quote(inner.trim())
                    ),
                )
                .label(format!("expected milliseconds, e.g. `{}`", s * 1000))
                .help("multiply by 1000")
                .fix(Fix {
                    applicability: Applicability::Unsafe,
                    message: "multiply the timestamp by 1000".into(),
                    edits: vec![Edit {
                        range: stamp.inner.clone(),
                        replacement: (s * 1000).to_string(),
                    }],
                    changes: Vec::new(),
                }),
            );
            return;
        }
        Stamp::OutOfRange => {
            out.push(
                Diagnostic::new(
                    &INVALID_TIMESTAMP,
                    stamp.inner.clone(),
                    format!(
                        "timestamp {} is outside 1990–2100 in epoch milliseconds",
                        quote(inner.trim())
                    ),
                )
                .label("expected 13 digits, e.g. `1626799380000`"),
            );
            return;
        }
        Stamp::NotDigits => {
            out.push(
                Diagnostic::new(
                    &INVALID_TIMESTAMP,
                    stamp.inner.clone(),
                    format!(
                        "timestamp comment holds {}, not epoch milliseconds",
                        quote(inner.trim())
                    ),
                )
                .label("expected digits only, e.g. `1626799380000`"),
            );
            return;
        }
    };
    if let Some(date) = ctx.valid_date() {
        let skew = (ms - date.epoch_millis()).abs();
        if skew
            > ctx
                .settings
                .options::<TimestampSkewOptions>(RuleId::TimestampSkew)
                .max_skew_ms
        {
            let date_span = post.get("date").map_or(0..0, |e| e.value.span.clone());
            out.push(
                Diagnostic::new(
                    &TIMESTAMP_SKEW,
                    stamp.inner.clone(),
                    format!(
                        "timestamp and date are {} apart (tolerance {})",
                        human_duration(skew),
                        human_duration(
                            ctx.settings
                                .options::<TimestampSkewOptions>(RuleId::TimestampSkew)
                                .max_skew_ms
                        )
                    ),
                )
                .label("the timestamp")
                .related(date_span, "the date")
                .help("one of the two is wrong: check the article"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1h30m"), Some(5_400_000));
        assert_eq!(parse_duration("24 h"), None);
        assert_eq!(duration(5_400_000), "90m");
    }

    #[test]
    fn classifies() {
        assert_eq!(classify("1626799380000"), Stamp::Millis(1_626_799_380_000));
        assert_eq!(classify("1626799380"), Stamp::Seconds(1_626_799_380));
        assert_eq!(classify("12"), Stamp::OutOfRange);
        assert_eq!(classify("more"), Stamp::NotDigits);
    }

    #[test]
    fn rules() {
        assert_eq!(codes(&with("<!--1626799380000-->\n", "")), ["FM401"]);
        assert_eq!(codes(&with("1626799380000", "1626799380")), ["FM402"]);
        assert_eq!(codes(&with("1626799380000", "soon")), ["FM402"]);
        assert_eq!(codes(&with("1626799380000", "1627059380000")), ["FM403"]);
    }
}
