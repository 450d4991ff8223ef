#![allow(clippy::unwrap_used)]
//! `gloss suggest` end to end: the seed article, offsets with `--raw` and stdin, formats,
//! errors.

use assert_cmd::Command;
use serde_json::Value;

const SEED: &str = "assets/articles/2024-12-21-putin-pezeshkian.txt";

fn gloss() -> Command {
    let mut cmd = Command::cargo_bin("gloss").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    cmd.env("GLOSS_DATA_DIR", dir.path())
        .env("GLOSS_CONFIG", &config);
    // The directory must outlive the command: leak it for the test's duration.
    std::mem::forget(dir);
    cmd
}

fn json(args: &[&str], stdin: Option<&str>) -> Value {
    let mut cmd = gloss();
    cmd.arg("suggest").args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

fn has_entity(a: &Value, text: &str, label: &str) -> bool {
    a["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["label"] == label && (e["text"] == text || e["canonical"] == text))
}

#[test]
fn seed_article_entities_and_claims() {
    let v = json(&["--format", "json", SEED], None);
    let a = &v["articles"][0];
    assert_eq!(a["lang"], "de");
    for per in ["Wladimir Putin", "Masoud Pezeshkian"] {
        assert!(has_entity(a, per, "PER"), "{per}");
    }
    for loc in [
        "Russland",
        "Iran",
        "Israel",
        "Turkmenistan",
        "Teheran",
        "Moskau",
        "Kasan",
        "Ukraine",
        "Saudi-Arabien",
        "Vereinigte Arabische Emirate",
    ] {
        assert!(has_entity(a, loc, "LOC"), "{loc}");
    }
    assert!(has_entity(a, "S-400", "MISC"));
    for noun in ["Treffen", "Spannungen", "Experten", "Luftabwehrsysteme"] {
        assert!(
            !a["entities"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["text"] == noun),
            "{noun} is not an entity"
        );
    }
    let claims = a["claims"].as_array().unwrap();
    let claim = |needle: &str| {
        claims
            .iter()
            .find(|c| c["text"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no claim with {needle}"))
    };
    assert_eq!(claim("Experten vermuten")["speaker"], "Experten");
    assert_eq!(claim("Pezeshkian betonte")["speaker"], "Masoud Pezeshkian");
    assert_eq!(claim("betont Teheran")["speaker"], "Teheran");
    assert_eq!(claim("S-400 könnten")["cue"], "könnten");
    // Putins short mentions are grouped under the full name.
    let putin: Vec<&Value> = a["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["text"] == "Putin")
        .collect();
    assert!(!putin.is_empty());
    assert!(putin.iter().all(|e| e["canonical"] == "Wladimir Putin"));
}

#[test]
fn raw_offsets_index_the_file_in_chars() {
    let text = std::fs::read_to_string(SEED).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let v = json(&["--raw", "--format", "json", SEED], None);
    let a = &v["articles"][0];
    let slice = |s: &Value, e: &Value| -> String {
        chars[s.as_u64().unwrap() as usize..e.as_u64().unwrap() as usize]
            .iter()
            .collect()
    };
    for e in a["entities"].as_array().unwrap() {
        assert_eq!(slice(&e["start"], &e["end"]), e["text"].as_str().unwrap());
    }
    for c in a["claims"].as_array().unwrap() {
        assert_eq!(slice(&c["start"], &c["end"]), c["text"].as_str().unwrap());
    }
}

#[test]
fn stdin_is_the_body_and_offsets_count_chars() {
    let body = "Äußerst früh: Laut Regierung kam Präsident Emmanuel Macron nach Wien.";
    let v = json(&["--format", "json", "-"], Some(body));
    let a = &v["articles"][0];
    let e = a["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == "Emmanuel Macron")
        .unwrap();
    let want = body[..body.find("Emmanuel").unwrap()].chars().count();
    assert_eq!(e["start"].as_u64().unwrap() as usize, want);
    assert_eq!(e["label"], "PER");
    let c = &a["claims"][0];
    assert_eq!(c["cue"], "Laut");
    assert_eq!(c["speaker"], "Regierung");
}

#[test]
fn toml_output_has_the_same_structure() {
    let out = gloss()
        .args(["suggest", "--format", "toml", SEED])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: toml::Value = toml::from_str(std::str::from_utf8(&out).unwrap()).unwrap();
    let a = &v["articles"][0];
    assert_eq!(a["lang"].as_str(), Some("de"));
    assert!(!a["entities"].as_array().unwrap().is_empty());
    assert!(!a["claims"].as_array().unwrap().is_empty());
}

#[test]
fn missing_file_is_an_error_naming_it() {
    gloss()
        .args(["suggest", "no/such/file.txt"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no/such/file.txt"));
}

#[test]
fn english_text_via_stdin() {
    let body = "\"We will not give up,\" said John Smith. Prices rose 3.5 percent in the U.S. \
                last year, according to the Federal Reserve.";
    let v = json(&["--format", "json", "-"], Some(body));
    let a = &v["articles"][0];
    assert_eq!(a["lang"], "en");
    let claims = a["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2, "{claims:?}");
    assert_eq!(claims[0]["speaker"], "John Smith");
    assert_eq!(claims[1]["speaker"], "Federal Reserve");
}
