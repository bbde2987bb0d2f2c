//! Ruby's two glob dialects, as Jekyll uses them.
//!
//! - [`fnmatch`] is `File.fnmatch?(pattern, path)` with no flags, what `exclude:` and `include:`
//!   use: `*` crosses `/`, no braces, `\` escapes, a leading `.` of the whole path must be
//!   matched explicitly.
//! - [`dir_glob_matches`] says whether `Dir.glob(pattern)` would list a path, what a `defaults:`
//!   scope with a `*` in its `path` uses: per path segment, `*` stops at `/`, `**/` is any number
//!   of folders, `{a,b}` alternates, names starting with `.` only match a pattern starting with
//!   `.`.
//!
//! Both are ports of `dir.c` (`fnmatch_helper`, `bracket`), on characters instead of bytes.

/// `File.fnmatch?(pattern, string)` with flags 0.
pub fn fnmatch(pattern: &str, string: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = string.chars().collect();
    helper(&p, &s, false)
}

/// One `fnmatch_helper` run. `pathname`: `*`, `?` and `[…]` stop at `/` (FNM_PATHNAME), used
/// for one segment of a `Dir.glob` pattern, where there is no `/` anyway.
fn helper(p: &[char], s: &[char], pathname: bool) -> bool {
    let unescape = |i: usize| -> usize { if p.get(i) == Some(&'\\') { i + 1 } else { i } };
    let end_p = |i: usize| i >= p.len() || (pathname && p[i] == '/');
    let end_s = |i: usize| i >= s.len() || (pathname && s[i] == '/');
    let (mut pi, mut si) = (0usize, 0usize);
    // A leading period must be matched by a period.
    if s.first() == Some(&'.') && p.get(unescape(0)) != Some(&'.') {
        return false;
    }
    let mut backtrack: Option<(usize, usize)> = None;
    loop {
        match p.get(pi) {
            Some('*') => {
                while p.get(pi) == Some(&'*') {
                    pi += 1;
                }
                if end_p(unescape(pi)) {
                    return true;
                }
                if end_s(si) {
                    return false;
                }
                backtrack = Some((pi, si));
                continue;
            }
            Some('?') => {
                if end_s(si) {
                    return false;
                }
                pi += 1;
                si += 1;
                continue;
            }
            Some('[') => {
                if end_s(si) {
                    return false;
                }
                if let Some(next) = bracket(p, pi + 1, s[si]) {
                    pi = next;
                    si += 1;
                    continue;
                }
            }
            _ => {
                let q = unescape(pi);
                if end_s(si) {
                    return end_p(q);
                }
                if !end_p(q) && p[q] == s[si] {
                    pi = q + 1;
                    si += 1;
                    continue;
                }
            }
        }
        // Failed here: let the last `*` take one more character.
        match backtrack {
            Some((bp, bs)) if bs < s.len() => {
                backtrack = Some((bp, bs + 1));
                pi = bp;
                si = bs + 1;
            }
            _ => return false,
        }
    }
}

/// `[…]` starting at `p[start]` (just after the `[`) against `c`: the index after the `]` when
/// it matches.
fn bracket(p: &[char], start: usize, c: char) -> Option<usize> {
    let mut i = start;
    if i >= p.len() {
        return None;
    }
    let mut not = false;
    if p[i] == '!' || p[i] == '^' {
        not = true;
        i += 1;
    }
    let mut ok = false;
    while p.get(i) != Some(&']') {
        let mut t1 = i;
        if p.get(t1) == Some(&'\\') {
            t1 += 1;
        }
        let c1 = *p.get(t1)?;
        i = t1 + 1;
        if i >= p.len() {
            return None;
        }
        if p[i] == '-' && p.get(i + 1) != Some(&']') {
            let mut t2 = i + 1;
            if p.get(t2) == Some(&'\\') {
                t2 += 1;
            }
            let c2 = *p.get(t2)?;
            i = t2 + 1;
            if ok {
                continue;
            }
            if c1 <= c && c <= c2 || c == c1 || c == c2 {
                ok = true;
            }
        } else if !ok && c == c1 {
            ok = true;
        }
    }
    if ok == not { None } else { Some(i + 1) }
}

/// Expands `{a,b}` alternatives the way `Dir.glob` does, outermost first.
fn expand_braces(pattern: &str) -> Vec<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut depth = 0;
    let mut open = None;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '{' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let start = open.expect("an open brace");
                    let prefix: String = chars[..start].iter().collect();
                    let suffix: String = chars[i + 1..].iter().collect();
                    let mut parts = Vec::new();
                    let mut part = String::new();
                    let mut d = 0;
                    let mut j = start + 1;
                    while j < i {
                        match chars[j] {
                            '\\' if j + 1 < i => {
                                part.push('\\');
                                part.push(chars[j + 1]);
                                j += 1;
                            }
                            '{' => {
                                d += 1;
                                part.push('{');
                            }
                            '}' => {
                                d -= 1;
                                part.push('}');
                            }
                            ',' if d == 0 => parts.push(std::mem::take(&mut part)),
                            ch => part.push(ch),
                        }
                        j += 1;
                    }
                    parts.push(part);
                    return parts
                        .into_iter()
                        .flat_map(|p| expand_braces(&format!("{prefix}{p}{suffix}")))
                        .collect();
                }
            }
            _ => {}
        }
        i += 1;
    }
    vec![pattern.to_string()]
}

