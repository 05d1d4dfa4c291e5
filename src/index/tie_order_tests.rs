//! Result order on indexes cut into several segments: ties follow input order, pages continue one
//! another, and nothing depends on how the segments were laid out or merged.

use std::path::Path;

use super::writer::IndexBuilder;
use super::{Scope, SearchOptions, SearchRequest, Searcher, SortOrder};
use crate::model::{Document, Paragraph, Statement, StatementKind};

/// Three days out of calendar order, so the date sort has to sort.
const DAYS: [&str; 3] = ["2024-05-01", "2024-05-03", "2024-05-02"];
/// Enough articles to fill several segments at tantivy's smallest writer budget.
const ARTICLES: usize = 4_000;
/// Tantivy's smallest writer memory budget.
const SMALLEST_BUDGET: usize = 15_000_000;

/// Article `n`: 120 words (a few of its own, the rest shared by every article, so a shared word
/// scores alike everywhere), on one of three days or undated (every tenth), with two statements
/// quoting its paragraph.
fn tie_article(n: usize) -> Document {
    let words: Vec<String> = (0..120)
        .map(|w| match w % 4 {
            0 => format!("w{n}x{w}"),
            _ => format!("common{w}"),
        })
        .collect();
    let text = words.join(" ");
    let id = format!("a{n}");
    let statements = (0..2)
        .map(|ordinal| Statement {
            id: Statement::make_id(&id, 0, ordinal),
            article_id: id.clone(),
            paragraph: 0,
            speaker: Some("گوینده".to_string()),
            role: None,
            cue: "گفت".to_string(),
            kind: StatementKind::Direct,
            quote: String::new(),
            text: text.clone(),
            start: 0,
            end: text.len(),
            confidence: 0.9,
            topics: Vec::new(),
        })
        .collect();
    Document {
        date: (n % 10 != 9).then(|| DAYS[n % 3].to_string()),
        paragraphs: vec![Paragraph { index: 0, text }],
        statements,
        id,
        ..Document::default()
    }
}

/// How the index of the same articles is laid out.
#[derive(Debug, Clone, Copy)]
enum Layout {
    /// The default budgets hold every document: one segment, addresses in input order.
    OneSegment,
    /// The smallest budgets: several segments, merged latest first (addresses against input order).
    SegmentsMergedBackwards,
}

impl Layout {
    /// A builder for `index_dir` with the budgets this layout needs.
    fn builder(self, index_dir: &Path) -> IndexBuilder {
        match self {
            Layout::OneSegment => IndexBuilder::create(index_dir),
            Layout::SegmentsMergedBackwards => {
                IndexBuilder::with_budgets(index_dir, SMALLEST_BUDGET, SMALLEST_BUDGET)
            }
        }
        .expect("builder")
    }

    /// Finishes `builder` (merging its segments latest first when the layout asks for it, each
    /// index having at least `min_segments`) and opens the index in `dir`.
    fn finish(self, mut builder: IndexBuilder, min_segments: usize, dir: &Path) -> Searcher {
        if let Layout::SegmentsMergedBackwards = self {
            let segments = builder.merge_latest_first();
            assert!(
                segments.iter().all(|&count| count >= min_segments),
                "the test needs several segments per index, got {segments:?}"
            );
        }
        builder.finish().expect("finish");
        Searcher::open(dir).expect("open")
    }
}

fn build(layout: Layout) -> (tempfile::TempDir, Searcher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let index_dir = dir.path().join("index");
    let mut builder = layout.builder(&index_dir);
    for n in 0..ARTICLES {
        builder.add(&tie_article(n)).expect("add");
    }
    let searcher = layout.finish(builder, 3, dir.path());
    (dir, searcher)
}

/// Asserts that `a` and `b` answer alike (totals, hits, facets) for every query in both scopes and
/// sorts, at each of `offsets`, `limit` hits a page.
fn assert_same_results(
    a: &Searcher,
    b: &Searcher,
    queries: &[&str],
    offsets: &[usize],
    limit: usize,
) {
    for scope in [Scope::Statements, Scope::Articles] {
        for sort in [SortOrder::Relevance, SortOrder::Date] {
            for &query in queries {
                for &offset in offsets {
                    let request = request(query, scope, sort, offset, limit);
                    let from_a = a.search(&request).expect("search");
                    let from_b = b.search(&request).expect("search");
                    assert_eq!(from_a.total, from_b.total, "{request:?}");
                    assert_eq!(from_a.hits, from_b.hits, "{request:?}");
                    assert_eq!(from_a.facets, from_b.facets, "{request:?}");
                }
            }
        }
    }
}

