//! The fast reader against the general one (`builder`, libyaml), its oracle: on documents
//! from a grammar of near-plain lines full of traps, and on the edge cases where it declines.
//! `tests/yaml_fast.rs` does the same on the recorded Psych verdicts, generated posts and the
//! real sites.

use proptest::prelude::*;

use crate::yaml::{Loader, fast_path_check};

/// Reads `text` with both readers under both loaders; panics where they differ. Whether the
/// fast reader took it, under Psych.
fn agree(text: &str) -> bool {
    let mut took = false;
    for loader in [Loader::Psych, Loader::SafeYaml] {
        match fast_path_check(text, 0..text.len(), loader) {
            Ok(None) => took |= loader == Loader::Psych,
            Ok(Some(_)) => {}
            Err(diff) => panic!("{loader:?} on {text:?}:\n{diff}"),
        }
    }
    took
}

fn taken(text: &str) -> bool {
    agree(text)
}

fn declined(text: &str) -> Option<&'static str> {
    agree(text);
    fast_path_check(text, 0..text.len(), Loader::Psych).unwrap()
}

const KEYS: &[&str] = &[
    "layout",
    "title",
    "date",
    "tags",
    "yes",
    "no",
    "On",
    "y",
    "null",
    "1",
    "010",
    "1_0",
    "0x1F",
    "3.5",
    "2021-07-20",
    "a-b",
    "a.b",
    "a/b",
    "_x",
    "é",
    "联合早报",
    "Key",
    "x y",
    "<<",
    "? k",
    "-k",
    "k-",
    "'q'",
    "\"d\"",
    "a:b",
    "k#",
    "&a",
    "*a",
    "!t",
    "k\t",
    "k ",
    ".k",
    "%k",
    "@k",
    "`k",
    "~",
    "[k]",
    "{k}",
    "---",
    "...",
    "- k",
    "k\u{85}",
    "k\u{feff}",
    "",
    "a\\b",
];

const SEPS: &[&str] = &[": ", ": ", ": ", ":", ":  ", ":\t", " :", ":x", "::", ": :"];

/// Values: the first 40 are what real posts write (the fast reader takes them), the rest
/// mostly traps.
const PIECES: &[&str] = &[
    "post",
    "联合早报",
    "Hello World",
    "yes",
    "no",
    "No",
    "~",
    "null",
    "true",
    "off",
    "010",
    "0x1F",
    "1_000",
    "1,000",
    "3.5",
    ".5",
    "1e3",
    ".inf",
    "2021",
    "-1",
    "1:20",
    "-1:20.5",
    "2021-07-20",
    "2021-02-30",
    "2021-07-20T10:40:01.779Z",
    "2021-07-20 10:40:01 +0800",
    "https://www.zaobao.com/x?a=1&b=2",
    "a:b",
    "a #b",
    "C#",
    "\"q\"",
    "\"a \\\" b\"",
    "'it''s'",
    "it's",
    "a\\b",
    "[a, b]",
    "[ 联合早报 ]",
    "[]",
    "[a b, 'c d', \"e\"]",
    "\"\\u00e9\\x41\\U0001F600\"",
    // Traps from here.
    "Null",
    "0b1",
    "1.0e+3",
    "-.inf",
    ".nan",
    "+1",
    "1:20.5",
    "190:20:30",
    ":sym",
    ":",
    "::",
    "?",
    "?x",
    "-",
    "-x",
    "- x",
    "--x",
    "2021-7-2",
    "2021-07-20 10:40:01",
    "2021-13-01 10:00:00",
    "a: b",
    "a:",
    "a#b",
    "#1",
    "# c",
    "\"\\n\\t\\\\\\/\\0\\N\\_\\L\\P\\e\\ \"",
    "\"\\q\"",
    "\"\\x4\"",
    "\"\\uD800\"",
    "\"a",
    "\"a\\",
    "\"# not a comment\"",
    "\"\"",
    "'s'",
    "''",
    "'''",
    "'a",
    "'a\\b'",
    "back\\",
    "[ ]",
    "[a,b]",
    "[a, ]",
    "[,]",
    "[a, [b]]",
    "[a, {b: c}]",
    "[a: b]",
    "[a:b]",
    "[a #c]",
    "[a, b",
    "[?a]",
    "[-1]",
    "[yes, 010, ~]",
    "[:a]",
    "[\"a\" , 'b' ]",
    "[a]]",
    "{a: b}",
    "{}",
    "&a x",
    "*a",
    "!tag x",
    "!!str 1",
    "|",
    ">",
    "|-",
    "%p",
    "@at",
    "`t`",
    "x|y",
    ">gt",
    "a, b",
    "a,b",
    "]",
    "}",
    ",",
    "a  b",
    "tab\there",
    "—",
    "Ünïcödé",
    "emoji 🎉",
    "\u{3000}x",
    "x\u{a0}",
    "a\u{85}b",
    "a\u{2028}b",
    "\u{feff}x",
    "a\u{1}b",
    "a\u{7f}b",
    "\u{9f}",
    "a\rb",
    "...",
    "---",
    "x ---",
    "*",
    "&",
    "!",
];

