//! Agreement of two annotators' stores over the same articles (`gloss agree`).
//!
//! What an annotator asserts is what they accepted (hand-marked spans are accepted when
//! made) and that is still anchored; suggestions, rejections and orphans do not count.
//! Articles pair by their key (`path`), else by body hash. B is scored against A: precision
//! is the share of B's spans A has too, recall the share of A's that B has; F1 is the same
//! either way round. *Exact* spans match on start, end and label; *overlapping* ones on any
//! shared char and the label. Cohen's kappa is over the words of the bodies (runs of
//! letters and digits, as the tagger sees them), each labelled with the entity covering it
//! or `O`; claims add how often two overlapping claims name the same speaker.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::file::StoreFile;
use super::{Annotation, Kind, Status};
use crate::analysis::tokens;
use crate::text::{BytePos, Walker};

/// Precision, recall and F1 (`None` when there is nothing to divide by).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Share of B's spans that A has.
    pub precision: Option<f64>,
    /// Share of A's spans that B has.
    pub recall: Option<f64>,
    /// Harmonic mean of the two.
    pub f1: Option<f64>,
}

impl Prf {
    fn of(b_found: usize, b_all: usize, a_found: usize, a_all: usize) -> Prf {
        let ratio = |n: usize, d: usize| (d > 0).then(|| n as f64 / d as f64);
        let precision = ratio(b_found, b_all);
        let recall = ratio(a_found, a_all);
        let f1 = match (precision, recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// The scores of one label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelScores {
    /// The label (`claim` for claims).
    pub label: String,
    /// Exact-span precision (the contract's top-level fields).
    pub precision: Option<f64>,
    /// Exact-span recall.
    pub recall: Option<f64>,
    /// Exact-span F1.
    pub f1: Option<f64>,
    /// The same with overlapping spans.
    pub overlap: Prf,
    /// How many spans of this label A has.
    pub a: usize,
    /// How many B has.
    pub b: usize,
}

/// Claims: span F1 and speaker agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimScores {
    /// F1 of exact claim spans.
    pub f1: Option<f64>,
    /// F1 of overlapping claim spans.
    pub f1_overlap: Option<f64>,
    /// Share of paired claims (overlapping, one to one) whose speakers are the same
    /// (case and spacing aside; both unnamed is the same).
    pub speaker_agreement: Option<f64>,
    /// How many claim pairs that share is over.
    pub pairs: usize,
}

/// One side of a disagreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// The annotation's id in its store.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Char offsets.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// The quote.
    pub text: String,
    /// Claims: the speaker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
}

/// What two annotators did differently on one span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// The article's key.
    pub path: String,
    /// `only_a`, `only_b`, `span` (same label, other extent), `label` (overlapping, other
    /// label) or `speaker` (the same claim, another speaker).
    pub kind: String,
    /// A's annotation, if A has one here.
    pub a: Option<Side>,
    /// B's annotation, if B has one here.
    pub b: Option<Side>,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Articles both stores annotated.
    pub articles: usize,
    /// Articles only A annotated (their spans count as only A's).
    pub only_a_articles: usize,
    /// Articles only B annotated.
    pub only_b_articles: usize,
    /// Per label, sorted by label.
    pub labels: Vec<LabelScores>,
    /// Cohen's kappa over the words of the articles with a body, entity labels only.
    pub kappa: Option<f64>,
    /// How many words kappa is over.
    pub tokens: usize,
    /// Claims.
    pub claims: ClaimScores,
    /// Every disagreement, by article and position.
    pub disagreements: Vec<Disagreement>,
}

fn counts(a: &Annotation) -> bool {
    a.status == Status::Accepted && !a.orphaned
}

fn overlaps(a: &Annotation, b: &Annotation) -> bool {
    a.kind == b.kind && a.start < b.end && b.start < a.end
}

