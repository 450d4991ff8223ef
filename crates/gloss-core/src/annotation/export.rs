//! Export of saved annotations: the contract's TOML, W3C Web Annotation JSON-LD, and CSV.
//!
//! [`export_folder`] is what `gloss export` and the TUI's export key call; the `to_*`
//! functions turn already collected articles into text.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::file::SCHEMA;
use super::{Annotation, Status, Store, StoreError};
use crate::article;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// The TOML of the contract.
    #[default]
    Toml,
    /// W3C Web Annotation JSON-LD (an AnnotationCollection).
    Json,
    /// One annotation a row, with a header row.
    Csv,
}

/// One article with its saved annotations, as exported.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportArticle {
    /// The article's path as found under the exported folder.
    pub path: String,
    /// Title.
    pub title: String,
    /// Publication date, when known.
    pub date: Option<NaiveDate>,
    /// Section, when known.
    pub section: Option<String>,
    /// SHA-256 of the body, hex.
    pub sha256: String,
    /// The annotations, sorted by start then id.
    pub annotations: Vec<Annotation>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The output could not be produced.
    #[error("cannot write the export: {0}")]
    Encode(String),
}

/// An export's text and what went into it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exported {
    /// The exported document.
    pub text: String,
    /// Articles exported.
    pub articles: usize,
    /// Annotations exported.
    pub annotations: usize,
    /// Problems met (unreadable articles or store files), one line each, naming the file.
    pub warnings: Vec<String>,
    /// Store files that could not be read, one line each: their annotations are missing
    /// from the export, which a caller must not pass off as complete.
    pub unread_store_files: Vec<String>,
}

/// The TOML document (also what import reads).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TomlDoc {
    /// Schema version.
    pub schema: u32,
    /// When it was exported.
    pub exported: toml::value::Datetime,
    /// The articles.
    #[serde(default, rename = "article")]
    pub articles: Vec<TomlArticle>,
}

/// One `[[article]]` of the TOML document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TomlArticle {
    /// Path.
    pub path: String,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Date (a bare TOML date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<toml::value::Datetime>,
    /// Section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// SHA-256 of the body.
    #[serde(default)]
    pub sha256: String,
    /// Annotations.
    #[serde(default, rename = "annotation")]
    pub annotations: Vec<Annotation>,
}

fn toml_date(d: NaiveDate) -> Option<toml::value::Datetime> {
    d.format("%Y-%m-%d").to_string().parse().ok()
}

/// Collects the saved annotations of the articles under `root` (rejected ones only with
/// `all`); articles without any are left out. Sorted by path.
pub fn collect(store: &Store, root: &Path, all: bool) -> (Vec<ExportArticle>, Vec<String>) {
    let (articles, warnings, _) = collect_all(store, root, all);
    (articles, warnings)
}

/// [`collect`], also listing the store files that could not be read (they are among the
/// warnings too).
fn collect_all(
    store: &Store,
    root: &Path,
    all: bool,
) -> (Vec<ExportArticle>, Vec<String>, Vec<String>) {
    let mut unread = Vec::new();
    let scan = article::scan(root);
    let mut warnings: Vec<String> = scan
        .skipped
        .iter()
        .map(|(p, why)| format!("{}: {why}", p.display()))
        .collect();
    let mut files = scan.files;
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let art = match article::load(&path) {
            Ok(a) => a,
            Err(e) => {
                warnings.push(e.to_string());
                continue;
            }
        };
        let body = art.body();
        let record =
            match store.load_record(&path, &art.meta.title, &crate::text::CharIndex::new(&body)) {
                Ok(r) => r,
                Err(e) => {
                    warnings.push(e.to_string());
                    unread.push(e.to_string());
                    continue;
                }
            };
        let annotations: Vec<Annotation> = record
            .annotations
            .into_iter()
            .filter(|a| all || a.status != Status::Rejected)
            .collect();
        if annotations.is_empty() {
            continue;
        }
        out.push(ExportArticle {
            path: path.to_string_lossy().into_owned(),
            title: art.meta.title,
            date: art.meta.date,
            section: art.meta.section,
            sha256: record.sha256,
            annotations,
        });
    }
    (out, warnings, unread)
}

