//! `fmlint server` through the real binary over standard input and output, with real protocol
//! messages (tests/support/lsp.rs is the client). What the editor gets is checked against what
//! the command line says and writes for the same text: the same diagnostics at the same places,
//! and code actions whose result is the file `fmlint --fix` writes.

#[path = "support/lsp.rs"]
mod lsp;

use std::path::Path;
use std::process::Command;

use lsp::{Client, apply_edits, edits_for, position, site};
use lsp_types::{
    CodeActionContext, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    DocumentFormattingParams, FormattingOptions, HoverContents, HoverParams, PartialResultParams,
    Position, PositionEncodingKind, Range, TextDocumentIdentifier, TextDocumentPositionParams, Uri,
    WorkDoneProgressParams,
};
use serde_json::{Value, json};

const POST: &str = "_posts/2021-07-20-a.md";

/// The canonical post: lint-clean.
const CANON: &str = "---\nlayout: post\ntitle: \"中国外交部批美国\"\ndate: 2021-07-20T10:40:01.779Z\nauthor: 联合早报\nfrom: https://www.zaobao.com/realtime/china/story20210720-1171540\ntags: [ 联合早报 ]\ncategories: [ 联合早报 ]\n---\n<!--1626777601779-->\n[中国外交部批美国](https://www.zaobao.com/realtime/china/story20210720-1171540)\n------\n\n<div>body</div>\n";

/// Problems of every kind: a CJK title with an astral character, unquoted; a date not in RFC
/// 3339; keys out of order; term strings; no timestamp and no header link.
const MESSY: &str = "---\ntitle: 联合早报 😀 新闻\nlayout: post   \n# where it came from\nfrom: https://www.zaobao.com/a\ndate: 2021-07-20 18:40:01 +0800\nauthor: 联合早报\ntags:\n  - 联合早报\n  - 联合早报\ncategories: 联合早报\nextra: kept # note\n---\n\nbody\n";

fn crlf(s: &str) -> String {
    s.replace('\n', "\r\n")
}

fn fmlint(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(lsp::bin())
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("fmlint runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// What `fmlint --fix` (plus `extra` flags) writes for `text` at `POST` in `root`.
fn cli_fix(root: &Path, text: &str, extra: &[&str]) -> String {
    let path = root.join(POST);
    let before = std::fs::read(&path).ok();
    std::fs::write(&path, text).unwrap();
    let mut args = vec!["--fix", "--quiet", POST];
    args.extend_from_slice(extra);
    fmlint(root, &args);
    let fixed = std::fs::read_to_string(&path).unwrap();
    match before {
        Some(b) => std::fs::write(&path, b).unwrap(),
        None => std::fs::remove_file(&path).unwrap(),
    }
    fixed
}

/// The command line's JSON diagnostics for `text` at `POST`.
fn cli_diagnostics(root: &Path, text: &str) -> Vec<Value> {
    let path = root.join(POST);
    std::fs::write(&path, text).unwrap();
    let (_, out) = fmlint(root, &["--format", "json", POST]);
    let v: Value = serde_json::from_str(&out).unwrap();
    v["diagnostics"].as_array().unwrap().clone()
}

/// The byte offset of a 1-based line and character column (the command line's positions).
fn byte_at(text: &str, line: u64, column: u64) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line as usize - 1)
        .map(str::len)
        .sum();
    let rest = &text[start..];
    start
        + rest
            .char_indices()
            .nth(column as usize - 1)
            .map_or(rest.len(), |(i, _)| i)
}

fn code(d: &lsp_types::Diagnostic) -> &str {
    match &d.code {
        Some(lsp_types::NumberOrString::String(s)) => s,
        _ => "",
    }
}

fn started(
    root: &Path,
    encodings: Option<Vec<PositionEncodingKind>>,
    options: Option<Value>,
) -> Client {
    let mut c = Client::start(root);
    c.initialize(encodings, options);
    c
}

/// The quick fix at `range` whose title starts with `title`; the test fails, showing what was
/// offered, when there is none.
fn quick_fix(c: &mut Client, uri: &Uri, range: Range, title: &str) -> lsp_types::CodeAction {
    let acts = actions(c, uri, range, Some(vec![CodeActionKind::QUICKFIX]));
    acts.iter()
        .find(|a| a.title.starts_with(title))
        .cloned()
        .unwrap_or_else(|| panic!("no `{title}…` among {acts:#?}"))
}

