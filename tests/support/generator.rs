//! A deterministic generator of Jekyll posts: canonical posts (the seed's shape, lint-clean)
//! and the same posts with defects that only safe fixes repair (their fixed version is known:
//! the canonical post they came from). Everything is a pure function of the `Rng`'s seed.
//! Freely varied posts are in `varied.rs`.

use fmlint::config::CANONICAL_ORDER;

use crate::dates::{DateForm, DateSpec};
use crate::rng::Rng;
use crate::scalars::{Quote, link_text, plain_ok_block, render_scalar};
use crate::terms::{ListStyle, Terms};

/// The canonical keys: every post writes each once.
pub const KNOWN: usize = CANONICAL_ORDER.len();

/// Title pieces a canonical post may hold: no HTML entity. Some read as another
/// type when unquoted (`yes`, `010`, `1:20`), some need quotes (`: `, ` #`, a leading `-`).
pub const SAFE_TITLE_PIECES: &[&str] = &[
    "中国外交部批美国纠集盟友指责中国网络攻击",
    "联合早报",
    "环线部分车站本周末暂停服务",
    "“三无外交”",
    "（更新）",
    "\"quoted\"",
    "it's",
    "'single'",
    "[更新]",
    "[Updated]",
    "(photo)",
    "C:\\path",
    "a\\b",
    "back\\",
    "10: 20",
    "a: b",
    "1:20",
    "#1",
    "# hash",
    "a #b",
    "- dash",
    "-1",
    "* star",
    "& amp",
    "! bang",
    "&anchor",
    "*alias",
    "!tag",
    "yes",
    "no",
    "No",
    "null",
    "~",
    "010",
    "2021",
    "3.5",
    "0x1F",
    "1_000",
    "true",
    "off",
    "On",
    "2021-07-20",
    "%percent",
    "@at",
    "`tick`",
    "{brace}",
    "a, b",
    "?",
    "? q",
    ":",
    ":sym",
    "—",
    "Ünïcödé",
    "emoji 🎉",
    "Q&A",
    "100%",
    "x|y",
    ">gt",
    "|pipe",
    "a  b",
    "tab\there",
];

pub const AUTHORS: &[&str] = &[
    "联合早报",
    "Straits Flash",
    "BBC 中文",
    "南洋日报",
    "Reuters",
];

/// Terms that are strings and safe as plain items of a flow list.
pub const SAFE_TERMS: &[&str] = &[
    "联合早报",
    "国际",
    "China",
    "news-daily",
    "C++",
    "狮城快讯",
    "Straits_Flash",
    "中国",
    "Hong.Kong",
];

pub const BODY_LINES: &[&str] = &[
    "<p>中国外交部今天（20日）指美国纠集盟友，在网络安全问题上对中国进行无理指责。</p>",
    "<p>Plain English paragraph with a [link](https://example.com/x).</p>",
    "---",
    "------",
    "title: not front matter",
    "<!--1626799380000-->",
    "[a link](https://example.com/y)",
    "",
    "",
    "   indented with trailing spaces   ",
    "\ttabbed",
    "# A Markdown heading",
    "* a list item",
    "</div>",
];

/// One front-matter entry as it will be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    /// The rest of the key's line (` value`, or empty for a block value).
    pub first: String,
    pub more: Vec<String>,
    /// The extra lines are block-scalar content (their spaces are the value's).
    pub block_scalar: bool,
    pub known: bool,
    pub comments_above: Vec<String>,
    pub trailing_comment: Option<String>,
}