fn same_speaker(a: &Annotation, b: &Annotation) -> bool {
    let norm = |s: &Option<String>| {
        s.as_deref()
            .map(|s| {
                s.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .filter(|s| !s.is_empty())
    };
    norm(&a.speaker) == norm(&b.speaker)
}

fn side(a: &Annotation) -> Side {
    Side {
        id: a.id.clone(),
        label: a.label.clone(),
        start: a.start,
        end: a.end,
        text: a.text.clone(),
        speaker: a.speaker.clone(),
    }
}

#[derive(Default)]
struct Tally {
    a: usize,
    b: usize,
    exact: usize,
    a_overlapped: usize,
    b_overlapped: usize,
}

/// The words of a body as char ranges.
fn words(body: &str) -> Vec<(usize, usize)> {
    let mut w = Walker::over(body);
    tokens::tokenize(body)
        .into_iter()
        .map(|t| (w.char_at(BytePos(t.start)).0, w.char_at(BytePos(t.end)).0))
        .collect()
}

/// The entity label of each word: the first entity (by start) sharing a char with it.
fn word_labels<'a>(words: &[(usize, usize)], anns: &[&'a Annotation]) -> Vec<&'a str> {
    let mut ents: Vec<&Annotation> = anns
        .iter()
        .copied()
        .filter(|a| a.kind == Kind::Entity)
        .collect();
    ents.sort_by_key(|a| (a.start, a.end));
    words
        .iter()
        .map(|&(s, e)| {
            ents.iter()
                .find(|a| a.start < e && s < a.end)
                .map_or("O", |a| a.label.as_str())
        })
        .collect()
}

fn kappa(pairs: &[(&str, &str)]) -> Option<f64> {
    let n = pairs.len();
    if n == 0 {
        return None;
    }
    let agree = pairs.iter().filter(|(a, b)| a == b).count();
    let mut ca: BTreeMap<&str, usize> = BTreeMap::new();
    let mut cb: BTreeMap<&str, usize> = BTreeMap::new();
    for (a, b) in pairs {
        *ca.entry(a).or_default() += 1;
        *cb.entry(b).or_default() += 1;
    }
    let n = n as f64;
    let po = agree as f64 / n;
    let pe: f64 = ca
        .iter()
        .map(|(c, x)| (*x as f64 / n) * (cb.get(c).copied().unwrap_or(0) as f64 / n))
        .sum();
    if (1.0 - pe).abs() < f64::EPSILON {
        // One category only on both sides: they agree on every word.
        return (po >= 1.0).then_some(1.0);
    }
    Some((po - pe) / (1.0 - pe))
}

