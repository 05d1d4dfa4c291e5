//! `goftar serve`: the HTTP search API and web page.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use goftar::server::{Limits, ServerConfig};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A `process` output folder or its index/ folder.
    #[arg(long, value_name = "DIR")]
    index: PathBuf,
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Allow browser pages from this origin (e.g. https://news.example) to call the API; repeat for
    /// more, `*` for any. Off by default.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    cors_origins: Vec<String>,
    /// Most hits one page may ask for.
    #[arg(long, default_value_t = Limits::default().max_limit, value_name = "N")]
    max_limit: usize,
    /// Longest query accepted, in characters.
    #[arg(long, default_value_t = Limits::default().max_query_chars, value_name = "N")]
    max_query_chars: usize,
    /// Milliseconds a search may run before the client gets a 503.
    #[arg(long, default_value_t = 5000, value_name = "MS")]
    search_timeout_ms: u64,
    /// Search answers kept in memory for repeated queries (0 turns the cache off).
    #[arg(long, default_value_t = ServerConfig::default().cache_entries, value_name = "N")]
    cache_entries: usize,
    /// Searches run at once; more wait their turn.
    #[arg(long, default_value_t = ServerConfig::default().engine_threads, value_name = "N")]
    engine_threads: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.max_limit == 0
        || args.max_query_chars == 0
        || args.search_timeout_ms == 0
        || args.engine_threads == 0
    {
        return Ok(super::usage_error(
            "--max-limit, --max-query-chars, --search-timeout-ms and --engine-threads must be positive",
        ));
    }
    let engine_timeout = Duration::from_millis(args.search_timeout_ms);
    let config = ServerConfig {
        addr: args.addr,
        cors_origins: args.cors_origins,
        cache_entries: args.cache_entries,
        engine_threads: args.engine_threads,
        engine_timeout,
        request_timeout: engine_timeout + Duration::from_secs(5),
        limits: Limits {
            max_limit: args.max_limit,
            default_limit: Limits::default().default_limit.min(args.max_limit),
            max_query_chars: args.max_query_chars,
            ..Limits::default()
        },
    };
    goftar::server::serve_with(&args.index, &config)?;
    Ok(ExitCode::SUCCESS)
}