fn actions(
    c: &mut Client,
    uri: &Uri,
    range: Range,
    only: Option<Vec<CodeActionKind>>,
) -> Vec<lsp_types::CodeAction> {
    let resp = c
        .request::<lsp_types::request::CodeActionRequest>(CodeActionParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            range,
            context: CodeActionContext {
                diagnostics: vec![],
                only,
                trigger_kind: None,
            },
            work_done_progress_params: WorkDoneProgressParams::default(),
            partial_result_params: PartialResultParams::default(),
        })
        .expect("code actions answer");
    resp.unwrap_or_default()
        .into_iter()
        .filter_map(|a| match a {
            CodeActionOrCommand::CodeAction(a) => Some(a),
            CodeActionOrCommand::Command(_) => None,
        })
        .collect()
}

fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::from("source.fixAll.fmlint".to_string())
}

fn whole(text: &str, enc: &PositionEncodingKind) -> Range {
    Range::new(Position::new(0, 0), position(text, text.len(), enc))
}

#[test]
fn diagnostics_land_on_the_right_characters_in_every_encoding() {
    let (_dir, root) = site(&[]);
    for text in [MESSY.to_string(), crlf(MESSY)] {
        let cli = cli_diagnostics(&root, &text);
        assert!(cli.len() >= 5, "{cli:?}");
        for (offer, want) in [
            (None, PositionEncodingKind::UTF16),
            (
                Some(vec![PositionEncodingKind::UTF16]),
                PositionEncodingKind::UTF16,
            ),
            (
                Some(vec![
                    PositionEncodingKind::UTF8,
                    PositionEncodingKind::UTF16,
                ]),
                PositionEncodingKind::UTF8,
            ),
            (
                Some(vec![
                    PositionEncodingKind::UTF32,
                    PositionEncodingKind::UTF16,
                ]),
                PositionEncodingKind::UTF32,
            ),
        ] {
            let mut c = started(&root, offer, None);
            assert_eq!(c.encoding, want, "the negotiated encoding");
            let uri = c.open(&root.join(POST), &text, 1);
            let got = c.diagnostics(&uri, Some(1)).diagnostics;
            // The same problems as the command line, in its order, at its places.
            assert_eq!(got.len(), cli.len(), "{got:#?}\n{cli:#?}");
            for (g, w) in got.iter().zip(&cli) {
                assert_eq!(code(g), w["code"].as_str().unwrap());
                let start = byte_at(
                    &text,
                    w["line"].as_u64().unwrap(),
                    w["column"].as_u64().unwrap(),
                );
                let end = byte_at(
                    &text,
                    w["end_line"].as_u64().unwrap(),
                    w["end_column"].as_u64().unwrap(),
                );
                assert_eq!(g.range.start, position(&text, start, &want), "{g:?}");
                assert_eq!(g.range.end, position(&text, end, &want), "{g:?}");
                assert_eq!(g.source.as_deref(), Some("fmlint"));
                let name = w["name"].as_str().unwrap();
                assert!(
                    g.message
                        .starts_with(&format!("[{name}] {}", w["message"].as_str().unwrap()))
                );
                let href = g
                    .code_description
                    .as_ref()
                    .unwrap()
                    .href
                    .as_str()
                    .to_string();
                assert!(
                    href.ends_with(&format!("/rules/{}-{name}.md", code(g))),
                    "{href}"
                );
                let sev = match w["severity"].as_str().unwrap() {
                    "error" => lsp_types::DiagnosticSeverity::ERROR,
                    _ => lsp_types::DiagnosticSeverity::WARNING,
                };
                assert_eq!(g.severity, Some(sev));
            }
            // By hand, independently of the command line: the unquoted title is on line 1 from
            // column 7 to its end, counted in the encoding's units.
            let title = "联合早报 😀 新闻";
            let units: u32 = if want == PositionEncodingKind::UTF8 {
                title.len() as u32
            } else if want == PositionEncodingKind::UTF16 {
                title.encode_utf16().count() as u32
            } else {
                title.chars().count() as u32
            };
            assert_eq!(
                units,
                [24, 10, 9][[
                    PositionEncodingKind::UTF8,
                    PositionEncodingKind::UTF16,
                    PositionEncodingKind::UTF32
                ]
                .iter()
                .position(|e| *e == want)
                .unwrap()]
            );
            let t = got.iter().find(|d| code(d) == "FM602").expect("FM602");
            assert_eq!(
                t.range,
                Range::new(Position::new(1, 7), Position::new(1, 7 + units))
            );
            // The date's range ends before the line ending, CRLF or not.
            let d = got.iter().find(|d| code(d) == "FM201").expect("FM201");
            assert_eq!(
                d.range,
                Range::new(Position::new(5, 6), Position::new(5, 31))
            );
            c.shutdown();
        }
    }
}

