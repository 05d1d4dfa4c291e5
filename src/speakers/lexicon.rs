//! Word lists the extractor reasons with: role heads, honorifics, given names, pronouns, and the
//! function words that end a speaker's noun phrase. Hand-written from general knowledge of Persian
//! news style (no corpus text); every entry is folded (see [`super::text::fold`]) before use, so
//! each word needs one spelling only.

use std::collections::HashSet;
use std::sync::LazyLock;

use rustc_hash::FxBuildHasher;

use super::text::fold;

/// A set of folded words. Fx hashing: lookups run for every word of every clause, and on words
/// of a few bytes a streaming hasher's setup costs more than the hash.
pub(crate) type WordSet = HashSet<String, FxBuildHasher>;

fn set(words: &[&str]) -> WordSet {
    words.iter().map(|w| fold(w)).collect()
}

/// Nouns that head a title or office: the speaker phrase `NAME ROLE` splits at the first one.
#[rustfmt::skip]
static ROLE_HEADS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "رئیس", "رییس", "ریيس", "رئيس", "معاون", "معاونت", "وزیر", "مدیر", "مدیرکل", "مدیرعامل",
        "سرپرست", "سخنگو", "سخنگوی", "نماینده", "نمایندگان", "استاندار", "فرماندار", "بخشدار",
        "شهردار", "دهیار", "فرمانده", "جانشین", "دبیر", "دبیرکل", "عضو", "اعضای", "امام", "نایب",
        "نایب‌رئیس", "رئیس‌جمهور", "نخست", "نخست‌وزیر", "نخست‌ویزر", "سفیر", "کاردار", "کارشناس",
        "متخصص", "استاد", "استادیار", "دانشیار", "پژوهشگر", "مشاور", "قائم‌مقام", "دادستان",
        "رئیس‌کل", "مسئول", "مسؤول", "سرمربی", "مربی", "کاپیتان", "بازیکن", "هافبک", "مهاجم",
        "دروازه‌بان", "مدافع", "وکیل", "قاضی", "بازپرس", "رهبر", "مفتی", "پادشاه", "ملکه",
        "ولیعهد", "صدراعظم", "سناتور", "نامزد", "سرکنسول", "کنسول", "فرستاده", "بنیانگذار", "موسس",
        "مؤسس", "تولیت", "متولی", "خطیب", "قهرمان", "کارگردان", "بازیگر", "نویسنده", "شاعر",
        "آسیب‌شناس", "روانشناس", "روان‌شناس", "جامعه‌شناس", "اقتصاددان", "تحلیلگر", "فعال", "مجری",
        "تهیه‌کننده", "رئیس‌کل", "معاون‌اول", "دستیار", "هماهنگ‌کننده", "مدیرکل", "ریاست",
        "کمیسر", "دبیرخانه", "فرماندهی", "رایزن", "وابسته", "ناظر", "بازرس", "حاکم", "شیخ", "امیر",
        "ژنرال", "پزشک", "دندانپزشک", "جراح", "محقق", "مدرس", "معلم", "مسئولان", "مدیران",
        "سرپرستی", "دبیرکل", "سردبیر", "امام‌جمعه", "امام‌جماعت",
            "مقام", "منبع", "فرد", "شخص", "چهره", "مقامات", "منابع",
    ])
});

/// Titles written before a name and dropped from it. `سید` is kept: it is part of the name.
#[rustfmt::skip]
static HONORIFICS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "دکتر", "مهندس", "آقای", "آقا", "خانم", "حجت‌الاسلام", "حجت‌الاسلام‌والمسلمین",
        "والمسلمین", "آیت‌الله", "آیت‌اللّه", "حضرت", "سردار", "سرتیپ", "سرتیپ‌دوم", "سرلشکر",
        "سرهنگ", "سرگرد", "سروان", "ستوان", "دریادار", "دریابان", "سپهبد", "ارتشبد", "سرکار",
        "جناب", "حاج", "حاجی", "علامه", "پروفسور", "استاد", "مهندس", "آیت‌الله‌العظمی", "امیر",
        "سرگرد",
    ])
});

/// Two-word honorifics (`حجت الاسلام`, `آیت الله`), matched as a pair of folded words.
pub(crate) fn is_honorific_pair(first: &str, second: &str) -> bool {
    let second = second.trim_start_matches('ا');
    matches!(
        (first, second),
        ("حجت", "لاسلام") | ("حجت", "الاسلام") | ("ایت", "لله") | ("ایت", "الله") | ("ایت", "اللّه")
    ) || (first == "حجتالاسلام" && second == "لمسلمین")
        || (first == "حجتالاسلام" && second == "والمسلمین")
}

