//! The Jekyll site a post belongs to: its `_config.yml`, found once per folder and shared.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono_tz::Tz;

use crate::yaml::{self, Document};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Site {
    pub config_path: Option<PathBuf>,
    pub timezone: Option<Tz>,
}

impl Site {
    /// The site's root folder: where its `_config.yml` is.
    pub fn root(&self) -> Option<&Path> {
        self.config_path.as_deref().and_then(Path::parent)
    }

    /// Reads the site settings fmlint needs from a `_config.yml` text.
    pub fn from_config(path: &Path, text: &str) -> Result<Site, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let doc = yaml::parse(text, 0..text.len()).map_err(|e| {
            format!(
                "{}: not valid YAML ({}) at byte {}",
                path.display(),
                e.message,
                e.offset
            )
        })?;
        let mut site = Site {
            config_path: Some(path.to_path_buf()),
            timezone: None,
        };
        if let Document::Mapping(entries) = doc
            && let Some(e) = entries.iter().rev().find(|e| e.key == "timezone")
            && !e.value.is_null()
        {
            let name = e.value.display();
            site.timezone = Some(name.parse::<Tz>().map_err(|_| {
                format!(
                    "{}: `timezone: {name}` is not an IANA time zone name (e.g. Asia/Singapore)",
                    path.display()
                )
            })?);
        }
        Ok(site)
    }
}

/// Finds and caches sites by folder, so that 10,000 posts in one `_posts` read `_config.yml` once.
#[derive(Default)]
pub struct SiteCache {
    by_dir: Mutex<HashMap<PathBuf, Arc<Result<Site, String>>>>,
}

impl SiteCache {
    /// The site of the post at `path`: the nearest `_config.yml` in its folder or above.
    pub fn site_for(&self, path: &Path) -> Arc<Result<Site, String>> {
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        self.lookup(&dir)
    }

    fn lookup(&self, dir: &Path) -> Arc<Result<Site, String>> {
        if let Some(hit) = self
            .by_dir
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir)
        {
            return hit.clone();
        }
        let candidate = dir.join("_config.yml");
        let found = if candidate.is_file() {
            Arc::new(
                std::fs::read_to_string(&candidate)
                    .map_err(|e| format!("{}: {e}", candidate.display()))
                    .and_then(|t| Site::from_config(&candidate, &t)),
            )
        } else {
            let parent = if dir.as_os_str().is_empty() {
                None
            } else {
                dir.parent()
            };
            match parent {
                Some(p) => self.lookup(p),
                None => {
                    // Relative paths end at ""; absolute ones at "/". Also try the current folder.
                    Arc::new(Ok(Site::default()))
                }
            }
        };
        self.by_dir
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_timezone() {
        let s = Site::from_config(
            Path::new("_config.yml"),
            "title: x\ntimezone: Asia/Singapore\n",
        )
        .unwrap();
        assert_eq!(s.timezone, Some(chrono_tz::Asia::Singapore));
        assert!(Site::from_config(Path::new("_config.yml"), "timezone: Mars/Base\n").is_err());
    }
}
