use super::WhitespaceOptions;
use crate::registry::RuleId;
use crate::rules::testing::*;

#[test]
fn site_whitespace_options() {
    use crate::config::{LineEndings, Settings, WhitespaceScope};
    let lint = |text: &str, s: &Settings| {
        crate::lint::lint_text(
            std::path::Path::new("_posts/2021-07-20-x.md"),
            text,
            s,
            &Default::default(),
        )
        .iter()
        .map(|d| (d.code(), d.message.clone()))
        .collect::<Vec<_>>()
    };
    let mut s = Settings::default();
    let mut ws = WhitespaceOptions {
        line_endings: LineEndings::Lf,
        ..Default::default()
    };
    s.options.replace(RuleId::Whitespace, ws.clone());
    let crlf = CANON.replace('\n', "\r\n");
    let got = lint(&crlf, &s);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "FM604");
    assert!(got[0].1.starts_with("9 line(s) end in CRLF"), "{got:?}");
    ws.scope = WhitespaceScope::File;
    s.options.replace(RuleId::Whitespace, ws);
    assert!(lint(&crlf, &s)[0].1.starts_with("14 line(s) end in CRLF"));
    let body = CANON.replace("<div>body</div>", "<div>body</div>  ");
    assert_eq!(lint(&body, &s).len(), 1);
    assert_eq!(lint(&body, &Settings::default()).len(), 0);
}

#[test]
fn whitespace() {
    assert_eq!(codes(&with("layout: post", "layout: post   ")), ["FM604"]);
    assert_eq!(
        codes(&with("layout: post\n", "layout: post\n\n")),
        ["FM604"]
    );
    assert_eq!(codes(&with("layout: post", "layout:\tpost")), ["FM604"]);
    // A tab inside a key is part of the key: no whitespace fix may touch it.
    let tab_key = with(
        "categories: [ 联合早报 ]\n",
        "categories: [ 联合早报 ]\nx\ty: 1\n",
    );
    assert_eq!(codes(&tab_key), Vec::<&str>::new());
    assert_eq!(
        codes(&with("layout: post\n", "layout: post\r\n")),
        ["FM604"]
    );
    assert_eq!(codes(&CANON.replace('\n', "\r\n")), Vec::<&str>::new());
    let block = with(
        "categories: [ 联合早报 ]\n",
        "categories: [ 联合早报 ]\nnote: |\n  a  \n\n  b\n",
    );
    assert_eq!(codes(&block), Vec::<&str>::new());
}