/// Common Persian and Arabic given names: a phrase that starts with one is a person's name, and
/// `ROLE NAME` phrases split where one begins.
#[rustfmt::skip]
static GIVEN_NAMES: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "علی", "محمد", "حسین", "حسن", "رضا", "مهدی", "احمد", "محمود", "مصطفی", "مجتبی", "مرتضی",
        "عباس", "ابراهیم", "اسماعیل", "جعفر", "جواد", "کاظم", "صادق", "باقر", "هادی", "مسعود",
        "سعید", "حمید", "مجید", "وحید", "امید", "حمیدرضا", "محمدرضا", "علیرضا", "غلامرضا",
        "غلامحسین", "غلامعلی", "محمدعلی", "محمدحسین", "محمدحسن", "محمدباقر", "محمدجواد",
        "محمدمهدی", "محمدصادق", "محمدابراهیم", "امیر", "امیرحسین", "امیرعلی", "بهروز", "بهزاد",
        "بهمن", "بیژن", "پرویز", "جمشید", "داریوش", "داوود", "داود", "رحیم", "رحمان", "رسول",
        "روح‌الله", "روحالله", "سجاد", "سیاوش", "شهرام", "شهریار", "فرامرز", "فرهاد", "فریدون",
        "قاسم", "کامران", "کریم", "کیوان", "مازیار", "منصور", "منوچهر", "ناصر", "نادر", "نصرالله",
        "نعمت‌الله", "یوسف", "یعقوب", "یحیی", "یونس", "ایرج", "اکبر", "علی‌اکبر", "علی‌اصغر",
        "اصغر", "اسدالله", "اسفندیار", "افشین", "بابک", "پیمان", "تقی", "محمدتقی", "جلال", "جلیل",
        "جمال", "حبیب", "حبیب‌الله", "حشمت", "خسرو", "خلیل", "دانیال", "رامین", "رستم", "سهراب",
        "سلمان", "سیروس", "شاپور", "صمد", "عادل", "عبدالله", "عبدالرضا", "عبدالحسین", "عزت‌الله",
        "عطاالله", "فتح‌الله", "فرزاد", "فرشاد", "فرشید", "فریبرز", "کمال", "کورش", "کوروش",
        "لطف‌الله", "مرتضی", "مسیح", "مهرداد", "مهران", "میثم", "نبی", "نوید", "هاشم", "هومن",
        "هوشنگ", "یدالله", "ولی‌الله", "ولی", "اسحاق", "اسد", "ایمان", "آرش", "آرمان", "احسان",
        "اردشیر", "ارسلان", "بهرام", "بهنام", "پژمان", "جهانگیر", "حامد", "حجت", "حمزه", "خداداد",
        "خدابخش", "ربیع", "رمضان", "روزبه", "سامان", "سعید", "شهاب", "صالح", "طاهر", "عارف",
        "عماد", "عیسی", "موسی", "فضل‌الله", "کاوه", "محسن", "محمدامین", "امین", "مسلم", "مصطفی",
        "معین", "مقداد", "مهدی", "میلاد", "ناصر", "نیما", "هادی", "یاسر", "یزدان", "ولادیمیر",
        "ولادمیر", "دیمیتری", "فاطمه", "زهرا", "مریم", "معصومه", "زینب", "سکینه", "طاهره", "اعظم",
        "شهلا", "شیرین", "مینو", "نرگس", "لیلا", "سمیه", "الهام", "الهه", "مهناز", "پروین",
        "فرشته", "منیژه", "نسرین", "ناهید", "سارا", "نازنین", "مژگان", "ژاله", "هما", "شهین",
        "کبری", "صغری", "رقیه", "طیبه", "اشرف", "عفت", "عصمت", "مهین", "بتول", "آزاده", "آزیتا",
        "شهناز", "فرح", "فریده", "گلناز", "محبوبه", "مرضیه", "منیره", "نجمه", "نگار", "هاجر",
        "جبرئیل", "عبدالکریم", "عبدالناصر", "عبدالحمید", "عبدالمجید", "جان", "جو", "دونالد",
        "امانوئل", "آنگلا", "بوریس", "سرگئی", "رجب", "بشار", "حسنی", "نوری", "سید", "سیده",
    ])
});

