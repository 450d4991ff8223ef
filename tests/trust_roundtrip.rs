//! The screen is the store: random sequences of every kind of edit, with undo and redo,
//! run through `update` and the real store; reopened, the store holds exactly what the
//! screen showed, and a store that becomes writable is written to.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use proptest::prelude::*;

use gloss::annotation::{Annotation, Store};
use gloss::config::Config;
use gloss::tui::app::App;
use gloss::tui::headless;
use gloss::tui::keymap::parse_keys;

const ARTICLE: &str = "2024-03-01\n\nBerlin trifft Paris\n\nDie Kanzlerin Angela Merkel traf in Berlin den Präsidenten Emmanuel Macron. \"Wir stehen zusammen\", sagte Merkel am Montag in Berlin.\n\nSpäter reiste Macron nach London, wo er Keir Starmer traf.\n";

/// Keys for every action that changes annotations, and for moving between them.
const STEPS: &[&str] = &[
    "a",              // accept
    "x",              // reject
    "A",              // accept every mention
    "X",              // reject every mention
    "!",              // never suggest
    "u",              // undo
    "u",              // (twice as likely: undo is what this is about)
    "<C-r>",          // redo
    "]",              // next annotation
    "[",              // previous annotation
    "}",              // next paragraph
    "t<Enter>",       // toggle the first tag
    "eNotiz<Esc>",    // note (Esc keeps it)
    "T<Down><Enter>", // change the type
    "sJemand<Enter>", // speaker (claims only)
    "vwe<Enter>",     // mark an entity by hand
    "vwwc",           // mark a claim by hand
    "d",              // delete (manual only)
];

/// What the store must hold: the annotations worth saving, by id.
fn worth_saving(app: &App) -> Vec<Annotation> {
    let mut v: Vec<Annotation> = app
        .doc
        .as_ref()
        .unwrap()
        .anns
        .iter()
        .filter(|a| a.worth_saving())
        .cloned()
        .collect();
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

fn session(data: &Path, art: &Path) -> (App, gloss::tui::runner::Runner) {
    headless::start(&Config::default_config(), data, art, 120, 40)
}

fn press_all(app: &mut App, runner: &mut gloss::tui::runner::Runner, keys: &str) {
    for k in parse_keys(keys).unwrap() {
        headless::press(app, runner, k);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn what_was_saved_is_what_was_on_screen(steps in proptest::collection::vec(0..STEPS.len(), 1..24)) {
        let t = tempfile::tempdir().unwrap();
        let art = t.path().join("gipfel.txt");
        std::fs::write(&art, ARTICLE).unwrap();
        let data = t.path().join("data");
        let (shown, never_shown) = {
            let (mut app, mut runner) = session(&data, &art);
            for &s in &steps {
                press_all(&mut app, &mut runner, STEPS[s]);
                // Close whatever a step left open (a picker with nothing to pick).
                press_all(&mut app, &mut runner, "<Esc>");
                prop_assert_eq!(app.unsaved(), 0, "after {:?}: {:?}", STEPS[s], app.note);
            }
            prop_assert!(app.save_failed.is_none(), "{:?}", app.save_failed);
            // What the changes in effect (not undone) put on the never list.
            let mut never: Vec<(String, String)> = app
                .doc
                .as_ref()
                .unwrap()
                .history
                .iter()
                .filter_map(|c| c.never.clone())
                .collect();
            never.sort();
            never.dedup();
            (worth_saving(&app), never)
        };
        let (app, _runner) = session(&data, &art);
        prop_assert_eq!(worth_saving(&app), shown);
        // The never list a restart reads is the one the changes on screen made.
        prop_assert_eq!(Store::open_for_reading(&data).learned().never, never_shown);
    }
}

/// Every never-suggest undone is off the list: `!` then `u` any number of times leaves
/// the list as it was before the first `!`.
#[test]
fn never_suggest_undone_leaves_no_trace() {
    let t = tempfile::tempdir().unwrap();
    let art = t.path().join("gipfel.txt");
    std::fs::write(&art, ARTICLE).unwrap();
    let data = t.path().join("data");
    {
        let (mut app, mut runner) = session(&data, &art);
        press_all(&mut app, &mut runner, "]!]!]!uuu");
        assert_eq!(app.unsaved(), 0);
    }
    assert!(Store::open_for_reading(&data).learned().never.is_empty());
    assert!(Store::open_for_reading(&data).files().is_empty());
}

#[test]
fn a_second_session_becomes_writable_when_the_first_quits() {
    let t = tempfile::tempdir().unwrap();
    let art = t.path().join("gipfel.txt");
    std::fs::write(&art, ARTICLE).unwrap();
    let data = t.path().join("data");
    let first = Store::open(&data).unwrap();
    let (mut app, mut runner) = session(&data, &art);
    assert!(app.store_read_only.is_some());
    press_all(&mut app, &mut runner, "a");
    assert!(worth_saving(&app).is_empty(), "read-only: nothing changes");
    runner.retry_lock();
    headless::settle(&mut app, &mut runner);
    assert!(app.store_read_only.is_some(), "still held");
    drop(first);
    runner.retry_lock();
    headless::settle(&mut app, &mut runner);
    assert!(app.store_read_only.is_none());
    let note = app.note.as_ref().unwrap().text.clone();
    assert!(note.contains("writable"), "{note}");
    press_all(&mut app, &mut runner, "a");
    assert_eq!(worth_saving(&app).len(), 1);
    assert_eq!(app.unsaved(), 0);
    assert_eq!(Store::open_for_reading(&data).files().len(), 1);
}
