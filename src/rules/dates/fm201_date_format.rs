//! FM201 date-format: the date is valid but not RFC 3339 with an explicit offset.

use super::date_form::DateForm;
use super::{date_span, written_date};
use crate::datetime::{JekyllDate, Zone, is_rfc3339};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, quote};
use crate::registry::RuleId;
use crate::rules::options::{OptionError, Options, OptionsSpec, enum_schema};
use crate::rules::{Context, RuleImpl};
use crate::yaml::{Entry, Node, Scalar};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::DateFormat,
    check: Some(check),
    options: Some(OptionsSpec::of::<DateFormatOptions>()),
};

/// FM201's options.
#[derive(Debug, Clone, Default)]
pub struct DateFormatOptions {
    pub form: DateForm,
}

impl Options for DateFormatOptions {
    const KEYS: &'static [&'static str] = &["form"];

    fn set(&mut self, _key: &str, v: &Node) -> Result<(), OptionError> {
        self.form = DateForm::parse(&v.display()).ok_or_else(|| {
            OptionError::new(
                format!("unknown date form `{}`", v.display()),
                "unknown form",
            )
            .help(format!(
                "one of: {}",
                DateForm::ALL.map(DateForm::name).join(", ")
            ))
        })?;
        Ok(())
    }

    fn describe(&self) -> Vec<(&'static str, String)> {
        vec![("form", self.form.name().to_string())]
    }

    fn schema() -> Vec<(&'static str, serde_json::Value)> {
        vec![(
            "form",
            enum_schema(
                &DateForm::ALL.map(DateForm::name),
                Some("The written form of `date`."),
            ),
        )]
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    // Only a date Jekyll reads has a form to judge (and an instant to rewrite it to); an
    // unreadable one is FM202's.
    let Some((entry, Ok(date))) = written_date(ctx) else {
        return;
    };
    let span = date_span(entry);
    let raw = post.slice(&entry.value.span);
    let text = match entry.value.scalar() {
        Some(Scalar::Str(s) | Scalar::Time(s) | Scalar::Date(s)) => &**s,
        _ => raw,
    };
    let form = ctx
        .settings
        .options::<DateFormatOptions>(RuleId::DateFormat)
        .form;
    if let Some(d) = other_form(form, text, date, &span, entry) {
        out.push(d.subject("date"));
    }
    if form == DateForm::Rfc3339 && !is_rfc3339(text) {
        out.push(not_rfc3339(text, date, span, entry).subject("date"));
    }
}

/// FM201 under the default form: the date, rewritten to its instant in RFC 3339.
fn not_rfc3339(
    text: &str,
    date: &JekyllDate,
    span: std::ops::Range<usize>,
    entry: &Entry,
) -> Diagnostic {
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
    // What is wrong is the form; whether the instant is in doubt depends on where its zone
    // comes from.
    let what = match date.zone {
        Zone::Explicit => "is not in RFC 3339 form (its offset makes the instant unambiguous)",
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
    Diagnostic::new(
        RuleId::DateFormat,
        span,
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
    })
}

/// FM201 under a `form` other than RFC 3339 (set by hand or by `fmlint init`): the date is not
/// written in the site's own form. Only the Ruby form is rewritten, and only when the text
/// gives its offset (the instant is then the file's alone) and no fraction (the form has none).
fn other_form(
    form: DateForm,
    text: &str,
    date: &JekyllDate,
    span: &std::ops::Range<usize>,
    entry: &Entry,
) -> Option<Diagnostic> {
    if form == DateForm::Rfc3339 || form.accepts(text) {
        return None;
    }
    let d = Diagnostic::new(
        RuleId::DateFormat,
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
        use super::DateFormatOptions;
        use crate::config::{DateForm, Settings};
        use crate::lint::lint_text;
        use crate::registry::RuleId;
        let lint = |form: DateForm, date: &str| {
            let mut settings = Settings::default();
            settings
                .options
                .replace(RuleId::DateFormat, DateFormatOptions { form });
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
}
