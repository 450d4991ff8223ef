//! Changing annotations: which one an action applies to, every edit, undo and redo.

use super::*;
use gloss_core::annotation::speaker_entity;

/// The annotation an action applies to: the selected one if it is in view (or chosen in
/// the panel), else the first at or after the cursor. It becomes the selected one.
pub(super) fn target(app: &mut App) -> Option<usize> {
    let from_panel = app.focus == Focus::Panel;
    let d = app.doc.as_mut()?;
    if from_panel {
        // The highlighted panel row is what the user is looking at.
        let row = d.panel_anns(d.panel_sel);
        let i = match d.selected_index() {
            Some(i) if row.contains(&i) => Some(i),
            _ => row.first().copied(),
        };
        if let Some(i) = i {
            d.select(Some(i));
            return Some(i);
        }
    }
    if let Some(i) = d.selected_index()
        && (d.view_h == 0 || d.is_visible(d.anns[i].start))
    {
        return Some(i);
    }
    let i = d.ann_from(d.cursor)?;
    d.select(Some(i));
    d.sync_panel_to_selection();
    Some(i)
}

pub(super) fn target_or_say(app: &mut App) -> Option<usize> {
    if app.doc.is_none() {
        app.info("no article open");
        return None;
    }
    let t = target(app);
    if t.is_none() {
        app.info("no annotation here");
    }
    t
}

pub(super) fn writable(app: &mut App) -> bool {
    if let Some(d) = &app.doc
        && app.opening.as_ref() == Some(&d.path)
    {
        // Being read again (the store just became writable): an edit now would be made on
        // what may be an old version and lost when the new one arrives.
        app.error("reading the article again, a moment: not changed");
        return false;
    }
    let why = app
        .doc
        .as_ref()
        .and_then(|d| d.read_only.clone())
        .or_else(|| app.store_read_only.clone());
    match why {
        Some(why) => {
            app.error(format!("read-only, not changed: {why}"));
            false
        }
        None => true,
    }
}

/// Applies a change, records it for undo and asks for a save.
pub(super) fn commit(
    app: &mut App,
    what: &str,
    edits: Vec<(Option<Annotation>, Option<Annotation>)>,
    fx: &mut Vec<Effect>,
) {
    commit_change(
        app,
        Change {
            what: what.to_string(),
            edits,
            never: None,
        },
        fx,
    );
}

/// [`commit`] of a whole change, which may also put a text on the never-suggest list.
pub(super) fn commit_change(app: &mut App, mut change: Change, fx: &mut Vec<Effect>) {
    // Whoever is at the keyboard made or changed what this step touches.
    if let Some(who) = &app.config.author {
        for a in change
            .edits
            .iter_mut()
            .filter_map(|(_, after)| after.as_mut())
        {
            a.author = Some(who.clone());
        }
    }
    let Some(d) = app.doc.as_mut() else { return };
    if change.edits.is_empty() && change.never.is_none() {
        return;
    }
    apply_edits(d, &change.edits);
    if let Some((text, label)) = &change.never {
        fx.push(Effect::NeverSuggest {
            text: text.clone(),
            label: label.clone(),
        });
    }
    let what = change.what.clone();
    let edited = !change.edits.is_empty();
    d.history.push(change);
    if d.history.len() > UNDO_DEPTH {
        d.history.remove(0);
    }
    d.future.clear();
    if edited {
        save_doc(d, fx);
    }
    app.info(format!("{what} · saving…"));
}

/// Asks for the open article's record to be written, and counts what is not in the
/// store until the result comes back. The whole record is written each time, so a save
/// after a failed one retries everything the failed one held.
pub(super) fn save_doc(d: &mut Doc, fx: &mut Vec<Effect>) {
    d.recount_pending();
    fx.push(Effect::Save(d.record_to_save()));
}

/// The save key: writes again everything that is not in the store.
pub(super) fn retry_saves(app: &mut App, fx: &mut Vec<Effect>) {
    if app.unsaved() == 0 {
        app.info("nothing to save: the store holds everything shown");
        return;
    }
    if !writable(app) {
        return;
    }
    if let Some(d) = app.doc.as_mut().filter(|d| !d.pending.is_empty()) {
        save_doc(d, fx);
    }
    for (rec, _) in &app.unsaved_records {
        fx.push(Effect::Save(rec.clone()));
    }
    fx.append(&mut app.unsaved_never);
    app.info("saving…");
}

