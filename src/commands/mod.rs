//! What each command does with standard output, standard error and the exit code: the policy
//! between the command line (`cli`, which only translates argv into a [`Request`]) and the
//! library modules that do the work and render it.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use crate::config::error::ConfigError;
use crate::config::resolve::{CliRules, Resolver};
use crate::inspect::InspectFormat;
use crate::report;
use crate::visible::visible;

pub mod check;
pub mod info;
mod init;
mod inspect;

pub use check::Check;
pub use info::TableFormat;

/// Writes text the command line produces about itself (a completion script, the manual page).
pub type Generate = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()>>;

/// One invocation of `fmlint`, in the library's terms.
pub enum Request {
    /// The default command: check (and fix) posts.
    Check(Box<Check>),
    Rules {
        format: TableFormat,
    },
    Explain {
        rule: String,
    },
    Config {
        path: PathBuf,
        config: Option<PathBuf>,
        isolated: bool,
    },
    Init(crate::init::Options),
    Inspect {
        paths: Vec<PathBuf>,
        format: InspectFormat,
    },
    Server,
    Generated {
        /// What is written, for the message when writing fails: "the manual page".
        what: &'static str,
        write: Generate,
    },
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream: `auto` colours a terminal unless `NO_COLOR` is set and
    /// not empty.
    pub fn colors(self, stream_is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Runs one invocation; returns the exit code.
pub fn run(request: Request) -> u8 {
    match request {
        Request::Check(check) => check::run(*check),
        // The server writes standard output from its own thread: it must not be locked here.
        Request::Server => crate::server::run(),
        other => print(other, &mut io::stdout().lock()),
    }
}

/// The commands that print something and are done.
fn print(request: Request, out: &mut dyn Write) -> u8 {
    match request {
        Request::Check(_) | Request::Server => unreachable!("not a printing command"),
        Request::Rules { format } => {
            let _ = out.write_all(info::rules_table(format).as_bytes());
            0
        }
        Request::Explain { rule } => match info::explain(&rule) {
            Ok(page) => {
                let _ = out.write_all(page.as_bytes());
                0
            }
            Err(e) => {
                eprintln!("fmlint: {}", visible(&e));
                2
            }
        },
        Request::Config {
            path,
            config,
            isolated,
        } => {
            let resolver = match Resolver::new(config.as_deref(), isolated, CliRules::default()) {
                Ok(r) => r,
                Err(errors) => return print_config_errors(&errors),
            };
            match info::config_report(&path, &resolver) {
                Ok(text) => {
                    let _ = out.write_all(visible(&text).as_bytes());
                    0
                }
                Err(errors) => print_config_errors(&errors),
            }
        }
        Request::Init(opts) => init::run(&opts, out, &mut io::stderr()),
        Request::Inspect { paths, format } => inspect::run(&paths, format, out),
        Request::Generated { what, write } => match write(out) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("fmlint: cannot write {what}: {e}");
                2
            }
        },
    }
}

/// Prints configuration errors to standard error; returns the exit code they mean.
fn print_config_errors(errors: &[ConfigError]) -> u8 {
    let color = ColorChoice::Auto.colors(io::stderr().is_terminal());
    let mut err = io::stderr().lock();
    for e in errors {
        let _ = write!(err, "{}", report::config_error::render(e, color));
    }
    let _ = writeln!(
        err,
        "fmlint: the configuration has {} error(s); nothing was checked with it",
        errors.len()
    );
    2
}
