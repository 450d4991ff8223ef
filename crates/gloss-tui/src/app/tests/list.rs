//! Issue 14: the article list's filter, order and marks, through `update` and keys.

use super::*;
use gloss_core::text::Lang;
use std::path::Path;

/// A folder app with these articles (file, title, date, lang, section) loaded.
fn folder(arts: &[(&str, &str, &str, Lang, Option<&str>)]) -> App {
    let mut app = App::new(Config::default_config(), PathBuf::from("arts"), false);
    update(&mut app, Msg::Resize(120, 30));
    let files: Vec<PathBuf> = arts.iter().map(|a| PathBuf::from(a.0)).collect();
    update(
        &mut app,
        Msg::Scanned(Scan {
            files: files.clone(),
            skipped: Vec::new(),
        }),
    );
    let batch = arts
        .iter()
        .map(|(f, title, date, lang, section)| {
            (
                PathBuf::from(f),
                Ok(Meta {
                    title: title.to_string(),
                    date: date.parse().ok(),
                    lang: *lang,
                    section: section.map(str::to_string),
                    ..Meta::default()
                }),
            )
        })
        .collect();
    update(&mut app, Msg::Metas(batch));
    app.user_moved = true;
    update(&mut app, Msg::MetaDone);
    app.focus = Focus::List;
    app
}

fn four() -> App {
    folder(&[
        (
            "arts/a.txt",
            "Ärzte warnen vor Hitze",
            "2024-01-04",
            Lang::De,
            Some("Gesundheit"),
        ),
        (
            "arts/b.txt",
            "Russland und die Ukraine",
            "2024-01-03",
            Lang::De,
            Some("Politik"),
        ),
        (
            "arts/c.txt",
            "Budget talks in Berlin",
            "2024-01-02",
            Lang::En,
            Some("Politics"),
        ),
        (
            "arts/d.txt",
            "Zoo opens a new house",
            "2024-01-01",
            Lang::En,
            None,
        ),
    ])
}

