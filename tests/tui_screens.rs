//! Snapshot tests of whole screens, drawn headless on ratatui's TestBackend.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use gloss::annotation::{Annotation, ArticleRecord, Kind, Loaded, Origin, Status};
use gloss::article::{Article, Meta};
use gloss::config::Config;
use gloss::tui::app::{App, Msg, Opened, update};
use gloss::tui::headless;
use gloss::tui::keymap::parse_keys;
use ratatui::style::{Color, Modifier};

const SEED: &str = "assets/articles/2024-12-21-putin-pezeshkian.txt";

/// Renders a folder holding only a copy of `article` (so sample articles added later do
/// not change these screens).
fn render(article: &str, w: u16, h: u16, keys: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("articles");
    std::fs::create_dir(&folder).unwrap();
    let name = Path::new(article).file_name().unwrap();
    std::fs::copy(article, folder.join(name)).unwrap();
    let keys = parse_keys(keys).unwrap();
    headless::render(
        &Config::default_config(),
        &tmp.path().join("data"),
        &folder,
        w,
        h,
        &keys,
    )
}

#[test]
fn seed_folder_shows_list_reader_and_panel() {
    let screen = render(SEED, 120, 40, "");
    assert!(screen.contains("Articles"));
    assert!(screen.contains("Entities · Claims"));
    assert!(screen.contains("Putin und Pezeshkian"));
    insta::assert_snapshot!(screen);
}

#[test]
fn help_overlay_lists_the_keys_of_the_mode() {
    let screen = render(SEED, 100, 40, "?");
    assert!(screen.contains("Keys · normal"));
    assert!(screen.contains("accept"));
    insta::assert_snapshot!(screen);
}

#[test]
fn visual_selection() {
    let screen = render(SEED, 100, 30, "<Tab>wwvw");
    assert!(screen.contains("VISUAL"));
    insta::assert_snapshot!(screen);
}

#[test]
fn tag_picker_over_a_manual_entity() {
    let screen = render(SEED, 100, 30, "<Tab>wwvwe<Enter>t");
    assert!(screen.contains("key-actor"));
    assert!(screen.contains("PICK"));
    insta::assert_snapshot!(screen);
}

#[test]
fn tiny_sizes_do_not_panic() {
    for (w, h) in [(1, 1), (2, 2), (20, 5), (300, 100)] {
        let screen = render(SEED, w, h, "<Tab>jj?");
        assert_eq!(screen.lines().count(), h as usize);
    }
    insta::assert_snapshot!("size_1x1", render(SEED, 1, 1, ""));
    insta::assert_snapshot!("size_2x2", render(SEED, 2, 2, ""));
    insta::assert_snapshot!("size_20x5", render(SEED, 20, 5, ""));
}

/// An app showing a fixture article with one accepted and one suggested entity and a claim.
fn highlighted_app() -> App {
    highlighted_app_with(false)
}

/// The same, with the suggested entity orphaned when `orphan`.
fn highlighted_app_with(orphan: bool) -> App {
    let path = PathBuf::from("fixture.txt");
    let mut app = App::new(Config::default_config(), path.clone(), true);
    update(&mut app, Msg::Resize(100, 20));
    let article = Article {
        path: path.clone(),
        meta: Meta {
            title: "Fixture".into(),
            ..Meta::default()
        },
        paragraphs: vec![
            "Anna Berg traf Karl Stein in Bremen. Berg sagte, es werde regnen.".into(),
        ],
        warnings: Vec::new(),
    };
    let body = article.body();
    let mut anna = Annotation::new(&body, Kind::Entity, "PER", 0, 9, Origin::Auto);
    anna.status = Status::Accepted;
    let mut bremen = Annotation::new(&body, Kind::Entity, "LOC", 29, 35, Origin::Auto);
    bremen.orphaned = orphan;
    let claim = Annotation::new(&body, Kind::Claim, "claim", 37, 65, Origin::Auto);
    let mut canonical = HashMap::new();
    canonical.insert(anna.id.clone(), "Anna Berg".to_string());
    canonical.insert(bremen.id.clone(), "Bremen".to_string());
    app.opening = Some(path.clone());
    update(
        &mut app,
        Msg::Opened(Box::new(Opened {
            body: std::sync::Arc::new(gloss::text::Body::new(body.clone(), article.meta.lang)),
            article,
            // The accepted one is what the store holds, as the runner would load it.
            loaded: Loaded {
                record: ArticleRecord {
                    path,
                    annotations: vec![anna.clone()],
                    ..ArticleRecord::default()
                },
                read_only: None,
            },
            anns: vec![anna, bremen, claim],
            canonical,
            store_read_only: None,
            more_coming: false,
        })),
    );
    app
}

