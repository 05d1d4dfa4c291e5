use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use goftar::corpus::{self, Input, RecordReader};
use goftar::output::OutputDir;
use goftar::{Options, Pipeline};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  goftar process corpora --out out\n  zcat news.jsonl.gz | goftar process - --out out --threads 2"
)]
pub struct Args {
    /// JSONL files (.jsonl, .jsonl.gz), folders (searched recursively; .txt = one article per file),
    /// or - for JSONL on stdin.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Output folder (created if missing; its files are replaced).
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// No progress bar and no summary.
    #[arg(long, short)]
    quiet: bool,
    /// Report duplicate paragraphs but keep them in the output.
    #[arg(long)]
    keep_duplicates: bool,
    /// Jaccard similarity at or above which a paragraph is a near duplicate.
    #[arg(long, value_name = "J", default_value_t = 0.8)]
    similarity: f64,
    /// Do not build the search index.
    #[arg(long)]
    no_index: bool,
    /// Skip the first pass that learns each source's page furniture (recurring short lines); it is
    /// then learned while streaming, as it is for stdin.
    #[arg(long)]
    no_learn: bool,
    /// Memory for remembering earlier paragraphs to find their copies, in MiB (fractions allowed).
    /// When it is full, the oldest half is forgotten (a warning says up to which article): copies
    /// of paragraphs further back are then kept. The default covers a corpus of a few GB of text.
    #[arg(long, value_name = "MiB", default_value_t = (goftar::dedup::DEFAULT_MAX_MEMORY_BYTES >> 20) as f64)]
    dedup_memory: f64,
    /// Reject records (JSONL lines or .txt files) longer than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = corpus::DEFAULT_MAX_RECORD_BYTES)]
    max_record_bytes: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.threads == Some(0) {
        return Ok(super::usage_error("--threads must be at least 1"));
    }
    if !(0.0..=1.0).contains(&args.similarity) || args.similarity == 0.0 {
        return Ok(super::usage_error("--similarity must be in (0, 1]"));
    }
    if !(args.dedup_memory.is_finite() && args.dedup_memory > 0.0) {
        return Ok(super::usage_error(
            "--dedup-memory must be a positive number of MiB",
        ));
    }
    let inputs: Vec<Input> = args.inputs.iter().map(|a| Input::parse(a)).collect();
    if inputs.iter().filter(|i| **i == Input::Stdin).count() > 1 {
        return Ok(super::usage_error("stdin (-) can be given only once"));
    }
    let pool = {
        let mut builder = rayon::ThreadPoolBuilder::new();
        if let Some(n) = args.threads {
            builder = builder.num_threads(n);
        }
        builder.build()?
    };

    let mut options = Options::default();
    options.dedup.keep_duplicates = args.keep_duplicates;
    options.dedup.threshold = args.similarity;
    // Saturates: a cap beyond the address space is no cap.
    options.dedup.max_memory_bytes = (args.dedup_memory * f64::from(1 << 20)) as usize;

    let mut out = OutputDir::create(&args.out, !args.no_index)?;
    let show_progress = !args.quiet && std::io::stderr().is_terminal();
    let bar = if show_progress {
        let total: Option<u64> = inputs.iter().map(Input::size_hint).sum();
        let bar = match total {
            Some(total) => ProgressBar::new(total),
            None => ProgressBar::new_spinner(),
        };
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, {eta}) {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let handle = bar.clone();
        out.on_progress(move |bytes| handle.inc(bytes));
        Some(bar)
    } else {
        None
    };

    let mut pipeline = Pipeline::new(options);
    if inputs.iter().all(Input::rereadable) && !args.no_learn {
        // Learning page furniture first lets the main pass remove it from the first article on;
        // stdin cannot be read twice, so there furniture is learned while streaming.
        if let Some(bar) = &bar {
            bar.set_message("learning page furniture");
        }
        let reader = RecordReader::new(&inputs, args.max_record_bytes);
        pool.install(|| pipeline.learn_records(reader));
        if let Some(bar) = &bar {
            bar.set_message("");
        }
    }
    let reader = RecordReader::new(&inputs, args.max_record_bytes);
    pool.install(|| pipeline.run_records(reader, &mut out))?;
    let finishing = std::time::Instant::now();
    out.finish(pipeline.speakers(), pipeline.summary())?;
    tracing::debug!("output finished in {:?}", finishing.elapsed());
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }

    if !args.quiet {
        let s = pipeline.summary();
        let removed: Vec<String> = s
            .removed
            .iter()
            .map(|(reason, n)| format!("{n} {reason}"))
            .collect();
        eprintln!(
            "goftar: {} articles in, {} out ({} rejected, {} syndicated copies); {} statements; \
             {} paragraphs, {} kept, removed: {}; {:.1} MB in {:.2} s ({:.1} MB/s) → {}",
            s.records,
            s.articles,
            s.rejected,
            s.syndicated_copies,
            s.statements,
            s.paragraphs,
            s.paragraphs_kept,
            if removed.is_empty() {
                "none".to_string()
            } else {
                removed.join(", ")
            },
            s.input_bytes as f64 / 1e6,
            s.wall_time.as_secs_f64(),
            s.mb_per_second(),
            args.out.display()
        );
        if s.rejected > 0 {
            eprintln!(
                "goftar: {} records rejected; see {}",
                s.rejected,
                args.out.join("errors.jsonl").display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
