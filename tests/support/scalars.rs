//! YAML scalars and Markdown link text as the generated posts write them.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    Plain,
    Single,
    Double,
}

/// A YAML double-quoted scalar reading back as `s` (the escapes fmlint writes for these chars).
pub fn dq(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn sq(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Whether `s` can be written as a plain scalar in block context (a mapping value) and read
/// back as the same characters (its type may differ: `yes` is still plain-writable).
pub fn plain_ok_block(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim_matches([' ', '\t']) != s || s.contains(['\n', '\r']) {
        return false;
    }
    if ",[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if "-?:".contains(first) && s.chars().nth(1).is_none_or(|c| c == ' ' || c == '\t') {
        return false;
    }
    // `:sym` unquoted is a Ruby Symbol to Psych, which Jekyll's safe loader refuses.
    if first == ':' {
        return false;
    }
    !(s.contains(": ")
        || s.contains(":\t")
        || s.ends_with(':')
        || s.contains(" #")
        || s.contains("\t#"))
}

/// Whether `s` can be a plain item of a flow list (conservative).
pub fn plain_ok_flow(s: &str) -> bool {
    plain_ok_block(s)
        && !s.contains([',', '[', ']', '{', '}', ':', '#', '\t'])
        && !s.starts_with(['-', '?'])
}

pub fn render_scalar(s: &str, q: Quote, flow: bool) -> String {
    let plain_ok = if flow {
        plain_ok_flow(s)
    } else {
        plain_ok_block(s)
    };
    match q {
        Quote::Plain if plain_ok => s.to_string(),
        Quote::Single if !s.contains(['\t', '\n']) => sq(s),
        _ => dq(s),
    }
}

/// Markdown link text that renders as `s`.
pub fn link_text(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
