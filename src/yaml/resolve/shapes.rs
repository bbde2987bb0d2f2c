//! The shapes Psych's `tokenize` tries on a plain scalar, matched by hand. Hand-written
//! because building and running a dozen regexes on every plain scalar was a tenth of the
//! instructions spent on a post; each matcher decides exactly what its regex decides (the
//! regexes are kept in `tests.rs` as the oracle, and proptests hold the two together).

/// `\p{Alphabetic}` as the regex crate's tables have it (Unicode 16). `char::is_alphabetic`
/// follows the toolchain's Unicode, which can be later: the letters Unicode 17 added are
/// taken out so that the typing of a scalar does not depend on the compiler. A test compares
/// the two over every char.
pub(super) fn alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    // The CJK Unified Ideographs, all letters in both: a Chinese title's first char, most often.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    c.is_alphabetic()
        && (c < NEWER_THAN_REGEX[0].0
            || !NEWER_THAN_REGEX
                .iter()
                .any(|&(lo, hi)| (lo..=hi).contains(&c)))
}

/// The Alphabetic ranges of Unicode 17 that Unicode 16 does not have.
const NEWER_THAN_REGEX: [(char, char); 24] = [
    ('\u{088F}', '\u{088F}'),
    ('\u{0C5C}', '\u{0C5C}'),
    ('\u{0CDC}', '\u{0CDC}'),
    ('\u{A7CE}', '\u{A7CF}'),
    ('\u{A7D2}', '\u{A7D2}'),
    ('\u{A7D4}', '\u{A7D4}'),
    ('\u{A7F1}', '\u{A7F1}'),
    ('\u{10940}', '\u{10959}'),
    ('\u{10EC5}', '\u{10EC7}'),
    ('\u{10EFA}', '\u{10EFB}'),
    ('\u{11B60}', '\u{11B67}'),
    ('\u{11DB0}', '\u{11DDB}'),
    ('\u{16EA0}', '\u{16EB8}'),
    ('\u{16EBB}', '\u{16ED3}'),
    ('\u{16FF2}', '\u{16FF6}'),
    ('\u{187F8}', '\u{187FF}'),
    ('\u{18D09}', '\u{18D1E}'),
    ('\u{18D80}', '\u{18DF2}'),
    ('\u{1E6C0}', '\u{1E6DE}'),
    ('\u{1E6E0}', '\u{1E6F5}'),
    ('\u{1E6FE}', '\u{1E6FF}'),
    ('\u{2B73A}', '\u{2B73F}'),
    ('\u{2CEA2}', '\u{2CEAD}'),
    ('\u{323B0}', '\u{33479}'),
];

/// The class of `STRING_LIKE`: a letter, `_`, whitespace, or one of `!@#$%^&*(){}<>|/\~;=`.
fn string_char(c: char) -> bool {
    match c {
        '_' | ' ' | '\t' | '\r' | '\n' | '\x0c' | '\x0b' => true,
        '!' | '@' | '#' | '$' | '%' | '^' | '&' | '*' | '(' | ')' | '{' | '}' => true,
        '<' | '>' | '|' | '/' | '\\' | '~' | ';' | '=' => true,
        _ => alphabetic(c),
    }
}

/// `^[^0-9.:\-]?[class]+`: the first char is in the class, or the first is not one of
/// `0-9.:-` and the second is in the class.
pub(super) fn string_like(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        None => false,
        Some(c) if string_char(c) => true,
        Some('0'..='9' | '.' | ':' | '-') => false,
        Some(_) => chars.next().is_some_and(string_char),
    }
}

/// `(?i)^word$` for a lower-case ASCII `word`. The regex folds case by Unicode's simple
/// folding, under which `ſ` (U+017F) is an `s` (`yeſ` is true); no other char folds to a
/// letter of the words asked for (checked over every char in the tests).
pub(super) fn is_word(s: &str, word: &str) -> bool {
    let mut chars = s.chars();
    for w in word.bytes() {
        let folded = match chars.next() {
            Some('ſ') => b's',
            Some(c) if c.is_ascii() => (c as u8).to_ascii_lowercase(),
            _ => return false,
        };
        if folded != w {
            return false;
        }
    }
    chars.next().is_none()
}

