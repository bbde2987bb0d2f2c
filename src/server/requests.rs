//! What the client asks the server: code actions, formatting, hover, commands.

use super::*;

impl Server<'_> {
    pub(super) fn on_request(&mut self, req: Request) {
        let Request { id, method, params } = req;
        let answer = guarded(|| self.request(&method, params));
        let response = match answer {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(f)) => Response::new_err(id, f.code as i32, f.message),
            Err(why) => {
                let message =
                    format!("fmlint server: {method} failed ({why}); please report this bug");
                self.show(MessageType::ERROR, message.clone());
                Response::new_err(id, ErrorCode::InternalError as i32, message)
            }
        };
        self.send(response);
    }

    fn request(&mut self, method: &str, raw: Value) -> Result<Value, Failure> {
        let json = |v: serde_json::Result<Value>| {
            v.map_err(|e| Failure {
                code: ErrorCode::InternalError,
                message: e.to_string(),
            })
        };
        match method {
            "textDocument/codeAction" => {
                json(serde_json::to_value(self.code_actions(params(raw)?)))
            }
            "textDocument/formatting" => json(serde_json::to_value(self.formatting(params(raw)?))),
            "textDocument/hover" => json(serde_json::to_value(self.hover(params(raw)?))),
            "workspace/executeCommand" => self.execute_command(params(raw)?),
            _ => Err(Failure {
                code: ErrorCode::MethodNotFound,
                message: format!("fmlint server does not handle {method}"),
            }),
        }
    }

    /// The edit that turns the document's text into `new`, as a versioned document edit when
    /// the client takes those (it then refuses the edit if the document changed meanwhile).
    fn workspace_edit(&self, doc: &Document, new: &str) -> WorkspaceEdit {
        let edits = actions::edits(&doc.text, new, &doc.lines, self.enc);
        if self.document_changes {
            WorkspaceEdit {
                document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier {
                        uri: doc.uri.clone(),
                        version: Some(doc.version),
                    },
                    edits: edits.into_iter().map(OneOf::Left).collect(),
                }])),
                ..Default::default()
            }
        } else {
            WorkspaceEdit {
                changes: Some([(doc.uri.clone(), edits)].into_iter().collect()),
                ..Default::default()
            }
        }
    }

    fn code_actions(&mut self, p: CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
        let doc = self.docs.get(&p.text_document.uri)?;
        let path = doc.path.as_deref()?;
        let Analysis::Linted(linted) = self.ws.analyse(Some(path), &doc.text) else {
            return Some(Vec::new());
        };
        let wanted = |kind: &str| {
            p.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|o| {
                    kind == o.as_str()
                        || kind
                            .strip_prefix(o.as_str())
                            .is_some_and(|r| r.starts_with('.'))
                })
            })
        };
        let subject = Subject {
            path,
            text: &doc.text,
            settings: &linted.settings,
            site: &linted.site,
        };
        let span = doc.lines.span(&doc.text, self.enc, p.range);
        let mut out = Vec::new();
        if wanted(CodeActionKind::QUICKFIX.as_str()) {
            let under = linted
                .diagnostics
                .iter()
                .filter(|d| d.span.start <= span.end && span.start <= d.span.end);
            for d in under {
                let lsp = diagnostics::to_lsp(d, doc, self.enc);
                if let (Some(f), Some(new)) =
                    (&d.fix, actions::quick_fix(&subject, d, self.unsafe_fixes))
                {
                    let safe = f.applicability == crate::diagnostic::Applicability::Safe;
                    out.push(action(
                        format!(
                            "Fix {}: {} ({} fix)",
                            d.code(),
                            f.message,
                            if safe { "safe" } else { "unsafe" }
                        ),
                        CodeActionKind::QUICKFIX,
                        vec![lsp.clone()],
                        self.workspace_edit(doc, &new),
                        safe,
                    ));
                }
                if std::ptr::eq(d.rule, crate::rules::RuleId::UnusedSuppression.rule()) {
                    continue;
                }
                if let Some((new, scope)) = actions::disable(&subject, d) {
                    let title = match scope {
                        actions::Scope::Line => format!("Disable {} for this line", d.code()),
                        actions::Scope::File => format!("Disable {} for this file", d.code()),
                    };
                    out.push(action(
                        title,
                        CodeActionKind::QUICKFIX,
                        vec![lsp],
                        self.workspace_edit(doc, &new),
                        false,
                    ));
                }
            }
        }
        if wanted(FIX_ALL)
            && let Ok(Some(new)) = actions::fix_all(&subject, false)
        {
            out.push(action(
                "Fix all safely fixable fmlint problems".to_string(),
                CodeActionKind::from(FIX_ALL.to_string()),
                Vec::new(),
                self.workspace_edit(doc, &new),
                false,
            ));
        }
        Some(out)
    }

    fn formatting(&mut self, p: DocumentFormattingParams) -> Option<Vec<lsp_types::TextEdit>> {
        let doc = self.docs.get(&p.text_document.uri)?;
        let path = doc.path.as_deref()?;
        let Analysis::Linted(linted) = self.ws.analyse(Some(path), &doc.text) else {
            return Some(Vec::new());
        };
        let subject = Subject {
            path,
            text: &doc.text,
            settings: &linted.settings,
            site: &linted.site,
        };
        match actions::fix_all(&subject, false) {
            Ok(Some(new)) => Some(actions::edits(&doc.text, &new, &doc.lines, self.enc)),
            Ok(None) => Some(Vec::new()),
            Err(why) => {
                self.show(
                    MessageType::WARNING,
                    format!("fmlint: nothing was fixed: {why}"),
                );
                Some(Vec::new())
            }
        }
    }

    fn hover(&mut self, p: HoverParams) -> Option<Hover> {
        let tp = p.text_document_position_params;
        let doc = self.docs.get(&tp.text_document.uri)?;
        let path = doc.path.as_deref()?;
        let Analysis::Linted(linted) = self.ws.analyse(Some(path), &doc.text) else {
            return None;
        };
        let at = doc.lines.offset(&doc.text, self.enc, tp.position);
        let under: Vec<&crate::diagnostic::Diagnostic> = linted
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= at && (at < d.span.end || at == d.span.start))
            .collect();
        let mut parts = Vec::new();
        if !under.is_empty() {
            parts.push(hover::rules_markdown(&under));
        }
        if actions::on_fence(&doc.text, at) {
            parts.push(hover::inspect_markdown(&hover::inspect_text(
                path, &doc.text, &self.ws,
            )));
        }
        if parts.is_empty() {
            return None;
        }
        let range = under
            .iter()
            .map(|d| d.span.clone())
            .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))
            .map(|s| doc.lines.range(&doc.text, self.enc, &s));
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range,
        })
    }

    fn execute_command(&mut self, p: ExecuteCommandParams) -> Result<Value, Failure> {
        if p.command != INSPECT {
            return Err(Failure {
                code: ErrorCode::InvalidParams,
                message: format!("unknown command `{}`; fmlint has `{INSPECT}`", p.command),
            });
        }
        let uri = p
            .arguments
            .first()
            .and_then(|a| a.as_str().or_else(|| a.get("uri").and_then(Value::as_str)))
            .and_then(|s| s.parse::<Uri>().ok())
            .ok_or_else(|| Failure {
                code: ErrorCode::InvalidParams,
                message: format!("`{INSPECT}` takes the post's URI as its argument"),
            })?;
        let report = match self.docs.get(&uri) {
            Some(doc) => {
                let path = doc.path.as_deref().ok_or_else(|| not_a_file(&uri))?;
                hover::inspect_text(path, &doc.text, &self.ws)
            }
            None => {
                let path = documents::file_path(&uri).ok_or_else(|| not_a_file(&uri))?;
                let pointed = crate::read::pointed_folder(std::slice::from_ref(&path), &path);
                let item = crate::inspect::inspect_file(
                    &path,
                    self.ws.sites(),
                    self.ws.resolver(),
                    chrono::Utc::now(),
                    &crate::read::Roots::default(),
                    &pointed,
                );
                crate::report::inspect::render_human(std::slice::from_ref(&item))
            }
        };
        self.show(MessageType::INFO, report.clone());
        Ok(Value::String(report))
    }
}

fn not_a_file(uri: &Uri) -> Failure {
    Failure {
        code: ErrorCode::InvalidParams,
        message: format!("{} is not a local file", uri.as_str()),
    }
}

fn action(
    title: String,
    kind: CodeActionKind,
    diagnostics: Vec<lsp_types::Diagnostic>,
    edit: WorkspaceEdit,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(edit),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    })
}
