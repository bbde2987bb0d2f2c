//! `fmlint server`: the Language Server Protocol over standard input and output.
//!
//! One thread handles the messages in order. Notifications update the open documents and mark
//! them dirty; requests are answered at once against the current text; dirty documents are
//! linted and published once the client pauses, so that a burst of `didChange` from fast typing
//! costs one lint. Each message is handled under `catch_unwind`: a panic in one request is an
//! error response and a message to the user, never the end of the server.

mod actions;
mod diagnostics;
mod documents;
mod encoding;
mod hover;
mod workspace;

use std::collections::{BTreeSet, HashSet};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    DocumentChanges, DocumentFormattingParams, ExecuteCommandOptions, ExecuteCommandParams,
    FileSystemWatcher, GlobPattern, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, MarkupContent, MarkupKind, MessageType, OneOf,
    OptionalVersionedTextDocumentIdentifier, PublishDiagnosticsParams, Registration,
    RegistrationParams, ServerCapabilities, ShowMessageParams, TextDocumentEdit,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri, WorkspaceEdit,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use actions::Subject;
use documents::{Document, Documents};
use encoding::Encoding;
use workspace::{Analysis, Workspace};

/// The code action kind of "apply every safe fix".
pub const FIX_ALL: &str = "source.fixAll.fmlint";
/// The command that shows what `fmlint inspect` says of a post; its argument is the post's URI.
pub const INSPECT: &str = "fmlint.inspect";
/// How long the client may pause between changes before the document is linted.
const DEBOUNCE: Duration = Duration::from_millis(40);
/// However fast the changes come, diagnostics are published at least this often.
const MAX_BATCH: Duration = Duration::from_millis(400);

/// Runs the server until the client says `exit` or goes away. Returns the exit code (0 after
/// an orderly `shutdown` then `exit`, as the protocol asks).
pub fn run() -> u8 {
    let (conn, io) = Connection::stdio();
    let outcome = serve(&conn);
    drop(conn);
    match outcome {
        Ok(End::Exited { shutdown }) => {
            // The reader has stopped at `exit`: joining lets the writer finish its last message.
            let _ = io.join();
            if shutdown { 0 } else { 1 }
        }
        Ok(End::Disconnected) => 1,
        Err(e) => {
            eprintln!("fmlint server: {e}");
            1
        }
    }
}

enum End {
    Exited { shutdown: bool },
    Disconnected,
}

fn serve(conn: &Connection) -> Result<End, String> {
    let (id, params) = conn.initialize_start().map_err(|e| e.to_string())?;
    // A client whose parameters do not parse still gets a server, with the defaults.
    let init: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let enc = Encoding::negotiate(
        init.capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let result = serde_json::json!({
        "capabilities": capabilities(enc),
        "serverInfo": { "name": "fmlint", "version": env!("CARGO_PKG_VERSION") },
    });
    conn.initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        conn,
        enc,
        docs: Documents::default(),
        dirty: BTreeSet::new(),
        ws: Workspace::default(),
        unsafe_fixes: init
            .initialization_options
            .as_ref()
            .and_then(unsafe_fixes_setting)
            .unwrap_or(false),
        document_changes: init
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.document_changes)
            .unwrap_or(false),
        reported: HashSet::new(),
    };
    let dynamic_watch = init
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    if dynamic_watch {
        server.watch_config_files();
    }
    server.main_loop()
}

fn capabilities(enc: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::from(FIX_ALL.to_string()),
            ]),
            resolve_provider: Some(false),
            ..Default::default()
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![INSPECT.to_string()],
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// `unsafeFixes` from the initialization options or the settings, at the top or under `fmlint`.
fn unsafe_fixes_setting(v: &Value) -> Option<bool> {
    v.get("unsafeFixes")
        .or_else(|| v.get("fmlint").and_then(|f| f.get("unsafeFixes")))
        .and_then(Value::as_bool)
}

/// A request's failure, as the response's error.
struct Failure {
    code: ErrorCode,
    message: String,
}

fn params<P: DeserializeOwned>(v: Value) -> Result<P, Failure> {
    serde_json::from_value(v).map_err(|e| Failure {
        code: ErrorCode::InvalidParams,
        message: format!("invalid parameters: {e}"),
    })
}

