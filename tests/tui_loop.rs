//! `gloss render` is the terminal minus the terminal: the same key scripts through the
//! headless renderer and through the terminal's event loop on a `TestBackend` give the same
//! screen and the same store; and a replay with the same stamps writes the same bytes.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use gloss::config::Config;
use gloss::tui::headless::{self, buffer_text};
use gloss::tui::keymap::parse_keys;
use gloss::tui::runner::Stamps;
use gloss::tui::runtime::{Script, run_on};

const FOLDER: &str = "assets/articles";

fn noon() -> toml::value::Datetime {
    "2026-01-02T12:00:00Z".parse().unwrap()
}

/// Every store file under `data` (not the metadata cache, nor the corpus index that
/// replaced it: derived data, whose bytes depend on when SQLite checkpoints its log), by
/// relative path.
fn store_files(data: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![data.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(data).unwrap().to_string_lossy().to_string();
            if rel.starts_with("cache") || rel.starts_with("index") {
                continue;
            }
            if p.is_dir() {
                todo.push(p);
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The events a terminal sends for a script in `gloss render`'s notation, made here by
/// hand rather than by the renderer's parser, as crossterm reports them (an upper-case
/// letter comes with Shift).
fn terminal_events(script: &str) -> Vec<Event> {
    let mut out = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        let named = [
            ("<Up>", KeyCode::Up),
            ("<Down>", KeyCode::Down),
            ("<Left>", KeyCode::Left),
            ("<Right>", KeyCode::Right),
            ("<Esc>", KeyCode::Esc),
            ("<Enter>", KeyCode::Enter),
            ("<BS>", KeyCode::Backspace),
            ("<Tab>", KeyCode::Tab),
        ]
        .into_iter()
        .find(|(n, _)| rest.starts_with(n));
        let (code, len) = match named {
            Some((n, code)) => (code, n.len()),
            None => (KeyCode::Char(c), c.len_utf8()),
        };
        let mods = if c.is_uppercase() && named.is_none() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        out.push(Event::Key(KeyEvent::new(code, mods)));
        rest = &rest[len..];
    }
    out
}

/// One data folder at one path for every run of this test binary's thread: the screen
/// names it (an export's path), so runs to compare must use the same one. Emptied first.
fn data_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!(
        "gloss-tui-loop-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The screen and store after `script` through `gloss render`'s renderer.
fn via_render(script: &str, size: (u16, u16)) -> (String, BTreeMap<String, Vec<u8>>) {
    let data = data_dir();
    let keys = parse_keys(script).unwrap();
    let screen = headless::render_with(
        &Config::default_config(),
        &data,
        Path::new(FOLDER),
        size,
        &keys,
        Stamps::fixed(noon()),
    );
    let store = store_files(&data);
    let _ = std::fs::remove_dir_all(&data);
    (screen, store)
}

/// The screen and store after `script` through the terminal's loop on a `TestBackend`.
fn via_terminal_loop(script: &str, size: (u16, u16)) -> (String, BTreeMap<String, Vec<u8>>) {
    let data = data_dir();
    let mut term = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let mut input = Script::new(terminal_events(script));
    run_on(
        &mut term,
        &Config::default_config(),
        &data,
        Path::new(FOLDER),
        &mut input,
        Stamps::fixed(noon()),
    )
    .unwrap();
    let store = store_files(&data);
    let _ = std::fs::remove_dir_all(&data);
    (buffer_text(term.backend().buffer()), store)
}

/// Scripts that type in the note editor, the search prompt, the speaker prompt and the tag
/// picker, and mark a span by hand.
fn scripts() -> Vec<String> {
    let long = "a".repeat(121);
    vec![
        // The known divergence: Up in a wrapped note needs the editor's drawn width.
        format!("e{long}<Up>X<Esc>"),
        format!("e{long}<Up><Up>Y<Down>Z<Esc>"),
        "/Putin<Enter>nn".to_string(),
        "/Pez<BS><BS>utin<Left>X<Enter>".to_string(),
        "<Tab><Tab>Gs Ein Sprecher des Kreml<Left><Left>XY<Enter>".to_string(),
        // An export is named by the time of its step.
        "E".to_string(),
        "jjtbrand-new<Enter>".to_string(),
        "jjvwwe<Enter>".to_string(),
    ]
}

#[test]
fn render_and_the_terminal_loop_give_the_same_screen_and_store() {
    for size in [(60, 20), (100, 30), (140, 40)] {
        for script in scripts() {
            let (screen_r, store_r) = via_render(&script, size);
            let (screen_t, store_t) = via_terminal_loop(&script, size);
            assert_eq!(screen_r, screen_t, "screen of {script:?} at {size:?}");
            assert_eq!(store_r, store_t, "store of {script:?} at {size:?}");
        }
    }
}

#[test]
fn the_scripts_change_the_store() {
    // Otherwise the comparison above could pass on two empty stores.
    let (_, store) = via_render(&scripts()[0], (100, 30));
    let all: String = store
        .values()
        .map(|b| String::from_utf8_lossy(b).to_string())
        .collect();
    assert!(all.contains("aaaX") || all.contains("Xaaa"), "{all}");
    let (_, store) = via_render(&scripts()[4], (100, 30));
    let all: String = store
        .values()
        .map(|b| String::from_utf8_lossy(b).to_string())
        .collect();
    assert!(all.contains("Ein Sprecher des KreXYml\""), "{all}");
    let (_, store) = via_render("E", (100, 30));
    assert!(
        store.contains_key("exports/gloss-export-20260102-120000.toml"),
        "{:?}",
        store.keys()
    );
    let (_, store) = via_render("jjvwwe<Enter>", (100, 30));
    let all: String = store
        .values()
        .map(|b| String::from_utf8_lossy(b).to_string())
        .collect();
    assert!(all.contains("origin = \"manual\""), "{all}");
}

#[test]
fn a_wrapped_note_moves_up_by_the_row_the_terminal_shows() {
    // Headless used to skip drawing between keys, so Up in a note longer than the editor
    // is wide went to the start of the text rather than one wrapped row up.
    let script = format!("e{}<Up>X<Esc>", "a".repeat(121));
    let (_, store) = via_render(&script, (100, 30));
    let all: String = store
        .values()
        .map(|b| String::from_utf8_lossy(b).to_string())
        .collect();
    let note = all
        .lines()
        .find(|l| l.starts_with("note = "))
        .unwrap_or_default()
        .to_string();
    let at = note.find('X').unwrap() - "note = \"".len();
    assert!(at > 0 && at < 121, "X at {at}: {note}");
}

#[test]
fn a_replay_with_the_same_stamps_writes_the_same_bytes() {
    for script in scripts() {
        let (screen_a, store_a) = via_render(&script, (100, 30));
        let (screen_b, store_b) = via_render(&script, (100, 30));
        assert_eq!(screen_a, screen_b, "{script:?}");
        assert_eq!(store_a, store_b, "{script:?}");
    }
}

#[test]
fn stamps_decide_the_ids_and_times_of_what_the_user_makes() {
    let script = "jjvwwe<Enter>";
    let (_, store) = via_render(script, (100, 30));
    let all: String = store
        .values()
        .map(|b| String::from_utf8_lossy(b).to_string())
        .collect();
    assert!(all.contains("2026-01-02T12:00:00Z"), "{all}");
}

#[test]
fn the_popup_rectangle_is_state_set_by_update_not_by_drawing() {
    use gloss::tui::app::{App, Msg, update};
    use gloss::tui::layout::{OverlayKind, overlay_rect};
    use ratatui::layout::Rect;
    let mut app = App::new(Config::default_config(), FOLDER.into(), false);
    update(&mut app, Msg::Resize(100, 30));
    assert_eq!(app.overlay_area, None);
    let help = parse_keys("?").unwrap()[0].to_event();
    update(&mut app, Msg::Key(help));
    let at = |w, h| Some(overlay_rect(Rect::new(0, 0, w, h), OverlayKind::Help));
    assert_eq!(app.overlay_area, at(100, 30));
    update(&mut app, Msg::Resize(60, 20));
    assert_eq!(app.overlay_area, at(60, 20), "follows the screen size");
}