#[rustfmt::skip]
static PRONOUNS: LazyLock<WordSet> = LazyLock::new(|| set(&[
        "وی", "او", "ایشان",
    ]));

/// Determiners that open a group of unnamed speakers (`برخی نمایندگان`, `یک مقام مسئول`).
#[rustfmt::skip]
static GROUP_HEADS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "برخی", "یک", "چند", "تعدادی", "جمعی", "شماری", "گروهی", "بسیاری", "منابع", "یکی",
        "مقامات", "کارشناسان", "مسئولان", "مسؤولان", "ناظران", "تحلیلگران", "فعالان", "شاهدان",
        "پزشکان", "نمایندگان", "اعضای", "مقام", "ساکنان", "شهروندان", "کاربران", "رسانه‌ها",
        "گزارش‌ها",
            "دانشمندان", "پژوهشگران", "محققان", "منتقدان", "معترضان", "فعالان", "کارشناسان",
            "خبرنگار", "خبرنگاران",
    ])
});

/// First words of an organization's name: the phrase is the speaker itself, not a person.
#[rustfmt::skip]
static ORG_HEADS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "وزارت", "سازمان", "شرکت", "اداره", "دانشگاه", "پلیس", "ستاد", "مرکز", "شورای", "شورا",
        "دولت", "ارتش", "سپاه", "کمیته", "انجمن", "حزب", "بانک", "قوه", "مجلس", "دفتر", "کمیسیون",
        "فدراسیون", "باشگاه", "بنیاد", "هیئت", "هیات", "جمعیت", "اتحادیه", "سفارت", "کنسولگری",
        "دادگاه", "دادستانی", "فرمانداری", "استانداری", "شهرداری", "نیروی", "جبهه", "گروه", "کاخ",
        "پنتاگون", "ناتو", "اتحادیه",
    ])
});

/// Media: an outlet that "writes" is the news source, not a speaker.
#[rustfmt::skip]
static MEDIA_HEADS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "خبرگزاری", "روزنامه", "پایگاه", "سایت", "وبسایت", "رسانه", "شبکه", "تلویزیون", "رادیو",
        "نشریه", "هفته‌نامه", "ماهنامه", "مجله", "خبرنامه", "کانال", "رویترز", "آسوشیتدپرس",
        "فرانس‌پرس", "بی‌بی‌سی", "سی‌ان‌ان", "ایرنا", "ایسنا", "ایلنا", "تسنیم", "الجزیره",
        "العربیه", "المنار", "المیادین", "اسپوتنیک", "بلومبرگ", "گاردین", "نیویورک‌تایمز",
        "واشنگتن‌پست", "وال‌استریت‌ژورنال", "آکسیوس", "یورونیوز", "ایندیپندنت", "تلگراف", "پولیتیکو",
    ])
});

/// Words that end the speaker's noun phrase: prepositions, time adverbs, particles.
#[rustfmt::skip]
static NP_STOPS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "در", "با", "به", "از", "بر", "برای", "ضمن", "نیز", "هم", "همچنین", "امروز", "دیروز",
        "امشب", "دیشب", "روز", "صبح", "ظهر", "عصر", "شب", "بامداد", "پیش", "پس", "طی", "هنگام",
        "درباره", "دربارهٔ", "را", "که", "اما", "ولی", "سپس", "ابتدا", "بابیان", "بااشاره",
        "باتاکید", "پیرامون", "خطاب", "حین", "بعد", "قبل", "طبق", "براساس", "بنابر", "درخصوص",
        "درمورد", "شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "پنج‌شنبه", "جمعه",
        "اخیرا", "اخیراً", "همچنان", "تاکنون", "هفته", "ماه", "سال", "نیز،", "ظهرامروز",
        "صبحامروز", "عصرامروز", "چندی", "دراین", "درپایان", "درادامه", "خود", "نسبت", "علیه",
        "است", "بود", "شد", "این", "آن", "همین", "چنین", "یعنی", "تا", "اگر", "چون", "زیرا",
        "وقتی", "هر", "مبنی", "جهت", "بدون", "توسط", "مقابل", "کنار", "زیر", "روی", "بنا",
        "درحاشیه", "درجمع", "درگفتگو", "درگفت‌وگو", "درپی", "درراستای", "درنشست", "درمراسم",
        "درآیین",
            "بعدازظهر", "بعدازظهرامروز", "ظهرامروز", "صبحامروز", "عصرامروز", "شامگاه", "بامداد",
            "علاوه", "پیشتر", "پیش‌تر", "همزمان", "قبلا", "قبلاً", "اواخر", "اوایل", "اواسط", "پارسال",
        "امسال", "سرانجام",
            "میان", "بین", "نزد", "سوی", "جز", "مثل", "مانند", "همراه", "داد", "دادند", "کردند",
        "گرفت", "شدند", "بودند", "دارد", "دارند", "علیرغم", "رغم",
    ])
});

