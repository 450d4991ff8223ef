#![allow(clippy::unwrap_used)]
//! Reading article files from disk: errors, encodings, cheap metadata, invariants.

use std::path::Path;

use gloss::article::{self, ArticleError, Lang};
use proptest::prelude::*;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn empty_binary_unknown_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(matches!(
        article::load(&write(d, "e.txt", b"")),
        Err(ArticleError::Empty { .. })
    ));
    assert!(matches!(
        article::load(&write(d, "w.md", b"  \n\n ")),
        Err(ArticleError::Empty { .. })
    ));
    assert!(matches!(
        article::load(&write(d, "b.html", b"<html>\x00\x00</html>")),
        Err(ArticleError::Binary { .. })
    ));
    assert!(matches!(
        article::load(&write(d, "x.docx", b"text")),
        Err(ArticleError::UnknownFormat { .. })
    ));
    assert!(matches!(
        article::load(&d.join("nope.txt")),
        Err(ArticleError::Io { .. })
    ));
    assert!(matches!(
        article::load_meta(&write(d, "e2.txt", b"")),
        Err(ArticleError::Empty { .. })
    ));
    // Front matter and nothing else: no text to read.
    assert!(matches!(
        article::load(&write(d, "fm.md", b"---\ntitle: T\n---\n")),
        Err(ArticleError::Empty { .. })
    ));
}

#[test]
fn lossy_utf8_keeps_the_text_and_warns() {
    let dir = tempfile::tempdir().unwrap();
    let a = article::load(&write(
        dir.path(),
        "l.txt",
        b"Titel\n\nDer Satz hat ein \xc3 kaputtes Zeichen.\n",
    ))
    .unwrap();
    assert_eq!(
        a.paragraphs,
        vec!["Der Satz hat ein \u{fffd} kaputtes Zeichen."]
    );
    assert_eq!(a.warnings.len(), 1);
}

#[test]
fn utf16_text_with_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Titel\n\nDer Text über Köln.\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let a = article::load(&write(dir.path(), "u.txt", &bytes)).unwrap();
    assert_eq!(a.meta.title, "Titel");
    assert_eq!(a.paragraphs, vec!["Der Text über Köln."]);
}

#[test]
fn html_in_windows_1252_without_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let page = b"<html lang=\"de\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>Gr\xfc\xdfe</title></head><body><p>Die B\xfcrgermeisterin von K\xf6ln sagte, die Stra\xdfe werde \x84bald\x93 gesperrt.</p></body></html>";
    let a = article::load(&write(dir.path(), "p.html", page)).unwrap();
    assert_eq!(a.meta.title, "Grüße");
    assert_eq!(a.meta.lang, Lang::De);
    assert_eq!(
        a.paragraphs,
        vec!["Die Bürgermeisterin von Köln sagte, die Straße werde „bald“ gesperrt."]
    );
    assert!(a.warnings.is_empty());
}

#[test]
fn title_falls_back_to_the_file_name_and_date_to_its_date() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Dies ist ein langer erster Absatz ohne jede Überschrift, der einfach mit dem Text beginnt und erst nach vielen Wörtern mit einem Punkt endet, wie es bei kopierten Texten oft vorkommt.";
    let a = article::load(&write(
        dir.path(),
        "2023-05-06-ohne-kopf.txt",
        long.as_bytes(),
    ))
    .unwrap();
    assert_eq!(a.meta.title, "Ohne kopf");
    assert_eq!(a.meta.date, chrono::NaiveDate::from_ymd_opt(2023, 5, 6));
    assert_eq!(a.paragraphs, vec![long]);
}

#[test]
fn load_meta_reads_only_the_start_of_a_large_file() {
    let dir = tempfile::tempdir().unwrap();
    // The header, then far more text than load_meta reads: it must find the header in
    // its prefix and not choke on the paragraph it cuts off (mid-char, even).
    let mut bytes = b"2024-03-04\n\nPolitik\n\nGro\xc3\x9fe Debatte\n\n".to_vec();
    for _ in 0..20_000 {
        bytes.extend_from_slice("Ein Satz über große Zahlen. ".as_bytes());
    }
    let f = write(dir.path(), "big.txt", &bytes);
    let meta = article::load_meta(&f).unwrap();
    assert_eq!(meta.title, "Große Debatte");
    assert_eq!(meta.section.as_deref(), Some("Politik"));
    assert_eq!(meta.date, chrono::NaiveDate::from_ymd_opt(2024, 3, 4));
    assert_eq!(article::load(&f).unwrap().meta.title, meta.title);
}

fn words() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "alpha",
        "Beta",
        "gamma.",
        "Delta,",
        "eps",
        "Zeta!",
        "Über",
        "„quote“",
        "x\u{1b}y",
        "a\u{a0}b",
    ]);
    let sep = prop::sample::select(vec![" ", "\n", "\n\n", "\r\n", "\t", "\n \n", "\r\n\r\n"]);
    prop::collection::vec((word, sep), 1..60).prop_map(|v| {
        v.into_iter()
            .map(|(w, s)| format!("{w}{s}"))
            .collect::<String>()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the layout, no word is lost, paragraphs are single clean lines, and the
    /// paragraph starts index the body.
    #[test]
    fn txt_never_loses_text(src in words()) {
        let dir = tempfile::tempdir().unwrap();
        let f = write(dir.path(), "p.txt", src.as_bytes());
        let a = article::load(&f).unwrap();
        let mut out = a.paragraphs.join(" ");
        out.push(' ');
        out.push_str(&a.meta.title);
        if let Some(s) = &a.meta.section {
            out.push(' ');
            out.push_str(s);
        }
        let out_words: std::collections::HashSet<&str> = out.split_whitespace().collect();
        for w in src.split_whitespace() {
            prop_assert!(out_words.contains(w), "lost {:?}", w);
        }
        for p in &a.paragraphs {
            prop_assert!(!p.is_empty() && p.trim() == p);
            prop_assert!(!p.contains(['\n', '\r', '\t']));
        }
        let body: Vec<char> = a.body().chars().collect();
        for (p, s) in a.paragraphs.iter().zip(a.paragraph_starts()) {
            let n = p.chars().count();
            prop_assert_eq!(body[s..s + n].iter().collect::<String>(), p.clone());
        }
    }

    /// Any bytes at all: an article or a typed error, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), ext in prop::sample::select(vec!["txt", "md", "html"])) {
        let dir = tempfile::tempdir().unwrap();
        let f = write(dir.path(), &format!("r.{ext}"), &bytes);
        let _ = article::load(&f);
        let _ = article::load_meta(&f);
    }
}