/// Exports the saved annotations of the articles under `root` in `format` (see
/// [`collect`]), stamped with the current time.
pub fn export_folder(
    store: &Store,
    root: &Path,
    format: Format,
    all: bool,
) -> Result<Exported, ExportError> {
    export_folder_at(store, root, format, all, super::now())
}

/// [`export_folder`] stamped with the time `at` rather than the clock's, so an export made
/// in a replayed session writes the same bytes.
pub fn export_folder_at(
    store: &Store,
    root: &Path,
    format: Format,
    all: bool,
    at: toml::value::Datetime,
) -> Result<Exported, ExportError> {
    let (articles, warnings, unread_store_files) = collect_all(store, root, all);
    let text = match format {
        Format::Toml => to_toml(&articles, at)?,
        Format::Json => to_json(&articles)?,
        Format::Csv => to_csv(&articles)?,
    };
    Ok(Exported {
        text,
        articles: articles.len(),
        annotations: articles.iter().map(|a| a.annotations.len()).sum(),
        warnings,
        unread_store_files,
    })
}

/// The contract's TOML export.
pub fn to_toml(
    articles: &[ExportArticle],
    exported: toml::value::Datetime,
) -> Result<String, ExportError> {
    let doc = TomlDoc {
        schema: SCHEMA,
        exported,
        articles: articles
            .iter()
            .map(|a| TomlArticle {
                path: a.path.clone(),
                title: a.title.clone(),
                date: a.date.and_then(toml_date),
                section: a.section.clone(),
                sha256: a.sha256.clone(),
                annotations: a.annotations.clone(),
            })
            .collect(),
    };
    toml::to_string(&doc).map_err(|e| ExportError::Encode(e.to_string()))
}

/// W3C Web Annotation JSON-LD: one AnnotationCollection whose first page holds every
/// annotation, each targeting its article with a TextQuoteSelector and a
/// TextPositionSelector; label, tags, note and status are TextualBody items.
pub fn to_json(articles: &[ExportArticle]) -> Result<String, ExportError> {
    use serde_json::{Value, json};
    let mut items: Vec<Value> = Vec::new();
    for art in articles {
        for a in &art.annotations {
            let mut body = vec![
                json!({"type": "TextualBody", "purpose": "classifying", "value": a.label}),
                json!({"type": "TextualBody", "purpose": "assessing", "value": status_name(a.status)}),
            ];
            for t in &a.tags {
                body.push(json!({"type": "TextualBody", "purpose": "tagging", "value": t}));
            }
            if !a.note.is_empty() {
                body.push(json!({"type": "TextualBody", "purpose": "commenting", "value": a.note}));
            }
            let mut item = json!({
                "id": format!("urn:uuid:{}", a.id),
                "type": "Annotation",
                "motivation": "classifying",
                "created": a.created.to_string(),
                "modified": a.updated.to_string(),
                "body": body,
                "target": {
                    "source": art.path,
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": a.text, "prefix": a.prefix, "suffix": a.suffix},
                        {"type": "TextPositionSelector", "start": a.start, "end": a.end},
                    ],
                },
                "gloss:kind": kind_name(a),
                "gloss:origin": origin_name(a),
                "gloss:status": status_name(a.status),
            });
            if let Value::Object(m) = &mut item {
                if let Some(s) = &a.speaker {
                    m.insert("gloss:speaker".into(), json!(s));
                }
                if let Some(s) = &a.speaker_id {
                    m.insert("gloss:speaker_id".into(), json!(format!("urn:uuid:{s}")));
                }
                if a.orphaned {
                    m.insert("gloss:orphaned".into(), json!(true));
                }
                if let Some(q) = &a.changed_from {
                    m.insert("gloss:changed_from".into(), json!(q));
                }
                if let Some(who) = &a.author {
                    m.insert("creator".into(), json!({"type": "Person", "name": who}));
                }
                if let Some(c) = &a.conflict {
                    m.insert("gloss:conflict".into(), json!(c));
                }
            }
            items.push(item);
        }
    }
    let doc = json!({
        // The W3C context first; the second declares the `gloss:` terms used for what the
        // Web Annotation model has no word for (status, origin, speaker, orphaned, changed_from).
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"gloss": "urn:x-gloss:"}],
        "type": "AnnotationCollection",
        "label": "gloss annotations",
        "total": items.len(),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    });
    serde_json::to_string_pretty(&doc)
        .map(|s| s + "\n")
        .map_err(|e| ExportError::Encode(e.to_string()))
}

