//! The hand matchers of `shapes` against the regexes they replace (the oracle).

use std::sync::LazyLock;

use proptest::prelude::*;
use regex::Regex;

use super::shapes;

static STRING_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^0-9.:\-]?[\p{Alphabetic}_ \t\r\n\x0c\x0b!@#$%^&*(){}<>|/\\~;=]+").unwrap()
});
static NULL_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(~|null)$").unwrap());
static TRUE_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(yes|true|on)$").unwrap());
static FALSE_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(no|false|off)$").unwrap());
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{4}-(?:1[012]|0[0-9]|[0-9])-(?:[12][0-9]|3[01]|0[0-9]|[0-9])$").unwrap()
});
static INF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^[-+]?\.inf$").unwrap());
static NAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\.nan$").unwrap());
static SEXAGESIMAL_INT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$").unwrap());
static SEXAGESIMAL_FLOAT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\.[0-9_]*$").unwrap());
static FLOAT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?$").unwrap());
static INTEGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$")
        .unwrap()
});

type Matcher = fn(&str) -> bool;

fn pairs() -> [(&'static str, Matcher, &'static LazyLock<Regex>); 11] {
    [
        ("STRING_LIKE", shapes::string_like, &STRING_LIKE),
        ("NULL_WORD", shapes::null_word, &NULL_WORD),
        ("TRUE_WORD", shapes::true_word, &TRUE_WORD),
        ("FALSE_WORD", shapes::false_word, &FALSE_WORD),
        ("DATE", shapes::date, &DATE),
        ("INF", shapes::inf, &INF),
        ("NAN", shapes::nan, &NAN),
        ("SEXAGESIMAL_INT", shapes::sexagesimal_int, &SEXAGESIMAL_INT),
        (
            "SEXAGESIMAL_FLOAT",
            shapes::sexagesimal_float,
            &SEXAGESIMAL_FLOAT,
        ),
        ("FLOAT", shapes::float, &FLOAT),
        ("INTEGER", shapes::integer, &INTEGER),
    ]
}

fn assert_agree(s: &str) {
    for (name, hand, re) in pairs() {
        assert_eq!(hand(s), re.is_match(s), "{name} on {s:?}");
    }
}

/// The pieces the hard cases are made of: digits and the separators of numbers and times,
/// signs, prefixes, the words Psych knows (in any case), chars that fold to ASCII under `(?i)`,
/// letters of other scripts (one that only a later Unicode calls a letter), newlines.
const PIECES: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "5",
    "6",
    "7",
    "8",
    "9",
    "00",
    "01",
    "12",
    "13",
    "29",
    "31",
    "32",
    "59",
    "60",
    "99",
    "2021",
    "-",
    "+",
    ":",
    ".",
    "_",
    ",",
    "T",
    "t",
    "Z",
    "z",
    " ",
    "\t",
    "\n",
    "\r",
    "0x",
    "0b",
    "0o",
    "e",
    "E",
    "e+",
    "E-",
    ".inf",
    ".Inf",
    ".NAN",
    ".nan",
    "inf",
    "yes",
    "Yes",
    "No",
    "ON",
    "off",
    "oFF",
    "true",
    "FALSE",
    "~",
    "null",
    "Null",
    "ſ",
    "\u{212A}",
    "K",
    "y",
    "n",
    "f",
    "a",
    "x",
    "F",
    "é",
    "联",
    "\u{088F}",
    "\u{10940}",
    "!",
    "@",
    "(",
    "=",
    "\\",
    "/",
    "#",
    "'",
    "\"",
    "%",
    "?",
    "\u{0}",
    "\u{a0}",
    "\u{2028}",
];

fn hard() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..8).prop_map(|v| v.concat())
}

/// Texts of each shape, to be edited into their near misses.
const SEEDS: &[&str] = &[
    "2021-07-20",
    "2021-7-2",
    "2021-12-31",
    "1:20",
    "-1:20:30",
    "1:20.5",
    "+1:5:59._5",
    "1_000",
    "1,000",
    "0x1F",
    "-0x_f,",
    "0b101",
    "0b_1,",
    "017",
    "0_7",
    "-1.5e+3",
    "1,2_3.45E-6",
    ".5",
    "+.",
    ".inf",
    "-.INF",
    ".NaN",
    "yes",
    "No",
    "oFF",
    "TRUE",
    "~",
    "null",
    ":sym",
    "+12_3",
    "a b",
    "-a",
    "é1",
    "!x",
];

