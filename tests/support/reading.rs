//! Reading a fixed post back: its body, its front matter, its line endings.

/// Splits a post's text into (head, body): the body is everything after the header link's
/// underline (else after the timestamp line, else after the closing fence) and the blank lines
/// that follow. `None` when the text has no closing fence.
pub fn split_body(text: &str) -> Option<(&str, &str)> {
    let lines = line_spans(text);
    let content = |i: usize| -> &str {
        let (s, e) = lines[i];
        text[s..e].trim_end_matches(['\n', '\r'])
    };
    if lines.is_empty() || content(0).trim_start_matches('\u{feff}').trim_end() != "---" {
        return None;
    }
    let close = (1..lines.len()).find(|&i| {
        let c = content(i).trim_end();
        c == "---" || c == "..."
    })?;
    let mut i = close + 1;
    if i < lines.len() && content(i).starts_with("<!--") && content(i).trim_end().ends_with("-->") {
        i += 1;
    }
    if i + 1 < lines.len()
        && content(i).starts_with('[')
        && !content(i + 1).trim_end().is_empty()
        && content(i + 1).trim_end().bytes().all(|b| b == b'-')
    {
        i += 2;
    }
    while i < lines.len() && content(i).trim().is_empty() {
        i += 1;
    }
    let at = lines.get(i).map_or(text.len(), |l| l.0);
    Some((&text[..at], &text[at..]))
}

/// (start, end including the line ending) of each line.
pub fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        out.push((start, end));
        start = end;
    }
    out
}

/// The front matter's lines (from the opening fence to the closing one, endings included).
pub fn front_matter(text: &str) -> Option<&str> {
    let lines = line_spans(text);
    let close = (1..lines.len()).find(|&i| {
        let c = text[lines[i].0..lines[i].1].trim_end();
        c == "---" || c == "..."
    })?;
    Some(&text[..lines[close].1])
}

/// Whether every line break in `s` is `\r\n` (crlf) or `\n` alone (!crlf).
pub fn endings_are(s: &str, crlf: bool) -> bool {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .all(|(i, &c)| c != b'\n' || (crlf == (i > 0 && b[i - 1] == b'\r')))
        && (crlf || !s.contains('\r'))
}