/// A save came back: on success the store holds the record; either way the panel marks
/// and the status bar count say what it does not hold.
pub(super) fn on_saved(app: &mut App, rec: &ArticleRecord, res: Result<(), String>) {
    let ok = res.is_ok();
    if let Some(d) = app.doc.as_mut().filter(|d| d.path == rec.path) {
        if ok {
            d.saved(rec);
        } else {
            d.recount_pending();
        }
    } else if ok {
        app.unsaved_records.retain(|(r, _)| r.path != rec.path);
    }
    match res {
        // The message says what was done; the save finishing only ends it.
        Ok(()) if app.unsaved() == 0 => super::saved_note(app),
        Ok(()) => {
            let n = app.unsaved();
            app.info(format!("saved · {n} unsaved"));
        }
        Err(e) => {
            app.save_failed.get_or_insert_with(|| e.clone());
            let n = app.unsaved();
            let key = app
                .keymap
                .hint(KeyMode::Normal, Action::Save)
                .map(|k| format!(" · {k} retry"))
                .unwrap_or_default();
            // The count first: a long path may not leave room for what follows it.
            app.error(format!("{n} unsaved · not saved: {e}{key}"));
        }
    }
}

/// A never-suggest change came back: a failed one waits to be retried.
pub(super) fn on_never_written(app: &mut App, effect: Effect, res: Result<(), String>) {
    let key_of = |e: &Effect| match e {
        Effect::NeverSuggest { text, label } | Effect::AllowSuggest { text, label } => {
            Some((text.clone(), label.clone()))
        }
        _ => None,
    };
    let key = key_of(&effect);
    // The latest change for a text wins: an older failed one is not retried after it.
    app.unsaved_never.retain(|e| key_of(e) != key);
    let (text, never) = match &effect {
        Effect::NeverSuggest { text, .. } => (text.clone(), true),
        Effect::AllowSuggest { text, .. } => (text.clone(), false),
        _ => return,
    };
    match res {
        Ok(()) if never => {
            if app
                .note
                .as_ref()
                .is_some_and(|n| n.text.contains("never suggest"))
            {
                super::saved_note(app)
            } else {
                app.info(format!("never suggest “{text}” · saved"))
            }
        }
        Ok(()) => app.info(format!("saved · {text:?} may be suggested again")),
        Err(e) => {
            app.save_failed.get_or_insert_with(|| e.clone());
            app.unsaved_never.push(effect);
            let n = app.unsaved();
            app.error(format!("{n} unsaved · never-suggest not saved: {e}"));
        }
    }
}

/// The other gloss quit and this one holds the store now: the article is read again
/// (the other one may have changed it meanwhile) and can be edited.
pub(super) fn on_store_writable(app: &mut App, fx: &mut Vec<Effect>) {
    let was = app.store_read_only.take();
    if let Some(d) = app.doc.as_mut() {
        if d.read_only.is_some() && d.read_only == was {
            d.read_only = None;
        }
        let path = d.path.clone();
        app.opening = Some(path.clone());
        fx.push(Effect::Open(path));
    }
    app.info("the other gloss has quit: the store is writable now");
}

/// Keeps the unsaved changes of an article being left, so they are counted, retried and
/// shown again when it is opened again.
pub(super) fn keep_unsaved(app: &mut App, d: &Doc) {
    app.unsaved_records.retain(|(r, _)| r.path != d.path);
    if !d.pending.is_empty() {
        app.unsaved_records
            .push((d.record_to_save(), d.pending.len()));
    }
}

