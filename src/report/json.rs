//! `--format json`: one stable document; its shape is documented in README.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Reporter, Summary};

pub struct Json;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    fixable: bool,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    files_with_problems: usize,
    problems: usize,
    errors: usize,
    warnings: usize,
    fixable: usize,
    unsafe_fixable: usize,
}

impl Reporter for Json {
    fn render_file(&self, file: &FileReport) -> String {
        let mut out = String::new();
        for d in &file.diagnostics {
            let ((line, column), (end_line, end_column)) = file.range(d);
            let j = JsonDiagnostic {
                path: &file.path,
                line,
                column,
                end_line,
                end_column,
                code: d.rule.code,
                name: d.rule.name,
                severity: d.severity.as_str(),
                message: &d.message,
                fixable: d.fix.is_some(),
            };
            if !out.is_empty() {
                out.push_str(",\n");
            }
            out.push_str("    ");
            out.push_str(&serde_json::to_string(&j).expect("plain data serialises"));
        }
        out
    }

    fn finish(&self, out: &mut dyn Write, chunks: &[String], summary: &Summary) -> io::Result<()> {
        writeln!(out, "{{\n  \"version\": 1,\n  \"diagnostics\": [")?;
        super::write_json_items(out, chunks)?;
        let s = JsonSummary {
            files: summary.files_checked,
            files_with_problems: summary.files_with_problems,
            problems: summary.problems(),
            errors: summary.errors,
            warnings: summary.warnings,
            fixable: summary.fixable,
            unsafe_fixable: summary.unsafe_fixable,
        };
        writeln!(
            out,
            "  ],\n  \"summary\": {}\n}}",
            serde_json::to_string(&s).expect("plain data serialises")
        )
    }
}
