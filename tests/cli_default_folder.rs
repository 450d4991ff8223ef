//! `gloss` with no folder given and none configured opens `<data dir>/articles`, writing
//! the bundled samples there the first time: an installed binary started anywhere works.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;

fn gloss(cwd: &std::path::Path, data: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("gloss").unwrap();
    c.current_dir(cwd)
        .env("GLOSS_CONFIG", "/dev/null")
        .env("GLOSS_DATA_DIR", data);
    c
}

#[test]
fn outside_the_source_tree_the_samples_are_written_and_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let (cwd, data) = (tmp.path().join("elsewhere"), tmp.path().join("data"));
    std::fs::create_dir(&cwd).unwrap();
    let out = gloss(&cwd, &data)
        .args(["render", "--size", "140x40"])
        .assert()
        .success();
    let screen = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(screen.contains("Putin und Pezeshkian"), "{screen}");
    assert!(screen.contains("wrote 8 sample articles"), "{screen}");
    assert!(
        data.join("articles/2024-12-21-putin-pezeshkian.txt")
            .is_file()
    );
    assert!(
        data.join("articles/wire/2025-06-18-un-food-prices.txt")
            .is_file()
    );

    // The second start opens the same folder and says nothing about samples; the user's
    // own files there are kept.
    std::fs::remove_file(data.join("articles/2025-02-03-offshore-wind-auction.txt")).unwrap();
    let out = gloss(&cwd, &data)
        .args(["render", "--size", "140x40"])
        .assert()
        .success();
    let screen = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!screen.contains("sample articles"), "{screen}");
    assert!(
        !data
            .join("articles/2025-02-03-offshore-wind-auction.txt")
            .exists()
    );
}

#[test]
fn a_configured_folder_that_is_missing_is_an_error_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("c.toml");
    let missing = tmp.path().join("nowhere");
    std::fs::write(
        &cfg,
        format!("articles_dir = {:?}\n", missing.display().to_string()),
    )
    .unwrap();
    let out = Command::cargo_bin("gloss")
        .unwrap()
        .current_dir(tmp.path())
        .env("GLOSS_DATA_DIR", tmp.path().join("data"))
        .args(["--config", cfg.to_str().unwrap(), "render"])
        .assert()
        .failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("nowhere"), "{err}");
    assert!(!tmp.path().join("data/articles").exists());
}