impl Entry {
    fn simple(key: &str, first: String) -> Self {
        Entry {
            key: key.into(),
            first,
            more: vec![],
            block_scalar: false,
            known: true,
            comments_above: vec![],
            trailing_comment: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Spec {
    pub title: String,
    pub title_quote: Quote,
    pub date: DateSpec,
    pub author: String,
    pub from: String,
    pub tags: Terms,
    pub categories: Terms,
    pub unknowns: Vec<Entry>,
    /// Comment lines before the closing fence, after the last entry.
    pub end_comments: Vec<String>,
    /// Comments above, trailing comments, per known key (index in canonical order).
    pub known_comments: Vec<(Vec<String>, Option<String>)>,
    /// Entry order: indices into `entries()` (the canonical keys, then the unknowns).
    pub order: Vec<usize>,
    /// Seeds deciding which front-matter lines get trailing whitespace and blank lines.
    pub trailing_ws: Option<u64>,
    pub blank_lines: Option<u64>,
    pub crlf: bool,
    /// One front-matter line (not the first) written with the other line ending.
    pub mixed_line: Option<u64>,
    /// Body lines written with the other line ending (stray `\r\n` in an LF body).
    pub body_noise: bool,
    pub bom: bool,
    /// The `<!--ms-->` line, when there is one.
    pub timestamp: Option<i64>,
    pub header: bool,
    /// Blank lines between the header (or where it would be) and the body.
    pub gap: usize,
    /// The body, lines without endings; the first line is not blank.
    pub body: Vec<String>,
    pub body_final_newline: bool,
}

impl Spec {
    /// A post in exactly the canonical shape of the seed: lints clean under the default
    /// settings when saved as `_posts/<file_name()>` in a site without `timezone:`.
    pub fn canonical(rng: &mut Rng) -> Self {
        let pieces = 1 + rng.below(3);
        let title = (0..pieces)
            .map(|_| *rng.pick(SAFE_TITLE_PIECES))
            .collect::<Vec<_>>()
            .join(if rng.chance(50) { " " } else { "" });
        let form = if rng.chance(70) {
            DateForm::Rfc3339Z
        } else {
            DateForm::Rfc3339Offset
        };
        let mut date = DateSpec::random(rng, form);
        if form == DateForm::Rfc3339Z {
            date.offset_secs = 0;
        } else if date.offset_secs == 0 {
            date.offset_secs = 8 * 3600;
        }
        let n = 1 + rng.below(3);
        let mut words: Vec<&str> = Vec::new();
        while words.len() < n {
            let w = *rng.pick(SAFE_TERMS);
            if !words.contains(&w) {
                words.push(w);
            }
        }
        let author = rng.pick(AUTHORS).to_string();
        let id = rng.range(1_000_000, 9_999_999);
        let from = format!(
            "https://www.{}.example/realtime/story{}-{id}",
            rng.pick(&["zaobao", "straitsflash", "nanyangdaily", "rfi"]),
            date.wall.format("%Y%m%d")
        );
        let ts = date.instant(None).unwrap().timestamp_millis();
        let body_len = 1 + rng.below(6);
        let mut body = vec!["<div>".to_string()];
        for _ in 0..body_len {
            body.push(rng.pick(BODY_LINES).to_string());
        }
        body.push("</div>".into());
        Spec {
            title,
            title_quote: Quote::Double,
            date,
            author,
            from,
            tags: Terms::canonical(&words),
            categories: Terms::canonical(&words),
            unknowns: vec![],
            end_comments: vec![],
            known_comments: vec![(vec![], None); KNOWN],
            order: (0..KNOWN).collect(),
            trailing_ws: None,
            blank_lines: None,
            crlf: rng.chance(15),
            mixed_line: None,
            body_noise: false,
            bom: rng.chance(10),
            timestamp: Some(ts),
            header: true,
            gap: 1,
            body,
            body_final_newline: rng.chance(90),
        }
    }

    /// The post's file name: the date's day in UTC, so that FM203 stays silent.
    pub fn file_name(&self, n: usize) -> String {
        let day = self
            .date
            .instant(None)
            .map_or(self.date.wall.date(), |i| i.date_naive());
        format!("{}-post-{n:05}.md", day.format("%Y-%m-%d"))
    }

    /// The same post with several defects that safe fixes repair, each one bringing it back to
    /// exactly `self.render()`. At least `min` defects (up to the ones that apply).
    pub fn with_safe_defects(&self, rng: &mut Rng, min: usize) -> Spec {
        let mut out = self.clone();
        let mut kinds: Vec<u8> = (0..10).collect();
        rng.shuffle(&mut kinds);
        let want = min + rng.below(3);
        let mut done = 0;
        for k in kinds {
            if done >= want {
                break;
            }
            let applied = match k {
                // FM602 (or FM103 for `2021`): the title unquoted or single-quoted.
                0 => {
                    // Unquoted, `null` and `~` are null: FM102, not a fix.
                    let null_word = matches!(out.title.as_str(), "null" | "Null" | "NULL" | "~");
                    let q = if plain_ok_block(&out.title) && !null_word && rng.chance(60) {
                        Quote::Plain
                    } else {
                        Quote::Single
                    };
                    out.title_quote = q;
                    true
                }
                // FM201: the same instant and offset, not RFC 3339.
                1 => {
                    out.date.form = match (out.date.offset_secs, rng.below(3)) {
                        (0, 0) => DateForm::UnquotedZoneless,
                        (_, 1) => DateForm::QuotedSpaceOffset,
                        _ => DateForm::SpaceOffset,
                    };
                    true
                }
                // FM603: tags and/or categories as a block list, tight flow list or words.
                2 | 3 => {
                    let terms = if k == 2 {
                        &mut out.tags
                    } else {
                        &mut out.categories
                    };
                    terms.style = *rng.pick(&[
                        ListStyle::Block,
                        ListStyle::BlockNoIndent,
                        ListStyle::FlowTight,
                        ListStyle::Words,
                    ]);
                    true
                }
                // FM604: trailing spaces and tabs, blank lines.
                4 => {
                    out.trailing_ws = Some(rng.next_u64());
                    true
                }
                5 => {
                    out.blank_lines = Some(rng.next_u64());
                    true
                }
                // FM601: keys out of order.
                6 => {
                    while out.order == (0..KNOWN).collect::<Vec<_>>() {
                        rng.shuffle(&mut out.order);
                    }
                    true
                }
                // FM401: no timestamp (the canonical one is the date's epoch ms).
                7 => {
                    out.timestamp = None;
                    true
                }
                // FM302: no header link; sometimes no blank line after it either.
                8 => {
                    out.header = false;
                    if rng.chance(50) {
                        out.gap = 0;
                    }
                    true
                }
                // FM502: a repeated tag in a list.
                9 => {
                    let terms = if rng.chance(50) {
                        &mut out.tags
                    } else {
                        &mut out.categories
                    };
                    if terms.style == ListStyle::Words {
                        false
                    } else {
                        let t = terms.items[rng.below(terms.items.len())].clone();
                        terms.items.push(t);
                        true
                    }
                }
                _ => false,
            };
            if applied {
                done += 1;
            }
        }
        out
    }

    /// The entries in canonical order (known keys, then unknowns), with their comments.
    pub fn entries(&self) -> Vec<Entry> {
        let mut v: Vec<Entry> = CANONICAL_ORDER
            .iter()
            .map(|&key| {
                let terms = match key {
                    "tags" => &self.tags,
                    "categories" => &self.categories,
                    _ => {
                        let value = match key {
                            "layout" => "post".to_string(),
                            "title" => render_scalar(&self.title, self.title_quote, false),
                            "date" => self.date.render(),
                            "author" => self.author.clone(),
                            "from" => self.from.clone(),
                            other => unreachable!(
                                "a canonical key the generator does not write: {other}"
                            ),
                        };
                        return Entry::simple(key, format!(" {value}"));
                    }
                };
                let (first, more) = terms.render();
                let mut e = Entry::simple(key, first);
                e.more = more;
                e
            })
            .collect();
        for (e, (above, trailing)) in v.iter_mut().zip(&self.known_comments) {
            e.comments_above = above.clone();
            // A trailing comment after a block list's key hides the list from the fix; keep
            // trailing comments to one-line values.
            if e.more.is_empty() {
                e.trailing_comment = trailing.clone();
            }
        }
        v.extend(self.unknowns.iter().cloned());
        v
    }

    /// The front-matter lines between the fences, without line endings, and whether each may
    /// take trailing whitespace or a blank line before it.
    fn yaml_lines(&self) -> Vec<(String, bool, bool)> {
        let entries = self.entries();
        let mut lines = Vec::new();
        for &i in &self.order {
            let e = &entries[i];
            for c in &e.comments_above {
                lines.push((c.clone(), true, true));
            }
            let mut first = format!("{}:{}", e.key, e.first);
            if let Some(c) = &e.trailing_comment {
                first.push(' ');
                first.push_str(c);
            }
            lines.push((first, true, true));
            for m in &e.more {
                lines.push((m.clone(), !e.block_scalar, false));
            }
        }
        for c in &self.end_comments {
            lines.push((c.clone(), true, true));
        }
        lines
    }

    /// The post's text.
    pub fn render(&self) -> String {
        let nl = if self.crlf { "\r\n" } else { "\n" };
        let other = if self.crlf { "\n" } else { "\r\n" };
        let mut ws_rng = self.trailing_ws.map(Rng::new);
        let mut blank_rng = self.blank_lines.map(Rng::new);
        let mut fm: Vec<String> = vec!["---".into()];
        for (line, ws_ok, blank_ok) in self.yaml_lines() {
            if blank_ok
                && let Some(r) = blank_rng.as_mut()
                && r.chance(30)
            {
                fm.push(if r.chance(50) { "" } else { "  " }.into());
            }
            let mut line = line;
            if ws_ok
                && let Some(r) = ws_rng.as_mut()
                && r.chance(35)
            {
                let pad: &&str = r.pick(&[" ", "  ", "\t", " \t "]);
                line.push_str(pad);
            }
            fm.push(line);
        }
        fm.push("---".into());
        if let Some(r) = ws_rng.as_mut()
            && r.chance(20)
        {
            fm[0].push_str("  ");
        }
        let mixed_at = self.mixed_line.map(|s| 1 + (s as usize) % (fm.len() - 1));
        let mut out = String::new();
        if self.bom {
            out.push('\u{feff}');
        }
        for (i, l) in fm.iter().enumerate() {
            out.push_str(l);
            out.push_str(if Some(i) == mixed_at { other } else { nl });
        }
        if let Some(ts) = self.timestamp {
            out.push_str(&format!("<!--{ts}-->{nl}"));
        }
        if self.header {
            out.push_str(&format!(
                "[{}]({}){nl}------{nl}",
                link_text(&self.title),
                self.from
            ));
        }
        for _ in 0..self.gap {
            out.push_str(nl);
        }
        let mut noise = Rng::new(self.body.len() as u64);
        for (i, l) in self.body.iter().enumerate() {
            out.push_str(l);
            let last = i + 1 == self.body.len();
            if !last || self.body_final_newline {
                out.push_str(if self.body_noise && noise.chance(30) {
                    other
                } else {
                    nl
                });
            }
        }
        out
    }
}
