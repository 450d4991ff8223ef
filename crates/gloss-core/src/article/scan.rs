//! Finding article files under a folder, without reading them.

use std::path::{Path, PathBuf};

use super::{Format, Scan};

/// Lists the article files under `root` recursively (or `root` itself if it is a file).
///
/// Hidden files and folders (names starting with `.`) are skipped silently; symlinked
/// folders are not followed (so a link loop cannot hang the scan) and are reported;
/// symlinked files are listed. `root` itself is read even if its name is hidden.
pub fn scan(root: &Path) -> Scan {
    let mut out = Scan::default();
    match std::fs::metadata(root) {
        Ok(m) if m.is_file() => {
            out.files.push(root.to_path_buf());
            return out;
        }
        Ok(_) => {}
        Err(e) => {
            out.skipped
                .push((root.to_path_buf(), format!("cannot read: {e}")));
            return out;
        }
    }
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                out.skipped.push((dir, format!("cannot read folder: {e}")));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    out.skipped
                        .push((dir.clone(), format!("cannot read folder entry: {e}")));
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    out.skipped.push((path, format!("cannot read: {e}")));
                    continue;
                }
            };
            if file_type.is_dir() {
                stack.push(path);
            } else if file_type.is_symlink() {
                visit_symlink(path, &mut out);
            } else if file_type.is_file() && Format::from_path(&path).is_some() {
                out.files.push(path);
            }
        }
    }
    out
}

fn visit_symlink(path: PathBuf, out: &mut Scan) {
    match std::fs::metadata(&path) {
        Ok(m) if m.is_dir() => out
            .skipped
            .push((path, "symlinked folder not followed".into())),
        Ok(m) if m.is_file() && Format::from_path(&path).is_some() => out.files.push(path),
        Ok(_) => {}
        Err(e) => {
            if Format::from_path(&path).is_some() {
                out.skipped.push((path, format!("broken link: {e}")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn names(scan: &Scan, root: &Path) -> Vec<String> {
        let mut v: Vec<String> = scan
            .files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn recursive_and_hidden_and_extensions() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        fs::create_dir_all(r.join("wire/deep")).unwrap();
        fs::create_dir_all(r.join(".git")).unwrap();
        for f in [
            "a.txt",
            "b.MD",
            "wire/c.html",
            "wire/deep/d.htm",
            ".hidden.txt",
            ".git/e.txt",
            "notes.pdf",
            "wire/readme",
        ] {
            fs::write(r.join(f), "x").unwrap();
        }
        let s = scan(r);
        assert_eq!(
            names(&s, r),
            vec!["a.txt", "b.MD", "wire/c.html", "wire/deep/d.htm"]
        );
        assert!(s.skipped.is_empty(), "{:?}", s.skipped);
    }

    #[test]
    fn a_file_root_is_itself() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.txt");
        fs::write(&f, "x").unwrap();
        assert_eq!(scan(&f).files, vec![f]);
    }

    #[test]
    fn a_missing_root_is_reported() {
        let s = scan(Path::new("/no/such/folder/anywhere"));
        assert!(s.files.is_empty());
        assert_eq!(s.skipped.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_do_not_hang_and_linked_files_count() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        fs::create_dir_all(r.join("sub")).unwrap();
        fs::write(r.join("sub/a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(r, r.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(r.join("sub/a.txt"), r.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(r.join("gone.txt"), r.join("broken.txt")).unwrap();
        let s = scan(r);
        assert_eq!(names(&s, r), vec!["link.txt", "sub/a.txt"]);
        assert!(
            s.skipped
                .iter()
                .any(|(p, why)| p.ends_with("loop") && why.contains("symlink"))
        );
        assert!(s.skipped.iter().any(|(p, _)| p.ends_with("broken.txt")));
    }
}
