//! `--format junit`: JUnit XML for CI test dashboards (GitLab, Jenkins, Azure, CircleCI).
//!
//! One `<testsuite>` per checked post, named by its path; one failing `<testcase>` per
//! diagnostic (errors and warnings alike: `type` says which). A post without problems is a
//! suite with one passing test case, so that a dashboard counts every post and its pass rate
//! means something. That costs one short chunk per clean post in memory.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{FileReport, Reporter, Summary};

pub struct Junit;

/// An XML 1.0 attribute value (in double quotes). Markup characters become entities; tab, CR
/// and LF become character references (a parser would turn them into spaces otherwise);
/// characters XML 1.0 cannot carry at all (other C0 controls, U+FFFE, U+FFFF) become U+FFFD.
pub fn escape(s: &str) -> String {
    escape_as(s, true)
}

/// XML 1.0 element text: as [`escape`], but tabs and line feeds stay as they are.
pub fn escape_text(s: &str) -> String {
    escape_as(s, false)
}

fn escape_as(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            // A parser reads a literal CR as LF, in text too.
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

impl Reporter for Junit {
    fn render_file(&self, file: &FileReport) -> String {
        let path = escape(&file.path);
        let n = file.diagnostics.len();
        let mut out = String::new();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{n}\" errors=\"0\" skipped=\"0\">",
            n.max(1)
        );
        if n == 0 {
            let _ = writeln!(
                out,
                "    <testcase name=\"front matter\" classname=\"{path}\" file=\"{path}\"/>"
            );
        }
        for d in &file.diagnostics {
            let (line, col) = file.start(d);
            let mut body = format!(
                "{}:{line}:{col}: {} [{}] {}",
                file.path, d.rule.code, d.rule.name, d.message
            );
            if let Some(h) = &d.help {
                let _ = write!(body, "\nhelp: {h}");
            }
            if let Some(f) = &d.fix {
                let _ = write!(body, "\nfix: {}", f.message);
            }
            let _ = writeln!(
                out,
                "    <testcase name=\"{} {} at {line}:{col}\" classname=\"{path}\" file=\"{path}\" line=\"{line}\">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>",
                d.rule.code,
                d.rule.name,
                escape(&d.message),
                d.severity.as_str(),
                escape_text(&body)
            );
        }
        out.push_str("  </testsuite>\n");
        out
    }

    fn finish(&self, out: &mut dyn Write, chunks: &[String], summary: &Summary) -> io::Result<()> {
        let clean = summary.files_checked - summary.files_with_problems;
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"fmlint\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            summary.problems() + clean,
            summary.problems()
        )?;
        for c in chunks {
            out.write_all(c.as_bytes())?;
        }
        writeln!(out, "</testsuites>")
    }

    fn renders_clean_files(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_whitespace_and_forbidden_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(escape("a\tb\r\nc"), "a&#9;b&#13;&#10;c");
        assert_eq!(
            escape("a\u{0}b\u{1b}c\u{ffff}"),
            "a\u{fffd}b\u{fffd}c\u{fffd}"
        );
        assert_eq!(escape("联合早报"), "联合早报");
        assert_eq!(escape_text("a\t\"b\"\r\nc<"), "a\t\"b\"&#13;\nc&lt;");
    }
}
