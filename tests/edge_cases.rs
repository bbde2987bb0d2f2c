//! Edge cases the spec names, through the library (`fmlint::lint::lint_text`), each built from
//! one canonical post: line endings, BOM, CJK, quotes and brackets, URLs with query and
//! fragment, fences in the body, `...`, empty front matter, YAML 1.1 scalars, tags as a string,
//! and spans that stay right under CRLF and a BOM.

use std::path::Path;

use fmlint::config::{CANONICAL_ORDER, Settings};
use fmlint::diagnostic::{Diagnostic, LineIndex};
use fmlint::lint::lint_text;
use fmlint::site::Site;

const PATH: &str = "_posts/2021-07-20-example.md";
const TITLE: &str = "中国外交部批美国纠集盟友指责中国网络攻击";
const URL: &str = "https://www.zaobao.com/realtime/china/story20210720-1171540";

/// The seed's shape: front matter, timestamp comment, header link and underline, body.
const CANONICAL: &str = "---
layout: post
title: \"中国外交部批美国纠集盟友指责中国网络攻击\"
date: 2021-07-20T10:40:01.779Z
author: 联合早报
from: https://www.zaobao.com/realtime/china/story20210720-1171540
tags: [ 联合早报 ]
categories: [ 联合早报 ]
---
<!--1626799380000-->
[中国外交部批美国纠集盟友指责中国网络攻击](https://www.zaobao.com/realtime/china/story20210720-1171540)
------

<div>
<p>中国外交部今天（20日）指美国纠集盟友。</p>
</div>
";

fn lint(text: &str) -> Vec<Diagnostic> {
    lint_text(
        Path::new(PATH),
        text,
        &Settings::default(),
        &Site::default(),
    )
}

fn codes(text: &str) -> Vec<&'static str> {
    lint(text).iter().map(|d| d.rule.code).collect()
}

