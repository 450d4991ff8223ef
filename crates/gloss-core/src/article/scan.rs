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
    let mut reader = Reader::default();
    let mut stack: Vec<Vec<Entry>> = vec![reader.read_sorted(root, &mut out)];
    while let Some(level) = stack.last_mut() {
        let Some(entry) = level.pop() else {
            stack.pop();
            continue;
        };
        match entry.kind {
            Kind::Dir => {
                let entries = reader.read_sorted(&entry.path, &mut out);
                stack.push(entries);
            }
            Kind::Link => visit_symlink(entry.path, &mut out),
            Kind::Article => out.files.push(entry.path),
        }
    }
    out
}

/// What a folder entry is to the scan (other entries are left out when read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Dir,
    Link,
    /// A regular file with an article's extension.
    Article,
}

/// A folder entry to visit: its path, where its name starts in it, and its name's first
/// 16 bytes as a number (a name compared in one step, as long as those bytes differ).
#[derive(Debug)]
struct Entry {
    path: PathBuf,
    name_at: usize,
    key: u128,
    kind: Kind,
}

impl Entry {
    fn new(dir: &Path, name: &[u8], kind: Kind) -> Entry {
        let d = dir.as_os_str().as_encoded_bytes();
        // As `Path::join`: one separator between the two; one allocation.
        let mut bytes = Vec::with_capacity(d.len() + 1 + name.len());
        bytes.extend_from_slice(d);
        if !d.is_empty() && !d.ends_with(b"/") {
            bytes.push(b'/');
        }
        let name_at = bytes.len();
        bytes.extend_from_slice(name);
        let mut head = [0u8; 16];
        let n = name.len().min(16);
        head[..n].copy_from_slice(&name[..n]);
        Entry {
            path: path_from_bytes(bytes),
            name_at,
            // Names hold no NUL: padding with zeros keeps the order of the bytes.
            key: u128::from_be_bytes(head),
            kind,
        }
    }

    fn name(&self) -> &[u8] {
        &self.path.as_os_str().as_encoded_bytes()[self.name_at..]
    }
}

/// Reads folders' entries, with a buffer kept from one folder to the next.
#[derive(Default)]
struct Reader {
    #[cfg(target_os = "linux")]
    buf: Vec<u8>,
}

impl Reader {
    /// The entries of folder `dir` that are not hidden and are folders, links or
    /// articles, in reverse order of their names' bytes (visited by popping); what cannot
    /// be read goes to `out.skipped`.
    fn read_sorted(&mut self, dir: &Path, out: &mut Scan) -> Vec<Entry> {
        #[cfg(target_os = "linux")]
        let mut found = self.read_linux(dir, out);
        #[cfg(not(target_os = "linux"))]
        let mut found = read_std(dir, out);
        // Siblings share the folder's prefix: their paths order as their names' bytes.
        found.sort_unstable_by(|a, b| b.key.cmp(&a.key).then_with(|| b.name().cmp(a.name())));
        found
    }

    /// [`read_std`] through `getdents` on a descriptor of the folder: no allocation per
    /// entry but its path (std's `ReadDir` made two more for each, and `DirEntry::path`
    /// grew the third; three quarters of scanning 100,000 files).
    #[cfg(target_os = "linux")]
    fn read_linux(&mut self, dir: &Path, out: &mut Scan) -> Vec<Entry> {
        use rustix::fs::{AtFlags, FileType, Mode, OFlags, RawDir};
        let cannot = |e: rustix::io::Errno| std::io::Error::from_raw_os_error(e.raw_os_error());
        let fd = match rustix::fs::open(
            dir,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        ) {
            Ok(fd) => fd,
            Err(e) => {
                out.skipped.push((
                    dir.to_path_buf(),
                    format!("cannot read folder: {}", cannot(e)),
                ));
                return Vec::new();
            }
        };
        if self.buf.capacity() == 0 {
            self.buf.reserve_exact(64 * 1024);
        }
        let mut found = Vec::new();
        let mut entries = RawDir::new(&fd, self.buf.spare_capacity_mut());
        while let Some(entry) = entries.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    out.skipped.push((
                        dir.to_path_buf(),
                        format!("cannot read folder entry: {}", cannot(e)),
                    ));
                    break;
                }
            };
            let name = entry.file_name().to_bytes();
            // Also `.` and `..`.
            if name.first() == Some(&b'.') {
                continue;
            }
            let file_type = match entry.file_type() {
                // A file system that does not say: asked, as std does.
                FileType::Unknown => {
                    match rustix::fs::statat(&fd, name, AtFlags::SYMLINK_NOFOLLOW) {
                        Ok(st) => FileType::from_raw_mode(st.st_mode),
                        Err(e) => {
                            let path = Entry::new(dir, name, Kind::Link).path;
                            out.skipped
                                .push((path, format!("cannot read: {}", cannot(e))));
                            continue;
                        }
                    }
                }
                t => t,
            };
            let kind = match file_type {
                FileType::Directory => Kind::Dir,
                FileType::Symlink => Kind::Link,
                FileType::RegularFile if is_article_name(name) => Kind::Article,
                _ => continue,
            };
            found.push(Entry::new(dir, name, kind));
        }
        found
    }
}

