//! The open documents: the editor's text (not the file on disk), its version, and where it
//! lives. A document is dropped on close, so memory follows what is open, not what was.

use std::collections::HashMap;
use std::path::PathBuf;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::encoding::{Encoding, LineMap};

#[derive(Debug)]
pub struct Document {
    pub uri: Uri,
    pub text: String,
    pub version: i32,
    /// The file the document is, when its URI is a `file:` one.
    pub path: Option<PathBuf>,
    pub lines: LineMap,
}

impl Document {
    pub fn new(uri: Uri, text: String, version: i32) -> Self {
        let path = file_path(&uri);
        let lines = LineMap::new(&text);
        Document {
            uri,
            text,
            version,
            path,
            lines,
        }
    }

    /// Applies the changes of one `didChange`, in order (each range refers to the text the
    /// previous change left).
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        enc: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let span = self.lines.span(&self.text, enc, range);
                    self.text.replace_range(span, &change.text);
                }
                None => self.text = change.text,
            }
            self.lines = LineMap::new(&self.text);
        }
        self.version = version;
    }
}

/// The local path of a `file:` URI.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let url = url::Url::parse(uri.as_str()).ok()?;
    if url.scheme() != "file" {
        return None;
    }
    url.to_file_path().ok()
}

#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<String, Document>,
}

impl Documents {
    pub fn open(&mut self, doc: Document) {
        self.open.insert(doc.uri.as_str().to_string(), doc);
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.open.remove(uri.as_str())
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri.as_str())
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.open.get_mut(uri.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }

    /// Every open document's URI, sorted (so that publishing is in a stable order).
    pub fn uris(&self) -> Vec<Uri> {
        let mut uris: Vec<Uri> = self.open.values().map(|d| d.uri.clone()).collect();
        uris.sort();
        uris
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    #[test]
    fn incremental_changes_in_utf16() {
        let uri: Uri = "file:///site/_posts/2021-07-20-a.md".parse().unwrap();
        let mut doc = Document::new(uri, "title: 😀a\r\ndate: x\r\n".into(), 1);
        assert_eq!(
            doc.path.as_deref(),
            Some(std::path::Path::new("/site/_posts/2021-07-20-a.md"))
        );
        let change = |l1, c1, l2, c2, t: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: t.into(),
        };
        // After the emoji (two UTF-16 units), then the second line's value.
        doc.apply(
            vec![change(0, 9, 0, 10, "联"), change(1, 6, 1, 7, "2021")],
            2,
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "title: 😀联\r\ndate: 2021\r\n");
        assert_eq!(doc.version, 2);
    }
}
