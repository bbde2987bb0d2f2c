//! FM000 io-error: The file cannot be read, is not a regular file, links out of its site, or is
//! not UTF-8.

use crate::diagnostic::Diagnostic;
use crate::read::Refused;
use crate::registry::RuleId;
use crate::rules::RuleImpl;

/// Not a per-post check: there is no post to check yet. The run raises it through
/// [`refused`] when the file cannot be read, and `lint::decode` through [`not_utf8`].
pub static RULE: RuleImpl = RuleImpl {
    id: RuleId::IoError,
    check: None,
    options: None,
};

/// A file fmlint does not read: not a regular file, a link out of its site, or unreadable.
pub fn refused(refused: &Refused) -> Diagnostic {
    let label = match refused {
        Refused::NotRegular(_) => "not a regular file",
        Refused::Outside { .. } => "a link out of the site",
        Refused::Io(_) => "unreadable",
    };
    Diagnostic::new(RuleId::IoError, 0..0, refused.to_string()).label(label)
}

/// A file that is not UTF-8: `bad`, the first byte that starts no valid sequence, spans
/// `at..end` of the lossily decoded text.
pub fn not_utf8(at: usize, end: usize, bad: u8) -> Diagnostic {
    Diagnostic::new(
        RuleId::IoError,
        at..end,
        format!("the file is not UTF-8: byte 0x{bad:02x} at offset {at} starts no valid sequence"),
    )
    .label("not UTF-8")
    .help("Jekyll skips this post (`invalid byte sequence in UTF-8`); convert the file to UTF-8")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_bad_byte_is_pointed_at() {
        let (text, d) = *crate::lint::decode(b"---\nt\xff: x\n".to_vec()).unwrap_err();
        assert_eq!(d.code(), "FM000");
        assert_eq!(d.span, 5..8);
        assert_eq!(&text[d.span.clone()], "\u{fffd}");
        assert!(d.message.contains("byte 0xff at offset 5"), "{}", d.message);
    }

    #[test]
    fn a_refused_file_says_why() {
        let d = super::refused(&crate::read::Refused::NotRegular("a named pipe"));
        assert_eq!((d.code(), d.span.clone()), ("FM000", 0..0));
        assert!(d.message.starts_with("not a regular file (a named pipe)"));
    }
}
