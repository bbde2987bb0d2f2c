//! fmlint's YAML reading against Psych's, the loader of the Jekyll that judges.
//!
//! Documents come from a small grammar of the constructs where YAML parsers part ways (tabs,
//! flow collections over lines, comments without a space, `? ` keys, document markers,
//! multi-line plain scalars, quotes, anchors, aliases, merge keys, tags, symbols, BOMs, control
//! characters), plus hand-picked cases from real sites. `tests/psych/verdicts.json` holds what
//! Ruby's Psych (`Psych.safe_load(permitted_classes: [Date, Time], aliases: true)`, as
//! `Jekyll::Utils.safe_load_yaml`) made of each, recorded with `tests/psych/read.rb`:
//! - `recorded_verdicts_hold`: always runs; fmlint must read each document as recorded.
//! - `live_psych_agrees`: runs where `ruby` is installed (ignored with the reason elsewhere, failed under `CI=true`); Ruby
//!   reads the generated documents afresh and fmlint must agree on each, and the recording must
//!   still be what Ruby says. `FMLINT_BLESS=1` rewrites the recording from Ruby.
//!
//! Accept/refuse must agree, with Psych's message and line/column for a syntax error and its
//! message for a refused value; values must agree with their Ruby types (a Time only as a
//! Time: its instant is the date rules' business).

mod prereq;
#[path = "support/rng.rs"]
mod rng;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use fmlint::yaml::{self, Loader, Node, NodeKind, Scalar};
use rng::Rng;
use serde_json::{Value, json};

fn data_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/psych/verdicts.json")
}

/// Psych's reading of one text, in `read.rb`'s tagged form.
fn fmlint_reading(text: &str) -> Value {
    match yaml::root(text, 0..text.len(), Loader::Psych) {
        Ok(None) => json!({"ok": {"null": null}}),
        Ok(Some(node)) => json!({ "ok": tagged(&node) }),
        Err(e) => {
            if e.kind == yaml::ErrorKind::Syntax {
                let (line, column) = line_column(text, e.offset);
                json!({"error": {"class": "Psych::SyntaxError", "message": e.message, "line": line, "column": column}})
            } else {
                json!({"error": {"message": e.message}})
            }
        }
    }
}

/// Psych's 1-based line and column (in characters) of a byte offset. libyaml breaks lines at
/// `\r\n`, `\r`, `\n`, NEL, LS and PS, not only at `\n`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut col) = (1, 1);
    let mut chars = text[..offset].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
    }
    (line, col)
}

fn tagged(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Scalar { value, .. } => match value {
            Scalar::Null => json!({"null": null}),
            Scalar::Bool(b) => json!({ "bool": b }),
            Scalar::Int(i) => json!({"int": i.to_string()}),
            Scalar::Float(f) => json!({ "float": ruby_float(*f) }),
            Scalar::Str(s) => json!({ "str": s }),
            Scalar::Time(_) => json!({"time": "*"}),
            // The text as written (`2021-7-2`); Ruby shows the Date it names.
            Scalar::Date(d) => {
                let p: Vec<u32> = d.split('-').map(|x| x.parse().unwrap()).collect();
                json!({ "date": format!("{:04}-{:02}-{:02}", p[0], p[1], p[2]) })
            }
        },
        NodeKind::Seq { items, .. } => json!({"seq": items.iter().map(tagged).collect::<Vec<_>>()}),
        NodeKind::Map { entries, .. } => {
            // A Ruby hash: one slot per key, where the key first went, holding the last value.
            let mut slots: Vec<(Value, Value)> = Vec::new();
            for (k, v) in entries {
                let (k, v) = (tagged(k), tagged(v));
                match slots.iter_mut().find(|(sk, _)| *sk == k) {
                    Some(slot) => slot.1 = v,
                    None => slots.push((k, v)),
                }
            }
            json!({"map": slots.into_iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>()})
        }
    }
}

/// A float as Ruby's `Float#to_s` would show it, near enough to compare: `1.0`, `4800.0`.
fn ruby_float(f: f64) -> String {
    if f.is_nan() {
        "nan".into()
    } else if f.is_infinite() {
        if f > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        let s = format!("{f:?}");
        s.replace("e", "e+").replace("e+-", "e-")
    }
}