/// Runs `f`, turning a panic into its message.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

struct Server<'c> {
    conn: &'c Connection,
    enc: Encoding,
    docs: Documents,
    /// Documents changed since they were last published.
    dirty: BTreeSet<Uri>,
    ws: Workspace,
    unsafe_fixes: bool,
    /// The client applies versioned document edits (so a stale edit is refused, not misapplied).
    document_changes: bool,
    /// Problems already shown to the user, so that typing does not repeat them.
    reported: HashSet<String>,
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<End, String> {
        loop {
            let Ok(msg) = self.conn.receiver.recv() else {
                return Ok(End::Disconnected);
            };
            if let Some(end) = self.handle(msg) {
                return Ok(end);
            }
            // Coalesce what follows quickly (fast typing) before linting.
            let started = Instant::now();
            while !self.dirty.is_empty() && started.elapsed() < MAX_BATCH {
                match self.conn.receiver.recv_timeout(DEBOUNCE) {
                    Ok(msg) => {
                        if let Some(end) = self.handle(msg) {
                            return Ok(end);
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return Ok(End::Disconnected),
                }
            }
            self.publish_dirty();
        }
    }

    fn handle(&mut self, msg: Message) -> Option<End> {
        match msg {
            Message::Request(req) if req.method == "shutdown" => {
                let shutdown = self.conn.handle_shutdown(&req).is_ok();
                Some(End::Exited { shutdown })
            }
            Message::Request(req) => {
                self.on_request(req);
                None
            }
            Message::Notification(n) if n.method == "exit" => Some(End::Exited { shutdown: false }),
            Message::Notification(n) => {
                let method = n.method.clone();
                if let Err(why) = guarded(|| self.on_notification(n)) {
                    self.show(
                        MessageType::ERROR,
                        format!("fmlint server: handling {method} failed ({why}); please report this bug"),
                    );
                }
                None
            }
            // Answers to our own requests (the file watch registration): nothing to do.
            Message::Response(_) => None,
        }
    }

    fn send(&self, msg: impl Into<Message>) {
        let _ = self.conn.sender.send(msg.into());
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn show(&self, typ: MessageType, message: String) {
        self.notify::<lsp_types::notification::ShowMessage>(ShowMessageParams { typ, message });
    }

    /// Shows a problem once, until the configuration is reloaded.
    fn show_once(&mut self, typ: MessageType, message: String) {
        if self.reported.insert(message.clone()) {
            self.show(typ, message);
        }
    }

    fn watch_config_files(&self) {
        let watchers = ["**/.fmlint.yml", "**/.fmlint.yaml", "**/_config.yml"]
            .into_iter()
            .map(|g| FileSystemWatcher {
                glob_pattern: GlobPattern::String(g.to_string()),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "fmlint-configuration-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.send(Request::new(
            RequestId::from("fmlint-watch".to_string()),
            "client/registerCapability".to_string(),
            params,
        ));
    }

    // ----------------------------------------------------------------------------------------
    // Notifications

    fn on_notification(&mut self, n: Notification) {
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
    fn reload(&mut self) {
        self.ws.reload();
        self.reported.clear();
        self.dirty.extend(self.docs.uris());
    }

    // ----------------------------------------------------------------------------------------
    // Diagnostics

    fn publish_diagnostics(
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

    fn publish_dirty(&mut self) {
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

    fn publish(&mut self, uri: &Uri) {
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

    fn on_request(&mut self, req: Request) {
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
                crate::inspect::render_human(std::slice::from_ref(&item))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        let r: Result<(), String> = guarded(|| panic!("boom {}", 1));
        assert_eq!(r, Err("boom 1".to_string()));
        assert_eq!(guarded(|| 2), Ok(2));
    }

    #[test]
    fn unsafe_fixes_from_either_shape() {
        use serde_json::json;
        assert_eq!(
            unsafe_fixes_setting(&json!({"unsafeFixes": true})),
            Some(true)
        );
        assert_eq!(
            unsafe_fixes_setting(&json!({"fmlint": {"unsafeFixes": false}})),
            Some(false)
        );
        assert_eq!(unsafe_fixes_setting(&json!({})), None);
    }
}
