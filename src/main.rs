use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use fmlint::cli::{Cli, Color};
use fmlint::config::{Selection, Settings};
use fmlint::run::{self, Mode, Options};

fn main() -> ExitCode {
    ExitCode::from(real_main(Cli::parse()))
}

fn real_main(cli: Cli) -> u8 {
    let mut stderr = std::io::stderr();
    let selection = match Selection::from_selectors(&cli.select, &cli.ignore) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(stderr, "fmlint: {e}");
            return 2;
        }
    };
    if let Some(path) = &cli.config {
        if let Err(e) = std::fs::metadata(path) {
            let _ = writeln!(stderr, "fmlint: --config {}: {e}", path.display());
            return 2;
        }
        let _ = writeln!(
            stderr,
            "fmlint: note: --config is accepted but not yet read; the built-in defaults apply"
        );
    }
    let stdout = std::io::stdout();
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let from_stdin = cli.paths.len() == 1 && cli.paths[0] == Path::new("-");
    let mut opts = Options::new(cli.paths);
    opts.settings = Settings {
        selection,
        ..Settings::default()
    };
    opts.format = cli.format;
    opts.color = color;
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

    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = if from_stdin {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            let _ = writeln!(stderr, "fmlint: cannot read standard input: {e}");
            return 2;
        }
        run::run_stdin(
            &opts,
            bytes,
            cli.stdin_filename.as_deref(),
            &mut out,
            &mut stderr,
        )
    } else {
        run::run(&opts, &mut out, &mut stderr)
    };
    let outcome = match result {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(stderr, "fmlint: cannot write the report: {e}");
            return 2;
        }
    };
    if out.flush().is_err() {
        return 2;
    }
    for e in &outcome.run_errors {
        let _ = writeln!(stderr, "fmlint: error: {e}");
    }
    outcome.exit_code(&opts) as u8
}
