//! The `process` batch job end to end: output shape, determinism across thread counts, and every
//! kind of bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn goftar() -> Command {
    Command::new(env!("CARGO_BIN_EXE_goftar"))
}

fn corpora() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora")
}

fn run(args: &[&str]) -> Output {
    let out = goftar()
        .args(args)
        .output()
        .expect("the goftar binary runs");
    assert!(
        out.status.code().is_some(),
        "goftar was killed by a signal: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        .lines()
        .map(|l| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{}: bad JSON line {l}: {e}", path.display()))
        })
        .collect()
}

fn process(inputs: &[&str], out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["process"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--out", out.to_str().unwrap(), "--quiet"]);
    args.extend_from_slice(extra);
    run(&args)
}

/// The bodies of the sample corpus's JSONL articles, by id.
fn corpus_bodies() -> std::collections::HashMap<String, String> {
    let mut bodies = std::collections::HashMap::new();
    for entry in std::fs::read_dir(corpora()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "jsonl") {
            for record in read_jsonl(&path) {
                if let (Some(id), Some(body)) = (record["id"].as_str(), record["body"].as_str()) {
                    bodies.insert(id.to_string(), body.to_string());
                }
            }
        }
    }
    bodies
}

#[test]
fn sample_corpus_gives_well_formed_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = process(&[corpora().to_str().unwrap()], dir.path(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let articles = read_jsonl(&dir.path().join("articles.jsonl"));
    assert!(
        articles.len() >= 30,
        "the sample corpus has at least 30 articles, got {}",
        articles.len()
    );
    for a in &articles {
        assert!(
            a["id"].as_str().is_some_and(|s| !s.is_empty()),
            "article without id: {a}"
        );
        let paragraphs = a["paragraphs"].as_array().expect("paragraphs is an array");
        let index = a["paragraph_index"]
            .as_array()
            .expect("paragraph_index is an array");
        assert_eq!(paragraphs.len(), index.len());
        assert!(a["removed"].is_array() && a["topics"].is_array());
        for r in a["removed"].as_array().unwrap() {
            assert!(r["index"].is_u64(), "removal without index: {r}");
            let reason = r["reason"].as_str().unwrap();
            assert!(
                ["duplicate", "near_duplicate", "boilerplate"].contains(&reason),
                "unknown reason {reason}"
            );
        }
        if let Some(date) = a["date"].as_str() {
            assert!(
                date.len() == 10 && date.as_bytes()[4] == b'-',
                "date is not ISO: {date}"
            );
        }
    }
    let by_id: std::collections::HashMap<&str, &Value> = articles
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a))
        .collect();
    let bodies = corpus_bodies();
    let statements = read_jsonl(&dir.path().join("statements.jsonl"));
    for s in &statements {
        for field in ["id", "article_id", "cue", "kind", "text", "normalized"] {
            assert!(
                s[field].is_string(),
                "statement field {field} is not a string: {s}"
            );
        }
        let article_id = s["article_id"].as_str().unwrap();
        let article = by_id[article_id];
        // `normalized` is the span start..end of its normalized paragraph.
        let position = article["paragraph_index"]
            .as_array()
            .unwrap()
            .iter()
            .position(|i| i == &s["paragraph"])
            .expect("a statement's paragraph is kept");
        let paragraph = article["paragraphs"][position].as_str().unwrap();
        let (start, end) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
        assert_eq!(
            paragraph.get(start as usize..end as usize),
            s["normalized"].as_str(),
            "{s}"
        );
        // `text` is copied from the input line, character for character.
        if let Some(body) = bodies.get(article_id) {
            let line = body
                .split('\n')
                .nth(s["paragraph"].as_u64().unwrap() as usize);
            let text = s["text"].as_str().unwrap();
            assert!(!text.is_empty() && line.unwrap().contains(text), "{s}");
        }
        assert!(s["paragraph"].is_u64() && s["confidence"].is_number() && s["topics"].is_array());
        assert!(["direct", "indirect"].contains(&s["kind"].as_str().unwrap()));
    }
    assert!(dir.path().join("errors.jsonl").exists());
    assert!(dir.path().join("speakers.jsonl").exists());
    assert!(dir.path().join("index").is_dir());
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("summary.json")).unwrap())
            .unwrap();
    assert_eq!(summary["articles"].as_u64(), Some(articles.len() as u64));
    assert_eq!(
        summary["statements"].as_u64(),
        Some(statements.len() as u64)
    );
}