#[test]
fn quick_fix_and_fix_all_write_what_the_cli_writes() {
    let (_dir, root) = site(&[]);
    // One problem, one quick fix: the result is `fmlint --fix`'s.
    let one = CANON.replace("2021-07-20T10:40:01.779Z", "2021-07-20 18:40:01.779 +0800");
    for text in [one.clone(), crlf(&one)] {
        let mut c = started(&root, None, None);
        let enc = c.encoding.clone();
        let uri = c.open(&root.join(POST), &text, 1);
        let diags = c.diagnostics(&uri, Some(1)).diagnostics;
        assert_eq!(diags.iter().map(code).collect::<Vec<_>>(), ["FM201"]);
        let fix = quick_fix(&mut c, &uri, diags[0].range, "Fix FM201");
        assert!(fix.title.ends_with("(safe fix)"), "{}", fix.title);
        assert_eq!(fix.is_preferred, Some(true));
        let edits = edits_for(fix.edit.as_ref().unwrap(), &uri);
        let fixed = apply_edits(&text, &edits, &enc);
        assert_ne!(fixed, text);
        assert_eq!(fixed, cli_fix(&root, &text, &[]));
        // The editor applies the edit as an incremental change: the problem is gone.
        c.change(
            &uri,
            2,
            edits
                .into_iter()
                .map(|e| (Some(e.range), e.new_text))
                .collect(),
        );
        assert_eq!(c.diagnostics(&uri, Some(2)).diagnostics, vec![]);
        c.shutdown();
    }
    // Many problems: fix-all and formatting both give `fmlint --fix`'s file.
    for text in [MESSY.to_string(), crlf(MESSY)] {
        let mut c = started(&root, Some(vec![PositionEncodingKind::UTF8]), None);
        let enc = c.encoding.clone();
        let uri = c.open(&root.join(POST), &text, 1);
        c.diagnostics(&uri, Some(1));
        let want = cli_fix(&root, &text, &[]);
        assert_ne!(want, text);
        let acts = actions(&mut c, &uri, Range::default(), Some(vec![fix_all_kind()]));
        assert_eq!(acts.len(), 1, "{acts:#?}");
        assert_eq!(acts[0].kind, Some(fix_all_kind()));
        let fixed = apply_edits(
            &text,
            &edits_for(acts[0].edit.as_ref().unwrap(), &uri),
            &enc,
        );
        assert_eq!(fixed, want);
        // `only: source` asks for it too; `only: quickfix` does not.
        let src = actions(
            &mut c,
            &uri,
            Range::default(),
            Some(vec![CodeActionKind::SOURCE]),
        );
        assert_eq!(src.len(), 1);
        let qf = actions(
            &mut c,
            &uri,
            Range::default(),
            Some(vec![CodeActionKind::QUICKFIX]),
        );
        assert!(qf.iter().all(|a| a.kind == Some(CodeActionKind::QUICKFIX)));
        let formatted = c
            .request::<lsp_types::request::Formatting>(DocumentFormattingParams {
                text_document: TextDocumentIdentifier::new(uri.clone()),
                options: FormattingOptions::default(),
                work_done_progress_params: WorkDoneProgressParams::default(),
            })
            .unwrap()
            .unwrap();
        assert_eq!(apply_edits(&text, &formatted, &enc), want);
        // Fixed text is clean of what fix-all repairs: no fix-all is offered any more.
        c.change_all(&uri, &want, 2);
        c.diagnostics(&uri, Some(2));
        assert!(actions(&mut c, &uri, Range::default(), Some(vec![fix_all_kind()])).is_empty());
        c.shutdown();
    }
}

