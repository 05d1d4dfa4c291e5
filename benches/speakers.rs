//! Throughput of statement extraction on normalized documents (bytes of paragraph text per
//! second). Reads the shared dev articles when present, else a built-in synthetic article.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use goftar::normalize;
use goftar::pipeline::prepare;
use goftar::{Article, Document};

const SYNTHETIC: &str = "به گزارش خبرگزاری ایرنا، رضا کریمی مدیرکل بهزیستی استان یزد با اشاره به اجرای طرح جدید اظهار کرد: طرح جدید از ماه آینده در همه شهرستان‌ها اجرا می‌شود و بودجه آن تأمین شده است.
وی با بیان اینکه ثبت‌نام اینترنتی است، افزود: متقاضیان می‌توانند تا پایان ماه ثبت‌نام کنند.
کریمی از افزایش ۲۰ درصدی مستمری‌ها خبر داد و گفت: این افزایش از فروردین اعمال می‌شود.
مراسم افتتاحیه با حضور مسئولان استانی برگزار شد و گزارشی از عملکرد سال گذشته ارائه شد.
به گفته وی، پوشش بیمه‌ای مددجویان نیز افزایش می‌یابد.";

fn corpus() -> Vec<Document> {
    // `../shared` from the repository root; a git worktree sits one level deeper.
    let root = env!("CARGO_MANIFEST_DIR");
    let articles: Vec<Article> = ["/../shared", "/../../shared"]
        .iter()
        .map(|up| format!("{root}{up}/data/gold/speakers_dev_articles.jsonl"))
        .find_map(|path| std::fs::read_to_string(path).ok())
        .map(|s| {
            s.lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect()
        })
        .unwrap_or_default();
    let articles = if articles.is_empty() {
        (0..50)
            .map(|i| Article {
                id: format!("s{i}"),
                body: SYNTHETIC.to_string(),
                ..Article::default()
            })
            .collect()
    } else {
        articles
    };
    let config = normalize::Config::default();
    articles.into_iter().map(|a| prepare(a, &config)).collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs
        .iter()
        .flat_map(|d| d.paragraphs.iter())
        .map(|p| p.text.len())
        .sum();
    let mut group = c.benchmark_group("speakers");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("extract", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(goftar::speakers::extract(black_box(d)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
