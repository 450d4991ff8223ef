//! Annotations: the model, anchoring and re-anchoring, the store (files) and export.
//!
//! The model types live here; [`anchor`] finds annotations again after an article changed,
//! [`file`] is the on-disk layout of one store file, [`Store`] (in `store`) the folder of
//! them, [`export`] and [`import`] the exchange formats, [`merge`] the three-way merge by id
//! that git's merge driver runs, [`agree`] the agreement of two annotators' stores.

pub mod agree;
pub mod anchor;
pub mod export;
pub mod file;
pub mod import;
pub mod merge;
mod store;

pub use store::Store;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::analysis::Suggestions;
use crate::text::{CharIndex, CharPos};

/// Context kept on each side of a quote (W3C TextQuoteSelector), in chars.
pub const CONTEXT_CHARS: usize = 32;

/// Entity or claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A named thing: person, place, organisation, …
    Entity,
    /// A reported assertion.
    Claim,
}

/// Where the user stands on an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Found by gloss, not yet decided.
    Suggested,
    /// Confirmed by the user.
    Accepted,
    /// Dismissed by the user.
    Rejected,
}

/// Who made an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Suggested by gloss.
    Auto,
    /// Marked by the user.
    Manual,
}

/// A typed span of an article's body (contract: ../DESIGN.md, "Annotations").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable and unique in the store; never reused.
    pub id: String,
    /// Entity or claim.
    pub kind: Kind,
    /// Entity type, or `claim`.
    pub label: String,
    /// The exact quote.
    pub text: String,
    /// Up to 32 chars before the quote.
    pub prefix: String,
    /// Up to 32 chars after the quote.
    pub suffix: String,
    /// Char offset into the body.
    pub start: usize,
    /// Char offset into the body, exclusive.
    pub end: usize,
    /// Suggested, accepted or rejected.
    pub status: Status,
    /// Auto or manual.
    pub origin: Origin,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Free text.
    #[serde(default)]
    pub note: String,
    /// Claims only: who the claim is attributed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Claims only: the id of the entity annotation the speaker is, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_id: Option<String>,
    /// The quote could not be found again after the article changed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub orphaned: bool,
    /// The quote as it was annotated, when it was found again only with changed wording
    /// (`text` then holds the text as it now stands); cleared when the user accepts it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_from: Option<String>,
    /// Who made it or last changed it (the config's `author`, else `git config user.name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Set by `gloss merge-driver` when two people changed it differently: the `id` of the
    /// other version kept beside it, or `deleted` when the other side deleted it. Cleared
    /// when the user takes a version in review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<String>,
    /// How sure the engine was of a suggestion (0–1); not saved, given again on load.
    #[serde(skip)]
    pub score: Option<crate::analysis::Score>,
    /// When it was made.
    pub created: toml::value::Datetime,
    /// When it last changed.
    pub updated: toml::value::Datetime,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The current time as a TOML datetime (UTC, whole seconds).
///
/// Formatting a timestamp costs more than making an annotation, and opening a large article
/// makes hundreds of thousands of suggestions within the same second: the value is
/// formatted once per second per thread.
pub fn now() -> toml::value::Datetime {
    use std::cell::Cell;
    thread_local! {
        static LAST: Cell<Option<(i64, toml::value::Datetime)>> = const { Cell::new(None) };
    }
    let t = chrono::Utc::now();
    let secs = t.timestamp();
    LAST.with(|last| match last.get() {
        Some((s, d)) if s == secs => d,
        _ => {
            let d = t
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
                .parse()
                .unwrap_or_else(|_| unreachable_datetime());
            last.set(Some((secs, d)));
            d
        }
    })
}

/// The current time, but strictly later than `earlier` (one second later when the clock
/// has not moved past it: timestamps are whole seconds).
///
/// An edit must leave `updated` after `created`: that difference is how the store knows a
/// suggestion was changed by the user (its type, its speaker) and must be kept.
pub fn now_after(earlier: &toml::value::Datetime) -> toml::value::Datetime {
    later_than(now(), earlier)
}

