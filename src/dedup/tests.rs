//! Behaviour of the whole stage on small documents.

use super::*;
use crate::model::{Document, Paragraph, RemovalReason};

fn doc(id: &str, source: &str, lines: &[&str]) -> Document {
    Document {
        id: id.to_string(),
        source: Some(source.to_string()),
        paragraphs: lines
            .iter()
            .enumerate()
            .map(|(index, t)| Paragraph {
                index,
                text: t.to_string(),
            })
            .collect(),
        ..Document::default()
    }
}

fn run(deduper: &mut Deduper, mut d: Document) -> Document {
    let prints = fingerprint(&d);
    deduper.decide(&mut d, &prints);
    d
}

const FIRST: &str = "به گزارش خبرگزاری مهر، فرامرز عظیمی شهردار کلانشهر قم با اشاره به تأثیر اجرای برنامه‌های شهری با رویکرد محله‌محور اظهار کرد: محلات، ستون‌های اصلی ساختار اجتماعی و فرهنگی شهر هستند.";
const SECOND: &str = "عظیمی با تأکید بر لزوم استفاده از ظرفیت اقوام، گروه‌ها و فعالان اجتماعی در اداره محلات گفت: شهر برای مردم است و تصمیم‌گیری‌ها باید بر پایه نظر و نیاز آنان انجام شود.";
const LEAD: &str = "قم- شهردار قم گفت: در دوره جدید مدیریت شهری، نگاه شهرداری قم حرکت از مدیریت متمرکز به سمت مدیریت محله‌محور است.";
const THIRD: &str = "وی در ادامه افزود: در سال ۱۴۰۲ بیش از ۱۲۰ پروژه عمرانی در محلات مختلف شهر قم اجرا شد و ۳۰ پروژه دیگر در دست اجراست.";

#[test]
fn repeated_paragraph_and_furniture_go_but_the_lead_stays() {
    let mut deduper = Deduper::new(Config::default());
    let d = run(
        &mut deduper,
        doc("a", "mehr", &[FIRST, SECOND, LEAD, FIRST, "نظر شما"]),
    );
    let kept: Vec<usize> = d.paragraphs.iter().map(|p| p.index).collect();
    assert_eq!(kept, [0, 1, 2]);
    assert_eq!(d.removed.len(), 2);
    assert_eq!(d.removed[0].index, 3);
    assert_eq!(d.removed[0].reason, RemovalReason::Duplicate);
    let original = d.removed[0].duplicate_of.as_ref().unwrap();
    assert_eq!((original.article_id.as_str(), original.index), ("a", 0));
    assert_eq!(d.removed[1].reason, RemovalReason::Boilerplate);
    assert_eq!(d.removed[1].text, "نظر شما");
    assert!(d.duplicate_of.is_none());
}

#[test]
fn retyped_copy_in_another_article_is_a_duplicate() {
    let mut deduper = Deduper::new(Config::default());
    run(&mut deduper, doc("a", "mehr", &[FIRST, SECOND]));
    let retyped = "به گزارش خبرگزاري مهر فرامرز عظيمي شهردار كلانشهر قم با اشاره به تأثير اجراي برنامه هاي شهري با رويكرد محلهمحور اظهار كرد: محلات ستونهاي اصلي ساختار اجتماعي و فرهنگي شهر هستند";
    let d = run(&mut deduper, doc("b", "isna", &[LEAD, retyped]));
    assert_eq!(d.paragraphs.len(), 1);
    assert_eq!(d.removed[0].reason, RemovalReason::Duplicate);
    assert_eq!(d.removed[0].duplicate_of.as_ref().unwrap().article_id, "a");
}

#[test]
fn copy_with_dropped_words_is_a_near_duplicate() {
    let mut deduper = Deduper::new(Config::default());
    run(&mut deduper, doc("a", "mehr", &[FIRST, SECOND]));
    let dropped = "عظیمی با تأکید بر لزوم استفاده از ظرفیت اقوام، گروه ها و فعالان در اداره محلات گفت: شهر برای مردم است و تصمیم گیری ها باید بر پایه نظر و نیاز آنان انجام شود.";
    let d = run(&mut deduper, doc("b", "isna", &[LEAD, dropped]));
    assert_eq!(d.removed.len(), 1);
    let removal = &d.removed[0];
    assert_eq!(removal.reason, RemovalReason::NearDuplicate);
    assert!(removal.similarity.unwrap() >= 0.8);
    assert_eq!(removal.duplicate_of.as_ref().unwrap().index, 1);
}

