//! End-to-end behaviour of the statement extractor on short, hand-written news paragraphs (no
//! shared corpus text): speakers through pronouns, surnames and roles; spans; non-statements.

use goftar::model::{Document, Paragraph, StatementKind};
use goftar::speakers::{SpeakerTable, extract};

fn doc(paragraphs: &[&str]) -> Document {
    Document {
        id: "t1".into(),
        date: Some("2024-03-01".into()),
        paragraphs: Paragraph::numbered(paragraphs.iter().copied()),
        ..Document::default()
    }
}

#[test]
fn pronoun_surname_and_role_resolve_to_the_named_speaker() {
    let d = doc(&[
        "به گزارش خبرگزاری ایرنا، رضا کریمی مدیرکل بهزیستی استان یزد اظهار کرد: طرح جدید از ماه آینده اجرا می‌شود.",
        "وی افزود: بودجه این طرح تأمین شده است.",
        "کریمی در پایان تصریح کرد: همه شهرستان‌ها پوشش داده می‌شوند.",
        "مدیرکل بهزیستی یزد گفت: ثبت‌نام اینترنتی است.",
    ]);
    let st = extract(&d);
    assert_eq!(st.len(), 4);
    for s in &st {
        assert_eq!(s.speaker.as_deref(), Some("رضا کریمی"), "{s:?}");
        assert_eq!(s.kind, StatementKind::Direct);
    }
    assert_eq!(st[0].role.as_deref(), Some("مدیرکل بهزیستی استان یزد"));
    assert_eq!(st[0].text, "طرح جدید از ماه آینده اجرا می‌شود.");
    assert_eq!(st[2].cue, "تصریح کرد");
    assert_eq!(st[1].id, "t1:1:0");
}

#[test]
fn offsets_point_at_the_text_in_the_paragraph() {
    let d = doc(&["علی احمدی گفت: «ما آماده‌ایم» و جلسه را ترک کرد."]);
    let st = extract(&d);
    assert_eq!(st.len(), 1);
    let s = &st[0];
    assert_eq!(&d.paragraphs[0].text[s.start..s.end], s.text);
    assert_eq!(s.text, "«ما آماده‌ایم»");
}

#[test]
fn a_lead_role_mention_finds_the_person_named_later() {
    let d = doc(&[
        "تهران- شهردار تبریز گفت: پروژه قطار شهری تا پایان سال تمام می‌شود.",
        "یعقوب هوشیار شهردار کلانشهر تبریز افزود: اعتبار لازم پیش‌بینی شده است.",
    ]);
    let st = extract(&d);
    assert_eq!(st.len(), 2);
    assert!(
        st.iter()
            .all(|s| s.speaker.as_deref() == Some("یعقوب هوشیار")),
        "{st:?}"
    );
}

#[test]
fn indirect_frames_give_their_content() {
    let d = doc(&[
        "محمد رحیمی از افتتاح سه مدرسه جدید در شهرستان خبر داد و گفت: کار ساخت دو مدرسه دیگر آغاز شده است.",
        "وی با بیان اینکه کمبود معلم جدی است، افزود: استخدام جدید در راه است.",
        "به گفته رحیمی، کلاس‌ها از مهر برگزار می‌شود.",
        "رحیمی تأکید کرد که هیچ دانش‌آموزی بی‌مدرسه نمی‌ماند.",
    ]);
    let st = extract(&d);
    let texts: Vec<(&str, &str, StatementKind)> = st
        .iter()
        .map(|s| (s.cue.as_str(), s.text.as_str(), s.kind))
        .collect();
    assert_eq!(
        texts,
        vec![
            (
                "خبر داد",
                "افتتاح سه مدرسه جدید در شهرستان",
                StatementKind::Indirect
            ),
            (
                "گفت",
                "کار ساخت دو مدرسه دیگر آغاز شده است.",
                StatementKind::Direct
            ),
            (
                "با بیان اینکه",
                "کمبود معلم جدی است",
                StatementKind::Indirect
            ),
            ("افزود", "استخدام جدید در راه است.", StatementKind::Direct),
            (
                "به گفته",
                "کلاس‌ها از مهر برگزار می‌شود",
                StatementKind::Indirect
            ),
            (
                "تأکید کرد",
                "هیچ دانش‌آموزی بی‌مدرسه نمی‌ماند",
                StatementKind::Indirect
            ),
        ]
    );
    assert!(
        st.iter()
            .all(|s| s.speaker.as_deref() == Some("محمد رحیمی"))
    );
}

