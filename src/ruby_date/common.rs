//! The common dashed forms read by hand before the passes: `2021-07-20`, and that day with a
//! time and a zone (`2021-13-20T10:40:01.5Z`, `2021-07-20 10:40:01 +0800`, `2021-07-20 10:40`).
//! Hand-written because building the passes' regexes costs a hundred times more than linting a
//! post, and these forms (a quoted timestamp, a date YAML typed as a Date, a timestamp Psych
//! refused for its month 13, a file name's day) need none of them. What the passes find in
//! them, worked out once: `parse_time` takes the time and the zone written after it (and
//! blanks them out), `parse_iso` takes the day, a four-digit year is never completed, and no
//! other pass finds anything. A proptest holds this to the passes.

use super::Fields;

fn number(digits: &[u8]) -> i64 {
    digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0'))
}

/// A run of `min..=max` ASCII digits at the start of `b`, and what follows it.
fn digits(b: &[u8], min: usize, max: usize) -> Option<(&[u8], &[u8])> {
    let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (min..=max).contains(&n).then(|| b.split_at(n))
}

/// A zone `parse_time` takes whole: `Z`, `z`, or a sign and `HH`, `HHMM` or `HH:MM`.
fn zone(b: &[u8]) -> bool {
    match b {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', rest @ ..] => {
            let all = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
            match rest {
                [_, _] | [_, _, _, _] => all(rest),
                [h1, h2, b':', m1, m2] => all(&[*h1, *h2, *m1, *m2]),
                _ => false,
            }
        }
        _ => false,
    }
}

/// `Date._parse`'s fields for `YYYY-M-D`, optionally followed by `T`, `t` or a space, `H:MM`,
/// optionally `:SS` and a fraction, and optionally a zone (a space before it allowed); `None`
/// for any other text.
pub(super) fn date_parse(text: &str) -> Option<Fields> {
    let b = text.as_bytes();
    let (year, rest) = digits(b, 4, 4)?;
    let rest = rest.strip_prefix(b"-")?;
    let (mon, rest) = digits(rest, 1, 2)?;
    let rest = rest.strip_prefix(b"-")?;
    let (mday, rest) = digits(rest, 1, 2)?;
    let mut f = Fields {
        year: Some(number(year)),
        mon: Some(number(mon)),
        mday: Some(number(mday)),
        ..Fields::default()
    };
    let [b'T' | b't' | b' ', rest @ ..] = rest else {
        return rest.is_empty().then_some(f);
    };
    let (hour, rest) = digits(rest, 1, 2)?;
    let rest = rest.strip_prefix(b":")?;
    let (min, mut rest) = digits(rest, 2, 2)?;
    f.hour = Some(number(hour));
    f.min = Some(number(min));
    if let Some(after) = rest.strip_prefix(b":") {
        let (sec, after) = digits(after, 2, 2)?;
        f.sec = Some(number(sec));
        rest = after;
        if let Some(after) = rest.strip_prefix(b".") {
            let n = after.iter().take_while(|c| c.is_ascii_digit()).count();
            if n > 0 {
                f.sec_fraction = Some(text[text.len() - after.len()..][..n].to_string());
            }
            rest = &after[n..];
        }
    }
    let written = rest.strip_prefix(b" ").unwrap_or(rest);
    if !written.is_empty() {
        if !zone(written) {
            return None;
        }
        f.zone = Some(text[text.len() - written.len()..].to_string());
    }
    Some(f)
}
