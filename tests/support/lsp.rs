//! A small LSP client for the tests: it starts `fmlint server`, frames messages with
//! `lsp-server`'s reader and writer, shapes them with `lsp-types`, answers the server's own
//! requests, and keeps every notification it received. Every wait has a timeout (then the test
//! fails and the server is killed); none is a claim about speed.

use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId, Response, ResponseError};
use lsp_types::notification::Notification as _;
use lsp_types::{
    ClientCapabilities, GeneralClientCapabilities, InitializeParams, InitializeResult, Position,
    PositionEncodingKind, PublishDiagnosticsParams, TextEdit, Uri,
};
use serde_json::Value;

/// Long enough for a loaded CI machine; a server that answers nothing fails the test.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_fmlint"))
}

pub fn uri(path: &Path) -> Uri {
    let abs = std::path::absolute(path).unwrap();
    url::Url::from_file_path(abs)
        .unwrap()
        .as_str()
        .parse()
        .unwrap()
}

pub struct Client {
    child: Child,
    writer: BufWriter<ChildStdin>,
    incoming: Receiver<Message>,
    next_id: i32,
    /// Every notification received, in order.
    pub notifications: Vec<Notification>,
    /// The server's own requests (e.g. `client/registerCapability`), answered with `null`.
    pub server_requests: Vec<Request>,
    /// The encoding the server chose.
    pub encoding: PositionEncodingKind,
}

impl Client {
    /// Starts `fmlint server` in `cwd` (not yet initialized).
    pub fn start(cwd: &Path) -> Client {
        let mut child = Command::new(bin())
            .arg("server")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("fmlint server starts");
        let stdout = child.stdout.take().unwrap();
        let writer = BufWriter::new(child.stdin.take().unwrap());
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(msg)) = Message::read(&mut reader) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            writer,
            incoming,
            next_id: 0,
            notifications: Vec::new(),
            server_requests: Vec::new(),
            encoding: PositionEncodingKind::UTF16,
        }
    }

    /// `initialize` then `initialized`. `encodings`: the client's `general.positionEncodings`.
    pub fn initialize(
        &mut self,
        encodings: Option<Vec<PositionEncodingKind>>,
        options: Option<Value>,
    ) -> InitializeResult {
        let capabilities = ClientCapabilities {
            general: Some(GeneralClientCapabilities {
                position_encodings: encodings,
                ..Default::default()
            }),
            ..Default::default()
        };
        self.initialize_with(capabilities, options)
    }

    pub fn initialize_with(
        &mut self,
        capabilities: ClientCapabilities,
        options: Option<Value>,
    ) -> InitializeResult {
        let params = InitializeParams {
            capabilities,
            initialization_options: options,
            ..Default::default()
        };
        let result = self
            .request::<lsp_types::request::Initialize>(params)
            .expect("initialize succeeds");
        self.encoding = result
            .capabilities
            .position_encoding
            .clone()
            .unwrap_or(PositionEncodingKind::UTF16);
        self.notify::<lsp_types::notification::Initialized>(lsp_types::InitializedParams {});
        result
    }

    pub fn send(&mut self, msg: Message) {
        msg.write(&mut self.writer)
            .expect("the server reads its input");
        self.writer.flush().unwrap();
    }

    pub fn notify<N: lsp_types::notification::Notification>(&mut self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params).into());
    }

    /// The next message, answering the server's requests on the way.
    fn next(&mut self, deadline: Instant) -> Message {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(Message::Request(r)) => {
                    self.send(Response::new_ok(r.id.clone(), Value::Null).into());
                    self.server_requests.push(r);
                }
                Ok(msg) => return msg,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = self.child.kill();
                    panic!("the server sent nothing for {TIMEOUT:?}");
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output: {:?}", self.child.try_wait())
                }
            }
        }
    }

    /// Sends a request and waits for its response (keeping the notifications on the way).
    pub fn request_raw(&mut self, method: &str, params: Value) -> Result<Value, ResponseError> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Request::new(id.clone(), method.to_string(), params).into());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.next(deadline) {
                Message::Response(r) if r.id == id => {
                    return r.response_result;
                }
                Message::Notification(n) => self.notifications.push(n),
                Message::Response(_) | Message::Request(_) => {}
            }
        }
    }

    pub fn request<R: lsp_types::request::Request>(
        &mut self,
        params: R::Params,
    ) -> Result<R::Result, ResponseError> {
        let v = self.request_raw(R::METHOD, serde_json::to_value(params).unwrap())?;
        Ok(serde_json::from_value(v).expect("the response has the protocol's shape"))
    }

    /// Waits for the first notification (among those not yet taken) that `pick` accepts.
    pub fn wait_for<T>(&mut self, mut pick: impl FnMut(&Notification) -> Option<T>) -> T {
        if let Some(i) = self.notifications.iter().position(|n| pick(n).is_some()) {
            let n = self.notifications.remove(i);
            return pick(&n).unwrap();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Message::Notification(n) = self.next(deadline) {
                if let Some(t) = pick(&n) {
                    return t;
                }
                self.notifications.push(n);
            }
        }
    }

    /// The next diagnostics published for `uri` (for document `version` when given).
    pub fn diagnostics(&mut self, uri: &Uri, version: Option<i32>) -> PublishDiagnosticsParams {
        self.wait_for(|n| {
            if n.method != lsp_types::notification::PublishDiagnostics::METHOD {
                return None;
            }
            let p: PublishDiagnosticsParams = serde_json::from_value(n.params.clone()).ok()?;
            (&p.uri == uri && (version.is_none() || p.version == version)).then_some(p)
        })
    }

    /// The next `window/showMessage` text.
    pub fn shown_message(&mut self) -> lsp_types::ShowMessageParams {
        self.wait_for(|n| {
            (n.method == lsp_types::notification::ShowMessage::METHOD)
                .then(|| serde_json::from_value(n.params.clone()).unwrap())
        })
    }

    pub fn open(&mut self, path: &Path, text: &str, version: i32) -> Uri {
        let uri = uri(path);
        self.notify::<lsp_types::notification::DidOpenTextDocument>(
            lsp_types::DidOpenTextDocumentParams {
                text_document: lsp_types::TextDocumentItem::new(
                    uri.clone(),
                    "markdown".into(),
                    version,
                    text.into(),
                ),
            },
        );
        uri
    }

    /// Replaces the whole text.
    pub fn change_all(&mut self, uri: &Uri, text: &str, version: i32) {
        self.change(uri, version, vec![(None, text.to_string())]);
    }

    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        edits: Vec<(Option<lsp_types::Range>, String)>,
    ) {
        self.notify::<lsp_types::notification::DidChangeTextDocument>(
            lsp_types::DidChangeTextDocumentParams {
                text_document: lsp_types::VersionedTextDocumentIdentifier::new(
                    uri.clone(),
                    version,
                ),
                content_changes: edits
                    .into_iter()
                    .map(|(range, text)| lsp_types::TextDocumentContentChangeEvent {
                        range,
                        range_length: None,
                        text,
                    })
                    .collect(),
            },
        );
    }

    pub fn close(&mut self, uri: &Uri) {
        self.notify::<lsp_types::notification::DidCloseTextDocument>(
            lsp_types::DidCloseTextDocumentParams {
                text_document: lsp_types::TextDocumentIdentifier::new(uri.clone()),
            },
        );
    }

    /// `shutdown`, `exit`, and the server's exit status.
    pub fn shutdown(mut self) -> std::process::ExitStatus {
        self.request_raw("shutdown", Value::Null)
            .expect("shutdown succeeds");
        self.notify::<lsp_types::notification::Exit>(());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit after `exit`");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// Positions, written independently of the server's own conversion: lines end at `\n` (a `\r`
// before it belongs to the ending), columns count the encoding's code units.

fn units(c: char, enc: &PositionEncodingKind) -> u32 {
    if *enc == PositionEncodingKind::UTF8 {
        c.len_utf8() as u32
    } else if *enc == PositionEncodingKind::UTF32 {
        1
    } else {
        c.len_utf16() as u32
    }
}

/// The position of a byte offset.
pub fn position(text: &str, offset: usize, enc: &PositionEncodingKind) -> Position {
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[start..offset].chars().map(|c| units(c, enc)).sum();
    Position::new(line, col)
}

/// The byte offset of a position.
pub fn offset(text: &str, pos: Position, enc: &PositionEncodingKind) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        start += text[start..].find('\n').expect("the line exists") + 1;
    }
    let mut col = 0;
    for (i, c) in text[start..].char_indices() {
        if col >= pos.character || c == '\n' || c == '\r' {
            assert_eq!(
                col, pos.character,
                "a position inside a character or past the line"
            );
            return start + i;
        }
        col += units(c, enc);
    }
    assert_eq!(col, pos.character);
    text.len()
}