#[test]
fn changed_figure_negation_or_name_is_kept() {
    let mut deduper = Deduper::new(Config::default());
    run(&mut deduper, doc("a", "mehr", &[THIRD, SECOND]));
    let figure = THIRD.replace("۱۲۰", "۱۲۵");
    let negated = SECOND.replace("انجام شود", "انجام نشود");
    let renamed = SECOND.replace("عظیمی", "محمودی");
    let d = run(
        &mut deduper,
        doc("b", "mehr", &[&figure, &negated, &renamed]),
    );
    assert!(d.removed.is_empty(), "{:?}", d.removed);
}

#[test]
fn short_lines_are_only_exact_copies_inside_an_article() {
    let mut deduper = Deduper::new(Config::default());
    run(
        &mut deduper,
        doc("a", "varzesh3", &[FIRST, "شرح بازی:", "کارت زرد"]),
    );
    let d = run(
        &mut deduper,
        doc(
            "b",
            "varzesh3",
            &[SECOND, "شرح بازی:", "کارت زرد", "کارت زرد"],
        ),
    );
    assert!(d.removed.is_empty(), "{:?}", d.removed);
}

#[test]
fn keep_duplicates_reports_but_keeps() {
    let config = Config {
        keep_duplicates: true,
        ..Config::default()
    };
    let mut deduper = Deduper::new(config);
    let d = run(
        &mut deduper,
        doc("a", "mehr", &[FIRST, FIRST, "انتهای پیام/"]),
    );
    assert_eq!(d.paragraphs.len(), 3);
    assert_eq!(d.removed.len(), 2);
}

#[test]
fn syndicated_article_points_at_its_source_and_keeps_its_own_lead() {
    let mut deduper = Deduper::new(Config::default());
    run(
        &mut deduper,
        doc("a", "mehr", &[LEAD, FIRST, SECOND, THIRD]),
    );
    run(
        &mut deduper,
        doc(
            "x",
            "mehr",
            &["خبری دیگر درباره موضوعی دیگر در شهری دیگر که ربطی ندارد"],
        ),
    );
    let own_lead = "تهران- مدیرکل دفتر محلات گفت برنامه‌های محله‌محور در چند استان اجرا می‌شود و نتایج آن اعلام خواهد شد.";
    let d = run(
        &mut deduper,
        doc("b", "isna", &[own_lead, FIRST, SECOND, THIRD]),
    );
    assert_eq!(d.duplicate_of.as_deref(), Some("a"));
    assert_eq!(d.paragraphs.len(), 1);
    assert_eq!(d.paragraphs[0].text, own_lead);
}

#[test]
fn one_shared_paragraph_does_not_syndicate() {
    let mut deduper = Deduper::new(Config::default());
    run(&mut deduper, doc("a", "mehr", &[FIRST, SECOND]));
    let d = run(&mut deduper, doc("b", "isna", &[LEAD, FIRST, THIRD]));
    assert_eq!(d.removed.len(), 1);
    assert!(d.duplicate_of.is_none());
}

/// A distinct made-up word for each `n` (letters only, so no number masks get involved).
fn letters_word(n: usize) -> String {
    const LETTERS: [char; 10] = ['ب', 'پ', 'ت', 'ج', 'چ', 'د', 'ر', 'س', 'ش', 'ف'];
    let mut word = String::from("م");
    let mut n = n;
    loop {
        word.push(LETTERS[n % 10]);
        n /= 10;
        if n == 0 {
            break word;
        }
    }
}

#[test]
fn learned_furniture_is_removed_from_the_first_article_on() {
    let line = "برای اطلاع از آخرین اخبار استان صفحه ما را دنبال نمایید";
    let stories: Vec<Document> = (0..30)
        .map(|i| {
            let story: Vec<String> = (0..10).map(|k| letters_word(i * 10 + k)).collect();
            let story = story.join(" ");
            doc(&format!("s{i}"), "agency", &[&story, line])
        })
        .collect();
    let mut learner = FurnitureLearner::new();
    for d in &stories {
        learner.observe(d);
    }
    let mut learned = Deduper::with_furniture(Config::default(), learner.finish());
    let mut streaming = Deduper::new(Config::default());
    let mut streamed_removals = 0;
    for (i, d) in stories.into_iter().enumerate() {
        let with_learning = run(&mut learned, d.clone());
        assert_eq!(with_learning.removed.len(), 1, "article {i}");
        assert_eq!(with_learning.removed[0].reason, RemovalReason::Boilerplate);
        streamed_removals += run(&mut streaming, d)
            .removed
            .iter()
            .filter(|r| r.reason == RemovalReason::Boilerplate)
            .count();
    }
    // Streaming keeps the line until it has been seen under enough articles.
    assert_eq!(streamed_removals, 30 - 20);
}

