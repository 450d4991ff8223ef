//! A store file that does not parse: the article opens read-only, the status bar shows the
//! file, the line and what is wrong even at an ordinary width, and the file is untouched.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;

const ARTICLE: &str = "2024-03-01\n\nBerlin trifft Paris\n\nDie Kanzlerin Angela Merkel traf in Berlin den Präsidenten Emmanuel Macron.\n";

fn render(t: &tempfile::TempDir, keys: &str) -> String {
    let out = Command::cargo_bin("gloss")
        .unwrap()
        .env_remove("GLOSS_CONFIG")
        .env(
            "GLOSS_DATA_DIR",
            t.path().join("a-rather-long-data-folder/gloss"),
        )
        .current_dir(t.path())
        .args(["render", "--size", "100x12", "--keys", keys, "gipfel.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_reason_fits_in_the_status_bar_and_nothing_is_written() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("gipfel.txt"), ARTICLE).unwrap();
    // A first run makes the store file; then it is broken by hand on line 3.
    render(&t, "<Tab>a");
    let dir = t.path().join("a-rather-long-data-folder/gloss/annotations");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "toml"))
        .unwrap();
    std::fs::write(&file, "schema = 1\npath = \"x\"\n[[annotation]\n").unwrap();
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    for keys in ["", "<Tab>a"] {
        let screen = render(&t, keys);
        let status = screen.lines().last().unwrap();
        assert!(
            status.contains("READ-ONLY") || status.contains("read-only"),
            "{status}"
        );
        assert!(status.contains(&format!("{name}:3:")), "{keys}: {status}");
    }
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "schema = 1\npath = \"x\"\n[[annotation]\n"
    );
}
