//! FM6xx: the canonical formatting of the front matter. Warnings: Jekyll reads these posts
//! right, but an archive of tens of thousands reads best in one shape.

crate::rules::family! {
    fm601_key_order,
    fm602_title_quoting,
    fm603_term_list_style,
    fm604_whitespace,
}

pub use fm601_key_order::KeyOrderOptions;
pub use fm604_whitespace::{LineEndings, WhitespaceOptions, WhitespaceScope};

/// A post after `fmlint fix` under the default settings, for the fix tests of FM602 and FM603.
#[cfg(test)]
fn fixed(text: &str) -> crate::fix::Fixed {
    crate::fix::fix_text(
        std::path::Path::new("_posts/2021-07-20-x.md"),
        text,
        &Default::default(),
        &Default::default(),
        false,
    )
}