#[test]
fn fingerprints_that_do_not_match_the_document_are_recomputed() {
    let mut deduper = Deduper::new(Config::default());
    let mut d = doc("a", "mehr", &[FIRST, FIRST]);
    deduper.decide(&mut d, &Fingerprints::default());
    assert_eq!(d.removed.len(), 1);
}

#[test]
fn same_template_with_other_names_is_kept() {
    let mut deduper = Deduper::new(Config::default());
    run(
        &mut deduper,
        doc(
            "a",
            "fars",
            &["شعبه ثابت شماره 77، روستای چلوند به نشانی دبستان سینای چلوند"],
        ),
    );
    let d = run(
        &mut deduper,
        doc(
            "b",
            "fars",
            &["شعبه ثابت شماره 77، روستای کوته‌کومه به نشانی دبستان پورفرض کوته‌کومه"],
        ),
    );
    assert!(d.removed.is_empty());
}

#[test]
fn copy_with_its_first_word_dropped_and_compounds_split_is_a_near_duplicate() {
    let mut deduper = Deduper::new(Config::default());
    run(&mut deduper, doc("a", "mehr", &[FIRST, SECOND]));
    let retyped = "با تأکید بر لزوم استفاده از ظرفیت اقوام، گروه ها و فعالان اجتماعی در اداره محلات گفت: شهر برای مردم است و تصمیم گیری ها باید بر پایه نظر و نیاز آنان انجام شود.";
    let d = run(&mut deduper, doc("b", "isna", &[retyped]));
    assert_eq!(d.removed.len(), 1, "{:?}", d.removed);
    assert_eq!(d.removed[0].reason, RemovalReason::NearDuplicate);
}

#[test]
fn another_speaker_saying_the_same_is_kept() {
    let mut deduper = Deduper::new(Config::default());
    let said = "هدایتی از مسئولان باشگاه پیشنهاد دهنده چینی گفت: تیم دالیان چین نیست اما تیم ضعیفی هم نیست و به زودی اسم تیم را می‌گویم و پیشنهاد آنها به من ایمیل شده است.";
    run(&mut deduper, doc("a", "varzesh3", &[said]));
    let other = said.replace("هدایتی از مسئولان باشگاه", "منتظری در مورد تیم");
    let d = run(&mut deduper, doc("b", "varzesh3", &[&other]));
    assert!(d.removed.is_empty(), "{:?}", d.removed);
}

#[test]
fn an_added_particle_is_no_new_fact_but_an_added_word_is() {
    let mut deduper = Deduper::new(Config::default());
    let said = "کارگردان چند قسمت از انیمیشن‌های معروف تام و جری و ملوان زبل در نود و پنج سالگی در شهر پراگ درگذشت.";
    run(&mut deduper, doc("a", "hamshahri", &[said]));
    let with_particle = said.replace("در شهر", "در همان شهر");
    let with_word = said.replace("در شهر", "در بیمارستان شهر");
    let d = run(
        &mut deduper,
        doc("b", "hamshahri", &[&with_particle, &with_word]),
    );
    let removed: Vec<usize> = d.removed.iter().map(|r| r.index).collect();
    assert_eq!(removed, [0]);
}

#[test]
fn a_copy_that_split_a_compound_and_dropped_a_piece_is_a_near_duplicate() {
    let mut deduper = Deduper::new(Config::default());
    let original = "همچنين با اينكه تعيين رياست ستاد انتخابات وزارت كشور به طور متداول به معاون سياسي محول مي‌شود، در غير اين‌صورت هم اقدامات اين معاونت به طور مشهودي با برگزاري انتخابات عجين است.";
    let copy = "همچنین  با اینکه تعیین ریاست ستاد انتخابات وزارت کشور به طور متداول به معاون سیاسی محول می شود در غیر صورت هم اقدامات این معاونت به طور مشهودی با برگزاری انتخابات عجین است.";
    run(&mut deduper, doc("a", "fars", &[original]));
    let d = run(&mut deduper, doc("b", "other", &[copy]));
    assert_eq!(d.removed.len(), 1);
    assert_eq!(d.removed[0].reason, RemovalReason::NearDuplicate);
}

