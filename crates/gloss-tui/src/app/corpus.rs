//! Search across every article (`S`): the query goes to the corpus index in the
//! background, the results come back as a picker (date, title, the snippet with the
//! matching words in «»), and choosing one opens the article at the match.

use super::*;

/// One search result as the app keeps it: what the picker shows and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusHit {
    /// The article file.
    pub path: PathBuf,
    /// Its title.
    pub title: String,
    /// Its date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Words around the match.
    pub snippet: String,
    /// Char ranges of the matched words in `snippet`.
    pub marks: Vec<(usize, usize)>,
    /// Char offset of the first match in the body.
    pub start: usize,
}

/// Opens the prompt for a search across all articles, with the last query.
pub(super) fn open_prompt(app: &mut App) {
    app.overlay = Overlay::Input {
        purpose: InputFor::Corpus,
        input: TextInput::new(&app.corpus_query, false),
    };
}

/// The prompt was submitted: ask the runner to search.
pub(super) fn submit(app: &mut App, query: String, fx: &mut Vec<Effect>) {
    let query = query.trim().to_string();
    app.corpus_query = query.clone();
    if query.is_empty() {
        app.info("search cleared");
        return;
    }
    app.info(format!("searching all articles for {query}…"));
    fx.push(Effect::CorpusSearch {
        root: app.root.clone(),
        query,
    });
}

/// `snippet` with each marked range in «», on one line.
fn marked(snippet: &str, marks: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(snippet.len() + 4 * marks.len());
    let n = snippet.chars().count();
    for (i, c) in snippet.chars().enumerate() {
        if marks.iter().any(|&(s, _)| s == i) {
            out.push('«');
        }
        if marks.iter().any(|&(_, e)| e == i) {
            out.push('»');
        }
        out.push(c);
    }
    if marks.iter().any(|&(_, e)| e == n) {
        out.push('»');
    }
    out
}

/// Chars of a snippet shown before its first match, so the match fits a narrow picker.
const BEFORE_MATCH: usize = 10;

/// The label of result `i`: unique (numbered), so the picker's choice names one result.
/// The title is cut short and the snippet starts shortly before its first match.
fn label(i: usize, h: &CorpusHit) -> String {
    let from = h
        .marks
        .first()
        .map_or(0, |&(s, _)| s.saturating_sub(BEFORE_MATCH));
    let snippet: String = h.snippet.chars().skip(from).collect();
    let marks: Vec<(usize, usize)> = h
        .marks
        .iter()
        .filter(|&&(s, _)| s >= from)
        .map(|&(s, e)| (s - from, e - from))
        .collect();
    let lead = if from > 0 { "…" } else { "" };
    let title: String = if h.title.chars().count() > 28 {
        h.title
            .chars()
            .take(27)
            .chain(std::iter::once('…'))
            .collect()
    } else {
        h.title.clone()
    };
    format!(
        "{:>2}. {} {} · {lead}{}",
        i + 1,
        h.date.as_deref().unwrap_or("----------"),
        title,
        marked(&snippet, &marks)
    )
}

/// Results arrived: show them in a picker, or say that nothing matched.
pub(super) fn on_results(app: &mut App, query: String, res: Result<Vec<CorpusHit>, String>) {
    match res {
        Err(e) => app.error(format!("search failed: {e}")),
        Ok(hits) if hits.is_empty() => app.error(format!("not found in any article: {query}")),
        Ok(hits) => {
            let items = hits
                .iter()
                .enumerate()
                .map(|(i, h)| PickerItem {
                    label: label(i, h),
                    color: None,
                    checked: false,
                })
                .collect();
            let title = format!("{} articles · {query}", hits.len());
            app.info(format!(
                "{} articles match · <Enter> opens at the match",
                hits.len()
            ));
            app.overlay = Overlay::Picker {
                purpose: PickFor::CorpusHit(hits),
                picker: Picker::new(&title, items, false),
            };
        }
    }
}