#[test]
fn output_is_identical_for_one_and_two_threads() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let corpus = corpora();
    for (dir, threads) in [(&one, "1"), (&two, "2")] {
        let out = process(
            &[corpus.to_str().unwrap()],
            dir.path(),
            &["--threads", threads, "--no-index"],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for name in [
        "articles.jsonl",
        "statements.jsonl",
        "errors.jsonl",
        "speakers.jsonl",
    ] {
        let a = std::fs::read(one.path().join(name)).unwrap();
        let b = std::fs::read(two.path().join(name)).unwrap();
        assert!(a == b, "{name} differs between --threads 1 and --threads 2");
    }
}

/// Every kind of bad record lands in errors.jsonl, and the good records around it survive.
#[test]
fn bad_input_is_reported_and_good_records_survive() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("mixed.jsonl");
    let good = |id: &str| {
        format!(
            r#"{{"id":"{id}","title":"خبر","body":"وزیر نیرو گفت: آب کافی است.\nپاراگراف دوم."}}"#
        )
    };
    let mut bytes = Vec::new();
    for line in [
        good("g1"),
        "{not json".to_string(),
        r#"{"id":"nobody","title":"بدون متن"}"#.to_string(),
        good("g2"),
        r#"{"id":"empty","body":"   "}"#.to_string(),
        r#"{"id":"wrongtype","body":42}"#.to_string(),
    ] {
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(b"{\"id\":\"latin1\",\"body\":\"caf\xe9\"}\n");
    bytes.extend_from_slice(
        format!(
            "{{\"id\":\"huge\",\"body\":\"{}\"}}\n",
            "ا".repeat(5_500_000)
        )
        .as_bytes(),
    );
    bytes.extend_from_slice(good("g3").as_bytes());
    std::fs::write(&input, bytes).unwrap();
    let missing = dir.path().join("missing.jsonl");
    let out_dir = dir.path().join("out");

    let out = process(
        &[input.to_str().unwrap(), missing.to_str().unwrap()],
        &out_dir,
        &["--no-index"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "a run with rejected records still succeeds"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("missing.jsonl"),
        "a warning names the missing file: {stderr}"
    );

    let ids: Vec<String> = read_jsonl(&out_dir.join("articles.jsonl"))
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["g1", "g2", "g3"]);
    let errors = read_jsonl(&out_dir.join("errors.jsonl"));
    let reasons: Vec<(Option<u64>, String)> = errors
        .iter()
        .map(|e| {
            (
                e["line"].as_u64(),
                e["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(errors.len(), 7, "{reasons:?}");
    assert!(reasons[0].1.starts_with("invalid JSON") && reasons[0].0 == Some(2));
    assert_eq!(reasons[1], (Some(3), "no \"body\" field".to_string()));
    assert_eq!(errors[1]["id"], "nobody");
    assert_eq!(reasons[2], (Some(5), "empty body".to_string()));
    assert!(reasons[3].1.contains("must be a string"));
    assert!(reasons[4].1.contains("UTF-8"));
    assert!(reasons[5].1.contains("exceeds the limit") && reasons[5].0 == Some(8));
    assert_eq!(reasons[6], (None, "file not found".to_string()));
    assert!(
        errors[6]["file"]
            .as_str()
            .unwrap()
            .ends_with("missing.jsonl")
    );
}

#[test]
fn stdin_and_text_folders_are_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("txt");
    std::fs::create_dir_all(folder.join("qom")).unwrap();
    std::fs::write(
        folder.join("qom/a.txt"),
        "قم- شهردار قم گفت: کار ادامه دارد.\n\nنظر شما\n",
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let mut child = goftar()
        .args([
            "process",
            "-",
            folder.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
            "--quiet",
            "--no-index",
        ])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("{\"body\":\"متن اول\",\"date\":\"۱۴۰۳/۰۲/۱۲\",\"lang\":\"fa\"}\n".as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let articles = read_jsonl(&out_dir.join("articles.jsonl"));
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["id"], "-:1");
    assert_eq!(articles[0]["date"], "2024-05-01");
    assert_eq!(articles[0]["lang"], "fa", "unknown fields pass through");
    assert_eq!(articles[1]["id"], "qom/a");
}

#[test]
fn usage_and_fatal_errors_have_their_exit_codes() {
    assert_eq!(
        run(&["process"]).status.code(),
        Some(2),
        "no input is a usage error"
    );
    assert_eq!(
        run(&["process", "x.jsonl"]).status.code(),
        Some(2),
        "no --out is a usage error"
    );
    assert_eq!(
        run(&["process", "x", "--out", "o", "--threads", "0"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["--help"]).status.code(), Some(0));

    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "").unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, "{\"body\":\"متن\"}\n").unwrap();
    let out = run(&[
        "process",
        input.to_str().unwrap(),
        "--out",
        blocker.join("out").to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an unwritable output folder is fatal"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot create the output folder"));
}

/// Runs the library pipeline on the sample corpus in small batches, so batches overlap in the
/// pipeline (one prepared while the one before is analysed and the one before that written).
fn pipeline_documents(threads: usize, line_memo_bytes: usize) -> Vec<goftar::model::Document> {
    use goftar::corpus::{self, Input, RecordReader};
    use goftar::pipeline::{Options, Pipeline, VecSink};

    let inputs = [Input::Path(corpora())];
    let mut pipeline = Pipeline::new(Options {
        batch_records: 3,
        line_memo_bytes,
        ..Options::default()
    });
    let mut sink = VecSink::default();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        pipeline.learn_records(RecordReader::new(&inputs, corpus::DEFAULT_MAX_RECORD_BYTES));
        let reader = RecordReader::new(&inputs, corpus::DEFAULT_MAX_RECORD_BYTES);
        pipeline.run_records(reader, &mut sink)
    })
    .unwrap();
    assert!(sink.errors.is_empty(), "{:?}", sink.errors);
    assert_eq!(pipeline.summary().articles as usize, sink.documents.len());
    sink.documents
}

#[test]
fn overlapping_batches_give_the_same_documents_for_any_threads_and_memo() {
    let reference = pipeline_documents(1, 0);
    assert!(reference.len() > 10, "several batches of 3");
    assert!(reference.iter().any(|d| !d.removed.is_empty()));
    assert!(reference.iter().any(|d| !d.statements.is_empty()));
    for (threads, memo) in [(2, 0), (1, 64 << 20), (2, 64 << 20), (2, 4 << 10)] {
        assert!(
            pipeline_documents(threads, memo) == reference,
            "{threads} threads, memo {memo} bytes"
        );
    }
}

#[test]
fn a_failing_sink_stops_the_run_with_its_error() {
    use goftar::corpus::{self, Input, RecordError, RecordReader};
    use goftar::model::Document;
    use goftar::pipeline::{Options, Pipeline, Sink};

    struct FullDisk(usize);
    impl Sink for FullDisk {
        fn document(&mut self, _doc: &Document) -> anyhow::Result<()> {
            self.0 += 1;
            anyhow::ensure!(self.0 < 5, "no space left on device");
            Ok(())
        }
        fn error(&mut self, _error: &RecordError) -> anyhow::Result<()> {
            Ok(())
        }
    }

    let inputs = [Input::Path(corpora())];
    let mut pipeline = Pipeline::new(Options {
        batch_records: 2,
        ..Options::default()
    });
    let reader = RecordReader::new(&inputs, corpus::DEFAULT_MAX_RECORD_BYTES);
    let error = pipeline
        .run_records(reader, &mut FullDisk(0))
        .expect_err("the sink's error ends the run");
    assert!(error.to_string().contains("no space left"), "{error}");
}