/// `t`, or one second after `earlier` when `t` is not later (timestamps are whole seconds):
/// [`now_after`] for a time given from outside.
pub fn later_than(
    t: toml::value::Datetime,
    earlier: &toml::value::Datetime,
) -> toml::value::Datetime {
    let parse = |d: &toml::value::Datetime| chrono::DateTime::parse_from_rfc3339(&d.to_string());
    match (parse(&t), parse(earlier)) {
        (Ok(a), Ok(b)) if a <= b => (b + chrono::Duration::seconds(1))
            .with_timezone(&chrono::Utc)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
            .parse()
            .unwrap_or(t),
        _ => t,
    }
}

fn unreachable_datetime() -> toml::value::Datetime {
    toml::value::Datetime {
        date: Some(toml::value::Date {
            year: 1970,
            month: 1,
            day: 1,
        }),
        time: None,
        offset: None,
    }
}

/// A new unique id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The time and a source of fresh ids for one step of an interactive session, given from
/// outside so that the step itself reads no clock and draws no random number: replaying
/// the same steps with the same stamps makes the same annotations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// The time of the step.
    pub now: toml::value::Datetime,
    /// Random bits the ids of this step are derived from.
    pub seed: u128,
    /// Ids already taken from this seed.
    taken: u64,
}

impl Stamp {
    /// A stamp of time `now` whose ids derive from `seed`.
    pub fn new(now: toml::value::Datetime, seed: u128) -> Stamp {
        Stamp {
            now,
            seed,
            taken: 0,
        }
    }

    /// The clock's time and a random seed: what an interactive session stamps a step with.
    pub fn system() -> Stamp {
        Stamp::new(now(), uuid::Uuid::new_v4().as_u128())
    }

    /// The id of `parts` under this seed: a version-4 UUID made of the seed and a stable
    /// hash of the parts, so the same seed and parts give the same id and different
    /// parts different ones.
    fn uuid_for(&self, parts: &[&[u8]]) -> uuid::Uuid {
        uuid::Builder::from_random_bytes((self.seed ^ stable_hash(parts)).to_le_bytes()).into_uuid()
    }

    /// A fresh id: a version-4 UUID made of the seed and a count, so ids taken in one step
    /// differ and a fresh random seed per step keeps them unique across steps. The count
    /// goes in the low 48 bits, below the version and variant bits the UUID overwrites.
    pub fn next_id(&mut self) -> String {
        let bits = self.seed ^ u128::from(self.taken & ((1 << 48) - 1));
        self.taken += 1;
        uuid::Builder::from_random_bytes(bits.to_le_bytes())
            .into_uuid()
            .to_string()
    }
}

impl Annotation {
    /// A new annotation of the span `start..end` (chars) of `body`, with quote and context
    /// taken from the body.
    pub fn new(
        body: &str,
        kind: Kind,
        label: &str,
        start: usize,
        end: usize,
        origin: Origin,
    ) -> Annotation {
        Annotation::at(&CharIndex::new(body), kind, label, start, end, origin)
    }

    /// [`Annotation::new`] with the body already indexed: making many annotations of one
    /// body must not walk the whole body for each of them.
    pub fn at(
        idx: &CharIndex<'_>,
        kind: Kind,
        label: &str,
        start: usize,
        end: usize,
        origin: Origin,
    ) -> Annotation {
        Annotation::made(idx, kind, label, (start, end), origin, new_id(), now())
    }

