//! Conventions adopted at some point: a field nearly every post has since some month, but most
//! posts before lack (the Ruby site's `date` from 2013). The field is required since then, and
//! an override names the earlier posts by their file names' dates.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::fields::field_spec;
use super::profile::{Counter, FieldRule, OverrideRule, thousands};
use crate::init::observe::Observation;

/// The first month of each era, and the fields it brought.
pub(super) type Eras = BTreeMap<NaiveDate, Vec<String>>;

/// Each field's schema over the whole site, or over its era when the whole site does not keep
/// it but the posts since some month do.
pub(super) fn field_specs(
    obs: &[&Observation],
    names: &[String],
    c: &Counter,
) -> (Vec<FieldRule>, Eras) {
    let mut eras = Eras::new();
    let mut base = Vec::new();
    for name in names {
        let (mut spec, mut note) = field_spec(obs, name, c);
        if !spec.present
            && let Some(cut) = era_start(obs, name, c)
        {
            let since: Vec<&Observation> = obs
                .iter()
                .copied()
                .filter(|o| o.file_day.is_some_and(|d| d >= cut))
                .collect();
            let (s, nt) = field_spec(&since, name, c);
            if s.present {
                spec = s;
                note = format!("{nt} (of the posts dated since {})", cut.format("%Y-%m"));
                eras.entry(cut).or_default().push(name.clone());
            }
        }
        base.push(FieldRule {
            name: name.clone(),
            spec,
            note,
        });
    }
    (base, eras)
}

/// One override per era, latest first: the posts dated before it do without its fields.
pub(super) fn overrides(
    obs: &[&Observation],
    base: &[FieldRule],
    eras: &Eras,
) -> Vec<OverrideRule> {
    let first_year = obs
        .iter()
        .filter_map(|o| o.file_day)
        .map(|d| d.year())
        .min()
        .unwrap_or(1970);
    let mut out = Vec::new();
    for (cut, fields) in eras.iter().rev() {
        let before = obs
            .iter()
            .filter(|o| o.file_day.is_some_and(|d| d < *cut))
            .count();
        out.push(OverrideRule {
            paths: globs_before(*cut, first_year),
            fields: fields
                .iter()
                .filter_map(|f| {
                    let b = base.iter().find(|b| &b.name == f)?;
                    let mut s = b.spec.clone();
                    s.present = false;
                    s.non_empty = false;
                    Some((f.clone(), s))
                })
                .collect(),
            note: format!(
                "{} dated before {} do without {}",
                thousands(before),
                cut.format("%Y-%m"),
                fields
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    out
}

/// The globs for posts whose file name is dated before `cut` (the first of a month).
fn globs_before(cut: NaiveDate, first_year: i32) -> Vec<String> {
    let mut out = Vec::new();
    let mut y = first_year;
    while y < cut.year() {
        // A whole decade at once where it all comes before the cut.
        if y % 10 == 0 && y + 10 <= cut.year() {
            out.push(format!("**/_posts/**/{}*-*", y / 10));
            y += 10;
        } else {
            out.push(format!("**/_posts/**/{y}-*"));
            y += 1;
        }
    }
    for m in 1..cut.month() {
        out.push(format!("**/_posts/**/{}-{m:02}-*", cut.year()));
        if m < 10 {
            out.push(format!("**/_posts/**/{}-{m}-*", cut.year()));
        }
    }
    out
}

/// The first month from which nearly every post has the field, when it is absent from most
/// posts before (a convention adopted at some point, like the Ruby site's `date` in 2013): of
/// the months after which nearly every post has it, the earliest that leaves the fewest posts
/// without it after.
fn era_start(obs: &[&Observation], name: &str, c: &Counter) -> Option<NaiveDate> {
    let mut dated: Vec<(NaiveDate, bool)> = obs
        .iter()
        .filter_map(|o| Some((o.file_day?, o.has(name))))
        .collect();
    dated.sort();
    let n = dated.len();
    let total_with = dated.iter().filter(|d| d.1).count();
    let mut with_before = 0;
    let mut best: Option<(usize, NaiveDate)> = None;
    let mut i = 0;
    while i < n {
        let month = dated[i].0.with_day(1)?;
        let after = n - i;
        let with_after = total_with - with_before;
        let missing_after = after - with_after;
        // At least a fifth of the posts on each side, and most posts before it without.
        if after * 5 >= n
            && i * 5 >= n
            && c.holds(with_after, after)
            && with_before * 2 <= i
            && best.is_none_or(|(m, _)| missing_after < m)
        {
            best = Some((missing_after, month));
        }
        while i < n && dated[i].0.with_day(1) == Some(month) {
            with_before += usize::from(dated[i].1);
            i += 1;
        }
    }
    best.map(|b| b.1)
}
