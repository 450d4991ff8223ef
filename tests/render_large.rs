//! A large article is shown text first and its suggestions follow; `render` prints the
//! screen once both are in, as a user would see it when the UI comes to rest.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;

#[test]
fn render_of_a_large_article_waits_for_its_suggestions() {
    let d = tempfile::tempdir().unwrap();
    let para = "Bundeskanzler Olaf Scholz traf in Berlin den französischen Präsidenten \
                Emmanuel Macron. Scholz sagte, die Gespräche seien gut gewesen.";
    let body = vec![para; 3000].join("\n\n");
    assert!(body.len() > 300 * 1024);
    let art = d.path().join("2024-05-01-gross.txt");
    std::fs::write(&art, format!("2024-05-01\n\nEin großer Text\n\n{body}\n")).unwrap();
    let out = Command::cargo_bin("gloss")
        .unwrap()
        .env_remove("GLOSS_CONFIG")
        .arg("--data-dir")
        .arg(d.path().join("data"))
        .args(["render", "--size", "120x30"])
        .arg(&art)
        .output()
        .unwrap();
    assert!(out.status.success());
    let screen = String::from_utf8(out.stdout).unwrap();
    assert!(!screen.contains("finding suggestions"), "{screen}");
    assert!(screen.contains("Emmanuel Macron"), "{screen}");
    let status = screen.lines().last().unwrap();
    let suggested: usize = status
        .split(" suggested")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(suggested > 3000, "{status}");
}
