//! FM403 timestamp-skew: the stamp and `date` are further apart than the tolerance.

use serde_json::{Value, json};

use super::{Stamp, classify, stamp};
use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::options::{OptionError, Options};
use crate::rules::{Context, RuleImpl};
use crate::yaml::Node;

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::TimestampSkew,
    check: Some(check),
    options: Some(crate::rules::options::OptionsSpec::of::<TimestampSkewOptions>()),
};

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

/// `90m`, `24h`, `2d`, `1h30m`, `3600s`, `500ms` in milliseconds. humantime reads more (spaces,
/// `hours`, weeks, fractions, a bare `0`); the configuration keeps to numbers and the units `ms`,
/// `s`, `m`, `h`, `d` written together, the pattern its schema publishes.
pub fn parse_duration(text: &str) -> Option<i64> {
    let t = text.trim();
    let ours = t.ends_with(['m', 's', 'h', 'd'])
        && t.bytes().all(|b| b.is_ascii_digit() || b"mshd".contains(&b));
    if !ours {
        return None;
    }
    i64::try_from(humantime::parse_duration(t).ok()?.as_millis()).ok()
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

fn human_duration(ms: i64) -> String {
    let mins = ms / 60_000;
    let (d, h, m) = (mins / 1440, (mins % 1440) / 60, mins % 60);
    match (d, h) {
        (0, 0) => format!("{m} min"),
        (0, _) => format!("{h} h {m} min"),
        _ => format!("{d} d {h} h"),
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    // FM402's to report when the stamp does not read as milliseconds.
    let Some(stamp) = stamp(post) else {
        return;
    };
    let Stamp::Millis(ms) = classify(post.slice(&stamp.inner)) else {
        return;
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
                    RuleId::TimestampSkew,
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
        assert_eq!(parse_duration(" 500ms\n"), Some(500));
        assert_eq!(parse_duration("1s1m"), Some(61_000));
        // What humantime reads beyond the schema's pattern stays refused.
        for beyond in ["0", "24 hours", "1h 30m", "1.5h", "2w", "1M", "1y", "30sec", "1h30"] {
            assert_eq!(parse_duration(beyond), None, "{beyond}");
        }
        assert_eq!(duration(5_400_000), "90m");
        assert_eq!(human_duration(90_000_000), "1 d 1 h");
    }

    #[test]
    fn three_days_apart_is_reported() {
        assert_eq!(codes(&with("1626799380000", "1627059380000")), ["FM403"]);
        assert_eq!(codes(CANON), Vec::<&str>::new());
    }
}
