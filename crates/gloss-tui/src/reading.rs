//! Where the reader was in each article: `<data dir>/reading.toml`, user data kept apart
//! from the index (deleting the index loses no reading position).
//!
//! Keys are canonical paths, so two spellings of one folder share their positions. A
//! missing or unreadable file is an empty one: losing a reading position is a nuisance,
//! never an error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file's name inside the data dir.
pub const FILE: &str = "reading.toml";

#[derive(Debug, Default, Serialize, Deserialize)]
struct ReadingFile {
    /// Canonical path → char offset of the cursor.
    #[serde(default)]
    position: BTreeMap<String, usize>,
}

/// Every saved position, keyed by the path as spelled under `root` (a folder as given):
/// positions of articles elsewhere are left out.
pub fn load(data_dir: &Path, root: &Path) -> BTreeMap<PathBuf, usize> {
    let canon = gloss_index::canonical(root);
    let Ok(text) = std::fs::read_to_string(data_dir.join(FILE)) else {
        return BTreeMap::new();
    };
    let Ok(f) = toml::from_str::<ReadingFile>(&text) else {
        return BTreeMap::new();
    };
    f.position
        .into_iter()
        .filter_map(|(p, at)| {
            let p = PathBuf::from(p);
            let rel = p.strip_prefix(&canon).ok()?;
            Some((
                if rel.as_os_str().is_empty() {
                    root.to_path_buf()
                } else {
                    root.join(rel)
                },
                at,
            ))
        })
        .collect()
}

/// Remembers that the cursor of `article` is at char `at` (atomically: a crash leaves the
/// old file or the new one).
pub fn save(data_dir: &Path, article: &Path, at: usize) -> std::io::Result<()> {
    let file = data_dir.join(FILE);
    let mut f = std::fs::read_to_string(&file)
        .ok()
        .and_then(|t| toml::from_str::<ReadingFile>(&t).ok())
        .unwrap_or_default();
    let key = gloss_index::canonical(article)
        .to_string_lossy()
        .into_owned();
    if f.position.get(&key) == Some(&at) {
        return Ok(());
    }
    f.position.insert(key, at);
    let text = toml::to_string(&f).map_err(std::io::Error::other)?;
    std::fs::create_dir_all(data_dir)?;
    let tmp = data_dir.join(format!(".{FILE}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, &file)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn positions_survive_and_are_keyed_by_the_folder_given() {
        let d = tempfile::tempdir().unwrap();
        let arts = d.path().join("arts");
        std::fs::create_dir_all(&arts).unwrap();
        let a = arts.join("a.txt");
        std::fs::write(&a, "x").unwrap();
        let data = d.path().join("data");
        assert!(load(&data, &arts).is_empty());
        save(&data, &a, 42).unwrap();
        save(&data, &a, 43).unwrap();
        let got = load(&data, &arts);
        assert_eq!(got.get(&a), Some(&43));
        // Spelled through `..`, the same folder finds it under its spelling.
        let other = d.path().join("data/../arts");
        assert_eq!(load(&data, &other).get(&other.join("a.txt")), Some(&43));
        // Not under the folder: left out. Garbage: empty, no error.
        assert!(load(&data, &data).is_empty());
        std::fs::write(data.join(FILE), "[[[ no").unwrap();
        assert!(load(&data, &arts).is_empty());
        // Deleting the index loses nothing: the positions are not in it.
        save(&data, &a, 7).unwrap();
        let _ = std::fs::remove_dir_all(data.join("index"));
        assert_eq!(load(&data, &arts).get(&a), Some(&7));
    }
}
