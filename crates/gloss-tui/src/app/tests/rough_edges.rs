//! Issue 11: the rough edges a first user hits, each pinned by an `update` test.

use super::*;

#[test]
fn a_type_change_applies_to_every_mention_of_the_group() {
    let mut app = seeded();
    // "Wladimir Putin" and "Putin" are one group (one canonical name) in the panel.
    let fx = keys(&mut app, "T<Down><Enter>");
    assert_eq!(ann(&app, "Wladimir Putin").label, "LOC");
    assert_eq!(ann(&app, "Putin").label, "LOC", "the second mention too");
    let s = saved(&fx);
    assert!(
        s.iter().any(|a| a.text == "Putin" && a.label == "LOC"),
        "and in the store"
    );
    assert!(
        app.note
            .as_ref()
            .unwrap()
            .text
            .starts_with("2 mentions of Wladimir Putin are now LOC")
    );
    keys(&mut app, "u");
    assert_eq!(ann(&app, "Putin").label, "PER");
    assert_eq!(ann(&app, "Wladimir Putin").label, "PER");
}

#[test]
fn a_new_search_starts_empty() {
    let mut app = seeded();
    keys(&mut app, "/pezeshkian<Enter>/berlin<Enter>");
    assert_eq!(doc(&app).search.as_ref().unwrap().query, "berlin");
    assert_eq!(doc(&app).search.as_ref().unwrap().matches.len(), 1);
}

/// Puts the visual selection from the start of `from` to char `to` (inclusive).
fn select(app: &mut App, from: usize, to: usize) {
    let d = app.doc.as_mut().unwrap();
    d.anchor = Some(from);
    d.cursor = to;
    app.focus = Focus::Reader;
}

fn char_of(needle: &str) -> usize {
    let body = format!("{P1}\n\n{P2}");
    body[..body.find(needle).unwrap()].chars().count()
}

#[test]
fn a_claim_marked_across_a_paragraph_end_is_trimmed_to_its_text() {
    let mut app = seeded();
    // From "Putin sprach" to the blank line after "lange.".
    let from = char_of("Putin sprach");
    select(&mut app, from, char_of("\n\nPezeshkian") + 1);
    let fx = keys(&mut app, "c");
    let c = doc(&app)
        .anns
        .iter()
        .find(|a| a.kind == Kind::Claim && a.origin == Origin::Manual)
        .unwrap();
    assert_eq!(c.text, "Putin sprach lange.");
    assert_eq!(
        (c.start, c.end),
        (from, from + "Putin sprach lange.".chars().count())
    );
    assert!(saved(&fx).iter().any(|a| a.text == "Putin sprach lange."));
}

#[test]
fn marking_over_a_suggested_claim_takes_it_over() {
    let mut app = seeded();
    let claims = |app: &App| {
        doc(app)
            .anns
            .iter()
            .filter(|a| a.kind == Kind::Claim)
            .count()
    };
    assert_eq!(claims(&app), 1);
    let suggested_id = doc(&app)
        .anns
        .iter()
        .find(|a| a.kind == Kind::Claim)
        .unwrap()
        .id
        .clone();
    // "Pezeshkian betonte," — inside the suggested claim.
    select(
        &mut app,
        char_of("Pezeshkian betonte"),
        char_of("betonte,") + 3,
    );
    keys(&mut app, "c");
    assert_eq!(claims(&app), 1, "no second row of the same claim");
    let c = doc(&app)
        .anns
        .iter()
        .find(|a| a.kind == Kind::Claim)
        .unwrap();
    assert_eq!(c.text, "Pezeshkian betonte");
    assert_eq!((c.origin, c.status), (Origin::Manual, Status::Accepted));
    assert_eq!(c.id, suggested_id, "the suggestion itself, taken over");
    // Manual, so deletable; undo brings the suggestion back as it was.
    keys(&mut app, "u");
    let c = doc(&app)
        .anns
        .iter()
        .find(|a| a.kind == Kind::Claim)
        .unwrap();
    assert_eq!(
        (c.origin, c.text.as_str()),
        (
            Origin::Auto,
            "Pezeshkian betonte, dass die Beziehungen eng seien."
        )
    );
    keys(&mut app, "<C-r>");
    assert!(
        app.note
            .as_ref()
            .unwrap()
            .text
            .starts_with("redid: marked claim")
    );
    let fx = keys(&mut app, "d");
    assert_eq!(claims(&app), 0, "deleted");
    assert!(saved(&fx).iter().all(|a| a.kind != Kind::Claim));
}

#[test]
fn messages_say_what_was_done() {
    let mut app = seeded();
    let fx = keys(&mut app, "A");
    update(&mut app, Msg::Saved(Box::new(record(&fx)), Ok(())));
    assert_eq!(
        app.note.as_ref().unwrap().text,
        "accepted 2 mentions of Wladimir Putin · saved"
    );
    let fx = keys(&mut app, "u");
    update(&mut app, Msg::Saved(Box::new(record(&fx)), Ok(())));
    assert_eq!(
        app.note.as_ref().unwrap().text,
        "undid: accepted 2 mentions of Wladimir Putin · saved"
    );
    // Berlin, then never suggest it.
    keys(&mut app, "]]]]");
    let fx = keys(&mut app, "!");
    assert!(
        fx.iter()
            .any(|f| matches!(f, Effect::NeverSuggest { text, .. } if text == "Berlin")),
        "{fx:?}"
    );
    update(&mut app, Msg::Saved(Box::new(record(&fx)), Ok(())));
    update(
        &mut app,
        Msg::NeverWritten(
            Effect::NeverSuggest {
                text: "Berlin".into(),
                label: "LOC".into(),
            },
            Ok(()),
        ),
    );
    assert_eq!(
        app.note.as_ref().unwrap().text,
        "never suggest “Berlin” as LOC · saved"
    );
}

#[test]
fn a_hidden_list_keeps_its_scroll() {
    let mut lib = Library::default();
    lib.items = (0..8)
        .map(|i| (PathBuf::from(format!("a/{i}.txt")), Meta::default()))
        .collect();
    lib.sel = 7;
    lib.keep_visible(30);
    assert_eq!(lib.top, 0, "all eight fit");
    lib.keep_visible(0);
    assert_eq!(lib.top, 0, "hidden: no scroll change");
    lib.keep_visible(3);
    assert_eq!(lib.top, 5);
    lib.keep_visible(30);
    assert_eq!(lib.top, 0, "never scrolled past the end");
}
