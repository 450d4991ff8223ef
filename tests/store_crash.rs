//! Crash safety: a writer killed with SIGKILL at random moments never leaves a store file
//! that does not parse, and never loses a save it acknowledged.
//!
//! The writer is this test binary itself, run again with a filter that selects
//! `writer_child` and an environment variable that makes that test do the writing: so no
//! extra program has to be built.
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use gloss::annotation::{Annotation, Kind, Origin, Store, file};

const ENV: &str = "GLOSS_CRASH_WRITER";
const ARTICLES: [&str; 3] = ["eins.txt", "zwei.txt", "drei.txt"];

fn body_text() -> String {
    (0..300)
        .map(|i| format!("Wort{i} über Öl und Gas"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every store file parses and together they hold every acknowledged annotation id.
fn assert_store_holds(data: &Path, acknowledged: &HashSet<String>, round: usize) {
    let mut stored: HashSet<String> = HashSet::new();
    for p in Store::open_for_reading(data).files() {
        let f = file::read(&p)
            .unwrap_or_else(|e| panic!("round {round}: {e}"))
            .unwrap();
        stored.extend(f.annotations.into_iter().map(|a| a.id));
    }
    let lost: Vec<_> = acknowledged.difference(&stored).collect();
    assert!(lost.is_empty(), "round {round}: lost {lost:?}");
}

/// The writer: saves annotations one by one, forever, printing `saved <id>` after each
/// `Store::save` returned. Does nothing unless run by the crash test.
#[test]
fn writer_child() {
    let Ok(dir) = std::env::var(ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    let store = Store::open(&dir.join("data")).unwrap();
    assert!(
        store.read_only().is_none(),
        "the previous writer still holds the lock"
    );
    let body = body_text();
    let len = body.chars().count();
    let mut out = std::io::stdout().lock();
    for i in 0usize.. {
        let art = dir.join(ARTICLES[i % ARTICLES.len()]);
        let mut rec = store.load(&art, "Titel", &body).record;
        let start = (i * 37) % (len - 20);
        let mut a = Annotation::new(
            &body,
            Kind::Entity,
            "MISC",
            start,
            start + 9,
            Origin::Manual,
        );
        a.note = format!("Notiz {i}, \"zitiert\"\nzweite Zeile");
        let id = a.id.clone();
        rec.annotations.push(a);
        store.save(&rec).unwrap();
        writeln!(out, "saved {id}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn sigkill_while_writing_loses_no_acknowledged_save() {
    let t = tempfile::tempdir().unwrap();
    for name in ARTICLES {
        std::fs::write(t.path().join(name), body_text()).unwrap();
    }
    let exe = std::env::current_exe().unwrap();
    let mut acknowledged: HashSet<String> = HashSet::new();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..15 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let wait_for = 1 + (seed >> 33) as usize % 25;
        let extra_us = (seed >> 13) % 3000;
        let mut child = Command::new(&exe)
            .args(["writer_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(ENV, t.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut seen = 0;
        while seen < wait_for {
            let Some(line) = lines.next() else { break };
            if let Some(id) = line.unwrap().strip_prefix("saved ") {
                acknowledged.insert(id.to_string());
                seen += 1;
            }
        }
        assert_eq!(seen, wait_for, "round {round}: the writer stopped early");
        // Land somewhere inside a later save.
        std::thread::sleep(Duration::from_micros(extra_us));
        child.kill().unwrap();
        child.wait().unwrap();
        // Saves acknowledged between our last read and the kill.
        for line in lines.map_while(Result::ok) {
            if let Some(id) = line.strip_prefix("saved ") {
                acknowledged.insert(id.to_string());
            }
        }
        assert_store_holds(&t.path().join("data"), &acknowledged, round);
    }
    assert!(acknowledged.len() >= 15);
}

/// The same with the real `gloss` binary: `gloss import` runs, one annotation at a time, and
/// is killed at random moments; an import is acknowledged when the process exited 0.
#[test]
fn sigkill_of_gloss_import_loses_no_acknowledged_import() {
    use gloss::annotation::export::{ExportArticle, to_toml};
    let t = tempfile::tempdir().unwrap();
    let art = t.path().join("artikel.txt");
    std::fs::write(
        &art,
        format!("2024-01-02\n\nEin Titel\n\n{}\n", body_text()),
    )
    .unwrap();
    let parsed = gloss::article::load(&art).unwrap();
    let body = parsed.body();
    let len = body.chars().count();
    let data = t.path().join("data");
    let exe = assert_cmd::cargo::cargo_bin("gloss");
    let (mut acknowledged, mut killed) = (HashSet::new(), 0);
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut round = 0;
    while round < 300 && (killed < 5 || acknowledged.len() < 5) {
        round += 1;
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let start = (round * 37) % (len - 20);
        let mut a = Annotation::new(
            &body,
            Kind::Entity,
            "MISC",
            start,
            start + 9,
            Origin::Manual,
        );
        a.note = format!("Import {round}\nzweite Zeile");
        let id = a.id.clone();
        let doc = to_toml(
            &[ExportArticle {
                path: art.to_string_lossy().into_owned(),
                title: parsed.meta.title.clone(),
                date: parsed.meta.date,
                section: None,
                sha256: file::sha256_hex(&body),
                annotations: vec![a],
            }],
            gloss::annotation::now(),
        )
        .unwrap();
        let import = t.path().join(format!("import-{round}.toml"));
        std::fs::write(&import, doc).unwrap();
        let mut child = Command::new(&exe)
            .arg("--data-dir")
            .arg(&data)
            .arg("import")
            .arg(&import)
            .env_remove("GLOSS_CONFIG")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Every eighth import runs to its end, so that the kills below always have
        // acknowledged imports to lose, however slow a loaded machine makes each run.
        if round % 8 == 0 {
            let status = child.wait().unwrap();
            assert!(status.success(), "round {round}: import failed");
            acknowledged.insert(id);
            assert_store_holds(&data, &acknowledged, round);
            continue;
        }
        std::thread::sleep(Duration::from_micros((seed >> 20) % 12_000));
        match child.try_wait().unwrap() {
            Some(status) => {
                assert!(status.success(), "round {round}: import failed");
                acknowledged.insert(id);
            }
            None => {
                child.kill().unwrap();
                let status = child.wait().unwrap();
                if status.success() {
                    acknowledged.insert(id);
                } else {
                    killed += 1;
                }
            }
        }
        assert_store_holds(&data, &acknowledged, round);
    }
    assert!(killed >= 5, "only {killed} imports were killed mid-run");
    assert!(
        acknowledged.len() >= 5,
        "only {} imports finished",
        acknowledged.len()
    );
}
