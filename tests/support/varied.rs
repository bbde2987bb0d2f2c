//! Freely varied posts: every accepted date form, YAML-special titles and terms, comments,
//! unknown keys, shuffled keys, CRLF and mixed line endings, BOM… and, on request, the inputs
//! that trip the bugs `fix_invariants` found.

use chrono::{TimeZone, Utc};
use fmlint::config::CANONICAL_ORDER;
use fmlint::zone::Tz;

use crate::dates::{DATE_FORMS, DateForm, DateSpec};
use crate::generator::{Entry, KNOWN, SAFE_TERMS, SAFE_TITLE_PIECES, Spec};
use crate::rng::Rng;
use crate::scalars::Quote;
use crate::terms::{ListStyle, Term, Terms};

/// Title pieces that trip bugs found by these tests (see the ignored tests in
/// `fix_invariants.rs`): an HTML entity, which the header rules compare decoded but the header
/// fix writes raw; a tab, which the whitespace fix turns into a space inside a plain scalar.
pub const BUGGY_TITLE_PIECES: &[&str] = &["&amp;", "a &lt;b&gt;"];

/// Terms that need care: spaces, YAML-special words, flow indicators.
pub const ODD_TERMS: &[&str] = &[
    "two words",
    "yes",
    "2021",
    "null",
    "a, b",
    "[x]",
    "#tag",
    "a: b",
    "1:20",
    "- x",
    "it's",
    "\"q\"",
    "x:y",
];

pub const COMMENTS: &[&str] = &[
    "# 来源：联合早报",
    "# TODO: check the date",
    "#no-space comment",
    "# a \"quoted\" #2 comment: yes",
    "#",
    "# ---",
];

/// Unknown keys fmlint must keep byte for byte: `(key, rest of the first line, more lines,
/// whether the extra lines are block-scalar content)`.
pub struct Unknown {
    pub key: &'static str,
    pub first: &'static str,
    pub more: &'static [&'static str],
    pub block_scalar: bool,
}

pub const UNKNOWNS: &[Unknown] = &[
    Unknown {
        key: "source_id",
        first: " 12345",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "draft",
        first: " false",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "excerpt",
        first: " \"第一段: 摘要 #1\"",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "image",
        first: " /assets/img/2021/x.jpg",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "summary",
        first: " >",
        more: &[
            "  Folded text with two trailing spaces  ",
            "  and a second line",
        ],
        block_scalar: true,
    },
    Unknown {
        key: "notes",
        first: " |",
        more: &["  line one", "", "  line three"],
        block_scalar: true,
    },
    Unknown {
        key: "nested",
        first: "",
        more: &["  a: 1", "  b: [x, y]"],
        block_scalar: false,
    },
    Unknown {
        key: "links",
        first: "",
        more: &["- https://a.example/1", "- https://a.example/2"],
        block_scalar: false,
    },
    Unknown {
        key: "empty",
        first: "",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "quoted",
        first: " 'it''s \"fine\"'",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "weight",
        first: " 010",
        more: &[],
        block_scalar: false,
    },
    Unknown {
        key: "tabbed",
        first: " \"a\tb\"",
        more: &[],
        block_scalar: false,
    },
];

/// An unknown key whose value is a plain scalar with a tab inside: the whitespace fix breaks it.
pub const BUGGY_UNKNOWN: Unknown = Unknown {
    key: "plain_tab",
    first: " a\tb",
    more: &[],
    block_scalar: false,
};