fn shown(app: &App) -> Vec<String> {
    (0..app.library.len())
        .map(|i| {
            app.library
                .row(i)
                .unwrap()
                .0
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn screen(app: &App) -> String {
    crate::headless::buffer_text(&crate::headless::screen(app))
}

#[test]
fn slash_in_the_list_filters_titles_as_typed_and_esc_clears() {
    let mut app = four();
    keys(&mut app, "/");
    assert!(matches!(
        app.overlay,
        Overlay::Input {
            purpose: InputFor::ListFilter,
            ..
        }
    ));
    assert_eq!(app.mode(), Mode::Search);
    // Each key narrows the rows at once, before Enter.
    keys(&mut app, "n");
    assert_eq!(shown(&app), ["a", "b", "c", "d"], "every title has an n");
    keys(&mut app, "d");
    assert_eq!(shown(&app), ["b"], "Russland und");
    assert!(
        screen(&app).contains("list 1 of 4 · /nd"),
        "the title says what is shown: {}",
        screen(&app)
    );
    keys(&mut app, "<BS><BS>arz");
    // Case and diacritics do not matter: `arz` finds `Ärzte`.
    assert_eq!(shown(&app), ["a"]);
    keys(&mut app, "<Enter>");
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(shown(&app), ["a"], "Enter keeps the filter");
    assert_eq!(app.note.as_ref().unwrap().text, "1 of 4 articles · /arz");
    // `/` again edits the filter in force; Esc in the prompt clears it.
    keys(&mut app, "/");
    let Overlay::Input { input, .. } = &app.overlay else {
        panic!("no prompt")
    };
    assert_eq!(input.text(), "arz");
    keys(&mut app, "<Esc>");
    assert_eq!(shown(&app), ["a", "b", "c", "d"]);
    assert!(app.library.filter.is_empty());
    assert!(!screen(&app).contains(" of 4"));
    // Esc in the list clears a filter set before, too.
    keys(&mut app, "/zoo<Enter>");
    assert_eq!(shown(&app), ["d"]);
    keys(&mut app, "<Esc>");
    assert_eq!(shown(&app), ["a", "b", "c", "d"]);
    assert_eq!(
        app.note.as_ref().unwrap().text,
        "filter cleared · 4 articles"
    );
}

#[test]
fn slash_in_the_reader_still_searches_the_article() {
    let mut app = seeded();
    app.focus = Focus::Reader;
    keys(&mut app, "/");
    assert!(matches!(
        app.overlay,
        Overlay::Input {
            purpose: InputFor::Search,
            ..
        }
    ));
    keys(&mut app, "Berlin<Enter>");
    assert!(doc(&app).search.is_some());
    assert!(app.library.filter.is_empty());
}

#[test]
fn the_filter_reads_language_section_and_annotated_words() {
    let mut app = four();
    update(
        &mut app,
        Msg::Annotated(HashMap::from([
            (PathBuf::from("arts/b.txt"), 5),
            (PathBuf::from("arts/d.txt"), 2),
        ])),
    );
    let mut filter = |q: &str| {
        library::set_filter(&mut app, q);
        shown(&app)
    };
    assert_eq!(filter("lang:en"), ["c", "d"]);
    assert_eq!(filter("lang:DE"), ["a", "b"]);
    assert_eq!(filter("section:polit"), ["b", "c"]);
    assert_eq!(filter("section:polit lang:en"), ["c"]);
    assert_eq!(filter("is:annotated"), ["b", "d"]);
    assert_eq!(filter("not:annotated"), ["a", "c"]);
    assert_eq!(filter("is:annotated lang:de"), ["b"]);
    assert_eq!(filter("is:annotated zoo"), ["d"]);
    // A language gloss does not know keeps nothing, and says so.
    assert!(filter("lang:fr").is_empty());
    assert!(app.note.as_ref().unwrap().error);
    assert!(
        app.note
            .as_ref()
            .unwrap()
            .text
            .contains("0 of 4 articles · /lang:fr")
    );
}

#[test]
fn f_and_l_cycle_the_filter_and_the_title_shows_it() {
    let mut app = four();
    update(
        &mut app,
        Msg::Annotated(HashMap::from([(PathBuf::from("arts/c.txt"), 1)])),
    );
    update(
        &mut app,
        Msg::Positions(std::collections::BTreeMap::from([(
            PathBuf::from("arts/a.txt"),
            12,
        )])),
    );
    keys(&mut app, "F");
    assert_eq!(app.library.filter.query, "is:annotated");
    assert_eq!(shown(&app), ["c"]);
    keys(&mut app, "F");
    assert_eq!(app.library.filter.query, "not:annotated");
    assert_eq!(shown(&app), ["a", "b", "d"]);
    keys(&mut app, "F");
    assert_eq!(app.library.filter.query, "is:unread");
    assert_eq!(shown(&app), ["b", "c", "d"], "a has a reading position");
    keys(&mut app, "L");
    assert_eq!(app.library.filter.query, "is:unread lang:de");
    assert_eq!(shown(&app), ["b"]);
    assert!(screen(&app).contains("list 1 of 4 · /is:unread lang:de"));
    keys(&mut app, "L");
    assert_eq!(app.library.filter.query, "is:unread lang:en");
    keys(&mut app, "LF");
    assert_eq!(app.library.filter.query, "", "back to all");
    assert_eq!(shown(&app), ["a", "b", "c", "d"]);
    // In the reader, `F` is not a list key: nothing changes.
    app.focus = Focus::Reader;
    keys(&mut app, "F");
    assert!(app.library.filter.is_empty());
}

#[test]
fn o_in_the_list_cycles_date_title_and_annotations_the_selection_following() {
    let mut app = four();
    update(
        &mut app,
        Msg::Annotated(HashMap::from([
            (PathBuf::from("arts/c.txt"), 1),
            (PathBuf::from("arts/d.txt"), 7),
        ])),
    );
    app.library.select(Path::new("arts/c.txt"));
    keys(&mut app, "O");
    assert_eq!(app.library.sort, ListSort::Title);
    assert_eq!(
        shown(&app),
        ["a", "c", "b", "d"],
        "Ärzte, Budget, Russland, Zoo"
    );
    assert_eq!(app.library.selected(), Some(Path::new("arts/c.txt")));
    assert!(screen(&app).contains("list 4 · by title"));
    keys(&mut app, "O");
    assert_eq!(app.library.sort, ListSort::Annotations);
    assert_eq!(shown(&app), ["d", "c", "a", "b"], "7, 1, then newest first");
    assert_eq!(app.library.selected(), Some(Path::new("arts/c.txt")));
    assert_eq!(
        app.note.as_ref().unwrap().text,
        "list sorted: most annotated"
    );
    // A filter keeps the order.
    keys(&mut app, "/e<Enter>");
    assert_eq!(shown(&app), ["d", "c", "a", "b"]);
    // The prompt holds the filter in force; `<C-u>` empties it.
    keys(&mut app, "/<C-u>zoo<Enter>");
    assert_eq!(shown(&app), ["d"]);
    assert!(screen(&app).contains("list 1 of 4 · most annotated · /zoo"));
    keys(&mut app, "<Esc>O");
    assert_eq!(app.library.sort, ListSort::Date);
    assert_eq!(shown(&app), ["a", "b", "c", "d"]);
    // In the panel, `O` still sorts the panel.
    app.focus = Focus::Panel;
    keys(&mut app, "O");
    assert_eq!(app.library.sort, ListSort::Date);
}

#[test]
fn moving_and_opening_go_by_the_rows_shown() {
    let mut app = four();
    keys(&mut app, "/lang:en<Enter>");
    assert_eq!(app.library.selected(), Some(Path::new("arts/c.txt")));
    keys(&mut app, "j");
    assert_eq!(app.library.selected(), Some(Path::new("arts/d.txt")));
    keys(&mut app, "j");
    assert_eq!(
        app.library.selected(),
        Some(Path::new("arts/d.txt")),
        "the last row shown"
    );
    let fx = keys(&mut app, "<Enter>");
    assert!(
        fx.contains(&Effect::Open(PathBuf::from("arts/d.txt"))),
        "{fx:?}"
    );
    // A click on the first row opens the first row shown.
    app.focus = Focus::List;
    let inn = inner(app.areas().list.unwrap());
    let fx = update(
        &mut app,
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: inn.x + 2,
            row: inn.y,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert!(
        fx.contains(&Effect::Open(PathBuf::from("arts/c.txt"))),
        "{fx:?}"
    );
}

#[test]
fn rows_mark_unread_and_annotated_articles_and_opening_one_makes_it_read() {
    let mut app = four();
    update(
        &mut app,
        Msg::Annotated(HashMap::from([(PathBuf::from("arts/b.txt"), 12)])),
    );
    let row = |app: &App, title: &str| {
        screen(app)
            .lines()
            .find(|l| l.contains(title))
            .unwrap()
            .to_string()
    };
    assert!(row(&app, "Russland").contains("•"), "never opened");
    assert!(row(&app, "Russland").contains("✎12"), "12 saved");
    assert!(!row(&app, "Budget").contains("✎"));
    // Opened by the user: read at once, and remembered when it is left, at the top too.
    app.library.select(Path::new("arts/c.txt"));
    keys(&mut app, "<Enter>");
    assert!(!row(&app, "Budget").contains("•"));
    open_article(&mut app, "arts/c.txt", 0);
    app.focus = Focus::List;
    app.library.select(Path::new("arts/d.txt"));
    let fx = keys(&mut app, "<Enter>");
    assert!(
        fx.contains(&Effect::SavePosition(PathBuf::from("arts/c.txt"), 0)),
        "{fx:?}"
    );
    // Saving annotations updates the count on its row.
    let rec = ArticleRecord {
        path: PathBuf::from("arts/b.txt"),
        title: String::new(),
        sha256: String::new(),
        annotations: Vec::new(),
    };
    update(&mut app, Msg::Saved(Box::new(rec), Ok(())));
    assert!(!row(&app, "Russland").contains("✎"));
    // The legend in help says what the marks mean.
    app.focus = Focus::List;
    keys(&mut app, "?");
    let help = screen(&app);
    assert!(help.contains("Keys · normal + list"), "{help}");
    assert!(help.contains("filter the list"), "{help}");
    assert!(help.contains("unread: never opened"), "{help}");
}

#[test]
fn an_article_that_opened_by_itself_is_not_read_until_the_reader_moves() {
    let mut app = four();
    app.user_moved = false;
    open_article(&mut app, "arts/a.txt", 0);
    assert!(!app.library.read.contains(Path::new("arts/a.txt")));
    app.library.select(Path::new("arts/b.txt"));
    let fx = keys(&mut app, "<Enter>");
    assert!(
        !fx.iter().any(|f| matches!(f, Effect::SavePosition(..))),
        "{fx:?}"
    );
}

/// Delivers an opened article to the app, as the runner would.
fn open_article(app: &mut App, file: &str, _at: usize) {
    let path = PathBuf::from(file);
    app.opening = Some(path.clone());
    let article = Article {
        path: path.clone(),
        meta: Meta {
            title: "T".into(),
            ..Meta::default()
        },
        paragraphs: vec![P1.to_string()],
        warnings: Vec::new(),
    };
    let body = article.body();
    update(
        app,
        Msg::Opened(Box::new(Opened {
            body: std::sync::Arc::new(gloss_core::text::Body::new(body, article.meta.lang)),
            article,
            loaded: Loaded {
                record: ArticleRecord {
                    path,
                    title: "T".into(),
                    sha256: "x".into(),
                    annotations: Vec::new(),
                },
                read_only: None,
            },
            anns: Vec::new(),
            canonical: HashMap::new(),
            store_read_only: None,
            more_coming: false,
        })),
    );
}

#[test]
fn a_filter_on_a_hundred_thousand_rows_keeps_only_the_matches() {
    let mut app = App::new(Config::default_config(), PathBuf::from("arts"), false);
    update(&mut app, Msg::Resize(120, 30));
    let n = 100_000;
    let files: Vec<PathBuf> = (0..n)
        .map(|i| PathBuf::from(format!("arts/{i:06}.txt")))
        .collect();
    update(
        &mut app,
        Msg::Scanned(Scan {
            files: files.clone(),
            skipped: Vec::new(),
        }),
    );
    for chunk in files.chunks(4096) {
        let batch = chunk
            .iter()
            .map(|p| {
                let i: usize = p.file_stem().unwrap().to_string_lossy().parse().unwrap();
                let title = if i % 1000 == 7 {
                    format!("Wahl {i}")
                } else {
                    format!("Nachricht {i}")
                };
                (
                    p.clone(),
                    Ok(Meta {
                        title,
                        ..Meta::default()
                    }),
                )
            })
            .collect();
        update(&mut app, Msg::Metas(batch));
    }
    update(&mut app, Msg::MetaDone);
    app.focus = Focus::List;
    keys(&mut app, "/wahl");
    assert_eq!(app.library.len(), 100);
    assert!(screen(&app).contains("100 of 100000"));
    keys(&mut app, "<Esc>");
    assert_eq!(app.library.len(), n);
}
