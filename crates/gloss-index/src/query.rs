//! Questions across the corpus: full-text search, entity counts, claims by speaker.

use std::path::{Path, PathBuf};

use rusqlite::params;
use serde::Serialize;

use crate::first::first_match;
use crate::{Index, IndexError, under};

/// Marks the index puts around matched words (private-use chars, never in article text
/// after parsing, so they cannot be confused with it).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// One article matching a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    /// The article file (canonical path).
    pub path: PathBuf,
    /// Its title.
    pub title: String,
    /// Its date, `YYYY-MM-DD`, when it has one.
    pub date: Option<String>,
    /// A few words around the first matches in the body, on one line.
    pub snippet: String,
    /// Char offset in the body of the first matching word (or 0 when only the title
    /// matched).
    pub start: usize,
    /// Char offset after it.
    pub end: usize,
    /// Char ranges of the matched words inside `snippet`, to highlight.
    pub marks: Vec<(usize, usize)>,
}

/// One entity of the corpus, with how often it is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityCount {
    /// The name its mentions are grouped under.
    pub canonical: String,
    /// Entity type.
    pub label: String,
    /// Articles that name it.
    pub articles: usize,
    /// Mentions in all.
    pub mentions: usize,
}

/// One article naming an entity (the entity view).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The article file (canonical path).
    pub path: PathBuf,
    /// Its title.
    pub title: String,
    /// Its date.
    pub date: Option<String>,
    /// Mentions in this article.
    pub count: usize,
    /// Char offset of the first mention.
    pub start: usize,
    /// Char offset after it.
    pub end: usize,
}

/// One claim found in the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimHit {
    /// The article file (canonical path).
    pub path: PathBuf,
    /// Its title.
    pub title: String,
    /// Its date.
    pub date: Option<String>,
    /// The claim's text.
    pub text: String,
    /// Char offset into the body.
    pub start: usize,
    /// Char offset after the claim.
    pub end: usize,
    /// Who it is attributed to.
    pub speaker: Option<String>,
    /// The cue word (empty for a claim marked by hand).
    pub cue: String,
}

/// German and English inflection endings a query word may carry that its other forms do
/// not (`Russlands` → `Russland`, `Sanktionen` → `Sanktion`, `claims` → `claim`). Longest
/// first.
pub(crate) const ENDINGS: &[&str] = &["ern", "en", "er", "es", "em", "n", "s", "e"];

/// The FTS5 query for what a user typed: every word must occur (in the title or body),
/// as the word itself or a longer form of it (`Russland` finds `Russlands`), or as the
/// stem left after one inflection ending (`Russlands` finds `Russland`); `"quoted words"`
/// must occur as a phrase. Diacritics and case never matter (the tokenizer folds them).
/// `None` when the query holds no word.
pub fn fts_query(user: &str) -> Option<String> {
    let mut parts = Vec::new();
    for (i, chunk) in user.split('"').enumerate() {
        let words = words(chunk);
        if i % 2 == 1 {
            if !words.is_empty() {
                parts.push(format!("\"{}\"", words.join(" ")));
            }
            continue;
        }
        for w in words {
            let mut forms = vec![format!("\"{w}\"*")];
            let chars = w.chars().count();
            for end in ENDINGS {
                if let Some(stem) = w.strip_suffix(end)
                    && chars - end.chars().count() >= 4
                {
                    forms.push(format!("\"{stem}\""));
                    break;
                }
            }
            parts.push(if forms.len() == 1 {
                forms.remove(0)
            } else {
                format!("({})", forms.join(" OR "))
            });
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join(" AND "))
    }
}

/// The words of a query, lower-cased (letters and digits; anything else separates).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Char offsets of the first marked range in a highlighted text, and the text without
/// marks with every marked range.
fn unmark(marked: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(marked.len());
    let mut marks = Vec::new();
    let mut at = 0usize;
    let mut open = None;
    for c in marked.chars() {
        match c {
            OPEN => open = Some(at),
            CLOSE => {
                if let Some(s) = open.take() {
                    marks.push((s, at));
                }
            }
            c => {
                out.push(c);
                at += 1;
            }
        }
    }
    (out, marks)
}

impl Index {
    /// Articles under `root` matching `query` (see [`fts_query`]), newest first, at most
    /// `limit`. An empty query matches nothing.
    pub fn search(
        &self,
        root: &Path,
        query: &str,
        limit: usize,
    ) -> Result<Vec<SearchHit>, IndexError> {
        self.search_with(root, query, limit, false)
    }

    /// [`Index::search`] with every first match from FTS5's `highlight()` (the tests
    /// compare the two).
    #[doc(hidden)]
    pub fn search_highlighted(
        &self,
        root: &Path,
        query: &str,
        limit: usize,
    ) -> Result<Vec<SearchHit>, IndexError> {
        self.search_with(root, query, limit, true)
    }