/// `text` with `from` replaced once; panics when `from` is absent, so that a test never
/// silently checks the unchanged template.
fn subst(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` not in the post:\n{text}");
    text.replacen(from, to, 1)
}

/// Replaces the title line and the header text together.
fn with_title(yaml: &str, header_text: &str) -> String {
    let t = subst(
        CANONICAL,
        &format!("title: \"{TITLE}\""),
        &format!("title: {yaml}"),
    );
    subst(&t, &format!("[{TITLE}]("), &format!("[{header_text}]("))
}

fn crlf(text: &str) -> String {
    assert!(!text.contains('\r'));
    text.replace('\n', "\r\n")
}

fn bom(text: &str) -> String {
    format!("\u{feff}{text}")
}

#[track_caller]
fn assert_clean(text: &str) {
    let d = lint(text);
    assert!(
        d.is_empty(),
        "expected clean, got {:#?}\nfor:\n{text}",
        summarise(&d)
    );
}

#[track_caller]
fn assert_codes(text: &str, want: &[&str]) {
    let got = codes(text);
    assert_eq!(got, want, "{:#?}\nfor:\n{text}", summarise(&lint(text)));
}

fn summarise(d: &[Diagnostic]) -> Vec<String> {
    d.iter()
        .map(|d| format!("{} {:?} {}", d.rule.code, d.span, d.message))
        .collect()
}

/// The one diagnostic with `code`, and the text its span covers.
#[track_caller]
fn span_text<'a>(text: &'a str, code: &str) -> &'a str {
    let d = lint(text);
    let hits: Vec<&Diagnostic> = d.iter().filter(|d| d.rule.code == code).collect();
    assert_eq!(hits.len(), 1, "one {code}: {:#?}", summarise(&d));
    let span = hits[0].span.clone();
    text.get(span.clone())
        .unwrap_or_else(|| panic!("{code} span {span:?} is not on a char boundary"))
}

// ---------------------------------------------------------------------------------------------
// The template, line endings and the BOM

#[test]
fn the_canonical_post_is_clean() {
    assert_clean(CANONICAL);
}

#[test]
fn a_defect_in_the_template_is_seen() {
    // The template is not clean by accident: one change, one diagnostic.
    assert_codes(
        &subst(CANONICAL, "layout: post", "layout: page"),
        &["FM104"],
    );
}

#[test]
fn crlf_is_clean() {
    assert_clean(&crlf(CANONICAL));
}

#[test]
fn bom_is_clean() {
    assert_clean(&bom(CANONICAL));
}

#[test]
fn bom_and_crlf_is_clean() {
    assert_clean(&bom(&crlf(CANONICAL)));
}

#[test]
fn mixed_line_endings_are_fm604() {
    // One CRLF line in an LF front matter: the whitespace rule, and nothing else.
    let t = subst(CANONICAL, "author: 联合早报\n", "author: 联合早报\r\n");
    assert_codes(&t, &["FM604"]);
}

#[test]
fn a_bom_in_the_middle_is_not_a_bom() {
    // Only a leading BOM is skipped: a BOM after a newline is not the opening fence.
    let t = format!("\n{}", bom(CANONICAL));
    assert_codes(&t, &["FM001"]);
}

// ---------------------------------------------------------------------------------------------
// Titles

#[test]
fn cjk_titles_with_full_width_punctuation_are_clean() {
    let title = "卫生部：骨痛热症病例连续三周下降（更新）——“三无外交”";
    assert_clean(&with_title(&format!("\"{title}\""), title));
    // And a header that drops part of it is FM304, underlining the header text.
    let t = with_title(&format!("\"{title}\""), "卫生部：骨痛热症病例连续三周下降");
    assert_codes(&t, &["FM304"]);
    assert_eq!(span_text(&t, "FM304"), "卫生部：骨痛热症病例连续三周下降");
}

#[test]
fn quotes_and_brackets_in_titles_match_the_escaped_header() {
    // YAML reads `部长："不走捷径" [更新] C:\temp`; the header escapes `[`, `]` and `\`.
    let yaml = r#""部长：\"不走捷径\" [更新] C:\\temp""#;
    let header = r#"部长："不走捷径" \[更新\] C:\\temp"#;
    assert_clean(&with_title(yaml, header));
    // Brackets that do not match the title are a mismatch, not a parse failure.
    let t = with_title(yaml, r#"部长："不走捷径" \[旧闻\] C:\\temp"#);
    assert_codes(&t, &["FM304"]);
}

#[test]
fn a_single_quoted_title_with_a_doubled_quote() {
    // `'It''s'` is the string `It's`: only the quoting style is reported.
    let t = with_title("'It''s [live]: Q&A'", r"It's \[live\]: Q&A");
    assert_codes(&t, &["FM602"]);
}

#[test]
fn whitespace_in_the_header_text_is_folded() {
    let t = with_title(
        "\"Budget  2024: what   changes\"",
        "Budget 2024:  what changes",
    );
    assert_clean(&t);
}

// ---------------------------------------------------------------------------------------------
// URLs

#[test]
fn url_with_query_and_fragment_is_clean() {
    let url = "https://www.straitsflash.example/news/ferry?id=88412&ref=rss#live-updates";
    let t = CANONICAL.replace(URL, url);
    assert_eq!(t.matches(url).count(), 2, "from and header both changed");
    assert_clean(&t);
}

#[test]
fn url_fragment_difference_is_a_mismatch() {
    let url = "https://www.straitsflash.example/news/ferry?id=88412&ref=rss#live-updates";
    let t = CANONICAL.replace(URL, url);
    let t = subst(&t, &format!("]({url})"), &format!("]({url}-2)"));
    assert_codes(&t, &["FM303"]);
    assert_eq!(span_text(&t, "FM303"), format!("{url}-2"));
}

