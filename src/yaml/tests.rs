//! The reader against what Psych reads.

use super::*;

#[test]
fn resolves_like_psych() {
    assert_eq!(resolve_plain("yes"), Scalar::Bool(true));
    assert_eq!(resolve_plain("On"), Scalar::Bool(true));
    assert_eq!(resolve_plain("Off"), Scalar::Bool(false));
    assert_eq!(resolve_plain("no"), Scalar::Bool(false));
    assert_eq!(resolve_plain("~"), Scalar::Null);
    assert_eq!(resolve_plain("NULL"), Scalar::Null);
    assert_eq!(resolve_plain("010"), Scalar::Int(8.into()));
    assert_eq!(resolve_plain("0x1F"), Scalar::Int(31.into()));
    assert_eq!(resolve_plain("1_000"), Scalar::Int(1000.into()));
    assert_eq!(resolve_plain("1:20"), Scalar::Int(4800.into()));
    assert_eq!(resolve_plain("-1:20"), Scalar::Int((-2400).into()));
    assert_eq!(resolve_plain("-1:20.5"), Scalar::Float(-2370.0));
    assert_eq!(resolve_plain("2021"), Scalar::Int(2021.into()));
    assert_eq!(resolve_plain("y"), Scalar::Str("y".into()));
    assert_eq!(resolve_plain("1e3"), Scalar::Str("1e3".into()));
    assert_eq!(resolve_plain("08"), Scalar::Str("08".into()));
    assert_eq!(resolve_plain("1.5"), Scalar::Float(1.5));
    assert_eq!(resolve_plain("联合早报"), Scalar::Str("联合早报".into()));
    assert_eq!(resolve_plain("yesterday"), Scalar::Str("yesterday".into()));
    assert_eq!(
        resolve_plain("2021-07-20"),
        Scalar::Date("2021-07-20".into())
    );
    assert_eq!(
        resolve_plain("2021-02-30"),
        Scalar::Str("2021-02-30".into())
    );
    assert_eq!(
        resolve_plain("2021-07-20T10:40:01.779Z"),
        Scalar::Time("2021-07-20T10:40:01.779Z".into())
    );
    assert_eq!(
        resolve_plain("2021-07-20 18:40:01 +0800"),
        Scalar::Time("2021-07-20 18:40:01 +0800".into())
    );
    assert_eq!(
        resolve_plain("2021-13-20T10:40:01Z"),
        Scalar::Str("2021-13-20T10:40:01Z".into())
    );
}

fn doc(text: &str) -> Vec<Entry<'_>> {
    match parse(text, 0..text.len()).unwrap() {
        Document::Mapping(e) => e,
        other => panic!("{other:?}"),
    }
}

#[test]
fn spans_are_bytes_and_cover_quotes_and_brackets() {
    let text = "title: \"联合 \\\"x\\\"\"\ntags: [ 联合早报, b ]\nplain: 中文 words  \n";
    let e = doc(text);
    assert_eq!(&text[e[0].key_span.clone()], "title");
    assert_eq!(&text[e[0].value.span.clone()], "\"联合 \\\"x\\\"\"");
    assert_eq!(e[0].value.as_str(), Some("联合 \"x\""));
    assert_eq!(&text[e[1].value.span.clone()], "[ 联合早报, b ]");
    assert!(matches!(e[1].value.kind, NodeKind::Seq { flow: true, .. }));
    assert_eq!(&text[e[2].value.span.clone()], "中文 words");
}

#[test]
fn flow_collection_span_stops_at_its_bracket() {
    let text = "tags: [ a, b ] # note\nm: { k: v }  # c\ne: []\n";
    let e = doc(text);
    assert_eq!(&text[e[0].value.span.clone()], "[ a, b ]");
    assert_eq!(&text[e[1].value.span.clone()], "{ k: v }");
    assert_eq!(&text[e[2].value.span.clone()], "[]");
}

