//! Issue 11: the rough edges a first user hits, on whole screens drawn headless.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use gloss::config::Config;
use gloss::tui::app::{Msg, update};
use gloss::tui::headless;
use gloss::tui::keymap::{KeyMode, parse_keys};

const SEED: &str = "assets/articles/2024-12-21-putin-pezeshkian.txt";

/// A copy of the sample articles (so the test's store stays its own).
fn samples() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let to = tmp.path().join("articles");
    let mut stack = vec![(Path::new("assets/articles").to_path_buf(), to.clone())];
    while let Some((from, to)) = stack.pop() {
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(&from).unwrap() {
            let p = e.unwrap().path();
            let dest = to.join(p.file_name().unwrap());
            if p.is_dir() {
                stack.push((p, dest));
            } else {
                std::fs::copy(&p, dest).unwrap();
            }
        }
    }
    tmp
}

fn press_all(app: &mut gloss::tui::app::App, runner: &mut gloss::tui::runner::Runner, keys: &str) {
    for k in parse_keys(keys).unwrap() {
        headless::press(app, runner, k);
    }
}

fn text(app: &gloss::tui::app::App) -> String {
    headless::buffer_text(&headless::screen(app))
}

#[test]
fn help_scrolls_to_its_last_line_at_every_height() {
    let tmp = samples();
    for h in [24, 30, 40, 45, 60] {
        let (mut app, mut runner) = headless::start(
            &Config::default_config(),
            &tmp.path().join("data"),
            &tmp.path().join("articles"),
            140,
            h,
        );
        press_all(&mut app, &mut runner, "?G");
        let sections = app.keymap.help_sections(KeyMode::Normal);
        let (_, last) = sections.last().unwrap().1.last().unwrap().clone();
        let (action, _) = sections.last().unwrap().1.last().unwrap().clone();
        let screen = text(&app);
        let shown = screen
            .lines()
            .any(|l| l.contains(&last.join(" ")) && l.contains(action.describe()));
        assert!(
            shown,
            "at 140x{h} the last help line is on screen:\n{screen}"
        );
        // And `q <C-c> quit` in the normal section, reached by `j` alone.
        press_all(&mut app, &mut runner, "gg");
        let n = app.keymap.help_len(KeyMode::Normal) + 20;
        press_all(&mut app, &mut runner, &"j".repeat(n));
        assert!(
            text(&app).lines().any(|l| l.contains(&last.join(" "))),
            "j reaches the end at 140x{h}"
        );
    }
}

#[test]
fn the_list_shows_every_article_again_after_a_resize() {
    let tmp = samples();
    let (mut app, mut runner) = headless::start(
        &Config::default_config(),
        &tmp.path().join("data"),
        &tmp.path().join("articles"),
        140,
        40,
    );
    press_all(&mut app, &mut runner, "G<Enter>");
    update(&mut app, Msg::Resize(80, 24));
    let _ = text(&app);
    update(&mut app, Msg::Resize(140, 40));
    let screen = text(&app);
    for title in ["NATO allies", "UN agency", "Putin und"] {
        assert!(screen.contains(title), "{title} in the list:\n{screen}");
    }
    assert_eq!(app.library.top, 0);
}

#[test]
fn next_paragraph_goes_on_to_the_last_one_once_the_view_is_at_the_bottom() {
    let tmp = tempfile::tempdir().unwrap();
    let keys = parse_keys(&"}".repeat(8)).unwrap();
    let mut last = String::new();
    for n in 1..=8usize {
        last = headless::render(
            &Config::default_config(),
            &tmp.path().join("data"),
            Path::new(SEED),
            140,
            40,
            &keys[..n],
        );
        let want = format!("¶ {}/7", (n + 1).min(7));
        assert!(
            last.contains(&want),
            "after {n} }} the status reads {want}:\n{last}"
        );
    }
    assert!(last.contains("100%"));
}

