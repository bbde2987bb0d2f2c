//! Issue 9, item 5: no control character from the input reaches a terminal or a CI log. A post
//! whose title, date, keys, tags and file name hold ESC sequences, OSC 8 links, BEL, C1
//! controls, bare CRs and bidirectional overrides is reported in every text format with those
//! characters escaped (`\u{1b}`); fmlint's own colours are the only escape sequences written.

use std::path::Path;
use std::process::Command;

const NASTY: &[char] = &[
    '\x1b', '\x07', '\x08', '\x7f', '\u{9b}', '\u{85}', '\u{202a}', '\u{202b}', '\u{202c}',
    '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_fmlint"))
}

/// A site with one post full of control characters, raw in the file (not YAML escapes).
fn hostile_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("_posts");
    std::fs::create_dir_all(&posts).unwrap();
    let text = "---\n\
        layout: po\u{202e}st\n\
        title: a\x1b[2Jb \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \u{9b}31m\n\
        date: 2021-07-20 10:40:01 \x1b[31m\u{2066}x\n\
        \x1b[1mkey\u{202e}: 1\n\
        tags: [ \"\x1b[5mblink\", x\ry, \u{85}z ]\n\
        categories: [ c\u{202d} ]\n\
        ---\n\
        body \x1b]0;title\x07\n";
    std::fs::write(posts.join("2021-07-20-a\x1b[2Jb\u{202e}.md"), text).unwrap();
    // Psych refuses raw C0 controls in a document (the post above is FM003's), but reads them
    // from escapes in double quotes: these values reach the rules and their messages.
    let escaped = "---\n\
        layout: \"po\\e[2Jst\"\n\
        title: \"a\\e]8;;https://evil.example\\alink\\e]8;;\\a \\x9b31m \\u202e\"\n\
        date: \"2021-07-20 10:40:01 \\e[31m\"\n\
        \"\\e[1mkey\": 1\n\
        tags: [ \"\\e[5mblink\", \"x\\ry\", \"\\u2066z\", \"\\e[5mblink\" ]\n\
        categories: [ c ]\n\
        ---\n\
        body\n";
    std::fs::write(posts.join("2021-07-21-escaped.md"), escaped).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(bin())
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap();
    let mut all = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    all.push_str(&String::from_utf8(out.stderr).expect("stderr is UTF-8"));
    all
}

/// Every ESC in `out` starts an SGR colour (`ESC [ digits ; m`), and no other control
/// character, bare CR or bidirectional control is there at all.
fn assert_inert(what: &str, out: &str) {
    let bytes = out.as_bytes();
    for (i, _) in out.match_indices('\x1b') {
        let rest = &bytes[i + 1..];
        let sgr = rest.first() == Some(&b'[')
            && rest[1..]
                .iter()
                .position(|b| !(b.is_ascii_digit() || *b == b';'))
                .is_some_and(|p| rest[1 + p] == b'm');
        assert!(
            sgr,
            "{what}: a raw escape sequence at byte {i}: {:?}",
            &out[i..(i + 20).min(out.len())]
        );
    }
    for c in NASTY.iter().filter(|c| **c != '\x1b') {
        assert!(!out.contains(*c), "{what}: a raw {c:?} in\n{out}");
    }
    assert!(
        !out.replace("\r\n", "\n").contains('\r'),
        "{what}: a bare CR in\n{out}"
    );
}

#[test]
fn text_formats_show_control_characters_escaped() {
    let dir = hostile_site();
    for color in ["never", "always"] {
        for format in ["human", "concise", "github"] {
            let what = format!("--format {format} --color {color}");
            let out = run(
                dir.path(),
                &["--format", format, "--color", color, "--show-all", "."],
            );
            assert_inert(&what, &out);
            if color == "never" {
                assert!(!out.contains('\x1b'), "{what}: {out}");
            }
            // The characters are still there to see.
            assert!(out.contains("\\u{1b}"), "{what}: {out}");
            assert!(out.contains("\\u{202e}"), "{what}: {out}");
        }
    }
    for args in [
        &["--diff", "--color", "always", "."][..],
        &["--statistics", "--color", "never", "."],
        &["inspect", "."],
        &["config", "_posts"],
    ] {
        let out = run(dir.path(), args);
        assert_inert(&args.join(" "), &out);
    }
}

#[test]
fn machine_formats_stay_valid() {
    let dir = hostile_site();
    for format in ["json", "sarif"] {
        let out = run(dir.path(), &["--format", format, "-q", "."]);
        let v: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{format}: {e}: {out}"));
        // The values are kept exactly, escaped by JSON itself (SARIF's file URIs
        // percent-encode the name's ESC).
        let kept = if format == "sarif" { "%1B" } else { "\\u001b" };
        assert!(v.to_string().contains(kept), "{format}: {out}");
    }
    let out = run(dir.path(), &["--format", "junit", "-q", "."]);
    // XML 1.0 cannot hold most control characters at all: they must not be there raw.
    roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("junit: {e}: {out}"));
}

/// The underline in the source snippet stays under the characters it means when the line
/// before them holds escaped control characters.
#[test]
fn the_snippet_underlines_the_right_characters() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("_posts");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::write(
        posts.join("2021-07-20-a.md"),
        // Psych (libyaml) refuses a raw ESC anywhere in a document (that is FM003's); the
        // bidirectional controls are characters YAML accepts in a plain title.
        "---\ntitle: \u{2066}\u{202e} 联合 plain\n---\n",
    )
    .unwrap();
    let out = run(dir.path(), &["--color", "never", "--select", "FM602", "."]);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("title: "))
        .unwrap_or_else(|| panic!("no snippet in\n{out}"));
    let (src, marks) = (lines[at], lines[at + 1]);
    let col = |s: &str, byte: usize| s[..byte].chars().count();
    let value = "\\u{2066}\\u{202e} 联合 plain";
    let start = col(src, src.find(value).unwrap());
    // Columns as drawn: the two CJK characters are two cells wide each.
    let end = start + value.chars().count() + 2;
    let first = marks.find(['─', '┬']).unwrap();
    let last = marks.rfind(['─', '┬']).unwrap();
    assert_eq!(
        (col(marks, first), col(marks, last) + 1),
        (start, end),
        "\n{src}\n{marks}"
    );
}

/// A 1 MB date is not echoed whole: a value quoted into a message is cut, and so is the line
/// drawn in the snippet.
#[test]
fn huge_values_are_cut_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("_posts");
    std::fs::create_dir_all(&posts).unwrap();
    let huge = "9".repeat(1 << 20);
    std::fs::write(
        posts.join("2021-07-20-a.md"),
        format!("---\ntitle: \"x\"\ndate: 2021-07-20 {huge}\nauthor: {huge}\n---\n"),
    )
    .unwrap();
    for format in ["human", "concise", "github", "json", "sarif", "junit"] {
        let out = run(dir.path(), &["--format", format, "--color", "never", "."]);
        assert!(
            !out.contains(&huge[..1000]),
            "{format}: the value is echoed at length ({} bytes of output)",
            out.len()
        );
    }
}
