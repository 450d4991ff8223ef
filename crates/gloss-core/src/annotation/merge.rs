//! Three-way merge of one article's store file by annotation id (what `gloss merge-driver`
//! runs for git): nothing either side made or changed is lost.
//!
//! For each id: one side's change over the base wins; changes on both sides that differ
//! keep both versions, the other side's under a new id, each flagged with `conflict` = the
//! id of the other; a change on one side against a deletion on the other keeps the changed
//! one, flagged `conflict = "deleted"`; an unchanged one deleted on either side goes.

use std::collections::BTreeSet;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::file::{self, StoreFile};
use super::{Annotation, StoreError};

/// The value of `conflict` on a version whose other side deleted it.
pub const DELETED: &str = "deleted";

/// What a merge gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The merged file, annotations sorted by start then id.
    pub file: StoreFile,
    /// How many annotations were changed differently on both sides (or changed against a
    /// deletion) and are now flagged for review.
    pub conflicts: usize,
}

/// The side whose value differs from the base wins; ours when both changed.
fn pick<'a, T: PartialEq>(base: Option<&T>, ours: &'a T, theirs: &'a T) -> &'a T {
    if Some(ours) == base { theirs } else { ours }
}

/// The id of their version of a conflicting annotation: derived from its content, so the
/// same merge made twice gives the same file.
fn their_id(a: &Annotation) -> String {
    let text = toml::to_string(a).unwrap_or_default();
    let hash = hex::encode(Sha256::digest(text.as_bytes()));
    format!("{}-{}", a.id, &hash[..8])
}

/// Merges `ours` and `theirs` made from `base` (`None` when both added the file).
pub fn merge(base: Option<&StoreFile>, ours: &StoreFile, theirs: &StoreFile) -> Merged {
    let find = |f: Option<&StoreFile>, id: &str| -> Option<Annotation> {
        f?.annotations.iter().find(|a| a.id == id).cloned()
    };
    let ids: BTreeSet<&str> = ours
        .annotations
        .iter()
        .chain(&theirs.annotations)
        .chain(base.map(|b| b.annotations.as_slice()).unwrap_or_default())
        .map(|a| a.id.as_str())
        .collect();
    let mut out = Vec::new();
    let mut conflicts = 0;
    for id in ids {
        let b = find(base, id);
        let o = find(Some(ours), id);
        let t = find(Some(theirs), id);
        match (o, t) {
            (Some(o), Some(t)) if o == t => out.push(o),
            (Some(o), Some(t)) if Some(&o) == b.as_ref() => out.push(t),
            (Some(o), Some(t)) if Some(&t) == b.as_ref() => out.push(o),
            (Some(mut o), Some(mut t)) => {
                t.id = their_id(&t);
                o.conflict = Some(t.id.clone());
                t.conflict = Some(o.id.clone());
                out.push(o);
                out.push(t);
                conflicts += 1;
            }
            // Deleted on one side: gone if the other side left it as it was, else kept.
            (Some(one), None) | (None, Some(one)) => match &b {
                Some(b) if *b == one => {}
                Some(_) => {
                    let mut one = one;
                    one.conflict = Some(DELETED.into());
                    out.push(one);
                    conflicts += 1;
                }
                None => out.push(one),
            },
            (None, None) => {}
        }
    }
    out.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    let field =
        |get: fn(&StoreFile) -> &String| pick(base.map(get), get(ours), get(theirs)).clone();
    Merged {
        file: StoreFile {
            schema: ours.schema.max(theirs.schema),
            path: field(|f| &f.path),
            title: field(|f| &f.title),
            sha256: field(|f| &f.sha256),
            annotations: out,
        },
        conflicts,
    }
}