#[test]
fn header_url_is_compared_as_a_parsed_url() {
    // Scheme and host are case-insensitive; the parsed URLs are equal.
    let t = subst(
        CANONICAL,
        &format!("]({URL})"),
        "](HTTPS://WWW.ZAOBAO.COM/realtime/china/story20210720-1171540)",
    );
    assert_clean(&t);
    // The path is not.
    let t = subst(
        CANONICAL,
        &format!("]({URL})"),
        "](https://www.zaobao.com/REALTIME/china/story20210720-1171540)",
    );
    assert_codes(&t, &["FM303"]);
}

#[test]
fn javascript_url_is_fm301() {
    let t = CANONICAL.replace(URL, "javascript:alert(1)");
    assert_codes(&t, &["FM301"]);
    assert_eq!(span_text(&t, "FM301"), "javascript:alert(1)");
}

// ---------------------------------------------------------------------------------------------
// Fences

#[test]
fn dashes_in_the_body_are_not_fences() {
    let t = subst(
        CANONICAL,
        "<div>\n",
        "---\n\nA setext heading\n---\n\n---\n...\n<div>\n",
    );
    assert_clean(&t);
    assert_clean(&crlf(&t));
}

#[test]
fn dots_close_the_front_matter() {
    let t = subst(
        CANONICAL,
        "categories: [ 联合早报 ]\n---\n",
        "categories: [ 联合早报 ]\n...\n",
    );
    assert_clean(&t);
    assert_clean(&bom(&crlf(&t)));
}

#[test]
fn dots_do_not_open_the_front_matter() {
    let t = subst(CANONICAL, "---\nlayout", "...\nlayout");
    assert_codes(&t, &["FM001"]);
}

#[test]
fn fences_with_trailing_spaces_are_accepted() {
    // Jekyll accepts `--- ` opening and closing.
    let t = subst(CANONICAL, "---\nlayout", "---  \nlayout");
    let t = subst(&t, "]\n---\n<!--", "]\n--- \n<!--");
    let got = codes(&t);
    assert!(
        !got.iter().any(|c| c.starts_with("FM00")),
        "the block is found: {got:?}"
    );
}

#[test]
fn no_closing_fence_is_fm002_only() {
    // The header's `------` underline does not close the block.
    let t = subst(CANONICAL, "]\n---\n<!--", "]\n<!--");
    assert_codes(&t, &["FM002"]);
}

#[test]
fn empty_front_matter_is_one_fm101_per_required_field() {
    let t = format!("---\n---\n<!--1626799380000-->\n[{TITLE}]({URL})\n------\n\n<p>body</p>\n");
    let d = lint(&t);
    let got: Vec<&str> = d.iter().map(|d| d.rule.code).collect();
    assert_eq!(got, ["FM101"; 7], "{:#?}", summarise(&d));
    for field in CANONICAL_ORDER {
        let n = d
            .iter()
            .filter(|d| d.message.contains(&format!("`{field}`")))
            .count();
        assert_eq!(n, 1, "one FM101 names `{field}`: {:#?}", summarise(&d));
    }
    // Under CRLF and a BOM too.
    assert_eq!(codes(&bom(&crlf(&t))), ["FM101"; 7]);
}

// ---------------------------------------------------------------------------------------------
// YAML 1.1 scalars, as Psych reads them

#[test]
fn yaml_1_1_scalars_as_titles_are_fm103_only() {
    // `yes`/`on` are booleans, `010` is 8, `1:20` is 4800, `2021` a number: wrong type, and
    // nothing else (no FM602 for quoting, no FM304 for the header that repeats the text).
    for scalar in [
        "yes", "on", "010", "1:20", "2021", "0x1F", "1_000", "Off", "true",
    ] {
        let t = with_title(scalar, scalar);
        // `1:20` also reads otherwise under safe_yaml (80.0, GitHub Pages): FM007.
        if scalar == "1:20" {
            assert_codes(&t, &["FM007", "FM103"]);
        } else {
            assert_codes(&t, &["FM103"]);
        }
        assert_eq!(
            span_text(&t, "FM103"),
            scalar,
            "FM103 underlines the scalar"
        );
    }
}

