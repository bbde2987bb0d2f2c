//! FM402 invalid-timestamp: the stamp comment is not epoch milliseconds between 1990 and 2100.

use super::{Stamp, classify, stamp};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, quote};
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::InvalidTimestamp,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(stamp) = stamp(post) else {
        return;
    };
    let inner = post.slice(&stamp.inner);
    match classify(inner) {
        Stamp::Millis(_) => {}
        Stamp::Seconds(s) => {
            out.push(
                Diagnostic::new(
                    RuleId::InvalidTimestamp,
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
        }
        Stamp::OutOfRange => {
            out.push(
                Diagnostic::new(
                    RuleId::InvalidTimestamp,
                    stamp.inner.clone(),
                    format!(
                        "timestamp {} is outside 1990–2100 in epoch milliseconds",
                        quote(inner.trim())
                    ),
                )
                .label("expected 13 digits, e.g. `1626799380000`"),
            );
        }
        Stamp::NotDigits => {
            out.push(
                Diagnostic::new(
                    RuleId::InvalidTimestamp,
                    stamp.inner.clone(),
                    format!(
                        "timestamp comment holds {}, not epoch milliseconds",
                        quote(inner.trim())
                    ),
                )
                .label("expected digits only, e.g. `1626799380000`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn seconds_are_multiplied_and_words_are_reported() {
        let text = with("1626799380000", "1626799380");
        assert_eq!(codes(&text), ["FM402"]);
        let d = &diagnostics(&text)[0];
        assert_eq!(d.fix.as_ref().unwrap().edits[0].replacement, "1626799380000");
        assert_eq!(codes(&with("1626799380000", "soon")), ["FM402"]);
        assert_eq!(codes(&with("1626799380000", "12")), ["FM402"]);
    }
}
