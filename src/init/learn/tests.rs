use super::*;
use std::path::PathBuf;

fn sample(rel: &str, text: String) -> Sample {
    Sample {
        path: PathBuf::from(rel),
        rel: rel.to_string(),
        bytes: text.into_bytes(),
    }
}

fn post(lang: &str, day: &str, extra: &str, with_date: bool) -> String {
    let date = if with_date {
        format!("date: {day} 10:00:00 +0000\n")
    } else {
        String::new()
    };
    format!(
        "---\nlayout: news_post\ntitle: \"A post\"\nauthor: someone\n{extra}{date}lang: {lang}\n---\nbody\n"
    )
}

/// A Ruby-like site: two languages, `translator` adopted in 2012, drafts without a date.
fn site() -> Vec<Sample> {
    let mut out = Vec::new();
    for lang in ["en", "ja"] {
        for (y, with) in [(2010, false), (2011, false), (2012, true), (2013, true)] {
            for m in 1..=10 {
                let day = format!("{y}-{m:02}-15");
                let extra = match (with, m % 2) {
                    (false, _) => "",
                    (true, 0) => "translator:\n",
                    (true, _) => "translator: someone\n",
                };
                out.push(sample(
                    &format!("{lang}/news/_posts/{day}-p.md"),
                    post(lang, &day, extra, true),
                ));
            }
        }
        for i in 0..10 {
            out.push(sample(
                &format!("{lang}/news/_drafts/draft-{i}.md"),
                post(lang, "2014-01-01", "translator:\n", false),
            ));
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

#[test]
fn learns_fields_eras_folders_and_forms() {
    let samples = site();
    let l = learn(&samples, &Site::default(), Path::new(""), 0.98).unwrap();
    let c = &l.config;
    assert!(l.departures.is_empty(), "{c}");
    assert_eq!(
        l.profile
            .required
            .iter()
            .map(|r| r.0.as_str())
            .collect::<Vec<_>>(),
        ["layout", "title", "author", "lang"],
        "{c}"
    );
    assert!(c.contains("layouts: [news_post]"), "{c}");
    assert!(c.contains("FM201: { form: ruby }"), "{c}");
    // `lang` is the language folder, one of two values.
    assert!(
        c.contains("lang: { type: string, enum: [en, ja], path: \"{lang}/news/**\" }"),
        "{c}"
    );
    // `translator` since 2012, `date` everywhere but in drafts.
    assert!(
        c.contains("translator: { present: true, type: string, nullable: true }"),
        "{c}"
    );
    assert!(c.contains("\"**/_posts/**/2010-*\""), "{c}");
    assert!(!c.contains("\"**/_posts/**/2012-*\""), "{c}");
    assert!(c.contains("\"en/news/_drafts/*\""), "{c}");
    assert!(c.contains("  - paths:\n      - \"en/news/_posts/*\"\n    fields:\n      date: { present: true, offset: [\"+00:00\"] }"), "{c}");
    // Nothing of the canonical shape.
    assert!(c.contains("FM401: off"), "{c}");
    assert!(c.contains("FM302: off"), "{c}");
}

#[test]
fn a_departure_is_listed_and_a_broken_convention_is_relaxed() {
    let mut samples = site();
    // One post without an author; every title single-quoted but one.
    let i = samples
        .iter()
        .position(|s| s.rel.contains("2013-05"))
        .unwrap();
    let t = String::from_utf8(samples[i].bytes.clone()).unwrap();
    samples[i].bytes = t.replace("\nauthor: someone\n", "\n").into_bytes();
    for s in &mut samples {
        let t = String::from_utf8(s.bytes.clone()).unwrap();
        s.bytes = t.replace("\"A post\"", "'A post'").into_bytes();
    }
    let l = learn(&samples, &Site::default(), Path::new(""), 0.98).unwrap();
    assert_eq!(l.departures.len(), 1, "{}", l.config);
    assert_eq!(l.departures[0].diagnostics[0].code(), "FM101");
    assert!(l.config.contains("FM602: off"), "{}", l.config);
    assert!(
        l.config
            .contains("  - author                         # 99 of 100 posts"),
        "{}",
        l.config
    );
    assert!(thousands(4719) == "4,719" && of(4, 4723) == "4 of 4,723 posts");
}
