//! Argument parsing and printing only; the work is in the library.

mod lexicon;
mod normalize;
mod process;
mod search;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// goftar (گفتار): Persian news in, a searchable record of who said what out.
#[derive(Debug, Parser)]
#[command(name = "goftar", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the whole pipeline on a corpus: normalize, de-duplicate, extract statements and topics, index.
    Process(process::Args),
    /// Normalize Persian text line by line (stdin to stdout when no file is given).
    Normalize(normalize::Args),
    /// Search an index written by `process`.
    Search(search::Args),
    /// Serve the search API and web page.
    Serve(serve::Args),
    /// Rebuild the embedded lexicons from the shared data.
    Lexicon(lexicon::Args),
}

/// Exit codes: 0 the run completed (even with rejected records), 1 fatal I/O or runtime error,
/// 2 usage error.
pub const EXIT_FATAL: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

pub fn main() -> ExitCode {
    init_logging();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Process(args) => process::run(args),
        Command::Normalize(args) => normalize::run(args),
        Command::Search(args) => search::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Lexicon(args) => lexicon::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("goftar: error: {e:#}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}

/// Logs go to stderr; `RUST_LOG` sets the level (default: warnings).
fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

/// A usage error: printed like clap's, exit code 2.
pub fn usage_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("goftar: error: {message}");
    ExitCode::from(EXIT_USAGE)
}