/// Compares the files of A and B; `body` gives an article's body by key (for kappa).
pub fn compare(
    a_files: &[StoreFile],
    b_files: &[StoreFile],
    body: &dyn Fn(&str) -> Option<String>,
) -> Report {
    let mut pairs: Vec<(Option<&StoreFile>, Option<&StoreFile>)> = Vec::new();
    let mut b_used = BTreeSet::new();
    for fa in a_files {
        let hit = b_files
            .iter()
            .position(|fb| fb.path == fa.path)
            .or_else(|| {
                b_files
                    .iter()
                    .position(|fb| !fa.sha256.is_empty() && fb.sha256 == fa.sha256)
            })
            .filter(|i| !b_used.contains(i));
        if let Some(i) = hit {
            b_used.insert(i);
        }
        pairs.push((Some(fa), hit.map(|i| &b_files[i])));
    }
    for (i, fb) in b_files.iter().enumerate() {
        if !b_used.contains(&i) {
            pairs.push((None, Some(fb)));
        }
    }
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut disagreements = Vec::new();
    let mut token_pairs: Vec<(String, String)> = Vec::new();
    let (mut speaker_pairs, mut speaker_same) = (0, 0);
    let (mut both, mut only_a, mut only_b) = (0, 0, 0);
    for (fa, fb) in pairs {
        match (fa, fb) {
            (Some(_), Some(_)) => both += 1,
            (Some(_), None) => only_a += 1,
            _ => only_b += 1,
        }
        let path = fa.or(fb).map(|f| f.path.clone()).unwrap_or_default();
        let pick = |f: Option<&StoreFile>| -> Vec<Annotation> {
            let mut v: Vec<Annotation> = f
                .map(|f| {
                    f.annotations
                        .iter()
                        .filter(|a| counts(a))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            v.sort_by(|x, y| (x.start, x.end, &x.id).cmp(&(y.start, y.end, &y.id)));
            v
        };
        let xa = pick(fa);
        let xb = pick(fb);
        let label_of = |a: &Annotation| match a.kind {
            Kind::Claim => "claim".to_string(),
            Kind::Entity => a.label.clone(),
        };
        for a in &xa {
            let t = tally.entry(label_of(a)).or_default();
            t.a += 1;
            if xb
                .iter()
                .any(|b| overlaps(a, b) && label_of(a) == label_of(b))
            {
                t.a_overlapped += 1;
            }
        }
        for b in &xb {
            let t = tally.entry(label_of(b)).or_default();
            t.b += 1;
            if xa
                .iter()
                .any(|a| overlaps(a, b) && label_of(a) == label_of(b))
            {
                t.b_overlapped += 1;
            }
        }
        // Pair one to one: exact first, then the largest overlap.
        let mut a_left: Vec<bool> = vec![true; xa.len()];
        let mut b_left: Vec<bool> = vec![true; xb.len()];
        let mut found: Vec<(usize, usize)> = Vec::new();
        for (i, a) in xa.iter().enumerate() {
            if let Some(j) = (0..xb.len()).find(|&j| {
                b_left[j]
                    && xb[j].kind == a.kind
                    && (xb[j].start, xb[j].end) == (a.start, a.end)
                    && label_of(&xb[j]) == label_of(a)
            }) {
                a_left[i] = false;
                b_left[j] = false;
                tally.entry(label_of(a)).or_default().exact += 1;
                found.push((i, j));
            }
        }
        for (i, a) in xa.iter().enumerate() {
            if !a_left[i] {
                continue;
            }
            let best = (0..xb.len())
                .filter(|&j| b_left[j] && overlaps(a, &xb[j]))
                .max_by_key(|&j| a.end.min(xb[j].end) - a.start.max(xb[j].start));
            if let Some(j) = best {
                a_left[i] = false;
                b_left[j] = false;
                let kind = if label_of(a) == label_of(&xb[j]) {
                    "span"
                } else {
                    "label"
                };
                disagreements.push(Disagreement {
                    path: path.clone(),
                    kind: kind.into(),
                    a: Some(side(a)),
                    b: Some(side(&xb[j])),
                });
                found.push((i, j));
            }
        }
        for &(i, j) in &found {
            if xa[i].kind == Kind::Claim && xb[j].kind == Kind::Claim {
                speaker_pairs += 1;
                if same_speaker(&xa[i], &xb[j]) {
                    speaker_same += 1;
                } else if (xa[i].start, xa[i].end) == (xb[j].start, xb[j].end) {
                    disagreements.push(Disagreement {
                        path: path.clone(),
                        kind: "speaker".into(),
                        a: Some(side(&xa[i])),
                        b: Some(side(&xb[j])),
                    });
                }
            }
        }
        for (i, a) in xa.iter().enumerate() {
            if a_left[i] {
                disagreements.push(Disagreement {
                    path: path.clone(),
                    kind: "only_a".into(),
                    a: Some(side(a)),
                    b: None,
                });
            }
        }
        for (j, b) in xb.iter().enumerate() {
            if b_left[j] {
                disagreements.push(Disagreement {
                    path: path.clone(),
                    kind: "only_b".into(),
                    a: None,
                    b: Some(side(b)),
                });
            }
        }
        if let Some(text) = body(&path) {
            let w = words(&text);
            let ra: Vec<&Annotation> = xa.iter().collect();
            let rb: Vec<&Annotation> = xb.iter().collect();
            let la = word_labels(&w, &ra);
            let lb = word_labels(&w, &rb);
            token_pairs.extend(
                la.into_iter()
                    .zip(lb)
                    .map(|(a, b)| (a.to_string(), b.to_string())),
            );
        }
    }
    disagreements.sort_by(|x, y| {
        let pos = |d: &Disagreement| {
            let s = d.a.as_ref().or(d.b.as_ref());
            s.map(|s| (s.start, s.end)).unwrap_or_default()
        };
        (&x.path, pos(x)).cmp(&(&y.path, pos(y)))
    });
    let labels: Vec<LabelScores> = tally
        .iter()
        .map(|(label, t)| {
            let exact = Prf::of(t.exact, t.b, t.exact, t.a);
            LabelScores {
                label: label.clone(),
                precision: exact.precision,
                recall: exact.recall,
                f1: exact.f1,
                overlap: Prf::of(t.b_overlapped, t.b, t.a_overlapped, t.a),
                a: t.a,
                b: t.b,
            }
        })
        .collect();
    let claim = labels.iter().find(|l| l.label == "claim");
    let tp: Vec<(&str, &str)> = token_pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    Report {
        articles: both,
        only_a_articles: only_a,
        only_b_articles: only_b,
        claims: ClaimScores {
            f1: claim.and_then(|c| c.f1),
            f1_overlap: claim.and_then(|c| c.overlap.f1),
            speaker_agreement: (speaker_pairs > 0)
                .then(|| speaker_same as f64 / speaker_pairs as f64),
            pairs: speaker_pairs,
        },
        labels,
        kappa: kappa(&tp),
        tokens: tp.len(),
        disagreements,
    }
}

/// Writes a comparison's disagreements into A's files as conflicts to review, the way the
/// merge driver flags them (see [`super::merge`]): B's version is added beside A's, each
/// flagged with the other's id; a span only A has is flagged `deleted` (B has nothing
/// there), one only B has is added flagged `deleted` (A has nothing there). Returns A's
/// files that changed (new ones for articles only B annotated) and how many were flagged.
pub fn as_conflicts(
    a_files: &[StoreFile],
    b_files: &[StoreFile],
    report: &Report,
) -> (Vec<StoreFile>, usize) {
    use super::merge::DELETED;
    let mut changed: BTreeMap<String, StoreFile> = BTreeMap::new();
    let mut flagged = 0;
    let find_b = |path: &str, id: &str| -> Option<(StoreFile, Annotation)> {
        let f = b_files.iter().find(|f| f.path == path)?;
        let a = f.annotations.iter().find(|a| a.id == id)?;
        Some((f.clone(), a.clone()))
    };
    for d in &report.disagreements {
        let b = d.b.as_ref().and_then(|s| find_b(&d.path, &s.id));
        let file = changed.entry(d.path.clone()).or_insert_with(|| {
            a_files
                .iter()
                .find(|f| f.path == d.path)
                .cloned()
                .or_else(|| {
                    b.as_ref().map(|(f, _)| StoreFile {
                        annotations: Vec::new(),
                        ..f.clone()
                    })
                })
                .unwrap_or(StoreFile {
                    schema: super::file::SCHEMA,
                    path: d.path.clone(),
                    title: String::new(),
                    sha256: String::new(),
                    annotations: Vec::new(),
                })
        });
        let a_at =
            d.a.as_ref()
                .and_then(|s| file.annotations.iter().position(|x| x.id == s.id));
        // Already under review (flagged before): left alone.
        if a_at.is_some_and(|i| file.annotations[i].conflict.is_some()) {
            continue;
        }
        let b_there = b.as_ref().is_some_and(|(_, x)| {
            let alias = format!("{}-b", x.id);
            file.annotations
                .iter()
                .any(|y| (y.id == x.id || y.id == alias) && y.conflict.is_some())
        });
        if b_there {
            continue;
        }
        let theirs = b.map(|(_, mut x)| {
            if file.annotations.iter().any(|y| y.id == x.id) {
                x.id = format!("{}-b", x.id);
            }
            x
        });
        match (a_at, theirs) {
            (Some(i), Some(mut x)) => {
                file.annotations[i].conflict = Some(x.id.clone());
                x.conflict = Some(file.annotations[i].id.clone());
                file.annotations.push(x);
            }
            (Some(i), None) => file.annotations[i].conflict = Some(DELETED.into()),
            (None, Some(mut x)) => {
                x.conflict = Some(DELETED.into());
                file.annotations.push(x);
            }
            (None, None) => continue,
        }
        flagged += 1;
    }
    let mut out: Vec<StoreFile> = changed.into_values().collect();
    for f in &mut out {
        f.annotations
            .sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    }
    (out, flagged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Origin;

    const BODY: &str = "Angela Merkel traf Emmanuel Macron in Berlin. Sie sagte, alles sei gut.";

    fn ent(label: &str, s: usize, e: usize) -> Annotation {
        Annotation::new(BODY, Kind::Entity, label, s, e, Origin::Manual)
    }

    fn claim(s: usize, e: usize, speaker: &str) -> Annotation {
        let mut c = Annotation::new(BODY, Kind::Claim, "claim", s, e, Origin::Manual);
        c.speaker = Some(speaker.into());
        c
    }

    fn store(anns: Vec<Annotation>) -> StoreFile {
        StoreFile {
            schema: 1,
            path: "a.txt".into(),
            title: "t".into(),
            sha256: "x".into(),
            annotations: anns,
        }
    }

    #[test]
    fn identical_stores_agree_fully() {
        let anns = vec![
            ent("PER", 0, 13),
            ent("LOC", 38, 44),
            claim(46, 71, "Merkel"),
        ];
        let r = compare(&[store(anns.clone())], &[store(anns)], &|_| {
            Some(BODY.into())
        });
        assert!(
            r.labels
                .iter()
                .all(|l| l.f1 == Some(1.0) && l.overlap.f1 == Some(1.0))
        );
        assert_eq!(r.kappa, Some(1.0));
        assert_eq!(r.claims.speaker_agreement, Some(1.0));
        assert!(r.disagreements.is_empty());
        assert_eq!(r.articles, 1);
    }

    #[test]
    fn scores_and_disagreements_by_kind() {
        let a = vec![
            ent("PER", 0, 13),  // Angela Merkel
            ent("PER", 19, 34), // Emmanuel Macron
            ent("LOC", 38, 44), // Berlin
            claim(46, 71, "Merkel"),
        ];
        let mut rejected = ent("ORG", 38, 44);
        rejected.status = Status::Rejected;
        let b = vec![
            ent("PER", 0, 13),  // the same
            ent("PER", 28, 34), // Macron only: a span disagreement
            ent("ORG", 38, 44), // Berlin as ORG: a label disagreement
            rejected,           // does not count
            claim(46, 71, "Angela Merkel"),
        ];
        let r = compare(&[store(a)], &[store(b)], &|_| Some(BODY.into()));
        let per = r.labels.iter().find(|l| l.label == "PER").unwrap();
        assert_eq!((per.a, per.b), (2, 2));
        assert_eq!(per.precision, Some(0.5));
        assert_eq!(per.overlap.f1, Some(1.0));
        let loc = r.labels.iter().find(|l| l.label == "LOC").unwrap();
        assert_eq!(
            (loc.a, loc.b, loc.recall, loc.precision),
            (1, 0, Some(0.0), None)
        );
        let kinds: Vec<&str> = r.disagreements.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(kinds, ["span", "label", "speaker"]);
        assert_eq!(r.claims.f1, Some(1.0));
        assert_eq!(r.claims.speaker_agreement, Some(0.0));
        // Words: Angela Merkel traf Emmanuel Macron in Berlin Sie sagte alles sei gut = 12;
        // they differ on Emmanuel (PER/O) and Berlin (LOC/ORG).
        assert_eq!(r.tokens, 12);
        let k = r.kappa.unwrap();
        assert!(k > 0.5 && k < 0.9, "{k}");
    }

    #[test]
    fn disagreements_become_conflicts_to_review() {
        let a = vec![ent("PER", 0, 13), ent("LOC", 38, 44)];
        let b = vec![ent("PER", 0, 13), ent("ORG", 38, 44), ent("PER", 28, 34)];
        let (fa, fb) = (store(a), store(b));
        let (fa, fb) = (vec![fa], vec![fb]);
        let r = compare(&fa, &fb, &|_| None);
        let (files, n) = as_conflicts(&fa, &fb, &r);
        assert_eq!(n, 2);
        assert_eq!(files.len(), 1);
        let anns = &files[0].annotations;
        assert_eq!(anns.len(), 4);
        let loc = anns.iter().find(|x| x.label == "LOC").unwrap();
        let org = anns.iter().find(|x| x.label == "ORG").unwrap();
        assert_eq!(loc.conflict.as_deref(), Some(org.id.as_str()));
        assert_eq!(org.conflict.as_deref(), Some(loc.id.as_str()));
        let macron = anns.iter().find(|x| x.start == 28).unwrap();
        assert_eq!(macron.conflict.as_deref(), Some("deleted"));
        // Made twice, nothing more is flagged.
        let (again, _) = as_conflicts(&files, &fb, &r);
        assert_eq!(again[0].annotations.len(), 4);
    }

    #[test]
    fn kappa_is_chance_corrected() {
        // Two labels, half each, agreeing on half: no better than chance.
        let k = kappa(&[("A", "A"), ("A", "B"), ("B", "A"), ("B", "B")]).unwrap();
        assert!(k.abs() < 1e-9, "{k}");
        assert_eq!(kappa(&[]), None);
        assert_eq!(kappa(&[("O", "O")]), Some(1.0));
    }

    #[test]
    fn articles_only_one_side_has_count_as_theirs() {
        let mut other = store(vec![ent("PER", 0, 13)]);
        other.path = "b.txt".into();
        other.sha256 = "y".into();
        let r = compare(&[store(vec![ent("PER", 0, 13)])], &[other], &|_| None);
        assert_eq!(
            (r.articles, r.only_a_articles, r.only_b_articles),
            (0, 1, 1)
        );
        assert_eq!(r.labels[0].f1, Some(0.0));
        assert_eq!(r.kappa, None);
        assert_eq!(r.disagreements.len(), 2);
    }
}