#[test]
fn unsafe_fixes_only_when_the_client_allows_them() {
    let (_dir, root) = site(&[]);
    // A bare date: its instant depends on the build machine, so its fix is unsafe.
    let text = CANON
        .replace("2021-07-20T10:40:01.779Z", "2021-07-20")
        .replace("1626777601779", "1626739200000");
    let fix_titles = |c: &mut Client, uri: &Uri, range| -> Vec<String> {
        actions(c, uri, range, None)
            .into_iter()
            .map(|a| a.title)
            .filter(|t| t.starts_with("Fix FM201"))
            .collect()
    };
    let mut c = started(&root, None, None);
    let uri = c.open(&root.join(POST), &text, 1);
    let diags = c.diagnostics(&uri, Some(1)).diagnostics;
    assert_eq!(diags.iter().map(code).collect::<Vec<_>>(), ["FM201"]);
    assert!(fix_titles(&mut c, &uri, diags[0].range).is_empty());
    // Settings can turn them on, and off again.
    c.notify::<lsp_types::notification::DidChangeConfiguration>(
        lsp_types::DidChangeConfigurationParams {
            settings: json!({"fmlint": {"unsafeFixes": true}}),
        },
    );
    assert_eq!(fix_titles(&mut c, &uri, diags[0].range).len(), 1);
    c.notify::<lsp_types::notification::DidChangeConfiguration>(
        lsp_types::DidChangeConfigurationParams {
            settings: json!({"unsafeFixes": false}),
        },
    );
    assert!(fix_titles(&mut c, &uri, diags[0].range).is_empty());
    c.shutdown();

    let mut c = started(&root, None, Some(json!({"unsafeFixes": true})));
    let enc = c.encoding.clone();
    let uri = c.open(&root.join(POST), &text, 1);
    let diags = c.diagnostics(&uri, Some(1)).diagnostics;
    let acts = actions(&mut c, &uri, diags[0].range, None);
    let fix = acts
        .iter()
        .find(|a| a.title.starts_with("Fix FM201"))
        .unwrap();
    assert!(fix.title.ends_with("(unsafe fix)"), "{}", fix.title);
    assert_eq!(fix.is_preferred, None);
    let fixed = apply_edits(&text, &edits_for(fix.edit.as_ref().unwrap(), &uri), &enc);
    assert_eq!(fixed, cli_fix(&root, &text, &["--unsafe-fixes"]));
    // Fix-all stays safe, as `--fix` without `--unsafe-fixes`: nothing to do here.
    assert!(acts.iter().all(|a| a.kind != Some(fix_all_kind())));
    c.shutdown();
}

#[test]
fn disable_actions_write_fmlint_s_own_suppression_comments() {
    let (_dir, root) = site(&[]);
    let text = CANON.replace("2021-07-20T10:40:01.779Z", "2021-07-20 18:40:01.779 +0800");
    let mut c = started(&root, None, None);
    let enc = c.encoding.clone();
    let uri = c.open(&root.join(POST), &text, 1);
    let diags = c.diagnostics(&uri, Some(1)).diagnostics;
    let acts = actions(
        &mut c,
        &uri,
        diags[0].range,
        Some(vec![CodeActionKind::QUICKFIX]),
    );
    let off = acts
        .iter()
        .find(|a| a.title == "Disable FM201 for this line")
        .unwrap_or_else(|| panic!("{acts:#?}"));
    let silenced = apply_edits(&text, &edits_for(off.edit.as_ref().unwrap(), &uri), &enc);
    assert!(
        silenced
            .contains("\n# fmlint-disable-next-line FM201\ndate: 2021-07-20 18:40:01.779 +0800\n")
    );
    c.change_all(&uri, &silenced, 2);
    assert_eq!(c.diagnostics(&uri, Some(2)).diagnostics, vec![]);
    // The command line agrees: the comment silences the rule, and nothing else changed.
    let path = root.join(POST);
    std::fs::write(&path, &silenced).unwrap();
    assert_eq!(fmlint(&root, &["--quiet", POST]), (0, String::new()));

    // Outside the front matter, only the file form can reach.
    let no_link = CANON.replace(
        "[中国外交部批美国](https://www.zaobao.com/realtime/china/story20210720-1171540)\n------\n",
        "",
    );
    c.change_all(&uri, &no_link, 3);
    let diags = c.diagnostics(&uri, Some(3)).diagnostics;
    let d = diags.iter().find(|d| code(d) == "FM302").expect("FM302");
    let acts = actions(&mut c, &uri, d.range, Some(vec![CodeActionKind::QUICKFIX]));
    let off = acts
        .iter()
        .find(|a| a.title == "Disable FM302 for this file")
        .unwrap_or_else(|| panic!("{acts:#?}"));
    let silenced = apply_edits(&no_link, &edits_for(off.edit.as_ref().unwrap(), &uri), &enc);
    assert!(
        silenced.starts_with("---\n# fmlint-disable FM302\nlayout: post\n"),
        "{silenced}"
    );
    c.change_all(&uri, &silenced, 4);
    let left: Vec<String> = c
        .diagnostics(&uri, Some(4))
        .diagnostics
        .iter()
        .map(|d| code(d).to_string())
        .collect();
    assert!(
        !left.contains(&"FM302".to_string()) && !left.contains(&"FM900".to_string()),
        "{left:?}"
    );
    c.shutdown();
}

