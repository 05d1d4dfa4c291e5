//! SKELETON: the index owner fills in `goftar search`.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A `process` output folder or its index/ folder.
    #[arg(long, value_name = "DIR")]
    index: PathBuf,
    /// The query.
    query: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let searcher = goftar::index::Searcher::open(&args.index)?;
    let request = goftar::index::SearchRequest {
        query: args.query.unwrap_or_default(),
        limit: 10,
        ..Default::default()
    };
    let response = searcher.search(&request)?;
    println!("{}", serde_json::to_string_pretty(&response)?);
    Ok(ExitCode::SUCCESS)
}