/// Block scalar headers: the ones posts write first.
const HEADERS: &[&str] = &[
    ">", "|", ">-", "|-", ">", "|+", ">+", "> ", ">2", "|1-", ">-2", "> # c", ">#c", ">x", "|0",
];

const TRAILS: &[&str] = &[
    "", "", "", " ", "  ", " # c", "  # c: d", "# c", " #", "\t", " \t",
];

/// Lines other than `key: value`.
const OTHER: &[&str] = &[
    "",
    "   ",
    "# comment",
    "#",
    "  # indented comment",
    "- item",
    "-",
    "- ",
    "-  spaced",
    "  continuation",
    " more",
    "- # c",
    "  - item",
    "  - \"q\"",
    "  - 'q'",
    "  - [a]",
    "  -",
    " - item",
    "    - item",
    "- - a",
    "- a: b",
    "  key: nested",
    "- yes",
    "- 010",
    "- :sym",
    "- 1:20",
    "---",
    "...",
    "--- x",
    "%YAML 1.1",
    "\t- a",
    "? k",
    ": v",
    "\u{feff}x: y",
    "x",
    "&a",
    "<<: *a",
    "  ",
];

const ENDS: &[&str] = &["\n", "\n", "\n", "\r\n", "\r\n", "\r"];

/// A document from the grammar: `---` or not, then lines, each from its tuple of choices.
fn document(lines: &[(usize, usize, usize, usize, usize, usize)], head: usize) -> String {
    let crlf = head.is_multiple_of(3);
    let mut s = String::new();
    let end = |s: &mut String, pick: usize| {
        let e = if pick.is_multiple_of(23) {
            ENDS[pick % ENDS.len()]
        } else if crlf {
            "\r\n"
        } else {
            "\n"
        };
        s.push_str(e);
    };
    match head % 5 {
        0..=2 => s.push_str("---"),
        3 => s.push_str("---  "),
        _ => {}
    }
    if head % 5 != 4 {
        end(&mut s, head / 5);
    }
    for &(kind, k, sep, v1, v2, t) in lines {
        let piece = |v: usize| {
            PIECES[if v.is_multiple_of(10) {
                v % PIECES.len()
            } else {
                v % 40
            }]
        };
        if kind.is_multiple_of(5) {
            // Blank and comment lines mostly, a trap now and then.
            s.push_str(
                OTHER[if k.is_multiple_of(4) {
                    k % OTHER.len()
                } else {
                    k % 5
                }],
            );
        } else if kind % 7 == 1 {
            // A block scalar: the header, then lines mostly indented as the first.
            s.push_str(KEYS[k % 23]);
            s.push_str(": ");
            s.push_str(HEADERS[sep % HEADERS.len()]);
            let indent = ["  ", "  ", " ", "    "][v1 % 4];
            for i in 0..1 + v2 % 5 {
                end(&mut s, t + i);
                let line = (v1 / 4 + i * 13) % 40;
                match line {
                    0..=4 => {}
                    5 => s.push_str(OTHER[(v2 + i) % OTHER.len()]),
                    6 => s.push_str("   "),
                    7 => s.push_str(indent.get(1..).unwrap_or("")),
                    _ => s.push_str(indent),
                }
                if line > 6 {
                    s.push_str(piece(v2 / 5 + i));
                }
                if line == 8 {
                    s.push_str(TRAILS[(t + i) % TRAILS.len()]);
                }
            }
        } else {
            // Mostly the keys, separators and values real posts have, with traps.
            s.push_str(
                KEYS[if k.is_multiple_of(16) {
                    k % KEYS.len()
                } else {
                    k % 23
                }],
            );
            s.push_str(if sep.is_multiple_of(20) {
                SEPS[sep % SEPS.len()]
            } else {
                ": "
            });
            if v1 % 5 != 0 {
                s.push_str(piece(v1));
                if v2.is_multiple_of(6) {
                    s.push_str([" ", "", "  "][v2 % 3]);
                    s.push_str(piece(v2));
                }
            }
            s.push_str(
                TRAILS[if t.is_multiple_of(10) {
                    t % TRAILS.len()
                } else {
                    t % 8
                }],
            );
            if v1.is_multiple_of(5) && v2 % 3 != 0 {
                // A block sequence, indented or not, under the key waiting for its value.
                let indent = ["", "  ", "", "    ", " "][(v2 / 3) % 5];
                for i in 0..1 + v2 % 4 {
                    end(&mut s, t + i);
                    s.push_str(indent);
                    match (v2 + i) % 8 {
                        // Empty items, and `-` without its blank (a plain `-x`).
                        0 => s.push('-'),
                        1 => s.push_str(["- ", "-  # c", "-#c"][v2 % 3]),
                        2 => s.push('-'),
                        _ => s.push_str("- "),
                    }
                    if (v2 + i) % 8 > 1 {
                        s.push_str(piece(v1 / 5 + i * 7));
                    }
                    if i == 2 && kind.is_multiple_of(7) {
                        s.push_str("  # c");
                    }
                }
            }
        }
        if t % 17 != 16 {
            end(&mut s, t);
        }
    }
    s
}

