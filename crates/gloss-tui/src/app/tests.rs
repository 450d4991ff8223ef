//! Unit tests of `update`: every action, no terminal.

use std::collections::HashMap;
use std::path::PathBuf;

use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::*;
use crate::keymap::parse_keys;
use gloss_core::annotation::{ArticleRecord, Kind, Loaded, Origin, Status};
use gloss_core::article::{Article, Meta, Scan};

const P1: &str = "Das Treffen zwischen Wladimir Putin und Masoud Pezeshkian in Aschgabat war kurz. Putin sprach lange.";
const P2: &str =
    "Pezeshkian betonte, dass die Beziehungen eng seien. Beobachter in Berlin waren skeptisch.";

fn path() -> PathBuf {
    PathBuf::from("a/2024-01-02-test.txt")
}

/// An app showing an article with the given entities (text, label, canonical) at their
/// first occurrences after the previous one, and one claim.
fn app_with(entities: &[(&str, &str, &str)]) -> App {
    let mut app = App::new(Config::default_config(), path(), true);
    update(&mut app, Msg::Resize(120, 40));
    let paragraphs = vec![P1.to_string(), P2.to_string()];
    let article = Article {
        path: path(),
        meta: Meta {
            title: "Ein Test".into(),
            ..Meta::default()
        },
        paragraphs,
        warnings: Vec::new(),
    };
    let body = article.body();
    let mut anns = Vec::new();
    let mut canonical = HashMap::new();
    let mut from = 0;
    for (text, label, canon) in entities {
        let byte = body[from..].find(text).map(|b| b + from).unwrap();
        let start = body[..byte].chars().count();
        let end = start + text.chars().count();
        from = byte + text.len();
        let a = Annotation::new(&body, Kind::Entity, label, start, end, Origin::Auto);
        canonical.insert(a.id.clone(), canon.to_string());
        anns.push(a);
    }
    let cs = body.chars().count() - P2.chars().count();
    let claim_text = "Pezeshkian betonte, dass die Beziehungen eng seien.";
    anns.push(Annotation::new(
        &body,
        Kind::Claim,
        "claim",
        cs,
        cs + claim_text.chars().count(),
        Origin::Auto,
    ));
    open_in(&mut app, article, body, anns, canonical);
    app
}

fn seeded() -> App {
    app_with(&[
        ("Wladimir Putin", "PER", "Wladimir Putin"),
        ("Masoud Pezeshkian", "PER", "Masoud Pezeshkian"),
        ("Aschgabat", "LOC", "Aschgabat"),
        ("Putin", "PER", "Wladimir Putin"),
        ("Berlin", "LOC", "Berlin"),
    ])
}

fn keys(app: &mut App, ks: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for k in parse_keys(ks).unwrap() {
        fx.extend(update(app, Msg::Key(k.to_event())));
    }
    fx
}

fn doc(app: &App) -> &Doc {
    app.doc.as_ref().unwrap()
}

fn ann<'a>(app: &'a App, text: &str) -> &'a Annotation {
    doc(app).anns.iter().find(|a| a.text == text).unwrap()
}

fn saved(fx: &[Effect]) -> Vec<Annotation> {
    fx.iter()
        .rev()
        .find_map(|e| match e {
            Effect::Save(r) => Some(r.annotations.clone()),
            _ => None,
        })
        .expect("a save effect")
}

fn record(fx: &[Effect]) -> ArticleRecord {
    fx.iter()
        .rev()
        .find_map(|e| match e {
            Effect::Save(r) => Some(r.clone()),
            _ => None,
        })
        .expect("a save effect")
}

/// Runs the keys and answers every save with `res`, as the runner would.
fn keys_saved(app: &mut App, ks: &str, res: Result<(), String>) -> Vec<Effect> {
    let fx = keys(app, ks);
    for e in &fx {
        if let Effect::Save(r) = e {
            update(app, Msg::Saved(Box::new(r.clone()), res.clone()));
        }
    }
    fx
}

