//! Questions across every article, answered by the corpus index in the background and
//! shown as a picker; choosing a row opens its article at the place:
//! - `S`: search (date, title, the snippet with the matching words in «»);
//! - `C` on an entity: every article naming it, newest first, with counts, and its
//!   mentions over time as a chart above the list (ratatui's `Sparkline`, by week when
//!   they span under two months, else by month; as text in the title when the screen is
//!   too small for it);
//! - `C` on a claim: the same claim in other articles, oldest first (the first report);
//! - `P` on a claim: every claim of its speaker.

use super::*;

/// A question for the corpus index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusAsk {
    /// A full-text search.
    Search(String),
    /// Every article naming this entity.
    Entity {
        /// The name its mentions are grouped under.
        canonical: String,
        /// Its type.
        label: String,
    },
    /// Every claim of this speaker.
    Speaker(String),
    /// Claims in other articles that say what this one says.
    SameClaim {
        /// The claim's text.
        text: String,
        /// The article it is in (left out of the answer).
        path: PathBuf,
    },
}

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
    /// Mentions in this article (entity view), else 1.
    pub count: usize,
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
        ask: CorpusAsk::Search(query),
    });
}

/// `C`: the selected entity across articles, or the selected claim elsewhere.
pub(super) fn view_selected(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(d) = app.doc.as_ref() else { return };
    let Some(a) = d.selected_index().and_then(|i| d.anns.get(i)) else {
        app.info("select an entity or a claim first");
        return;
    };
    let ask = match a.kind {
        Kind::Entity => CorpusAsk::Entity {
            canonical: d
                .canonical
                .get(&a.id)
                .cloned()
                .unwrap_or_else(|| a.text.clone()),
            label: a.label.clone(),
        },
        Kind::Claim => CorpusAsk::SameClaim {
            text: a.text.clone(),
            path: d.path.clone(),
        },
    };
    app.info("asking the index…");
    fx.push(Effect::CorpusSearch {
        root: app.root.clone(),
        ask,
    });
}

/// `P`: every claim of the selected claim's speaker.
pub(super) fn speaker_view(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(d) = app.doc.as_ref() else { return };
    let speaker = d
        .selected_index()
        .and_then(|i| d.anns.get(i))
        .filter(|a| a.kind == Kind::Claim)
        .and_then(|a| a.speaker.clone())
        .filter(|s| !s.trim().is_empty());
    let Some(speaker) = speaker else {
        app.info("select a claim with a speaker first (s sets one)");
        return;
    };
    app.info(format!("claims of {speaker}…"));
    fx.push(Effect::CorpusSearch {
        root: app.root.clone(),
        ask: CorpusAsk::Speaker(speaker),
    });
}

/// Mentions of an entity over time, for the chart above the entity view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionChart {
    /// By week (else by month).
    pub weekly: bool,
    /// Mentions in each week or month, oldest first, the empty ones too.
    pub counts: Vec<u64>,
    /// The label of each (`2024-01`, or the Monday of the week `2024-01-08`).
    pub labels: Vec<String>,
    /// The text form (`2024-01 ▄ █ 2024-03`), for a screen too small for the chart.
    pub text: String,
}

/// Weeks are the unit when the mentions span fewer days than this.
const WEEKLY_UNDER_DAYS: i64 = 56;

/// At most this many weeks or months are kept (the most recent).
const MAX_BUCKETS: usize = 520;

