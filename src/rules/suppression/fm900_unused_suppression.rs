//! FM900 unused-suppression: A suppression comment that suppresses nothing, or names no rule.

use crate::rules::Settings;
use crate::diagnostic::{Diagnostic, quote};
use crate::registry::RuleId;
use crate::rules::RuleImpl;

use super::Directive;

/// Not a per-post check: it judges the suppressions once every other rule has run and
/// [`super::apply`] has dropped what they cover.
pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::UnusedSuppression,
    check: None,
    options: None,
};

/// Reports each directive (or rule named in one) that covered nothing: `used[d][r]` says
/// whether rule `r` of directive `d` (or `d` itself, when it names none) covered a diagnostic.
pub(super) fn report(
    ds: &[Directive],
    used: &[Vec<bool>],
    settings: &Settings,
    diags: &mut Vec<Diagnostic>,
) {
    if !settings.selection.rules().contains(RuleId::UnusedSuppression) {
        return;
    }
    for (di, d) in ds.iter().enumerate() {
        if d.rules.is_empty() {
            if !used[di][0] {
                diags.push(
                    Diagnostic::new(
                        RuleId::UnusedSuppression,
                        d.span.clone(),
                        "this suppression suppresses nothing",
                    )
                    .label("nothing to suppress")
                    .help("remove the comment"),
                );
            }
            continue;
        }
        for (ri, (rule, word, span)) in d.rules.iter().enumerate() {
            match rule {
                None => diags.push(
                    Diagnostic::new(
                        RuleId::UnusedSuppression,
                        span.clone(),
                        format!("{} is not a rule", quote(word)),
                    )
                    .label("no such rule")
                    .help("give a code (FM201) or a name (date-format); `fmlint rules` lists them"),
                ),
                // A rule that is off cannot fire; its suppression is not known to be unused.
                Some(r) if !used[di][ri] && settings.selection.contains(r) => diags.push(
                    Diagnostic::new(
                        RuleId::UnusedSuppression,
                        span.clone(),
                        format!("{} suppresses nothing here", quote(word)),
                    )
                    .label(format!("{} {} did not fire", r.code, r.name))
                    .help("remove it from the comment"),
                ),
                Some(_) => {}
            }
        }
    }
}


#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn unused_and_unknown() {
        let next = with("date: ", "# fmlint-disable-next-line FM201\ndate: ");
        assert_eq!(codes(&next), ["FM900"]);
        let unknown = with("date: ", "# fmlint-disable-next-line FM2x1\ndate: ");
        assert_eq!(codes(&unknown), ["FM900"]);
        // Only the next key is covered, not the one after it.
        let far = with("2021-07-20T10:40:01.779Z", "2021-07-20 18:40:01 +0800")
            .replace("title: ", "# fmlint-disable-next-line FM201\ntitle: ");
        assert_eq!(codes(&far), ["FM201", "FM900"]);
        // A `#` inside a quoted value is not a comment.
        let quoted = with("\"中国外交部批美国\"", "\"a # fmlint-disable-line FM201\"")
            .replace("[中国外交部批美国]", "[a # fmlint-disable-line FM201]");
        assert_eq!(codes(&quoted), Vec::<&str>::new());
    }
}
