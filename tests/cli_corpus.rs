//! The corpus commands (`gloss search`, `gloss entities`, `gloss claims`) through the real
//! binary, and the index's faults: a process killed at random moments while indexing, and
//! several processes sharing one index.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const PEOPLE: &[(&str, &str)] = &[
    ("Wladimir Putin", "Putin"),
    ("Olaf Scholz", "Scholz"),
    ("Emmanuel Macron", "Macron"),
    ("Annalena Baerbock", "Baerbock"),
];
const PLACES: &[&str] = &["Berlin", "Moskau", "Paris", "Kiew", "Brüssel"];

/// A corpus of `n` German news-sized articles, each naming people and places and holding
/// attributed claims; deterministic.
fn corpus(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let (full, short) = PEOPLE[i % PEOPLE.len()];
        let place = PLACES[i % PLACES.len()];
        let other = PLACES[(i + 2) % PLACES.len()];
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let mut body = format!(
            "{full} reiste am Montag nach {place}. Dort traf er Vertreter aus {other}.\n\n"
        );
        for k in 0..(6 + i % 10) {
            body.push_str(&format!(
                "„Wir werden die Zusammenarbeit vertiefen“, sagte {short} in {place}. \
                 Beobachter in {other} erwarten weitere Gespräche in der Woche {k}. \
                 Die Lage bleibt nach Angaben der Regierung angespannt.\n\n"
            ));
        }
        std::fs::write(
            dir.join(format!("2024-{month:02}-{day:02}-artikel-{i:04}.txt")),
            format!("2024-{month:02}-{day:02}\n\nBericht {i} aus {place}\n\n{body}"),
        )
        .unwrap();
    }
}

fn gloss(data: &Path) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("gloss"));
    c.arg("--data-dir")
        .arg(data)
        .env("GLOSS_CONFIG", "/dev/null");
    c
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn entities(data: &Path, arts: &Path) -> serde_json::Value {
    json(
        &gloss(data)
            .args(["entities", "--format", "json"])
            .arg(arts)
            .output()
            .unwrap(),
    )
}