/// Present and copular verbs and subordinators after which a new clause (and possibly a new
/// subject) starts.
#[rustfmt::skip]
static CLAUSE_BREAKS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "است", "نیست", "هست", "هستند", "نیستند", "شود", "شوند", "نشود", "کند", "کنند", "دارد",
        "دارند", "ندارد", "که", "درحالیست", "میشود", "میشوند", "میکند", "میکنند", "میدهد",
        "میگیرد", "میرسد", "اینکه",
    ])
});

/// Past verbs: they end a clause only when `و` or punctuation follows (`کرد` is also a name).
#[rustfmt::skip]
static PAST_VERBS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "بود", "بودند", "شد", "شدند", "نشد", "کرد", "کردند", "نکرد", "داشت", "داشتند", "داد",
        "دادند", "گرفت", "گرفتند", "رسید", "رسیدند", "یافت", "آمد", "رفت", "گفت", "افزود",
    ])
});

/// Adverbs that may open a clause before its subject and are skipped.
#[rustfmt::skip]
static CLAUSE_OPENERS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "و", "همچنین", "سپس", "اما", "ولی", "ضمنا", "ضمناً", "بنابراین", "همچنان", "البته",
        "درپایان", "درادامه", "درخاتمه", "همچنين", "امروز", "دیروز", "امشب", "دیشب", "پیشتر",
        "پیش‌تر", "همزمان", "قبلا", "قبلاً", "اکنون", "هم‌اکنون", "سرانجام", "نهایتا", "نهایتاً",
        "بعدها",
    ])
});

/// Second words of `در پایان`, `در ادامه` … : adverbial pairs that may open a clause.
#[rustfmt::skip]
static OPENER_PAIRS: LazyLock<WordSet> =
    LazyLock::new(|| set(&[
        "پایان", "ادامه", "خاتمه", "ابتدا", "پاین",
    ]));

/// Nouns and prepositions that govern an `از` of their own (`بازدید از`, `پس از`): such an `از`
/// does not open the content of `از … خبر داد`.
#[rustfmt::skip]
static GOVERNS_AZ: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "بازدید", "پس", "بعد", "قبل", "پیش", "یکی", "بیش", "بیشتر", "کمتر", "جمعی", "برخی",
        "استفاده", "حاکی", "ناشی", "بسیاری", "تعدادی", "گروهی", "شماری", "خارج", "دور", "حمایت",
        "اعم", "عبارت", "غیر", "نقل", "قدردانی", "تقدیر", "تشکر", "دیدار",
    ])
});

pub(crate) fn is_role_head(key: &str) -> bool {
    // The ezafe `ی` is written only after a vowel (`سخنگوی`, `نماینده‌ی`); after a consonant a
    // final `ی` makes a different word, often a surname (`شیخی`, `امامی`).
    ROLE_HEADS.contains(key)
        || key.strip_suffix('ی').is_some_and(|stem| {
            stem.chars().count() > 2 && stem.ends_with(['و', 'ا', 'ه']) && ROLE_HEADS.contains(stem)
        })
}