#[test]
fn block_sequence_span_ends_at_last_item() {
    let text = "tags:\n  - a\n  - 'b'\nnext: 1\n";
    let e = doc(text);
    assert_eq!(&text[e[0].value.span.clone()], "- a\n  - 'b'");
    assert!(matches!(e[0].value.kind, NodeKind::Seq { flow: false, .. }));
}

#[test]
fn errors_carry_file_offsets() {
    let text = "---\ntitle: \"unclosed\nx: 1\n";
    let err = parse(text, 4..text.len()).unwrap_err();
    assert!(err.offset >= 4, "{err:?}");
}

#[test]
fn psych_leniencies_are_accepted() {
    let text = "title: \"Los programas serán\njuzgados por Matz\"\nlang: es\n";
    let e = doc(text);
    assert_eq!(
        e[0].value.as_str(),
        Some("Los programas serán juzgados por Matz")
    );
    assert_eq!(
        &text[e[0].value.span.clone()],
        "\"Los programas serán\njuzgados por Matz\""
    );
    assert_eq!(&text[e[1].value.span.clone()], "es");
    let tabbed = "layout:\tpost\ntitle: \"a\"\n";
    let e = doc(tabbed);
    assert_eq!(e[0].value.as_str(), Some("post"));
    assert_eq!(&tabbed[e[1].value.span.clone()], "\"a\"");
}

#[test]
fn empty_and_comment_only_blocks_are_empty() {
    assert_eq!(parse("", 0..0).unwrap(), Document::Empty);
    assert_eq!(parse("# c\n", 0..4).unwrap(), Document::Empty);
    assert!(matches!(parse("- a\n", 0..4).unwrap(), Document::Other(_)));
}

fn psych(text: &str) -> Result<Document<'_>, YamlError> {
    parse(text, 0..text.len())
}

