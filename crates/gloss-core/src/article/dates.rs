//! Dates as news articles write them, in German and English.
//!
//! Written by hand because no crate parses German month names ("21. Dezember, 2024") and
//! header lines must be recognised strictly (a whole line that is a date, nothing more).

use chrono::NaiveDate;

/// `YYYY-MM-DD` at the start of `s` (what follows is not looked at).
pub fn parse_iso_prefix(s: &str) -> Option<NaiveDate> {
    let head = s.get(..10)?;
    let b = head.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    // Digits only, as nearly every date is: read without chrono's format parser (a file
    // name's date is read for every file of a folder).
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) {
        return i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d));
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// A date in metadata (front matter, meta tags, JSON-LD): ISO 8601 with or without a time,
/// `YYYYMMDD`, RFC 2822, or any form [`parse_date_line`] reads.
pub fn parse_date_value(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = parse_iso_prefix(s) {
        let rest = &s[10..];
        if rest.is_empty() || rest.starts_with(['T', 't', ' ', '+', 'Z', 'z']) {
            return Some(d);
        }
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    parse_date_line(s)
}

/// A line that is a date and nothing else (a weekday, a time and words such as
/// "Stand:" or "Updated" may stand around it): `21. Dezember, 2024`, `2024-12-21`,
/// `December 21, 2024`, `21.12.2024`, `Dec. 21, 2024`, `Montag, 21. Dezember 2024, 14:30 Uhr`.
pub fn parse_date_line(line: &str) -> Option<NaiveDate> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 60 {
        return None;
    }
    let mut day: Option<u32> = None;
    let mut month: Option<u32> = None;
    let mut year: Option<i32> = None;
    let mut full: Option<NaiveDate> = None;
    for raw in line.split(|c: char| c.is_whitespace() || c == ',') {
        let tok = raw.trim_matches(|c: char| matches!(c, '(' | ')' | '|' | '·' | '–' | '—'));
        if tok.is_empty() || tok == "-" {
            continue;
        }
        if let Some(d) = numeric_date(tok) {
            if full.replace(d).is_some() {
                return None;
            }
            continue;
        }
        let word = tok.trim_end_matches(['.', ':']);
        if word.is_empty() {
            continue;
        }
        if word.bytes().all(|b| b.is_ascii_digit()) {
            let n: u32 = word.parse().ok()?;
            match word.len() {
                1 | 2 if day.is_none() && (1..=31).contains(&n) => day = Some(n),
                4 if year.is_none() => year = Some(i32::try_from(n).ok()?),
                _ => return None,
            }
            continue;
        }
        let lower = word.to_lowercase();
        if let Some(m) = crate::text::lexicon::month_number(&lower) {
            if month.replace(m).is_some() {
                return None;
            }
            continue;
        }
        if is_ignorable(&lower) || is_time(&lower) {
            continue;
        }
        return None;
    }
    if let Some(d) = full {
        return (day.is_none() && month.is_none() && year.is_none()).then_some(d);
    }
    NaiveDate::from_ymd_opt(year?, month?, day?)
}

/// `2024-12-21`, `2024/12/21`, `21.12.2024` (a trailing dot allowed).
fn numeric_date(tok: &str) -> Option<NaiveDate> {
    let tok = tok.trim_end_matches('.');
    if let Some(d) = parse_iso_prefix(tok) {
        return (tok.len() == 10).then_some(d);
    }
    if tok.len() == 10 && tok.as_bytes().get(4) == Some(&b'/') {
        return NaiveDate::parse_from_str(tok, "%Y/%m/%d").ok();
    }
    let parts: Vec<&str> = tok.split('.').collect();
    if parts.len() == 3
        && parts[2].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let d: u32 = parts[0].parse().ok()?;
        let m: u32 = parts[1].parse().ok()?;
        let y: i32 = parts[2].parse().ok()?;
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    None
}