#[test]
fn a_glued_or_spaced_negating_compound_is_the_same_negation() {
    let mut deduper = Deduper::new(Config::default());
    let original = "وی گفت: علت اصلی غیبتم در مسابقات اعتراض به عدم‌حمایت‌ها از ورزشکاران و قهرمانان ورزشی استان بوده است.";
    let copy = "وی گفت: علت اصلی غیبتم در مسابقات اعتراض به عدم حمایت ها از ورزشکاران و قهرمانان ورزشی استان بوده است.";
    run(&mut deduper, doc("a", "fars", &[original]));
    let d = run(&mut deduper, doc("b", "other", &[copy]));
    assert_eq!(d.removed.len(), 1);
}

const SAID: &str = "حسن‌زاده گفت: ما در تیممان مثلث نداریم همه در ذوب آهن زحمت می‌کشند و بازیکنان جوان به ما کمک می دهند تا در این دو بازی گل بزنیم.";

#[test]
fn a_copy_that_lost_a_space_or_a_detached_prefix_is_a_near_duplicate() {
    let mut deduper = Deduper::new(Config::default());
    run(&mut deduper, doc("a", "varzesh3", &[SAID]));
    let glued = SAID.replace("نداریم همه", "نداریمهمه");
    let lost_prefix = SAID.replace("می دهند", "دهند");
    let d = run(&mut deduper, doc("b", "other", &[&glued, &lost_prefix]));
    assert_eq!(d.removed.len(), 2, "{:?}", d.removed);
}

#[test]
fn a_negation_turned_positive_is_kept_but_one_dropped_with_its_word_goes() {
    let mut deduper = Deduper::new(Config::default());
    let original = "وزیر نیرو گفت: با وجود کاهش بارندگی در استان‌های جنوبی کشور، برق خانگی در تابستان امسال قطع نمی شود و برنامه خاموشی نداریم.";
    run(&mut deduper, doc("a", "irna", &[original]));
    let turned = original.replace("قطع نمی شود", "قطع شود");
    let glued_positive = original.replace("نمی شود", "می‌شود");
    let dropped_word = original.replace(" و برنامه خاموشی نداریم", " و برنامه خاموشی");
    let d = run(
        &mut deduper,
        doc("b", "other", &[&turned, &glued_positive, &dropped_word]),
    );
    // The two positive statements are copies of each other, but neither of the original.
    let of_original: Vec<usize> = d
        .removed
        .iter()
        .filter(|r| r.duplicate_of.as_ref().is_some_and(|o| o.article_id == "a"))
        .map(|r| r.index)
        .collect();
    assert_eq!(of_original, [2], "{:?}", d.removed);
    assert!(d.paragraphs.iter().any(|p| p.index == 0));
}
#[test]
fn a_dropped_negated_verb_beside_its_positive_form_goes() {
    let mut deduper = Deduper::new(Config::default());
    let original = "وی گفت: من ترجیح می‌دادم آن‌ها هیچ چیز نداشته باشند اما این کار دشوار است زیرا آن‌ها عضو پیمان هستند و حق دارند برنامه صلح‌آمیز داشته باشند.";
    run(&mut deduper, doc("a", "irna", &[original]));
    let dropped = original.replace("هیچ چیز نداشته باشند", "هیچ چیز باشند");
    let d = run(&mut deduper, doc("b", "other", &[&dropped]));
    assert_eq!(d.removed.len(), 1, "{:?}", d.removed);
}

#[test]
fn a_copy_may_add_a_pronoun_but_a_rewrite_adding_several_words_is_kept() {
    let mut deduper = Deduper::new(Config::default());
    let original = "مهاجم فرانسوی طی 69 بازی ملی برای تیم کشورش 14 گل به ثمر رساند و در فصل قبل با حضور در تیم شانگهای چین در 22 بازی سه گل زد.";
    run(&mut deduper, doc("a", "varzesh3", &[original]));
    let with_pronoun = original.replace("مهاجم فرانسوی", "وی مهاجم فرانسوی");
    let rewrite = original.replace("مهاجم فرانسوی", "البته علاوه بر اینکه این مهاجم فرانسوی");
    let d = run(&mut deduper, doc("b", "other", &[&with_pronoun]));
    assert_eq!(d.removed.len(), 1, "{:?}", d.removed);
    let d = run(&mut deduper, doc("c", "other", &[&rewrite]));
    assert!(d.removed.is_empty(), "{:?}", d.removed);
}

