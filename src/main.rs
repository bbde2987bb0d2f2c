use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use fmlint::cli::{Cli, Color};
use fmlint::config::{Selection, Settings};
use fmlint::run::{self, Options};

fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(real_main(cli))
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
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let opts = Options {
        paths: cli.paths,
        settings: Settings {
            selection,
            ..Settings::default()
        },
        format: cli.format,
        color,
        quiet: cli.quiet,
        exit_zero: cli.exit_zero,
        statistics: cli.statistics,
        threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let outcome = match run::run(&opts, &mut out) {
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
    outcome.exit_code(opts.exit_zero) as u8
}