/// [`Reader::read_sorted`]'s entries (unsorted) through std's `ReadDir` (where there is no
/// `getdents`, and to check that one against).
#[cfg_attr(target_os = "linux", allow(dead_code))]
fn read_std(dir: &Path, out: &mut Scan) -> Vec<Entry> {
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
        let file_name = entry.file_name();
        let name = file_name.as_encoded_bytes();
        if name.first() == Some(&b'.') {
            continue;
        }
        let kind = match entry.file_type() {
            Ok(t) if t.is_dir() => Kind::Dir,
            Ok(t) if t.is_symlink() => Kind::Link,
            Ok(t) if t.is_file() && is_article_name(name) => Kind::Article,
            Ok(_) => continue,
            Err(e) => {
                out.skipped
                    .push((entry.path(), format!("cannot read: {e}")));
                continue;
            }
        };
        found.push(Entry::new(dir, name, kind));
    }
    found
}

/// A path from bytes that came from an `OsStr` and a file name (always a valid path on
/// Unix, where paths are bytes).
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(std::ffi::OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// Whether a file name has an article's extension (as [`Format::from_path`] of it, on
/// its bytes: asked once per file of the folder).
fn is_article_name(name: &[u8]) -> bool {
    // As `Path::extension`: after the last dot, not a leading one.
    let ext = match name.iter().rposition(|&c| c == b'.') {
        Some(0) | None => return false,
        Some(i) => &name[i + 1..],
    };
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
    fn names_alike_in_their_first_bytes_come_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        let long = "a-very-long-name-of";
        fs::create_dir_all(r.join(long)).unwrap();
        fs::create_dir_all(r.join(format!("{long}-x"))).unwrap();
        for f in [
            format!("{long}.txt"),
            format!("{long}-2.txt"),
            format!("{long}-10.txt"),
            format!("{long}/{long}.md"),
            format!("{long}-x/a.txt"),
            format!("{long}ä.txt"),
            "a-very-long-name.txt".to_string(),
            "a-very-long-name-.txt".to_string(),
            "a-very-long-nam.txt".to_string(),
            "b.txt".to_string(),
        ] {
            fs::write(r.join(f), "x").unwrap();
        }
        let s = scan(r);
        let mut sorted = s.files.clone();
        sorted.sort();
        assert_eq!(s.files, sorted);
        assert_eq!(s.files.len(), 10);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn getdents_reads_a_folder_as_std_does() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        fs::create_dir_all(r.join("sub/.hidden")).unwrap();
        for f in [
            "a.txt",
            "B.HTML",
            ".hidden.txt",
            "notes.pdf",
            "noext",
            "sub/c.md",
            "sub/ümlaut.markdown",
            "x.",
            "...txt",
        ] {
            fs::write(r.join(f), "x").unwrap();
        }
        std::os::unix::fs::symlink(r.join("a.txt"), r.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(r.join("sub"), r.join("linked-dir")).unwrap();
        std::os::unix::fs::symlink(r.join("nothing"), r.join("broken.md")).unwrap();
        let seen = |v: Vec<Entry>| {
            let mut v: Vec<(PathBuf, Kind, Vec<u8>)> = v
                .into_iter()
                .map(|e| {
                    let name = e.name().to_vec();
                    (e.path, e.kind, name)
                })
                .collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        for d in [r.to_path_buf(), r.join("sub"), r.join("sub/.hidden")] {
            let (mut a, mut b) = (Scan::default(), Scan::default());
            let linux = seen(Reader::default().read_linux(&d, &mut a));
            let std = seen(read_std(&d, &mut b));
            assert_eq!(linux, std, "{}", d.display());
            assert_eq!(a.skipped, b.skipped);
        }
        // A folder that cannot be read is said alike.
        let (mut a, mut b) = (Scan::default(), Scan::default());
        let gone = r.join("gone");
        assert!(Reader::default().read_linux(&gone, &mut a).is_empty());
        assert!(read_std(&gone, &mut b).is_empty());
        assert_eq!(a.skipped, b.skipped);
        assert!(
            a.skipped[0].1.starts_with("cannot read folder: "),
            "{:?}",
            a.skipped
        );
    }

    #[test]
    fn the_extension_test_is_formats() {
        for name in [
            "a.txt",
            ".txt",
            "a.",
            "..txt",
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
            assert_eq!(
                is_article_name(name.as_bytes()),
                Format::from_path(p).is_some(),
                "{name}"
            );
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