#[test]
fn quoted_yaml_1_1_scalars_are_strings() {
    for scalar in ["yes", "on", "010", "1:20", "2021"] {
        assert_clean(&with_title(&format!("\"{scalar}\""), scalar));
    }
}

#[test]
fn psych_strings_that_yaml_1_1_lists_as_other_types() {
    // Psych reads `y` and `1e3` as strings (JEKYLL-SEMANTICS.md): not FM103, only the quoting.
    for scalar in ["y", "n", "1e3"] {
        assert_codes(&with_title(scalar, scalar), &["FM602"]);
    }
}

#[test]
fn null_title_is_empty_not_wrong_type() {
    for scalar in ["~", "null", "\"\""] {
        let t = with_title(scalar, "x");
        let got = codes(&t);
        assert!(got.contains(&"FM102"), "{scalar}: {got:?}");
        assert!(!got.contains(&"FM103"), "{scalar}: {got:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Tags given as a string

#[test]
fn tags_as_a_string_is_fm603_only_when_categories_match_its_words() {
    // Jekyll splits `tags: 联合早报` into ["联合早报"].
    let t = subst(CANONICAL, "tags: [ 联合早报 ]", "tags: 联合早报");
    assert_codes(&t, &["FM603"]);
    assert_eq!(span_text(&t, "FM603"), "联合早报");
    // Two words, two terms.
    let t = subst(CANONICAL, "tags: [ 联合早报 ]", "tags: 联合早报 国际");
    let t = subst(
        &t,
        "categories: [ 联合早报 ]",
        "categories: [ 联合早报, 国际 ]",
    );
    assert_codes(&t, &["FM603"]);
    // Quoted, the same.
    let t2 = subst(&t, "tags: 联合早报 国际", "tags: \"联合早报 国际\"");
    assert_codes(&t2, &["FM603"]);
    // Categories as a string too: both are FM603.
    let t3 = subst(
        &t,
        "categories: [ 联合早报, 国际 ]",
        "categories: 国际 联合早报",
    );
    assert_codes(&t3, &["FM603", "FM603"]);
}

#[test]
fn tags_as_a_string_whose_words_differ_is_fm501() {
    // One string, read as two words, against one category.
    let t = subst(CANONICAL, "tags: [ 联合早报 ]", "tags: 联合早报 国际");
    let got = codes(&t);
    assert!(got.contains(&"FM501"), "{got:?}");
    assert!(
        got.iter().all(|c| *c == "FM501" || *c == "FM603"),
        "{got:?}"
    );
    // A string with a repeated word is a repeated term.
    let t = subst(CANONICAL, "tags: [ 联合早报 ]", "tags: 联合早报 联合早报");
    let got = codes(&t);
    assert!(got.contains(&"FM502"), "{got:?}");
}

// ---------------------------------------------------------------------------------------------
// Spans stay right under CRLF and a BOM

fn variants(text: &str) -> Vec<(&'static str, String)> {
    vec![
        ("LF", text.to_string()),
        ("CRLF", crlf(text)),
        ("BOM", bom(text)),
        ("BOM+CRLF", bom(&crlf(text))),
    ]
}

#[test]
fn date_span_is_the_date_value_under_crlf_and_bom() {
    let date = "2021-07-20 18:40:01 +0800";
    let t = subst(CANONICAL, "2021-07-20T10:40:01.779Z", date);
    for (name, t) in variants(&t) {
        assert_codes(&t, &["FM201"]);
        assert_eq!(span_text(&t, "FM201"), date, "{name}");
        let d = &lint(&t)[0];
        let idx = LineIndex::new(&t);
        assert_eq!(
            idx.line_col(&t, d.span.start),
            (4, 7),
            "{name}: line 4, column 7"
        );
        assert_eq!(
            idx.line_col(&t, d.span.end),
            (4, 7 + date.len()),
            "{name}: end"
        );
    }
}

#[test]
fn header_spans_are_right_under_crlf_and_bom() {
    let t = subst(CANONICAL, &format!("]({URL})"), &format!("]({URL}/amp)"));
    let t = subst(&t, &format!("[{TITLE}]"), "[中国外交部批美国]");
    for (name, t) in variants(&t) {
        assert_codes(&t, &["FM304", "FM303"]);
        assert_eq!(span_text(&t, "FM303"), format!("{URL}/amp"), "{name}");
        assert_eq!(span_text(&t, "FM304"), "中国外交部批美国", "{name}");
    }
}

#[test]
fn timestamp_span_is_the_digits_under_crlf_and_bom() {
    let t = subst(CANONICAL, "<!--1626799380000-->", "<!--1626799380-->");
    for (name, t) in variants(&t) {
        assert_codes(&t, &["FM402"]);
        assert_eq!(span_text(&t, "FM402"), "1626799380", "{name}");
    }
}

#[test]
fn trailing_space_span_excludes_the_line_ending() {
    let t = subst(CANONICAL, "layout: post\n", "layout: post  \t\n");
    for (name, t) in variants(&t) {
        assert_codes(&t, &["FM604"]);
        assert_eq!(span_text(&t, "FM604"), "  \t", "{name}");
    }
}

#[test]
fn invalid_yaml_points_into_the_file_not_the_block() {
    // An unclosed quote: the error's position is in the file, so it lies inside the front
    // matter, after the opening fence (and after the BOM).
    let t = with_title("\"unclosed", "unclosed");
    for (name, t) in variants(&t) {
        let d = lint(&t);
        assert_eq!(
            d.iter().map(|d| d.rule.code).collect::<Vec<_>>(),
            ["FM003"],
            "{name}"
        );
        let close = t.find("\n<!--").unwrap();
        let open_end = t.find("---").unwrap() + 3;
        assert!(
            d[0].span.start > open_end && d[0].span.start <= close + 1,
            "{name}: FM003 at {:?} lies in the front matter ({open_end}..{close})",
            d[0].span
        );
        assert!(t.is_char_boundary(d[0].span.start) && t.is_char_boundary(d[0].span.end));
    }
}

#[test]
fn duplicate_key_spans_are_the_keys_under_crlf_and_bom() {
    let t = subst(
        CANONICAL,
        "author: 联合早报\n",
        "author: 联合早报\nauthor: 联合早报\n",
    );
    for (name, t) in variants(&t) {
        let d = lint(&t);
        assert_eq!(
            d.iter().map(|d| d.rule.code).collect::<Vec<_>>(),
            ["FM004"],
            "{name}"
        );
        let first = t.find("author:").unwrap();
        let second = t[first + 1..].find("author:").unwrap() + first + 1;
        assert_eq!(
            d[0].span,
            second..second + "author".len(),
            "{name}: second key"
        );
        assert_eq!(d[0].related.len(), 1);
        assert_eq!(
            d[0].related[0].span,
            first..first + "author".len(),
            "{name}: first key"
        );
    }
}

/// One change each, covering every rule that can fire on a single post.
fn defective_posts() -> Vec<(&'static str, String)> {
    let c = CANONICAL;
    let header = format!("[{TITLE}]({URL})\n------\n");
    vec![
        ("FM001", subst(c, "---\nlayout", "+++\nlayout")),
        ("FM002", subst(c, "]\n---\n<!--", "]\n<!--")),
        ("FM003", with_title("\"unclosed", "unclosed")),
        (
            "FM004",
            subst(
                c,
                "author: 联合早报\n",
                "author: 联合早报\nauthor: 联合早报\n",
            ),
        ),
        (
            "FM005",
            "---\n- layout: post\n- title: x\n---\n<!--1626799380000-->\n".to_string(),
        ),
        ("FM101", subst(c, "layout: post\n", "")),
        ("FM102", subst(c, "author: 联合早报", "author: \"\"")),
        ("FM103", with_title("2021", "2021")),
        ("FM104", subst(c, "layout: post", "layout: page")),
        (
            "FM201",
            subst(c, "2021-07-20T10:40:01.779Z", "2021-07-20 18:40:01 +0800"),
        ),
        (
            "FM202",
            subst(c, "2021-07-20T10:40:01.779Z", "2021-02-30T10:40:01Z"),
        ),
        (
            "FM203",
            subst(c, "2021-07-20T10:40:01.779Z", "2021-07-21T01:40:01.779Z"),
        ),
        ("FM301", c.replace(URL, "www.zaobao.com/story")),
        ("FM302", subst(c, &header, "")),
        (
            "FM303",
            subst(c, &format!("]({URL})"), &format!("]({URL}/amp)")),
        ),
        ("FM304", subst(c, &format!("[{TITLE}]"), "[中国外交部]")),
        ("FM401", subst(c, "<!--1626799380000-->\n", "")),
        (
            "FM402",
            subst(c, "<!--1626799380000-->", "<!--1626799380-->"),
        ),
        (
            "FM403",
            subst(c, "<!--1626799380000-->", "<!--1627799380000-->"),
        ),
        (
            "FM501",
            subst(c, "tags: [ 联合早报 ]", "tags: [ 联合早报, 国际 ]"),
        ),
        (
            "FM502",
            subst(c, "tags: [ 联合早报 ]", "tags: [ 联合早报, 联合早报 ]"),
        ),
        (
            "FM503",
            subst(c, "tags: [ 联合早报 ]", "tags: [ 联合早报, \"\" ]"),
        ),
        (
            "FM601",
            subst(c, "layout: post\ntitle", "title").replacen(
                "\ndate:",
                "\nlayout: post\ndate:",
                1,
            ),
        ),
        ("FM602", with_title(TITLE, TITLE)),
        (
            "FM603",
            subst(c, "tags: [ 联合早报 ]", "tags:\n  - 联合早报"),
        ),
        (
            "FM604",
            subst(c, "author: 联合早报\n", "author: 联合早报\n\n"),
        ),
    ]
}

#[test]
fn positions_do_not_depend_on_line_endings_or_a_bom() {
    // FM001 is checked apart, below: its span takes in the CR today.
    assert_same_positions_across_variants(
        defective_posts()
            .into_iter()
            .filter(|(c, _)| *c != "FM001")
            .collect(),
    );
}

#[test]
fn fm001_span_excludes_the_cr() {
    assert_same_positions_across_variants(
        defective_posts()
            .into_iter()
            .filter(|(c, _)| *c == "FM001")
            .collect(),
    );
}

/// A diagnostic's code, start and end (line, column), and the text it covers.
type Position = (&'static str, (usize, usize), (usize, usize), String);

fn assert_same_positions_across_variants(posts: Vec<(&'static str, String)>) {
    assert!(!posts.is_empty());
    for (code, post) in posts {
        let mut seen = None;
        for (name, t) in variants(&post) {
            let idx = LineIndex::new(&t);
            let d = lint(&t);
            assert!(
                d.iter().any(|d| d.rule.code == code),
                "{code} {name}: {:#?}",
                summarise(&d)
            );
            let at: Vec<Position> = d
                .iter()
                .map(|d| {
                    assert!(
                        t.is_char_boundary(d.span.start) && t.is_char_boundary(d.span.end),
                        "{code} {name}: {:?} splits a character",
                        d.span
                    );
                    assert!(
                        !t[d.span.clone()].ends_with('\r')
                            && !t[d.span.clone()].starts_with('\u{feff}'),
                        "{code} {name}: {} span {:?} takes in a CR or the BOM: {:?}",
                        d.rule.code,
                        d.span,
                        &t[d.span.clone()]
                    );
                    (
                        d.rule.code,
                        idx.line_col(&t, d.span.start),
                        idx.line_col(&t, d.span.end),
                        t[d.span.clone()].replace("\r\n", "\n"),
                    )
                })
                .collect();
            match &seen {
                None => seen = Some(at),
                Some(lf) => assert_eq!(&at, lf, "{code}: {name} differs from LF"),
            }
        }
    }
}