/// Puts the unsaved changes kept for an article back on it as it opens again.
pub(super) fn restore_unsaved(app: &mut App, d: &mut Doc) {
    let Some(at) = app
        .unsaved_records
        .iter()
        .position(|(r, _)| r.path == d.path)
    else {
        return;
    };
    let (rec, _) = app.unsaved_records.remove(at);
    let wanted: HashSet<&str> = rec.annotations.iter().map(|a| a.id.as_str()).collect();
    // Deleted ones (in the store, not in the record) go; the record's replace or join.
    d.anns.retain(|a| {
        wanted.contains(a.id.as_str()) || !a.worth_saving() && !d.on_disk.contains_key(&a.id)
    });
    for a in rec.annotations {
        match d.anns.iter().position(|x| x.id == a.id) {
            Some(i) => d.anns[i] = a,
            None => {
                d.anns.retain(|x| {
                    x.worth_saving() || (x.kind, x.start, x.end) != (a.kind, a.start, a.end)
                });
                d.anns.push(a);
            }
        }
    }
    d.refresh();
    d.recount_pending();
}

pub(super) fn apply_edits(d: &mut Doc, edits: &[(Option<Annotation>, Option<Annotation>)]) {
    let mut structural = false;
    for (before, after) in edits {
        let at = before.as_ref().and_then(|b| d.find(&b.id, b.start));
        match (at, after) {
            (Some(i), Some(a)) => {
                structural |= d.anns[i].start != a.start || d.anns[i].end != a.end;
                d.anns[i] = a.clone();
            }
            (None, Some(a)) => {
                structural = true;
                d.anns.push(a.clone());
            }
            (Some(i), None) => {
                structural = true;
                d.anns.remove(i);
            }
            (None, None) => {}
        }
    }
    d.refresh_after(structural);
}

pub(super) fn undo(app: &mut App, back: bool, fx: &mut Vec<Effect>) {
    // Undo must reach the store like every other change.
    if !writable(app) {
        return;
    }
    let Some(d) = app.doc.as_mut() else { return };
    let popped = if back {
        d.history.pop()
    } else {
        d.future.pop()
    };
    let Some(change) = popped else {
        app.info(if back {
            "nothing to undo"
        } else {
            "nothing to redo"
        });
        return;
    };
    let edits: Vec<_> = if back {
        change
            .edits
            .iter()
            .rev()
            .map(|(b, a)| (a.clone(), b.clone()))
            .collect()
    } else {
        change.edits.clone()
    };
    apply_edits(d, &edits);
    if let Some(a) = edits.iter().find_map(|(_, a)| a.as_ref()) {
        d.selected = Some((a.id.clone(), a.start));
        d.reveal(a.start);
    }
    d.sync_panel_to_selection();
    let what = change.what.clone();
    if let Some((text, label)) = change.never.clone() {
        // An earlier change still in effect put the same text on the list: undoing a
        // second `!` must not take the first one's entry away.
        let still = d
            .history
            .iter()
            .any(|c| c.never.as_ref() == Some(&(text.clone(), label.clone())));
        if !back {
            fx.push(Effect::NeverSuggest { text, label });
        } else if !still {
            fx.push(Effect::AllowSuggest { text, label });
        }
    }
    let edited = !edits.is_empty();
    if back {
        d.future.push(change);
    } else {
        d.history.push(change);
    }
    if edited {
        save_doc(d, fx);
    }
    app.info(format!(
        "{}: {what} · saving…",
        if back { "undid" } else { "redid" }
    ));
}

/// The annotation as changed now. `updated` always ends up after `created`, even within
/// the second a suggestion appeared, or a suggestion whose type or speaker the user changed
/// would look untouched and not be saved.
pub(super) fn touched(a: &Annotation, now: toml::value::Datetime) -> Annotation {
    let mut a = a.clone();
    a.updated = later_than(now, &a.created);
    a
}

