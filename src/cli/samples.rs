//! The sample articles, built into the binary so an installed `gloss` started anywhere
//! has something to open: written to `<data dir>/articles` the first time no folder is
//! given and none is configured.

use std::path::Path;

use anyhow::Context as _;

/// Each sample: its path under the articles folder, and its bytes (the files of
/// `assets/articles`, byte for byte).
pub const SAMPLES: &[(&str, &[u8])] = &[
    (
        "2024-12-21-putin-pezeshkian.txt",
        include_bytes!("../../assets/articles/2024-12-21-putin-pezeshkian.txt"),
    ),
    (
        "2025-01-14-haushaltsstreit-bundestag.txt",
        include_bytes!("../../assets/articles/2025-01-14-haushaltsstreit-bundestag.txt"),
    ),
    (
        "2025-02-03-offshore-wind-auction.txt",
        include_bytes!("../../assets/articles/2025-02-03-offshore-wind-auction.txt"),
    ),
    (
        "2025-03-11-klimakonferenz-bonn.md",
        include_bytes!("../../assets/articles/2025-03-11-klimakonferenz-bonn.md"),
    ),
    (
        "2025-04-22-chip-plant-saxony.md",
        include_bytes!("../../assets/articles/2025-04-22-chip-plant-saxony.md"),
    ),
    (
        "2025-05-06-hafenstreik-hamburg.html",
        include_bytes!("../../assets/articles/2025-05-06-hafenstreik-hamburg.html"),
    ),
    (
        "wire/2025-06-18-un-food-prices.txt",
        include_bytes!("../../assets/articles/wire/2025-06-18-un-food-prices.txt"),
    ),
    (
        "wire/2025-07-09-nato-defence-spending.htm",
        include_bytes!("../../assets/articles/wire/2025-07-09-nato-defence-spending.htm"),
    ),
];

/// Writes the samples into `dir` (created with its parents). Into a temporary folder
/// first, renamed into place at the end, so an interrupted first start does not leave a
/// half-written folder that would be taken for the user's own next time.
pub fn write(dir: &Path) -> anyhow::Result<()> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("{}: cannot create the folder", parent.display()))?;
    let tmp = tempfile_dir(parent)?;
    for (name, bytes) in SAMPLES {
        let path = tmp.join(name);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)
                .with_context(|| format!("{}: cannot create the folder", p.display()))?;
        }
        std::fs::write(&path, bytes)
            .with_context(|| format!("{}: cannot write a sample article", path.display()))?;
    }
    std::fs::rename(&tmp, dir).with_context(|| {
        format!(
            "{}: cannot move the sample articles into place",
            dir.display()
        )
    })
}

fn tempfile_dir(parent: &Path) -> anyhow::Result<std::path::PathBuf> {
    let tmp = parent.join(format!(".articles-{}.tmp", std::process::id()));
    // A leftover of an earlier interrupted start with the same pid.
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir(&tmp)
        .with_context(|| format!("{}: cannot create the folder", tmp.display()))?;
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_file_of_the_samples_folder_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
        let mut on_disk = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p
                        .strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    on_disk.push(rel.replace('\\', "/"));
                }
            }
        }
        on_disk.sort();
        let mut embedded: Vec<String> = SAMPLES.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn writes_the_samples_byte_for_byte() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data/articles");
        write(&dir).unwrap();
        for (name, bytes) in SAMPLES {
            assert_eq!(std::fs::read(dir.join(name)).unwrap(), *bytes, "{name}");
        }
        let left: Vec<_> = std::fs::read_dir(tmp.path().join("data"))
            .unwrap()
            .collect();
        assert_eq!(left.len(), 1, "no temporary folder left beside the samples");
    }
}