    /// [`Annotation::at`] with its id and time given: the interface makes annotations this
    /// way, from the [`Stamp`] of the step, so it reads no clock itself.
    pub fn made(
        idx: &CharIndex<'_>,
        kind: Kind,
        label: &str,
        (start, end): (usize, usize),
        origin: Origin,
        id: String,
        at: toml::value::Datetime,
    ) -> Annotation {
        let end = end.min(idx.len());
        let start = start.min(end);
        let (s, e) = (CharPos(start), CharPos(end));
        let text = idx.slice(s, e).to_string();
        let prefix = idx
            .slice(CharPos(start.saturating_sub(CONTEXT_CHARS)), s)
            .to_string();
        let suffix = idx.slice(e, CharPos(end + CONTEXT_CHARS)).to_string();
        Annotation {
            id,
            kind,
            label: label.to_string(),
            text,
            prefix,
            suffix,
            start,
            end,
            status: match origin {
                Origin::Auto => Status::Suggested,
                Origin::Manual => Status::Accepted,
            },
            origin,
            tags: Vec::new(),
            note: String::new(),
            speaker: None,
            speaker_id: None,
            orphaned: false,
            changed_from: None,
            author: None,
            conflict: None,
            score: None,
            created: at,
            updated: at,
        }
    }

    /// Whether the store must keep it: the user made it or changed it in any way.
    /// Untouched suggestions are derived data, found again each time the article opens.
    pub fn worth_saving(&self) -> bool {
        self.origin == Origin::Manual
            || self.status != Status::Suggested
            || !self.tags.is_empty()
            || !self.note.is_empty()
            || self.updated != self.created
    }
}

/// The annotations of one article as the store holds them (one file per article).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleRecord {
    /// The article's path, as given when it was opened.
    pub path: PathBuf,
    /// The article's title.
    pub title: String,
    /// SHA-256 of the body, hex.
    pub sha256: String,
    /// Annotations sorted by start, then id.
    pub annotations: Vec<Annotation>,
}

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A store file does not parse; it is left untouched.
    #[error("{path}:{line}: cannot parse annotations: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The store is read-only (another gloss holds it, or a file could not be read).
    #[error("read-only: {0}")]
    ReadOnly(String),
}

/// What opening an article's annotations gives.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The saved annotations, re-anchored to the current body.
    pub record: ArticleRecord,
    /// Why this article must not be written (unparsable file, newer schema, store
    /// locked by another gloss), or `None` when saving is allowed.
    pub read_only: Option<String>,
}

/// FNV-1a over `parts`, 128 bits: the same on every build and platform (ids derived from
/// it are stored), each part closed by a byte no UTF-8 text holds.
fn stable_hash(parts: &[&[u8]]) -> u128 {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for part in parts {
        for &b in part.iter().chain(&[0xff]) {
            h ^= u128::from(b);
            h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
        }
    }
    h
}

/// The seed of an article's suggestion ids: from its path and its body's SHA-256, so the
/// same text in two files gets different ids and an edited text new ones.
pub fn article_seed(path: &std::path::Path, sha256: &str) -> u128 {
    stable_hash(&[path.as_os_str().as_encoded_bytes(), sha256.as_bytes()])
}