/// The chart of the dated hits' mentions; `None` when none is dated.
pub fn chart(hits: &[CorpusHit]) -> Option<MentionChart> {
    use chrono::{Datelike, NaiveDate};
    let dated: Vec<(NaiveDate, usize)> = hits
        .iter()
        .filter_map(|h| {
            let d = NaiveDate::parse_from_str(h.date.as_deref()?.get(..10)?, "%Y-%m-%d").ok()?;
            Some((d, h.count))
        })
        .collect();
    let first = dated.iter().map(|(d, _)| *d).min()?;
    let last = dated.iter().map(|(d, _)| *d).max()?;
    let weekly = (last - first).num_days() < WEEKLY_UNDER_DAYS;
    let monday =
        |d: NaiveDate| d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    let bucket = |d: NaiveDate| -> usize {
        let n = if weekly {
            (monday(d) - monday(first)).num_days() / 7
        } else {
            months(d) - months(first)
        };
        usize::try_from(n).unwrap_or(0)
    };
    let n = bucket(last) + 1;
    let mut counts = vec![0u64; n];
    for &(d, c) in &dated {
        if let Some(slot) = counts.get_mut(bucket(d)) {
            *slot += c as u64;
        }
    }
    let labels: Vec<String> = (0..n)
        .map(|i| {
            if weekly {
                (monday(first) + chrono::Duration::days(7 * i as i64))
                    .format("%Y-%m-%d")
                    .to_string()
            } else {
                let m = months(first) + i as i64;
                format!("{}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
            }
        })
        .collect();
    let from = n.saturating_sub(MAX_BUCKETS);
    Some(MentionChart {
        weekly,
        counts: counts[from..].to_vec(),
        labels: labels[from..].to_vec(),
        text: by_month(hits),
    })
}

/// Eight levels, as ratatui's sparkline draws them.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Mentions by month, oldest to newest (months without one blank), as a sparkline with
/// the first and last month: `2024-01 ▄ █ 2024-03`. Empty when no hit is dated.
pub fn by_month(hits: &[CorpusHit]) -> String {
    let months: Vec<(i32, u32, usize)> = hits
        .iter()
        .filter_map(|h| {
            let d = h.date.as_deref()?;
            let y = d.get(..4)?.parse().ok()?;
            let m = d.get(5..7)?.parse().ok()?;
            Some((y, m, h.count))
        })
        .collect();
    let (Some(first), Some(last)) = (
        months.iter().map(|&(y, m, _)| (y, m)).min(),
        months.iter().map(|&(y, m, _)| (y, m)).max(),
    ) else {
        return String::new();
    };
    let index = |(y, m): (i32, u32)| {
        usize::try_from((y - first.0) * 12 + m as i32 - first.1 as i32).unwrap_or(0)
    };
    let mut counts = vec![0usize; index(last) + 1];
    for &(y, m, c) in &months {
        counts[index((y, m))] += c;
    }
    // No wider than a screen: the most recent months when there are more.
    let counts = &counts[counts.len().saturating_sub(120)..];
    let max = counts.iter().copied().max().unwrap_or(1).max(1);
    let line: String = counts
        .iter()
        .map(|&c| {
            if c == 0 {
                ' '
            } else {
                BARS[(c * 8).div_ceil(max).clamp(1, 8) - 1]
            }
        })
        .collect();
    format!("{}-{:02} {line} {}-{:02}", first.0, first.1, last.0, last.1)
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
pub(super) fn on_results(app: &mut App, ask: CorpusAsk, res: Result<Vec<CorpusHit>, String>) {
    let what = match &ask {
        CorpusAsk::Search(q) => q.clone(),
        CorpusAsk::Entity { canonical, .. } => canonical.clone(),
        CorpusAsk::Speaker(s) => format!("claims of {s}"),
        CorpusAsk::SameClaim { .. } => "the same claim elsewhere".into(),
    };
    match res {
        Err(e) => app.error(format!("search failed: {e}")),
        Ok(hits) if hits.is_empty() => app.error(format!("not found in any other article: {what}")),
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
            let title = match &ask {
                CorpusAsk::Search(_) => format!("{} articles · {what}", hits.len()),
                CorpusAsk::Entity { label, .. } => format!(
                    "{what} ({label}) · {} articles, {} mentions",
                    hits.len(),
                    hits.iter().map(|h| h.count).sum::<usize>(),
                ),
                CorpusAsk::Speaker(_) => format!("{what} · {}", hits.len()),
                CorpusAsk::SameClaim { .. } => format!("{what}, oldest first · {}", hits.len()),
            };
            app.info(format!("{} found · <Enter> opens at the place", hits.len()));
            app.corpus_chart = match &ask {
                CorpusAsk::Entity { .. } => chart(&hits),
                _ => None,
            };
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
    app.library.select(&h.path);
    app.open_at = Some((h.path.clone(), h.start));
    if app.doc.as_ref().is_some_and(|d| d.path == h.path) {
        jump_after_open(app);
    } else {
        request_open(app, h.path, fx);
    }
}

/// Leaving the open article (another opens, or gloss quits): remember where the reader
/// was, if it moved.
pub(super) fn leave_article(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(d) = app.doc.as_ref() else { return };
    // An article the user opened is kept as read even when the cursor never moved; one
    // that opened by itself (the newest, at start) only once the reader moved in it.
    let saved = app.positions.get(&d.path).copied();
    let read = app.library.read.contains(&d.path);
    if saved.unwrap_or(0) != d.cursor || (saved.is_none() && read) {
        app.positions.insert(d.path.clone(), d.cursor);
        app.library.mark_read(&d.path);
        fx.push(Effect::SavePosition(d.path.clone(), d.cursor));
    }
}

/// After an article opened: if a search result led there, put the cursor on its match;
/// else where the reader left it last time.
pub(super) fn jump_after_open(app: &mut App) {
    let target = app.open_at.take().or_else(|| {
        let d = app.doc.as_ref()?;
        let at = *app.positions.get(&d.path)?;
        Some((d.path.clone(), at))
    });
    let Some((path, at)) = target else {
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
            count: 1,
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
                ask: CorpusAsk::Search("Russland".into())
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
            Msg::CorpusResults(CorpusAsk::Search("Russland".into()), Ok(hits.clone())),
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
        update(
            &mut app,
            Msg::CorpusResults(CorpusAsk::Search("xyz".into()), Ok(Vec::new())),
        );
        assert!(matches!(app.overlay, Overlay::None));
        assert!(
            app.note
                .as_ref()
                .is_some_and(|n| n.error && n.text.contains("xyz"))
        );
    }

    #[test]
    fn the_entity_view_counts_and_charts_mentions_by_month() {
        let h = |date: &str, count| CorpusHit {
            date: Some(date.into()),
            count,
            ..hit("a", 0)
        };
        let hits = vec![h("2024-03-10", 8), h("2024-01-02", 1), h("2024-01-20", 3)];
        assert_eq!(by_month(&hits), "2024-01 ▄ █ 2024-03");
        assert_eq!(by_month(&[]), "");
        let mut app = App::new(Config::default_config(), PathBuf::from("arts"), false);
        update(&mut app, Msg::Resize(120, 30));
        update(
            &mut app,
            Msg::CorpusResults(
                CorpusAsk::Entity {
                    canonical: "Olaf Scholz".into(),
                    label: "PER".into(),
                },
                Ok(hits),
            ),
        );
        let screen: String = crate::headless::screen(&app)
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert!(screen.contains("3 articles, 12 mentions"), "{screen}");
        assert!(screen.contains("▄ █"), "{screen}");
    }

    fn dated(date: &str, count: usize) -> CorpusHit {
        CorpusHit {
            date: Some(date.into()),
            count,
            ..hit("a", 0)
        }
    }

    #[test]
    fn the_chart_counts_by_week_over_a_short_span_and_by_month_over_a_long_one() {
        // 2024-01-01 is a Monday; the 10th is in the second week, the 22nd in the fourth.
        let c = chart(&[
            dated("2024-01-22", 2),
            dated("2024-01-01", 1),
            dated("2024-01-10", 5),
        ])
        .unwrap();
        assert!(c.weekly);
        assert_eq!(c.counts, [1, 5, 0, 2], "the empty week is kept");
        assert_eq!(c.labels[0], "2024-01-01");
        assert_eq!(c.labels[3], "2024-01-22");
        let c = chart(&[
            dated("2023-11-30", 4),
            dated("2024-02-01", 1),
            dated("2024-02-29", 2),
        ])
        .unwrap();
        assert!(!c.weekly);
        assert_eq!(c.counts, [4, 0, 0, 3]);
        assert_eq!(c.labels, ["2023-11", "2023-12", "2024-01", "2024-02"]);
        assert_eq!(
            c.text,
            by_month(&[
                dated("2023-11-30", 4),
                dated("2024-02-01", 1),
                dated("2024-02-29", 2)
            ])
        );
        assert_eq!(
            chart(&[CorpusHit {
                date: None,
                ..hit("a", 0)
            }]),
            None
        );
    }

    #[test]
    fn the_entity_view_draws_its_chart_as_a_sparkline_above_the_articles() {
        let mut app = App::new(Config::default_config(), PathBuf::from("arts"), false);
        update(&mut app, Msg::Resize(100, 30));
        let hits: Vec<CorpusHit> = [("2024-03-10", 8), ("2024-02-02", 2), ("2023-11-20", 3)]
            .iter()
            .enumerate()
            .map(|(i, (d, n))| CorpusHit {
                path: PathBuf::from(format!("arts/{i}.txt")),
                title: format!("Artikel {i}"),
                snippet: format!("{n} mentions"),
                marks: Vec::new(),
                ..dated(d, *n)
            })
            .collect();
        update(
            &mut app,
            Msg::CorpusResults(
                CorpusAsk::Entity {
                    canonical: "Olaf Scholz".into(),
                    label: "PER".into(),
                },
                Ok(hits),
            ),
        );
        assert!(app.corpus_chart.is_some());
        let screen = crate::headless::buffer_text(&crate::headless::screen(&app));
        assert!(
            screen.contains("mentions by month · most: 8 (2024-03)"),
            "{screen}"
        );
        assert!(screen.contains("2023-11 … 2024-03"), "{screen}");
        insta::assert_snapshot!(screen);
        // Too small for the chart: its text form joins the title.
        update(&mut app, Msg::Resize(60, 12));
        let screen = crate::headless::buffer_text(&crate::headless::screen(&app));
        assert!(!screen.contains("mentions by month"), "{screen}");
        assert!(screen.contains("2023-11"), "{screen}");
        // A search's results have no chart.
        update(
            &mut app,
            Msg::CorpusResults(
                CorpusAsk::Search("x".into()),
                Ok(vec![hit("arts/0.txt", 1)]),
            ),
        );
        assert!(app.corpus_chart.is_none());
    }
}