/// `text` with the edits applied (their ranges are all in the original text).
pub fn apply_edits(text: &str, edits: &[TextEdit], enc: &PositionEncodingKind) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, e.range.start, enc),
                offset(text, e.range.end, enc),
                e.new_text.as_str(),
            )
        })
        .collect();
    spans.sort_by_key(|s| (s.0, s.1));
    let mut out = text.to_string();
    for (a, b, t) in spans.into_iter().rev() {
        out.replace_range(a..b, t);
    }
    out
}

/// The edits of one document in a workspace edit, in either of its two shapes.
pub fn edits_for(edit: &lsp_types::WorkspaceEdit, uri: &Uri) -> Vec<TextEdit> {
    if let Some(changes) = &edit.changes {
        return changes.get(uri).cloned().unwrap_or_default();
    }
    match &edit.document_changes {
        Some(lsp_types::DocumentChanges::Edits(es)) => es
            .iter()
            .filter(|e| &e.text_document.uri == uri)
            .flat_map(|e| {
                e.edits.iter().map(|x| match x {
                    lsp_types::OneOf::Left(t) => t.clone(),
                    lsp_types::OneOf::Right(a) => a.text_edit.clone(),
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A site folder under the test's temporary directory with `files` written.
pub fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("fmlint-server-")
        .tempdir()
        .unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    // A repository root, so that no configuration above the temporary folder applies.
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("_posts")).unwrap();
    for (name, text) in files {
        let p = root.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    (dir, root)
}