fn value<'a>(doc: &'a Document<'a>, key: &str) -> &'a Node<'a> {
    match doc {
        Document::Mapping(es) => &es.iter().rev().find(|e| e.key == key).unwrap().value,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_bom_inside_a_value_is_text() {
    let text = "---\ntitle: \u{feff}openSUSE KDE Team meeting\npublished: false\n";
    let doc = psych(text).unwrap();
    assert_eq!(
        value(&doc, "title").as_str(),
        Some("\u{feff}openSUSE KDE Team meeting")
    );
    assert_eq!(
        value(&doc, "published").scalar(),
        Some(&Scalar::Bool(false))
    );
}

#[test]
fn tab_indentation_is_refused_in_psychs_words() {
    let text = "---\nx:\n\t- a\n";
    let e = psych(text).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert_eq!(
        e.message,
        "found character that cannot start any token while scanning for the next token"
    );
    // Psych: line 3 column 1, the tab.
    assert_eq!(e.offset, text.find('\t').unwrap());
    // A tab separating a key from its value is fine to Psych.
    assert_eq!(
        value(&psych("layout:\tpost\n").unwrap(), "layout").as_str(),
        Some("post")
    );
}

#[test]
fn symbols_and_ruby_classes_are_refused_as_safe_load_refuses_them() {
    for (text, class) in [
        ("title: :rocket\n", "Symbol"),
        ("title: :\"a b\"\n", "Symbol"),
        ("s: !ruby/symbol foo\n", "Symbol"),
        (
            "obj: !ruby/object:Gem::Installer\n  i: x\n",
            "Gem::Installer",
        ),
        ("t: !ruby/string:Foo x\n", "Foo"),
        ("t: !ruby/regexp /a/\n", "Regexp"),
        ("t: !!set {a}\n", "Psych::Set"),
    ] {
        let e = psych(text).unwrap_err();
        assert_eq!(e.kind, ErrorKind::DisallowedClass, "{text}");
        assert_eq!(
            e.message,
            format!("Tried to load unspecified class: {class}")
        );
    }
    let e = psych("a: *nope\n").unwrap_err();
    assert_eq!(
        (e.kind, e.message.as_str()),
        (ErrorKind::Load, "Unknown alias: nope")
    );
    // Quoted, it is text; a lone `:` is no symbol; a class tag on a scalar is ignored.
    assert_eq!(
        value(&psych("t: \":rocket\"\n").unwrap(), "t").as_str(),
        Some(":rocket")
    );
    assert_eq!(
        value(&psych("t: !ruby/object:Foo x\n").unwrap(), "t").as_str(),
        Some("x")
    );
}

#[test]
fn merge_keys_merge_as_psych_merges() {
    let doc = psych("<<: {layout: post}\ntitle: x\n").unwrap();
    assert_eq!(value(&doc, "layout").as_str(), Some("post"));
    assert_eq!(value(&doc, "layout").link, Link::Merged);
    let doc = psych("base: &b {layout: post}\n<<: *b\n").unwrap();
    assert_eq!(value(&doc, "layout").as_str(), Some("post"));
    // Ruby's merge! overwrites: the merged value wins over an earlier key, a later key wins
    // over the merged value; in a list of mappings the first wins.
    assert_eq!(
        value(&psych("title: a\n<<: {title: b}\n").unwrap(), "title").as_str(),
        Some("b")
    );
    assert_eq!(
        value(&psych("<<: {title: b}\ntitle: a\n").unwrap(), "title").as_str(),
        Some("a")
    );
    let doc = psych("<<: [{a: 1}, {a: 2, b: 3}]\n").unwrap();
    assert_eq!(value(&doc, "a").scalar(), Some(&Scalar::Int(1.into())));
    assert_eq!(value(&doc, "b").scalar(), Some(&Scalar::Int(3.into())));
    // Not a mapping: an ordinary `<<` key. `!!str <<` never merges.
    assert_eq!(
        value(&psych("<<: 3\n").unwrap(), "<<").scalar(),
        Some(&Scalar::Int(3.into()))
    );
    assert!(matches!(
        value(&psych("!!str <<: {a: 1}\n").unwrap(), "<<").kind,
        NodeKind::Map { .. }
    ));
}

#[test]
fn aliases_read_as_their_anchor() {
    let text = "tags: &t [ a ]\ncategories: *t\n";
    let doc = psych(text).unwrap();
    let tags = value(&doc, "tags");
    let cats = value(&doc, "categories");
    assert_eq!(&text[tags.span.clone()], "[ a ]");
    assert_eq!(tags.link, Link::Anchor);
    assert_eq!(&text[cats.span.clone()], "*t");
    // A block list after its anchor (and a comment) starts at its first `-`.
    let text = "tags: &t # the terms\n  - a\n  - b\nk: !!str\n";
    let doc = psych(text).unwrap();
    assert_eq!(&text[value(&doc, "tags").span.clone()], "- a\n  - b");
    assert_eq!(value(&doc, "k").as_str(), Some(""));
    assert_eq!(cats.link, Link::Alias);
    assert!(
        matches!(&cats.kind, NodeKind::Seq { items, flow: true } if items[0].as_str() == Some("a"))
    );
    // Billion laughs: fmlint stops instead of copying forever.
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..8 {
        let prev = (b'a' + i) as char;
        let next = (b'a' + i + 1) as char;
        bomb.push_str(&format!("{next}: &{next} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    assert_eq!(psych(&bomb).unwrap_err().kind, ErrorKind::Load);
}

#[test]
fn explicit_tags_resolve_as_psych_resolves_them() {
    let doc = psych("a: !!int \"12\"\nb: !!str 12\nc: !!float 1\nd: !!bool \"yes\"\ne: !!null ''\nf: !!timestamp \"2021-07-20\"\ng: !!int abc\nh: !foo 010\n").unwrap();
    assert_eq!(value(&doc, "a").scalar(), Some(&Scalar::Int(12.into())));
    assert_eq!(value(&doc, "b").scalar(), Some(&Scalar::Str("12".into())));
    assert_eq!(value(&doc, "c").scalar(), Some(&Scalar::Float(1.0)));
    assert_eq!(value(&doc, "d").scalar(), Some(&Scalar::Bool(true)));
    assert_eq!(value(&doc, "e").scalar(), Some(&Scalar::Null));
    assert_eq!(
        value(&doc, "f").scalar(),
        Some(&Scalar::Date("2021-07-20".into()))
    );
    assert_eq!(value(&doc, "g").scalar(), Some(&Scalar::Str("abc".into())));
    assert_eq!(value(&doc, "h").scalar(), Some(&Scalar::Int(8.into())));
    let e = psych("h: !!float abc\n").unwrap_err();
    assert_eq!(e.message, "invalid value for Float(): \"abc\"");
}

#[test]
fn safe_yaml_reads_what_psych_refuses_and_ignores_tags_and_inline_merges() {
    fn sy(t: &str) -> super::Reading<'_> {
        read(t, 0..t.len(), Loader::SafeYaml)
    }
    let r = sy("title: :rocket\n");
    assert!(r.loader_sensitive);
    assert_eq!(
        value(&r.document.unwrap(), "title").as_str(),
        Some(":rocket")
    );
    let doc = sy("obj: !ruby/object:Gem::Installer\n  i: x\n")
        .document
        .unwrap();
    assert!(matches!(value(&doc, "obj").kind, NodeKind::Map { .. }));
    let doc = sy("<<: {layout: post}\ntitle: x\n").document.unwrap();
    assert!(matches!(&doc, Document::Mapping(es) if es.len() == 1 && es[0].key == "title"));
    let doc = sy("t: 1:20\ns: !!str 12\n").document.unwrap();
    assert_eq!(value(&doc, "t").scalar(), Some(&Scalar::Float(80.0)));
    assert_eq!(value(&doc, "s").scalar(), Some(&Scalar::Int(12.into())));
    // Nothing loader-dependent: read once.
    let plain = "title: x\ntags: [ a ]\n";
    assert!(!read(plain, 0..plain.len(), Loader::Psych).loader_sensitive);
}

#[test]
fn a_key_taken_by_value_reads_as_the_key_displayed() {
    for text in [
        "title",
        "2021-07-20",
        "2021-07-20 10:40:01 +0800",
        "yes",
        "~",
        "010",
        "1.5",
    ] {
        let node = Node {
            kind: NodeKind::Scalar {
                value: resolve_plain(text),
                style: Style::Plain,
            },
            span: 0..text.len(),
            tagged: false,
            link: Link::Own,
        };
        assert_eq!(node.clone().into_display(), node.display(), "{text}");
    }
}

/// Past 512 levels fmlint refuses the value, and the rest is still read for a syntax error
/// that would win over the refusal; but only so far: the rest of a hostile nest of 100,000
/// `[` is not read (libyaml takes time in proportion to the depth for each token).
#[test]
fn a_deep_nest_is_refused_and_a_syntax_error_after_it_still_wins() {
    let nest = |depth: usize, inner: &str| {
        format!("title: {}{inner}{}\n", "[".repeat(depth), "]".repeat(depth))
    };
    assert_eq!(psych(&nest(500, "a")).map(|_| ()), Ok(()));
    let deep = psych(&nest(600, "a")).unwrap_err();
    assert_eq!(deep.kind, ErrorKind::Load);
    assert!(
        deep.message.contains("nest more than 512 deep"),
        "{}",
        deep.message
    );
    let broken = nest(600, "a").replace("a]", "a}");
    assert_eq!(psych(&broken).unwrap_err().kind, ErrorKind::Syntax);
    let hostile = psych(&nest(100_000, "a")).unwrap_err();
    assert_eq!(hostile.kind, ErrorKind::Load);
}

proptest::proptest! {
    /// An integer kept as two halves is the integer it was made from, whatever its bits.
    #[test]
    fn an_integer_keeps_its_value_in_halves(v: i128) {
        proptest::prop_assert_eq!(crate::yaml::Int::from(v).get(), v);
        proptest::prop_assert_eq!(crate::yaml::Int::from(v).to_string(), v.to_string());
    }
}

#[test]
fn an_integer_keeps_its_value_at_the_edges() {
    for v in [
        0,
        1,
        -1,
        i128::MIN,
        i128::MAX,
        i128::from(u64::MAX),
        -i128::from(u64::MAX),
    ] {
        assert_eq!(crate::yaml::Int::from(v).get(), v);
    }
}
