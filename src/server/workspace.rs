//! What the command line decides per file, decided the same way for an editor's document:
//! whether it is a post, which configuration and site apply, and what the linter says of it.
//! The caches are thrown away whole when a configuration file changes.

use std::path::Path;
use std::sync::Arc;

use crate::config::Settings;
use crate::config::error::ConfigError;
use crate::config::resolve::{CliRules, FILE_NAMES, Resolver};
use crate::diagnostic::Diagnostic;
use crate::discover::{self, SiteFilter};
use crate::lint;
use crate::site::{Site, SiteCache};

/// What a document gets.
pub enum Analysis {
    /// Not a post the command line would check: no diagnostics.
    NotAPost,
    /// Its configuration cannot be used: as on the command line, the post is not checked.
    BadConfig(Vec<ConfigError>),
    /// Boxed: it holds the settings and the site, the others almost nothing.
    Linted(Box<Linted>),
}

pub struct Linted {
    pub settings: Arc<Settings>,
    pub site: Site,
    /// The site's `_config.yml` could not be read (its defaults were used).
    pub site_error: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

pub struct Workspace {
    resolver: Resolver,
    sites: SiteCache,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            // No `--config` is given, so this cannot fail; the fallback keeps it total.
            resolver: Resolver::new(None, false, CliRules::default())
                .unwrap_or_else(|_| Resolver::defaults()),
            sites: SiteCache::default(),
        }
    }
}

impl Workspace {
    /// Forgets every configuration and site read so far.
    pub fn reload(&mut self) {
        *self = Workspace::default();
    }

    pub fn resolver(&self) -> &Resolver {
        &self.resolver
    }

    pub fn sites(&self) -> &SiteCache {
        &self.sites
    }

    /// Whether a folder walk of the command line would check the file: under `_posts` or
    /// `_drafts`, a post extension, and read by its site (its `exclude:`, its special names).
    pub fn is_post(&self, path: &Path) -> bool {
        discover::is_post_path(path) && SiteFilter::new(&self.sites).keeps(path)
    }

    /// The document's configuration, site and diagnostics, for its text as given.
    pub fn analyse(&self, path: Option<&Path>, text: &str) -> Analysis {
        let Some(path) = path.filter(|p| self.is_post(p)) else {
            return Analysis::NotAPost;
        };
        let read = self.sites.site_for(path);
        let site = Site::readable_or_default(&read);
        let site_error = read.as_ref().as_ref().err().cloned();
        let settings = match self.resolver.settings_for(path, site, None) {
            Ok(s) => s,
            Err(errors) => return Analysis::BadConfig(errors),
        };
        let diagnostics = lint::lint_text(path, text, &settings, site);
        Analysis::Linted(Box::new(Linted {
            settings,
            site: site.clone(),
            site_error,
            diagnostics,
        }))
    }
}

/// A file whose change changes what posts are checked against.
pub fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n == "_config.yml" || FILE_NAMES.contains(&n))
}