/// Words that may stand beside a date on a date line without making it something else.
fn is_ignorable(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonnabend",
        "sonntag",
        "mo",
        "di",
        "mi",
        "do",
        "fr",
        "sa",
        "so",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "stand",
        "veröffentlicht",
        "aktualisiert",
        "am",
        "um",
        "uhr",
        "updated",
        "published",
        "posted",
        "on",
        "at",
        "pm",
        "gmt",
        "utc",
        "cet",
        "cest",
        "mez",
        "mesz",
        "est",
        "edt",
        "bst",
    ];
    WORDS.contains(&w)
}

/// `14:30`, `2:05pm`, `+0100`.
fn is_time(w: &str) -> bool {
    let core = w.trim_end_matches("am").trim_end_matches("pm");
    (core.contains(':') && core.bytes().all(|b| b.is_ascii_digit() || b == b':'))
        || (w.starts_with('+') && w.len() == 5 && w[1..].bytes().all(|b| b.is_ascii_digit()))
}

/// The first `YYYY-MM-DD` in a file name (`2024-12-21-foo.txt`, `news_2024-12-21.md`).
pub fn date_in_name(name: &str) -> Option<NaiveDate> {
    let bytes = name.as_bytes();
    (0..name.len()).find_map(|i| {
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after_ok = bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit());
        if before_ok && after_ok && name.is_char_boundary(i) {
            name.get(i..).and_then(parse_iso_prefix)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn iso_prefixes_read_by_hand_are_chronos() {
        for s in [
            "2024-12-21",
            "2024-02-30",
            "2024-02-29",
            "2023-02-29",
            "0000-01-01",
            "9999-12-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-1x-01",
            "+202-01-01",
            "-202-01-01",
            "2024- 1-01",
            "2024-01-32",
            "1999-06-15xyz",
        ] {
            let chrono = s
                .get(..10)
                .and_then(|h| NaiveDate::parse_from_str(h, "%Y-%m-%d").ok());
            assert_eq!(parse_iso_prefix(s), chrono, "{s}");
        }
    }

    #[test]
    fn every_header_date_format() {
        for line in [
            "21. Dezember, 2024",
            "21. Dezember 2024",
            "2024-12-21",
            "December 21, 2024",
            "21.12.2024",
            "Dec. 21, 2024",
            "21 Dec 2024",
            "Samstag, 21. Dezember 2024, 14:30 Uhr",
            "Saturday, December 21, 2024 2:30 pm",
            "Stand: 21.12.2024 14:30 Uhr",
            "2024/12/21",
            "DEC 21 2024",
        ] {
            assert_eq!(parse_date_line(line), d(2024, 12, 21), "{line}");
        }
        assert_eq!(parse_date_line("3. März 2025"), d(2025, 3, 3));
        assert_eq!(parse_date_line("Sept. 9, 2023"), d(2023, 9, 9));
        assert_eq!(parse_date_line("1. Mai 2024"), d(2024, 5, 1));
    }

    #[test]
    fn lines_that_are_not_only_a_date() {
        for line in [
            "Politik",
            "Am 21. Dezember 2024 trafen sich die Präsidenten",
            "21 Dezember",
            "2024",
            "31. Februar 2024",
            "Mai 2024 war warm",
            "",
            "12 12 2024 Dec",
        ] {
            assert_eq!(parse_date_line(line), None, "{line}");
        }
    }

    #[test]
    fn metadata_values() {
        assert_eq!(
            parse_date_value("2024-12-21T10:00:00+01:00"),
            d(2024, 12, 21)
        );
        assert_eq!(parse_date_value("2024-12-21 10:00"), d(2024, 12, 21));
        assert_eq!(parse_date_value("20241221"), d(2024, 12, 21));
        assert_eq!(
            parse_date_value("Sat, 21 Dec 2024 10:00:00 GMT"),
            d(2024, 12, 21)
        );
        assert_eq!(parse_date_value("gestern"), None);
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(date_in_name("2024-12-21-putin.txt"), d(2024, 12, 21));
        assert_eq!(date_in_name("news_2024-12-21.md"), d(2024, 12, 21));
        assert_eq!(date_in_name("12024-12-21.md"), None);
        assert_eq!(date_in_name("ä2024-12-21ü"), d(2024, 12, 21));
        assert_eq!(date_in_name("notes.txt"), None);
    }
}