/// A result was chosen: open its article at the match.
pub(super) fn chosen(app: &mut App, hits: Vec<CorpusHit>, choice: &str, fx: &mut Vec<Effect>) {
    let Some((_, h)) = hits
        .into_iter()
        .enumerate()
        .find(|(i, h)| label(*i, h) == choice)
    else {
        return;
    };
    app.user_moved = true;
    app.focus = Focus::Reader;
    if let Some(i) = app.library.items.iter().position(|(p, _)| *p == h.path) {
        app.library.sel = i;
    }
    app.open_at = Some((h.path.clone(), h.start));
    if app.doc.as_ref().is_some_and(|d| d.path == h.path) {
        jump_after_open(app);
    } else {
        request_open(app, h.path, fx);
    }
}

/// After an article opened: if a search result led there, put the cursor on its match.
pub(super) fn jump_after_open(app: &mut App) {
    let Some((path, at)) = app.open_at.take() else {
        return;
    };
    if app.doc.as_ref().is_none_or(|d| d.path != path) {
        return;
    }
    // The rows are made for the current size first, so the match can be scrolled to.
    app.sync_layout();
    if let Some(d) = app.doc.as_mut() {
        let at = at.min(d.body.chars().count());
        d.cursor = at;
        d.reveal(at);
        select_at_cursor(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(path: &str, start: usize) -> CorpusHit {
        CorpusHit {
            path: PathBuf::from(path),
            title: "Titel".into(),
            date: Some("2024-01-02".into()),
            snippet: "…in Russland sagte…".into(),
            marks: vec![(4, 12)],
            start,
        }
    }

    #[test]
    fn s_prompts_and_enter_asks_the_runner_to_search() {
        let mut app = App::new(Config::default_config(), PathBuf::from("arts"), false);
        update(&mut app, Msg::Resize(100, 30));
        let mut fx = Vec::new();
        act(&mut app, Action::CorpusSearch, &mut fx);
        assert!(matches!(
            app.overlay,
            Overlay::Input {
                purpose: InputFor::Corpus,
                ..
            }
        ));
        app.overlay = Overlay::None;
        submit(&mut app, " Russland ".into(), &mut fx);
        assert_eq!(
            fx,
            vec![Effect::CorpusSearch {
                root: PathBuf::from("arts"),
                query: "Russland".into()
            }]
        );
        // The prompt comes back with the last query.
        open_prompt(&mut app);
        let Overlay::Input { input, .. } = &app.overlay else {
            panic!("no prompt");
        };
        assert_eq!(input.text(), "Russland");
    }

    #[test]
    fn results_show_in_a_picker_and_choosing_one_opens_at_the_match() {
        let mut app = App::new(Config::default_config(), PathBuf::from("arts"), false);
        update(&mut app, Msg::Resize(100, 30));
        let hits = vec![hit("arts/b.txt", 40), hit("arts/a.txt", 7)];
        update(
            &mut app,
            Msg::CorpusResults("Russland".into(), Ok(hits.clone())),
        );
        let Overlay::Picker { purpose, .. } = &app.overlay else {
            panic!("no picker");
        };
        assert_eq!(purpose, &PickFor::CorpusHit(hits.clone()));
        assert_eq!(
            label(0, &hits[0]),
            " 1. 2024-01-02 Titel · …in «Russland» sagte…"
        );
        let long = CorpusHit {
            snippet: format!("{}Russland", "x".repeat(30)),
            marks: vec![(30, 38)],
            title: "T".repeat(40),
            ..hit("a", 0)
        };
        assert_eq!(
            label(9, &long),
            format!(
                "10. 2024-01-02 {}… · …{}«Russland»",
                "T".repeat(27),
                "x".repeat(10)
            )
        );
        app.overlay = Overlay::None;
        let mut fx = Vec::new();
        chosen(&mut app, hits.clone(), &label(1, &hits[1]), &mut fx);
        assert_eq!(fx, vec![Effect::Open(PathBuf::from("arts/a.txt"))]);
        assert_eq!(app.open_at, Some((PathBuf::from("arts/a.txt"), 7)));
        // No match: said so, no picker.
        update(&mut app, Msg::CorpusResults("xyz".into(), Ok(Vec::new())));
        assert!(matches!(app.overlay, Overlay::None));
        assert!(
            app.note
                .as_ref()
                .is_some_and(|n| n.error && n.text.contains("xyz"))
        );
    }
}
