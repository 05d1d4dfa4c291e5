//! SKELETON: the server owner fills in `goftar serve`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A `process` output folder or its index/ folder.
    #[arg(long, value_name = "DIR")]
    index: PathBuf,
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    goftar::server::serve(&args.index, args.addr)?;
    Ok(ExitCode::SUCCESS)
}
