//! FM0xx: whether the file has a front matter Jekyll can read at all. These rules gate the
//! others: without a mapping there is nothing to judge. FM000 is raised before a post exists
//! (reading and decoding the file); FM007 is a per-post check of its own family (`loader`).

use crate::diagnostic::Diagnostic;
use crate::post::Post;

crate::rules::family! {
    fm000_io_error,
    fm001_missing_front_matter,
    fm002_unterminated_front_matter,
    fm003_invalid_yaml,
    fm004_duplicate_key,
    fm005_not_a_mapping,
    fm006_refused_value,
}

/// Checks the block itself. Returns false when the other rules cannot run.
pub fn check(post: &Post<'_>, out: &mut Vec<Diagnostic>) -> bool {
    // At most one of these holds: they tell apart the ways a post has no mapping to judge.
    let fatal = fm001_missing_front_matter::find(post)
        .or_else(|| fm002_unterminated_front_matter::find(post))
        .or_else(|| fm003_invalid_yaml::find(post))
        .or_else(|| fm005_not_a_mapping::find(post))
        .or_else(|| fm006_refused_value::find(post));
    if let Some(d) = fatal {
        out.push(d);
        return false;
    }
    fm004_duplicate_key::find(post, out);
    true
}
