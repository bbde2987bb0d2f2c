//! How paths are shown to people. A leaf: the walk, the site, the configuration and every
//! report name files the same way without depending on one another.

use std::path::Path;

/// How a path is shown: as given, `./` dropped, `/` as separator.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.to_string()
    }
}
