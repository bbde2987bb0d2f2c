//! FM707 date-offset: a date's UTC offset as written is not one the schema's `offset` allows.

use chrono::FixedOffset;

use super::{judge_values, shown, value_span};
use crate::datetime::{self, DateInput, JekyllDate, Zone};
use crate::diagnostic::Diagnostic;
use crate::registry::RuleId;
use crate::rules::{Context, RuleImpl};
use crate::yaml::{Node, Scalar};

pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::DateOffset,
    check: Some(check),
    options: None,
};

/// The value read as Jekyll reads a date, when it is one.
fn as_date(ctx: &Context<'_>, value: &Node) -> Option<JekyllDate> {
    let input = match value.scalar()? {
        Scalar::Time(t) => DateInput::Timestamp(t),
        Scalar::Date(t) => DateInput::Day(t),
        Scalar::Str(s) => DateInput::Text(s),
        _ => return None,
    };
    datetime::read(input, ctx.timezone()).ok()
}

/// `+08:00`, `-05:30`, `+00:00`.
fn format_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
}

/// The offsets a field allows, for messages: `+00:00` or `+08:00 or +09:00`.
fn offsets_phrase(offsets: &[i32]) -> String {
    if offsets.is_empty() {
        return "no offset at all (the field's `offset` list is empty)".to_string();
    }
    offsets
        .iter()
        .map(|o| format_offset(*o))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The same instant written with an allowed offset, when the instant does not depend on the
/// build machine (a zone-less text without a site timezone does). The author's layout stays:
/// RFC 3339 stays RFC 3339, anything else becomes `2021-07-20 10:40:01 +0000`, the form
/// Jekyll's own post template writes.
fn rewritten(date: &JekyllDate, written: &str, offsets: &[i32]) -> Option<String> {
    if date.zone
        == (Zone::SiteLocal {
            site_zone_set: false,
        })
    {
        return None;
    }
    let offset = FixedOffset::east_opt(*offsets.first()?)?;
    if written.contains(['T', 't']) {
        let moved = JekyllDate {
            offset,
            ..date.clone()
        };
        return Some(moved.to_rfc3339());
    }
    let local = date.instant.with_timezone(&offset);
    let mut out = local.format("%Y-%m-%d %H:%M:%S").to_string();
    if let Some(f) = &date.fraction {
        out.push('.');
        out.push_str(f);
    }
    out.push_str(&local.format(" %z").to_string());
    Some(out)
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    judge_values(ctx, out, |entry, spec| {
        let offsets = spec.offsets.as_ref()?;
        // A value that is no date at all is FM702's (or FM202's) to report.
        let date = as_date(ctx, &entry.value)?;
        let written = (date.zone == Zone::Explicit).then(|| date.offset.local_minus_utc());
        if written.is_some_and(|o| offsets.contains(&o)) {
            return None;
        }
        let allowed = offsets_phrase(offsets);
        let message = match written {
            Some(o) => format!(
                "{} has the offset {}, expected {allowed}",
                shown(ctx, entry),
                format_offset(o)
            ),
            None => format!(
                "{} has no UTC offset, expected {allowed}",
                shown(ctx, entry)
            ),
        };
        let help = match rewritten(&date, &entry.value.display(), offsets) {
            Some(fixed) => format!("write the same instant with an allowed offset: `{fixed}`"),
            None => format!("write the date with an allowed offset ({allowed})"),
        };
        Some(
            Diagnostic::new(RuleId::DateOffset, value_span(entry), message)
                .label(format!("expected an offset of {allowed}"))
                .help(help),
        )
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::schema::testing::*;

    #[test]
    fn offsets_as_written() {
        let config = "fields:\n  date: { type: date, offset: [\"+00:00\", \"+08:00\"] }\n";
        let date = |d: &str| with("2021-07-20T10:40:01.779Z", d);
        assert_eq!(codes(config, CANON), NONE);
        assert_eq!(codes(config, &date("2021-07-20T18:40:01.779+08:00")), NONE);
        assert_eq!(
            codes(config, &date("2021-07-20T19:40:01.779+09:00")),
            ["FM707"]
        );
        // No offset written: fails, whatever YAML or the site's zone makes of it.
        let zoneless = "ignore: [FM201]\nfields:\n  date: { type: date, offset: \"+00:00\" }\n";
        assert_eq!(codes(zoneless, &date("2021-07-20 10:40:01.779")), ["FM707"]);
        assert_eq!(
            codes(zoneless, &date("\"2021-07-20 10:40:01.779\"")),
            ["FM707"]
        );
    }

    #[test]
    fn messages_say_what_was_expected() {
        let d = diagnostics("fields:\n  date: { type: date, offset: \"+08:00\" }\n", CANON);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "`date: 2021-07-20T10:40:01.779Z` has the offset +00:00, expected +08:00"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("write the same instant with an allowed offset: `2021-07-20T18:40:01.779+08:00`")
        );
        assert_eq!(&CANON[d[0].span.clone()], "2021-07-20T10:40:01.779Z");
    }

    #[test]
    fn the_suggested_date_keeps_the_authors_layout() {
        let text = with("2021-07-20T10:40:01.779Z", "2021-07-20 18:40:01 +0800");
        let d = diagnostics("fields:\n  date: { type: date, offset: \"+00:00\" }\n", &text);
        let help: Vec<_> = d
            .iter()
            .filter(|d| d.code() == "FM707")
            .filter_map(|d| d.help.as_deref())
            .collect();
        assert_eq!(
            help,
            ["write the same instant with an allowed offset: `2021-07-20 10:40:01 +0000`"]
        );
    }
}
