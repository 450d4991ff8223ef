#![allow(clippy::unwrap_used)]
//! The sample articles every later feature is tried on: each parses richly, and the cheap
//! metadata read agrees with the full parse.

use std::collections::HashSet;
use std::path::Path;

use gloss::article::{self, Format, Lang};

fn samples() -> Vec<std::path::PathBuf> {
    let scan = article::scan(Path::new("assets/articles"));
    assert!(scan.skipped.is_empty(), "{:?}", scan.skipped);
    scan.files
}

#[test]
fn there_are_at_least_seven_articles_in_every_format_and_both_languages() {
    let files = samples();
    assert!(files.len() >= 7, "{files:?}");
    let mut formats = HashSet::new();
    let mut langs = HashSet::new();
    let mut dates = HashSet::new();
    for f in &files {
        let a = article::load(f).unwrap();
        formats.insert(format!("{:?}", Format::from_path(f).unwrap()));
        langs.insert(a.meta.lang);
        assert!(
            dates.insert(a.meta.date.unwrap()),
            "{} repeats a date",
            f.display()
        );
    }
    assert_eq!(formats.len(), 3, "{formats:?}");
    assert!(langs.contains(&Lang::De) && langs.contains(&Lang::En));
    assert!(files.iter().any(|f| f.parent().unwrap().ends_with("wire")));
}

#[test]
fn every_sample_is_rich_and_clean() {
    for f in samples() {
        let a = article::load(&f).unwrap();
        let n = a.paragraphs.len();
        assert!((4..=10).contains(&n), "{}: {n} paragraphs", f.display());
        assert!(!a.meta.title.is_empty());
        assert!(a.warnings.is_empty(), "{}: {:?}", f.display(), a.warnings);
        for p in &a.paragraphs {
            assert!(
                !p.is_empty() && !p.contains('\n') && p.trim() == p,
                "{}: {p:?}",
                f.display()
            );
            assert_ne!(p, &a.meta.title, "{}: title repeated in body", f.display());
        }
        // Attributed statements and figures are what the suggestions are tried on.
        let body = a.body();
        assert!(
            body.chars().filter(char::is_ascii_digit).count() >= 5,
            "{}",
            f.display()
        );
    }
}

#[test]
fn load_meta_agrees_with_load() {
    for f in samples() {
        let full = article::load(&f).unwrap().meta;
        let meta = article::load_meta(&f).unwrap();
        assert_eq!(meta.title, full.title, "{}", f.display());
        assert_eq!(meta.date, full.date, "{}", f.display());
        assert_eq!(meta.section, full.section, "{}", f.display());
        assert_eq!(meta.lang, full.lang, "{}", f.display());
    }
}

#[test]
fn file_names_give_the_article_date() {
    for f in samples() {
        let a = article::load(&f).unwrap();
        assert_eq!(
            article::date_from_file_name(&f),
            a.meta.date,
            "{}",
            f.display()
        );
    }
}

#[test]
fn seed_parses_to_the_contract() {
    let a = article::load(Path::new("assets/articles/2024-12-21-putin-pezeshkian.txt")).unwrap();
    assert_eq!(
        a.meta.title,
        "Putin und Pezeshkian schmieden neue strategische Allianz"
    );
    assert_eq!(a.meta.date, chrono::NaiveDate::from_ymd_opt(2024, 12, 21));
    assert_eq!(a.meta.section.as_deref(), Some("Politik"));
    assert_eq!(a.meta.lang, Lang::De);
    assert_eq!(a.paragraphs.len(), 7);
    assert!(a.paragraphs[0].starts_with("Das erste Treffen"));
    let starts = a.paragraph_starts();
    let body: Vec<char> = a.body().chars().collect();
    for (p, s) in a.paragraphs.iter().zip(starts) {
        let n = p.chars().count();
        assert_eq!(body[s..s + n].iter().collect::<String>(), *p);
    }
}

#[test]
fn sorting_newest_first_then_by_path() {
    let mut items: Vec<_> = samples()
        .into_iter()
        .map(|f| {
            let m = article::load_meta(&f).unwrap();
            (f, m)
        })
        .collect();
    article::sort_newest_first(&mut items);
    let dates: Vec<_> = items.iter().map(|(_, m)| m.date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}
