//! How paths are shown to people, and their folder and name read cheaply. A leaf: the walk,
//! the site, the configuration and every report name files the same way without depending on
//! one another.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::path::Path;

/// How a path is shown: as given, `./` dropped, `/` as separator.
pub fn display_path(path: &Path) -> String {
    let s = lossy(path.as_os_str());
    let s = s.strip_prefix("./").unwrap_or(&s);
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.to_string()
    }
}

/// `to_string_lossy`, with the check of a name that is UTF-8 (nearly every one) done by the
/// fast validator rather than the lossy decoder's byte-by-byte walk, and of one that is ASCII
/// (most paths; a post's is asked five times) by a test of its words, a third of the
/// validator's instructions.
pub fn lossy(s: &OsStr) -> Cow<'_, str> {
    let bytes = s.as_encoded_bytes();
    if bytes.is_ascii() {
        // SAFETY: ASCII bytes are UTF-8.
        return Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    match s.to_str() {
        Some(s) => Cow::Borrowed(s),
        None => s.to_string_lossy(),
    }
}

/// What `Path::parent` and `Path::file_name` say of `path`. Each of those parses the path's
/// components again, some 300 instructions, and every post's path is asked several times; a
/// path of the plain shape the walk makes (`dir/name`) is split on its last `/` instead, and
/// any other shape (`a//b`, `a/./b`, `/b`, `a/.`, `..`) is left to them.
pub fn parent_and_name(path: &Path) -> (Option<&Path>, Option<&OsStr>) {
    #[cfg(unix)]
    if let Some(split) = plain_split(path) {
        return split;
    }
    (path.parent(), path.file_name())
}

#[cfg(unix)]
fn plain_split(path: &Path) -> Option<(Option<&Path>, Option<&OsStr>)> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    let (folder, name) = match memchr::memrchr(b'/', bytes) {
        Some(0) => return None,
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (&[][..], bytes),
    };
    let odd_folder = folder.ends_with(b"/") || folder.ends_with(b"/.");
    if name.is_empty() || name == b"." || name == b".." || odd_folder {
        return None;
    }
    Some((
        Some(Path::new(OsStr::from_bytes(folder))),
        Some(OsStr::from_bytes(name)),
    ))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn segment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just(".".to_string()),
            Just("..".to_string()),
            Just("_posts".to_string()),
            Just("2024-01-02-a.md".to_string()),
            "[a-z.~-]{1,4}",
        ]
    }

    proptest! {
        /// The split agrees with `Path::parent` and `Path::file_name` on every shape of path.
        #[test]
        fn agrees_with_std(lead in prop_oneof![Just(""), Just("/"), Just("./")],
                           segs in prop::collection::vec(segment(), 0..5),
                           trail in prop_oneof![Just(""), Just("/")]) {
            let s = format!("{lead}{}{trail}", segs.join("/"));
            let p = Path::new(&s);
            prop_assert_eq!(parent_and_name(p), (p.parent(), p.file_name()), "{:?}", s);
        }
    }

    #[test]
    fn the_walks_shapes_take_the_split() {
        for s in ["_posts/a.md", "./_posts/a.md", "a.md", "x/../_posts/a.md"] {
            assert!(plain_split(Path::new(s)).is_some(), "{s}");
        }
        for s in ["/a.md", "a//b.md", "a/./b.md", "a/.", "a/", ".."] {
            assert!(plain_split(Path::new(s)).is_none(), "{s}");
        }
    }

    #[test]
    fn a_name_that_is_not_utf8_is_shown_lossily() {
        use std::os::unix::ffi::OsStrExt;
        assert_eq!(lossy(OsStr::from_bytes(b"a\xffb")), "a\u{FFFD}b");
        assert!(matches!(lossy(OsStr::new("ä.md")), Cow::Borrowed("ä.md")));
        let ascii = "_posts/2021-07-20-\u{7f}\t~.md";
        assert!(matches!(lossy(OsStr::new(ascii)), Cow::Borrowed(s) if s == ascii));
        assert_eq!(lossy(OsStr::from_bytes(b"\x80.md")), "\u{FFFD}.md");
    }
}