#[test]
fn several_cues_split_a_paragraph() {
    let d = doc(&["سارا محمدی گفت: بازار آرام است. وی افزود: قیمت‌ها ثابت می‌ماند."]);
    let st = extract(&d);
    assert_eq!(st.len(), 2);
    assert_eq!(st[0].text, "بازار آرام است.");
    assert_eq!(st[1].text, "قیمت‌ها ثابت می‌ماند.");
}

#[test]
fn source_attribution_and_reporter_facts_are_not_statements() {
    let d = doc(&[
        "به گزارش خبرگزاری فارس، مراسم افتتاحیه امروز برگزار شد.",
        "گفتنی است این طرح سال گذشته تصویب شده بود.",
        "در گفت‌وگو با خبرنگاران جزئیات بیشتری ارائه نشد.",
        "این شرکت به کار خود ادامه داد.",
    ]);
    assert!(extract(&d).is_empty());
}

#[test]
fn cues_tolerate_missing_joints_and_arabic_letters() {
    let d = doc(&[
        "حسن موسوي اظهارداشت: كار تمام است.",
        "ویگفت: فردا ادامه میدهیم.",
        "وي خاطر نشان كرد: همه آماده‌اند.",
    ]);
    let st = extract(&d);
    assert_eq!(st.len(), 3, "{st:?}");
    assert!(st.iter().all(|s| s.speaker.as_deref() == Some("حسن موسوي")));
}

#[test]
fn unnamed_groups_keep_their_description_as_role() {
    let d = doc(&["برخی نمایندگان مجلس گفتند: این لایحه باید اصلاح شود."]);
    let st = extract(&d);
    assert_eq!(st.len(), 1);
    assert_eq!(st[0].speaker, None);
    assert_eq!(st[0].role.as_deref(), Some("برخی نمایندگان مجلس"));
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        ":",
        "گفت:",
        "«",
        "وی گفت: «",
        "به گفته",
        "با بیان اینکه",
        "x\u{200c}گفت:\u{200c}",
        "۱.۲ گفت",
    ] {
        let _ = extract(&doc(&[text]));
    }
}

#[test]
fn speaker_table_merges_articles() {
    let mut table = SpeakerTable::new();
    let mut a = doc(&["علی احمدی گفت: الف."]);
    a.statements = extract(&a);
    let mut b = doc(&["علي احمدي رئیس سازمان گفت: ب.", "وی افزود: ج."]);
    b.id = "t2".into();
    b.date = Some("2024-05-01".into());
    b.statements = extract(&b);
    table.add(&a);
    table.add(&b);
    let records = table.records();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].statements, 3);
    assert_eq!(records[0].articles, 2);
    assert_eq!(records[0].last_date.as_deref(), Some("2024-05-01"));
}

#[test]
fn a_role_only_lead_takes_the_name_of_the_next_speaker_introduced_without_role() {
    let d = doc(&[
        "شیراز- ایرنا- مدیرکل راهداری استان فارس گفت: سه محور روستایی تا پایان مهر آسفالت می‌شود.",
        "به گزارش ایرنا، حمید صالحی در نشست شورای اداری اظهار کرد: اعتبار این طرح از محل صندوق توسعه است.",
        "صالحی از رانندگان خواست در روزهای بارانی با احتیاط رانندگی کنند.",
    ]);
    let st = extract(&d);
    assert_eq!(st.len(), 3, "{st:?}");
    assert!(
        st.iter()
            .all(|s| s.speaker.as_deref() == Some("حمید صالحی")),
        "{st:?}"
    );
    assert_eq!(st[0].role.as_deref(), Some("مدیرکل راهداری استان فارس"));
    assert_eq!(st[2].text, "در روزهای بارانی با احتیاط رانندگی کنند");
}