impl Spec {
    /// A freely varied post: every option of the generator may be on.
    pub fn random(rng: &mut Rng, opts: &GenOptions) -> Spec {
        let mut s = Spec::canonical(rng);
        // Title.
        let pool = title_pool(opts.known_bugs);
        let pieces: Vec<usize> = match &opts.title {
            Some(p) => p.iter().map(|&i| i % pool.len()).collect(),
            None => (0..1 + rng.below(4))
                .map(|_| rng.below(pool.len()))
                .collect(),
        };
        s.title = pieces
            .iter()
            .map(|&i| pool[i])
            .collect::<Vec<_>>()
            .join(if rng.chance(60) { " " } else { "" });
        s.title_quote = *rng.pick(&[Quote::Plain, Quote::Plain, Quote::Single, Quote::Double]);
        // Date.
        let form = opts.form.unwrap_or_else(|| *rng.pick(DATE_FORMS));
        s.date = DateSpec::random(rng, form);
        s.timestamp = if rng.chance(70) {
            let base = s
                .date
                .instant(opts.site)
                .unwrap_or_else(|| Utc.from_utc_datetime(&s.date.wall));
            Some(base.timestamp_millis() + rng.range(0, 3_600_000))
        } else {
            None
        };
        // Terms.
        let random_terms = |rng: &mut Rng| -> Terms {
            let n = 1 + rng.below(3);
            let mut items = Vec::new();
            for _ in 0..n {
                let text = if rng.chance(25) {
                    rng.pick(ODD_TERMS).to_string()
                } else {
                    rng.pick(SAFE_TERMS).to_string()
                };
                let quote = *rng.pick(&[Quote::Plain, Quote::Plain, Quote::Double, Quote::Single]);
                items.push(Term { text, quote });
            }
            if rng.chance(10) {
                let t = items[0].clone();
                items.push(t);
            }
            if rng.chance(8) {
                items.push(Term {
                    text: String::new(),
                    quote: Quote::Double,
                });
            }
            Terms {
                items,
                style: *rng.pick(&[
                    ListStyle::Flow,
                    ListStyle::Flow,
                    ListStyle::FlowTight,
                    ListStyle::Block,
                    ListStyle::BlockNoIndent,
                    ListStyle::Words,
                ]),
            }
        };
        s.tags = random_terms(rng);
        s.categories = if rng.chance(70) {
            let mut c = s.tags.clone();
            c.style = *rng.pick(&[ListStyle::Flow, ListStyle::Block, ListStyle::Words]);
            c
        } else {
            random_terms(rng)
        };
        // Unknown keys.
        let mut pool: Vec<&Unknown> = UNKNOWNS.iter().collect();
        if opts.known_bugs {
            pool.push(&BUGGY_UNKNOWN);
        }
        rng.shuffle(&mut pool);
        let n_unknown = if rng.chance(50) { rng.below(4) } else { 0 };
        s.unknowns = pool[..n_unknown]
            .iter()
            .map(|u| Entry {
                key: u.key.into(),
                first: u.first.into(),
                more: u.more.iter().map(|l| l.to_string()).collect(),
                block_scalar: u.block_scalar,
                known: false,
                comments_above: vec![],
                trailing_comment: None,
            })
            .collect();
        // Comments.
        let n_entries = KNOWN + s.unknowns.len();
        for i in 0..n_entries {
            let above = if rng.chance(12) {
                vec![rng.pick(COMMENTS).to_string()]
            } else {
                vec![]
            };
            // A comment after a term list is lost when a repeat is removed (a bug): only
            // with the known bugs on.
            let trailing = (rng.chance(10)
                && (opts.known_bugs
                    || !matches!(CANONICAL_ORDER.get(i), Some(&("tags" | "categories")))))
            .then(|| format!("# note {i}"));
            if i < KNOWN {
                s.known_comments[i] = (above, trailing);
            } else {
                let u = &mut s.unknowns[i - KNOWN];
                u.comments_above = above;
                if u.more.is_empty() && !u.first.is_empty() {
                    u.trailing_comment = trailing;
                }
            }
        }
        if rng.chance(10) {
            s.end_comments = vec![rng.pick(COMMENTS).to_string()];
        }
        // Layout.
        s.order = (0..n_entries).collect();
        if rng.chance(40) {
            rng.shuffle(&mut s.order);
        }
        s.trailing_ws = rng.chance(30).then(|| rng.next_u64());
        s.blank_lines = rng.chance(20).then(|| rng.next_u64());
        s.crlf = rng.chance(30);
        // Mixed endings trip two bugs: FM302 takes CRLF from anywhere in the file, FM401 takes
        // the closing fence's own ending. Without the known bugs: CRLF posts with a timestamp.
        s.mixed_line = (opts.known_bugs || (s.crlf && s.timestamp.is_some()))
            .then(|| rng.chance(10).then(|| rng.next_u64()))
            .flatten();
        s.body_noise = opts.known_bugs && rng.chance(15);
        s.bom = rng.chance(15);
        s.header = rng.chance(70);
        s.gap = rng.below(3);
        s
    }

    /// The comment lines and unknown-key lines of the front matter, as written (trailing
    /// whitespace aside), and whether each is block-scalar content: fmlint must keep each.
    pub fn kept_lines(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for e in self.entries() {
            out.extend(e.comments_above.iter().map(|c| (c.clone(), false)));
            if !e.known {
                let mut first = format!("{}:{}", e.key, e.first);
                if let Some(c) = &e.trailing_comment {
                    first.push(' ');
                    first.push_str(c);
                }
                out.push((first, false));
                out.extend(e.more.iter().map(|m| (m.clone(), e.block_scalar)));
            }
        }
        out.extend(self.end_comments.iter().map(|c| (c.clone(), false)));
        out
    }

    /// `(key, comment)` for each known key whose line carries a trailing comment.
    pub fn trailing_comments(&self) -> Vec<(String, String)> {
        self.entries()
            .into_iter()
            .filter(|e| e.known)
            .filter_map(|e| Some((e.key.clone(), e.trailing_comment?)))
            .collect()
    }
}

/// What the free generator may produce.
#[derive(Debug, Clone, Default)]
pub struct GenOptions {
    /// The site's `timezone:` (decides whether zone-less dates get a safe fix).
    pub site: Option<Tz>,
    /// Also produce the inputs that trip the bugs these tests found.
    pub known_bugs: bool,
    /// The title as pieces (indices into `title_pool(known_bugs)`), instead of a random one.
    pub title: Option<Vec<usize>>,
    /// The date form, instead of a random one.
    pub form: Option<DateForm>,
}

/// The title pieces the free generator draws from.
pub fn title_pool(known_bugs: bool) -> Vec<&'static str> {
    SAFE_TITLE_PIECES
        .iter()
        .chain(if known_bugs { BUGGY_TITLE_PIECES } else { &[] })
        .copied()
        .collect()
}