#[test]
fn hover_shows_the_rule_and_how_jekyll_reads_the_post() {
    let (_dir, root) = site(&[("_config.yml", "timezone: Asia/Singapore\n")]);
    let text = CANON.replace("2021-07-20T10:40:01.779Z", "2021-07-20 18:40:01.779 +0800");
    std::fs::write(root.join(POST), &text).unwrap();
    let mut c = started(&root, None, None);
    let uri = c.open(&root.join(POST), &text, 1);
    let diags = c.diagnostics(&uri, Some(1)).diagnostics;
    let hover = |c: &mut Client, pos: Position| {
        c.request::<lsp_types::request::HoverRequest>(HoverParams {
            text_document_position_params: TextDocumentPositionParams::new(
                TextDocumentIdentifier::new(uri.clone()),
                pos,
            ),
            work_done_progress_params: WorkDoneProgressParams::default(),
        })
        .unwrap()
    };
    let markdown = |h: lsp_types::Hover| match h.contents {
        HoverContents::Markup(m) => m.value,
        other => panic!("{other:?}"),
    };
    let on_date = hover(&mut c, diags[0].range.start).expect("a hover on the diagnostic");
    assert_eq!(on_date.range, Some(diags[0].range));
    let text_md = markdown(on_date);
    let (_, rules) = fmlint(&root, &["rules", "--format", "json"]);
    let rules: Value = serde_json::from_str(&rules).unwrap();
    let fm201 = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "FM201")
        .unwrap();
    assert!(text_md.contains("**FM201 date-format**"), "{text_md}");
    assert!(
        text_md.contains(fm201["summary"].as_str().unwrap()),
        "{text_md}"
    );
    assert!(text_md.contains("rules/FM201-date-format.md"), "{text_md}");
    // Nothing to say between problems.
    assert!(hover(&mut c, Position::new(4, 3)).is_none());
    // On the fence: `fmlint inspect`, for the text in the editor.
    let (_, cli) = fmlint(&root, &["inspect", root.join(POST).to_str().unwrap()]);
    let fence = markdown(hover(&mut c, Position::new(0, 1)).expect("a hover on the fence"));
    assert!(fence.contains(&cli), "{fence}\n---\n{cli}");
    assert!(fence.contains("published   yes"), "{fence}");
    let edited = text.replace("中国外交部批美国\"", "改过的标题\"");
    c.change_all(&uri, &edited, 2);
    let out = c
        .request::<lsp_types::request::ExecuteCommand>(lsp_types::ExecuteCommandParams {
            command: "fmlint.inspect".into(),
            arguments: vec![json!(uri.as_str())],
            work_done_progress_params: WorkDoneProgressParams::default(),
        })
        .unwrap()
        .unwrap();
    let out = out.as_str().unwrap();
    assert!(out.contains("\"改过的标题\""), "{out}");
    assert!(out.contains("url"), "{out}");
    assert_eq!(c.shown_message().message, out);
    c.shutdown();
}