/// The annotations to show: the saved ones, plus each suggestion that no saved annotation
/// already covers (same kind and span), made at the time of `stamp`. A suggestion's id is
/// derived from `stamp`'s seed and its kind, label and span, so the same seed (one per
/// article: [`article_seed`]) gives the same suggestion the same id on every open, and a
/// saved claim's link to an untouched suggestion still holds when the article is opened
/// again. Sorted by start, then id.
pub fn merge_suggestions(
    saved: &[Annotation],
    suggestions: &Suggestions,
    idx: &CharIndex<'_>,
    stamp: &mut Stamp,
) -> Vec<Annotation> {
    let mut out: Vec<Annotation> = saved.to_vec();
    let exact: std::collections::HashSet<(Kind, usize, usize)> =
        saved.iter().map(|a| (a.kind, a.start, a.end)).collect();
    // A span the user marked by hand took over the suggestions it overlaps: they do not
    // come back beside it.
    let mut manual: Vec<(Kind, usize, usize)> = saved
        .iter()
        .filter(|a| a.origin == Origin::Manual && !a.orphaned)
        .map(|a| (a.kind, a.start, a.end))
        .collect();
    manual.sort_unstable_by_key(|m| m.1);
    let covered = |kind: Kind, s: usize, e: usize| {
        exact.contains(&(kind, s, e))
            || manual[..manual.partition_point(|m| m.1 < e)]
                .iter()
                .any(|m| m.0 == kind && s < m.2)
    };
    let saved_ids: std::collections::HashSet<&str> = saved.iter().map(|a| a.id.as_str()).collect();
    let mut derived: std::collections::HashSet<u128> = std::collections::HashSet::new();
    let mut id_of = |stamp: &mut Stamp, kind: Kind, label: &str, (s, e): (usize, usize)| {
        let id = stamp.uuid_for(&[
            &[kind as u8],
            label.as_bytes(),
            &s.to_le_bytes(),
            &e.to_le_bytes(),
        ]);
        // Two suggestions never share kind, label and span, but a saved annotation may
        // hold the id of a suggestion whose span it has since changed; should ids meet,
        // the second gets a fresh id rather than the first one's.
        let id = derived.insert(id.as_u128()).then(|| id.to_string());
        match id {
            Some(id) if !saved_ids.contains(id.as_str()) => id,
            _ => stamp.next_id(),
        }
    };
    for e in &suggestions.entities {
        if !covered(Kind::Entity, e.start, e.end) {
            let id = id_of(stamp, Kind::Entity, &e.label, (e.start, e.end));
            let mut a = Annotation::made(
                idx,
                Kind::Entity,
                &e.label,
                (e.start, e.end),
                Origin::Auto,
                id,
                stamp.now,
            );
            a.score = Some(e.score);
            out.push(a);
        }
    }
    for c in &suggestions.claims {
        if !covered(Kind::Claim, c.start, c.end) {
            let id = id_of(stamp, Kind::Claim, "claim", (c.start, c.end));
            let mut a = Annotation::made(
                idx,
                Kind::Claim,
                "claim",
                (c.start, c.end),
                Origin::Auto,
                id,
                stamp.now,
            );
            a.speaker = c.speaker.clone();
            out.push(a);
        }
    }
    out.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    // An untouched suggestion whose label or span changed (a new model, an edited text)
    // has a new id: a claim's link to one is found again by the speaker's name
    // (suggested claims are linked here first).
    let canonical: std::collections::HashMap<(usize, usize), &str> = suggestions
        .entities
        .iter()
        .map(|e| ((e.start, e.end), e.canonical.as_str()))
        .collect();
    let name_of = |a: &Annotation| canonical.get(&(a.start, a.end)).copied();
    let ids: std::collections::HashSet<&str> = out
        .iter()
        .filter(|a| a.kind == Kind::Entity)
        .map(|a| a.id.as_str())
        .collect();
    let relink: Vec<(usize, Option<String>)> = out
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind == Kind::Claim)
        // A fresh suggestion is linked; a saved claim keeps what the user left (no link
        // stays no link), and only a saved link that no longer resolves is found again.
        .filter(|(_, a)| match a.speaker_id.as_deref() {
            Some(id) => !ids.contains(id),
            None => !saved_ids.contains(a.id.as_str()),
        })
        .filter_map(|(i, a)| {
            let sp = a.speaker.as_deref()?;
            Some((
                i,
                speaker_entity(&out, name_of, sp, a.start).map(|e| e.id.clone()),
            ))
        })
        .collect();
    for (i, id) in relink {
        out[i].speaker_id = id;
    }
    out
}

