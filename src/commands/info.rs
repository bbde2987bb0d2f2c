//! The informational commands: `fmlint rules`, `fmlint explain`, `fmlint config`.

use std::fmt::Write as _;
use std::path::Path;

use crate::config::Settings;
use crate::config::error::ConfigError;
use crate::config::load::Provenance;
use crate::config::resolve::Resolver;
use crate::rules::{self, REGISTRY};
use crate::site::SiteCache;

/// `fmlint rules --format`: the table has two shapes (the report formats do not apply).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Human,
    Json,
}

pub fn rules_table(format: TableFormat) -> String {
    match format {
        TableFormat::Json => {
            let rows: Vec<serde_json::Value> = REGISTRY
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity.as_str(),
                        "fix": r.fix.as_str(),
                        "summary": r.summary,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&rows).expect("plain data serialises") + "\n"
        }
        TableFormat::Human => {
            let name_w = REGISTRY.iter().map(|r| r.name.len()).max().unwrap_or(4);
            let mut out = format!(
                "{:<6} {:<name_w$} {:<8} {:<14} {}\n",
                "code", "name", "severity", "fix", "what it reports"
            );
            for r in REGISTRY {
                let _ = writeln!(
                    out,
                    "{:<6} {:<name_w$} {:<8} {:<14} {}",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.fix.as_str(),
                    r.summary
                );
            }
            out
        }
    }
}

pub fn explain(key: &str) -> Result<&'static str, String> {
    rules::find(key).map(|r| r.doc).ok_or_else(|| {
        format!("`{key}` is not a rule: give a code (FM201) or a name (date-format); `fmlint rules` lists them")
    })
}

fn list(v: &[String]) -> String {
    format!("[{}]", v.join(", "))
}

/// The effective configuration of a post, as YAML a user could paste into `.fmlint.yml`, each
/// value followed by where it came from.
pub fn config_report(path: &Path, resolver: &Resolver) -> Result<String, Vec<ConfigError>> {
    let post = if path.is_dir() {
        path.join("_")
    } else {
        path.to_path_buf()
    };
    let sites = SiteCache::default();
    let site = match sites.site_for(&post).as_ref() {
        Ok(s) => s.clone(),
        Err(_) => Default::default(),
    };
    let config = resolver.config_for(&post, &site)?;
    let mut prov = Provenance::new();
    let s: std::sync::Arc<Settings> = resolver.settings_for(&post, &site, Some(&mut prov))?;
    let from = |key: &str| prov.get(key).cloned().unwrap_or_else(|| "default".into());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# fmlint configuration for {}",
        crate::paths::display_path(path)
    );
    let _ = writeln!(
        out,
        "# configuration file: {}",
        config
            .as_ref()
            .map_or("none (built-in defaults)".to_string(), |c| c
                .layer
                .origin
                .clone())
    );
    let _ = writeln!(
        out,
        "# site: {}",
        site.config_path.as_deref().map_or(
            "no _config.yml found".to_string(),
            crate::paths::display_path
        )
    );
    let line = |out: &mut String, text: String, origin: String| {
        let _ = writeln!(out, "{text:<60} # {origin}");
    };
    line(
        &mut out,
        format!("yaml-loader: {}", s.yaml_loader.name()),
        from("yaml-loader"),
    );
    line(
        &mut out,
        format!("required: {}", list(&s.required)),
        from("required"),
    );
    line(
        &mut out,
        format!("layouts: {}", list(&s.layouts)),
        from("layouts"),
    );
    let (tz, tz_from) = match (s.timezone, site.timezone) {
        (Some(t), _) => (t.name().to_string(), from("timezone")),
        (None, Some(t)) => (t.name().to_string(), "_config.yml timezone".to_string()),
        (None, None) => ("UTC".to_string(), "default".to_string()),
    };
    line(&mut out, format!("timezone: {tz}"), tz_from);
    let on: Vec<String> = REGISTRY
        .iter()
        .filter(|r| s.selection.contains(r))
        .map(|r| r.code.to_string())
        .collect();
    let sel_from = [from("select"), from("ignore")]
        .into_iter()
        .filter(|f| f != "default")
        .collect::<Vec<_>>()
        .join(", ");
    let sel_from = if sel_from.is_empty() {
        "default".to_string()
    } else {
        sel_from
    };
    line(&mut out, format!("select: {}", list(&on)), sel_from.clone());
    let _ = writeln!(out, "rules:");
    for r in REGISTRY {
        let mut opts = vec![format!(
            "severity: {}",
            if s.selection.contains(r) {
                s.severity_of(r).as_str()
            } else {
                "off"
            }
        )];
        for (key, value) in s.options.describe(r.id) {
            opts.push(format!("{key}: {value}"));
        }
        // A rule switched off by `select`/`ignore` owes its state to them.
        let origin = match prov.get(&format!("rules.{}", r.code)) {
            Some(o) => o.clone(),
            None if !s.selection.contains(r) => sel_from.clone(),
            None => "default".into(),
        };
        line(
            &mut out,
            format!("  {}: {{ {} }}", r.code, opts.join(", ")),
            origin,
        );
    }
    if !s.fields.is_empty() {
        let _ = writeln!(out, "fields:");
        for (name, f) in &s.fields {
            let mut parts = Vec::new();
            if let Some(t) = f.ty {
                parts.push(format!("type: {}", t.name()));
            }
            if f.present {
                parts.push("present: true".into());
            }
            if f.nullable {
                parts.push("nullable: true".into());
            }
            if f.non_empty {
                parts.push("non-empty: true".into());
            }
            if let Some(e) = &f.enum_values {
                parts.push(format!("enum: {}", list(e)));
            }
            if let Some(p) = &f.pattern {
                parts.push(format!("pattern: {:?}", p.source));
            }
            if let Some(p) = &f.path {
                parts.push(format!("path: {:?}", p.source));
            }
            if let Some(o) = &f.offsets {
                let shown: Vec<String> = o
                    .iter()
                    .map(|s| {
                        let sign = if *s < 0 { '-' } else { '+' };
                        format!("\"{sign}{:02}:{:02}\"", s.abs() / 3600, s.abs() % 3600 / 60)
                    })
                    .collect();
                parts.push(format!("offset: [{}]", shown.join(", ")));
            }
            line(
                &mut out,
                format!("  {name}: {{ {} }}", parts.join(", ")),
                from(&format!("fields.{name}")),
            );
        }
    }
    Ok(out)
}
