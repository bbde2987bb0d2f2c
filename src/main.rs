use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use fmlint::cli::{CheckArgs, Cli, Color, Command};
use fmlint::commands;
use fmlint::config::Selection;
use fmlint::config::error::ConfigError;
use fmlint::config::resolve::{CliRules, Resolver};
use fmlint::report::visible::visible;
use fmlint::run::{self, Mode, Options};

// Each post makes and drops a few hundred small strings and vectors (the YAML events, the
// model, the diagnostics); mimalloc's per-thread free lists serve them in a fraction of the
// instructions glibc's malloc takes.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(cmd) => command(cmd),
        None => check(cli.check),
    };
    ExitCode::from(code)
}

fn color_for(choice: Color, stream_is_terminal: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn print_config_errors(errors: &[ConfigError]) -> u8 {
    let color = color_for(Color::Auto, std::io::stderr().is_terminal());
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = write!(err, "{}", e.render(color));
    }
    let _ = writeln!(
        err,
        "fmlint: the configuration has {} error(s); nothing was checked with it",
        errors.len()
    );
    2
}

fn command(cmd: Command) -> u8 {
    // The server writes standard output from its own thread: it must not be locked here.
    if let Command::Server = cmd {
        return fmlint::server::run();
    }
    let mut out = std::io::stdout().lock();
    match cmd {
        Command::Rules { format } => {
            let _ = out.write_all(commands::rules_table(format).as_bytes());
            0
        }
        Command::Explain { rule } => match commands::explain(&rule) {
            Ok(page) => {
                let _ = out.write_all(page.as_bytes());
                0
            }
            Err(e) => {
                eprintln!("fmlint: {}", visible(&e));
                2
            }
        },
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "fmlint", &mut out);
            0
        }
        Command::Init {
            site,
            min_share,
            force,
            stdout,
        } => {
            let opts = fmlint::init::Options {
                site,
                min_share,
                force,
                stdout,
            };
            fmlint::init::main(&opts, &mut out, &mut std::io::stderr())
        }
        Command::Server => unreachable!("handled above"),
        Command::Inspect { paths, format } => fmlint::inspect::main(&paths, format, &mut out),
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            match clap_mangen::Man::new(cmd).render(&mut out) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("fmlint: cannot write the manual page: {e}");
                    2
                }
            }
        }
        Command::Config {
            path,
            config,
            isolated,
        } => {
            let resolver = match Resolver::new(config.as_deref(), isolated, CliRules::default()) {
                Ok(r) => r,
                Err(errors) => return print_config_errors(&errors),
            };
            match commands::config_report(&path, &resolver) {
                Ok(text) => {
                    let _ = out.write_all(visible(&text).as_bytes());
                    0
                }
                Err(errors) => print_config_errors(&errors),
            }
        }
    }
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

fn check(cli: CheckArgs) -> u8 {
    let mut stderr = std::io::stderr();
    if let Err(e) = Selection::from_selectors(&cli.select, &cli.ignore) {
        let _ = writeln!(stderr, "fmlint: {}", visible(&e));
        return 2;
    }
    let cli_rules = CliRules {
        select: cli.select.clone(),
        ignore: cli.ignore.clone(),
    };
    let resolver = match Resolver::new(cli.config.as_deref(), cli.isolated, cli_rules) {
        Ok(r) => r,
        Err(errors) => return print_config_errors(&errors),
    };
    // Whether any configuration file applies to the paths checked, for the `fmlint init` hint.
    let sites = fmlint::site::SiteCache::default();
    let no_config = !cli.isolated
        && cli.config.is_none()
        && cli.paths.iter().all(|p| {
            let probe = if p.is_dir() {
                p.join("_posts").join("_")
            } else {
                p.clone()
            };
            let site = sites.site_for(&probe).as_ref().clone().unwrap_or_default();
            matches!(resolver.config_for(&probe, &site), Ok(None))
        });
    let stdout = std::io::stdout();
    let from_stdin = cli.paths.len() == 1 && cli.paths[0] == Path::new("-");
    let mut opts = Options::new(cli.paths);
    opts.resolver = resolver;
    opts.format = cli.format;
    opts.color = cli.output_file.is_none() && color_for(cli.color, stdout.is_terminal());
    opts.quiet = cli.quiet;
    opts.exit_zero = cli.exit_zero;
    opts.statistics = cli.statistics;
    opts.mode = if cli.fix {
        Mode::Fix
    } else if cli.diff {
        Mode::Diff
    } else {
        Mode::Check
    };
    opts.unsafe_fixes = cli.unsafe_fixes;
    opts.exit_non_zero_on_fix = cli.exit_non_zero_on_fix;
    opts.show_all = cli.show_all;

    // `--output-file`: what would go to standard output is kept, then written atomically.
    let mut report: Vec<u8> = Vec::new();
    let mut stdout = std::io::BufWriter::new(stdout.lock());
    let out: &mut dyn Write = match cli.output_file {
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
            cli.stdin_filename.as_deref(),
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
    if let Some(path) = &cli.output_file {
        if let Err(e) = fmlint::write::write_file(path, &report) {
            let shown = path.display().to_string();
            let _ = writeln!(stderr, "fmlint: cannot write {}: {e}", visible(&shown));
            return 2;
        }
        // The terminal still gets the summary, unless it already went to standard error.
        let summary_shown = opts.mode == Mode::Diff || (from_stdin && opts.mode == Mode::Fix);
        if !opts.quiet && !summary_shown {
            let _ = writeln!(
                stdout,
                "{}",
                fmlint::report::human::summary_line(&outcome.summary)
            );
        }
    }
    // Once, after the summary line, where people read it: not in machine formats, not under
    // `-q` (no summary), not in `--statistics` or the fix modes.
    if cli.format == fmlint::report::Format::Human
        && !opts.quiet
        && !opts.statistics
        && opts.mode == Mode::Check
        && !from_stdin
        && let Some(h) = fmlint::init::hint::no_config_hint(&outcome.summary, no_config)
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
