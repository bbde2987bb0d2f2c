//! The default command, `fmlint [PATHS]`: check (and fix) posts. The policy around the run:
//! which selectors are accepted, where the report goes (`--output-file`), when the summary line
//! and the `fmlint init` hint are printed, and what reaches standard error.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use super::{ColorChoice, print_config_errors};
use crate::config::resolve::{CliRules, Resolver};
use crate::mode::Mode;
use crate::report::{self, Format};
use crate::run::{self, Options};
use crate::visible::visible;

/// What the default command is asked, as the command line's flags say it.
#[derive(Debug)]
pub struct Check {
    pub paths: Vec<PathBuf>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub format: Format,
    pub output_file: Option<PathBuf>,
    pub show_all: bool,
    pub color: ColorChoice,
    pub quiet: bool,
    pub exit_zero: bool,
    pub statistics: bool,
    pub mode: Mode,
    pub unsafe_fixes: bool,
    pub exit_non_zero_on_fix: bool,
    pub stdin_filename: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub isolated: bool,
}

/// Why standard input holds no post at all, as opposed to an empty one. A closed standard
/// input reads as empty in Rust (its runtime reopens a closed descriptor 0 on `/dev/null`, read
/// and write): `fmlint - <&-` is a mistake, not an empty post, and so is `/dev/null` itself
/// (a CI step with no input). A pipe, a file or a terminal is read as given.
fn stdin_is_missing() -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        let stat = match rustix::fs::fstat(std::io::stdin()) {
            Ok(s) => s,
            Err(_) => return Some("it is closed"),
        };
        let null = std::fs::metadata("/dev/null").ok()?;
        let is_char = rustix::fs::FileType::from_raw_mode(stat.st_mode)
            == rustix::fs::FileType::CharacterDevice;
        (null.file_type().is_char_device() && is_char && stat.st_rdev as u64 == null.rdev())
            .then_some("it is closed or /dev/null: no post to read")
    }
    #[cfg(not(unix))]
    None
}

/// Whether no configuration file applies to any of the paths checked, for the `fmlint init`
/// hint.
fn without_configuration(check: &Check, resolver: &Resolver) -> bool {
    let sites = crate::site::SiteCache::default();
    !check.isolated
        && check.config.is_none()
        && check.paths.iter().all(|p| {
            let probe = if p.is_dir() {
                p.join("_posts").join("_")
            } else {
                p.clone()
            };
            let site = sites.site_for(&probe).as_ref().clone().unwrap_or_default();
            matches!(resolver.config_for(&probe, &site), Ok(None))
        })
}

/// Runs the default command; returns the exit code.
pub fn run(check: Check) -> u8 {
    let mut stderr = std::io::stderr();
    let cli_rules = match CliRules::new(&check.select, &check.ignore) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(stderr, "fmlint: {}", visible(&e));
            return 2;
        }
    };
    let resolver = match Resolver::new(check.config.as_deref(), check.isolated, cli_rules) {
        Ok(r) => r,
        Err(errors) => return print_config_errors(&errors),
    };
    let no_config = without_configuration(&check, &resolver);
    let stdout = std::io::stdout();
    let from_stdin = check.paths.len() == 1 && check.paths[0] == Path::new("-");
    let mut opts = Options::new(check.paths);
    opts.resolver = resolver;
    opts.format = check.format;
    opts.color = check.output_file.is_none() && check.color.colors(stdout.is_terminal());
    opts.quiet = check.quiet;
    opts.exit_zero = check.exit_zero;
    opts.statistics = check.statistics;
    opts.mode = check.mode;
    opts.unsafe_fixes = check.unsafe_fixes;
    opts.exit_non_zero_on_fix = check.exit_non_zero_on_fix;
    opts.show_all = check.show_all;

    // `--output-file`: what would go to standard output is kept, then written atomically.
    let mut report: Vec<u8> = Vec::new();
    let mut stdout = std::io::BufWriter::new(stdout.lock());
    let out: &mut dyn Write = match check.output_file {
        Some(_) => &mut report,
        None => &mut stdout,
    };
    let result = if from_stdin {
        if let Some(why) = stdin_is_missing() {
            let _ = writeln!(stderr, "fmlint: cannot read standard input: {why}");
            return 2;
        }
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            let _ = writeln!(stderr, "fmlint: cannot read standard input: {e}");
            return 2;
        }
        run::run_stdin(
            &opts,
            bytes,
            check.stdin_filename.as_deref(),
            out,
            &mut stderr,
        )
    } else {
        run::run(&opts, out, &mut stderr)
    };
    let outcome = match result {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(stderr, "fmlint: cannot write the report: {e}");
            return 2;
        }
    };
    if let Some(path) = &check.output_file {
        if let Err(e) = crate::write::write_file(path, &report) {
            let shown = path.display().to_string();
            let _ = writeln!(stderr, "fmlint: cannot write {}: {e}", visible(&shown));
            return 2;
        }
        // The terminal still gets the summary, unless it already went to standard error.
        let summary_shown = opts.mode == Mode::Diff || (from_stdin && opts.mode == Mode::Fix);
        if !opts.quiet && !summary_shown {
            let _ = writeln!(stdout, "{}", report::human::summary_line(&outcome.summary));
        }
    }
    // Once, after the summary line, where people read it: not in machine formats, not under
    // `-q` (no summary), not in `--statistics` or the fix modes.
    if check.format == Format::Human
        && !opts.quiet
        && !opts.statistics
        && opts.mode == Mode::Check
        && !from_stdin
        && let Some(h) = report::hint::no_config_hint(&outcome.summary, no_config)
    {
        let _ = writeln!(stdout, "{h}");
    }
    if stdout.flush().is_err() {
        return 2;
    }
    drop(stdout);
    if !outcome.config_errors.is_empty() {
        print_config_errors(&outcome.config_errors);
    }
    for e in &outcome.run_errors {
        let _ = writeln!(stderr, "fmlint: error: {}", visible(&e.to_string()));
    }
    outcome.exit_code(&opts) as u8
}