fn request(
    query: &str,
    scope: Scope,
    sort: SortOrder,
    offset: usize,
    limit: usize,
) -> SearchRequest {
    SearchRequest {
        query: query.to_string(),
        scope,
        sort,
        offset,
        limit,
        ..SearchRequest::default()
    }
}

fn ids(searcher: &Searcher, request: &SearchRequest) -> Vec<String> {
    let options = SearchOptions {
        facets: false,
        snippets: false,
    };
    let response = searcher.search_with(request, options).expect("search");
    response.hits.into_iter().map(|hit| hit.id).collect()
}

/// The ids of `scope` in input order (statements: every article's two, article by article).
fn input_order(scope: Scope, articles: impl Iterator<Item = usize>) -> Vec<String> {
    articles
        .flat_map(|n| match scope {
            Scope::Articles => vec![format!("a{n}")],
            Scope::Statements => (0..2).map(|i| format!("a{n}:0:{i}")).collect(),
        })
        .collect()
}

/// Newest day first, undated last, each day's articles in input order.
fn date_order() -> Vec<usize> {
    let mut articles: Vec<usize> = (0..ARTICLES).collect();
    articles.sort_by_key(|&n| (std::cmp::Reverse(tie_article(n).date), n));
    let undated = articles.iter().take_while(|&&n| n % 10 == 9).count();
    articles.rotate_left(undated);
    articles
}

/// A word every document has once, at the same length: every match ties.
const TIED_WORD: &str = "common1";
/// Two such words: ties again, through the closeness re-ranking.
const TIED_PAIR: &str = "common1 common2";

#[test]
fn ties_follow_input_order_whatever_the_segments() {
    let (_dir, searcher) = build(Layout::SegmentsMergedBackwards);
    for scope in [Scope::Statements, Scope::Articles] {
        let limit = 300;
        for query in [TIED_WORD, TIED_PAIR] {
            let relevance = request(query, scope, SortOrder::Relevance, 0, limit);
            let response = searcher.search(&relevance).expect("search");
            let first_score = response.hits[0].score;
            assert!(response.hits.iter().all(|hit| hit.score == first_score));
            let expected = input_order(scope, 0..ARTICLES);
            assert_eq!(
                ids(&searcher, &relevance),
                expected[..limit],
                "{scope:?} {query}"
            );
        }
        let expected = input_order(scope, date_order().into_iter());
        for query in ["", TIED_WORD] {
            let by_date = request(query, scope, SortOrder::Date, 0, limit);
            assert_eq!(
                ids(&searcher, &by_date),
                expected[..limit],
                "{scope:?} {query:?}"
            );
            let last_page = request(query, scope, SortOrder::Date, expected.len() - 20, 20);
            assert_eq!(ids(&searcher, &last_page), expected[expected.len() - 20..]);
        }
    }
}

#[test]
fn each_page_continues_the_one_before_across_a_tie_run() {
    let (_dir, searcher) = build(Layout::SegmentsMergedBackwards);
    let page_size = 7;
    for scope in [Scope::Statements, Scope::Articles] {
        for (query, sort) in [
            (TIED_WORD, SortOrder::Relevance),
            (TIED_PAIR, SortOrder::Relevance),
            ("", SortOrder::Date),
        ] {
            // Through the end of the closeness candidates (200) and past it.
            let pages = 40;
            let whole = ids(
                &searcher,
                &request(query, scope, sort, 0, page_size * pages),
            );
            let paged: Vec<String> = (0..pages)
                .flat_map(|page| {
                    let offset = page * page_size;
                    ids(&searcher, &request(query, scope, sort, offset, page_size))
                })
                .collect();
            assert_eq!(paged, whole, "{scope:?} {query:?} {sort:?}");
        }
    }
}