fn note(app: &App) -> String {
    app.note
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_failed_save_leaves_the_change_on_screen_marked_counted_and_retried() {
    let mut app = seeded();
    keys_saved(&mut app, "a", Ok(()));
    assert_eq!(app.unsaved(), 0);
    let denied = Err("annotations/x.toml: Permission denied".to_string());
    keys_saved(&mut app, "]a]a", denied.clone());
    // On screen: what is on disk (the first) plus what is pending (two more), marked.
    assert_eq!(doc(&app).counts.accepted, 3);
    assert_eq!(app.unsaved(), 2);
    assert_eq!(doc(&app).pending.len(), 2);
    assert!(
        doc(&app)
            .pending
            .contains(&ann(&app, "Masoud Pezeshkian").id)
    );
    assert!(!doc(&app).pending.contains(&ann(&app, "Wladimir Putin").id));
    let n = note(&app);
    assert!(n.contains("not saved") && n.contains("2 unsaved"), "{n}");
    assert!(app.note.as_ref().unwrap().error);
    // The next change retries everything the failed save held.
    let fx = keys_saved(&mut app, "]a", Ok(()));
    assert_eq!(saved(&fx).len(), 4);
    assert_eq!(app.unsaved(), 0);
    // Issue 11: the finished save says what was done, then that it is saved.
    assert_eq!(note(&app), "accepted Putin · saved");
}

#[test]
fn the_save_key_retries_and_says_when_there_is_nothing_to_save() {
    let mut app = seeded();
    let fx = keys(&mut app, "<C-s>");
    assert!(fx.is_empty());
    assert!(note(&app).contains("nothing to save"), "{}", note(&app));
    keys_saved(&mut app, "a", Err("disk full".into()));
    assert_eq!(app.unsaved(), 1);
    assert!(app.save_failed.is_some());
    let fx = keys_saved(&mut app, "<C-s>", Ok(()));
    assert_eq!(saved(&fx).len(), 1);
    assert_eq!(app.unsaved(), 0);
}

#[test]
fn undoing_a_saved_change_whose_save_failed_is_not_pending() {
    let mut app = seeded();
    keys_saved(&mut app, "a", Err("disk full".into()));
    assert_eq!(app.unsaved(), 1);
    // Undone, the screen is the store again: nothing to save, though the undo's own save
    // (of nothing) fails too.
    keys_saved(&mut app, "u", Err("disk full".into()));
    assert_eq!(app.unsaved(), 0);
}

#[test]
fn quit_with_unsaved_changes_asks_once() {
    let mut app = seeded();
    keys_saved(&mut app, "a]a", Err("disk full".into()));
    keys(&mut app, "q");
    assert!(!app.quit);
    assert_eq!(
        note(&app),
        "2 changes not saved — q again to quit without them · <C-s> retry"
    );
    keys(&mut app, "q");
    assert!(app.quit);
    // Any other key in between disarms it.
    let mut app = seeded();
    keys_saved(&mut app, "a", Err("disk full".into()));
    keys(&mut app, "qjq");
    assert!(!app.quit);
    assert!(
        note(&app).starts_with("1 change not saved"),
        "{}",
        note(&app)
    );
    // Nothing unsaved: q quits at once.
    let mut app = seeded();
    keys_saved(&mut app, "a", Ok(()));
    keys(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn unsaved_changes_of_an_article_left_are_kept_counted_and_shown_again() {
    let mut app = seeded();
    keys_saved(&mut app, "a", Err("disk full".into()));
    let kept = doc(&app).clone();
    // The same article opened again (as after opening another one): the store has nothing.
    app.opening = Some(path());
    let body = kept.body.clone();
    update(
        &mut app,
        Msg::Opened(Box::new(Opened {
            body,
            article: Article {
                path: path(),
                meta: kept.meta.clone(),
                paragraphs: vec![P1.to_string(), P2.to_string()],
                warnings: Vec::new(),
            },
            loaded: Loaded {
                record: kept.record.clone(),
                read_only: None,
            },
            anns: kept
                .anns
                .iter()
                .map(|a| {
                    let mut a = a.clone();
                    a.status = Status::Suggested;
                    a.updated = a.created;
                    a
                })
                .collect(),
            canonical: kept.canonical.clone(),
            store_read_only: None,
            more_coming: false,
        })),
    );
    assert_eq!(ann(&app, "Wladimir Putin").status, Status::Accepted);
    assert_eq!(app.unsaved(), 1);
    assert!(
        app.unsaved_records.is_empty(),
        "back on the doc, not counted twice"
    );
}

#[test]
fn undoing_never_suggest_takes_it_off_the_list_and_redo_puts_it_back() {
    let mut app = seeded();
    let fx = keys(&mut app, "!");
    let never = Effect::NeverSuggest {
        text: "Wladimir Putin".into(),
        label: "PER".into(),
    };
    let allow = Effect::AllowSuggest {
        text: "Wladimir Putin".into(),
        label: "PER".into(),
    };
    assert!(fx.contains(&never), "{fx:?}");
    assert_eq!(ann(&app, "Wladimir Putin").status, Status::Rejected);
    let fx = keys(&mut app, "u");
    assert!(fx.contains(&allow), "{fx:?}");
    assert!(
        saved(&fx).is_empty(),
        "the rejection is undone in the store too"
    );
    assert_eq!(ann(&app, "Wladimir Putin").status, Status::Suggested);
    let fx = keys(&mut app, "<C-r>");
    assert!(fx.contains(&never), "{fx:?}");
    // `!` on an already rejected entity is undone too.
    let mut app = seeded();
    keys(&mut app, "x");
    keys(&mut app, "!");
    let fx = keys(&mut app, "u");
    assert!(fx.contains(&allow), "{fx:?}");
    assert_eq!(ann(&app, "Wladimir Putin").status, Status::Rejected);
}

#[test]
fn a_failed_never_suggest_is_counted_and_retried() {
    let mut app = seeded();
    let fx = keys(&mut app, "!");
    let never = fx
        .iter()
        .find(|e| matches!(e, Effect::NeverSuggest { .. }))
        .cloned()
        .unwrap();
    update(
        &mut app,
        Msg::NeverWritten(never.clone(), Err("denied".into())),
    );
    assert_eq!(app.unsaved_never.len(), 1);
    let fx = keys(&mut app, "<C-s>");
    assert!(fx.contains(&never), "{fx:?}");
    update(&mut app, Msg::NeverWritten(never, Ok(())));
    assert!(app.unsaved_never.is_empty());
}

#[test]
fn accepting_a_changed_quote_takes_the_new_text_and_clears_the_flag() {
    let mut app = seeded();
    let d = app.doc.as_mut().unwrap();
    let i = d
        .anns
        .iter()
        .position(|a| a.text == "Wladimir Putin")
        .unwrap();
    d.anns[i].status = Status::Accepted;
    d.anns[i].changed_from = Some("Wladimir Putim".into());
    d.refresh();
    assert!(describe(&d.anns[i]).contains("changed, was \"Wladimir Putim\""));
    let fx = keys(&mut app, "a");
    let s = saved(&fx);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].changed_from, None);
    assert_eq!(s[0].text, "Wladimir Putin");
    assert_eq!(ann(&app, "Wladimir Putin").changed_from, None);
    // Undo brings the flag back.
    keys(&mut app, "u");
    assert!(ann(&app, "Wladimir Putin").changed_from.is_some());
}

#[test]
fn the_filter_has_changed_and_orphaned() {
    let mut app = seeded();
    let d = app.doc.as_mut().unwrap();
    d.anns[0].changed_from = Some("old".into());
    d.anns[1].orphaned = true;
    d.refresh();
    let mut names = Vec::new();
    for _ in 0..7 {
        keys(&mut app, "f");
        names.push(doc(&app).filter.name());
    }
    assert!(names.contains(&"changed".to_string()), "{names:?}");
    assert!(names.contains(&"orphaned".to_string()), "{names:?}");
    while doc(&app).filter != crate::doc::Filter::Changed {
        keys(&mut app, "f");
    }
    let rows: Vec<usize> = (0..doc(&app).panel.len())
        .flat_map(|r| doc(&app).panel_anns(r))
        .collect();
    assert_eq!(rows, vec![0]);
}

#[test]
fn a_store_that_becomes_writable_says_so_and_reads_the_article_again() {
    let mut app = seeded();
    let why = "another gloss is using the store".to_string();
    app.store_read_only = Some(why.clone());
    app.doc.as_mut().unwrap().read_only = Some(why);
    keys(&mut app, "a");
    assert!(note(&app).contains("read-only"));
    let fx = update(&mut app, Msg::StoreWritable);
    assert!(app.store_read_only.is_none());
    assert!(doc(&app).read_only.is_none());
    assert!(note(&app).contains("writable"), "{}", note(&app));
    assert!(fx.contains(&Effect::Open(path())), "{fx:?}");
    // Until the article is read again, an edit would be made on what may be old.
    let fx = keys(&mut app, "a");
    assert!(fx.is_empty(), "{fx:?}");
    assert!(
        note(&app).contains("reading the article again"),
        "{}",
        note(&app)
    );
}

#[test]
fn accept_acts_on_the_first_annotation_and_saves() {
    let mut app = seeded();
    let fx = keys(&mut app, "a");
    assert_eq!(ann(&app, "Wladimir Putin").status, Status::Accepted);
    let s = saved(&fx);
    assert_eq!(s.len(), 1, "only annotations worth saving are saved");
    assert_eq!(s[0].text, "Wladimir Putin");
    assert!(app.note.as_ref().unwrap().text.contains("accepted"));
    update(&mut app, Msg::Saved(Box::new(record(&fx)), Ok(())));
    // Issue 11: the finished save keeps saying what was done (it said only "saved").
    assert_eq!(
        app.note.as_ref().unwrap().text,
        "accepted Wladimir Putin · saved"
    );
}

#[test]
fn accept_works_from_every_focus() {
    for ks in ["a", "<Tab>a", "<Tab><Tab>a"] {
        let mut app = seeded();
        let fx = keys(&mut app, ks);
        assert!(!saved(&fx).is_empty(), "{ks}");
    }
}

#[test]
fn reject_then_never_suggest() {
    let mut app = seeded();
    keys(&mut app, "x");
    assert_eq!(ann(&app, "Wladimir Putin").status, Status::Rejected);
    assert!(app.note.as_ref().unwrap().text.contains("never suggest"));
    let fx = keys(&mut app, "!");
    assert!(fx.contains(&Effect::NeverSuggest {
        text: "Wladimir Putin".into(),
        label: "PER".into()
    }));
}

#[test]
fn accept_all_and_reject_all_follow_the_canonical_name() {
    let mut app = seeded();
    keys(&mut app, "A");
    let putins: Vec<_> = doc(&app)
        .anns
        .iter()
        .filter(|a| a.text.contains("Putin"))
        .collect();
    assert_eq!(putins.len(), 2);
    assert!(putins.iter().all(|a| a.status == Status::Accepted));
    assert_eq!(ann(&app, "Aschgabat").status, Status::Suggested);
    keys(&mut app, "X");
    assert!(
        doc(&app)
            .anns
            .iter()
            .filter(|a| a.text.contains("Putin"))
            .all(|a| a.status == Status::Rejected)
    );
}

#[test]
fn undo_and_redo_every_step() {
    let mut app = seeded();
    keys(&mut app, "a");
    let fx = keys(&mut app, "u");
    assert_eq!(ann(&app, "Wladimir Putin").status, Status::Suggested);
    assert!(
        saved(&fx).is_empty(),
        "undo restores the untouched suggestion"
    );
    keys(&mut app, "<C-r>");
    assert_eq!(ann(&app, "Wladimir Putin").status, Status::Accepted);
    // At least 100 steps.
    for _ in 0..60 {
        keys(&mut app, "xa");
    }
    for _ in 0..120 {
        keys(&mut app, "u");
    }
    assert_eq!(ann(&app, "Wladimir Putin").status, Status::Accepted);
    keys(&mut app, "u");
    assert_eq!(ann(&app, "Wladimir Putin").status, Status::Suggested);
}

#[test]
fn tag_picker_toggles_configured_and_new_tags() {
    let mut app = seeded();
    keys(&mut app, "t");
    assert_eq!(app.mode(), Mode::Picker);
    keys(&mut app, "<Enter>");
    assert_eq!(
        ann(&app, "Wladimir Putin").tags,
        vec!["key-actor".to_string()]
    );
    keys(&mut app, "t<Enter>");
    assert!(
        ann(&app, "Wladimir Putin").tags.is_empty(),
        "choosing again removes it"
    );
    keys(&mut app, "tbrand-new<Enter>");
    assert_eq!(
        ann(&app, "Wladimir Putin").tags,
        vec!["brand-new".to_string()]
    );
    keys(&mut app, "t<Esc>");
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn note_is_a_multiline_input() {
    let mut app = seeded();
    keys(&mut app, "e");
    assert_eq!(app.mode(), Mode::Insert);
    let fx = keys(&mut app, "eins<Enter>zwei<C-s>");
    assert_eq!(ann(&app, "Wladimir Putin").note, "eins\nzwei");
    assert_eq!(saved(&fx)[0].note, "eins\nzwei");
    keys(&mut app, "eX<C-c>");
    assert_eq!(
        ann(&app, "Wladimir Putin").note,
        "eins\nzwei",
        "cancel keeps the note"
    );
}

#[test]
fn change_type_with_the_picker() {
    let mut app = seeded();
    keys(&mut app, "T<Down><Enter>");
    assert_eq!(ann(&app, "Wladimir Putin").label, "LOC");
    // Still a suggestion, changed within the second it appeared: the store must keep it.
    assert!(ann(&app, "Wladimir Putin").worth_saving());
}

#[test]
fn a_speaker_set_on_a_suggested_claim_is_kept() {
    let mut app = seeded();
    keys(&mut app, "<Tab>G");
    keys(&mut app, "sJemand<Enter>");
    let claim = doc(&app)
        .anns
        .iter()
        .find(|a| a.kind == Kind::Claim)
        .unwrap();
    assert_eq!(claim.speaker.as_deref(), Some("Jemand"));
    assert!(claim.worth_saving(), "{claim:?}");
}

#[test]
fn the_speaker_prompt_completes_the_articles_people_and_links_the_claim() {
    let mut app = seeded();
    update(&mut app, Msg::Resize(120, 30));
    keys(&mut app, "<Tab>G");
    keys(&mut app, "sPez");
    // The completions show above the prompt: people, not places.
    let screen = crate::headless::buffer_text(&crate::headless::screen(&app));
    assert!(screen.contains("People and organisations"), "{screen}");
    assert!(screen.contains("Masoud Pezeshkian"), "{screen}");
    keys(&mut app, "<Tab><Enter>");
    let claim = |app: &App| {
        doc(app)
            .anns
            .iter()
            .find(|a| a.kind == Kind::Claim)
            .unwrap()
            .clone()
    };
    let person = ann(&app, "Masoud Pezeshkian").id.clone();
    assert_eq!(claim(&app).speaker.as_deref(), Some("Masoud Pezeshkian"));
    assert_eq!(claim(&app).speaker_id, Some(person));
    // A later mention is completed under its canonical name; Tab again takes the next match.
    keys(&mut app, "s<C-u>i<Tab><Tab><Enter>");
    assert_eq!(claim(&app).speaker.as_deref(), Some("Masoud Pezeshkian"));
    keys(&mut app, "s<C-u>Put<Tab><Enter>");
    assert_eq!(claim(&app).speaker.as_deref(), Some("Wladimir Putin"));
    assert!(claim(&app).speaker_id.is_some());
    // Places are not offered; free text stays free and has no link.
    keys(&mut app, "s<C-u>Asch<Tab><Enter>");
    assert_eq!(claim(&app).speaker.as_deref(), Some("Asch"));
    assert_eq!(claim(&app).speaker_id, None);
    assert!(app.speaker_names.is_none(), "closed with the prompt");
}

#[test]
fn the_speaker_picker_moves_a_highlight_and_enter_takes_it() {
    let mut app = seeded();
    update(&mut app, Msg::Resize(120, 30));
    keys(&mut app, "<Tab>G");
    let claim = |app: &App| {
        doc(app)
            .anns
            .iter()
            .find(|a| a.kind == Kind::Claim)
            .unwrap()
            .clone()
    };
    // Typing filters; the text as typed is the first row, highlighted.
    keys(&mut app, "sPez");
    let screen = crate::headless::buffer_text(&crate::headless::screen(&app));
    assert!(screen.contains("\"Pez\" as typed"), "{screen}");
    // Down moves the highlight to the name and leaves the typed text alone.
    keys(&mut app, "<Down>");
    let Overlay::Input { input, .. } = &app.overlay else {
        panic!("the prompt stays open");
    };
    assert_eq!(input.text(), "Pez");
    keys(&mut app, "<Enter>");
    assert_eq!(claim(&app).speaker.as_deref(), Some("Masoud Pezeshkian"));
    // Down then Up is back on the typed text.
    keys(&mut app, "s<C-u>Pez<Down><Up><Enter>");
    assert_eq!(claim(&app).speaker.as_deref(), Some("Pez"));
    assert_eq!(claim(&app).speaker_id, None);
    // Nothing typed: the first row is "none", and <Enter> clears the speaker.
    keys(&mut app, "s<C-u><Enter>");
    assert_eq!(claim(&app).speaker, None);
}

#[test]
fn speaker_only_for_claims() {
    let mut app = seeded();
    keys(&mut app, "s");
    assert_eq!(app.mode(), Mode::Normal, "an entity has no speaker");
    // Select the claim through the panel: focus it, then to the end of the list.
    keys(&mut app, "<Tab>G");
    keys(&mut app, "sPezeshkian<Enter>");
    let claim = doc(&app)
        .anns
        .iter()
        .find(|a| a.kind == Kind::Claim)
        .unwrap();
    assert_eq!(claim.speaker.as_deref(), Some("Pezeshkian"));
}

#[test]
fn visual_mode_marks_entities_and_claims() {
    let mut app = seeded();
    // Cursor to "Treffen", select two words, mark as ORG.
    keys(&mut app, "wvw");
    assert_eq!(app.mode(), Mode::Visual);
    assert_eq!(doc(&app).selection(), Some((4, 20)));
    keys(&mut app, "e<Down><Down><Enter>");
    let m = ann(&app, "Treffen zwischen");
    assert_eq!(
        (m.origin, m.label.as_str(), m.status),
        (Origin::Manual, "ORG", Status::Accepted)
    );
    assert_eq!(app.mode(), Mode::Normal);
    // A sentence as a claim.
    keys(&mut app, "gv)c");
    let c = doc(&app)
        .anns
        .iter()
        .find(|a| a.kind == Kind::Claim && a.origin == Origin::Manual)
        .unwrap();
    assert!(
        c.text.starts_with("Das Treffen") && c.text.ends_with("kurz."),
        "{:?}",
        c.text
    );
}

#[test]
fn delete_only_manual_annotations() {
    let mut app = seeded();
    let fx = keys(&mut app, "d");
    assert!(fx.is_empty());
    assert!(app.note.as_ref().unwrap().text.contains("only manual"));
    keys(&mut app, "wvec"); // "Treffen" as a claim (e in visual is entity: picker; Esc it)
    keys(&mut app, "<Esc>");
    keys(&mut app, "gwvc");
    assert!(doc(&app).anns.iter().any(|a| a.origin == Origin::Manual));
    keys(&mut app, "d");
    assert!(!doc(&app).anns.iter().any(|a| a.origin == Origin::Manual));
}

#[test]
fn annotation_navigation() {
    let mut app = seeded();
    keys(&mut app, "]");
    assert_eq!(
        doc(&app)
            .selected_index()
            .map(|i| doc(&app).anns[i].text.clone())
            .unwrap(),
        "Wladimir Putin"
    );
    keys(&mut app, "]]");
    assert_eq!(
        doc(&app).anns[doc(&app).selected_index().unwrap()].text,
        "Aschgabat"
    );
    keys(&mut app, "[");
    assert_eq!(
        doc(&app).anns[doc(&app).selected_index().unwrap()].text,
        "Masoud Pezeshkian"
    );
    // The panel follows the reader.
    let d = doc(&app);
    assert!(
        d.panel_anns(d.panel_sel)
            .contains(&d.selected_index().unwrap())
    );
}

#[test]
fn scrolling_keys_move_the_view() {
    let mut app = seeded();
    update(&mut app, Msg::Resize(40, 12));
    let total = doc(&app).rows.len();
    assert!(total > doc(&app).view_h, "needs a scrollable article");
    keys(&mut app, "j");
    assert_eq!(doc(&app).top, 1);
    keys(&mut app, "k");
    assert_eq!(doc(&app).top, 0);
    keys(&mut app, "G");
    assert_eq!(doc(&app).top, doc(&app).max_top());
    keys(&mut app, "g");
    assert_eq!(doc(&app).top, 0);
    keys(&mut app, "<C-d>");
    assert!(doc(&app).top > 0);
    keys(&mut app, "g}");
    assert_eq!(doc(&app).cursor, doc(&app).para_starts[1]);
    keys(&mut app, "{");
    assert_eq!(doc(&app).cursor, 0);
    keys(&mut app, "<Space>");
    assert!(doc(&app).top > 0);
    keys(&mut app, "b");
    assert_eq!(doc(&app).top, 0);
}

#[test]
fn resize_keeps_the_reading_position() {
    let mut app = seeded();
    update(&mut app, Msg::Resize(40, 12));
    keys(&mut app, "jjj");
    let d = doc(&app);
    let at = d.rows[d.top].start;
    update(&mut app, Msg::Resize(70, 12));
    let d = doc(&app);
    let r = d.rows[d.top];
    assert!(r.start <= at && at <= r.end.max(r.start), "{at} in {r:?}");
}

#[test]
fn focus_cycles_and_list_opens() {
    let mut app = seeded();
    assert_eq!(app.focus, Focus::Reader);
    keys(&mut app, "<Tab>");
    assert_eq!(app.focus, Focus::Panel);
    keys(&mut app, "<Tab>");
    assert_eq!(app.focus, Focus::List);
    keys(&mut app, "<S-Tab>");
    assert_eq!(app.focus, Focus::Panel);
}

#[test]
fn search_finds_and_steps_case_insensitively() {
    let mut app = seeded();
    keys(&mut app, "/pezeshkian<Enter>");
    let d = doc(&app);
    assert_eq!(d.search.as_ref().unwrap().matches.len(), 2);
    let first = d.cursor;
    keys(&mut app, "n");
    assert!(doc(&app).cursor > first);
    keys(&mut app, "N");
    assert_eq!(doc(&app).cursor, first);
    assert_eq!(find_all("Äpfel und äpfel", "ÄPFEL"), vec![(0, 5), (10, 15)]);
}

#[test]
fn esc_backs_out_of_a_prompt_but_keeps_a_note() {
    let mut app = seeded();
    keys(&mut app, "/pezeshkian<Esc>");
    assert!(doc(&app).search.is_none(), "Esc cancels the search prompt");
    keys(&mut app, "eEine Notiz<Esc>");
    assert_eq!(
        ann(&app, "Wladimir Putin").note,
        "Eine Notiz",
        "Esc keeps a note"
    );
}

#[test]
fn growing_then_shrinking_the_window_keeps_the_reading_position() {
    let mut app = seeded();
    update(&mut app, Msg::Resize(30, 6));
    app.doc.as_mut().unwrap().scroll(3);
    let d = doc(&app);
    let top_char = d.rows[d.top].start;
    assert!(d.top > 0);
    // So large the whole article fits: the view must start at the top.
    update(&mut app, Msg::Resize(300, 300));
    assert_eq!(doc(&app).top, 0);
    update(&mut app, Msg::Resize(30, 6));
    let d = doc(&app);
    assert_eq!(d.rows[d.top].start, top_char);
    // Scrolling afterwards is the user's new position; no old one comes back.
    app.doc.as_mut().unwrap().scroll(-1);
    update(&mut app, Msg::Resize(31, 6));
    let d = doc(&app);
    assert!(d.rows[d.top].start < top_char);
}

#[test]
fn an_emptied_search_prompt_clears_the_search() {
    let mut app = seeded();
    keys(&mut app, "/pezeshkian<Enter>");
    assert!(doc(&app).search.is_some());
    // An emptied prompt (a new one starts empty; backspaces on it change nothing) clears.
    keys(&mut app, &format!("/{}<Enter>", "<BS>".repeat(11)));
    assert!(doc(&app).search.is_none());
    assert_eq!(app.note.as_ref().unwrap().text, "search cleared");
}

#[test]
fn filter_cycles_the_panel() {
    let mut app = seeded();
    keys(&mut app, "a");
    keys(&mut app, "ff");
    assert_eq!(doc(&app).filter, Filter::Accepted);
    let n: usize = doc(&app)
        .panel
        .iter()
        .filter(|r| matches!(r, crate::doc::PanelRow::Entity { .. }))
        .count();
    assert_eq!(n, 1);
}

#[test]
fn export_help_and_quit() {
    let mut app = seeded();
    let fx = keys(&mut app, "E");
    assert_eq!(fx, vec![Effect::Export(path())]);
    keys(&mut app, "?");
    assert_eq!(app.mode(), Mode::Help);
    keys(&mut app, "j<Esc>");
    assert_eq!(app.mode(), Mode::Normal);
    keys(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn read_only_articles_are_not_written() {
    let mut app = seeded();
    app.doc.as_mut().unwrap().read_only = Some("locked by another gloss".into());
    let fx = keys(&mut app, "a");
    assert!(fx.is_empty());
    assert_eq!(ann(&app, "Wladimir Putin").status, Status::Suggested);
    let n = app.note.clone().unwrap();
    assert!(n.error && n.text.contains("read-only"), "{n:?}");
}

#[test]
fn list_sorts_newest_first_and_keeps_the_selection() {
    let mut app = App::new(Config::default_config(), PathBuf::from("d"), false);
    update(&mut app, Msg::Resize(120, 40));
    let files: Vec<PathBuf> = ["d/a.txt", "d/b.txt", "d/c.txt"]
        .map(PathBuf::from)
        .to_vec();
    let fx = update(
        &mut app,
        Msg::Scanned(Scan {
            files: files.clone(),
            skipped: vec![(PathBuf::from("d/x.bin"), "binary".into())],
        }),
    );
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::LoadMeta(f) if f.len() == 3))
    );
    assert!(app.note.as_ref().unwrap().text.contains("1 file skipped"));
    let date = |d: &str| Meta {
        title: d.into(),
        date: d.parse().ok(),
        ..Meta::default()
    };
    app.library.sel = app
        .library
        .items
        .iter()
        .position(|(p, _)| p.ends_with("b.txt"))
        .unwrap();
    update(
        &mut app,
        Msg::Metas(vec![
            (files[0].clone(), Ok(date("2024-01-01"))),
            (files[1].clone(), Ok(date("2024-01-03"))),
            (files[2].clone(), Err("empty file".into())),
        ]),
    );
    let order: Vec<_> = app.library.items.iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(order, vec![files[1].clone(), files[0].clone()]);
    assert_eq!(app.library.sel, 0, "b stays selected as it moves up");
    // The scan opened the first file by name; once all dates are in, the newest opens.
    assert_eq!(app.opening, Some(files[0].clone()));
    app.user_moved = false;
    let fx = update(&mut app, Msg::MetaDone);
    assert!(fx.contains(&Effect::Open(files[1].clone())), "{fx:?}");
}

#[test]
fn mouse_wheel_scrolls_and_click_places_the_cursor() {
    let mut app = seeded();
    update(&mut app, Msg::Resize(40, 12));
    let r = app.areas().reader.unwrap();
    let ev = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    update(
        &mut app,
        Msg::Mouse(ev(MouseEventKind::ScrollDown, r.x + 2, r.y + 2)),
    );
    let d = doc(&app);
    assert!(d.max_top() >= 1);
    assert_eq!(d.top, 3.min(d.max_top()));
    update(
        &mut app,
        Msg::Mouse(ev(MouseEventKind::ScrollUp, r.x + 2, r.y + 2)),
    );
    let (_, text) = crate::layout::reader_parts(r);
    update(
        &mut app,
        Msg::Mouse(ev(
            MouseEventKind::Down(MouseButton::Left),
            text.x + 5,
            text.y,
        )),
    );
    assert_eq!(doc(&app).cursor, 4, "the click selects the word under it");
    update(
        &mut app,
        Msg::Mouse(ev(
            MouseEventKind::Drag(MouseButton::Left),
            text.x + 14,
            text.y,
        )),
    );
    assert_eq!(app.mode(), Mode::Visual);
}

#[test]
fn open_from_the_list_moves_focus_to_the_reader() {
    let mut app = App::new(Config::default_config(), PathBuf::from("d"), false);
    update(&mut app, Msg::Resize(120, 40));
    let files: Vec<PathBuf> = ["d/a.txt", "d/b.txt"].map(PathBuf::from).to_vec();
    update(
        &mut app,
        Msg::Scanned(Scan {
            files: files.clone(),
            skipped: Vec::new(),
        }),
    );
    assert_eq!(app.focus, Focus::List);
    let fx = keys(&mut app, "j<Enter>");
    assert_eq!(fx, vec![Effect::Open(files[1].clone())]);
    assert_eq!(app.focus, Focus::Reader);
    assert!(
        app.user_moved,
        "the newest must not replace the user's choice"
    );
}

#[test]
fn word_and_sentence_motions_and_cancel() {
    let mut app = seeded();
    keys(&mut app, "ww");
    assert_eq!(doc(&app).cursor, 12);
    keys(&mut app, "h");
    assert_eq!(doc(&app).cursor, 4);
    keys(&mut app, ")");
    let second = P1.find("Putin sprach").unwrap();
    assert_eq!(doc(&app).cursor, P1[..second].chars().count());
    keys(&mut app, "((");
    assert_eq!(doc(&app).cursor, 0);
    // Esc leaves visual mode, then clears the search.
    keys(&mut app, "v");
    assert_eq!(app.mode(), Mode::Visual);
    keys(&mut app, "<Esc>");
    assert_eq!(app.mode(), Mode::Normal);
    keys(&mut app, "/Berlin<Enter>");
    assert!(doc(&app).search.is_some());
    keys(&mut app, "<Esc>");
    assert!(doc(&app).search.is_none());
}

#[test]
fn half_page_up_and_unbound_keys() {
    let mut app = seeded();
    update(&mut app, Msg::Resize(40, 12));
    keys(&mut app, "G<C-u>");
    assert!(doc(&app).top < doc(&app).max_top());
    keys(&mut app, "Z");
    assert!(app.note.as_ref().unwrap().text.contains("Z is not bound"));
}

#[test]
fn help_in_visual_mode_lists_visual_keys() {
    let mut app = seeded();
    keys(&mut app, "v?");
    assert!(matches!(
        app.overlay,
        Overlay::Help {
            of: KeyMode::Visual,
            ..
        }
    ));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const KEYS: &[&str] = &[
        "j", "k", "<C-d>", "<C-u>", "<Space>", "b", "g", "G", "{", "}", "<Tab>", "<S-Tab>",
        "<Enter>", "]", "[", "a", "x", "A", "X", "!", "t", "e", "T", "s", "d", "f", "w", "h", ")",
        "(", "v", "c", "u", "<C-r>", "?", "<Esc>", "<Down>", "<Up>", "n", "N", "/", "Z", "E",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any key sequence at any size keeps the view consistent and never panics.
        #[test]
        fn random_keys_keep_the_state_consistent(
            seq in proptest::collection::vec(0..KEYS.len(), 0..60),
            w in 1u16..200,
            h in 1u16..60,
        ) {
            let mut app = seeded();
            update(&mut app, Msg::Resize(w, h));
            for i in seq {
                keys(&mut app, KEYS[i]);
                let d = doc(&app);
                prop_assert!(d.cursor <= d.char_len);
                prop_assert!(d.top <= d.max_top(), "top {} max {}", d.top, d.max_top());
                if let Some(i) = d.selected_index() {
                    prop_assert!(i < d.anns.len());
                }
                prop_assert!(d.panel_sel < d.panel.len().max(1));
                let _ = crate::headless::screen(&app);
            }
        }
    }
}

#[test]
fn marking_a_suggested_span_accepts_it_instead_of_duplicating() {
    let mut app = seeded();
    let n = doc(&app).anns.len();
    // "Wladimir Putin" is suggested as PER: select exactly it and mark it as ORG.
    let start = P1.find("Wladimir").unwrap();
    while doc(&app).cursor < start {
        keys(&mut app, "w");
    }
    keys(&mut app, "vwe<Down><Down><Enter>");
    assert_eq!(doc(&app).anns.len(), n);
    let a = ann(&app, "Wladimir Putin");
    assert_eq!((a.label.as_str(), a.status), ("ORG", Status::Accepted));
    keys(&mut app, "u");
    assert_eq!(ann(&app, "Wladimir Putin").label, "PER");
}

#[test]
fn suggestions_arriving_late_do_not_override_what_the_user_did() {
    let mut app = app_with(&[]);
    let doc = app.doc.as_mut().unwrap();
    doc.analysing = true;
    let body = doc.body.clone();
    let path = doc.path.clone();
    // Meanwhile the user marked the first word by hand.
    let mut mine = Annotation::new(&body, Kind::Entity, "ORG", 0, 3, Origin::Manual);
    mine.status = Status::Accepted;
    doc.anns.push(mine.clone());
    doc.refresh();
    let same_span = Annotation::new(&body, Kind::Entity, "PER", 0, 3, Origin::Auto);
    let other = Annotation::new(&body, Kind::Entity, "LOC", 4, 8, Origin::Auto);
    let mut canonical = HashMap::new();
    canonical.insert(other.id.clone(), "Canon".to_string());
    update(
        &mut app,
        Msg::Suggested(Box::new(Suggested {
            path,
            anns: vec![same_span, other.clone()],
            canonical,
        })),
    );
    let doc = app.doc.as_ref().unwrap();
    assert!(!doc.analysing);
    let at0: Vec<_> = doc
        .anns
        .iter()
        .filter(|a| a.start == 0 && a.end == 3)
        .collect();
    assert_eq!(at0.len(), 1);
    assert_eq!(at0[0].id, mine.id);
    assert!(doc.anns.iter().any(|a| a.id == other.id));
    assert_eq!(
        doc.canonical.get(&other.id).map(String::as_str),
        Some("Canon")
    );
}

#[test]
fn suggestions_for_another_article_are_ignored() {
    let mut app = app_with(&[]);
    let before = app.doc.as_ref().unwrap().anns.len();
    let body = app.doc.as_ref().unwrap().body.clone();
    let stray = Annotation::new(&body, Kind::Entity, "LOC", 0, 3, Origin::Auto);
    update(
        &mut app,
        Msg::Suggested(Box::new(Suggested {
            path: "elsewhere.txt".into(),
            anns: vec![stray],
            canonical: HashMap::new(),
        })),
    );
    assert_eq!(app.doc.as_ref().unwrap().anns.len(), before);
}

#[test]
fn list_ends_sorted_newest_first_after_metadata_in_many_batches() {
    let mut app = App::new(Config::default_config(), PathBuf::from("lib"), false);
    update(&mut app, Msg::Resize(120, 40));
    let files: Vec<PathBuf> = (0..3000)
        .map(|i| PathBuf::from(format!("lib/a{i}.txt")))
        .collect();
    update(
        &mut app,
        Msg::Scanned(Scan {
            files: files.clone(),
            skipped: Vec::new(),
        }),
    );
    let date = |i: usize| {
        chrono::NaiveDate::from_ymd_opt(2000 + (i * 7919 % 25) as i32, 1 + (i % 12) as u32, 1)
    };
    for chunk in files.chunks(256) {
        let batch = chunk
            .iter()
            .map(|p| {
                let i: usize = p.to_string_lossy()[5..]
                    .trim_end_matches(".txt")
                    .parse()
                    .unwrap();
                (
                    p.clone(),
                    Ok(Meta {
                        title: format!("T{i}"),
                        date: date(i),
                        ..Meta::default()
                    }),
                )
            })
            .collect();
        update(&mut app, Msg::Metas(batch));
    }
    update(&mut app, Msg::MetaDone);
    assert_eq!(app.library.items.len(), 3000);
    assert!(
        app.library
            .items
            .iter()
            .all(|(_, m)| m.title.starts_with('T'))
    );
    assert!(
        app.library
            .items
            .windows(2)
            .all(|w| (w[0].1.date, &w[1].0) >= (w[1].1.date, &w[0].0)),
        "not newest first"
    );
}

#[test]
fn gg_goes_to_the_top_and_g_alone_still_does() {
    let mut app = seeded();
    update(&mut app, Msg::Resize(40, 12));
    keys(&mut app, "G");
    assert!(doc(&app).top > 0);
    keys(&mut app, "gg");
    assert_eq!(doc(&app).top, 0);
    assert!(app.pending_keys.is_none(), "gg ends the sequence");
    keys(&mut app, "Gg");
    assert_eq!(doc(&app).top, 0);
    // `g` waits for nothing (every sequence after it also means top): nothing shows.
    assert_eq!(app.waiting_keys(), "");
    keys(&mut app, "Gggj");
    assert_eq!(doc(&app).top, 1, "gg then j: the j counts on its own");
}

/// An app whose config binds `text` (a TOML keymap) on top of the defaults.
fn seeded_with_keys(text: &str) -> App {
    let cfg = crate::config_check::parse(std::path::Path::new("c.toml"), text).unwrap();
    let mut app = seeded();
    app.keymap = Keymap::from_config(&cfg.keymap);
    app
}

#[test]
fn a_sequence_that_means_something_else_waits_and_shows_in_the_status_bar() {
    let mut app = seeded_with_keys("[keymap.normal]\ngj = \"bottom\"\n");
    update(&mut app, Msg::Resize(160, 12));
    keys(&mut app, "g");
    assert_eq!(app.waiting_keys(), "g");
    let screen = crate::headless::buffer_text(&crate::headless::screen(&app));
    assert!(screen.contains("g… · ? help"), "{screen}");
    update(&mut app, Msg::Resize(40, 12));
    keys(&mut app, "j");
    assert_eq!(doc(&app).top, doc(&app).max_top(), "gj ran");
    assert_eq!(app.waiting_keys(), "");
    keys(&mut app, "gk");
    assert_eq!(doc(&app).top, 0, "g (top) then k");
}

#[test]
fn config_rebinds_editor_prompt_and_picker_keys() {
    let mut app = seeded_with_keys(
        "[keymap.editor]\n\"<C-j>\" = \"new_line\"\n\"<Enter>\" = \"submit\"\n\
         [keymap.prompt]\n\"<C-g>\" = \"cancel\"\n\
         [keymap.picker]\n\"<C-j>\" = \"down\"\n",
    );
    let fx = keys(&mut app, "eeins<C-j>zwei<Enter>");
    assert_eq!(ann(&app, "Wladimir Putin").note, "eins\nzwei");
    assert_eq!(saved(&fx)[0].note, "eins\nzwei");
    keys(&mut app, "/Putin<C-g>");
    assert_eq!(app.mode(), Mode::Normal, "C-g left the prompt");
    assert!(doc(&app).search.is_none(), "the search was cancelled");
    keys(&mut app, "T<C-j><Enter>");
    assert_eq!(ann(&app, "Wladimir Putin").label, "LOC");
}

#[test]
fn hints_follow_the_keymap() {
    let mut app =
        seeded_with_keys("[keymap.editor]\n\"<C-o>\" = \"submit\"\n\"<Esc>\" = \"none\"\n");
    update(&mut app, Msg::Resize(100, 30));
    keys(&mut app, "e");
    let screen = crate::headless::buffer_text(&crate::headless::screen(&app));
    assert!(screen.contains("C-o/C-s save · C-c cancel"), "{screen}");
    assert!(!screen.contains("Esc"), "{screen}");
}

#[test]
fn help_lists_the_keys_of_every_mode() {
    let mut app = seeded();
    update(&mut app, Msg::Resize(100, 200));
    keys(&mut app, "?");
    let screen = crate::headless::buffer_text(&crate::headless::screen(&app));
    for mode in KeyMode::all() {
        if mode != KeyMode::Normal {
            assert!(
                screen.contains(&format!(" {} · ", mode.name())),
                "{mode:?}\n{screen}"
            );
        }
    }
    for (key, name) in [
        ("gg", "top"),
        ("<C-s>", "submit"),
        ("<C-k>", "delete_to_line_end"),
        ("<C-n>", "down"),
        ("<C-w>", "delete_word_back"),
    ] {
        assert!(
            screen.lines().any(|l| l.contains(key) && l.contains(name)),
            "{key} {name}\n{screen}"
        );
    }
}

#[test]
fn up_in_the_note_editor_moves_by_the_rows_on_screen_without_a_draw() {
    // The script: `e`, 121 chars, `<Up>X<Esc>` at 100x30. The editor is 70 % of
    // 100 columns, 66 inside its border, so Up from char 121 lands in the first row.
    let typed: String = (0..121)
        .map(|i| if i % 10 == 9 { ' ' } else { 'a' })
        .collect();
    let run = |draw: bool| {
        let mut app = seeded();
        update(&mut app, Msg::Resize(100, 30));
        for k in parse_keys(&format!("e{typed}<Up>X<Esc>")).unwrap() {
            update(&mut app, Msg::Key(k.to_event()));
            if draw {
                let _ = crate::headless::screen(&app);
            }
        }
        ann(&app, "Wladimir Putin").note.clone()
    };
    let plain = run(false);
    assert_eq!(plain, run(true), "drawing must not change what keys do");
    let x = plain.find('X').unwrap();
    assert!(x < 66, "X at {x}: Up must move by a wrapped row");
}

#[test]
fn the_visual_mode_message_names_the_bound_keys() {
    let mut app = seeded();
    keys(&mut app, "v");
    let text = app.note.as_ref().unwrap().text.clone();
    assert_eq!(
        text,
        "select with w b ) ( j k · e entity · c claim · Esc cancel"
    );
    let mut app = seeded_with_keys("[keymap.visual]\nm = \"mark_entity\"\n");
    keys(&mut app, "v");
    assert!(app.note.as_ref().unwrap().text.contains("m entity"));
}

mod list;
mod rough_edges;
/// An app showing P1 and P2 with exactly these annotations (as the runner would give them).
fn app_showing(make: impl FnOnce(&str) -> Vec<Annotation>) -> App {
    let mut app = App::new(Config::default_config(), path(), true);
    update(&mut app, Msg::Resize(120, 40));
    let article = Article {
        path: path(),
        meta: Meta {
            title: "Ein Test".into(),
            ..Meta::default()
        },
        paragraphs: vec![P1.to_string(), P2.to_string()],
        warnings: Vec::new(),
    };
    let body = article.body();
    let anns = make(&body);
    let canonical = anns
        .iter()
        .map(|a| (a.id.clone(), a.text.clone()))
        .collect();
    open_in(&mut app, article, body, anns, canonical);
    app
}

/// Delivers `article` (its text `body`) with `anns` to `app` as the runner does when an
/// article opens.
fn open_in(
    app: &mut App,
    article: Article,
    body: String,
    anns: Vec<Annotation>,
    canonical: HashMap<String, String>,
) {
    app.opening = Some(path());
    let body = std::sync::Arc::new(gloss_core::text::Body::new(body, article.meta.lang));
    update(
        app,
        Msg::Opened(Box::new(Opened {
            body,
            article,
            loaded: Loaded {
                record: ArticleRecord {
                    path: path(),
                    title: "Ein Test".into(),
                    sha256: "x".into(),
                    annotations: Vec::new(),
                },
                read_only: None,
            },
            anns,
            canonical,
            store_read_only: None,
            more_coming: false,
        })),
    );
}

fn conflicted(body: &str) -> Vec<Annotation> {
    let s = body.find("Aschgabat").unwrap();
    let s = body[..s].chars().count();
    let mut ours = Annotation::new(body, Kind::Entity, "LOC", s, s + 9, Origin::Manual);
    ours.note = "ours".into();
    let mut theirs = ours.clone();
    theirs.id = format!("{}-0000beef", ours.id);
    theirs.note = "theirs".into();
    ours.conflict = Some(theirs.id.clone());
    theirs.conflict = Some(ours.id.clone());
    vec![ours, theirs]
}

#[test]
fn take_version_keeps_the_selected_one_of_a_merge_conflict_and_undoes() {
    let mut app = app_showing(conflicted);
    app.config.author = Some("Ann".into());
    let mut fx = Vec::new();
    act(&mut app, Action::TakeVersion, &mut fx);
    let kept = saved(&fx);
    assert_eq!(kept.len(), 1, "the other version is gone: {kept:?}");
    assert_eq!(kept[0].conflict, None);
    assert_eq!(kept[0].author.as_deref(), Some("Ann"));
    let took = kept[0].note.clone();
    assert!(took == "ours" || took == "theirs");
    assert!(
        app.note
            .as_ref()
            .unwrap()
            .text
            .contains("took this version")
    );
    // One step: undo brings both versions back, still flagged.
    let fx = keys(&mut app, "u");
    let back = saved(&fx);
    assert_eq!(back.len(), 2);
    assert!(back.iter().all(|a| a.conflict.is_some()));
    // Where there is no conflict, it says so and changes nothing.
    let mut plain = seeded();
    let mut fx = Vec::new();
    act(&mut plain, Action::TakeVersion, &mut fx);
    assert!(fx.iter().all(|e| !matches!(e, Effect::Save(_))));
    assert!(
        plain
            .note
            .as_ref()
            .unwrap()
            .text
            .contains("no merge conflict")
    );
}

#[test]
fn review_shows_both_versions_side_by_side_and_keeps_either() {
    for (key, want) in [("h", "ours"), ("l", "theirs")] {
        let mut app = app_showing(conflicted);
        keys(&mut app, "R");
        assert_eq!(app.mode(), Mode::Review);
        let screen = crate::headless::buffer_text(&crate::headless::screen(&app));
        let row = screen
            .lines()
            .find(|l| l.contains("note") && l.contains("ours"))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(row.contains("theirs"), "side by side: {row}");
        assert!(screen.contains("conflict 1/1"), "{screen}");
        let fx = keys(&mut app, key);
        let kept = saved(&fx);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].note, want, "{key}");
        assert_eq!(kept[0].conflict, None);
        assert_eq!(app.mode(), Mode::Normal, "closed when nothing is left");
    }
    // Two conflicts: j moves to the second.
    let mut app = app_showing(|body| {
        let mut v = conflicted(body);
        let mut lone = v[0].clone();
        lone.id = "lone".into();
        lone.start = 0;
        lone.end = 3;
        lone.text = body.chars().take(3).collect();
        lone.conflict = Some("deleted".into());
        v.push(lone);
        v
    });
    keys(&mut app, "Rj");
    assert!(matches!(app.overlay, Overlay::Review { at: 1 }));
    // The other side deleted it: keep right takes the deletion.
    let mut app = app_showing(|body| {
        let mut a = conflicted(body).remove(0);
        a.conflict = Some("deleted".into());
        vec![a]
    });
    keys(&mut app, "R");
    let screen = crate::headless::buffer_text(&crate::headless::screen(&app));
    assert!(screen.contains("not in the other version"), "{screen}");
    let fx = keys(&mut app, "l");
    assert!(saved(&fx).is_empty());
    // Nothing to review: R says so.
    let mut plain = seeded();
    keys(&mut plain, "R");
    assert_eq!(plain.mode(), Mode::Normal);
    assert!(
        plain
            .note
            .as_ref()
            .unwrap()
            .text
            .contains("no merge conflicts")
    );
}