pub(super) fn set_status(app: &mut App, accept: bool, all: bool, fx: &mut Vec<Effect>) {
    let Some(i) = target_or_say(app) else { return };
    if !writable(app) {
        return;
    }
    let now = app.stamp.now;
    let Some(d) = app.doc.as_ref() else { return };
    let status = if accept {
        Status::Accepted
    } else {
        Status::Rejected
    };
    let group: Vec<usize> = if all && d.anns[i].kind == Kind::Entity {
        let canon = d.canon_of(i);
        (0..d.anns.len())
            .filter(|&j| d.anns[j].kind == Kind::Entity && d.canon_of(j) == canon)
            .collect()
    } else {
        vec![i]
    };
    // Accepting a changed quote again takes its new wording: the flag goes.
    let edits: Vec<_> = group
        .iter()
        .filter(|&&j| d.anns[j].status != status || (accept && d.anns[j].changed_from.is_some()))
        .map(|&j| {
            let mut a = touched(&d.anns[j], now);
            a.status = status;
            if accept {
                a.changed_from = None;
            }
            (Some(d.anns[j].clone()), Some(a))
        })
        .collect();
    let name = d.anns[i].text.clone();
    let label = d.anns[i].label.clone();
    let is_entity = d.anns[i].kind == Kind::Entity;
    let verb = if accept { "accepted" } else { "rejected" };
    if edits.is_empty() {
        app.info(format!("already {verb}"));
        return;
    }
    let n = edits.len();
    let what = if n > 1 {
        format!("{verb} {n} mentions of {}", short(&name, 30))
    } else {
        format!("{verb} {}", short(&name, 30))
    };
    commit(app, &what, edits, fx);
    if !accept && is_entity {
        let key = app
            .keymap
            .hint(KeyMode::Normal, Action::NeverSuggest)
            .unwrap_or_else(|| "never_suggest".into());
        app.info(format!(
            "{what} · saving… · {key} never suggest {:?} as {label}",
            short(&name, 24)
        ));
    }
}

pub(super) fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

pub(super) fn never_suggest(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(i) = target_or_say(app) else { return };
    if !writable(app) {
        return;
    }
    let Some(d) = app.doc.as_ref() else { return };
    let a = d.anns[i].clone();
    if a.kind != Kind::Entity {
        app.info("never-suggest applies to entities");
        return;
    }
    // One change, so that undo takes the text off the list as well as un-rejecting it.
    let mut edits = Vec::new();
    if a.status != Status::Rejected {
        let mut r = touched(&a, app.stamp.now);
        r.status = Status::Rejected;
        edits.push((Some(a.clone()), Some(r)));
    }
    commit_change(
        app,
        Change {
            what: format!("never suggest “{}” as {}", short(&a.text, 30), a.label),
            edits,
            never: Some((a.text.clone(), a.label.clone())),
        },
        fx,
    );
}

pub(super) fn open_tag_picker(app: &mut App) {
    let Some(i) = target_or_say(app) else { return };
    let Some(d) = app.doc.as_ref() else { return };
    let a = &d.anns[i];
    let mut names: Vec<String> = app.config.tags.iter().map(|t| t.name.clone()).collect();
    for x in d.anns.iter().flat_map(|a| a.tags.iter()) {
        if !names.contains(x) {
            names.push(x.clone());
        }
    }
    let items = names
        .into_iter()
        .map(|n| PickerItem {
            color: Some(app.theme.tag_color(&n)),
            checked: a.tags.contains(&n),
            label: n,
        })
        .collect();
    let title = format!(
        "Tag {}",
        short(&gloss_core::sanitize::for_display(&a.text), 30)
    );
    app.overlay = Overlay::Picker {
        purpose: PickFor::Tag(a.id.clone()),
        picker: Picker::new(&title, items, true)
            .with_footer(picker_footer(app, "type a new name and ⏎ to add a tag")),
    };
}

/// How to get a type the picker does not list: types are configured, not typed in.
pub(super) const TYPES_HINT: &str = "more types: [[entity_types]] in config.toml";

