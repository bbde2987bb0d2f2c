//! `--format concise`: one line per problem, `PATH:LINE:COL: FM201 [date-format] MESSAGE`, then
//! the summary line (unless `--quiet`). The shape grep, editors' problem matchers
//! (`^(.*):(\d+):(\d+): (FM\d+) \[(.*)\] (.*)$`) and people scanning a long list expect.

use std::io::{self, Write};

use super::{FileReport, Reporter, Summary};

pub struct Concise {
    pub quiet: bool,
}

/// Keeps a problem on one line and inert: a CR or LF in a path or message is written as `\r` or
/// `\n`, a control character as `\u{1b}`.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    crate::visible::visible_line(s)
}

impl Reporter for Concise {
    fn render_file(&self, file: &FileReport) -> String {
        let mut out = String::new();
        let path = one_line(&file.path);
        for d in &file.diagnostics {
            let (line, col) = file.start(d);
            out.push_str(&format!(
                "{path}:{line}:{col}: {} [{}] {}\n",
                d.rule.code,
                d.rule.name,
                one_line(&d.message)
            ));
        }
        out
    }

    fn finish(&self, out: &mut dyn Write, chunks: &[String], summary: &Summary) -> io::Result<()> {
        for c in chunks {
            out.write_all(c.as_bytes())?;
        }
        if !self.quiet {
            writeln!(out, "{}", super::human::summary_line(summary))?;
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
    fn one_line_per_problem() {
        let text = "---\ndate: 2021\n---\n".to_string();
        let d = Diagnostic::new(rules::RuleId::DateFormat, 10..14, "bad\ndate");
        let file = FileReport::new("_posts/a.md".into(), text, vec![d]);
        assert_eq!(
            Concise { quiet: true }.render_file(&file),
            "_posts/a.md:2:7: FM201 [date-format] bad\\ndate\n"
        );
    }
}