fn lines() -> impl Strategy<Value = Vec<(usize, usize, usize, usize, usize, usize)>> {
    let n = 0usize..1000;
    prop::collection::vec(
        (n.clone(), n.clone(), n.clone(), n.clone(), n.clone(), n),
        0..14,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn fast_reads_as_the_general_reader_does(lines in lines(), head in 0usize..1000) {
        agree(&document(&lines, head));
    }
}

/// The grammar is no vacuous test: the fast reader takes a good share of its documents (and
/// declines a good share).
#[test]
fn the_grammar_exercises_both_paths() {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % 1000) as usize
    };
    let (mut took, total) = (0, 4000);
    for _ in 0..total {
        let n = next() % 12;
        let lines: Vec<_> = (0..n)
            .map(|_| (next(), next(), next(), next(), next(), next()))
            .collect();
        took += usize::from(agree(&document(&lines, next())));
    }
    eprintln!("fast took {took} of {total}");
    assert!(took > total / 5, "fast took {took} of {total}");
    assert!(took < total * 9 / 10, "fast took {took} of {total}");
}

#[test]
fn reads_the_canonical_post() {
    let text = "---\nlayout: post\ntitle: \"中国外交部批美国纠集盟友指责中国网络攻击\"\n\
        date: 2021-07-20T10:40:01.779Z\nauthor: 联合早报\n\
        from: https://www.zaobao.com/realtime/china/story20210720-1171540\n\
        tags: [ 联合早报 ]\ncategories: [ 联合早报 ]\n";
    assert!(taken(text));
    assert!(taken(&text.replace('\n', "\r\n")));
    // As `Post` reads it: from the `---` line to the closing one, in a file with more.
    let file = format!("{text}---\nbody\n");
    assert_eq!(
        fast_path_check(&file, 0..text.len(), Loader::Psych),
        Ok(None)
    );
}

