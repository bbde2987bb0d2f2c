//! Which configuration applies to a post, and the settings it gives.
//!
//! For each post: `--config FILE` if given; else the nearest `.fmlint.yml` / `.fmlint.yaml`
//! from the post's folder up to the repository root; else the `fmlint:` key of the site's
//! `_config.yml`; else the built-in defaults. `--isolated` ignores every file. The command
//! line's `--select` / `--ignore` come last. Lookups are cached per folder and per set of
//! matching overrides, so 100,000 posts cost a handful of file reads.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::error::ConfigError;
use super::load::{self, Layer, Provenance};
use super::{Selection, Settings};
use crate::site::Site;

pub const FILE_NAMES: [&str; 2] = [".fmlint.yml", ".fmlint.yaml"];

/// A configuration file that was read, and the folder its globs are relative to.
#[derive(Debug)]
pub struct Loaded {
    pub file: PathBuf,
    pub layer: Layer,
}

#[derive(Debug, Default, Clone)]
pub struct CliRules {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl CliRules {
    /// `--select` and `--ignore`, checked once here: a selector that matches no rule is refused
    /// before anything runs, and every post's settings then apply them without asking again.
    pub fn new(select: &[String], ignore: &[String]) -> Result<Self, String> {
        Selection::from_selectors(select, ignore)?;
        Ok(CliRules {
            select: select.to_vec(),
            ignore: ignore.to_vec(),
        })
    }
}

type Found = Result<Option<Arc<Loaded>>, Vec<ConfigError>>;
/// Settings are shared by every post with the same configuration, site root and overrides.
type SettingsKey = (usize, Option<PathBuf>, u64);

#[derive(Default)]
pub struct Resolver {
    explicit: Option<Arc<Loaded>>,
    isolated: bool,
    cli: CliRules,
    by_dir: Mutex<HashMap<PathBuf, Found>>,
    by_site_config: Mutex<HashMap<PathBuf, Found>>,
    settings: Mutex<HashMap<SettingsKey, Arc<Settings>>>,
}

/// The cached answer for `key`, computed (outside the lock, so `compute` may recurse) on a miss.
fn memo(
    map: &Mutex<HashMap<PathBuf, Found>>,
    key: &Path,
    compute: impl FnOnce() -> Found,
) -> Found {
    if let Some(hit) = map.lock().unwrap_or_else(|p| p.into_inner()).get(key) {
        return hit.clone();
    }
    let found = compute();
    map.lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(key.to_path_buf(), found.clone());
    found
}

/// How a discovered file is named in messages: relative to the current folder when it is
/// below it (discovery works on absolute paths).
fn shown_path(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    crate::paths::display_path(rel.as_deref().unwrap_or(path))
}

fn read(path: &Path, shown: &str, key: Option<&str>) -> Found {
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![ConfigError {
            path: shown.to_string(),
            text: Arc::from(""),
            span: 0..0,
            message: format!("cannot read the configuration: {e}"),
            label: String::new(),
            help: None,
        }]
    })?;
    Ok(
        load::parse(shown, Arc::from(text.as_str()), key)?.map(|layer| {
            Arc::new(Loaded {
                file: path.to_path_buf(),
                layer,
            })
        }),
    )
}

impl Resolver {
    /// `config`: `--config FILE`; `isolated`: `--isolated`.
    pub fn new(
        config: Option<&Path>,
        isolated: bool,
        cli: CliRules,
    ) -> Result<Self, Vec<ConfigError>> {
        let explicit = match config {
            Some(p) if !isolated => {
                let shown = crate::paths::display_path(p);
                Some(read(p, &shown, None)?.unwrap_or_else(|| {
                    Arc::new(Loaded {
                        file: p.to_path_buf(),
                        layer: Layer::default(),
                    })
                }))
            }
            _ => None,
        };
        Ok(Resolver {
            explicit,
            isolated,
            cli,
            ..Default::default()
        })
    }

    /// A resolver with one configuration held in memory, read as if `--config FILE` named it:
    /// `fmlint init` tries the configuration it is writing before it writes it.
    pub fn with_layer(file: PathBuf, layer: Layer) -> Self {
        Resolver {
            explicit: Some(Arc::new(Loaded { file, layer })),
            ..Default::default()
        }
    }

    /// The defaults, no files, CLI rules applied: what tests and the library use by default.
    pub fn defaults() -> Self {
        Resolver {
            isolated: true,
            ..Default::default()
        }
    }

    fn nearest_file(&self, dir: &Path) -> Found {
        memo(&self.by_dir, dir, || {
            for name in FILE_NAMES {
                let candidate = dir.join(name);
                if candidate.is_file() {
                    return read(&candidate, &shown_path(&candidate), None);
                }
            }
            // The repository's root ends the search: a configuration above it belongs to another
            // project.
            match dir.parent() {
                Some(parent) if !dir.join(".git").exists() => self.nearest_file(parent),
                _ => Ok(None),
            }
        })
    }

