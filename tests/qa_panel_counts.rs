//! The panel keeps a space between an entity's name and its mention count, however many
//! digits the count has.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;

#[test]
fn a_four_digit_count_does_not_run_into_the_name() {
    let t = tempfile::tempdir().unwrap();
    let para = "Die Ministerin Annegret Kramp-Karrenbauer reiste in die Vereinigten Arabischen Emirate und nach Berlin. "
        .repeat(1200);
    let file = t.path().join("viele.txt");
    std::fs::write(&file, format!("2024-01-01\n\nViele Namen\n\n{para}\n")).unwrap();
    let out = Command::cargo_bin("gloss")
        .unwrap()
        .env_remove("GLOSS_CONFIG")
        .env("GLOSS_DATA_DIR", t.path().join("data"))
        .args(["render", "--size", "90x20"])
        .arg(&file)
        .output()
        .unwrap();
    let screen = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains("1200")).collect();
    assert!(!rows.is_empty(), "{screen}");
    for row in rows {
        assert!(row.contains(" 1200"), "{row}");
    }
}
