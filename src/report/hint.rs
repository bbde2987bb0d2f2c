//! The one line `fmlint` adds to its summary when it ran on the built-in defaults over posts
//! that mostly lack the canonical shape those defaults describe: the defaults then report the
//! shape itself on every post, and `fmlint init` would learn the site's own conventions.

use super::Summary;
use crate::registry::RuleId;
use crate::rules;

/// The hint, when most checked posts have neither a timestamp comment nor a header link.
pub fn no_config_hint(summary: &Summary, no_config: bool) -> Option<String> {
    if !no_config || summary.files_checked < 2 {
        return None;
    }
    let count = |r: &rules::Rule| rules::index_of(r).map_or(0, |i| summary.by_rule[i]);
    let lacking =
        count(RuleId::MissingTimestamp.rule()).min(count(RuleId::MissingHeaderLink.rule()));
    (lacking * 2 > summary.files_checked).then(|| {
        format!(
            "hint: {lacking} of {} posts lack the canonical shape fmlint's defaults describe (a \
             timestamp comment and a header link) and no configuration applies: `fmlint init` \
             writes a .fmlint.yml with this site's own conventions.",
            summary.files_checked
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn only_without_configuration_and_when_most_posts_lack_the_shape() {
        let mut s = Summary::new();
        let shapeless = [
            Diagnostic::new(RuleId::MissingTimestamp, 0..0, "x"),
            Diagnostic::new(RuleId::MissingHeaderLink, 0..0, "y"),
        ];
        s.add_file(&shapeless);
        s.add_file(&shapeless);
        s.add_file(&[]);
        assert!(
            no_config_hint(&s, true)
                .unwrap()
                .starts_with("hint: 2 of 3 posts")
        );
        assert_eq!(no_config_hint(&s, false), None);
        s.add_file(&[]);
        assert_eq!(no_config_hint(&s, true), None, "half is not most");
    }
}