/// The entity annotation a claim's speaker names: a person or organisation, not rejected,
/// whose text or name (`name_of`, the canonical name it is grouped under) is `speaker`
/// (ignoring case); the last such mention before char `at`, else the first after it.
pub fn speaker_entity<'a, 'n>(
    anns: &'a [Annotation],
    name_of: impl Fn(&Annotation) -> Option<&'n str>,
    speaker: &str,
    at: usize,
) -> Option<&'a Annotation> {
    let speaker = speaker.trim();
    if speaker.is_empty() {
        return None;
    }
    let names = |a: &Annotation| {
        a.kind == Kind::Entity
            && a.status != Status::Rejected
            && matches!(a.label.as_str(), "PER" | "ORG")
            && (a.text.to_lowercase() == speaker.to_lowercase()
                || name_of(a).is_some_and(|n| n.to_lowercase() == speaker.to_lowercase()))
    };
    anns.iter()
        .rev()
        .find(|a| a.start < at && names(a))
        .or_else(|| anns.iter().find(|a| a.start >= at && names(a)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_stamp_gives_distinct_v4_ids_and_the_same_ones_again_from_the_same_seed() {
        let t = now();
        let mut a = Stamp::new(t, 7 << 72);
        let ids: Vec<String> = (0..1000).map(|_| a.next_id()).collect();
        let set: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(set.len(), ids.len(), "ids of one step differ");
        let parsed = uuid::Uuid::parse_str(&ids[1]).unwrap();
        assert_eq!(parsed.get_version_num(), 4);
        let mut b = Stamp::new(t, 7 << 72);
        assert_eq!(b.next_id(), ids[0], "same seed, same ids");
        let mut c = Stamp::new(t, 8 << 72);
        assert!(!set.contains(&c.next_id()), "another seed, other ids");
    }

    #[test]
    fn later_than_uses_the_given_time_unless_it_is_not_later() {
        let old: toml::value::Datetime = "2020-01-01T00:00:00Z".parse().unwrap();
        let t: toml::value::Datetime = "2026-01-02T12:00:00Z".parse().unwrap();
        assert_eq!(later_than(t, &old), t);
        assert_eq!(later_than(t, &t).to_string(), "2026-01-02T12:00:01Z");
    }

    #[test]
    fn now_after_is_strictly_later_even_within_the_second() {
        let t = now();
        let later = now_after(&t);
        assert!(later.to_string() > t.to_string(), "{t} {later}");
        let old: toml::value::Datetime = "2001-02-03T04:05:06Z".parse().unwrap();
        assert_eq!(now_after(&old).to_string(), now().to_string());
    }

    use super::*;
    use crate::analysis::{EntitySuggestion, Suggestions};

    #[test]
    fn saved_annotations_win_and_rejected_ones_are_not_suggested_again() {
        let body = "Putin traf Pezeshkian in Aschgabat.";
        let mut rejected = Annotation::new(body, Kind::Entity, "PER", 0, 5, Origin::Auto);
        rejected.status = Status::Rejected;
        let ent = |s: usize, e: usize| EntitySuggestion {
            text: body[s..e].into(),
            label: "PER".into(),
            start: s,
            end: e,
            canonical: body[s..e].into(),
            score: Default::default(),
        };
        let sugg = Suggestions {
            entities: vec![ent(0, 5), ent(11, 21)],
            claims: vec![],
        };
        let merged = merge_suggestions(
            std::slice::from_ref(&rejected),
            &sugg,
            &CharIndex::new(body),
            &mut Stamp::system(),
        );
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].id, rejected.id);
        assert_eq!(merged[0].status, Status::Rejected);
        assert_eq!(merged[1].text, "Pezeshkian");
        assert!(!merged[1].worth_saving());
    }

    #[test]
    fn a_manual_span_covers_the_suggestions_it_overlaps() {
        let body = "Putin traf Pezeshkian in Aschgabat.";
        // Marked by hand over "Pezeshkian" (the suggestion it took over is gone).
        let manual = Annotation::new(body, Kind::Entity, "ORG", 11, 24, Origin::Manual);
        let ent = |s: usize, e: usize| EntitySuggestion {
            text: body[s..e].into(),
            label: "PER".into(),
            start: s,
            end: e,
            canonical: body[s..e].into(),
            score: Default::default(),
        };
        let sugg = Suggestions {
            entities: vec![ent(0, 5), ent(11, 21), ent(25, 34)],
            claims: vec![],
        };
        let merged = merge_suggestions(
            std::slice::from_ref(&manual),
            &sugg,
            &CharIndex::new(body),
            &mut Stamp::system(),
        );
        let texts: Vec<&str> = merged.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["Putin", "Pezeshkian in", "Aschgabat"]);
    }

    #[test]
    fn a_claim_is_linked_to_the_entity_its_speaker_names() {
        use crate::analysis::ClaimSuggestion;
        let body = "Anna Weber kam. Weber sagte, es regne. Die Firma Kolb sei schuld, so Kolb.";
        let ent = |s: usize, e: usize, label: &str, canonical: &str| EntitySuggestion {
            text: body[s..e].into(),
            label: label.into(),
            start: s,
            end: e,
            canonical: canonical.into(),
            score: Default::default(),
        };
        let claim = |s: usize, e: usize, speaker: &str| ClaimSuggestion {
            text: body[s..e].into(),
            start: s,
            end: e,
            cue: "sagte".into(),
            speaker: Some(speaker.into()),
        };
        let sugg = Suggestions {
            entities: vec![
                ent(0, 10, "PER", "Anna Weber"),
                ent(16, 21, "PER", "Anna Weber"),
                ent(49, 53, "ORG", "Kolb"),
            ],
            claims: vec![claim(16, 38, "Anna Weber"), claim(39, 74, "Niemand")],
        };
        let idx = CharIndex::new(body);
        let merged = merge_suggestions(&[], &sugg, &idx, &mut Stamp::system());
        let id_at = |start: usize, kind: Kind| {
            merged
                .iter()
                .find(|a| a.start == start && a.kind == kind)
                .unwrap()
                .clone()
        };
        // The last mention before the claim (its canonical name matches), not the first.
        let first = id_at(16, Kind::Claim);
        assert_eq!(first.speaker_id, Some(id_at(0, Kind::Entity).id));
        // A speaker no entity names has no link.
        assert_eq!(id_at(39, Kind::Claim).speaker_id, None);
        // Saved with a link to an entity that is no longer there: found again by name.
        let mut saved = first.clone();
        saved.speaker_id = Some("gone".into());
        let again = merge_suggestions(&[saved], &sugg, &idx, &mut Stamp::system());
        let person = again.iter().find(|a| a.start == 0).unwrap();
        let claim = again.iter().find(|a| a.id == first.id).unwrap();
        assert_eq!(claim.speaker_id.as_ref(), Some(&person.id));
        // Accepted and saved, its link to the untouched suggestion holds when the article
        // opens again: the suggestion has the same id under the article's seed.
        let seed = article_seed(std::path::Path::new("a/weber.txt"), "abc");
        let open = |saved: &[Annotation]| {
            merge_suggestions(saved, &sugg, &idx, &mut Stamp::new(now(), seed))
        };
        let shown = open(&[]);
        let mut accepted = shown
            .iter()
            .find(|a| a.kind == Kind::Claim)
            .unwrap()
            .clone();
        accepted.status = Status::Accepted;
        let reopened = open(std::slice::from_ref(&accepted));
        let kept = reopened.iter().find(|a| a.id == accepted.id).unwrap();
        assert_eq!(kept.speaker_id, accepted.speaker_id);
        let ids = |v: &[Annotation]| v.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&reopened), ids(&shown));
        // A suggestion that is gone (the user's never list, a new model) changes no other
        // suggestion's id, and its id is not handed to another: a saved link to it is
        // found again by name instead of pointing at the wrong entity.
        let mut fewer = sugg.clone();
        let gone = shown.iter().find(|a| a.start == 0).unwrap().id.clone();
        fewer.entities.remove(0);
        let without = merge_suggestions(&[], &fewer, &idx, &mut Stamp::new(now(), seed));
        assert!(without.iter().all(|a| a.id != gone));
        for a in &without {
            let before = shown
                .iter()
                .find(|b| (b.kind, b.start) == (a.kind, a.start));
            assert_eq!(Some(&a.id), before.map(|b| &b.id), "{a:?}");
        }
        // Another article (or another text) gives other ids; every id is unique.
        let other = merge_suggestions(
            &[],
            &sugg,
            &idx,
            &mut Stamp::new(
                now(),
                article_seed(std::path::Path::new("b/weber.txt"), "abc"),
            ),
        );
        assert!(ids(&other).iter().all(|id| !ids(&shown).contains(id)));
        let mut unique = ids(&shown);
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), shown.len());
    }
}
