//! FM401 missing-timestamp: no `<!--epoch-ms-->` comment right after the front matter.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::MissingTimestamp,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let (Some(pre), Some(fence)) = (&post.preamble, post.fence()) else {
        return;
    };
    if pre.timestamp.is_some() {
        return;
    }
    let at = fence.after;
    let mut d = Diagnostic::new(
        RuleId::MissingTimestamp,
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
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_missing_stamp_is_reported_and_inserted() {
        let text = with("<!--1626799380000-->\n", "");
        assert_eq!(codes(&text), ["FM401"]);
        let d = &diagnostics(&text)[0];
        let fix = d.fix.as_ref().unwrap();
        assert_eq!(fix.edits[0].replacement, "<!--1626777601779-->\n");
    }
}
