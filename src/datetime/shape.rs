//! Psych's timestamp and RFC 3339, read by hand. Hand-written because every plain scalar is
//! tried as a timestamp and every post's date read through it: the regexes (kept in
//! `tests.rs` as the oracle, held to these by proptests) cost more to build and run than the
//! rest of the date's reading.

/// The parts of a text of Psych's timestamp shape (`ScalarScanner::TIME`):
/// `^(-?[0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|\s+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})`
/// `(?:\.([0-9]*))?(?:\s*(Z|[-+][0-9]{1,2}:?(?:[0-9]{2})?))?$`, `\s` being Ruby's
/// (`[ \t\n\x0B\x0C\r]`). The offset is `Z` (upper case only) or a sign, one or two hour
/// digits, an optional colon and two optional minute digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PsychTime<'a> {
    pub year: &'a str,
    pub month: &'a str,
    pub day: &'a str,
    pub hour: &'a str,
    pub minute: &'a str,
    pub second: &'a str,
    /// The digits after a `.`, maybe none.
    pub fraction: Option<&'a str>,
    pub zone: Option<&'a str>,
}

fn ruby_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        self.at += usize::from(found);
        found
    }

    /// The longest run of at most `max` digits, if it has at least `min`. Every digit run in
    /// the shape is followed by a non-digit or the end, so taking the longest is what the
    /// regex does.
    fn digits(&mut self, min: usize, max: usize) -> Option<&'a str> {
        let start = self.at;
        let n = self.text.as_bytes()[start..]
            .iter()
            .take(max)
            .take_while(|b| b.is_ascii_digit())
            .count();
        self.at += n;
        (n >= min).then(|| &self.text[start..self.at])
    }

    fn spaces(&mut self) -> usize {
        let n = self.text.as_bytes()[self.at..]
            .iter()
            .take_while(|&&b| ruby_space(b))
            .count();
        self.at += n;
        n
    }
}

/// The offset after its sign: one or two digits, `:`, and none or two digits; or, without a
/// colon, one to four digits (the hour taking one when three are written).
fn zone_digits(rest: &str) -> bool {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    match rest.split_once(':') {
        Some((hours, minutes)) => {
            (1..=2).contains(&hours.len())
                && digits(hours)
                && (minutes.is_empty() || minutes.len() == 2)
                && digits(minutes)
        }
        None => (1..=4).contains(&rest.len()) && digits(rest),
    }
}

/// The parts of a text of Psych's timestamp shape, or `None` when it has another.
pub(super) fn psych_time(text: &str) -> Option<PsychTime<'_>> {
    let (mut c, [year, month, day, hour, minute, second]) = match fixed_start(text) {
        Some(parts) => (Cursor { text, at: 19 }, parts),
        None => general_start(text)?,
    };
    let fraction = if c.eat(b'.') {
        Some(c.digits(0, usize::MAX)?)
    } else {
        None
    };
    let zone = if c.peek().is_none() {
        None
    } else {
        c.spaces();
        let zone = &text[c.at..];
        let ok = zone == "Z" || (zone.starts_with(['+', '-']) && zone_digits(&zone[1..]));
        if !ok {
            return None;
        }
        Some(zone)
    };
    Some(PsychTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
        fraction,
        zone,
    })
}

/// `2021-07-20T10:40:01`: the start nearly every date has, its parts at fixed places, read
/// without the cursor (which cost 500 instructions a date, and a post's date is read twice:
/// when the YAML is typed and when Jekyll's date is). The cursor reads such a start the same
/// way: each run of digits is followed by its separator, and a single blank before a digit is
/// all `\s+` takes.
fn fixed_start(text: &str) -> Option<[&str; 6]> {
    fixed_date_time(text.as_bytes(), |c| matches!(c, b'T' | b't' | b' ')).then(|| {
        [
            &text[0..4],
            &text[5..7],
            &text[8..10],
            &text[11..13],
            &text[14..16],
            &text[17..19],
        ]
    })
}

/// Whether `b` starts `YYYY-MM-DD?hh:mm:ss`, each letter a digit and `?` a byte `separator`
/// takes.
fn fixed_date_time(b: &[u8], separator: impl Fn(u8) -> bool) -> bool {
    let d = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    b.len() >= 19
        && d(0..4)
        && b[4] == b'-'
        && d(5..7)
        && b[7] == b'-'
        && d(8..10)
        && separator(b[10])
        && d(11..13)
        && b[13] == b':'
        && d(14..16)
        && b[16] == b':'
        && d(17..19)
}

/// The cursor after the seconds, and the parts up to them, for any start.
fn general_start(text: &str) -> Option<(Cursor<'_>, [&str; 6])> {
    let mut c = Cursor { text, at: 0 };
    let year_start = c.at;
    c.eat(b'-');
    c.digits(4, 4)?;
    let year = &text[year_start..c.at];
    c.eat(b'-').then_some(())?;
    let month = c.digits(1, 2)?;
    c.eat(b'-').then_some(())?;
    let day = c.digits(1, 2)?;
    if !(c.eat(b'T') || c.eat(b't') || c.spaces() > 0) {
        return None;
    }
    let hour = c.digits(1, 2)?;
    c.eat(b':').then_some(())?;
    let minute = c.digits(2, 2)?;
    c.eat(b':').then_some(())?;
    let second = c.digits(2, 2)?;
    Some((c, [year, month, day, hour, minute, second]))
}

/// `^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$`.
pub(super) fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    if !(b.len() >= 20 && fixed_date_time(b, |c| c == b'T')) {
        return false;
    }
    let mut rest = &b[19..];
    if let [b'.', tail @ ..] = rest {
        let n = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &tail[n..];
    }
    match rest {
        [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()),
        _ => false,
    }
}
