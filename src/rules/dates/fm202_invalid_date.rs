//! FM202 invalid-date: the date is not one Jekyll can read, or a day that does not exist.

use super::{date_span, written_date};
use crate::datetime::DateProblem;
use crate::diagnostic::{Diagnostic, quote};
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::InvalidDate,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some((entry, Err(problem))) = written_date(ctx) else {
        return;
    };
    let span = date_span(entry);
    let raw = post.slice(&entry.value.span);
    let d = match problem {
        DateProblem::Invalid { reason } => {
            let shown = if raw.is_empty() {
                "(empty)".to_string()
            } else {
                quote(raw)
            };
            Diagnostic::new(
                RuleId::InvalidDate,
                span,
                format!("date {shown} is not a date Jekyll can read ({reason})"),
            )
            .label("Jekyll stops the whole site's build on this")
            .help("write it as RFC 3339, e.g. `2021-07-20T10:40:01Z`")
        }
        DateProblem::FromBuildTime { reason } => Diagnostic::new(
            RuleId::InvalidDate,
            span,
            format!("date `{raw}` is not a whole date ({reason})"),
        )
        .label("the post's date changes with every build")
        .help("write it as RFC 3339, e.g. `2021-07-20T10:40:01Z`"),
        DateProblem::Impossible {
            written, moved_to, ..
        } => Diagnostic::new(
            RuleId::InvalidDate,
            span,
            format!("date {} names a day that does not exist", quote(written)),
        )
        .label(format!("Jekyll silently publishes it as {moved_to}"))
        .help("correct the day"),
    };
    // FM102 yields to it on an empty `date` (registry): the subject says which key.
    out.push(d.subject("date"));
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn invalid_dates_silence_the_rest() {
        for bad in [
            " 2021-13-20T10:40:01Z",
            " sometime last week",
            " \"\"",
            "",
            " ~",
            " \"  \"",
            " 2021-02-30T10:00:00Z",
        ] {
            let text = with(" 2021-07-20T10:40:01.779Z", bad);
            assert_eq!(codes(&text), ["FM202"], "{bad}");
        }
    }
}
