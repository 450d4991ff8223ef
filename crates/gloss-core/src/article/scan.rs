//! Finding article files under a folder, without reading them.

use std::path::{Path, PathBuf};

use super::{Format, Scan};

/// Lists the article files under `root` recursively (or `root` itself if it is a file),
/// in the order of their paths (`Path`'s order: each folder's names by their bytes, a
/// folder's files where its name sorts), so the list, which orders by date and then by
/// path, only has to sort by date.
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
    // The folders being walked, each with its entries still to visit (sorted, taken from
    // the end): depth first in name order is path order.
    let mut stack: Vec<Vec<(PathBuf, std::fs::FileType)>> = vec![read_sorted(root, &mut out)];
    while let Some(level) = stack.last_mut() {
        let Some((path, file_type)) = level.pop() else {
            stack.pop();
            continue;
        };
        if file_type.is_dir() {
            let entries = read_sorted(&path, &mut out);
            stack.push(entries);
        } else if file_type.is_symlink() {
            visit_symlink(path, &mut out);
        } else if file_type.is_file() && is_article_name(&path) {
            out.files.push(path);
        }
    }
    out
}

/// The entries of folder `dir` that are not hidden, with their types, in reverse order of
/// their names' bytes (visited by popping); what cannot be read goes to `out.skipped`.
fn read_sorted(dir: &Path, out: &mut Scan) -> Vec<(PathBuf, std::fs::FileType)> {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.skipped
                .push((dir.to_path_buf(), format!("cannot read folder: {e}")));
            return Vec::new();
        }
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.skipped
                    .push((dir.to_path_buf(), format!("cannot read folder entry: {e}")));
                continue;
            }
        };
        if entry.file_name().as_encoded_bytes().first() == Some(&b'.') {
            continue;
        }
        let path = entry.path();
        match entry.file_type() {
            Ok(t) => found.push((path, t)),
            Err(e) => out.skipped.push((path, format!("cannot read: {e}"))),
        }
    }
    // Siblings share the folder's prefix: their paths order as their names' bytes.
    found.sort_unstable_by(|(a, _), (b, _)| {
        b.as_os_str()
            .as_encoded_bytes()
            .cmp(a.as_os_str().as_encoded_bytes())
    });
    found
}

/// Whether a file's name has an article's extension (as [`Format::from_path`], without
/// its allocation: asked once per file of the folder).
fn is_article_name(path: &Path) -> bool {
    let Some(ext) = path.extension() else {
        return false;
    };
    let ext = ext.as_encoded_bytes();
    ["txt", "md", "markdown", "html", "htm"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e.as_bytes()))
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
    fn files_come_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        fs::create_dir_all(r.join("a/b")).unwrap();
        fs::create_dir_all(r.join("a-b")).unwrap();
        fs::create_dir_all(r.join("ä")).unwrap();
        for f in [
            "z.txt",
            "a/b/y.txt",
            "a/x.txt",
            "a-b/w.md",
            "a.txt",
            "B.txt",
            "ä/v.txt",
            "a/b.txt",
            "a/c.html",
        ] {
            fs::write(r.join(f), "x").unwrap();
        }
        let s = scan(r);
        let mut sorted = s.files.clone();
        sorted.sort();
        assert_eq!(s.files, sorted);
        assert_eq!(s.files.len(), 9);
    }

    #[test]
    fn the_extension_test_is_formats() {
        for name in [
            "a.txt",
            "a.TXT",
            "a.Md",
            "a.markdown",
            "a.html",
            "a.HTM",
            "a.pdf",
            "a",
            "a.txt.bak",
            "txt",
            "a.tx",
        ] {
            let p = Path::new(name);
            assert_eq!(is_article_name(p), Format::from_path(p).is_some(), "{name}");
        }
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