/// A `Dir.glob` pattern, compiled once: its brace alternatives, each a list of segments.
#[derive(Debug, Clone, PartialEq)]
pub struct DirGlob {
    alternatives: Vec<Vec<Segment>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    /// `**` followed by more: any number of folders that are not hidden.
    AnyFolders,
    Pattern(Vec<char>),
}

impl DirGlob {
    pub fn new(pattern: &str) -> Self {
        if pattern.starts_with('/') {
            // Pathname#join makes it absolute: it lists nothing inside the site.
            return DirGlob {
                alternatives: Vec::new(),
            };
        }
        let alternatives = expand_braces(pattern)
            .iter()
            .map(|p| {
                let segs: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
                segs.iter()
                    .enumerate()
                    .map(|(i, s)| {
                        if *s == "**" && i + 1 < segs.len() {
                            Segment::AnyFolders
                        } else {
                            Segment::Pattern(s.chars().collect())
                        }
                    })
                    .collect()
            })
            .collect();
        DirGlob { alternatives }
    }

    /// Whether `Dir.glob` would list `path` (relative to the folder it runs in, `/`-separated),
    /// assuming `path` exists.
    pub fn matches(&self, path: &str) -> bool {
        let segments: Vec<&str> = path.split('/').collect();
        self.alternatives
            .iter()
            .any(|alt| segments_match(alt, &segments))
    }

    /// Whether a path ending in `c` can match: false when every alternative ends in another
    /// literal character. A cheap test before matching.
    pub fn may_end_with(&self, c: char) -> bool {
        self.alternatives.iter().any(|alt| match alt.last() {
            Some(Segment::Pattern(p)) => match p.last() {
                Some('*' | '?' | ']') | None => true,
                Some(&last) => last == c || p.len() >= 2 && p[p.len() - 2] == '\\',
            },
            _ => true,
        })
    }

    /// How many segments a listed path can have, when that is fixed (no `**`): a cheap test
    /// before matching.
    pub fn depths(&self) -> Option<Vec<usize>> {
        self.alternatives
            .iter()
            .map(|a| (!a.contains(&Segment::AnyFolders)).then_some(a.len()))
            .collect()
    }
}

/// Whether `Dir.glob(pattern)`, run in the site's folder, lists `path` (both relative to it,
/// `/`-separated), assuming `path` exists.
pub fn dir_glob_matches(pattern: &str, path: &str) -> bool {
    DirGlob::new(pattern).matches(path)
}

fn segments_match(pats: &[Segment], segs: &[&str]) -> bool {
    match pats.first() {
        None => segs.is_empty(),
        Some(Segment::AnyFolders) => (0..segs.len()).any(|k| {
            segs[..k].iter().all(|s| !s.starts_with('.')) && segments_match(&pats[1..], &segs[k..])
        }),
        Some(Segment::Pattern(p)) => {
            let Some(seg) = segs.first() else {
                return false;
            };
            let s: Vec<char> = seg.chars().collect();
            helper(p, &s, true) && segments_match(&pats[1..], &segs[1..])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnmatch_like_ruby() {
        // Each row checked with `ruby -e 'p File.fnmatch?(P, S)'`.
        for (p, s, want) in [
            ("/s/*.md", "/s/a/b.md", true),
            ("/s/*.md", "/s/a/.b.md", true),
            ("*.md", ".a.md", false),
            (".*", ".a", true),
            ("/s/_posts/2021-07-2*", "/s/_posts/2021-07-21-ex.md", true),
            (
                "/s/_posts/2021-07-2*",
                "/s/_posts/sub/2021-07-20-a.md",
                false,
            ),
            ("/s/*/x", "/s/old/x", true),
            ("/s/a?c", "/s/abc", true),
            ("/s/a?c", "/s/a/c", true),
            ("/s/[a-c]x", "/s/bx", true),
            ("/s/[!a-c]x", "/s/bx", false),
            ("/s/[^a-c]x", "/s/dx", true),
            ("/s/\\*x", "/s/*x", true),
            ("/s/\\*x", "/s/ax", false),
            ("/s/{a,b}", "/s/a", false),
            ("/s/news", "/s/newsletter", false),
            ("/s/**/x.md", "/s/x.md", false),
            ("/s/**/x.md", "/s/a/b/x.md", true),
            ("/s/ü*", "/s/übung", true),
            ("/s/a*", "/s/a", true),
            ("/s/a*b", "/s/a", false),
        ] {
            assert_eq!(fnmatch(p, s), want, "fnmatch({p:?}, {s:?})");
        }
    }

    #[test]
    fn dir_glob_like_ruby() {
        for (p, s, want) in [
            ("a/*", "a/b", true),
            ("a/*", "a/b/c", false),
            ("a/*", "a/.b", false),
            ("a/.*", "a/.b", true),
            ("*/_posts", "news/_posts", true),
            ("**/_posts", "_posts", true),
            ("**/_posts", "a/b/_posts", true),
            ("**/_posts", "a/.b/_posts", false),
            ("{en,de}/news", "de/news", true),
            ("{en,de}/news", "fr/news", false),
            ("news/20*", "news/2021-x.md", true),
            ("/news/*", "news/x", false),
        ] {
            assert_eq!(dir_glob_matches(p, s), want, "Dir.glob({p:?}) lists {s:?}");
        }
    }
}
