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
mod notifications;
mod requests;
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