/// The CSV columns (new ones are added at the end, so a spreadsheet's columns stay put).
pub const CSV_HEADER: [&str; 22] = [
    "path",
    "title",
    "date",
    "id",
    "kind",
    "label",
    "text",
    "start",
    "end",
    "status",
    "origin",
    "tags",
    "note",
    "speaker",
    "orphaned",
    "prefix",
    "suffix",
    "created",
    "updated",
    "changed_from",
    "author",
    "speaker_id",
];

/// CSV for spreadsheets: a header row, then one annotation a row (tags joined by `; `).
pub fn to_csv(articles: &[ExportArticle]) -> Result<String, ExportError> {
    let enc = |e: csv::Error| ExportError::Encode(e.to_string());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER).map_err(enc)?;
    for art in articles {
        let date = art.date.map(|d| d.to_string()).unwrap_or_default();
        for a in &art.annotations {
            w.write_record([
                art.path.as_str(),
                &art.title,
                &date,
                &a.id,
                kind_name(a),
                &a.label,
                &a.text,
                &a.start.to_string(),
                &a.end.to_string(),
                status_name(a.status),
                origin_name(a),
                &a.tags.join("; "),
                &a.note,
                a.speaker.as_deref().unwrap_or(""),
                if a.orphaned { "true" } else { "false" },
                &a.prefix,
                &a.suffix,
                &a.created.to_string(),
                &a.updated.to_string(),
                a.changed_from.as_deref().unwrap_or(""),
                a.author.as_deref().unwrap_or(""),
                a.speaker_id.as_deref().unwrap_or(""),
            ])
            .map_err(enc)?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ExportError::Encode(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError::Encode(e.to_string()))
}

fn kind_name(a: &Annotation) -> &'static str {
    match a.kind {
        super::Kind::Entity => "entity",
        super::Kind::Claim => "claim",
    }
}

fn origin_name(a: &Annotation) -> &'static str {
    match a.origin {
        super::Origin::Auto => "auto",
        super::Origin::Manual => "manual",
    }
}

/// The contract's name of a status.
pub fn status_name(s: Status) -> &'static str {
    match s {
        Status::Suggested => "suggested",
        Status::Accepted => "accepted",
        Status::Rejected => "rejected",
    }
}