fn find(buf: &ratatui::buffer::Buffer, needle: &str) -> (u16, u16) {
    let text = headless::buffer_text(buf);
    for (y, line) in text.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            return (line[..byte].chars().count() as u16, y as u16);
        }
    }
    panic!("{needle:?} not on screen:\n{text}");
}

#[test]
fn highlights_tell_types_and_states_apart() {
    let app = highlighted_app();
    let buf = headless::screen(&app);
    insta::assert_snapshot!(headless::buffer_text(&buf));
    // Accepted PER: black on the PER colour, bold. Suggested LOC: its colour, italic.
    let (x, y) = find(&buf, "Anna Berg traf");
    let anna = &buf[(x + 1, y)];
    assert_eq!(anna.bg, Color::LightCyan);
    assert!(anna.modifier.contains(Modifier::BOLD));
    let (x, y) = find(&buf, "Bremen.");
    let bremen = &buf[(x, y)];
    assert_eq!(bremen.fg, Color::LightGreen);
    assert!(bremen.modifier.contains(Modifier::ITALIC));
    // The claim is underlined; plain text is not.
    let (x, y) = find(&buf, "sagte");
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    let (x, y) = find(&buf, "traf");
    assert!(!buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    // The panel groups entities and lists the claim.
    let text = headless::buffer_text(&buf);
    assert!(text.contains("ENTITIES 2"), "{text}");
    assert!(text.contains("CLAIMS 1"), "{text}");
}

#[test]
fn the_selected_annotation_stands_out_in_both_panes() {
    let mut app = highlighted_app();
    for k in parse_keys("]]").unwrap() {
        update(&mut app, Msg::Key(k.to_event()));
    }
    let buf = headless::screen(&app);
    let (x, y) = find(&buf, "Bremen.");
    let sel = app.theme.selection;
    assert_eq!(buf[(x, y)].bg, sel);
    let (px, py) = find(&buf, "Bremen  ");
    assert_ne!(buf[(px, py)].bg, Color::Reset, "panel row highlighted");
    let (ox, oy) = find(&buf, "Anna Berg  ");
    assert_eq!(buf[(ox, oy)].bg, Color::Reset, "other rows are not");
}

#[test]
fn a_selected_accepted_entity_stays_readable() {
    let mut app = highlighted_app();
    // The first annotation, the accepted "Anna Berg", selected.
    for k in parse_keys("]").unwrap() {
        update(&mut app, Msg::Key(k.to_event()));
    }
    let buf = headless::screen(&app);
    let (x, y) = find(&buf, "Anna Berg traf");
    let cell = &buf[(x + 1, y)];
    assert_eq!(cell.bg, app.theme.selection, "selected");
    // Not black on the dark selection: the PER colour as the text colour.
    assert_eq!(cell.fg, Color::LightCyan);
}

#[test]
fn orphaned_annotations_are_marked_in_the_panel_not_drawn_in_the_text() {
    let app = highlighted_app_with(true);
    let buf = headless::screen(&app);
    let text = headless::buffer_text(&buf);
    assert!(text.contains("? LOC  Bremen"), "{text}");
    let (x, y) = find(&buf, "Bremen.");
    assert_eq!(buf[(x, y)].fg, Color::Reset);
}

#[test]
fn a_changed_quote_has_its_own_mark_in_the_panel_and_colour_in_the_reader() {
    let mut app = highlighted_app();
    let d = app.doc.as_mut().unwrap();
    let i = d.anns.iter().position(|a| a.text == "Anna Berg").unwrap();
    d.anns[i].changed_from = Some("Anne Berg".into());
    // As re-anchoring leaves it: the store holds the flagged one.
    d.on_disk.insert(d.anns[i].id.clone(), d.anns[i].clone());
    d.refresh();
    d.recount_pending();
    let buf = headless::screen(&app);
    let text = headless::buffer_text(&buf);
    assert!(text.contains("≠ PER  Anna Berg"), "{text}");
    let (x, y) = find(&buf, "≠ PER");
    assert_eq!(buf[(x, y)].fg, Color::LightMagenta);
    let (x, y) = find(&buf, "Anna Berg traf");
    let cell = &buf[(x + 1, y)];
    assert!(cell.modifier.contains(Modifier::UNDERLINED));
    assert_eq!(cell.underline_color, Color::LightMagenta);
    // Its sign in the margin beside the row it starts on.
    assert_eq!(buf[(x - 1, y)].symbol(), "≠");
    assert_eq!(buf[(x - 1, y)].fg, Color::LightMagenta);
    // Still accepted: bold on the PER colour beneath the mark.
    assert_eq!(cell.bg, Color::LightCyan);
    // The unchanged suggestion is not marked so, and the unflagged screen has no sign.
    let (x, y) = find(&buf, "Bremen.");
    assert!(!buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    let plain = headless::buffer_text(&headless::screen(&highlighted_app()));
    assert!(!plain.contains('≠'), "{plain}");
}

#[test]
fn an_unsaved_change_is_marked_in_the_panel_and_counted_in_the_status_bar() {
    let mut app = highlighted_app();
    let d = app.doc.as_mut().unwrap();
    // The store does not hold the accepted one (its save failed).
    d.on_disk.clear();
    d.recount_pending();
    let text = headless::buffer_text(&headless::screen(&app));
    assert!(text.contains("✓*PER  Anna Berg"), "{text}");
    assert!(text.contains("· LOC  Bremen"), "{text}");
    assert!(text.contains("1 unsaved"), "{text}");
}

/// The article list across sessions, as `gloss render --keys` draws it: the article opened
/// and annotated in the first session is read and counted in the next; `F`, `/` and `O`
/// filter and sort.
#[test]
fn the_list_marks_filters_and_sorts_what_earlier_sessions_read_and_annotated() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("articles");
    std::fs::create_dir(&folder).unwrap();
    for name in [
        "2024-12-21-putin-pezeshkian.txt",
        "2025-01-14-haushaltsstreit-bundestag.txt",
        "2025-02-03-offshore-wind-auction.txt",
    ] {
        std::fs::copy(Path::new("assets/articles").join(name), folder.join(name)).unwrap();
    }
    let data = tmp.path().join("data");
    let run = |keys: &str| {
        headless::render(
            &Config::default_config(),
            &data,
            &folder,
            120,
            30,
            &parse_keys(keys).unwrap(),
        )
    };
    let row = |screen: &str, word: &str| -> String {
        screen
            .lines()
            .find(|l| l.starts_with('┃') && l.contains(word))
            .map(|l| l.chars().take(40).collect())
            .unwrap_or_default()
    };
    // Newest first: the offshore auction opens by itself; the user opens the budget row,
    // accepts its first suggestion, and quits.
    run("j<Enter>]aq");
    let screen = run("");
    let budget = row(&screen, "Haushalt");
    assert!(budget.contains("✎1"), "{screen}");
    assert!(!budget.contains('•'), "opened before: read\n{screen}");
    assert!(
        row(&screen, "Putin").contains('•'),
        "never opened\n{screen}"
    );
    assert!(!row(&screen, "Putin").contains('✎'), "{screen}");
    // `F`: the annotated ones.
    let screen = run("F");
    assert!(screen.contains("list 1 of 3 · /is:annotated"), "{screen}");
    assert!(row(&screen, "Putin").is_empty(), "{screen}");
    insta::assert_snapshot!(screen);
    // `/` filters as it is typed, before Enter.
    let screen = run("/putin");
    assert!(screen.contains("list 1 of 3 · /putin"), "{screen}");
    assert!(row(&screen, "Haushalt").is_empty(), "{screen}");
    // `O` twice: most annotated first.
    let screen = run("OO");
    assert!(screen.contains("list 3 · most annotated"), "{screen}");
    let first = screen
        .lines()
        .nth(1)
        .unwrap_or_default()
        .chars()
        .take(40)
        .collect::<String>();
    assert!(first.contains("✎1"), "{screen}");
}
