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
        // The tagger's score is the engine's, given again on every load, never stored.
        .map(|mut a| {
            a.score = None;
            a
        })
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

/// Input for the terminal's loop that holds the store like another gloss would, and lets
/// it go (that gloss quits) after the first key.
struct OtherQuits {
    holder: Option<Store>,
    keys: std::collections::VecDeque<crossterm::event::Event>,
    given: usize,
}

impl gloss::tui::runtime::Input for OtherQuits {
    fn poll(
        &mut self,
        _timeout: std::time::Duration,
        idle: bool,
    ) -> std::io::Result<gloss::tui::runtime::Polled> {
        use gloss::tui::runtime::Polled;
        if !idle {
            return Ok(Polled::NotYet);
        }
        if self.given == 1 && self.holder.is_some() {
            // Time passes: the other gloss quits; no key this time.
            self.holder = None;
            return Ok(Polled::Nothing);
        }
        self.given += 1;
        Ok(self.keys.pop_front().map_or(Polled::End, Polled::Event))
    }
}

#[test]
fn the_terminal_loop_takes_the_lock_once_the_other_gloss_quits() {
    let t = tempfile::tempdir().unwrap();
    let art = t.path().join("gipfel.txt");
    std::fs::write(&art, ARTICLE).unwrap();
    let data = t.path().join("data");
    let mut input = OtherQuits {
        holder: Some(Store::open(&data).unwrap()),
        keys: parse_keys("aa")
            .unwrap()
            .into_iter()
            .map(|k| crossterm::event::Event::Key(k.to_event()))
            .collect(),
        given: 0,
    };
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let app = gloss::tui::runtime::run_on(
        &mut term,
        &Config::default_config(),
        &data,
        &art,
        &mut input,
        gloss::tui::runner::Stamps::System,
    )
    .unwrap();
    assert!(app.store_read_only.is_none());
    // The first `a` was refused (read-only), the second one saved.
    assert_eq!(worth_saving(&app).len(), 1);
    assert_eq!(app.unsaved(), 0);
    assert_eq!(Store::open_for_reading(&data).files().len(), 1);
}

/// Every write step failing, seen from the interface: the change stays on screen, marked
/// and counted, and goes to the store once the disk works again.
#[test]
fn every_failed_write_step_leaves_the_ui_honest() {
    use gloss::annotation::file::{self, WriteStep};
    for step in [
        WriteStep::Create,
        WriteStep::Write,
        WriteStep::Fsync,
        WriteStep::Rename,
        WriteStep::SyncDir,
    ] {
        let t = tempfile::tempdir().unwrap();
        let art = t.path().join("gipfel.txt");
        std::fs::write(&art, ARTICLE).unwrap();
        let data = t.path().join("data");
        let (mut app, mut runner) = session(&data, &art);
        press_all(&mut app, &mut runner, "a");
        let saved = worth_saving(&app);
        // Saves run on this thread, so the fault injected here reaches them.
        file::inject_fault(Some(step), 0);
        press_all(&mut app, &mut runner, "]a");
        let note = app.note.as_ref().unwrap().text.clone();
        file::inject_fault(None, 0);
        assert_eq!(app.unsaved(), 1, "{step:?}");
        assert!(
            note.starts_with("1 unsaved · not saved"),
            "{step:?}: {note}"
        );
        assert!(app.save_failed.is_some());
        let d = app.doc.as_ref().unwrap();
        assert_eq!(d.pending.len(), 1);
        assert!(
            !d.pending.contains(&saved[0].id),
            "the saved one is not marked"
        );
        press_all(&mut app, &mut runner, "<C-s>");
        assert_eq!(app.unsaved(), 0, "{step:?}");
        let shown = worth_saving(&app);
        drop((app, runner));
        let (app, _r) = session(&data, &art);
        assert_eq!(worth_saving(&app), shown, "{step:?}");
    }
}
