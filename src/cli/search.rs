//! `goftar search`: one query with readable or JSON output, or a batch of queries as a TREC run.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use goftar::corpus::date::to_iso;
use goftar::index::{
    Scope, SearchError, SearchOptions, SearchRequest, SearchResponse, Searcher, SortOrder,
};

use super::usage_error;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ScopeArg {
    Statements,
    Articles,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SortArg {
    Relevance,
    Date,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A `process` output folder or its index/ folder.
    #[arg(long, value_name = "DIR")]
    index: PathBuf,
    /// The query: words, "phrases", -exclusion, a OR b, speaker:name, role:, topic:, source:.
    query: Option<String>,
    /// What to search.
    #[arg(long, value_enum, default_value = "statements")]
    scope: ScopeArg,
    /// Only statements by this speaker (every word of the name must match).
    #[arg(long)]
    speaker: Option<String>,
    /// Only statements whose speaker's role contains these words.
    #[arg(long)]
    role: Option<String>,
    /// Only results with this topic.
    #[arg(long)]
    topic: Option<String>,
    /// Only results from this source.
    #[arg(long)]
    source: Option<String>,
    /// From this date on (ISO 2024-05-01 or Jalali 1403/02/12).
    #[arg(long)]
    from: Option<String>,
    /// Up to this date (inclusive; ISO or Jalali).
    #[arg(long)]
    to: Option<String>,
    /// Results per page.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Results to skip.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Ranking.
    #[arg(long, value_enum, default_value = "relevance")]
    sort: SortArg,
    /// Print the response as JSON.
    #[arg(long)]
    json: bool,
    /// Run every `query_id<TAB>query` line of this file (batch mode; needs --trec).
    #[arg(long, value_name = "FILE.tsv")]
    queries: Option<PathBuf>,
    /// Print a TREC run: `qid Q0 doc_id rank score goftar`.
    #[arg(long)]
    trec: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let from = match convert_date("--from", args.from.as_deref()) {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    let to = match convert_date("--to", args.to.as_deref()) {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    let template = SearchRequest {
        query: String::new(),
        scope: match args.scope {
            ScopeArg::Statements => Scope::Statements,
            ScopeArg::Articles => Scope::Articles,
        },
        speaker: args.speaker.clone(),
        role: args.role.clone(),
        topic: args.topic.clone(),
        source: args.source.clone(),
        from,
        to,
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            SortArg::Relevance => SortOrder::Relevance,
            SortArg::Date => SortOrder::Date,
        },
    };
    match (&args.queries, args.trec, &args.query) {
        (Some(_), false, _) | (None, true, _) => {
            return Ok(usage_error("--queries and --trec go together"));
        }
        (Some(_), true, Some(_)) => {
            return Ok(usage_error(
                "give either a QUERY or --queries FILE, not both",
            ));
        }
        _ => {}
    }
    let searcher = Searcher::open(&args.index)?;
    if let Some(path) = &args.queries {
        return run_batch(&searcher, path, &template);
    }
    let request = SearchRequest {
        query: args.query.clone().unwrap_or_default(),
        ..template
    };
    let response = match searcher.search(&request) {
        Ok(response) => response,
        Err(SearchError::BadQuery(message) | SearchError::BadParameter(message)) => {
            return Ok(usage_error(message));
        }
        Err(SearchError::Index(e)) => return Err(e),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &response)?;
        writeln!(out)?;
    } else {
        print_readable(&mut out, &request, &response)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// ISO or Jalali in, ISO out; a date that cannot be read is a usage error.
fn convert_date(flag: &str, value: Option<&str>) -> Result<Option<String>, ExitCode> {
    match value {
        None => Ok(None),
        Some(text) => to_iso(text).map(Some).ok_or_else(|| {
            usage_error(format!(
                "{flag} {text:?} is not a date (use 2024-05-01 or 1403/02/12)"
            ))
        }),
    }
}

fn print_readable(
    out: &mut impl Write,
    request: &SearchRequest,
    response: &SearchResponse,
) -> std::io::Result<()> {
    let first = request.offset + 1;
    let last = request.offset + response.hits.len();
    if response.hits.is_empty() {
        writeln!(out, "no results ({:.1} ms)", response.took_ms)?;
    } else {
        writeln!(
            out,
            "{first}–{last} of {} results ({:.1} ms)\n",
            response.total, response.took_ms
        )?;
    }
    for (i, hit) in response.hits.iter().enumerate() {
        let who = match (&hit.speaker, &hit.role) {
            (Some(s), Some(r)) => format!("{s} ({r})"),
            (Some(s), None) => s.clone(),
            _ => hit.title.clone().unwrap_or_default(),
        };
        let when = [hit.date.as_deref(), hit.source.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        writeln!(out, "{}. {who}  [{when}]  {}", first + i, hit.id)?;
        writeln!(out, "   {}\n", hit.snippet.replace('\n', " "))?;
    }
    let facets = [
        ("speakers", &response.facets.speakers),
        ("topics", &response.facets.topics),
        ("sources", &response.facets.sources),
    ];
    for (name, values) in facets {
        if values.is_empty() {
            continue;
        }
        let shown: Vec<String> = values
            .iter()
            .take(8)
            .map(|f| format!("{} ({})", f.value, f.count))
            .collect();
        writeln!(out, "{name}: {}", shown.join(", "))?;
    }
    Ok(())
}

/// Batch mode: one TREC run line per result, queries in file order.
fn run_batch(
    searcher: &Searcher,
    path: &PathBuf,
    template: &SearchRequest,
) -> anyhow::Result<ExitCode> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open the queries file {}", path.display()))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (number, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || (number == 0 && line.starts_with("query_id")) {
            continue;
        }
        let Some((qid, text)) = line.split_once('\t') else {
            eprintln!(
                "goftar: line {}: no TAB between query_id and query; skipped",
                number + 1
            );
            continue;
        };
        let request = SearchRequest {
            query: text.to_string(),
            offset: 0,
            ..template.clone()
        };
        // A run needs only ids and scores.
        let options = SearchOptions {
            facets: false,
            snippets: false,
        };
        match searcher.search_with(&request, options) {
            Ok(response) => {
                for (rank, hit) in response.hits.iter().enumerate() {
                    writeln!(
                        out,
                        "{qid} Q0 {} {} {:.4} goftar",
                        hit.id,
                        rank + 1,
                        hit.score
                    )?;
                }
            }
            Err(SearchError::Index(e)) => return Err(e),
            Err(e) => eprintln!("goftar: query {qid}: {e}; skipped"),
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