    /// Char offsets of the first match of FTS5 query `q` in the body of the article at
    /// fts rowid `key`, by `highlight()`.
    fn first_highlighted(&self, q: &str, key: i64) -> Result<Option<(usize, usize)>, IndexError> {
        let mut st = self
            .conn
            .prepare_cached(&format!(
                "SELECT highlight(fts, 1, '{OPEN}', '{CLOSE}') FROM fts
                 WHERE fts MATCH ?1 AND rowid = ?2"
            ))
            .map_err(|e| self.err(e))?;
        let body: String = st
            .query_row(params![q, key], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        Ok(unmark(&body).1.first().copied())
    }

    fn search_with(
        &self,
        root: &Path,
        query: &str,
        limit: usize,
        exact_highlight: bool,
    ) -> Result<Vec<SearchHit>, IndexError> {
        let Some(q) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let (exact, lo, hi) = under(root);
        // FTS5 hands the matches over newest first (its rowids are `fts_key`s), so only
        // the top rows are read, and only they pay for their snippet and highlight: the
        // statement is stepped until `limit` rows and every row of the last one's date
        // (the list orders a date's articles by path) are in.
        let mut st = self
            .conn
            .prepare_cached(&format!(
                "SELECT fts.rowid, a.path, a.title, a.date,
                        snippet(fts, 1, '{OPEN}', '{CLOSE}', '…', 12), fts.body
                 FROM fts JOIN article a ON a.id = fts.article
                 WHERE fts MATCH ?1 AND (a.path = ?2 OR (a.path >= ?3 AND a.path < ?4))
                 ORDER BY fts.rowid DESC"
            ))
            .map_err(|e| self.err(e))?;
        let mut rows = st
            .query(params![q, exact, lo, hi])
            .map_err(|e| self.err(e))?;
        let mut hits = Vec::new();
        let mut last_day = None;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let day = crate::build::fts_day(r.get::<_, i64>(0).map_err(|e| self.err(e))?);
            if hits.len() >= limit && last_day != Some(day) {
                break;
            }
            last_day = Some(day);
            let text = |i| r.get::<_, String>(i).map_err(|e| self.err(e));
            let (path, title, snippet, body) = (text(1)?, text(2)?, text(4)?, text(5)?);
            let date = r.get::<_, Option<String>>(3).map_err(|e| self.err(e))?;
            // The first match in the body: found in Rust where it can be followed
            // exactly, else FTS5's highlight of this one row.
            let key = r.get::<_, i64>(0).map_err(|e| self.err(e))?;
            let first = match first_match(query, &body) {
                Some(found) if !exact_highlight => found,
                _ => self.first_highlighted(&q, key)?,
            };
            let (start, end) = first.unwrap_or((0, 0));
            let (snippet, marks) = unmark(&snippet.replace(['\n', '\r'], " "));
            hits.push(SearchHit {
                path: PathBuf::from(path),
                title,
                date,
                snippet,
                start,
                end,
                marks,
            });
        }
        hits.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
        hits.truncate(limit);
        Ok(hits)
    }