#[test]
fn only_posts_get_diagnostics_as_on_the_cli() {
    let (_dir, root) = site(&[
        ("_config.yml", "exclude: [old]\n"),
        ("about.md", MESSY),
        ("old/_posts/2021-07-20-a.md", MESSY),
        ("_posts/_partial.md", MESSY),
        (POST, MESSY),
    ]);
    // The command line checks one of them.
    let (_, out) = fmlint(&root, &["--format", "json", "."]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let paths: std::collections::BTreeSet<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.into_iter().collect::<Vec<_>>(), [POST]);
    let mut c = started(&root, None, None);
    for name in [
        "about.md",
        "old/_posts/2021-07-20-a.md",
        "_posts/_partial.md",
    ] {
        let uri = c.open(&root.join(name), MESSY, 1);
        assert_eq!(c.diagnostics(&uri, Some(1)).diagnostics, vec![], "{name}");
        assert!(actions(&mut c, &uri, Range::default(), None).is_empty());
    }
    let uri = c.open(&root.join(POST), MESSY, 1);
    assert!(!c.diagnostics(&uri, Some(1)).diagnostics.is_empty());
    // An untitled buffer has no path: nothing.
    let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
    c.notify::<lsp_types::notification::DidOpenTextDocument>(
        lsp_types::DidOpenTextDocumentParams {
            text_document: lsp_types::TextDocumentItem::new(
                untitled.clone(),
                "markdown".into(),
                1,
                MESSY.into(),
            ),
        },
    );
    assert_eq!(c.diagnostics(&untitled, Some(1)).diagnostics, vec![]);
    c.shutdown();
}

#[test]
fn configuration_is_the_cli_s_and_reloads_when_it_changes() {
    let (_dir, root) = site(&[(".fmlint.yml", "rules:\n  FM602: off\n")]);
    let cfg = root.join(".fmlint.yml");
    let codes = |d: &[lsp_types::Diagnostic]| -> Vec<String> {
        d.iter().map(|d| code(d).to_string()).collect()
    };
    let cli_codes = |root: &Path| -> Vec<String> {
        cli_diagnostics(root, MESSY)
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    let mut c = started(&root, None, None);
    let uri = c.open(&root.join(POST), MESSY, 1);
    let first = codes(&c.diagnostics(&uri, Some(1)).diagnostics);
    assert!(!first.contains(&"FM602".to_string()), "{first:?}");
    assert_eq!(first, cli_codes(&root));
    let watched = |c: &mut Client, path: &Path| {
        c.notify::<lsp_types::notification::DidChangeWatchedFiles>(
            lsp_types::DidChangeWatchedFilesParams {
                changes: vec![lsp_types::FileEvent::new(
                    lsp::uri(path),
                    lsp_types::FileChangeType::CHANGED,
                )],
            },
        );
    };
    // Changed on disk: the watched-files notification reloads it.
    std::fs::write(&cfg, "rules:\n  FM201: warning\n").unwrap();
    watched(&mut c, &cfg);
    let second = c.diagnostics(&uri, Some(1)).diagnostics;
    assert!(codes(&second).contains(&"FM602".to_string()));
    assert_eq!(codes(&second), cli_codes(&root));
    let date = second.iter().find(|d| code(d) == "FM201").unwrap();
    assert_eq!(date.severity, Some(lsp_types::DiagnosticSeverity::WARNING));
    // A broken configuration: the user is told, the post is not checked (as on the command
    // line), the server goes on.
    std::fs::write(&cfg, "rules: [\n").unwrap();
    watched(&mut c, &cfg);
    let msg = c.shown_message();
    assert_eq!(msg.typ, lsp_types::MessageType::ERROR);
    assert!(msg.message.contains(".fmlint.yml"), "{}", msg.message);
    assert_eq!(c.diagnostics(&uri, Some(1)).diagnostics, vec![]);
    // Open in the editor, the configuration file shows its own error where it is.
    let cfg_uri = c.open(&cfg, "rules: [\n", 1);
    let on_cfg = c.diagnostics(&cfg_uri, Some(1)).diagnostics;
    assert_eq!(on_cfg.len(), 1, "{on_cfg:?}");
    // Repaired and saved from the editor: reloaded on save.
    std::fs::write(&cfg, "{}\n").unwrap();
    c.change_all(&cfg_uri, "{}\n", 2);
    assert_eq!(c.diagnostics(&cfg_uri, Some(2)).diagnostics, vec![]);
    c.notify::<lsp_types::notification::DidSaveTextDocument>(
        lsp_types::DidSaveTextDocumentParams {
            text_document: TextDocumentIdentifier::new(cfg_uri.clone()),
            text: None,
        },
    );
    let third = codes(&c.diagnostics(&uri, Some(1)).diagnostics);
    assert_eq!(third, cli_codes(&root));
    assert!(third.contains(&"FM602".to_string()));
    c.shutdown();
}

#[test]
fn garbage_and_bad_requests_never_end_the_server() {
    let (_dir, root) = site(&[]);
    let mut c = started(&root, None, None);
    let mut garbage = String::from("---\n");
    for i in 0..3000u32 {
        garbage.push(char::from_u32(i * 37 % 0xD000).unwrap_or('\u{0}'));
    }
    garbage.push_str("\n: : :\n- [ {\n\"\\\n\u{202e}\u{1b}[31m\r\r\n");
    garbage.push_str(&"[".repeat(200));
    garbage.push_str(&"x".repeat(100_000));
    let docs = [
        garbage.clone(),
        String::new(),
        "---".into(),
        "---\n---\n".into(),
        "\u{feff}---\r\ntitle: 😀\r---\r".into(),
        "---\nkey: &a [*a, *a]\n<<: *a\n---\n".into(),
    ];
    for (i, text) in docs.iter().enumerate() {
        let path = root.join(format!("_posts/2021-07-20-garbage-{i}.md"));
        let uri = c.open(&path, text, 1);
        c.diagnostics(&uri, Some(1));
        // Every request still gets an answer on such a document.
        let all = whole(text, &c.encoding);
        actions(&mut c, &uri, all, None);
        c.request::<lsp_types::request::Formatting>(DocumentFormattingParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            options: FormattingOptions::default(),
            work_done_progress_params: WorkDoneProgressParams::default(),
        })
        .unwrap();
        for pos in [
            Position::new(0, 0),
            Position::new(1, 5),
            Position::new(999, 999),
        ] {
            c.request::<lsp_types::request::HoverRequest>(HoverParams {
                text_document_position_params: TextDocumentPositionParams::new(
                    TextDocumentIdentifier::new(uri.clone()),
                    pos,
                ),
                work_done_progress_params: WorkDoneProgressParams::default(),
            })
            .unwrap();
        }
        // A change with impossible positions is clamped, not fatal.
        let far = Range::new(Position::new(5000, 7), Position::new(2, 999_999));
        c.change(&uri, 2, vec![(Some(far), "x\r\n😀".into())]);
        c.diagnostics(&uri, Some(2));
        c.close(&uri);
    }
    // Bad requests get errors, and the server goes on.
    let err = c
        .request_raw("textDocument/codeAction", json!({"nonsense": 1}))
        .unwrap_err();
    assert_eq!(err.code, lsp_server::ErrorCode::InvalidParams as i32);
    let err = c
        .request_raw("textDocument/definition", json!({}))
        .unwrap_err();
    assert_eq!(err.code, lsp_server::ErrorCode::MethodNotFound as i32);
    let err = c
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "fmlint.inspect", "arguments": []}),
        )
        .unwrap_err();
    assert_eq!(err.code, lsp_server::ErrorCode::InvalidParams as i32);
    c.notify::<lsp_types::notification::DidChangeTextDocument>(
        serde_json::from_value(json!({
            "textDocument": {"uri": "file:///nowhere/_posts/x.md", "version": 3},
            "contentChanges": [{"text": "x"}]
        }))
        .unwrap(),
    );
    c.send(
        lsp_server::Notification::new("textDocument/didOpen".into(), json!({"bad": true})).into(),
    );
    c.send(lsp_server::Notification::new("$/unknown".into(), json!(null)).into());
    // Still checking posts.
    let uri = c.open(&root.join(POST), MESSY, 1);
    assert!(!c.diagnostics(&uri, Some(1)).diagnostics.is_empty());
    assert!(c.is_running());
    assert!(c.shutdown().success());
}