#[cfg(test)]
fn tests_sample() -> Vec<ExportArticle> {
    tests::sample()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Kind, Origin};

    pub(super) fn sample() -> Vec<ExportArticle> {
        let body = "Das erste Treffen zwischen Wladimir Putin und Masoud Pezeshkian, sagte er.";
        let mut a = Annotation::new(body, Kind::Entity, "PER", 27, 41, Origin::Auto);
        a.status = Status::Accepted;
        a.tags = vec!["key-actor".into(), "a,b".into()];
        a.note = "Zeile \"eins\"\nzwei".into();
        let mut c = Annotation::new(body, Kind::Claim, "claim", 0, 63, Origin::Manual);
        c.speaker = Some("er".into());
        vec![ExportArticle {
            path: "news/putin.txt".into(),
            title: "Putin, Pezeshkian".into(),
            date: NaiveDate::from_ymd_opt(2024, 12, 21),
            section: Some("Politik".into()),
            sha256: "abc".into(),
            annotations: vec![c, a],
        }]
    }

    #[test]
    fn speaker_id_is_in_every_export() {
        let stamp: toml::value::Datetime = "2026-11-25T12:00:00Z".parse().unwrap();
        let mut arts = sample();
        let person = arts[0].annotations[1].id.clone();
        arts[0].annotations[0].speaker_id = Some(person.clone());
        let toml_text = to_toml(&arts, stamp).unwrap();
        let doc: toml::Table = toml::from_str(&toml_text).unwrap();
        let claim = doc["article"][0]["annotation"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kind"].as_str() == Some("claim"))
            .unwrap();
        assert_eq!(claim["speaker_id"].as_str(), Some(person.as_str()));
        let json_text = to_json(&arts).unwrap();
        assert!(
            json_text.contains(&format!("\"gloss:speaker_id\": \"urn:uuid:{person}\"")),
            "{json_text}"
        );
        let csv_text = to_csv(&arts).unwrap();
        let mut r = csv::Reader::from_reader(csv_text.as_bytes());
        let col = r
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "speaker_id")
            .unwrap();
        let ids: Vec<String> = r.records().map(|x| x.unwrap()[col].to_string()).collect();
        assert!(
            ids.contains(&person) && ids.contains(&String::new()),
            "{ids:?}"
        );
    }

    #[test]
    fn toml_has_contract_fields_and_parses() {
        let stamp: toml::value::Datetime = "2026-11-25T12:00:00Z".parse().unwrap();
        let text = to_toml(&sample(), stamp).unwrap();
        assert!(
            text.starts_with("schema = 1\nexported = 2026-11-25T12:00:00Z\n"),
            "{text}"
        );
        assert!(text.contains("\ndate = 2024-12-21\n"), "{text}");
        let doc: toml::Table = toml::from_str(&text).unwrap();
        let ann = &doc["article"][0]["annotation"][1];
        for k in [
            "id", "kind", "label", "text", "prefix", "suffix", "start", "end", "status", "origin",
            "tags", "note", "created", "updated",
        ] {
            assert!(ann.get(k).is_some(), "missing {k}");
        }
        assert_eq!(ann["text"].as_str(), Some("Wladimir Putin"));
    }

    #[test]
    fn json_is_web_annotation() {
        let v: serde_json::Value = serde_json::from_str(&to_json(&sample()).unwrap()).unwrap();
        assert_eq!(v["@context"][0], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(v["@context"][1]["gloss"], "urn:x-gloss:");
        assert_eq!(v["type"], "AnnotationCollection");
        let item = &v["first"]["items"][1];
        assert_eq!(item["target"]["selector"][0]["type"], "TextQuoteSelector");
        assert_eq!(item["target"]["selector"][0]["exact"], "Wladimir Putin");
        assert_eq!(item["target"]["selector"][1]["start"], 27);
        assert!(
            item["body"]
                .as_array()
                .unwrap()
                .iter()
                .any(|b| b["value"] == "key-actor")
        );
    }

    #[test]
    fn csv_quotes_commas_quotes_and_newlines() {
        let text = to_csv(&sample()).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(r.headers().unwrap().len(), CSV_HEADER.len());
        let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[1][1], "Putin, Pezeshkian");
        assert_eq!(&rows[1][11], "key-actor; a,b");
        assert_eq!(&rows[1][12], "Zeile \"eins\"\nzwei");
    }
}

#[cfg(test)]
mod changed_tests {
    use super::*;

    /// The sample with its entity found again with changed wording.
    fn changed() -> Vec<ExportArticle> {
        let mut arts = super::tests_sample();
        arts[0].annotations[1].changed_from = Some("Wladimir Putim".into());
        arts
    }

    #[test]
    fn every_export_carries_changed_from_and_only_when_present() {
        let stamp: toml::value::Datetime = "2026-11-25T12:00:00Z".parse().unwrap();
        let doc: toml::Table = toml::from_str(&to_toml(&changed(), stamp).unwrap()).unwrap();
        let anns = doc["article"][0]["annotation"].as_array().unwrap();
        assert_eq!(anns[1]["changed_from"].as_str(), Some("Wladimir Putim"));
        assert!(
            anns[0].get("changed_from").is_none(),
            "absent when unchanged"
        );

        let v: serde_json::Value = serde_json::from_str(&to_json(&changed()).unwrap()).unwrap();
        let items = v["first"]["items"].as_array().unwrap();
        assert_eq!(items[1]["gloss:changed_from"], "Wladimir Putim");
        assert!(items[0].get("gloss:changed_from").is_none());

        let text = to_csv(&changed()).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        // Its own column, after the original nineteen (later columns follow it).
        let col = r
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "changed_from")
            .expect("a changed_from column");
        assert_eq!(col, 19);
        let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows[1].get(col), Some("Wladimir Putim"));
        assert_eq!(rows[0].get(col), Some(""));
    }
}