    fn site_config(&self, site: &Site) -> Found {
        let Some(path) = &site.config_path else {
            return Ok(None);
        };
        memo(&self.by_site_config, path, || {
            read(path, &crate::paths::display_path(path), Some("fmlint"))
        })
    }

    /// The configuration file that applies to a post, if any.
    pub fn config_for(&self, post: &Path, site: &Site) -> Found {
        if self.isolated {
            return Ok(None);
        }
        if let Some(e) = &self.explicit {
            return Ok(Some(e.clone()));
        }
        let dir = post.parent().unwrap_or(Path::new(""));
        let abs = std::path::absolute(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
        .unwrap_or_else(|_| dir.to_path_buf());
        match self.nearest_file(&abs)? {
            Some(found) => Ok(Some(found)),
            None => self.site_config(site),
        }
    }

    /// The folder that `paths:` globs are written against: the site's root (where
    /// `_config.yml` is), else the configuration file's folder.
    fn globs_root(site: &Site, config: Option<&Loaded>) -> Option<PathBuf> {
        let root = site
            .config_path
            .as_deref()
            .and_then(Path::parent)
            .or_else(|| config.and_then(|c| c.file.parent()))
            .map(Path::to_path_buf);
        root.map(|r| {
            if r.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                r
            }
        })
    }

    /// The post's path relative to [`Resolver::globs_root`], as `paths:` globs see it.
    fn relative(post: &Path, root: Option<&Path>) -> String {
        let rel = match root {
            Some(r) => {
                let abs_post = std::path::absolute(post).unwrap_or_else(|_| post.to_path_buf());
                let abs_root = std::path::absolute(r).unwrap_or_else(|_| r.to_path_buf());
                abs_post
                    .strip_prefix(&abs_root)
                    .map(Path::to_path_buf)
                    .unwrap_or(abs_post)
            }
            None => post.to_path_buf(),
        };
        rel.to_string_lossy().replace('\\', "/")
    }

    /// Whether two posts of one folder can have different settings: only through `overrides:`
    /// (their `paths:` globs see the file's name). A configuration that cannot be read counts
    /// as varying, so that each post reports it.
    pub fn varies_by_name(&self, post: &Path, site: &Site) -> bool {
        match self.config_for(post, site) {
            Ok(Some(c)) => !c.layer.overrides.is_empty(),
            Ok(None) => false,
            Err(_) => true,
        }
    }

    /// The settings for one post, and where each came from when `prov` is given.
    pub fn settings_for(
        &self,
        post: &Path,
        site: &Site,
        prov: Option<&mut Provenance>,
    ) -> Result<Arc<Settings>, Vec<ConfigError>> {
        let config = self.config_for(post, site)?;
        let root = Self::globs_root(site, config.as_deref());
        let mut mask = 0u64;
        if let Some(c) = config.as_ref().filter(|c| !c.layer.overrides.is_empty()) {
            let rel = Self::relative(post, root.as_deref());
            for (i, o) in c
                .layer
                .overrides
                .iter()
                .enumerate()
                .take(load::MAX_OVERRIDES)
            {
                if o.value.globs.is_match(&rel) {
                    mask |= 1 << i;
                }
            }
        }
        let key = (
            config.as_ref().map_or(0, |c| Arc::as_ptr(c) as usize),
            root.clone(),
            mask,
        );
        if prov.is_none()
            && let Some(hit) = self
                .settings
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(&key)
        {
            return Ok(hit.clone());
        }
        let mut prov = prov;
        let mut s = Settings::default();
        if let Some(c) = &config {
            c.layer.apply(&mut s, prov.as_deref_mut());
            for (i, o) in c
                .layer
                .overrides
                .iter()
                .enumerate()
                .take(load::MAX_OVERRIDES)
            {
                if mask & (1 << i) != 0 {
                    o.value.layer.apply(&mut s, prov.as_deref_mut());
                }
            }
        }
        if !self.cli.select.is_empty() {
            s.selection = Selection::from_selectors(&self.cli.select, &[]).unwrap_or(s.selection);
            if let Some(p) = prov.as_deref_mut() {
                p.insert("select".into(), "--select".into());
            }
        }
        for sel in &self.cli.ignore {
            for r in Selection::rules_matching(sel).unwrap_or_default() {
                s.selection.remove(r);
            }
            if let Some(p) = prov.as_deref_mut() {
                p.insert("ignore".into(), "--ignore".into());
            }
        }
        s.root = root;
        let s = Arc::new(s);
        self.settings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key, s.clone());
        Ok(s)
    }
}