/// A paragraph of twelve made-up words no other `n` shares.
fn distinct_paragraph(n: usize) -> String {
    (0..12)
        .map(|k| letters_word(1000 + n * 12 + k))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Feeds `articles` articles of five distinct paragraphs each (ids `0`, `1`...), checking the
/// tables stay within `cap` bytes after each.
fn feed(deduper: &mut Deduper, articles: usize, cap: usize) {
    for a in 0..articles {
        let texts: Vec<String> = (0..5).map(|p| distinct_paragraph(a * 5 + p)).collect();
        let lines: Vec<&str> = texts.iter().map(String::as_str).collect();
        let d = run(deduper, doc(&a.to_string(), "mehr", &lines));
        assert!(d.removed.is_empty(), "article {a}: {:?}", d.removed);
        assert!(
            deduper.heap_bytes() <= cap,
            "article {a}: {}",
            deduper.heap_bytes()
        );
    }
}

fn capped(max_memory_bytes: usize) -> Deduper {
    Deduper::new(Config {
        max_memory_bytes,
        ..Config::default()
    })
}

#[test]
fn the_cap_forgets_the_oldest_paragraphs_only() {
    let cap = 64 << 10;
    let mut deduper = capped(cap);
    feed(&mut deduper, 400, cap);
    assert!(deduper.forgotten_paragraphs() > 0);

    // A copy of a forgotten paragraph is new again.
    let old = distinct_paragraph(0);
    let d = run(&mut deduper, doc("copy-old", "isna", &[&old]));
    assert!(d.removed.is_empty(), "{:?}", d.removed);

    // A copy of a remembered one still goes, exact or with a word dropped.
    let recent = distinct_paragraph(399 * 5 + 2);
    let shortened = distinct_paragraph(399 * 5 + 3);
    let shortened = shortened.split_once(' ').map_or("", |(_, rest)| rest);
    let d = run(&mut deduper, doc("copy-new", "isna", &[&recent, shortened]));
    assert!(d.paragraphs.is_empty(), "{:?}", d.paragraphs);
    assert_eq!(d.removed[0].reason, RemovalReason::Duplicate);
    assert_eq!(d.removed[1].reason, RemovalReason::NearDuplicate);
    let original = d.removed[0].duplicate_of.as_ref().unwrap();
    assert_eq!((original.article_id.as_str(), original.index), ("399", 2));
    assert_eq!(
        d.removed[1].duplicate_of.as_ref().unwrap().article_id,
        "399"
    );
    assert_eq!(d.duplicate_of.as_deref(), Some("399"));
}

#[test]
fn the_default_cap_forgets_nothing_and_a_tiny_one_everything_without_failing() {
    let mut deduper = Deduper::new(Config::default());
    feed(&mut deduper, 50, usize::MAX);
    assert_eq!(deduper.forgotten_paragraphs(), 0);

    // No room at all: only the id of the article being decided is held.
    let mut deduper = capped(0);
    feed(&mut deduper, 50, 256);
    let again = distinct_paragraph(49 * 5);
    let d = run(&mut deduper, doc("again", "isna", &[&again, &again]));
    assert!(d.removed.is_empty(), "{:?}", d.removed);
}

#[test]
fn one_article_larger_than_the_cap_stays_within_it() {
    let cap = 16 << 10;
    let mut deduper = capped(cap);
    let texts: Vec<String> = (0..2000).map(distinct_paragraph).collect();
    let mut lines: Vec<&str> = texts.iter().map(String::as_str).collect();
    lines.push(&texts[1999]);
    let d = run(&mut deduper, doc("long", "mehr", &lines));
    assert!(deduper.heap_bytes() <= cap, "{}", deduper.heap_bytes());
    assert!(deduper.forgotten_paragraphs() > 0);
    // Its last paragraph, repeated, is still remembered and pointed at.
    assert_eq!(d.removed.len(), 1, "{:?}", d.removed);
    let original = d.removed[0].duplicate_of.as_ref().unwrap();
    assert_eq!(
        (original.article_id.as_str(), original.index),
        ("long", 1999)
    );
    // Later articles still point at it.
    let d = run(&mut deduper, doc("later", "isna", &[&texts[1998]]));
    assert_eq!(
        d.removed[0].duplicate_of.as_ref().unwrap().article_id,
        "long"
    );
}
