//! FM005 not-a-mapping: The front matter is not a key/value mapping.

use crate::diagnostic::Diagnostic;
use crate::post::Post;
use crate::registry::RuleId;
use crate::rules::RuleImpl;
use crate::yaml::Document;

/// Not a per-post [`Context`](crate::rules::Context) check: the structure gate
/// ([`super::check`]) runs it before any rule, and the other rules run only if it passes.
pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::NotAMapping,
    check: None,
    options: None,
};

pub fn find(post: &Post<'_>) -> Option<Diagnostic> {
    let Some(Ok(Document::Other(node))) = &post.yaml else {
        return None;
    };
    Some(
        Diagnostic::new(
            RuleId::NotAMapping,
            node.span.clone(),
            format!(
                "the front matter is {}, not a mapping of `key: value` lines",
                node.type_name()
            ),
        )
        .label("expected `key: value` lines")
        .help("write each field as `key: value` on its own line"),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_list_stops_the_rest() {
        assert_eq!(codes("---\n- a\n- b\n---\nbody\n"), ["FM005"]);
    }
}