#[test]
fn closing_clears_the_diagnostics_and_forgets_the_document() {
    let (_dir, root) = site(&[]);
    let mut c = started(&root, None, None);
    for round in 0..50 {
        let uri = c.open(
            &root.join(format!("_posts/2021-07-20-n{round}.md")),
            MESSY,
            1,
        );
        assert!(!c.diagnostics(&uri, Some(1)).diagnostics.is_empty());
        c.close(&uri);
        let cleared = c.diagnostics(&uri, None);
        assert_eq!(cleared.diagnostics, vec![]);
        // Forgotten: a request on it has nothing to act on.
        let resp = c
            .request_raw(
                "textDocument/codeAction",
                serde_json::to_value(CodeActionParams {
                    text_document: TextDocumentIdentifier::new(uri.clone()),
                    range: Range::default(),
                    context: CodeActionContext::default(),
                    work_done_progress_params: WorkDoneProgressParams::default(),
                    partial_result_params: PartialResultParams::default(),
                })
                .unwrap(),
            )
            .unwrap();
        assert_eq!(resp, Value::Null);
    }
    c.shutdown();
}

#[test]
fn fast_typing_ends_on_the_last_text() {
    let (_dir, root) = site(&[]);
    let mut c = started(&root, None, None);
    let uri = c.open(&root.join(POST), CANON, 1);
    assert_eq!(c.diagnostics(&uri, Some(1)).diagnostics, vec![]);
    // Typing `😀x` forty times into the title, one change per character, without waiting.
    let mut text = CANON.to_string();
    let mut version = 1;
    let mut at = text.find("\"\ndate").unwrap();
    for _ in 0..40 {
        for ch in ["😀", "x"] {
            version += 1;
            let pos = position(&text, at, &c.encoding);
            c.change(
                &uri,
                version,
                vec![(Some(Range::new(pos, pos)), ch.to_string())],
            );
            text.insert_str(at, ch);
            at += ch.len();
        }
    }
    // Whatever was published on the way, the last version's diagnostics are those of the
    // last text: the header link no longer matches the title.
    let last = c.diagnostics(&uri, Some(version)).diagnostics;
    let cli = cli_diagnostics(&root, &text);
    // Messages quote the text (the header's title against the new one): the server holds
    // exactly the text typed.
    assert_eq!(
        last.iter()
            .map(|d| d.message.lines().next().unwrap().to_string())
            .collect::<Vec<_>>(),
        cli.iter()
            .map(|d| format!(
                "[{}] {}",
                d["name"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            ))
            .collect::<Vec<_>>()
    );
    for (g, w) in last.iter().zip(&cli) {
        let start = byte_at(
            &text,
            w["line"].as_u64().unwrap(),
            w["column"].as_u64().unwrap(),
        );
        assert_eq!(g.range.start, position(&text, start, &c.encoding));
    }
    let header = last.iter().find(|d| code(d) == "FM304").expect("FM304");
    let title = format!("中国外交部批美国{}", "😀x".repeat(40));
    let related = header
        .related_information
        .as_ref()
        .expect("related information");
    // Messages quote a value cut to a sane length, as on the command line.
    assert_eq!(
        related[0].message,
        format!("title is {}", fmlint::diagnostic::quote(&title))
    );
    assert_eq!(
        related[0].location.range.end,
        position(&text, text.find("\"\ndate").unwrap() + 1, &c.encoding)
    );
    c.shutdown();
}

#[test]
fn versioned_edits_and_watched_files_for_clients_that_take_them() {
    let (_dir, root) = site(&[]);
    let mut c = Client::start(&root);
    let caps = lsp_types::ClientCapabilities {
        workspace: Some(lsp_types::WorkspaceClientCapabilities {
            workspace_edit: Some(lsp_types::WorkspaceEditClientCapabilities {
                document_changes: Some(true),
                ..Default::default()
            }),
            did_change_watched_files: Some(lsp_types::DidChangeWatchedFilesClientCapabilities {
                dynamic_registration: Some(true),
                relative_pattern_support: None,
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    c.initialize_with(caps, None);
    let text = CANON.replace("2021-07-20T10:40:01.779Z", "2021-07-20 18:40:01.779 +0800");
    let uri = c.open(&root.join(POST), &text, 7);
    let diags = c.diagnostics(&uri, Some(7)).diagnostics;
    // The server asked to be told of configuration files changing on disk.
    let reg = c
        .server_requests
        .iter()
        .find(|r| r.method == "client/registerCapability")
        .expect("a registration");
    let globs = reg.params["registrations"][0]["registerOptions"]["watchers"].to_string();
    for name in [".fmlint.yml", ".fmlint.yaml", "_config.yml"] {
        assert!(globs.contains(name), "{globs}");
    }
    // Edits name the version they were made for, so a client refuses them on a newer text.
    let fix = quick_fix(&mut c, &uri, diags[0].range, "Fix FM201");
    match &fix.edit.as_ref().unwrap().document_changes {
        Some(lsp_types::DocumentChanges::Edits(es)) => {
            assert_eq!(es.len(), 1);
            assert_eq!(es[0].text_document.version, Some(7));
            assert_eq!(es[0].text_document.uri, uri);
        }
        other => panic!("{other:?}"),
    }
    let enc = c.encoding.clone();
    let fixed = apply_edits(&text, &edits_for(fix.edit.as_ref().unwrap(), &uri), &enc);
    assert_eq!(fixed, cli_fix(&root, &text, &[]));
    c.shutdown();
}