#[test]
fn search_entities_and_claims_answer_across_articles() {
    let t = tempfile::tempdir().unwrap();
    let arts = t.path().join("arts");
    corpus(&arts, 12);
    let data = t.path().join("data");
    let r = json(
        &gloss(&data)
            .args(["search", "Moskaus", "--format", "json"])
            .arg(&arts)
            .output()
            .unwrap(),
    );
    let results = r["results"].as_array().unwrap();
    // Articles 1, 6, 11 are about Moskau ("Moskaus" finds "Moskau").
    assert_eq!(results.len(), 3 + 2, "{r}");
    let dates: Vec<&str> = results
        .iter()
        .map(|x| x["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    for x in results {
        assert!(
            x["path"]
                .as_str()
                .unwrap()
                .starts_with(arts.to_str().unwrap())
        );
        assert!(x["snippet"].as_str().unwrap().contains("Moskau"), "{x}");
    }
    // Diacritics do not matter.
    let r = json(
        &gloss(&data)
            .args(["search", "brussel", "--format", "json"])
            .arg(&arts)
            .output()
            .unwrap(),
    );
    assert!(!r["results"].as_array().unwrap().is_empty());
    let e = entities(&data, &arts);
    let putin = e["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["canonical"] == "Wladimir Putin")
        .unwrap_or_else(|| panic!("{e}"));
    assert_eq!(putin["label"], "PER");
    assert_eq!(putin["articles"], 3);
    let c = json(
        &gloss(&data)
            .args(["claims", "--speaker", "scholz", "--format", "json"])
            .arg(&arts)
            .output()
            .unwrap(),
    );
    let claims = c["claims"].as_array().unwrap();
    assert!(!claims.is_empty(), "{c}");
    assert!(
        claims
            .iter()
            .all(|x| x["speaker"].as_str().unwrap().contains("Scholz")),
        "{c}"
    );
    // Text output: one line per hit, no escape reaches the terminal.
    let out = gloss(&data)
        .args(["search", "Kiew"])
        .arg(&arts)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[Kiew]"), "{text}");
    // A folder that does not exist: exit 1, naming it.
    let out = gloss(&data)
        .args(["entities"])
        .arg(t.path().join("nowhere"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere"));
}

#[test]
fn a_damaged_index_file_is_rebuilt_and_answers_correctly() {
    let t = tempfile::tempdir().unwrap();
    let arts = t.path().join("arts");
    corpus(&arts, 10);
    let data = t.path().join("data");
    let want = entities(&data, &arts);
    let file = data.join("index").join(gloss::index::FILE_NAME);
    // Overwrite the middle of the file with garbage.
    let mut bytes = std::fs::read(&file).unwrap();
    let mid = bytes.len() / 3;
    for b in &mut bytes[mid..] {
        *b = 0x5a;
    }
    bytes[..16].copy_from_slice(b"not a database!!");
    std::fs::write(&file, &bytes).unwrap();
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", file.display()));
    }
    let out = gloss(&data)
        .args(["entities", "--format", "json"])
        .arg(&arts)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(stderr.contains("rebuilt"), "{stderr}");
    assert_eq!(json(&out), want);
}

/// A tiny deterministic generator for the kill moments.
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

#[test]
fn sigkill_while_indexing_leaves_an_index_that_answers_correctly() {
    let t = tempfile::tempdir().unwrap();
    let arts = t.path().join("arts");
    corpus(&arts, 300);
    let data = t.path().join("data");
    let mut seed = 0x2545_f491_4f6c_dd1d;
    let mut killed_midway = 0;
    for round in 0..8 {
        let mut child = gloss(&data)
            .args(["entities", "--format", "json"])
            .arg(&arts)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(20 + next(&mut seed) % 400));
        if child.try_wait().unwrap().is_none() {
            killed_midway += 1;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        // Some files change between rounds, so re-indexing has work to redo.
        let victim = arts.join(format!("2024-01-{:02}-artikel-{:04}.txt", 1 + round, round));
        let text = std::fs::read_to_string(&victim).unwrap();
        std::fs::write(
            &victim,
            format!("{text}\nNachtrag {round}, sagte Macron.\n"),
        )
        .unwrap();
        let got = entities(&data, &arts);
        // The answer of an index built without interruption, on the same files.
        let want = entities(&t.path().join(format!("reference-{round}")), &arts);
        assert_eq!(got, want, "round {round}");
    }
    assert!(killed_midway > 0, "no kill landed while indexing");
}

#[test]
fn processes_sharing_the_index_all_answer_correctly() {
    let t = tempfile::tempdir().unwrap();
    let arts = t.path().join("arts");
    corpus(&arts, 60);
    let want = entities(&t.path().join("reference"), &arts);
    let data = t.path().join("data");
    let children: Vec<_> = (0..3)
        .map(|_| {
            gloss(&data)
                .args(["entities", "--format", "json"])
                .arg(&arts)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!stderr.contains("temporary"), "{stderr}");
        assert_eq!(json(&out), want);
    }
    // And the shared index, used again, still agrees.
    assert_eq!(entities(&data, &arts), want);
}

#[test]
fn capital_s_searches_all_articles_and_opens_the_match() {
    let t = tempfile::tempdir().unwrap();
    let arts = t.path().join("arts");
    corpus(&arts, 30);
    // An older article (not the one opened first) mentions a rare word far down its body.
    let last = arts.join("2024-01-06-artikel-0005.txt");
    let text = std::fs::read_to_string(&last).unwrap();
    std::fs::write(
        &last,
        format!("{text}\nZuletzt sprach man über Zitronenfalter.\n"),
    )
    .unwrap();
    let data = t.path().join("data");
    // Build the index (the terminal does it in the background; render does not).
    entities(&data, &arts);
    let out = gloss(&data)
        .args([
            "render",
            "--size",
            "120x30",
            "--keys",
            "SZitronenfalter<Enter><Enter>",
        ])
        .arg(&arts)
        .output()
        .unwrap();
    let screen = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{screen}");
    // The reader shows the matched paragraph (scrolled there), titled by that article.
    assert!(screen.contains("Zitronenfalter"), "{screen}");
    assert!(screen.contains("Bericht 5 aus"), "{screen}");
    assert!(!screen.contains("¶ 1/"), "scrolled to the match: {screen}");
    // Before choosing, the results are listed with the match marked.
    let out = gloss(&data)
        .args([
            "render",
            "--size",
            "200x30",
            "--keys",
            "SZitronenfalter<Enter>",
        ])
        .arg(&arts)
        .output()
        .unwrap();
    let screen = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(screen.contains("«Zitronenfalter»"), "{screen}");
    assert!(screen.contains("1 articles"), "{screen}");
}

#[test]
fn the_reading_position_is_restored_on_the_next_start_and_survives_the_index() {
    let t = tempfile::tempdir().unwrap();
    let arts = t.path().join("arts");
    corpus(&arts, 3);
    let data = t.path().join("data");
    let render = |keys: &str| {
        let out = gloss(&data)
            .args(["render", "--size", "120x20", "--keys", keys])
            .arg(&arts)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let first = render("");
    assert!(first.contains("¶ 1/"), "{first}");
    // Move down four paragraphs, quit: the position is saved.
    let moved = render("<Tab>}}}}q");
    assert!(moved.contains("¶ 5/"), "{moved}");
    assert!(data.join("reading.toml").exists());
    std::fs::remove_dir_all(data.join("index")).unwrap();
    let again = render("");
    // The cursor is back on paragraph 5, shown a third down the pane (so the top
    // paragraph is an earlier one, but never the first).
    assert!(!again.contains("¶ 1/"), "restored: {again}");
    assert!(again.contains("Woche 3"), "restored: {again}");
}
