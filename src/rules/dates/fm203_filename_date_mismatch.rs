//! FM203 filename-date-mismatch: the file name's date is another day than the date in the
//! site's timezone.

use super::{date_span, in_posts_folder, written_date};
use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::FilenameDateMismatch,
    check: Some(check),
    options: None,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    // An undated name is FM204's, an unreadable date FM202's: there is no day to compare.
    let Some(Ok(file_day)) = ctx.filename_date() else {
        return;
    };
    let Some((entry, Ok(date))) = written_date(ctx) else {
        return;
    };
    let day = date.day_in(ctx.timezone());
    // Outside `_posts` Jekyll takes no date from the name. Asked last: reading the folders
    // costs more than the rest, and most days agree.
    if day == file_day || !in_posts_folder(post.path) {
        return;
    }
    let zone = ctx
        .timezone()
        .map_or("UTC".to_string(), |t| t.name().to_string());
    out.push(
        Diagnostic::new(
            RuleId::FilenameDateMismatch,
            date_span(entry),
            format!("the file name says {file_day}, but the date is {day} in {zone}"),
        )
        .label(format!("{day} in {zone}: Jekyll puts this day in the URL"))
        .help("rename the file or correct the date")
        .subject("date"),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn another_day_in_the_name_is_reported() {
        assert_eq!(codes_at("_posts/2021-07-22-x.md", CANON), ["FM203"]);
        assert_eq!(codes_at("_posts/2021-07-20-x.md", CANON), Vec::<&str>::new());
        // Drafts take their date from `date` alone.
        assert_eq!(codes_at("_drafts/2021-07-22-x.md", CANON), Vec::<&str>::new());
    }
}