fn read_side(path: &Path) -> Result<Option<StoreFile>, StoreError> {
    let text = std::fs::read_to_string(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    // git gives an empty base when both sides added the file.
    if text.trim().is_empty() {
        return Ok(None);
    }
    file::parse(path, &text).map(Some)
}

/// The merge driver: merges the files at `base`, `ours` and `theirs` and writes the result
/// over `ours`, as git expects. A side that does not parse is an error and `ours` is left
/// as it was (git then reports a conflict and keeps both sides).
pub fn merge_paths(base: &Path, ours: &Path, theirs: &Path) -> Result<Merged, StoreError> {
    let b = read_side(base)?;
    let o = read_side(ours)?;
    let t = read_side(theirs)?;
    let merged = match (o, t) {
        (Some(o), Some(t)) => merge(b.as_ref(), &o, &t),
        (Some(one), None) | (None, Some(one)) => merge(b.as_ref(), &one, &one),
        (None, None) => {
            return Ok(Merged {
                file: b.unwrap_or(StoreFile {
                    schema: file::SCHEMA,
                    path: String::new(),
                    title: String::new(),
                    sha256: String::new(),
                    annotations: Vec::new(),
                }),
                conflicts: 0,
            });
        }
    };
    // git names the sides relative to the work tree: the temporary file goes beside it.
    let ours = std::path::absolute(ours).map_err(|source| StoreError::Io {
        path: ours.to_path_buf(),
        source,
    })?;
    file::write_atomic(&ours, &file::to_text(&merged.file)?)?;
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Kind, Origin};

    const BODY: &str = "Angela Merkel traf Emmanuel Macron in Berlin.";

    fn ann(s: usize, e: usize) -> Annotation {
        Annotation::new(BODY, Kind::Entity, "PER", s, e, Origin::Manual)
    }

    fn file(anns: &[&Annotation]) -> StoreFile {
        StoreFile {
            schema: 1,
            path: "a.txt".into(),
            title: "t".into(),
            sha256: "x".into(),
            annotations: anns.iter().map(|a| (*a).clone()).collect(),
        }
    }

    #[test]
    fn each_case_by_id() {
        let merkel = ann(0, 13);
        let macron = ann(19, 34);
        let berlin = ann(38, 44);
        let base = file(&[&merkel, &macron, &berlin]);
        let mut m_ours = merkel.clone();
        m_ours.note = "ours".into();
        let mut m_theirs = merkel.clone();
        m_theirs.note = "theirs".into();
        let mut b_theirs = berlin.clone();
        b_theirs.label = "LOC".into();
        let added = ann(28, 34);
        // Merkel changed both ways; Macron deleted by them; Berlin changed by them only;
        // one added by us.
        let ours = file(&[&m_ours, &macron, &berlin, &added]);
        let theirs = file(&[&m_theirs, &b_theirs]);
        let m = merge(Some(&base), &ours, &theirs);
        assert_eq!(m.conflicts, 1);
        let notes: Vec<(&str, &str, Option<&str>)> = m
            .file
            .annotations
            .iter()
            .map(|a| (a.text.as_str(), a.note.as_str(), a.conflict.as_deref()))
            .collect();
        let tid = their_id(&m_theirs);
        let mut expected = vec![
            ("Angela Merkel", "ours", Some(tid.as_str())),
            ("Angela Merkel", "theirs", Some(merkel.id.as_str())),
            ("Macron", "", None),
            ("Berlin", "", None),
        ];
        // Both Merkels start at 0: sorted by id.
        if tid < merkel.id {
            expected.swap(0, 1);
        }
        assert_eq!(notes, expected);
        let berlin_m = m
            .file
            .annotations
            .iter()
            .find(|a| a.id == berlin.id)
            .unwrap();
        assert_eq!(berlin_m.label, "LOC");
        assert!(!m.file.annotations.iter().any(|a| a.id == macron.id));
        // Changed by us, deleted by them: kept and flagged.
        let mut mac2 = macron.clone();
        mac2.note = "wichtig".into();
        let m = merge(
            Some(&base),
            &file(&[&merkel, &mac2, &berlin]),
            &file(&[&merkel, &berlin]),
        );
        assert_eq!(m.conflicts, 1);
        let kept = m
            .file
            .annotations
            .iter()
            .find(|a| a.id == macron.id)
            .unwrap();
        assert_eq!(kept.conflict.as_deref(), Some(DELETED));
        assert_eq!(kept.note, "wichtig");
        // The same merge made twice gives the same file.
        assert_eq!(
            m,
            merge(
                Some(&base),
                &file(&[&merkel, &mac2, &berlin]),
                &file(&[&merkel, &berlin])
            )
        );
    }
}