/// The keys of a picker, from the picker keymap, then `how` (to add an entry).
pub(super) fn picker_footer(app: &App, how: &str) -> Vec<String> {
    let key = |a: Action| {
        app.keymap
            .hint_keys(KeyMode::Picker, a)
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    vec![
        format!(
            "type to filter · {}/{} move",
            key(Action::Down),
            key(Action::Up)
        ),
        format!(
            "{} choose · {} cancel",
            key(Action::Submit),
            key(Action::Cancel)
        ),
        how.to_string(),
    ]
}

/// The configured entity types in their colours, `current` checked: the picker for marking a
/// span and for changing an entity's type.
pub(super) fn type_items(app: &App, current: Option<&str>) -> Vec<PickerItem> {
    app.config
        .entity_labels()
        .into_iter()
        .map(|l| PickerItem {
            color: Some(app.theme.type_color(&l)),
            checked: current == Some(l.as_str()),
            label: l,
        })
        .collect()
}

pub(super) fn open_type_picker(app: &mut App) {
    let Some(i) = target_or_say(app) else { return };
    let Some(d) = app.doc.as_ref() else { return };
    let a = &d.anns[i];
    if a.kind != Kind::Entity {
        app.info("claims have no type");
        return;
    }
    let items = type_items(app, Some(&a.label));
    let title = format!(
        "Type of {}",
        short(&gloss_core::sanitize::for_display(&a.text), 30)
    );
    app.overlay = Overlay::Picker {
        purpose: PickFor::Type(a.id.clone()),
        picker: Picker::new(&title, items, false).with_footer(picker_footer(app, TYPES_HINT)),
    };
}

/// The article's people and organisations (not rejected), once each under the name they
/// are grouped under, in their type colours, `current` checked: the speaker prompt's
/// completions.
pub(super) fn speaker_items(app: &App, current: Option<&str>) -> Vec<PickerItem> {
    let Some(d) = app.doc.as_ref() else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, a) in d.anns.iter().enumerate() {
        let person_or_org = matches!(a.label.as_str(), "PER" | "ORG");
        if a.kind != Kind::Entity || a.status == Status::Rejected || !person_or_org {
            continue;
        }
        let name = d.canon_of(i);
        if seen.insert(name.clone()) {
            out.push(PickerItem {
                color: Some(app.theme.type_color(&a.label)),
                checked: current == Some(name.as_str()),
                label: name,
            });
        }
    }
    out
}

pub(super) fn open_text(app: &mut App, speaker: bool) {
    let Some(i) = target_or_say(app) else { return };
    let Some(d) = app.doc.as_ref() else { return };
    let a = &d.anns[i];
    if speaker && a.kind != Kind::Claim {
        app.info("only claims have a speaker");
        return;
    }
    let (purpose, input) = if speaker {
        let names = Picker::new(
            "People and organisations (Tab, ↑↓)",
            speaker_items(app, a.speaker.as_deref()),
            true,
        )
        .with_free_text("as typed")
        .with_preset(a.speaker.as_deref().unwrap_or(""));
        app.speaker_names = Some(names);
        (
            InputFor::Speaker(a.id.clone()),
            TextInput::new(a.speaker.as_deref().unwrap_or(""), false),
        )
    } else {
        (InputFor::Note(a.id.clone()), TextInput::new(&a.note, true))
    };
    app.overlay = Overlay::Input { purpose, input };
}

/// The title of the open text input, for drawing.
pub fn input_title(app: &App, purpose: &InputFor) -> String {
    let text_of = |id: &str| {
        app.doc
            .as_ref()
            .and_then(|d| d.index_of(id).map(|i| d.anns[i].text.clone()))
            .map(|t| short(&gloss_core::sanitize::for_display(&t), 30))
            .unwrap_or_default()
    };
    match purpose {
        InputFor::Note(id) => format!("Note · {}", text_of(id)),
        InputFor::Speaker(id) => format!("Speaker · {}", text_of(id)),
        InputFor::Search => "Search".into(),
        InputFor::Corpus => "Search all articles".into(),
        InputFor::ListFilter => {
            "Filter the list · title words, lang:de section:… is:annotated is:unread".into()
        }
    }
}

pub(super) fn edit_by_id(
    app: &mut App,
    id: &str,
    what: &str,
    fx: &mut Vec<Effect>,
    f: impl FnOnce(&mut Annotation),
) {
    if !writable(app) {
        return;
    }
    let now = app.stamp.now;
    let Some(d) = app.doc.as_mut() else { return };
    let Some(i) = d.index_of(id) else { return };
    let before = d.anns[i].clone();
    let mut after = touched(&before, now);
    f(&mut after);
    let mut same = after.clone();
    same.updated = before.updated;
    if same == before {
        app.info("unchanged");
        return;
    }
    d.select(Some(i));
    commit(app, what, vec![(Some(before), Some(after))], fx);
}

