//! FM2xx: the post's date as Jekyll reads it, and the date in its file name.

use chrono::NaiveDate;

use crate::config::DateForm;
use crate::datetime::{DateProblem, JekyllDate, Zone, is_rfc3339};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, quote};
use crate::jekyll;
use crate::rules::{Context, rule};
use crate::yaml::Scalar;

rule!(
    DATE_FORMAT,
    "FM201",
    "date-format",
    Error,
    Sometimes,
    "The date is valid but not RFC 3339 with an explicit offset"
);
rule!(
    INVALID_DATE,
    "FM202",
    "invalid-date",
    Error,
    None,
    "The date is not one Jekyll can read, or a day that does not exist"
);
rule!(
    FILENAME_DATE_MISMATCH,
    "FM203",
    "filename-date-mismatch",
    Warning,
    None,
    "The file name's date is another day than the date in the site's timezone"
);
rule!(
    UNDATED_FILENAME,
    "FM204",
    "undated-filename",
    Error,
    None,
    "A file under _posts whose name does not start with YYYY-MM-DD-"
);

/// Whether the file is read from a `_posts` folder (its first `_posts`/`_drafts` folder is a
/// `_posts`), where Jekyll wants a dated name.
pub fn in_posts_folder(path: &std::path::Path) -> bool {
    path.parent().is_some_and(|p| {
        p.components()
            .map(|c| c.as_os_str())
            .find(|c| *c == "_posts" || *c == "_drafts")
            .is_some_and(|c| c == "_posts")
    })
}

