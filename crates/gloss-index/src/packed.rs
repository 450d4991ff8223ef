//! The list's metadata of one folder packed in one value (the `folder_list` table), so a
//! folder opened before is listed from one row instead of a SQLite step and ten column
//! reads per article (680 M of the 1,516 M instructions of listing 100,000 articles).
//!
//! It is a cache of the `article` rows, written beside them when the list of a folder
//! changed, and checked against every file's stamp when read: an entry counts only while
//! its file has the stamp it was read at. A value that is missing, from another layout,
//! damaged (its checksum) or of other files is not used, and the rows are.
//!
//! Hand-written rather than serde + a binary format crate: the layout is a dozen fields,
//! and decoding it is the hot path (no intermediate structs, lengths checked once, the
//! strings copied once into the [`Meta`]s).
//!
//! Layout (little-endian): `MAGIC`, the number of entries (u32), the list's order (one
//! u32 per entry: the index in path order of each row of the list, newest first), the
//! length of the text (u32) and the text: every entry's title, section, source, author
//! and url one after the other, checked as UTF-8 in one pass (checking each string apart
//! was a third of decoding); then the entries in the order of their paths (the scan's
//! order) and a 64-bit checksum of everything before it. An entry: its path below the
//! folder (varint length + bytes), size (u64), mtime in ns (u128), date (i32 days from
//! CE, `i32::MIN` for none), language (u8), the title's length (varint), then the
//! section's, source's, author's and url's (varint length + 1, 0 for none). The order
//! comes first so that each entry's metadata is decoded into its row of the list.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use gloss_core::article::Meta;
use gloss_core::text::Lang;

use crate::Stamp;

/// The layout's name and version: another layout is not read.
const MAGIC: &[u8; 8] = b"glosspk3";

/// A date of none.
const NO_DATE: i32 = i32::MIN;

/// A folder's list as the index packed it: each article's path below the folder and
/// stamp, in path order, and the list: the articles' metadata, newest first.
#[derive(Debug, Default)]
pub struct PackedList {
    data: Vec<u8>,
    /// Per entry, in path order: where its path below the folder lies in `data`, its
    /// stamp, and its row in `list`.
    entries: Vec<((usize, usize), Stamp, usize)>,
    /// The list, newest first: each row's metadata (its path is filled in by
    /// [`PackedList::into_list`]).
    list: Vec<(PathBuf, Meta)>,
}

impl PackedList {
    /// Number of articles.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it lists none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The checksum it was stored with (see [`checksum_of`]).
    pub fn checksum(&self) -> u64 {
        checksum_of(&self.data).unwrap_or_default()
    }

    /// Entry `i`'s path below the folder (bytes) and stamp, in path order.
    pub fn entry(&self, i: usize) -> Option<(&[u8], Stamp)> {
        let ((at, len), stamp, _) = self.entries.get(i)?;
        Some((self.data.get(*at..at + len)?, *stamp))
    }

    /// Every entry's path below the folder, stamp and metadata, in path order.
    pub fn into_entries(self) -> impl Iterator<Item = (Vec<u8>, Stamp, Meta)> {
        let (data, mut list) = (self.data, self.list);
        self.entries.into_iter().map(move |((at, len), s, row)| {
            let meta = list.get_mut(row).map(|(_, m)| std::mem::take(m));
            (data[at..at + len].to_vec(), s, meta.unwrap_or_default())
        })
    }

    /// Whether `files` (a scan of `root`, in its order) with their `stamps` are exactly
    /// the articles listed here, each unchanged: then [`PackedList::into_list`] is the
    /// list, with no file read.
    pub fn matches(&self, root: &Path, files: &[PathBuf], stamps: &[Option<Stamp>]) -> bool {
        if files.len() != self.entries.len() || stamps.len() != files.len() {
            return false;
        }
        files.iter().zip(stamps).enumerate().all(|(i, (f, s))| {
            match (below(root, f), self.entry(i), s) {
                (Some(rel), Some((r, stamp)), Some(s)) => rel == r && stamp == *s,
                _ => false,
            }
        })
    }

    /// The list: `files` (those [`PackedList::matches`] was true of) with their metadata,
    /// in the list's order (newest first), each path moved into its row.
    pub fn into_list(self, files: Vec<PathBuf>) -> Vec<(PathBuf, Meta)> {
        let mut list = self.list;
        for (f, (_, _, row)) in files.into_iter().zip(self.entries) {
            if let Some(slot) = list.get_mut(row) {
                slot.0 = f;
            }
        }
        list
    }
}

