//! FM204 undated-filename: a file under _posts whose name does not start with YYYY-MM-DD-.

use super::in_posts_folder;
use crate::diagnostic::{Diagnostic, quote};
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::UndatedFilename,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    // The name's date first: it is read once for FM203 too, the folders are not.
    if ctx.filename_date().is_some() || !in_posts_folder(post.path) {
        return;
    }
    let name = post
        .path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    out.push(
        Diagnostic::new(
            RuleId::UndatedFilename,
            0..0,
            format!("{} does not start with `YYYY-MM-DD-`", quote(&name)),
        )
        .label("Jekyll silently skips this file")
        .help(match ctx.valid_date() {
            Some(d) => format!(
                "rename it to {}",
                quote(&format!(
                    "{}-{name}",
                    d.day_in(ctx.timezone()).format("%Y-%m-%d")
                ))
            ),
            None => {
                "rename it to start with the post's date, e.g. `2021-07-20-slug.md`".to_string()
            }
        }),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn undated_names_under_posts_only() {
        assert_eq!(codes_at("_posts/x.md", CANON), ["FM204"]);
        assert_eq!(codes_at("_drafts/x.md", CANON), Vec::<&str>::new());
        assert_eq!(
            codes_at("news/_posts/2021-7-20-x.md", CANON),
            Vec::<&str>::new()
        );
    }
}