pub(super) fn submit_input(app: &mut App, purpose: InputFor, text: String, fx: &mut Vec<Effect>) {
    match purpose {
        InputFor::Search => {
            let Some(d) = app.doc.as_mut() else { return };
            // The prompt starts with the last query; emptying it means "no search", not a
            // search for nothing that is "not found".
            if text.is_empty() {
                d.search = None;
                app.info("search cleared");
                return;
            }
            let matches = find_all(&d.body, &text);
            d.search = Some(SearchState {
                query: text.clone(),
                matches,
            });
            search_step(app, true);
        }
        InputFor::Corpus => super::corpus::submit(app, text, fx),
        // Applied as typed (see `library::filter_typed`).
        InputFor::ListFilter => super::library::set_filter(app, &text),
        InputFor::Note(id) => {
            edit_by_id(app, &id, "note saved", fx, |a| a.note = text);
        }
        InputFor::Speaker(id) => {
            let t = text.trim().to_string();
            // The link to the entity the name is, where there is one.
            let link = app.doc.as_ref().and_then(|d| {
                let at = d.index_of(&id).map_or(0, |i| d.anns[i].start);
                let name_of = |a: &Annotation| d.canonical.get(&a.id).map(String::as_str);
                speaker_entity(&d.anns, name_of, &t, at).map(|e| e.id.clone())
            });
            edit_by_id(app, &id, "speaker set", fx, |a| {
                a.speaker = (!t.is_empty()).then_some(t);
                a.speaker_id = link;
            });
        }
    }
}

pub(super) fn picked(app: &mut App, purpose: PickFor, choice: String, fx: &mut Vec<Effect>) {
    match purpose {
        PickFor::Tag(id) => {
            let choice = choice.trim().to_string();
            if choice.is_empty() {
                return;
            }
            let has = app
                .doc
                .as_ref()
                .and_then(|d| d.index_of(&id).map(|i| d.anns[i].tags.contains(&choice)))
                .unwrap_or(false);
            let what = if has {
                format!("untagged #{choice}")
            } else {
                format!("tagged #{choice}")
            };
            edit_by_id(app, &id, &what, fx, |a| {
                if has {
                    a.tags.retain(|t| *t != choice);
                } else {
                    a.tags.push(choice.clone());
                }
            });
        }
        PickFor::Type(id) => set_type(app, &id, &choice, fx),
        PickFor::Mark(s, e) => create_manual(app, Kind::Entity, &choice, s, e, fx),
        PickFor::CorpusHit(hits) => super::corpus::chosen(app, hits, &choice, fx),
    }
}

/// Changes the type of the entity `id` and of every mention grouped with it (the panel's
/// row): the panel shows one type for the group, so the reader and the store must too.
fn set_type(app: &mut App, id: &str, choice: &str, fx: &mut Vec<Effect>) {
    if !writable(app) {
        return;
    }
    let now = app.stamp.now;
    let Some(d) = app.doc.as_mut() else { return };
    let Some(i) = d.index_of(id) else { return };
    let canon = d.canon_of(i);
    let group: Vec<usize> = if d.anns[i].kind == Kind::Entity {
        (0..d.anns.len())
            .filter(|&j| d.anns[j].kind == Kind::Entity && d.canon_of(j) == canon)
            .collect()
    } else {
        vec![i]
    };
    let edits: Vec<_> = group
        .iter()
        .filter(|&&j| d.anns[j].label != choice)
        .map(|&j| {
            let mut a = touched(&d.anns[j], now);
            a.label = choice.to_string();
            (Some(d.anns[j].clone()), Some(a))
        })
        .collect();
    if edits.is_empty() {
        app.info(format!("already {choice}"));
        return;
    }
    d.select(Some(i));
    let name = short(&d.anns[i].text, 30);
    let what = match edits.len() {
        1 => format!("{name} is now {choice}"),
        n => format!("{n} mentions of {name} are now {choice}"),
    };
    commit(app, &what, edits, fx);
}