/// Ruby's times become `{"time": "*"}` (type only); floats compare by value.
fn normalise(v: &Value) -> Value {
    match v {
        Value::Object(m) if m.contains_key("time") => json!({"time": "*"}),
        Value::Object(m) if m.contains_key("float") => {
            let s = m["float"].as_str().unwrap_or_default();
            match s.parse::<f64>() {
                Ok(f) if f.is_finite() => json!({ "float": ruby_float(f) }),
                _ => json!({ "float": s }),
            }
        }
        Value::Object(m) if m.contains_key("error") => {
            let mut e = m["error"].clone();
            if e["class"] != "Psych::SyntaxError" {
                e = json!({"message": e["message"]});
            }
            json!({ "error": e })
        }
        Value::Object(m) => {
            Value::Object(m.iter().map(|(k, x)| (k.clone(), normalise(x))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(normalise).collect()),
        other => other.clone(),
    }
}

/// A few constructs per document, from a fixed seed: the same documents every run.
fn generated_documents() -> Vec<String> {
    const KEYS: &[&str] = &[
        "title", "tags", "x", "? q", "\"k\"", "<<", "a b", "&k key", "1",
    ];
    const SEPARATORS: &[&str] = &[": ", ":\t", ":", ":  ", " : ", ":\t ", ": \t"];
    const VALUES: &[&str] = &[
        "plain words",
        ":rocket",
        ":\"a b\"",
        "'it''s'",
        "\"esc \\\" \\t \\u00e9\"",
        "\"two\nlines\"",
        "\"two\n  lines\"",
        "'two\nlines'",
        "[ a, b ]",
        "[a,\nb]",
        "[a,\n  b]",
        "[ a, [ b ] ]",
        "{a: 1, b: [2]}",
        "{a: 1,\nb: 2}",
        "[]",
        "{}",
        "a#b",
        "a #c",
        "#c",
        "!!int \"12\"",
        "!!str 12",
        "!!float 1",
        "!!bool \"yes\"",
        "!!null ''",
        "!!timestamp 2021-07-20",
        "!ruby/symbol s",
        "!ruby/object:Gem::Installer\n  i: x",
        "!foo bar",
        "&a [ a ]",
        "*a",
        "{layout: post}",
        "&m {layout: post}",
        "*m",
        ">\n  folded\n  text",
        "|-\n  literal\n\n  text",
        "|2\n   indented",
        ">\n\tx",
        "\n  - a\n  - b",
        "\n- a\n- b",
        "\n\t- a",
        "\n  -\ta",
        "\n  k: v\n  k2: v2",
        "\n\tk: v",
        "multi\n  line plain",
        "multi\nline",
        "\u{feff}bom inside",
        "ctrl\u{1}char",
        "del\u{7f}x",
        "nel\u{85}x",
        "yes",
        "010",
        "1:20",
        "0x1F",
        "1_000",
        "1e3",
        "~",
        "2021-07-20",
        "2021-02-30",
        "2021-07-20 10:40:01 +0800",
        "-",
        "- a",
        "? x",
        "@at",
        "`tick`",
        "%p",
        "a: b",
        "x\ty",
        "\"\\x41\"",
        "\"\\q\"",
        "'\ttab'",
        "...",
        "---",
        "--- x",
        "{a:1}",
        "[a:b]",
        "[a: b]",
        "{a, b}",
        "[\ta]",
        "[a\t,b]",
        "{ \"a\":b }",
        "[ ? a : b ]",
        "- - a",
        "\n- - a\n  - b",
        "\n  ? a\n  : b",
        "\n  : b",
        "|0\n  x",
        "| # c\n  x",
        "|\n  x\n y",
        ">\n\n  x\n\n",
        "\"a\n\n  b\"",
        "'a\n\tb'",
        "\"\\\n  b\"",
        "!<tag:yaml.org,2002:str> 1",
        "! 12",
        "!!map {a: 1}",
        "!!seq [1]",
        "&a &b x",
        "*a b",
        "& x",
        "!!str &a x",
        "&a !!str x",
        "'unclosed",
        "\"unclosed",
        "[unclosed",
        "{a: [b}",
        "a\u{2028}b",
        "a\u{fffe}b",
        "\u{1f600}",
        "\"\\ud83d\"",
        "0o17",
        "+1",
        "-0",
        ".5",
        "1.",
        "1,000",
        "0b101",
        "-.inf",
        ".NaN",
        "True",
        "TRUE",
        "tRUE",
        "Null",
        "nULL",
        "y",
        "n",
        "1:20:30",
        "-1:20",
        "1:20.5",
        "2021-7-2",
        "2021-07-20t10:40:01z",
        "2021-07-20 10:40:01.5",
        "12:30:00",
        ":",
        "::a",
        ": a",
        "?a",
        "-a",
        "%",
        "a%",
        "a:",
        "a::b",
    ];
    const EXTRA_LINES: &[&str] = &[
        "",
        "\n",
        "# comment\n",
        "#comment\n",
        "\t\n",
        "  \n",
        "...\n",
        "--- \n",
        "%YAML 1.1\n",
        "\t# tab comment\n",
        "after: 1\n",
        "\tafter: 1\n",
        " after: 1\n",
        "? k\n",
        ": v\n",
        "- item\n",
        "key with a very long name that goes on and on and on and on: 1\n",
        "\u{feff}bom: 1\n",
        "%TAG ! tag:example.com,2000:\n",
        "\r\n",
        "k: v # c\n",
        "k: v# c\n",
    ];
    let mut rng = Rng::new(0x5eed_f00d);
    let mut next = |n: usize| rng.below(n);
    let mut docs = Vec::new();
    for _ in 0..1500 {
        let mut doc = String::from("---\n");
        let lines = 1 + next(3);
        for _ in 0..lines {
            let key = KEYS[next(KEYS.len())];
            let sep = SEPARATORS[next(SEPARATORS.len())];
            let value = VALUES[next(VALUES.len())];
            // A block value goes after a bare colon.
            let sep = if value.starts_with('\n') { ":" } else { sep };
            doc.push_str(&format!("{key}{sep}{value}\n"));
            doc.push_str(EXTRA_LINES[next(EXTRA_LINES.len())]);
        }
        docs.push(doc);
    }
    docs.sort();
    docs.dedup();
    docs
}

/// Cases from the issue and real sites, always in the recording.
fn chosen_documents() -> Vec<String> {
    [
        "---\ntitle: \u{feff}openSUSE KDE Team meeting\npublished: false\n",
        "---\nx:\n\t- a\n",
        "---\ntitle: :rocket\n",
        "---\nobj: !ruby/object:Gem::Installer\n  i: x\n",
        "---\ns: !ruby/symbol foo\n",
        "---\n<<: {layout: post}\ntitle: x\n",
        "---\nbase: &b {layout: post}\n<<: *b\ntitle: x\n",
        "---\ntitle: x\n<<: {title: b}\n",
        "---\n<<: {layout: post}\nlayout: page\n",
        "---\n\"<<\": {a: 1}\n",
        "---\n!!str <<: {a: 1}\n",
        "---\n<<: 3\n",
        "---\n<<: [{a: 1}, {a: 2, b: 3}]\n",
        "---\nx: &a [1]\n<<: *a\n",
        "---\ntags: &t [ a ]\ncategories: *t\n",
        "---\na: *nope\n",
        "---\ntitle: !!int \"12\"\n",
        "---\nh: !!float abc\n",
        "---\nh: !!float\n",
        "---\nh: !!float \"1:20\"\n",
        "---\nt: !ruby/string:Foo x\n",
        "---\nt: !!set {a}\n",
        "---\nlayout:\tpost\n",
        "---\ntitle: \"Los programas serán\njuzgados por Matz\"\n",
        "---\ntitle: >\n  folded\n  title\n",
        "---\ntitle: |\n  literal\n",
        "---\ntitle: \"unclosed\n",
        "---\nk: [a, :b]\n",
        "---\nkey: ::\n",
        "---\n- a\n",
        "---\n",
        "---\n# only a comment\n",
        "---\n--- x\n",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn all_documents() -> Vec<String> {
    let mut docs = chosen_documents();
    docs.extend(generated_documents());
    docs
}

/// Psych's reading of each text, from Ruby; None (with the reason printed) when Ruby is absent.
fn psych(test: &str, docs: &[String]) -> Option<Vec<Value>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/psych/read.rb");
    let child = Command::new("ruby")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            let _ = test;
            prereq::missing(
                &format!("`ruby` ({e})"),
                "apt-get install -y ruby (Jekyll brings it); CI has it",
            )
        }
    };
    let input = serde_json::to_vec(docs).unwrap();
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(&input).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "read.rb failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

/// The recorded verdicts: `[{yaml, psych, differs?}]`. `differs` names a known difference
/// between fmlint and Psych, kept visible: the test fails once it no longer differs.
fn recorded() -> Vec<Value> {
    match std::fs::read_to_string(data_file()) {
        Ok(text) => serde_json::from_str(&text).unwrap(),
        Err(_) if std::env::var_os("FMLINT_BLESS").is_some() => Vec::new(),
        Err(e) => panic!("tests/psych/verdicts.json: {e}"),
    }
}

fn compare(cases: &[(String, Value, Option<String>)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (text, want, differs) in cases {
        let want = normalise(want);
        let got = normalise(&fmlint_reading(text));
        match (got == want, differs) {
            (true, None) | (false, Some(_)) => {}
            (false, None) => problems.push(format!(
                "{text:?}\n  psych:  {want}\n  fmlint: {got}"
            )),
            (true, Some(why)) => problems.push(format!(
                "{text:?} is listed as a known difference ({why}) but fmlint now agrees: drop `differs`"
            )),
        }
    }
    problems
}

fn recorded_verdicts_hold() {
    let cases: Vec<(String, Value, Option<String>)> = recorded()
        .into_iter()
        .map(|c| {
            (
                c["yaml"].as_str().unwrap().to_string(),
                c["psych"].clone(),
                c["differs"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert!(
        cases.len() > 300,
        "the recording is too small: {}",
        cases.len()
    );
    let problems = compare(&cases);
    assert!(
        problems.is_empty(),
        "{} of {} documents read otherwise than Psych:\n{}",
        problems.len(),
        cases.len(),
        problems.join("\n")
    );
}

fn live_psych_agrees() {
    const TEST: &str = "live_psych_agrees";
    let docs = all_documents();
    let Some(verdicts) = psych(TEST, &docs) else {
        return;
    };
    let old = recorded();
    let differs = |text: &str| {
        old.iter()
            .find(|c| c["yaml"] == text)
            .and_then(|c| c["differs"].as_str().map(str::to_string))
    };
    let cases: Vec<(String, Value, Option<String>)> = docs
        .iter()
        .zip(&verdicts)
        .map(|(d, v)| (d.clone(), v.clone(), differs(d)))
        .collect();
    if std::env::var_os("FMLINT_BLESS").is_some() {
        let out: Vec<Value> = cases
            .iter()
            .map(|(d, v, why)| match why {
                Some(w) => json!({"yaml": d, "psych": v, "differs": w}),
                None => json!({"yaml": d, "psych": v}),
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&out).unwrap();
        text.push('\n');
        std::fs::write(data_file(), text).unwrap();
    }
    let old = recorded();
    // The recording must be Ruby's word, not an edited copy.
    for (d, v, _) in &cases {
        if let Some(c) = old.iter().find(|c| c["yaml"] == d.as_str()) {
            assert_eq!(
                normalise(&c["psych"]),
                normalise(v),
                "tests/psych/verdicts.json is stale for {d:?}: run FMLINT_BLESS=1 cargo test --test psych_verdicts"
            );
        } else {
            panic!("{d:?} is not recorded: run FMLINT_BLESS=1 cargo test --test psych_verdicts");
        }
    }
    let problems = compare(&cases);
    assert!(
        problems.is_empty(),
        "{} of {} documents read otherwise than Psych:\n{}",
        problems.len(),
        cases.len(),
        problems.join("\n")
    );
}

prereq::tests!(recorded_verdicts_hold, live_psych_agrees,);
