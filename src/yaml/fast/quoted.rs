//! Quoted scalars on one line, read as libyaml's `scan_flow_scalar` reads them: the text as
//! written (blanks inside a line are kept), escapes in double quotes, `''` in single quotes.
//! One that goes on past its line is left to libyaml, which folds it.

use std::borrow::Cow;

use super::{Step, scalar};
use crate::yaml::model::{Node, Scalar, Style};

/// The text read: the file's own bytes between `run` and `end` when nothing was undone before
/// them (nearly every title), else what was made with them appended.
fn text<'a>(file: &'a str, made: Option<String>, run: usize, end: usize) -> Cow<'a, str> {
    match made {
        None => Cow::Borrowed(&file[run..end]),
        Some(mut s) => {
            s.push_str(&file[run..end]);
            Cow::Owned(s)
        }
    }
}

/// `"…"` on one line. libyaml keeps a single line's text as written but for escapes,
/// which are read as its `scan_flow_scalar` reads them; a backslash before the line's end
/// (a continuation) is declined.
pub(super) fn double(file: &str, v: usize, ce: usize) -> Step<Node<'_>> {
    let b = file.as_bytes();
    let mut made: Option<String> = None;
    let (mut i, mut run) = (v + 1, v + 1);
    loop {
        // A title runs for dozens of bytes to its quote: `memchr` finds the next one that matters.
        let Some(k) = b
            .get(i..ce)
            .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
        else {
            return Err("a double-quoted scalar over lines");
        };
        i += k;
        match b[i] {
            b'"' => break,
            _ => {
                let s = made.get_or_insert_with(String::new);
                s.push_str(&file[run..i]);
                if i + 1 >= ce {
                    return Err("a double-quoted scalar over lines");
                }
                let code = match b[i + 1] {
                    b'x' => 2,
                    b'u' => 4,
                    b'U' => 8,
                    e => {
                        s.push(simple_escape(e).ok_or("an unknown escape")?);
                        0
                    }
                };
                i += 2;
                if code > 0 {
                    let hex = b.get(i..i + code).filter(|_| i + code <= ce);
                    let hex = hex.ok_or("a short escape")?;
                    if !hex.iter().all(u8::is_ascii_hexdigit) {
                        return Err("an escape without its hex digits");
                    }
                    let n = u32::from_str_radix(&file[i..i + code], 16)
                        .map_err(|_| "an escape without its hex digits")?;
                    s.push(char::from_u32(n).ok_or("an escape of no character")?);
                    i += code;
                }
                run = i;
            }
        }
    }
    let s = text(file, made, run, i);
    Ok(scalar(Scalar::Str(s), Style::DoubleQuoted, v..i + 1))
}

/// `'…'` on one line: the text as written, `''` read as `'`.
pub(super) fn single(file: &str, v: usize, ce: usize) -> Step<Node<'_>> {
    let b = file.as_bytes();
    let mut made: Option<String> = None;
    let (mut i, mut run) = (v + 1, v + 1);
    loop {
        let Some(k) = b.get(i..ce).and_then(|rest| memchr::memchr(b'\'', rest)) else {
            return Err("a single-quoted scalar over lines");
        };
        i += k;
        if i + 1 < ce && b[i + 1] == b'\'' {
            made.get_or_insert_with(String::new)
                .push_str(&file[run..=i]);
            i += 2;
            run = i;
            continue;
        }
        break;
    }
    let s = text(file, made, run, i);
    Ok(scalar(Scalar::Str(s), Style::SingleQuoted, v..i + 1))
}

/// libyaml's one-character escapes in a double-quoted scalar.
fn simple_escape(e: u8) -> Option<char> {
    Some(match e {
        b'0' => '\0',
        b'a' => '\x07',
        b'b' => '\x08',
        b't' => '\t',
        b'n' => '\n',
        b'v' => '\x0b',
        b'f' => '\x0c',
        b'r' => '\r',
        b'e' => '\x1b',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        _ => return None,
    })
}
