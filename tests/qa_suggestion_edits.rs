//! Changing a suggestion's type or a claim's speaker is the user's work: it reaches the
//! store and the export even when it happens in the same second the suggestion appeared
//! (as it always does in a scripted session).
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/articles/2024-12-21-putin-pezeshkian.txt"
);

fn gloss(data: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("gloss").unwrap();
    c.env_remove("GLOSS_CONFIG").env("GLOSS_DATA_DIR", data);
    c
}

#[test]
fn a_type_change_on_a_suggestion_is_exported() {
    let t = tempfile::tempdir().unwrap();
    gloss(t.path())
        .args([
            "render",
            "--size",
            "120x30",
            "--keys",
            "<Tab>TORG<Enter>",
            SEED,
        ])
        .assert()
        .success();
    let out = gloss(t.path()).args(["export", SEED]).output().unwrap();
    let doc: toml::Table = toml::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap();
    let anns = doc["article"][0]["annotation"].as_array().unwrap();
    // Issue 11 (bug 4): `T` on an entity changes every mention of its group, so both
    // mentions of Putin are exported as ORG (it was the first one only).
    assert_eq!(anns.len(), 2, "{anns:?}");
    assert!(
        anns.iter().all(|a| a["label"].as_str() == Some("ORG")),
        "{anns:?}"
    );
    assert_eq!(anns[0]["text"].as_str(), Some("Wladimir Putin"));
}