    /// Every entity named in the articles under `root` (of type `label` when given), the
    /// most widely named first.
    pub fn entities(
        &self,
        root: &Path,
        label: Option<&str>,
    ) -> Result<Vec<EntityCount>, IndexError> {
        let (exact, lo, hi) = under(root);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT m.canonical, m.label, count(DISTINCT m.article), count(*)
                 FROM mention m JOIN article a ON a.id = m.article
                 WHERE (a.path = ?1 OR (a.path >= ?2 AND a.path < ?3))
                   AND (?4 IS NULL OR m.label = ?4)
                 GROUP BY m.canonical, m.label
                 ORDER BY 3 DESC, 4 DESC, 1, 2",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![exact, lo, hi, label], |r| {
                Ok(EntityCount {
                    canonical: r.get(0)?,
                    label: r.get(1)?,
                    articles: usize::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                    mentions: usize::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The articles under `root` that name `canonical` (of type `label`), newest first,
    /// with counts and the first mention.
    pub fn mentions(
        &self,
        root: &Path,
        canonical: &str,
        label: &str,
    ) -> Result<Vec<Mention>, IndexError> {
        let (exact, lo, hi) = under(root);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT a.path, a.title, a.date, count(*), min(m.start), m.end
                 FROM mention m JOIN article a ON a.id = m.article
                 WHERE m.canonical = ?4 AND m.label = ?5
                   AND (a.path = ?1 OR (a.path >= ?2 AND a.path < ?3))
                 GROUP BY a.id
                 ORDER BY a.date DESC, a.path",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![exact, lo, hi, canonical, label], |r| {
                Ok(Mention {
                    path: PathBuf::from(r.get::<_, String>(0)?),
                    title: r.get(1)?,
                    date: r.get(2)?,
                    count: usize::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                    start: usize::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
                    end: usize::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Claims in the articles under `root`, newest article first, in text order; only
    /// those whose speaker contains `speaker` (case-insensitive) when it is given.
    pub fn claims(&self, root: &Path, speaker: Option<&str>) -> Result<Vec<ClaimHit>, IndexError> {
        let (exact, lo, hi) = under(root);
        let needle = speaker.map(str::to_lowercase);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT a.path, a.title, a.date, c.text, c.start, c.end, c.speaker, c.cue
                 FROM claim c JOIN article a ON a.id = c.article
                 WHERE (a.path = ?1 OR (a.path >= ?2 AND a.path < ?3))
                   AND (?4 IS NULL OR instr(c.speaker_fold, ?4) > 0)
                 ORDER BY a.date DESC, a.path, c.start",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![exact, lo, hi, needle], |r| {
                Ok(ClaimHit {
                    path: PathBuf::from(r.get::<_, String>(0)?),
                    title: r.get(1)?,
                    date: r.get(2)?,
                    text: r.get(3)?,
                    start: usize::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
                    end: usize::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
                    speaker: r.get(6)?,
                    cue: r.get(7)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// How alike two claims must be to count as the same claim said elsewhere: the Jaccard
/// similarity of their word-trigram sets (0 to 1).
pub const SAME_CLAIM: f64 = 0.5;

/// The word trigrams of a text, lower-cased, as hashes: what two wordings of one claim
/// share. A text of fewer than three words gives its words.
fn shingles(text: &str) -> std::collections::HashSet<u64> {
    use std::hash::{Hash, Hasher};
    let w = words(text);
    let hash = |ws: &[String]| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        ws.hash(&mut h);
        h.finish()
    };
    if w.len() < 3 {
        return w.iter().map(|x| hash(std::slice::from_ref(x))).collect();
    }
    w.windows(3).map(hash).collect()
}

fn jaccard(a: &std::collections::HashSet<u64>, b: &std::collections::HashSet<u64>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

impl Index {
    /// Claims in other articles under `root` that say what `text` says (word trigrams
    /// shared at least [`SAME_CLAIM`]), oldest first, so the first report comes first.
    /// Exact Jaccard against every claim of the corpus rather than MinHash: at a corpus's
    /// number of claims one pass is fast enough, and it never misses a pair above the line.
    pub fn same_claims(
        &self,
        root: &Path,
        text: &str,
        not_in: &Path,
    ) -> Result<Vec<(ClaimHit, f64)>, IndexError> {
        let want = shingles(text);
        if want.is_empty() {
            return Ok(Vec::new());
        }
        let not_in = not_in.to_string_lossy().into_owned();
        let mut out: Vec<(ClaimHit, f64)> = self
            .claims(root, None)?
            .into_iter()
            .filter(|c| c.path.to_string_lossy() != not_in)
            .filter_map(|c| {
                let j = jaccard(&want, &shingles(&c.text));
                (j >= SAME_CLAIM).then_some((c, j))
            })
            .collect();
        // Undated articles last: their place in time is unknown.
        out.sort_by(|(a, _), (b, _)| {
            a.date
                .is_none()
                .cmp(&b.date.is_none())
                .then_with(|| a.date.cmp(&b.date))
                .then_with(|| a.path.cmp(&b.path))
                .then_with(|| a.start.cmp(&b.start))
        });
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_find_longer_forms_and_stems() {
        assert_eq!(fts_query("Russland").as_deref(), Some("\"russland\"*"));
        assert_eq!(
            fts_query("Russlands").as_deref(),
            Some("(\"russlands\"* OR \"russland\")")
        );
        assert_eq!(
            fts_query("Putin \"neue Allianz\"").as_deref(),
            Some("(\"putin\"* OR \"puti\") AND \"neue allianz\"")
        );
        // A stem is matched as a whole word only: `Puti` finds no `Putsch`.
        // Quotes and operators the user types cannot break out of the query.
        assert_eq!(fts_query("a\" OR *").as_deref(), Some("\"a\"* AND \"or\""));
        assert_eq!(fts_query("  ,; "), None);
    }

    #[test]
    fn shingles_see_one_claim_in_two_wordings() {
        let a = shingles("Die Inflation wird im nächsten Jahr auf drei Prozent steigen");
        let b = shingles("die Inflation wird im nächsten Jahr auf drei Prozent steigen, sagte er");
        let c = shingles("Der Kanzler reist morgen nach Paris und trifft dort Macron");
        assert!(jaccard(&a, &b) >= SAME_CLAIM);
        assert!(jaccard(&a, &c) < 0.1);
    }

    #[test]
    fn unmark_gives_char_offsets() {
        let (t, m) = unmark("Über \u{E000}Russlands\u{E001} Rolle");
        assert_eq!(t, "Über Russlands Rolle");
        assert_eq!(m, vec![(5, 14)]);
    }
}