#[test]
fn results_do_not_depend_on_the_segment_layout() {
    let (_one_dir, one_segment) = build(Layout::OneSegment);
    let (_many_dir, many_segments) = build(Layout::SegmentsMergedBackwards);
    let queries = [
        "",
        TIED_WORD,
        TIED_PAIR,
        "w17x4 OR common5",
        "common9 -w3x0",
    ];
    assert_same_results(&one_segment, &many_segments, &queries, &[0, 195, 3_990], 50);
    let article = |searcher: &Searcher| searcher.article("a2345").expect("article");
    assert_eq!(article(&one_segment), article(&many_segments));
}

/// Syllables of the made-up words synthetic news is written in.
const SYLLABLES: [&str; 12] = [
    "با", "را", "کا", "نو", "سر", "ده", "مه", "زی", "لو", "تر", "پا", "شی",
];

/// `count` made-up words for slot `salt`, the same on every call.
fn made_up_words(salt: u64, count: usize) -> String {
    (0..count as u64)
        .map(|i| {
            let hash = xxhash_rust::xxh3::xxh3_64(&(salt * 1_000 + i).to_le_bytes()) as usize;
            let syllables = 2 + hash % 2;
            (0..syllables)
                .map(|s| SYLLABLES[(hash >> (8 * (s + 1))) % SYLLABLES.len()])
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Raw news article `n` for the whole pipeline: a report opener, a quoted minister, a closing
/// paragraph; of one of three days or undated.
fn news_article(n: usize) -> crate::model::Article {
    let salt = n as u64 * 3;
    let body = [
        format!("به گزارش ایرنا، {} کد{n}.", made_up_words(salt, 40)),
        format!("وزیر نیرو گفت: «{}».", made_up_words(salt + 1, 30)),
        format!("{} شماره{n}.", made_up_words(salt + 2, 40)),
    ]
    .join("\n");
    crate::model::Article {
        id: format!("n{n}"),
        title: Some(made_up_words(salt + 2, 5)),
        date: (n % 10 != 9).then(|| DAYS[n % 3].to_string()),
        source: Some(["ایرنا", "مهر"][n % 2].to_string()),
        body,
        ..crate::model::Article::default()
    }
}

/// The index a `process` run with `threads` rayon threads writes for the synthetic news, laid out
/// as `layout` says.
fn process(threads: usize, layout: Layout) -> (tempfile::TempDir, Searcher) {
    use crate::corpus::RecordError;
    use crate::pipeline::{Options, Pipeline, Sink};

    struct IndexSink(IndexBuilder);
    impl Sink for IndexSink {
        fn document(&mut self, doc: &Document) -> anyhow::Result<()> {
            self.0.add(doc)
        }
        fn error(&mut self, _error: &RecordError) -> anyhow::Result<()> {
            Ok(())
        }
    }

    let dir = tempfile::tempdir().expect("temp dir");
    let index_dir = dir.path().join("index");
    let mut sink = IndexSink(layout.builder(&index_dir));
    let articles: Vec<_> = (0..ARTICLES).map(news_article).collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let mut pipeline = Pipeline::new(Options::default());
    pool.install(|| pipeline.run_articles(articles, &mut sink))
        .expect("pipeline");
    let searcher = layout.finish(sink.0, 2, dir.path());
    (dir, searcher)
}

/// `goftar process --threads 1` and `--threads 2` can leave the same documents at different
/// addresses (here: one segment against several merged latest first); searches must not tell.
#[test]
fn one_and_two_threads_give_the_same_results() {
    let (_one_dir, one_thread) = process(1, Layout::OneSegment);
    let (_two_dir, two_threads) = process(2, Layout::SegmentsMergedBackwards);
    let words = made_up_words(7, 3);
    let phrase = format!("\"{}\"", made_up_words(4, 2));
    // Every document, a word in each, three words, a phrase, a filter: long tie runs and short.
    let queries = ["", "وزیر", "ایرنا", &words, &phrase, "source:مهر وزیر"];
    assert_same_results(&one_thread, &two_threads, &queries, &[0, 195, 1_000], 30);
    for id in ["n0", "n1234", "n3999"] {
        let one = one_thread.article(id).expect("article");
        assert!(
            one.as_ref().is_some_and(|a| !a.statements.is_empty()),
            "{id}"
        );
        assert_eq!(one, two_threads.article(id).expect("article"), "{id}");
    }
}
