//! Opening articles: the scan's and the background jobs' results, and which article to
//! open.

use super::*;

pub(super) fn on_scanned(app: &mut App, scan: Scan, fx: &mut Vec<Effect>) {
    let files = app.library.scanned(scan);
    if files.is_empty() {
        app.error(format!("no articles in {}", app.root.display()));
    } else {
        if let Some(first) = files.first() {
            let first = first.clone();
            fx.push(Effect::LoadMeta(files));
            request_open(app, first, fx);
        }
    }
    report_skipped(app);
}

/// A folder the index listed as it is: the list is complete at once, and its newest
/// article opens (no guess from the file names first).
pub(super) fn on_listed(
    app: &mut App,
    items: Vec<(PathBuf, Meta)>,
    skipped: Vec<(PathBuf, String)>,
    fx: &mut Vec<Effect>,
) {
    app.library.listed(items, skipped);
    match app.library.row(0) {
        Some((first, _)) => {
            let first = first.clone();
            request_open(app, first, fx);
        }
        None => app.error(format!("no articles in {}", app.root.display())),
    }
    report_skipped(app);
}

pub(super) fn report_skipped(app: &mut App) {
    if let Some(text) = app.library.skipped_summary() {
        app.error(text);
    }
}

pub(super) fn auto_open_newest(app: &mut App, fx: &mut Vec<Effect>) {
    if app.user_moved || app.single {
        return;
    }
    // The first row shown: a filter set while the list loaded stays in force.
    let Some((first, _)) = app.library.row(0) else {
        return;
    };
    let first = first.clone();
    app.library.sel = 0;
    let current = app
        .opening
        .clone()
        .or_else(|| app.doc.as_ref().map(|d| d.path.clone()));
    if current.as_ref() != Some(&first) {
        request_open(app, first, fx);
    }
}

pub(super) fn request_open(app: &mut App, path: PathBuf, fx: &mut Vec<Effect>) {
    if app.doc.as_ref().is_some_and(|d| d.path == path) {
        app.opening = None;
        return;
    }
    super::corpus::leave_article(app, fx);
    if app.user_moved {
        // Opened by the user: read, from now on (saved when it is left).
        app.library.mark_read(&path);
    }
    app.opening = Some(path.clone());
    fx.push(Effect::Open(path));
}

pub(super) fn on_opened(app: &mut App, o: Opened) {
    if app.opening.as_ref() != Some(&o.article.path) {
        return; // the user moved on to another article meanwhile
    }
    app.opening = None;
    let Opened {
        article,
        body,
        loaded,
        anns,
        canonical,
        store_read_only,
        more_coming,
    } = o;
    app.library
        .set_count(&article.path, loaded.record.annotations.len());
    let mut doc = Doc::new(
        article.path.clone(),
        article.meta.clone(),
        body,
        article.paragraph_starts(),
        loaded.record,
        anns,
        canonical,
    );
    doc.read_only = loaded.read_only;
    doc.warnings = article.warnings;
    if let Some(old) = app.doc.take() {
        keep_unsaved(app, &old);
        if old.path == doc.path {
            // Read again (the store became writable): the reader stays where it was.
            doc.cursor = old.cursor.min(doc.char_len);
            doc.top = old.top;
            doc.filter = old.filter;
            doc.refresh();
        }
    }
    restore_unsaved(app, &mut doc);
    doc.analysing = more_coming;
    app.store_read_only = store_read_only;
    app.library.opened(&article.path, article.meta);
    let warn = doc.warnings.first().cloned();
    let ro = doc
        .read_only
        .clone()
        .or_else(|| app.store_read_only.clone());
    app.doc = Some(doc);
    super::corpus::jump_after_open(app);
    if let Some(why) = ro {
        app.error(format!("read-only: {why}"));
    } else if let Some(w) = warn {
        app.error(format!("warning: {w}"));
    }
}

/// Adds the suggestions that arrive after a large article's text. The user may already have
/// worked on it: what they made or changed wins over a suggestion of the same span.
pub(super) fn on_suggested(app: &mut App, s: Suggested) {
    let Some(doc) = app.doc.as_mut().filter(|d| d.path == s.path) else {
        return; // the user moved on to another article meanwhile
    };
    let covered: HashSet<(Kind, usize, usize)> =
        doc.anns.iter().map(|a| (a.kind, a.start, a.end)).collect();
    doc.anns.extend(
        s.anns
            .into_iter()
            .filter(|a| !covered.contains(&(a.kind, a.start, a.end))),
    );
    doc.canonical.extend(s.canonical);
    doc.analysing = false;
    doc.refresh();
}

/// An article could not be opened: an error if the user asked for it, else one more
/// skipped file.
pub(super) fn on_open_failed(app: &mut App, path: PathBuf, why: String) {
    if app.opening.as_ref() == Some(&path) {
        app.opening = None;
    }
    if app.user_moved || app.single {
        app.error(why);
    } else {
        // Opened on its own while the list loads: one summary of skipped files says
        // it better than an error about a file the user never picked.
        let prefix = format!("{}: ", path.display());
        let why = why.strip_prefix(&prefix).unwrap_or(&why).to_string();
        app.library.skip(path, why);
        report_skipped(app);
    }
}