/// The date in a post's file name, when it has one (`Err`: it names no real day). The same
/// reading as `fmlint inspect`'s (`jekyll::filename_day`).
/// A name that is not UTF-8 is judged on its bytes: the date is ASCII, which the lossy form keeps.
pub fn filename_date(path: &std::path::Path) -> Option<Result<NaiveDate, ()>> {
    jekyll::filename_day(&path.file_name()?.to_string_lossy())
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let in_posts = in_posts_folder(post.path);
    let name_date = filename_date(post.path);
    if in_posts && name_date.is_none() {
        let name = post
            .path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        out.push(
            Diagnostic::new(
                &UNDATED_FILENAME,
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
    let (Some(entry), Some(result)) = (post.get("date"), ctx.date()) else {
        return;
    };
    let span = entry.value.span.clone();
    let span = if span.is_empty() {
        entry.key_span.clone()
    } else {
        span
    };
    let raw = post.slice(&entry.value.span);
    match result {
        Err(DateProblem::Invalid { reason }) => {
            let shown = if raw.is_empty() {
                "(empty)".to_string()
            } else {
                quote(raw)
            };
            out.push(
                Diagnostic::new(
                    &INVALID_DATE,
                    span,
                    format!("date {shown} is not a date Jekyll can read ({reason})"),
                )
                .label("Jekyll stops the whole site's build on this")
                .help("write it as RFC 3339, e.g. `2021-07-20T10:40:01Z`"),
            );
        }
        Err(DateProblem::FromBuildTime { reason }) => out.push(
            Diagnostic::new(
                &INVALID_DATE,
                span,
                format!("date `{raw}` is not a whole date ({reason})"),
            )
            .label("the post's date changes with every build")
            .help("write it as RFC 3339, e.g. `2021-07-20T10:40:01Z`"),
        ),
        Err(DateProblem::Impossible {
            written, moved_to, ..
        }) => out.push(
            Diagnostic::new(
                &INVALID_DATE,
                span,
                format!("date {} names a day that does not exist", quote(written)),
            )
            .label(format!("Jekyll silently publishes it as {moved_to}"))
            .help("correct the day"),
        ),
        Ok(date) => {
            let text = match entry.value.scalar() {
                Some(Scalar::Str(s) | Scalar::Time(s) | Scalar::Date(s)) => s.as_str(),
                _ => raw,
            };
            if let Some(d) = other_form(ctx.settings.date_form, text, date, &span, entry) {
                out.push(d);
            }
            if ctx.settings.date_form == DateForm::Rfc3339 && !is_rfc3339(text) {
                let fixed = date.to_rfc3339();
                let applicability = match date.zone {
                    Zone::Explicit | Zone::ImplicitUtc => Applicability::Safe,
                    Zone::SiteLocal { site_zone_set } => {
                        if site_zone_set {
                            Applicability::Safe
                        } else {
                            Applicability::Unsafe
                        }
                    }
                };
                // What is wrong is the form; whether the instant is in doubt depends on
                // where its zone comes from.
                let what = match date.zone {
                    Zone::Explicit => {
                        "is not in RFC 3339 form (its offset makes the instant unambiguous)"
                    }
                    Zone::ImplicitUtc => {
                        "is not in RFC 3339 form and has no offset (unquoted, YAML reads it as UTC)"
                    }
                    Zone::SiteLocal {
                        site_zone_set: true,
                    } => {
                        "is not in RFC 3339 form and has no offset (Jekyll reads it in the site's timezone)"
                    }
                    Zone::SiteLocal {
                        site_zone_set: false,
                    } => {
                        "is not in RFC 3339 form and has no offset, and the site sets no timezone: Jekyll reads it in the build machine's zone, so the instant is ambiguous"
                    }
                };
                out.push(
                    Diagnostic::new(
                        &DATE_FORMAT,
                        span.clone(),
                        format!("date {} {what}", quote(text)),
                    )
                    .label(format!("expected e.g. {}", quote(&fixed)))
                    .help(format!("write `date: {fixed}`"))
                    .fix(Fix {
                        applicability,
                        message: format!("rewrite the date as {}", quote(&fixed)),
                        edits: vec![Edit {
                            range: entry.value.span.clone(),
                            replacement: fixed.clone(),
                        }],
                        changes: Vec::new(),
                    }),
                );
            }
            if in_posts && let Some(Ok(file_day)) = name_date {
                let day = date.day_in(ctx.timezone());
                if day != file_day {
                    let zone = ctx
                        .timezone()
                        .map_or("UTC".to_string(), |t| t.name().to_string());
                    out.push(
                        Diagnostic::new(
                            &FILENAME_DATE_MISMATCH,
                            span,
                            format!(
                                "the file name says {file_day}, but the date is {day} in {zone}"
                            ),
                        )
                        .label(format!("{day} in {zone}: Jekyll puts this day in the URL"))
                        .help("rename the file or correct the date"),
                    );
                }
            }
        }
    }
}

/// FM201 under a `form` other than RFC 3339 (set by hand or by `fmlint init`): the date is not
/// written in the site's own form. Only the Ruby form is rewritten, and only when the text
/// gives its offset (the instant is then the file's alone) and no fraction (the form has none).
fn other_form(
    form: DateForm,
    text: &str,
    date: &JekyllDate,
    span: &std::ops::Range<usize>,
    entry: &crate::yaml::Entry,
) -> Option<Diagnostic> {
    if form == DateForm::Rfc3339 || form.accepts(text) {
        return None;
    }
    let d = Diagnostic::new(
        &DATE_FORMAT,
        span.clone(),
        format!(
            "date `{text}` is not in this site's form, {}",
            form.describe()
        ),
    )
    .label(format!("expected e.g. `{}`", form.example()))
    .help(format!(
        "write the date as {} (FM201's `form: {}`)",
        form.describe(),
        form.name()
    ));
    let fix = (form == DateForm::Ruby && date.zone == Zone::Explicit && date.fraction.is_none())
        .then(|| {
            let fixed = date
                .instant
                .with_timezone(&date.offset)
                .format("%Y-%m-%d %H:%M:%S %z")
                .to_string();
            Fix {
                applicability: Applicability::Safe,
                message: format!("rewrite the date as `{fixed}`"),
                edits: vec![Edit {
                    range: entry.value.span.clone(),
                    replacement: fixed,
                }],
                changes: Vec::new(),
            }
        });
    Some(d.with_fix(fix))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn formats() {
        assert_eq!(
            codes(&with(
                "2021-07-20T10:40:01.779Z",
                "2021-07-20 18:40:01 +0800"
            )),
            ["FM201"]
        );
        assert_eq!(
            codes(&with(
                "2021-07-20T10:40:01.779Z",
                "2021-07-20T18:40:01+08:00"
            )),
            Vec::<&str>::new()
        );
        assert_eq!(
            codes(&with(
                "2021-07-20T10:40:01.779Z",
                "\"2021-07-20T10:40:01Z\""
            )),
            Vec::<&str>::new()
        );
        assert_eq!(
            codes(&with("2021-07-20T10:40:01.779Z", "2021-07-20")),
            ["FM201"]
        );
        assert_eq!(
            codes(&with("2021-07-20T10:40:01.779Z", "July 20, 2021")),
            ["FM201"]
        );
    }

    #[test]
    fn the_site_form_option() {
        use crate::config::{DateForm, Settings};
        use crate::lint::lint_text;
        let lint = |form: DateForm, date: &str| {
            let settings = Settings {
                date_form: form,
                ..Settings::default()
            };
            let text = with("2021-07-20T10:40:01.779Z", date);
            lint_text(
                std::path::Path::new("_posts/2021-07-20-x.md"),
                &text,
                &settings,
                &Default::default(),
            )
        };
        let codes =
            |d: Vec<crate::diagnostic::Diagnostic>| d.iter().map(|d| d.code()).collect::<Vec<_>>();
        assert!(codes(lint(DateForm::Ruby, "2021-07-20 18:40:01 +0800")).is_empty());
        let d = lint(DateForm::Ruby, "2021-07-20 8:40:01 +0800");
        assert_eq!(codes(d.clone()), ["FM201"]);
        assert_eq!(
            d[0].fix.as_ref().unwrap().edits[0].replacement,
            "2021-07-20 08:40:01 +0800"
        );
        assert_eq!(
            codes(lint(DateForm::Ruby, "2021-07-20T10:40:01Z")),
            ["FM201"]
        );
        assert!(codes(lint(DateForm::Local, "2021-7-20 10:40:01")).is_empty());
        assert_eq!(
            codes(lint(DateForm::DateOnly, "2021-07-20 10:40:01")),
            ["FM201"]
        );
        assert!(
            lint(DateForm::DateOnly, "2021-07-20 10:40:01")[0]
                .fix
                .is_none()
        );
        assert!(codes(lint(DateForm::Any, "July 20, 2021")).is_empty());
    }

    #[test]
    fn invalid_dates_silence_the_rest() {
        for bad in [
            " 2021-13-20T10:40:01Z",
            " sometime last week",
            " \"\"",
            "",
            " ~",
            " 2021-02-30T10:00:00Z",
        ] {
            let text = with(" 2021-07-20T10:40:01.779Z", bad);
            assert_eq!(codes(&text), ["FM202"], "{bad}");
        }
    }

    #[test]
    fn filename_dates() {
        assert_eq!(codes_at("_posts/2021-07-22-x.md", CANON), ["FM203"]);
        assert_eq!(codes_at("_posts/x.md", CANON), ["FM204"]);
        assert_eq!(codes_at("_drafts/x.md", CANON), Vec::<&str>::new());
        assert_eq!(
            codes_at("news/_posts/2021-7-20-x.md", CANON),
            Vec::<&str>::new()
        );
    }
}