/// The bytes of `path` below `root` (as a scan of `root` spells it), or `None` when it
/// does not lie below it.
pub fn below<'a>(root: &Path, path: &'a Path) -> Option<&'a [u8]> {
    let (r, p) = (
        root.as_os_str().as_encoded_bytes(),
        path.as_os_str().as_encoded_bytes(),
    );
    let rest = p.strip_prefix(r)?;
    let rest = if r.ends_with(b"/") {
        rest
    } else {
        rest.strip_prefix(b"/")?
    };
    (!rest.is_empty() && !rest.starts_with(b"/")).then_some(rest)
}

/// Packs the list of `root`: `items` are its articles (below it) in path order, with the
/// stamp each was read at and its metadata. `None` if one does not lie below `root` or
/// there are more than a u32 counts.
pub fn encode<P: AsRef<Path>, M: std::borrow::Borrow<Meta>>(
    root: &Path,
    items: &[(P, Stamp, M)],
) -> Option<Vec<u8>> {
    let count = u32::try_from(items.len()).ok()?;
    let order =
        gloss_core::article::newest_first_order(items, |(p, _, m)| (m.borrow().date, p.as_ref()));
    let mut text = String::with_capacity(items.len() * 80);
    let mut rows = Vec::with_capacity(items.len() * 48);
    for (p, stamp, m) in items {
        let m = m.borrow();
        let rel = below(root, p.as_ref())?;
        put_bytes(&mut rows, rel);
        rows.extend_from_slice(&stamp.size.to_le_bytes());
        rows.extend_from_slice(&stamp.mtime_ns.to_le_bytes());
        let day = m.date.map_or(NO_DATE, |d| d.num_days_from_ce());
        rows.extend_from_slice(&day.to_le_bytes());
        rows.push(match m.lang {
            Lang::De => 0,
            Lang::En => 1,
        });
        put_varint(&mut rows, m.title.len() as u64);
        text.push_str(&m.title);
        for s in [&m.section, &m.source, &m.author, &m.url] {
            match s {
                None => put_varint(&mut rows, 0),
                Some(s) => {
                    put_varint(&mut rows, s.len() as u64 + 1);
                    text.push_str(s);
                }
            }
        }
    }
    let mut out = Vec::with_capacity(16 + text.len() + rows.len() + 4 * items.len() + 8);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&count.to_le_bytes());
    for i in order {
        out.extend_from_slice(&u32::try_from(i).ok()?.to_le_bytes());
    }
    out.extend_from_slice(&u32::try_from(text.len()).ok()?.to_le_bytes());
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(&rows);
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    Some(out)
}