#[test]
fn o_asks_the_runner_to_open_the_url_and_y_to_copy_quote_and_source() {
    use gloss::tui::app::Effect;
    let tmp = samples();
    let (mut app, mut runner) = headless::start(
        &Config::default_config(),
        &tmp.path().join("data"),
        &tmp.path().join("articles"),
        120,
        30,
    );
    // The newest sample, the NATO article, has a URL in its metadata.
    press_all(&mut app, &mut runner, "o");
    assert_eq!(
        runner.outside,
        [Effect::OpenUrl(
            "https://herald.example/world/nato-defence-spending".into()
        )]
    );
    assert!(text(&app).contains("opening https://herald.example/world/nato-defence-spending"));
    press_all(&mut app, &mut runner, "<Tab>y");
    let Some(Effect::Copy(copied)) = runner.outside.last() else {
        panic!("{:?}", runner.outside)
    };
    assert_eq!(
        copied,
        "“NATO”\nNATO allies agree path to higher defence spending, Gloss Sample Herald, \
         2025-07-09, https://herald.example/world/nato-defence-spending"
    );
    assert!(text(&app).contains("copied NATO with its source"));
}

#[test]
fn the_focused_pane_is_marked_by_its_title_and_border_and_enter_says_so() {
    let tmp = samples();
    let (mut app, mut runner) = headless::start(
        &Config::default_config(),
        &tmp.path().join("data"),
        &tmp.path().join("articles"),
        80,
        24,
    );
    let screen = text(&app);
    assert!(screen.starts_with("┏▶ Articles"), "{screen}");
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("? help") && status.contains("q quit"),
        "key hints stay at 80 columns:\n{screen}"
    );
    press_all(&mut app, &mut runner, "<Enter>");
    let screen = text(&app);
    assert!(screen.starts_with("┏▶ Reader"), "{screen}");
    assert!(screen.contains("in the reader · <S-Tab> list"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn the_panel_shows_claims_on_two_lines_and_the_selected_note_in_full() {
    let tmp = tempfile::tempdir().unwrap();
    let note = "Checked against the Kremlin readout of the same day: the wording differs in the second half, see the archive copy.";
    let screen = headless::render(
        &Config::default_config(),
        &tmp.path().join("data"),
        Path::new(SEED),
        100,
        34,
        &parse_keys(&format!("<Tab>e{note}<Esc>")).unwrap(),
    );
    assert!(screen.contains("── selected"), "{screen}");
    assert!(
        screen.contains("note: Checked against the Kremlin"),
        "{screen}"
    );
    assert!(screen.contains("copy."), "the whole note:\n{screen}");
    // Each claim: its mark and opening words, then more of them on a second line.
    assert!(screen.contains("· “Das erste Treffen zwischen"), "{screen}");
    assert!(screen.contains("russischen Präsidenten"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn pickers_show_their_keys_before_anything_is_typed() {
    let tmp = tempfile::tempdir().unwrap();
    let render = |keys: &str| {
        headless::render(
            &Config::default_config(),
            &tmp.path().join("data"),
            Path::new(SEED),
            100,
            30,
            &parse_keys(keys).unwrap(),
        )
    };
    let types = render("]]T");
    assert!(types.contains("type to filter · Down/Up move"), "{types}");
    assert!(types.contains("Enter choose · Esc cancel"), "{types}");
    assert!(
        types.contains("more types: [[entity_types]] in config.toml"),
        "{types}"
    );
    insta::assert_snapshot!(types);
    let tags = render("]]t");
    assert!(
        tags.contains("type a new name and ⏎ to add a tag"),
        "{tags}"
    );
}

#[test]
fn help_has_a_legend_of_the_panel_marks_one_meaning_each() {
    let tmp = tempfile::tempdir().unwrap();
    let n = {
        let km = gloss::tui::keymap::Keymap::defaults();
        km.help_sections(KeyMode::Normal)[0].1.len()
    };
    let screen = headless::render(
        &Config::default_config(),
        &tmp.path().join("data"),
        Path::new(SEED),
        120,
        40,
        &parse_keys(&format!("?{}", "j".repeat(n.saturating_sub(20)))).unwrap(),
    );
    assert!(screen.contains("MARKS · in the panel"), "{screen}");
    for m in gloss::tui::marks::ALL {
        let line = format!("{}  {}", m.glyph, m.meaning);
        assert_eq!(
            screen.lines().filter(|l| l.contains(&line)).count(),
            1,
            "{line}:\n{screen}"
        );
    }
    insta::assert_snapshot!(screen);
}
