//! Dates: ISO `2024-05-01` and Jalali `1403/02/12` (Persian or ASCII digits) to ISO, and back.

/// A calendar date in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The Jalali (Solar Hijri) year, month and day of this date.
    pub fn to_jalali(self) -> (i32, u32, u32) {
        gregorian_to_jalali(self.year, self.month, self.day)
    }
}

fn is_leap_gregorian(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_gregorian_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_gregorian(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Jalali to Gregorian (the arithmetic of jdf.scr.ir / jalaali-js, exact for 1–3177 AP).
pub fn jalali_to_gregorian(jy: i32, jm: u32, jd: u32) -> (i32, u32, u32) {
    let jy = i64::from(jy) + 1595;
    let jm = i64::from(jm);
    let mut days = -355_668
        + 365 * jy
        + (jy / 33) * 8
        + ((jy % 33) + 3) / 4
        + i64::from(jd)
        + if jm < 7 {
            (jm - 1) * 31
        } else {
            (jm - 7) * 30 + 186
        };
    let mut gy = 400 * (days / 146_097);
    days %= 146_097;
    if days > 36_524 {
        days -= 1;
        gy += 100 * (days / 36_524);
        days %= 36_524;
        if days >= 365 {
            days += 1;
        }
    }
    gy += 4 * (days / 1461);
    days %= 1461;
    if days > 365 {
        gy += (days - 1) / 365;
        days = (days - 1) % 365;
    }
    let gy = gy as i32;
    let mut gd = days as u32 + 1;
    let mut gm = 1;
    while gm <= 12 && gd > days_in_gregorian_month(gy, gm) {
        gd -= days_in_gregorian_month(gy, gm);
        gm += 1;
    }
    (gy, gm, gd)
}

/// Gregorian to Jalali.
pub fn gregorian_to_jalali(gy: i32, gm: u32, gd: u32) -> (i32, u32, u32) {
    const G_D_M: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let gy = i64::from(gy);
    let gy2 = if gm > 2 { gy + 1 } else { gy };
    let mut days = 355_666 + 365 * gy + (gy2 + 3) / 4 - (gy2 + 99) / 100
        + (gy2 + 399) / 400
        + i64::from(gd)
        + G_D_M[(gm as usize).clamp(1, 12) - 1];
    let mut jy = -1595 + 33 * (days / 12_053);
    days %= 12_053;
    jy += 4 * (days / 1461);
    days %= 1461;
    if days > 365 {
        jy += (days - 1) / 365;
        days = (days - 1) % 365;
    }
    let (jm, jd) = if days < 186 {
        (1 + days / 31, 1 + days % 31)
    } else {
        (7 + (days - 186) / 30, 1 + (days - 186) % 30)
    };
    (jy as i32, jm as u32, jd as u32)
}

fn jalali_month_days(jy: i32, jm: u32) -> u32 {
    match jm {
        1..=6 => 31,
        7..=11 => 30,
        12 => {
            // Esfand has 30 days in a leap year: the day after 29 Esfand is still Esfand.
            let (gy, gm, gd) = jalali_to_gregorian(jy, 12, 30);
            if gregorian_to_jalali(gy, gm, gd) == (jy, 12, 30) {
                30
            } else {
                29
            }
        }
        _ => 0,
    }
}

/// Parses an ISO date (`2024-05-01`, optionally followed by a time) or a Jalali one (`1403/02/12`,
/// `۱۴۰۳/۰۲/۱۲`, `1403-2-12`): years below 1700 are read as Jalali. Returns `None` when the text is not a
/// valid date.
pub fn parse_date(text: &str) -> Option<Date> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            _ => c,
        })
        .collect();
    // Keep the date part of an ISO date-time (`2024-05-01T10:00:00Z`, `2024-05-01 10:00`).
    let date_part = ascii.split(['T', ' ']).next()?;
    let mut parts = date_part.split(['-', '/', '.']);
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    if year < 1700 {
        if !(1..=3000).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > jalali_month_days(year, month) {
            return None;
        }
        let (year, month, day) = jalali_to_gregorian(year, month, day);
        Some(Date { year, month, day })
    } else {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_gregorian_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }
}

/// [`parse_date`], giving ISO text.
pub fn to_iso(text: &str) -> Option<String> {
    parse_date(text).map(Date::to_iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jalali_dates_become_iso() {
        assert_eq!(to_iso("1403/02/12").as_deref(), Some("2024-05-01"));
        assert_eq!(to_iso("۱۴۰۳/۰۲/۱۲").as_deref(), Some("2024-05-01"));
        assert_eq!(to_iso("1403/01/01").as_deref(), Some("2024-03-20"));
        assert_eq!(to_iso("1399/12/30").as_deref(), Some("2021-03-20"));
        assert_eq!(to_iso("1402/12/30"), None, "1402 is not a leap year");
    }

    #[test]
    fn iso_dates_pass_through() {
        assert_eq!(to_iso("2024-05-01").as_deref(), Some("2024-05-01"));
        assert_eq!(
            to_iso("2024-05-01T10:20:00Z").as_deref(),
            Some("2024-05-01")
        );
        assert_eq!(to_iso("2024-02-30"), None);
        assert_eq!(to_iso("tomorrow"), None);
        assert_eq!(to_iso(""), None);
    }

    #[test]
    fn round_trip_over_many_days() {
        let start = Date {
            year: 1990,
            month: 1,
            day: 1,
        };
        let mut d = start;
        for _ in 0..20_000 {
            let (jy, jm, jd) = d.to_jalali();
            assert_eq!(jalali_to_gregorian(jy, jm, jd), (d.year, d.month, d.day));
            d.day += 1;
            if d.day > days_in_gregorian_month(d.year, d.month) {
                d.day = 1;
                d.month += 1;
                if d.month > 12 {
                    d.month = 1;
                    d.year += 1;
                }
            }
        }
        assert_eq!(
            Date {
                year: 1970,
                month: 1,
                day: 2
            }
            .days_since_epoch(),
            1
        );
    }
}
