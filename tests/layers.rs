//! The crate's layers point one way, read from the source itself: which top-level module names
//! which (`crate::x`, outside `#[cfg(test)]`), with no cycle between them; `main.rs` only parses
//! the command line and hands it over; clap is known only to `cli.rs` (and `main.rs`); only
//! `report/` draws with miette.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Edges between these pairs of modules (either way) left out of the cycle check. None since the
/// rules/config redesign (issue 10); a pair the check does not need fails the test.
const ALLOWED: &[(&str, &str)] = &[];

const MAIN_MAX_LINES: usize = 60;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The source with comments, string and character literals blanked out (lengths and line
/// breaks kept), so that only code is searched.
fn code_of(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to.min(b.len())] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
            blank(&mut out, i, end);
            i = end;
        } else if rest.starts_with(b"/*") {
            let (mut depth, mut j) = (1, i + 2);
            while j < b.len() && depth > 0 {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if let Some(hashes) = raw_string_start(b, i) {
            let open = memchr(b'"', &b[i..]).expect("a raw string's quote") + i + 1;
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let end = b[open..]
                .windows(close.len())
                .position(|w| w == close.as_slice())
                .map_or(b.len(), |n| open + n + close.len());
            blank(&mut out, i, end);
            i = end;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if b[i] == b'\'' {
            // A character literal, not a lifetime: `'\n'`, `'x'`, `'é'`.
            let end = if b.get(i + 1) == Some(&b'\\') {
                memchr(b'\'', &b[(i + 3).min(b.len())..]).map(|n| i + 3 + n + 1)
            } else {
                let c = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                (b.get(i + 1 + c) == Some(&b'\'')).then_some(i + 2 + c)
            };
            match end {
                Some(e) => {
                    blank(&mut out, i, e);
                    i = e;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn ident_byte(c: Option<u8>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// `r"`, `r#"`, `br##"`…: the number of hashes.
fn raw_string_start(b: &[u8], i: usize) -> Option<usize> {
    if ident_byte(i.checked_sub(1).map(|p| b[p])) {
        return None;
    }
    let mut j = i;
    if b.get(j) == Some(&b'b') {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let hashes = b[j..].iter().take_while(|&&c| c == b'#').count();
    (b.get(j + hashes) == Some(&b'"')).then_some(hashes)
}

/// Code outside `#[cfg(test)]` items; `tests` holds the files those items name (`mod tests;`).
fn non_test_code(code: &str, tests: &mut BTreeSet<String>) -> String {
    let b = code.as_bytes();
    let mut out = b.to_vec();
    let mut from = 0;
    while let Some(at) = code[from..].find("#[cfg(test)]") {
        let start = from + at;
        let mut j = start + "#[cfg(test)]".len();
        let item = code[j..].trim_start();
        if let Some(name) = item.strip_prefix("mod ").and_then(|r| {
            let r = r.trim_start();
            let end = r.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
            r[end..]
                .trim_start()
                .starts_with(';')
                .then(|| r[..end].to_string())
        }) {
            tests.insert(name);
        }
        let mut depth = 0usize;
        while j < b.len() {
            match b[j] {
                b'{' => depth += 1,
                // The end of the block the item sits in (a field, an arm).
                b'}' | b',' if depth == 0 => break,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        j += 1;
                        if code[j..].trim_start().starts_with(';') {
                            j += code[j..].find(';').expect("the `;` just seen") + 1;
                        }
                        break;
                    }
                }
                b';' if depth == 0 => {
                    j += 1;
                    break;
                }
                _ => {}
            }
            j += 1;
        }
        for c in &mut out[start..j.min(b.len())] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
        from = j.min(b.len());
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The top-level modules `code` names: `crate::x`, `crate::{x, y::z}`, and `super::x` where
/// `super` reaches the crate root (`depth`: how deep the file's module is).
fn named_modules(code: &str, depth: usize) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let boundary = !ident_byte(i.checked_sub(1).map(|p| bytes[p]));
        let root = if boundary && rest.starts_with("crate::") {
            Some("crate::".len())
        } else if boundary && rest.starts_with("super::") {
            let mut k = 0;
            let mut n = 0;
            while rest[k..].starts_with("super::") {
                k += "super::".len();
                n += 1;
            }
            (n >= depth).then_some(k)
        } else {
            None
        };
        let Some(skip) = root else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let after = &rest[skip..];
        if let Some(group) = after.strip_prefix('{') {
            let mut level = 1;
            let mut expect = true;
            for (k, c) in group.char_indices() {
                match c {
                    '{' => level += 1,
                    '}' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    ',' if level == 1 => expect = true,
                    c if c.is_whitespace() => {}
                    _ if expect && level == 1 => {
                        found.insert(ident(&group[k..]));
                        expect = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(ident(after));
        }
        i += skip;
    }
    found
}

struct Crate {
    /// Top-level module -> modules it names -> the files that name them.
    edges: BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
    modules: BTreeSet<String>,
}

fn read_crate() -> Crate {
    let src = src();
    let lib = fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let modules: BTreeSet<String> = code_of(&lib)
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            l.strip_prefix("mod ")?
                .strip_suffix(';')
                .map(str::to_string)
        })
        .collect();
    assert!(
        modules.len() > 5,
        "lib.rs declares its modules: {modules:?}"
    );
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut test_files = BTreeSet::new();
    let mut edges: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    let mut read: Vec<(PathBuf, String, usize, String)> = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src");
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let top = parts[0].trim_end_matches(".rs").to_string();
        if !modules.contains(&top) {
            continue;
        }
        let depth = parts.len() - usize::from(parts.last().is_some_and(|p| p == "mod.rs"));
        let mut tests = BTreeSet::new();
        let code = non_test_code(
            &code_of(&fs::read_to_string(f).expect("a source file")),
            &mut tests,
        );
        // `#[cfg(test)] mod tests;` in `x.rs` or `x/mod.rs` is the file `x/tests.rs`.
        let dir = if parts.last().is_some_and(|p| p == "mod.rs") {
            f.parent().expect("a folder").to_path_buf()
        } else {
            f.with_extension("")
        };
        for t in tests {
            test_files.insert(dir.join(format!("{t}.rs")));
        }
        read.push((f.clone(), top, depth, code));
    }
    for (f, top, depth, code) in read {
        if test_files.contains(&f) {
            continue;
        }
        let shown = f
            .strip_prefix(src.parent().expect("the crate"))
            .expect("under the crate")
            .display()
            .to_string();
        for m in named_modules(&code, depth) {
            if m != top && modules.contains(&m) {
                edges
                    .entry(top.clone())
                    .or_default()
                    .entry(m)
                    .or_default()
                    .insert(shown.clone());
            }
        }
    }
    Crate { edges, modules }
}

fn allowed(a: &str, b: &str) -> bool {
    ALLOWED
        .iter()
        .any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
}

/// Strongly connected components of more than one module (Tarjan's).
fn cycles(modules: &BTreeSet<String>, edge: &dyn Fn(&str, &str) -> bool) -> Vec<Vec<String>> {
    struct State<'a> {
        names: Vec<&'a str>,
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        stack: Vec<usize>,
        on_stack: Vec<bool>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit(s: &mut State<'_>, v: usize, edge: &dyn Fn(&str, &str) -> bool) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for w in 0..s.names.len() {
            if !edge(s.names[v], s.names[w]) {
                continue;
            }
            match s.index[w] {
                None => {
                    visit(s, w, edge);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(i) if s.on_stack[w] => s.low[v] = s.low[v].min(i),
                Some(_) => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut comp = Vec::new();
            loop {
                let w = s.stack.pop().expect("v is on the stack");
                s.on_stack[w] = false;
                comp.push(s.names[w].to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let names: Vec<&str> = modules.iter().map(String::as_str).collect();
    let n = names.len();
    let mut s = State {
        names,
        index: vec![None; n],
        low: vec![0; n],
        stack: Vec::new(),
        on_stack: vec![false; n],
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v, edge);
        }
    }
    s.out.sort();
    s.out
}

/// A cycle through the modules of `comp`, as `a -> b -> … -> a` with the files behind each step.
fn describe(c: &Crate, comp: &[String], edge: &dyn Fn(&str, &str) -> bool) -> String {
    let start = &comp[0];
    // Breadth-first from `start` back to itself, within the component.
    let mut prev: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start.as_str()]);
    let mut closing = None;
    'search: while let Some(v) = queue.pop_front() {
        for w in comp {
            if !edge(v, w) {
                continue;
            }
            if w == start {
                closing = Some(v);
                break 'search;
            }
            if !prev.contains_key(w.as_str()) {
                prev.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    // Back from the last step to `start`, then turned around.
    let mut back = Vec::new();
    let mut at = closing.expect("a component holds a cycle");
    while at != start {
        back.push(at);
        at = prev[at];
    }
    let path: Vec<&str> = std::iter::once(start.as_str())
        .chain(back.into_iter().rev())
        .chain(std::iter::once(start.as_str()))
        .collect();
    let steps: Vec<String> = path
        .windows(2)
        .map(|w| {
            let files: Vec<&str> = c.edges[w[0]][w[1]].iter().map(String::as_str).collect();
            format!("  {} -> {} ({})", w[0], w[1], files.join(", "))
        })
        .collect();
    format!(
        "{{{}}}, for example:\n{}",
        comp.join(", "),
        steps.join("\n")
    )
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let c = read_crate();
    let has = |a: &str, b: &str| c.edges.get(a).is_some_and(|m| m.contains_key(b));
    let kept = |a: &str, b: &str| has(a, b) && !allowed(a, b);
    let found = cycles(&c.modules, &kept);
    let shown: Vec<String> = found.iter().map(|comp| describe(&c, comp, &kept)).collect();
    assert!(
        found.is_empty(),
        "top-level modules that import each other:\n{}",
        shown.join("\n")
    );
    // The allowance only shrinks: a pair the check passes without leaves the list.
    let stale: Vec<String> = ALLOWED
        .iter()
        .filter(|&&pair| {
            let others = |a: &str, b: &str| {
                has(a, b)
                    && ALLOWED
                        .iter()
                        .all(|&p| p == pair || !((p.0, p.1) == (a, b) || (p.1, p.0) == (a, b)))
            };
            cycles(&c.modules, &others).is_empty()
        })
        .map(|(a, b)| format!("({a}, {b})"))
        .collect();
    assert!(
        stale.is_empty(),
        "no cycle needs {} in ALLOWED any more: take them out, one at a time",
        stale.join(", ")
    );
}

#[test]
fn the_layers_are_read_from_the_source() {
    let c = read_crate();
    let has = |a: &str, b: &str| c.edges.get(a).is_some_and(|m| m.contains_key(b));
    // What the check itself must see, or it would pass on an empty graph.
    assert!(has("cli", "commands") && has("run", "report") && has("report", "diagnostic"));
    // Test code may reach anywhere: `report`'s unit tests build diagnostics from `rules`.
    assert!(!has("site", "discover") && !has("init", "report") && !has("report", "run"));
    let mut tests = BTreeSet::new();
    let code = non_test_code(
        &code_of(
            "use crate::a;\n/// crate::b\nfn f() { let s = \"crate::c\"; let c = '{'; }\n\
             #[cfg(test)]\nmod tests {\n    use crate::d;\n    fn g() { let _ = \"}\"; }\n}\n\
             #[cfg(test)]\nmod more;\nuse crate::{e, f::{g, h}};\n",
        ),
        &mut tests,
    );
    assert_eq!(
        named_modules(&code, 1).into_iter().collect::<Vec<_>>(),
        ["a", "e", "f"]
    );
    assert_eq!(tests.into_iter().collect::<Vec<_>>(), ["more"]);
    assert_eq!(
        named_modules("use super::super::x; use super::y;", 2)
            .into_iter()
            .collect::<Vec<_>>(),
        ["x"]
    );
}

#[test]
fn main_only_parses_the_command_line() {
    let main = fs::read_to_string(src().join("main.rs")).expect("src/main.rs");
    let lines = main.lines().count();
    assert!(
        lines < MAIN_MAX_LINES,
        "src/main.rs has {lines} lines: its policy belongs in the library (`commands`)"
    );
}

/// Files under `src/` (but those in `except`) whose code names `word` as an identifier or path.
fn naming(word: &str, except: &dyn Fn(&Path) -> bool) -> Vec<String> {
    let src = src();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .filter(|f| !except(f.strip_prefix(&src).expect("under src")))
        .filter(|f| {
            let code = code_of(&fs::read_to_string(f).expect("a source file"));
            let b = code.as_bytes();
            code.match_indices(word).any(|(i, _)| {
                let end = i + word.len();
                !ident_byte(i.checked_sub(1).map(|p| b[p]))
                    && (!ident_byte(b.get(end).copied()) || code[end..].starts_with('_'))
            })
        })
        .map(|f| f.display().to_string())
        .collect()
}

#[test]
fn clap_is_known_only_to_the_command_line() {
    let found = naming("clap", &|p| {
        p == Path::new("cli.rs") || p == Path::new("main.rs")
    });
    assert!(
        found.is_empty(),
        "clap outside src/cli.rs and src/main.rs (give cli.rs its own type and convert it there): {found:?}"
    );
}

#[test]
fn only_the_report_draws_with_miette() {
    let found = naming("miette", &|p| p.starts_with("report"));
    assert!(
        found.is_empty(),
        "miette outside src/report/ (the data goes to `report`, which draws it): {found:?}"
    );
}