pub(super) fn create_manual(
    app: &mut App,
    kind: Kind,
    label: &str,
    s: usize,
    e: usize,
    fx: &mut Vec<Effect>,
) {
    if !writable(app) {
        return;
    }
    let now = app.stamp.now;
    let Some(d) = app.doc.as_mut() else { return };
    // A span is its text: the blank lines and spaces a selection ran over at either end
    // (across a paragraph end) are not part of what was marked.
    let (s, e) = trim_span(&d.body, s, e);
    if e <= s {
        return;
    }
    // Marking over what gloss suggested means "this, as I mark it": the suggestion is
    // taken over (the marked span and type, manual, so deletable), keeping its tags,
    // note and speaker, rather than a second row of the same thing laid over it. Other
    // suggestions of the kind the mark covers go.
    let over: Vec<usize> = d
        .anns_in(s, e)
        .filter(|&i| {
            let a = &d.anns[i];
            a.kind == kind && a.origin == Origin::Auto && a.start < e && s < a.end
        })
        .collect();
    if let Some((&first, rest)) = over.split_first() {
        let before = d.anns[first].clone();
        let mut after = Annotation::made(
            &d.body.index(),
            kind,
            label,
            (s, e),
            Origin::Manual,
            before.id.clone(),
            now,
        );
        after.created = before.created;
        after.updated = later_than(now, &before.created);
        after.tags = before.tags.clone();
        after.note = before.note.clone();
        after.speaker = before.speaker.clone();
        let mut edits = vec![(Some(before.clone()), Some(after.clone()))];
        edits.extend(rest.iter().map(|&i| (Some(d.anns[i].clone()), None)));
        d.selected = Some((after.id.clone(), after.start));
        let what = match kind {
            Kind::Entity => format!("marked {} as {label}", short(&after.text, 30)),
            Kind::Claim => format!("marked claim “{}”", short(&after.text, 30)),
        };
        commit(app, &what, edits, fx);
        return;
    }
    let id = app.stamp.next_id();
    let a = Annotation::made(
        &d.body.index(),
        kind,
        label,
        (s, e),
        Origin::Manual,
        id,
        now,
    );
    d.canonical.insert(a.id.clone(), a.text.clone());
    d.selected = Some((a.id.clone(), a.start));
    let what = match kind {
        Kind::Entity => format!("marked {} as {label}", short(&a.text, 30)),
        Kind::Claim => format!("marked claim “{}”", short(&a.text, 30)),
    };
    commit(app, &what, vec![(None, Some(a))], fx);
}

/// `s..e` without the whitespace at either end (char offsets into `body`).
pub(super) fn trim_span(body: &gloss_core::text::Body, s: usize, e: usize) -> (usize, usize) {
    use gloss_core::text::CharPos;
    let e = e.min(body.char_len());
    let s = s.min(e);
    let text = body.slice(CharPos(s), CharPos(e));
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    let trail = text.chars().rev().take_while(|c| c.is_whitespace()).count();
    if lead == e - s {
        return (s, s);
    }
    (s + lead, e - trail)
}

pub(super) fn delete(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(i) = target_or_say(app) else { return };
    if !writable(app) {
        return;
    }
    let Some(d) = app.doc.as_ref() else { return };
    let a = d.anns[i].clone();
    if a.origin != Origin::Manual {
        let key = app
            .keymap
            .hint(KeyMode::Normal, Action::Reject)
            .unwrap_or_default();
        app.info(format!(
            "only manual annotations can be deleted · {key} rejects a suggestion"
        ));
        return;
    }
    let what = format!("deleted {}", short(&a.text, 30));
    if let Some(d) = app.doc.as_mut() {
        d.select(None);
    }
    commit(app, &what, vec![(Some(a), None)], fx);
}

/// Keeps the selected one of two versions a merge kept (`conflict`), dropping the other in
/// the same undoable step; on one whose other side deleted it, keeps it.
pub(super) fn take_version(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(i) = target_or_say(app) else { return };
    if !writable(app) {
        return;
    }
    let now = app.stamp.now;
    let Some(d) = app.doc.as_ref() else { return };
    let a = d.anns[i].clone();
    let Some(other) = a.conflict.clone() else {
        app.info("no merge conflict here (a merge flags both versions with !)");
        return;
    };
    let mut kept = touched(&a, now);
    kept.conflict = None;
    let mut edits = vec![(Some(a.clone()), Some(kept))];
    if let Some(o) = d.anns.iter().find(|b| b.id == other) {
        edits.push((Some(o.clone()), None));
    }
    let what = format!("took this version of {}", short(&a.text, 30));
    commit(app, &what, edits, fx);
}

