//! The scripted session of the annotate issue, through the real binary: accept the first
//! entity, tag it, export; undo step by step, export again; a note of several lines
//! (quotes, backslashes, a TOML multi-line delimiter) survives export → import → export.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use assert_cmd::Command;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/articles/2024-12-21-putin-pezeshkian.txt"
);

fn gloss(data: &Path) -> Command {
    let mut c = Command::cargo_bin("gloss").unwrap();
    c.env_remove("GLOSS_CONFIG").env("GLOSS_DATA_DIR", data);
    c
}

fn session(data: &Path, keys: &str) {
    gloss(data)
        .args(["render", "--size", "120x40", "--keys", keys, SEED])
        .assert()
        .success();
}

fn export(data: &Path) -> String {
    let out = gloss(data).args(["export", SEED]).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// (status, tags, note) of an exported annotation.
type Row = (String, Vec<String>, String);

/// Each exported annotation.
fn exported(data: &Path) -> Vec<Row> {
    let doc: toml::Table = toml::from_str(&export(data)).unwrap();
    let Some(arts) = doc.get("article") else {
        return Vec::new();
    };
    arts.as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["annotation"].as_array().unwrap().clone())
        .map(|a| {
            let tags = a["tags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_string())
                .collect();
            (
                a["status"].as_str().unwrap().to_string(),
                tags,
                a["note"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn accept_tag_export_then_undo_step_by_step() {
    let cases: [(&str, Vec<Row>); 4] = [
        (
            "<Tab>at<Enter>",
            vec![("accepted".into(), vec!["key-actor".into()], String::new())],
        ),
        (
            "<Tab>at<Enter>u",
            vec![("accepted".into(), vec![], String::new())],
        ),
        ("<Tab>at<Enter>uu", vec![]),
        (
            "<Tab>at<Enter>uu<C-r><C-r>",
            vec![("accepted".into(), vec!["key-actor".into()], String::new())],
        ),
    ];
    for (keys, want) in cases {
        let t = tempfile::tempdir().unwrap();
        session(t.path(), keys);
        assert_eq!(exported(t.path()), want, "{keys}");
    }
}

#[test]
fn a_note_of_several_lines_survives_export_and_import() {
    let t = tempfile::tempdir().unwrap();
    let first = t.path().join("first");
    session(
        &first,
        "<Tab>eErste Zeile<Enter>\"zitiert\" mit \\ und '''<Enter><Enter>  eingerückt<Esc>",
    );
    let note = "Erste Zeile\n\"zitiert\" mit \\ und '''\n\n  eingerückt";
    assert_eq!(exported(&first)[0].2, note);
    let file = t.path().join("export.toml");
    std::fs::write(&file, export(&first)).unwrap();
    let second = t.path().join("second");
    gloss(&second).arg("import").arg(&file).assert().success();
    let strip = |s: String| -> String {
        s.lines()
            .filter(|l| !l.starts_with("exported = "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(export(&second)), strip(export(&first)));
    assert_eq!(exported(&second)[0].2, note);
}
