//! fmlint's diagnostics as the protocol's: the same code, rule name, severity and message the
//! command line prints, the exact range in the negotiated encoding, and the rule's page.

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
};

use super::documents::Document;
use super::encoding::Encoding;
use crate::config::error::ConfigError;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::rules::Rule;

pub const SOURCE: &str = "fmlint";

/// Where a rule's page is read (the same address SARIF's `helpUri` gives).
pub fn rule_page(rule: &Rule) -> Option<lsp_types::Uri> {
    crate::report::sarif::help_uri(rule).parse().ok()
}

pub fn to_lsp(d: &Diagnostic, doc: &Document, enc: Encoding) -> lsp_types::Diagnostic {
    let range = doc.lines.range(&doc.text, enc, &d.span);
    let mut message = format!("[{}] {}", d.rule.name, d.message);
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(doc.uri.clone(), doc.lines.range(&doc.text, enc, &r.span)),
            message: r.label.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.rule.code.to_string())),
        code_description: rule_page(d.rule).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(serde_json::json!({
            "name": d.rule.name,
            "fix": d.fix.as_ref().map(|f| match f.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            }),
        })),
    }
}

/// A configuration error on the configuration file itself, when the editor has it open with
/// the text the error was found in.
pub fn config_error_to_lsp(
    e: &ConfigError,
    doc: &Document,
    enc: Encoding,
) -> lsp_types::Diagnostic {
    let mut message = e.message.clone();
    if let Some(help) = &e.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range: doc.lines.range(&doc.text, enc, &e.span),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_string()),
        message,
        ..Default::default()
    }
}