/// A seed with up to three pieces inserted, removed or replaced.
fn near_miss() -> impl Strategy<Value = String> {
    crate::near_miss::near_miss(SEEDS, PIECES)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn matchers_agree_with_their_regexes_on_hard_cases(s in hard()) {
        assert_agree(&s);
    }

    #[test]
    fn matchers_agree_with_their_regexes_on_near_misses(s in near_miss()) {
        assert_agree(&s);
    }

    #[test]
    fn matchers_agree_with_their_regexes_on_any_text(s in "\\PC{0,8}|[-+0-9._,:eExXbB]{0,10}") {
        assert_agree(&s);
    }
}

#[test]
fn matchers_agree_on_the_edges() {
    for s in [
        "",
        " ",
        "~",
        "~~",
        "null",
        "NULL",
        "nuLL",
        "yes",
        "yeſ",
        "YEſ",
        "falſe",
        "no",
        "nO",
        "on",
        "On",
        "off",
        "true",
        "y",
        "n",
        "yesterday",
        "2021-07-20",
        "2021-7-2",
        "2021-13-01",
        "2021-12-31",
        "2021-12-32",
        "2021-00-00",
        "202-07-20",
        "20211-07-20",
        "2021-07-",
        "2021--",
        "2021-07-20-",
        ".inf",
        "-.inf",
        "+.INF",
        "--.inf",
        ".nan",
        "-.nan",
        ".NaN",
        "1:20",
        "-1:20",
        "+1:20:30",
        "1:2:3:4",
        "1:60",
        "1:6",
        "1:59",
        "_1:20",
        "1_:20",
        "1:20.5",
        "1:20.",
        "1:20._",
        "1:20.5.5",
        "1.5",
        ".5",
        "-.",
        ".",
        "1.",
        "1.e+5",
        "1.5e5",
        "1.5e+",
        "1,0.5",
        "1e3",
        "0",
        "00",
        "08",
        "010",
        "0b",
        "0b1",
        "0b12",
        "0x",
        "0x1F",
        "0xg",
        "-0x_",
        "1_000",
        "1__0",
        "1_",
        "1,",
        "1,0",
        "+0",
        "-",
        "+",
        ":rocket",
        ":",
        "é1",
        "1é",
        "!1",
        "-a",
        "0a",
        "a0",
        ":a",
        ".a",
        "\u{088F}1",
        "x\u{088F}",
        "\na",
        "1\n",
    ] {
        assert_agree(s);
    }
}

/// `alphabetic` is the regex crate's `\p{Alphabetic}`, over every char.
#[test]
fn alphabetic_is_the_regex_crates() {
    let re = Regex::new(r"^\p{Alphabetic}$").unwrap();
    let mut buf = [0; 4];
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        assert_eq!(
            shapes::alphabetic(c),
            re.is_match(c.encode_utf8(&mut buf)),
            "U+{:04X}",
            c as u32
        );
    }
}

/// No char but the ASCII letters themselves and `ſ` folds to a letter of the words under the
/// regex's `(?i)`, over every char.
#[test]
fn only_long_s_folds_into_the_words() {
    let re = Regex::new("(?i)^[nulyestrofai]$").unwrap();
    let mut buf = [0; 4];
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        let expected = "nulyestrofai".contains(c.to_ascii_lowercase()) || c == 'ſ';
        assert_eq!(
            re.is_match(c.encode_utf8(&mut buf)),
            expected,
            "U+{:04X}",
            c as u32
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    /// The test a fix makes without copying is the reading's: text that Psych reads as that
    /// same string, and nothing else.
    #[test]
    fn reads_as_text_is_what_resolving_says(s in near_miss()) {
        let resolved = super::resolve_plain(&s);
        let as_text = matches!(&resolved, crate::yaml::Scalar::Str(r) if *r == s);
        prop_assert_eq!(super::plain_reads_as_text(&s), as_text, "{:?} resolves to {:?}", s, resolved);
    }
}
