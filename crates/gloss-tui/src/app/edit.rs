//! Changing annotations: which one an action applies to, every edit, undo and redo.

use super::*;

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
    let Some(d) = app.doc.as_mut() else { return };
    if edits.is_empty() {
        return;
    }
    apply_edits(d, &edits);
    d.history.push(Change {
        what: what.to_string(),
        edits,
    });
    if d.history.len() > UNDO_DEPTH {
        d.history.remove(0);
    }
    d.future.clear();
    fx.push(Effect::Save(d.record_to_save()));
    app.info(format!("{what} · saving…"));
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
    if back {
        d.future.push(change);
    } else {
        d.history.push(change);
    }
    fx.push(Effect::Save(d.record_to_save()));
    app.info(format!(
        "{} {what} · saving…",
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
    let edits: Vec<_> = group
        .iter()
        .filter(|&&j| d.anns[j].status != status)
        .map(|&j| {
            let mut a = touched(&d.anns[j], now);
            a.status = status;
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
    fx.push(Effect::NeverSuggest {
        text: a.text.clone(),
        label: a.label.clone(),
    });
    if a.status != Status::Rejected {
        let mut r = touched(&a, app.stamp.now);
        r.status = Status::Rejected;
        commit(
            app,
            &format!("rejected {}", short(&a.text, 30)),
            vec![(Some(a), Some(r))],
            fx,
        );
    }
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
        picker: Picker::new(&title, items, true),
    };
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
        picker: Picker::new(&title, items, false),
    };
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
        InputFor::Note(id) => {
            edit_by_id(app, &id, "note saved", fx, |a| a.note = text);
        }
        InputFor::Speaker(id) => {
            let t = text.trim().to_string();
            edit_by_id(app, &id, "speaker set", fx, |a| {
                a.speaker = (!t.is_empty()).then_some(t)
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
        PickFor::Type(id) => {
            let what = format!("type set to {choice}");
            edit_by_id(app, &id, &what, fx, |a| a.label = choice);
        }
        PickFor::Mark(s, e) => create_manual(app, Kind::Entity, &choice, s, e, fx),
        PickFor::CorpusHit(hits) => super::corpus::chosen(app, hits, &choice, fx),
    }
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
    if e <= s {
        return;
    }
    // Marking exactly what gloss already suggests means "yes, and of this type": change
    // that annotation rather than lay a duplicate over it.
    if let Some(i) = d
        .anns_in(s, e)
        .find(|&i| d.anns[i].kind == kind && d.anns[i].start == s && d.anns[i].end == e)
    {
        let before = d.anns[i].clone();
        let mut after = touched(&before, now);
        after.label = label.to_string();
        after.status = Status::Accepted;
        d.select(Some(i));
        let what = format!("accepted {} as {label}", short(&before.text, 30));
        commit(app, &what, vec![(Some(before), Some(after))], fx);
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
        Kind::Claim => "marked claim".to_string(),
    };
    commit(app, &what, vec![(None, Some(a))], fx);
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
    ];
    order.extend(tags.into_iter().map(Filter::Tag));
    let i = order.iter().position(|f| *f == d.filter).unwrap_or(0);
    d.filter = order[(i + 1) % order.len()].clone();
    d.refresh();
    let name = d.filter.name();
    app.info(format!("panel shows: {name}"));
}