#[test]
fn reads_the_common_shapes() {
    for text in [
        "a: b\n",
        "a: b",
        "---\na: b\n",
        "---   \na: b\n",
        "a:\n",
        "a:",
        "a:   # c\nb: 1\n",
        "# c\n\na: b # c\n\n  # c\nb: 'x ''y'' z'  \n",
        "yes: no\nnull: ~\n010: 1:20\n",
        "a: \"\\u00e9\\t\\\"\"\n",
        "a: []\nb: [ ]\nc: [x, 'y', \"z\"]\n",
        "tags:\n- a\n- b\n",
        "tags:\n  - a\n  # c\n  - \"b\"\n\n  -\nnext: x\n",
        "a: x\na: y\n",
        "a: C# is great\n",
        "a: it's fine?\n",
        "title: -1\nb: -x\nc: ?x\n",
        "a: x\n   \nb: y\n",
        "a: 1\r\nb:\r\n- x\r\n",
        "a: >\n  one\n  two\n\n  three  \nb: x\n",
        "a: |-\n  one\n\n\n  # two\n\n",
        "a: >+\r\n  one\r\n  two\r\n\r\nb: x\r\n",
    ] {
        assert!(taken(text), "{text:?}");
    }
}

#[test]
fn declines_what_it_does_not_read() {
    for (text, why) in [
        ("", "no entries"),
        ("---\n", "no entries"),
        ("# only\n", "no entries"),
        ("\u{feff}a: b\n", "BOM"),
        ("a: b\tc\n", "tab"),
        ("a: b\rc: d\n", "CR"),
        ("a: b\u{85}\n", "control"),
        ("a: b\u{2028}\n", "line separator"),
        ("a: \u{7f}\n", "control"),
        ("a: b\n  c\n", "indented"),
        ("a:\n  b: c\n", "indented"),
        ("a: b\n- c\n", "no key waits"),
        ("- a\n", "no key waits"),
        ("a:\n- b\n  - c\n", "different indentations"),
        ("a:\n  - b\n- c\n", "different indentations"),
        ("--- a\nb: c\n", "after `---`"),
        ("a: b\n---\n", "punctuation"),
        ("a: b\n...\n", "punctuation"),
        ("%YAML 1.1\n---\na: b\n", "punctuation"),
        ("<<: {a: b}\n", "punctuation"),
        ("? a\n: b\n", "punctuation"),
        ("\"a\": b\n", "punctuation"),
        ("a b: c\n", "no `: `"),
        ("a:b: c\n", "followed by no blank"),
        ("a: b: c\n", "`: `"),
        ("a: b:\n", "trailing `:`"),
        ("a: &x b\n", "indicator"),
        ("a: *x\n", "indicator"),
        ("a: !t b\n", "indicator"),
        ("a: {b: c}\n", "indicator"),
        ("a: - b\n", "indicator"),
        ("a: @b\n", "indicator"),
        ("a: :sym\n", "refuses"),
        ("a: \"b\n  c\"\n", "over lines"),
        ("a: \"b\\\n  c\"\n", "over lines"),
        ("a: \"\\q\"\n", "unknown escape"),
        ("a: \"\\x4\"\n", "hex"),
        ("a: \"\\uD800\"\n", "no character"),
        ("a: 'b\n  c'\n", "over lines"),
        ("a: \"b\"#c\n", "after a value"),
        ("a: \"b\" c\n", "after a value"),
        ("a: [b]#c\n", "after a value"),
        ("a: [b, ]\n", "trailing comma"),
        ("a: [b\n  , c]\n", "over lines"),
        ("a: [b: c]\n", "other content"),
        ("a: [[b]]\n", "indicator"),
        ("a: [b #c]\n", "other content"),
        ("a: [-1]\n", "indicator"),
        ("a: >2\n  b\n", "header with more"),
        ("a: > # c\n  b\n", "header with more"),
        ("a: >\nb: c\n", "no text"),
        ("a: >\n\n  b\n", "no text"),
        ("a: >\n  b\n    c\n", "indented otherwise"),
        ("a: >\n  b\n c\n", "indented otherwise"),
        ("a: >\n  b\n   \n  c\n", "of spaces"),
        ("a: >\n  b", "line break"),
        ("- a: >\n  b\n", "no key waits"),
    ] {
        let got = declined(text).unwrap_or_else(|| panic!("fast read {text:?}"));
        assert!(got.contains(why), "{text:?}: {got}");
    }
}

