use crate::yaml::{Document, Entry, parse};

/// The entries of a post's front matter, read as `Post` reads it: from the opening `---` to the
/// closing one, which is not read.
fn post(text: &str) -> Vec<Entry<'_>> {
    let close = text.rfind("---").filter(|&c| c > 0).unwrap_or(text.len());
    match parse(text, 0..close).unwrap() {
        Document::Mapping(e) => e,
        other => panic!("{other:?}"),
    }
}

/// Each entry's decoration as text: (above, trailing, the entry's lines).
fn decor<'a>(text: &'a str, e: &Entry) -> (&'a str, Option<&'a str>, Option<&'a str>) {
    (
        &text[e.decor.above.clone()],
        e.decor.trailing.clone().map(|r| &text[r]),
        e.lines().map(|r| &text[r]),
    )
}

fn get<'a>(es: &'a [Entry<'a>], key: &str) -> &'a Entry<'a> {
    es.iter().find(|e| e.key == key).unwrap()
}

#[test]
fn comment_lines_above_go_with_the_key_below_them() {
    let text = "---\n# the layout\nlayout: post\n# the title\n# two lines\ntitle: x\n---\n";
    let es = post(text);
    assert_eq!(
        decor(text, &es[0]),
        ("# the layout\n", None, Some("# the layout\nlayout: post\n"))
    );
    assert_eq!(
        decor(text, &es[1]),
        (
            "# the title\n# two lines\n",
            None,
            Some("# the title\n# two lines\ntitle: x\n")
        )
    );
}

#[test]
fn blank_lines_above_are_decoration_too() {
    let text = "---\nlayout: post\n\n  \n# c\n\ntitle: x\n---\n";
    let es = post(text);
    assert_eq!(decor(text, &es[0]).0, "");
    assert_eq!(decor(text, &es[1]).0, "\n  \n# c\n\n");
    // The entries' lines tile the front matter, so reordering them loses nothing.
    assert_eq!(es[0].decor.end, es[1].decor.above.start);
    assert_eq!(es[0].decor.above.start, 4);
    assert_eq!(es[1].decor.end, text.len() - 4);
}

#[test]
fn the_trailing_comment_is_on_the_entrys_last_line() {
    let text = "---\nlayout: post # the default\ntags: [ a, b ]  #terms\nn: 1\n---\n";
    let es = post(text);
    assert_eq!(decor(text, &es[0]).1, Some("# the default"));
    assert_eq!(decor(text, &es[1]).1, Some("#terms"));
    assert_eq!(decor(text, &es[2]).1, None);
}

#[test]
fn crlf_line_breaks_are_no_part_of_a_comment() {
    let text = "---\r\n# above\r\n\r\nlayout: post # c\r\ntitle: \"x\"\r\n---\r\n";
    let es = post(text);
    assert_eq!(
        decor(text, &es[0]),
        (
            "# above\r\n\r\n",
            Some("# c"),
            Some("# above\r\n\r\nlayout: post # c\r\n")
        )
    );
    assert_eq!(decor(text, &es[1]), ("", None, Some("title: \"x\"\r\n")));
}

#[test]
fn a_hash_inside_quotes_is_text() {
    let text =
        "---\ntitle: \"a # b\" # c\nsub: 'x # y'\nplain: a#b\nlong: \"one #\n  two\" # end\n---\n";
    let es = post(text);
    assert_eq!(decor(text, get(&es, "title")).1, Some("# c"));
    assert_eq!(decor(text, get(&es, "sub")).1, None);
    assert_eq!(decor(text, get(&es, "plain")).1, None);
    assert_eq!(
        decor(text, get(&es, "long")),
        ("", Some("# end"), Some("long: \"one #\n  two\" # end\n"))
    );
}

#[test]
fn a_comment_after_the_last_entry_is_no_entrys() {
    let text = "---\nlayout: post\ntitle: x # own\n# the end\n\n---\nbody\n";
    let es = post(text);
    let last = es.last().unwrap();
    assert_eq!(
        decor(text, last),
        ("", Some("# own"), Some("title: x # own\n"))
    );
    assert_eq!(&text[last.decor.end..], "# the end\n\n---\nbody\n");
}

#[test]
fn comments_inside_a_block_list_stay_inside_the_entry() {
    let text = "---\ntags: # about\n  # first\n  - a # one\n  # between\n  - 'b#' # last\n# next\nnext: 1\n---\n";
    let es = post(text);
    assert_eq!(
        decor(text, &es[0]),
        (
            "",
            Some("# last"),
            Some("tags: # about\n  # first\n  - a # one\n  # between\n  - 'b#' # last\n")
        )
    );
    assert_eq!(
        decor(text, &es[1]),
        ("# next\n", None, Some("# next\nnext: 1\n"))
    );
}

#[test]
fn a_block_scalar_ends_on_its_last_line() {
    let text = "---\nnote: |\n  a # text\n\n  b\n\n# c\nnext: 1\n---\n";
    let es = post(text);
    assert_eq!(
        decor(text, &es[0]),
        ("", None, Some("note: |\n  a # text\n\n  b\n"))
    );
    assert_eq!(decor(text, &es[1]).0, "\n# c\n");
}

#[test]
fn an_empty_value_ends_on_its_key_line() {
    let text = "---\na:\nb: # c\nc: 1\n---\n";
    let es = post(text);
    assert_eq!(decor(text, &es[0]), ("", None, Some("a:\n")));
    assert_eq!(decor(text, &es[1]), ("", Some("# c"), Some("b: # c\n")));
}

#[test]
fn without_a_marker_the_first_entry_takes_the_lines_from_the_start() {
    let text = "# top\nlayout: post\n";
    let Ok(Document::Mapping(es)) = parse(text, 0..text.len()) else {
        panic!()
    };
    assert_eq!(decor(text, &es[0]).0, "# top\n");
}

#[test]
fn entries_sharing_lines_have_none_of_their_own() {
    let text = "---\n{a: 1, b: 2} # c\n---\n";
    let es = post(text);
    assert!(es.iter().all(|e| !e.decor.own_lines && e.lines().is_none()));
    assert!(es.iter().all(|e| e.decor.above.is_empty()));
    // An indented mapping has lines, but its keys do not start them: nothing to move.
    let text = "---\n  a: 1\n  # c\n  b: 2\n---\n";
    let es = post(text);
    assert_eq!(decor(text, &es[1]), ("  # c\n", None, None));
}

#[test]
fn merged_entries_have_their_text_elsewhere() {
    let text = "---\nbase: &b {layout: post}\n<<: *b\n# t\ntitle: x\n---\n";
    let es = post(text);
    let layout = get(&es, "layout");
    assert!(!layout.decor.own_lines && layout.decor.trailing.is_none());
    // The merge key's line is no entry's own: it goes with the next one, as a comment would.
    assert_eq!(decor(text, get(&es, "title")).0, "<<: *b\n# t\n");
}
