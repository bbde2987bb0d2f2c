//! FM001 missing-front-matter: The post does not open with a front-matter line.

use crate::diagnostic::Diagnostic;
use crate::post::{Post, Split};
use crate::registry::RuleId;
use crate::rules::RuleImpl;

/// Not a per-post [`Context`](crate::rules::Context) check: the structure gate
/// ([`super::check`]) runs it before any rule, and the other rules run only if it passes.
pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::MissingFrontMatter,
    check: None,
    options: None,
};

pub fn find(post: &Post<'_>) -> Option<Diagnostic> {
    if !matches!(post.split, Split::NoFrontMatter) {
        return None;
    }
    let start = crate::post::bom_len(post.text);
    let end = crate::post::line_at(post.text, start).map_or(start, |l| l.content.end);
    Some(
        Diagnostic::new(
            RuleId::MissingFrontMatter,
            start..end,
            "the post does not open with a front-matter line `---`",
        )
        .label("expected `---` here, on the first line")
        .help("Jekyll then publishes the post titled from its file name and dated from it; start the file with `---`, the fields, and a closing `---`"),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn no_front_matter_stops_the_rest() {
        assert_eq!(codes("no front matter\n"), ["FM001"]);
    }
}