#[test]
fn declines_a_key_libyaml_forgets() {
    let long = format!("{}: b\n", "k".repeat(1001));
    assert!(declined(&long).is_some_and(|w| w.contains("long key")));
    assert!(taken(&format!("{}: b\n", "k".repeat(1000))));
}

/// Text made mostly of what a front matter holds, with the characters `check_chars` refuses or
/// must look at twice (controls, CR, C1, NEL, LS, PS, BOM, U+FFFE/F, and their neighbours
/// sharing a lead byte) sprinkled in, so that blocks of 32 bytes hold none, one or several.
fn char_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => "[a-z: ,\\[\\]'\"#-]{1,40}",
        3 => "[联合早报中国新闻]{1,12}",
        1 => Just("\n".to_string()),
        1 => Just("\r\n".to_string()),
        1 => prop::sample::select(vec![
            "\t", "\r", "\u{0}", "\u{1b}", "\u{7f}", "\u{85}", "\u{9f}", "\u{a0}", "é", "\u{2028}",
            "\u{2029}", "\u{2027}", "\u{201c}", "—", "\u{feff}", "\u{fffe}", "\u{ffff}", "\u{fffd}",
            "\u{ef00}",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    /// The check a block at a time says what the check byte by byte says, wherever the blocks
    /// fall in the text (the prefix shifts them).
    #[test]
    fn chars_checked_by_blocks_as_byte_by_byte(text in char_soup(), shift in 0usize..32) {
        let text = format!("{}{text}", "x".repeat(shift));
        let b = text.as_bytes();
        prop_assert_eq!(
            super::check_chars(b),
            super::check_bytes(b, 0, b.len()),
            "{:?}",
            text
        );
    }
}

/// The byte-by-byte reading `block_plain_end` had before it passed over blocks, the whole line
/// read by `plain_bytes`: its oracle.
fn plain_end_bytewise(b: &[u8], v: usize, ce: usize) -> Result<usize, &'static str> {
    let mut last = v;
    super::plain_bytes(b, v, ce, ce, &mut last)?;
    Ok(last)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    /// A plain scalar ends where the byte-by-byte reading says, on lines of every length and
    /// with blanks, colons and `#` at every place relative to the blocks.
    #[test]
    fn plain_ends_by_blocks_as_byte_by_byte(
        line in "[a-z :#é联]{0,80}",
        v in 0usize..40,
        cut in 0usize..10,
    ) {
        let b = line.as_bytes();
        let v = v.min(b.len());
        let ce = b.len().saturating_sub(cut).max(v);
        prop_assert_eq!(
            super::block_plain_end(b, v, ce),
            plain_end_bytewise(b, v, ce),
            "{:?} from {} to {}",
            line,
            v,
            ce
        );
    }
}
