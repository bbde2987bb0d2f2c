//! FM002 unterminated-front-matter: The front matter has no closing `---` line.

use crate::diagnostic::Diagnostic;
use crate::post::{Post, Split};
use crate::registry::RuleId;
use crate::rules::RuleImpl;

/// Not a per-post [`Context`](crate::rules::Context) check: the structure gate
/// ([`super::check`]) runs it before any rule, and the other rules run only if it passes.
pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::UnterminatedFrontMatter,
    check: None,
    options: None,
};

pub fn find(post: &Post<'_>) -> Option<Diagnostic> {
    let Split::Unterminated { open } = &post.split else {
        return None;
    };
    Some(
        Diagnostic::new(
            RuleId::UnterminatedFrontMatter,
            open.clone(),
            "the front matter opened here is never closed",
        )
        .label("opened here, no closing `---` line follows")
        .help("add a line `---` after the last field; until then Jekyll reads the fields as body text"),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn an_unclosed_front_matter_stops_the_rest() {
        assert_eq!(codes("---\ntitle: \"x\"\nbody\n"), ["FM002"]);
    }

    #[test]
    fn dashes_inside_the_body_do_not_matter() {
        let text = format!("{}\n---\nmore\n---\n", CANON);
        assert_eq!(codes(&text), Vec::<&str>::new());
    }
}
