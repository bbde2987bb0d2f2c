//! `fmlint inspect`: reads the posts as Jekyll does (`crate::inspect`) and prints the reading.

use std::io::Write;
use std::path::PathBuf;

use chrono::Utc;

use crate::inspect::InspectFormat;

/// `fmlint inspect`: prints the report; returns the exit code (2 when a path does not exist).
pub fn run(paths: &[PathBuf], format: InspectFormat, out: &mut dyn Write) -> u8 {
    let (items, errors) = crate::inspect::inspect(paths, Utc::now());
    let text = match format {
        // Titles, paths and notes come from the posts: shown with their control characters
        // escaped (JSON escapes them itself).
        InspectFormat::Human => {
            crate::visible::visible(&crate::report::inspect::render_human(&items)).into_owned()
        }
        InspectFormat::Json => crate::report::inspect::render_json(&items),
    };
    let _ = out.write_all(text.as_bytes());
    for e in &errors {
        eprintln!("fmlint: error: {}", crate::visible::visible(&e.to_string()));
    }
    if errors.is_empty() { 0 } else { 2 }
}