/// The merge conflicts of a document as pairs of annotation indices, by position: each
/// annotation flagged `conflict`, with the other version when it is here (`None` when the
/// other side deleted it). Each pair once.
pub fn conflict_pairs(d: &Doc) -> Vec<(usize, Option<usize>)> {
    let mut out: Vec<(usize, Option<usize>)> = Vec::new();
    for (i, a) in d.anns.iter().enumerate() {
        let Some(other) = &a.conflict else { continue };
        let j = d.anns.iter().position(|b| b.id == *other);
        if j.is_some_and(|j| out.iter().any(|&(x, y)| x == j && y == Some(i))) {
            continue;
        }
        out.push((i, j));
    }
    out
}

pub(super) fn open_review(app: &mut App) {
    let Some(d) = app.doc.as_ref() else {
        app.info("no article open");
        return;
    };
    if conflict_pairs(d).is_empty() {
        app.info("no merge conflicts in this article");
        return;
    }
    app.overlay = Overlay::Review { at: 0 };
}

/// Keeps `keep` (clearing its flag) and drops `drop`, in one undoable step.
fn resolve(app: &mut App, keep: Option<usize>, drop: Option<usize>, fx: &mut Vec<Effect>) {
    let now = app.stamp.now;
    let Some(d) = app.doc.as_ref() else { return };
    let mut edits = Vec::new();
    let mut what = String::from("took a version");
    if let Some(k) = keep.and_then(|k| d.anns.get(k)) {
        let mut kept = touched(k, now);
        kept.conflict = None;
        what = format!("took this version of {}", short(&k.text, 30));
        edits.push((Some(k.clone()), Some(kept)));
    }
    if let Some(x) = drop.and_then(|x| d.anns.get(x)) {
        if keep.is_none() {
            what = format!("took the deletion of {}", short(&x.text, 30));
        }
        edits.push((Some(x.clone()), None));
    }
    commit(app, &what, edits, fx);
}

pub(super) fn review_act(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Overlay::Review { at } = app.overlay else {
        return;
    };
    let n = app.doc.as_ref().map_or(0, |d| conflict_pairs(d).len());
    match action {
        Action::Cancel => app.overlay = Overlay::None,
        Action::Help => {
            app.overlay = Overlay::Help {
                of: KeyMode::Review,
                scroll: 0,
            }
        }
        Action::Down => {
            app.overlay = Overlay::Review {
                at: (at + 1).min(n.saturating_sub(1)),
            }
        }
        Action::Up => {
            app.overlay = Overlay::Review {
                at: at.saturating_sub(1),
            }
        }
        Action::TakeLeft | Action::TakeRight => {
            if !writable(app) {
                return;
            }
            let Some((left, right)) = app
                .doc
                .as_ref()
                .and_then(|d| conflict_pairs(d).get(at).copied())
            else {
                return;
            };
            // The right side is the other version, or the deletion of the left one.
            let (keep, drop) = match action {
                Action::TakeLeft => (Some(left), right),
                _ => (right, Some(left)),
            };
            resolve(app, keep, drop, fx);
            let left_n = app.doc.as_ref().map_or(0, |d| conflict_pairs(d).len());
            app.overlay = if left_n == 0 {
                app.info("all merge conflicts of this article reviewed · saving…");
                Overlay::None
            } else {
                Overlay::Review {
                    at: at.min(left_n - 1),
                }
            };
        }
        _ => {}
    }
}

pub(super) fn cycle_filter(app: &mut App) {
    let Some(d) = app.doc.as_mut() else { return };
    let mut tags: Vec<String> = app.config.tags.iter().map(|t| t.name.clone()).collect();
    for x in d.anns.iter().flat_map(|a| a.tags.iter()) {
        if !tags.contains(x) {
            tags.push(x.clone());
        }
    }
    let mut order = vec![
        Filter::All,
        Filter::Suggested,
        Filter::Accepted,
        Filter::Rejected,
        Filter::Manual,
        Filter::Changed,
        Filter::Orphaned,
    ];
    order.extend(tags.into_iter().map(Filter::Tag));
    let i = order.iter().position(|f| *f == d.filter).unwrap_or(0);
    d.filter = order[(i + 1) % order.len()].clone();
    d.refresh();
    let name = d.filter.name();
    app.info(format!("panel shows: {name}"));
}
