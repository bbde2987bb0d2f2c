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
    // The closing fence's own line ending is the front matter's too.
    assert_eq!(
        codes(&CANON.replacen("\n---\n", "\n---\r\n", 1)),
        ["FM604"]
    );
    let block = with(
        "categories: [ 联合早报 ]\n",
        "categories: [ 联合早报 ]\nnote: |\n  a  \n\n  b\n",
    );
    assert_eq!(codes(&block), Vec::<&str>::new());
}

/// What the walk in `whitespace` looks at on each line, from the front matter's first line
/// through the closing fence: a blank line, trailing blanks, a tab, a line ending other than
/// the first line's. The oracle for `plainly_tidy`.
fn some_line_worth_a_look(text: &str) -> bool {
    let crate::post::Split::Found(fence) = crate::post::split(text) else {
        return false;
    };
    let first_crlf = crate::post::line_at(text, fence.open.start).is_some_and(|l| l.crlf);
    for line in crate::post::lines_from(text, fence.open.start) {
        let content = &text[line.content.clone()];
        let trimmed = content.trim_end_matches([' ', '\t']);
        if content.trim().is_empty()
            || trimmed.len() < content.len()
            || content.contains('\t')
            || (line.crlf != first_crlf && line.next > line.content.end)
        {
            return true;
        }
        if line.content.start == fence.close.start {
            break;
        }
    }
    false
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

    /// Where the searches find a front matter plainly tidy, no line of it is worth a look.
    #[test]
    fn plainly_tidy_only_where_no_line_is_worth_a_look(
        lines in proptest::collection::vec(
            "( |\t|\u{3000}|\u{a0}|联|)(a: b|- x|k|)( |\t|\u{3000}|)",
            0..8,
        ),
        breaks in proptest::collection::vec("\n|\r\n|\n\n", 9),
        close in "(---|\\.\\.\\.)( |\t)?",
        after_close in "\n|\r\n|",
    ) {
        let mut text = format!("---{}", breaks[8]);
        for (l, nl) in lines.iter().zip(&breaks) {
            text.push_str(l);
            text.push_str(nl);
        }
        text.push_str(&close);
        text.push_str(&after_close);
        if !after_close.is_empty() {
            text.push_str("body\n");
        }
        let crate::post::Split::Found(f) = crate::post::split(&text) else {
            return Ok(());
        };
        if super::plainly_tidy(text.as_bytes(), f.open.start, f.close.end) {
            proptest::prop_assert!(!some_line_worth_a_look(&text), "{:?}", text);
        }
    }
}

#[test]
fn the_canonical_post_is_plainly_tidy_and_a_blank_is_not() {
    let tidy = |text: &str| {
        let crate::post::Split::Found(f) = crate::post::split(text) else {
            panic!("{text:?}");
        };
        super::plainly_tidy(text.as_bytes(), f.open.start, f.close.end)
    };
    assert!(tidy(CANON));
    assert!(!some_line_worth_a_look(CANON));
    for messy in [
        with("layout: post", "layout: post "),
        with("layout: post\n", "layout: post\n\n"),
        with("layout: post\n", "layout: post\n\u{3000}\n"),
        with("layout: post", "layout:\tpost"),
        CANON.replace('\n', "\r\n"),
        CANON.replacen("\n---\n", "\n--- \n", 1),
        // LF throughout but for the closing fence's own line ending.
        CANON.replacen("\n---\n", "\n---\r\n", 1),
    ] {
        assert!(!tidy(&messy), "{messy:?}");
    }
}
