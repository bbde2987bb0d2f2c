//! Command-line definitions (clap), and their translation into a [`Request`]. The only module
//! that knows clap: the library never sees argv, and its types carry no clap derive.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::commands::{self, ColorChoice, Request};
use crate::mode::Mode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Each problem drawn against its source (miette), then a summary line.
    Human,
    /// One JSON document (its shape is in README).
    Json,
    /// GitHub Actions workflow commands (`::error file=…::message`): annotations on the PR.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML, for CI test dashboards.
    Junit,
    /// One line per problem: `PATH:LINE:COL: CODE [name] MESSAGE`.
    Concise,
}

/// `fmlint rules --format`: the table has two shapes (the report formats do not apply).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InspectFormat {
    /// A block per post.
    Human,
    /// One JSON document: `{"version": 1, "posts": [...]}`, field names as the Jekyll oracle's.
    Json,
}

const EXAMPLES: &str = "\
Examples:
  fmlint                          lint every post under the current folder
  fmlint _posts/2021-07-20-a.md   lint one file (named files are always linted)
  fmlint --select FM2 site/       only the date rules
  fmlint --ignore FM6,FM403 .     skip the style rules and the timestamp skew
  fmlint --format json . > out.json
  fmlint --statistics .           count problems per rule
  fmlint --fix .                  apply safe fixes in place
  fmlint --diff .                 show what --fix would change, write nothing
  fmlint - --stdin-filename _posts/2021-07-20-a.md < post.md
  fmlint rules                    the rule table
  fmlint explain FM201            a rule's page
  fmlint config _posts/a.md       the configuration that applies to a post
  fmlint inspect _posts/          how Jekyll will read each post: date, URL, published or why not
  fmlint init                     learn the site's conventions, write them to .fmlint.yml
  fmlint --format github .        annotations in a GitHub Actions job
  fmlint --format sarif --output-file fmlint.sarif .
  fmlint server                   the language server, for editors (LSP over stdio)
  fmlint completions bash         a completion script (bash, zsh, fish, powershell)

Rules: see rules/ in the repository, one page per code (FM201-date-format.md).
Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage, configuration or I/O failure.";

#[derive(Debug, Parser)]
#[command(
    name = "fmlint",
    version,
    about = "Lint the YAML front matter of Jekyll posts",
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the rule table: code, name, default severity, fix.
    Rules {
        #[arg(long, value_enum, default_value_t = TableFormat::Human)]
        format: TableFormat,
    },
    /// Print a rule's page (by code or name), e.g. `fmlint explain FM201`.
    Explain {
        /// A code (FM201) or a name (date-format).
        rule: String,
    },
    /// Print the configuration that applies to a post, and where each value comes from.
    Config {
        /// A post, or a folder (then: a post directly in it).
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Configuration file to use instead of the discovered one.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Ignore every configuration file.
        #[arg(long)]
        isolated: bool,
    },
    /// Print a shell completion script: bash, zsh, fish or powershell.
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff): `fmlint man > ~/.local/share/man/man1/fmlint.1`.
    Man,
    /// Learn the conventions the site's posts keep and write them as `.fmlint.yml` at SITE,
    /// each choice with a comment saying what was seen; then list the posts that depart.
    Init {
        /// The site's folder (where `.fmlint.yml` is written).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// The share of posts a convention needs to be kept: 0.98 keeps what 98 posts in 100 do.
        #[arg(long, value_name = "SHARE", default_value_t = 0.98)]
        min_share: f64,
        /// Replace an existing `.fmlint.yml`.
        #[arg(long)]
        force: bool,
        /// Print the configuration instead of writing it (the summary goes to standard error).
        #[arg(long)]
        stdout: bool,
    },
    /// Show how Jekyll will read each post once `_config.yml` is applied: date, URL day, title,
    /// layout, tags, categories, URL, and whether it is published (and if not, why).
    Inspect {
        /// Posts, or folders to search for posts (excluded ones are shown, marked as such).
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = InspectFormat::Human)]
        format: InspectFormat,
    },
    /// Run the language server (LSP over standard input and output) for editors: the same
    /// diagnostics and fixes as the post is typed. See README, "In the editor".
    Server,
}