pub(super) fn null_word(s: &str) -> bool {
    s == "~" || is_word(s, "null")
}

pub(super) fn true_word(s: &str) -> bool {
    is_word(s, "yes") || is_word(s, "true") || is_word(s, "on")
}

pub(super) fn false_word(s: &str) -> bool {
    is_word(s, "no") || is_word(s, "false") || is_word(s, "off")
}

/// `^[0-9]{4}-(?:1[012]|0[0-9]|[0-9])-(?:[12][0-9]|3[01]|0[0-9]|[0-9])$`.
pub(super) fn date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let rest = &b[5..];
    let Some(dash) = rest.iter().position(|&c| c == b'-') else {
        return false;
    };
    let month = match rest[..dash] {
        [d] => d.is_ascii_digit(),
        [b'1', d] => matches!(d, b'0'..=b'2'),
        [b'0', d] => d.is_ascii_digit(),
        _ => false,
    };
    let day = match rest[dash + 1..] {
        [d] => d.is_ascii_digit(),
        [b'0'..=b'2', d] => d.is_ascii_digit(),
        [b'3', d] => matches!(d, b'0' | b'1'),
        _ => false,
    };
    month && day
}

fn unsigned(s: &str) -> &str {
    s.strip_prefix(['-', '+']).unwrap_or(s)
}

/// `(?i)^[-+]?\.inf$`.
pub(super) fn inf(s: &str) -> bool {
    is_word(unsigned(s), ".inf")
}

/// `(?i)^\.nan$`.
pub(super) fn nan(s: &str) -> bool {
    is_word(s, ".nan")
}

/// `^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$`.
pub(super) fn sexagesimal_int(s: &str) -> bool {
    let mut parts = unsigned(s).split(':');
    let first = parts.next().unwrap_or_default().as_bytes();
    if !first.first().is_some_and(u8::is_ascii_digit)
        || !first.iter().all(|&b| b.is_ascii_digit() || b == b'_')
    {
        return false;
    }
    let mut n = 0;
    for part in parts {
        n += 1;
        let base60 = match part.as_bytes() {
            [d] => d.is_ascii_digit(),
            [b'0'..=b'5', d] => d.is_ascii_digit(),
            _ => false,
        };
        if n > 2 || !base60 {
            return false;
        }
    }
    n >= 1
}

/// `^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\.[0-9_]*$`: no `.` can come before the fraction's.
pub(super) fn sexagesimal_float(s: &str) -> bool {
    s.split_once('.').is_some_and(|(whole, fraction)| {
        sexagesimal_int(whole) && fraction.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    })
}

/// `^[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?$`.
pub(super) fn float(s: &str) -> bool {
    let b = unsigned(s).as_bytes();
    let mut i = 0;
    if b.first().is_some_and(u8::is_ascii_digit) {
        i = 1 + b[1..]
            .iter()
            .take_while(|&&c| c.is_ascii_digit() || c == b'_' || c == b',')
            .count();
    }
    if b.get(i) != Some(&b'.') {
        return false;
    }
    i += 1;
    i += b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    match &b[i..] {
        [] => true,
        [b'e' | b'E', b'-' | b'+', digits @ ..] => {
            !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// `^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$`.
pub(super) fn integer(s: &str) -> bool {
    fn all(rest: &[u8], class: impl Fn(u8) -> bool) -> bool {
        !rest.is_empty() && rest.iter().all(|&c| class(c))
    }
    let sep = |c: u8| c == b'_' || c == b',';
    match unsigned(s).as_bytes() {
        [b'0', b'b', rest @ ..] if all(rest, |c| matches!(c, b'0' | b'1') || sep(c)) => true,
        [b'0', b'x', rest @ ..] if all(rest, |c| c.is_ascii_hexdigit() || sep(c)) => true,
        [b'0'] => true,
        [b'0', rest @ ..] => all(rest, |c| matches!(c, b'0'..=b'7') || sep(c)),
        [b'1'..=b'9', rest @ ..] => {
            // Digits, each `,` or `_` followed by a digit.
            let mut it = rest.iter();
            while let Some(&c) = it.next() {
                if !(c.is_ascii_digit() || (sep(c) && it.next().is_some_and(u8::is_ascii_digit))) {
                    return false;
                }
            }
            true
        }
        _ => false,
    }
}
