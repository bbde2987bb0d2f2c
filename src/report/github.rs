//! `--format github`: one GitHub Actions workflow command per diagnostic, which the runner turns
//! into an annotation on the file and line (and in a pull request's diff):
//!
//! ```text
//! ::error file=_posts/a.md,line=4,col=7,endLine=4,endColumn=32,title=FM201 date-format::date `…` is not RFC 3339
//! ```
//!
//! Nothing else is printed: no summary, so every line is a command. The escaping is GitHub's
//! (`@actions/core`'s `escapeData` and `escapeProperty`), after control characters from the
//! input are made visible (the log shows the command line raw).

use std::io::{self, Write};

use super::{FileReport, Reporter, Summary};
use crate::diagnostic::Severity;
use crate::visible::escape_hidden;

pub struct Github;

/// A command's message: `%`, `\r` and `\n` are percent-encoded, `%` first.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A property value (`file=…`, `title=…`): as data, and also `:` and `,`, which end a property.
pub fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

impl Reporter for Github {
    fn render_file(&self, file: &FileReport) -> String {
        let mut out = String::new();
        let path = escape_property(&escape_hidden(&file.path));
        for d in &file.diagnostics {
            let ((line, col), (end_line, end_col)) = file.range(d);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let title = escape_property(&format!("{} {}", d.rule.code, d.rule.name));
            out.push_str(&format!(
                "::{command} file={path},line={line},col={col},endLine={end_line},endColumn={end_col},title={title}::{}\n",
                escape_data(&escape_hidden(&d.message))
            ));
        }
        out
    }

    fn finish(&self, out: &mut dyn Write, chunks: &[String], _: &Summary) -> io::Result<()> {
        for c in chunks {
            out.write_all(c.as_bytes())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::rules;

    #[test]
    fn data_escapes_percent_cr_lf_and_nothing_else() {
        assert_eq!(escape_data("100%"), "100%25");
        assert_eq!(escape_data("a\r\nb"), "a%0D%0Ab");
        assert_eq!(escape_data("a:b, c"), "a:b, c");
        // `%` is escaped first: an existing `%0A` does not turn into a newline.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_data("联合早报"), "联合早报");
    }

    #[test]
    fn property_escapes_colon_and_comma_too() {
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(escape_property("50%\n"), "50%25%0A");
        assert_eq!(escape_property("FM201 date-format"), "FM201 date-format");
    }

    #[test]
    fn a_message_with_every_special_character() {
        let text = "---\ntitle: x\n---\n".to_string();
        let d = Diagnostic::new(
            rules::RuleId::DateFormat,
            4..12,
            "50% off: a, b\r\nnext line",
        );
        let file = FileReport::new("_posts/a,b:c%.md".into(), text, vec![d]);
        assert_eq!(
            Github.render_file(&file),
            "::error file=_posts/a%2Cb%3Ac%25.md,line=2,col=1,endLine=2,endColumn=9,\
             title=FM201 date-format::50%25 off: a, b%0D%0Anext line\n"
        );
    }

    #[test]
    fn warnings_are_warning_commands() {
        let d = Diagnostic::new(rules::RuleId::KeyOrder, 0..0, "m");
        let file = FileReport::new("a.md".into(), String::new(), vec![d]);
        assert!(
            Github
                .render_file(&file)
                .starts_with("::warning file=a.md,")
        );
    }
}