/// Unpacks what [`encode`] made; `None` if it is not that (another layout, cut short,
/// damaged, an order that is not one).
pub fn decode(data: Vec<u8>) -> Option<PackedList> {
    let body_len = data.len().checked_sub(8)?;
    let (body, sum) = data.split_at(body_len);
    if checksum(body).to_le_bytes() != sum {
        return None;
    }
    let mut r = Reader { data: body, at: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let count = r.u32()? as usize;
    // Every entry takes at least 38 bytes: a count beyond that is damage, not a list
    // to allocate for.
    if count > body.len() / 38 {
        return None;
    }
    // Each entry's row in the list: the order, inverted (and checked to be one).
    let mut row_of = vec![usize::MAX; count];
    for row in 0..count {
        let i = r.u32()? as usize;
        let slot = row_of.get_mut(i)?;
        if *slot != usize::MAX {
            return None;
        }
        *slot = row;
    }
    let text_len = r.u32()? as usize;
    let text = std::str::from_utf8(r.take(text_len)?).ok()?;
    // The strings follow each other in the text; `str::get` checks each cut.
    let mut at = 0usize;
    let mut next = |n: usize| -> Option<String> {
        let end = at.checked_add(n)?;
        let s = text.get(at..end)?.to_string();
        at = end;
        Some(s)
    };
    let mut entries = Vec::with_capacity(count);
    let mut list: Vec<(PathBuf, Meta)> = Vec::new();
    list.resize_with(count, Default::default);
    for &row in &row_of {
        let rel_len = usize::try_from(r.varint()?).ok()?;
        let rel_at = r.at;
        r.take(rel_len)?;
        let size = r.u64()?;
        let mtime_ns = u128::from_le_bytes(r.take(16)?.try_into().ok()?);
        let day = i32::from_le_bytes(r.take(4)?.try_into().ok()?);
        let date = match day {
            NO_DATE => None,
            d => Some(NaiveDate::from_num_days_from_ce_opt(d)?),
        };
        let lang = match r.take(1)?[0] {
            0 => Lang::De,
            1 => Lang::En,
            _ => return None,
        };
        let title = next(usize::try_from(r.varint()?).ok()?)?;
        let mut opt = || -> Option<Option<String>> {
            match r.varint()? {
                0 => Some(None),
                n => Some(Some(next(usize::try_from(n - 1).ok()?)?)),
            }
        };
        let (section, source, author, url) = (opt()?, opt()?, opt()?, opt()?);
        let meta = Meta {
            title,
            date,
            section,
            source,
            author,
            url,
            lang,
        };
        list[row].1 = meta;
        entries.push(((rel_at, rel_len), Stamp { size, mtime_ns }, row));
    }
    if at != text.len() {
        return None;
    }
    if r.at != body.len() {
        return None;
    }
    Some(PackedList {
        data,
        entries,
        list,
    })
}

/// The checksum at the end of a packed value: two lists that pack alike have the same.
pub fn checksum_of(data: &[u8]) -> Option<u64> {
    let at = data.len().checked_sub(8)?;
    Some(u64::from_le_bytes(data[at..].try_into().ok()?))
}

/// A fast 64-bit hash of the bytes: enough to tell a damaged value from a good one (the
/// index is the user's own data, not an attacker's).
fn checksum(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_varint(out, b.len() as u64);
    out.extend_from_slice(b);
}

/// Reads [`encode`]'s fields, each checked against the end.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let b = self.data.get(self.at..end)?;
        self.at = end;
        Some(b)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn varint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.data.get(self.at)?;
            self.at += 1;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn meta(title: &str, date: Option<&str>, lang: Lang) -> Meta {
        Meta {
            title: title.into(),
            date: date.map(|d| d.parse().unwrap()),
            section: Some("Politik".into()),
            source: None,
            author: Some(String::new()),
            url: Some("https://example.org/ä".into()),
            lang,
        }
    }

    fn sample(root: &Path) -> Vec<(PathBuf, Stamp, Meta)> {
        vec![
            (
                root.join("a/x.txt"),
                Stamp {
                    size: 10,
                    mtime_ns: 1,
                },
                meta("Eins", Some("2024-01-02"), Lang::De),
            ),
            (
                root.join("a-b.md"),
                Stamp {
                    size: 0,
                    mtime_ns: u128::MAX,
                },
                meta("Zwei ß", None, Lang::En),
            ),
            (
                root.join("b.html"),
                Stamp {
                    size: u64::MAX,
                    mtime_ns: 7,
                },
                meta("", Some("2025-12-31"), Lang::En),
            ),
        ]
    }

    #[test]
    fn a_list_comes_back_as_it_went_in_and_in_the_lists_order() {
        let root = Path::new("/data/arts");
        let items = sample(root);
        let packed = decode(encode(root, &items).unwrap()).unwrap();
        assert_eq!(packed.len(), 3);
        let files: Vec<PathBuf> = items.iter().map(|(p, _, _)| p.clone()).collect();
        let stamps: Vec<Option<Stamp>> = items.iter().map(|(_, s, _)| Some(*s)).collect();
        assert!(packed.matches(root, &files, &stamps));
        // Another spelling of the same folder, as the scan of it spells the paths.
        let other = Path::new("arts");
        let respelled: Vec<PathBuf> = files
            .iter()
            .map(|f| PathBuf::from(f.to_string_lossy().replace("/data/arts/", "arts/")))
            .collect();
        assert!(packed.matches(other, &respelled, &stamps));
        assert!(packed.matches(Path::new("arts/"), &respelled, &stamps));
        assert!(packed.matches(Path::new("/data/arts/"), &files, &stamps));
        let mut want: Vec<(PathBuf, Meta)> = items
            .iter()
            .map(|(p, _, m)| (p.clone(), m.clone()))
            .collect();
        gloss_core::article::sort_newest_first(&mut want);
        assert_eq!(packed.into_list(files), want);
    }

    #[test]
    fn a_changed_added_or_removed_file_does_not_match() {
        let root = Path::new("/data/arts");
        let items = sample(root);
        let packed = decode(encode(root, &items).unwrap()).unwrap();
        let files: Vec<PathBuf> = items.iter().map(|(p, _, _)| p.clone()).collect();
        let stamps: Vec<Option<Stamp>> = items.iter().map(|(_, s, _)| Some(*s)).collect();
        // Changed: the size or the time.
        for k in 0..3 {
            let mut s = stamps.clone();
            s[k] = s[k].map(|s| Stamp {
                size: s.size ^ 1,
                ..s
            });
            assert!(!packed.matches(root, &files, &s));
            let mut s = stamps.clone();
            s[k] = s[k].map(|s| Stamp {
                mtime_ns: s.mtime_ns ^ 1,
                ..s
            });
            assert!(!packed.matches(root, &files, &s));
            let mut s = stamps.clone();
            s[k] = None;
            assert!(!packed.matches(root, &files, &s));
        }
        // Removed, added, renamed, or another folder.
        assert!(!packed.matches(root, &files[1..], &stamps[1..]));
        let mut more = files.clone();
        more.push(root.join("c.txt"));
        let mut more_stamps = stamps.clone();
        more_stamps.push(stamps[0]);
        assert!(!packed.matches(root, &more, &more_stamps));
        let mut renamed = files.clone();
        renamed[1] = root.join("a-c.md");
        assert!(!packed.matches(root, &renamed, &stamps));
        assert!(!packed.matches(Path::new("/data"), &files, &stamps));
    }

    #[test]
    fn a_damaged_or_foreign_value_is_not_read() {
        let root = Path::new("/data/arts");
        let good = encode(root, &sample(root)).unwrap();
        assert!(decode(good.clone()).is_some());
        assert!(decode(Vec::new()).is_none());
        assert!(decode(b"glosspk1".to_vec()).is_none());
        for cut in 0..good.len() {
            assert!(decode(good[..cut].to_vec()).is_none(), "cut at {cut}");
        }
        for at in 0..good.len() {
            for bit in [0x01u8, 0x80] {
                let mut bad = good.clone();
                bad[at] ^= bit;
                assert!(decode(bad).is_none(), "bit {bit:#x} of byte {at}");
            }
        }
        // Another layout, with a right checksum: not read either.
        let mut other = good[..good.len() - 8].to_vec();
        other[7] = b'4';
        let sum = checksum(&other);
        other.extend_from_slice(&sum.to_le_bytes());
        assert!(decode(other).is_none());
    }

    #[test]
    fn a_path_outside_the_folder_is_not_packed() {
        let root = Path::new("/data/arts");
        let mut items = sample(root);
        items[1].0 = PathBuf::from("/data/other/x.txt");
        assert!(encode(root, &items).is_none());
        assert_eq!(below(root, Path::new("/data/arts")), None);
        assert_eq!(below(root, Path::new("/data/artsy/x")), None);
        assert_eq!(below(root, Path::new("/data/arts/x")), Some(&b"x"[..]));
        assert_eq!(
            below(Path::new("/data/arts/"), Path::new("/data/arts/x")),
            Some(&b"x"[..])
        );
    }

    fn any_meta() -> impl Strategy<Value = Meta> {
        let opt = || proptest::option::of("\\PC{0,12}");
        (
            "\\PC{0,20}",
            proptest::option::of(-800_000i32..800_000),
            (opt(), opt(), opt(), opt()),
            any::<bool>(),
        )
            .prop_map(|(title, day, (section, source, author, url), de)| Meta {
                title,
                date: day.and_then(NaiveDate::from_num_days_from_ce_opt),
                section,
                source,
                author,
                url,
                lang: if de { Lang::De } else { Lang::En },
            })
    }

    proptest! {
        #[test]
        fn any_list_round_trips_in_the_lists_order(
            rows in proptest::collection::btree_map(
                "[a-z][a-z.-]{0,2}(/[a-z][a-z.-]{0,2}){0,2}",
                (any::<u64>(), any::<u128>(), any_meta()),
                0..40,
            )
        ) {
            let root = Path::new("/r");
            // In path order, as a scan lists them.
            let mut items: Vec<(PathBuf, Stamp, Meta)> = rows
                .into_iter()
                .map(|(p, (size, mtime_ns, m))| (root.join(p), Stamp { size, mtime_ns }, m))
                .collect();
            items.sort_by(|a, b| a.0.cmp(&b.0));
            items.dedup_by(|a, b| a.0 == b.0);
            let packed = decode(encode(root, &items).unwrap()).unwrap();
            let files: Vec<PathBuf> = items.iter().map(|(p, _, _)| p.clone()).collect();
            let stamps: Vec<Option<Stamp>> = items.iter().map(|(_, s, _)| Some(*s)).collect();
            prop_assert!(packed.matches(root, &files, &stamps));
            let mut want: Vec<(PathBuf, Meta)> =
                items.iter().map(|(p, _, m)| (p.clone(), m.clone())).collect();
            gloss_core::article::sort_newest_first(&mut want);
            prop_assert_eq!(packed.into_list(files), want);
        }
    }
}