/// Words that can open a clause as its subject but never name a speaker to credit: plural and
/// indefinite pronouns, `علی رغم`.
pub(crate) fn is_non_speaker_subject(first: &str, second: Option<&str>) -> bool {
    matches!(
        first,
        "اینها"
            | "انها"
            | "انان"
            | "اینان"
            | "همه"
            | "هیچ"
            | "کسی"
            | "هرکس"
            | "کسانی"
            | "علیرغم"
    ) || (first == "علی" && second == Some("رغم"))
}
pub(crate) fn is_honorific(key: &str) -> bool {
    HONORIFICS.contains(key)
}
pub(crate) fn is_given_name(key: &str) -> bool {
    GIVEN_NAMES.contains(key)
}
pub(crate) fn is_pronoun(key: &str) -> bool {
    PRONOUNS.contains(key)
}
pub(crate) fn is_demonstrative(key: &str) -> bool {
    key == "این"
}
pub(crate) fn is_group_head(key: &str) -> bool {
    GROUP_HEADS.contains(key)
}
pub(crate) fn is_org_head(key: &str) -> bool {
    ORG_HEADS.contains(key)
}
pub(crate) fn is_media_head(key: &str) -> bool {
    MEDIA_HEADS.contains(key)
}
pub(crate) fn is_np_stop(key: &str) -> bool {
    NP_STOPS.contains(key)
}
/// Name endings that a title word can precede as part of a surname (`علامه‌زاده`, `قاضی‌پور`).
pub(crate) fn is_surname_suffix(key: &str) -> bool {
    matches!(
        key,
        "زاده" | "پور" | "نژاد" | "زادگان" | "فر" | "نیا" | "راد" | "منش" | "وند"
    )
}
pub(crate) fn is_clause_break(key: &str) -> bool {
    CLAUSE_BREAKS.contains(key)
}
pub(crate) fn is_past_verb(key: &str) -> bool {
    PAST_VERBS.contains(key)
}
pub(crate) fn is_clause_opener(key: &str) -> bool {
    CLAUSE_OPENERS.contains(key)
}
/// Sentence adverbials of several words (`با این حال`, `از سوی دیگر`): how many open `toks`.
pub(crate) fn opener_phrase_len(toks: &[super::text::Token]) -> usize {
    const PHRASES: &[&[&str]] = &[
        &["با", "این", "حال"],
        &["با", "این", "وجود"],
        &["در", "همین", "حال"],
        &["در", "این", "حال"],
        &["از", "سوی", "دیگر"],
        &["از", "طرف", "دیگر"],
        &["از", "طرفی"],
        &["به", "این", "ترتیب"],
        &["بدین", "ترتیب"],
        &["در", "عین", "حال"],
        &["در", "همین", "راستا"],
        &["در", "این", "راستا"],
        &["علاوه", "بر", "این"],
        &["در", "همین", "زمینه"],
        &["در", "این", "زمینه"],
        &["به", "هر", "حال"],
    ];
    PHRASES
        .iter()
        .find(|p| p.len() <= toks.len() && p.iter().zip(toks).all(|(w, t)| t.key == *w))
        .map_or(0, |p| p.len())
}

/// Nouns of action that keep their prepositional complement inside a role
/// (`حفاظت از`, `مبارزه با`).
pub(crate) fn is_complement_taking(noun: &str, preposition: &str) -> bool {
    match preposition {
        "از" => matches!(
            noun,
            "حفاظت"
                | "حمایت"
                | "صیانت"
                | "پیشگیری"
                | "مراقبت"
                | "بهرهبرداری"
                | "نگهداری"
                | "دفاع"
                | "پشتیبانی"
                | "حراست"
        ),
        "با" => matches!(noun, "مبارزه" | "مقابله" | "ارتباط" | "همکاری"),
        _ => false,
    }
}

pub(crate) fn is_opener_pair(first: &str, second: &str) -> bool {
    (first == "در" && OPENER_PAIRS.contains(second))
        // The reporter's aside `گفتنی است،` / `افزودنی است،` opens a sentence, it is no speaker.
        || (second == "است" && matches!(first, "گفتنی" | "افزودنی" | "شنیدنی" | "خواندنی"))
}
pub(crate) fn governs_az(key: &str) -> bool {
    GOVERNS_AZ.contains(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporter_asides_are_openers() {
        assert!(is_opener_pair("گفتنی", "است"));
        assert!(!is_opener_pair("گفتنی", "نیست"));
    }

    #[test]
    fn role_heads_accept_ezafe_and_variants() {
        assert!(is_role_head(&fold("شهردار")));
        assert!(is_role_head(&fold("سخنگوی")));
        assert!(is_role_head(&fold("رييس")));
        assert!(!is_role_head(&fold("عظیمی")));
    }

    #[test]
    fn honorific_pairs() {
        assert!(is_honorific_pair(&fold("آيت"), &fold("الله")));
        assert!(is_honorific(&fold("حجت‌الاسلام")));
    }

    #[test]
    fn names_and_pronouns() {
        assert!(is_given_name(&fold("علي")));
        assert!(is_pronoun(&fold("وي")));
        assert!(!is_pronoun(&fold("من")));
    }
}
