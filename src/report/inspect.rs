//! `fmlint inspect`'s output: each post's reading as Jekyll sees it, for people and as JSON.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::inspect::Inspected;
use crate::jekyll;

/// One post as JSON: the oracle's field names where they mean the same.
pub fn to_json(item: &Inspected) -> Value {
    let r = &item.reading;
    json!({
        "file": item.file,
        "path": r.path,
        "published": r.published.is_ok(),
        "reason": r.published.as_ref().err().map(|u| u.code()),
        "reason_text": r.published.as_ref().err().map(|u| u.explain()),
        "draft": r.draft,
        "date": r.date.as_ref().map(|d| d.iso()),
        "epoch": r.date.as_ref().map(|d| d.epoch()),
        "day": r.date.as_ref().map(|d| d.day().to_string()),
        "date_source": r.date.as_ref().map(|d| d.source.as_str()),
        "title": r.title,
        "author": r.author,
        "layout": r.layout,
        "tags": r.tags,
        "categories": r.categories,
        "from": r.from,
        "url": r.url,
        "notes": r.notes,
    })
}

/// The posts that stop their site's build (Jekyll then publishes nothing).
fn build_stoppers(items: &[Inspected]) -> Vec<&Inspected> {
    items
        .iter()
        .filter(|i| {
            matches!(
                i.reading.published,
                Err(jekyll::Unpublished::BuildFails { .. })
            )
        })
        .collect()
}

pub fn render_json(items: &[Inspected]) -> String {
    let posts: Vec<Value> = items.iter().map(to_json).collect();
    let stoppers: Vec<Value> = build_stoppers(items)
        .iter()
        .map(|i| json!(i.reading.path.as_deref().unwrap_or(&i.file)))
        .collect();
    let doc = json!({ "version": 1, "posts": posts, "build_fails": stoppers });
    let mut out = serde_json::to_string_pretty(&doc).expect("plain data serialises");
    out.push('\n');
    out
}

fn shown(v: &Value) -> String {
    match v {
        Value::Null => "(none)".into(),
        Value::String(s) => format!("{s:?}"),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(shown).collect::<Vec<_>>().join(", ")
        ),
        other => other.to_string(),
    }
}

/// A readable block per post, then a count.
pub fn render_human(items: &[Inspected]) -> String {
    let mut out = String::new();
    for item in items {
        let r = &item.reading;
        let _ = writeln!(out, "{}", item.file);
        let row = |out: &mut String, k: &str, v: String| {
            let _ = writeln!(out, "  {k:<11} {v}");
        };
        if let Some(p) = &r.path
            && p != &item.file
        {
            row(&mut out, "path", p.clone());
        }
        row(
            &mut out,
            "published",
            match &r.published {
                Ok(()) => "yes".into(),
                Err(u) => format!("no: {}", u.explain()),
            },
        );
        if let Some(d) = &r.date {
            row(
                &mut out,
                "date",
                format!(
                    "{} (epoch {}; from the {})",
                    d.iso(),
                    d.epoch(),
                    d.source.as_str()
                ),
            );
            let name = item.file.rsplit('/').next().unwrap_or("");
            let day = d.day();
            let note = match jekyll::filename_day(name) {
                Some(Ok(file_day)) if file_day != day => {
                    format!(" (the file name says {file_day})")
                }
                _ => String::new(),
            };
            row(&mut out, "day", format!("{day} in {}{note}", item.zone));
        }
        if r.path.is_some() && !matches!(r.published, Err(jekyll::Unpublished::Excluded { .. })) {
            row(
                &mut out,
                "url",
                r.url
                    .clone()
                    .unwrap_or_else(|| "(Jekyll cannot make one)".into()),
            );
            row(&mut out, "title", shown(&r.title));
            row(&mut out, "author", shown(&r.author));
            row(&mut out, "layout", shown(&r.layout));
            row(&mut out, "tags", shown(&r.tags));
            row(&mut out, "categories", shown(&r.categories));
        }
        for n in &r.notes {
            row(&mut out, "note", n.clone());
        }
        out.push('\n');
    }
    for i in build_stoppers(items) {
        let _ = writeln!(
            out,
            "Jekyll cannot build the site of {}: it stops at this post, and publishes nothing",
            i.file
        );
    }
    let published = items.iter().filter(|i| i.reading.published.is_ok()).count();
    let _ = writeln!(
        out,
        "{} post{}: {published} published, {} not published",
        items.len(),
        if items.len() == 1 { "" } else { "s" },
        items.len() - published
    );
    out
}