/// The default command: check (and fix) posts.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to lint. Folders are searched for posts (files in `_posts/` named
    /// `YYYY-MM-DD-slug.EXT` or ending in .md, .markdown or .html; Markdown, HTML and text
    /// files in `_drafts/`), honouring .gitignore. `-` reads one post from standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Only these rules: codes (FM201), names (date-format) or code prefixes (FM2).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Skip these rules: codes, names or code prefixes.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write the report to FILE (atomically) instead of standard output; the terminal still
    /// gets the summary line.
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Draw every problem even past 200, where the human output otherwise groups them by rule.
    #[arg(long)]
    pub show_all: bool,

    /// When to colour the output. `NO_COLOR` in the environment turns colour off under `auto`.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    /// Print diagnostics only, without the summary line.
    #[arg(short, long)]
    pub quiet: bool,

    /// Exit 0 even when errors are found.
    #[arg(long)]
    pub exit_zero: bool,

    /// Print the number of problems per rule instead of the problems.
    #[arg(long)]
    pub statistics: bool,

    /// Apply safe fixes and rewrite the files in place (atomically).
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// With --fix or --diff, also apply unsafe fixes (they may change a value's meaning).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print a unified diff of what --fix would change; write nothing. Exits 1 if there is a diff.
    #[arg(long)]
    pub diff: bool,

    /// With --fix, exit 1 when any file was changed (what a pre-commit hook wants).
    #[arg(long, requires = "fix")]
    pub exit_non_zero_on_fix: bool,

    /// Where the post read from standard input (`-`) lives, for its site and its messages.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Configuration file to use instead of the discovered `.fmlint.yml` / `_config.yml`'s
    /// `fmlint:` key.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file: the built-in defaults and the command line only.
    #[arg(long)]
    pub isolated: bool,
}

impl From<Color> for ColorChoice {
    fn from(c: Color) -> Self {
        match c {
            Color::Auto => ColorChoice::Auto,
            Color::Always => ColorChoice::Always,
            Color::Never => ColorChoice::Never,
        }
    }
}

impl From<Format> for crate::report::Format {
    fn from(f: Format) -> Self {
        use crate::report::Format as F;
        match f {
            Format::Human => F::Human,
            Format::Json => F::Json,
            Format::Github => F::Github,
            Format::Sarif => F::Sarif,
            Format::Junit => F::Junit,
            Format::Concise => F::Concise,
        }
    }
}

impl From<TableFormat> for commands::TableFormat {
    fn from(f: TableFormat) -> Self {
        match f {
            TableFormat::Human => commands::TableFormat::Human,
            TableFormat::Json => commands::TableFormat::Json,
        }
    }
}

impl From<InspectFormat> for crate::inspect::InspectFormat {
    fn from(f: InspectFormat) -> Self {
        match f {
            InspectFormat::Human => crate::inspect::InspectFormat::Human,
            InspectFormat::Json => crate::inspect::InspectFormat::Json,
        }
    }
}

impl From<CheckArgs> for commands::Check {
    fn from(a: CheckArgs) -> Self {
        commands::Check {
            paths: a.paths,
            select: a.select,
            ignore: a.ignore,
            format: a.format.into(),
            output_file: a.output_file,
            show_all: a.show_all,
            color: a.color.into(),
            quiet: a.quiet,
            exit_zero: a.exit_zero,
            statistics: a.statistics,
            mode: if a.fix {
                Mode::Fix
            } else if a.diff {
                Mode::Diff
            } else {
                Mode::Check
            },
            unsafe_fixes: a.unsafe_fixes,
            exit_non_zero_on_fix: a.exit_non_zero_on_fix,
            stdin_filename: a.stdin_filename,
            config: a.config,
            isolated: a.isolated,
        }
    }
}

impl Cli {
    /// What the command line asks for, in the library's terms.
    pub fn into_request(self) -> Request {
        let Some(command) = self.command else {
            return Request::Check(Box::new(self.check.into()));
        };
        match command {
            Command::Rules { format } => Request::Rules {
                format: format.into(),
            },
            Command::Explain { rule } => Request::Explain { rule },
            Command::Config {
                path,
                config,
                isolated,
            } => Request::Config {
                path,
                config,
                isolated,
            },
            Command::Completions { shell } => Request::Generated {
                what: "the completion script",
                write: Box::new(move |out| {
                    clap_complete::generate(shell, &mut Cli::command(), "fmlint", out);
                    Ok(())
                }),
            },
            Command::Man => Request::Generated {
                what: "the manual page",
                write: Box::new(|out| clap_mangen::Man::new(Cli::command()).render(out)),
            },
            Command::Init {
                site,
                min_share,
                force,
                stdout,
            } => Request::Init(crate::init::Options {
                site,
                min_share,
                force,
                stdout,
            }),
            Command::Inspect { paths, format } => Request::Inspect {
                paths,
                format: format.into(),
            },
            Command::Server => Request::Server,
        }
    }
}
