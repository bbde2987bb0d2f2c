//! What the client tells the server: documents opened, changed, saved and closed, settings and
//! watched configuration files; and the diagnostics published in answer.

use super::*;

impl Server<'_> {
    pub(super) fn on_notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else {
                    return;
                };
                let doc = p.text_document;
                self.dirty.insert(doc.uri.clone());
                self.docs
                    .open(Document::new(doc.uri, doc.text, doc.version));
            }
            "textDocument/didChange" => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else {
                    return;
                };
                let uri = p.text_document.uri;
                if let Some(doc) = self.docs.get_mut(&uri) {
                    doc.apply(p.content_changes, p.text_document.version, self.enc);
                    self.dirty.insert(uri);
                }
            }
            "textDocument/didSave" => {
                let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) else {
                    return;
                };
                let path = self
                    .docs
                    .get(&p.text_document.uri)
                    .and_then(|d| d.path.clone());
                if path.as_deref().is_some_and(workspace::is_config_file) {
                    self.reload();
                } else {
                    self.dirty.insert(p.text_document.uri);
                }
            }
            "textDocument/didClose" => {
                let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) else {
                    return;
                };
                let uri = p.text_document.uri;
                self.docs.close(&uri);
                self.dirty.remove(&uri);
                self.publish_diagnostics(uri, Vec::new(), None);
                if self.docs.is_empty() {
                    // Nothing open: what was cached for the closed posts' folders goes too.
                    self.ws.reload();
                }
            }
            "workspace/didChangeWatchedFiles" => {
                let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(n.params) else {
                    return;
                };
                if p.changes.iter().any(|c| {
                    documents::file_path(&c.uri).is_some_and(|p| workspace::is_config_file(&p))
                }) {
                    self.reload();
                }
            }
            "workspace/didChangeConfiguration" => {
                let Ok(p) = serde_json::from_value::<DidChangeConfigurationParams>(n.params) else {
                    return;
                };
                if let Some(yes) = unsafe_fixes_setting(&p.settings) {
                    self.unsafe_fixes = yes;
                }
            }
            _ => {}
        }
    }

    /// A configuration file changed: read everything again, relint everything open.
    pub(super) fn reload(&mut self) {
        self.ws.reload();
        self.reported.clear();
        self.dirty.extend(self.docs.uris());
    }

    // ----------------------------------------------------------------------------------------
    // Diagnostics

    pub(super) fn publish_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) {
        self.notify::<lsp_types::notification::PublishDiagnostics>(PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        });
    }

    pub(super) fn publish_dirty(&mut self) {
        for uri in std::mem::take(&mut self.dirty) {
            if let Err(why) = guarded(|| self.publish(&uri)) {
                self.show(
                    MessageType::ERROR,
                    format!(
                        "fmlint server: checking {} failed ({why}); please report this bug with the file",
                        uri.as_str()
                    ),
                );
                self.publish_diagnostics(uri, Vec::new(), None);
            }
        }
    }

    pub(super) fn publish(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let mut problems: Vec<(MessageType, String)> = Vec::new();
        let diagnostics = match doc.path.as_deref() {
            Some(p) if workspace::is_config_file(p) => config_diagnostics(doc, p, self.enc),
            path => match self.ws.analyse(path, &doc.text) {
                Analysis::NotAPost => Vec::new(),
                Analysis::BadConfig(errors) => {
                    for e in &errors {
                        let (line, col) = e.line_col();
                        problems.push((
                            MessageType::ERROR,
                            format!(
                                "fmlint: {}:{line}:{col}: {}; the posts it configures are not checked until it is fixed",
                                e.path, e.message
                            ),
                        ));
                    }
                    Vec::new()
                }
                Analysis::Linted(l) => {
                    if let Some(e) = &l.site_error {
                        problems.push((
                            MessageType::WARNING,
                            format!("fmlint: the site's configuration cannot be read ({e}); Jekyll's defaults were used"),
                        ));
                    }
                    l.diagnostics
                        .iter()
                        .map(|d| diagnostics::to_lsp(d, doc, self.enc))
                        .collect()
                }
            },
        };
        let version = Some(doc.version);
        self.publish_diagnostics(uri.clone(), diagnostics, version);
        for (typ, message) in problems {
            self.show_once(typ, message);
        }
    }

    // ----------------------------------------------------------------------------------------
    // Requests
}

/// An open configuration file's own errors, for the text in the editor.
fn config_diagnostics(doc: &Document, path: &Path, enc: Encoding) -> Vec<lsp_types::Diagnostic> {
    let key =
        (path.file_name().and_then(|n| n.to_str()) == Some("_config.yml")).then_some("fmlint");
    let shown = crate::paths::display_path(path);
    match crate::config::load::parse(&shown, std::sync::Arc::from(doc.text.as_str()), key) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|e| diagnostics::config_error_to_lsp(e, doc, enc))
            .collect(),
    }
}
