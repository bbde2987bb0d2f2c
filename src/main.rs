use std::process::ExitCode;

use clap::Parser;
use fmlint::cli::Cli;

// Each post makes and drops a few hundred small strings and vectors (the YAML events, the
// model, the diagnostics); mimalloc's per-thread free lists serve them in a fraction of the
// instructions glibc's malloc takes.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    fmlint::process::prefer_small_pages();
    fmlint::process::return_memory_promptly();
    ExitCode::from(fmlint::commands::run(Cli::parse().into_request()))
}
