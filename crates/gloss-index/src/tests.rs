use super::*;
use gloss_core::analysis::{AnalysisOptions, Analyzer};
use gloss_core::annotation::Store;

const SEED: &str = "2024-12-21\n\nPutin und Pezeshkian schmieden Allianz\n\nRussland und Iran rücken zusammen. Wladimir Putin empfing den iranischen Präsidenten Massud Pezeshkian in Moskau.\n\n„Wir stehen zusammen“, sagte Pezeshkian. Putin betonte, die Partnerschaft Russlands mit Teheran sei strategisch.\n";

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let arts = d.path().join("arts");
    std::fs::create_dir_all(&arts).unwrap();
    std::fs::write(arts.join("2024-12-21-putin.txt"), SEED).unwrap();
    std::fs::write(
        arts.join("2024-01-05-other.txt"),
        "2024-01-05\n\nEin anderer Text\n\nDie Straße in München war leer, sagte der Bürgermeister.\n",
    )
    .unwrap();
    let data = d.path().join("data");
    (d, arts, data)
}

fn update(ix: &mut Index, arts: &Path, data: &Path) -> BuildStats {
    let analyzer = Analyzer::new(AnalysisOptions::default());
    let store = Store::open_for_reading(data);
    ix.update(arts, &analyzer, &store, None, &mut |_| {})
        .unwrap()
}

#[test]
fn builds_then_only_reindexes_changed_files() {
    let (_d, arts, data) = setup();
    let mut ix = Index::open(&data);
    assert!(ix.notice().is_none(), "{:?}", ix.notice());
    assert!(data.join("index").join(FILE_NAME).exists());
    let s = update(&mut ix, &arts, &data);
    assert_eq!((s.files, s.indexed, s.removed), (2, 2, 0));
    let s = update(&mut ix, &arts, &data);
    assert_eq!((s.files, s.indexed), (2, 0), "nothing changed");
    std::fs::write(
        arts.join("2024-01-05-other.txt"),
        "2024-01-05\n\nEin anderer Text\n\nGanz neuer Inhalt über Kiew, sagte jemand.\n",
    )
    .unwrap();
    let s = update(&mut ix, &arts, &data);
    assert_eq!(s.indexed, 1);
    assert_eq!(ix.search(&canonical(&arts), "Kiew", 10).unwrap().len(), 1);
    assert!(
        ix.search(&canonical(&arts), "Bürgermeister", 10)
            .unwrap()
            .is_empty()
    );
    std::fs::remove_file(arts.join("2024-01-05-other.txt")).unwrap();
    let s = update(&mut ix, &arts, &data);
    assert_eq!((s.files, s.removed), (1, 1));
    assert!(ix.search(&canonical(&arts), "Kiew", 10).unwrap().is_empty());
    // A new process sees the same index.
    drop(ix);
    let ix = Index::open(&data);
    assert_eq!(ix.len().unwrap(), 1);
}

#[test]
fn search_finds_word_forms_without_diacritics_newest_first() {
    let (_d, arts, data) = setup();
    let mut ix = Index::open(&data);
    update(&mut ix, &arts, &data);
    let root = canonical(&arts);
    let hits = ix.search(&root, "Russland", 10).unwrap();
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!(h.title, "Putin und Pezeshkian schmieden Allianz");
    assert_eq!(h.date.as_deref(), Some("2024-12-21"));
    // start/end are char offsets into the body of the first match.
    let art = gloss_core::article::load(&arts.join("2024-12-21-putin.txt")).unwrap();
    let body: Vec<char> = art.body().chars().collect();
    assert_eq!(body[h.start..h.end].iter().collect::<String>(), "Russland");
    assert!(!h.marks.is_empty());
    let (s, e) = h.marks[0];
    let snip: Vec<char> = h.snippet.chars().collect();
    assert!(
        snip[s..e]
            .iter()
            .collect::<String>()
            .starts_with("Russland")
    );
    // A longer form finds the shorter one, and diacritics do not matter either way.
    assert_eq!(ix.search(&root, "Russlands", 10).unwrap().len(), 1);
    assert_eq!(ix.search(&root, "Munchen", 10).unwrap().len(), 1);
    assert_eq!(
        ix.search(&root, "strasse", 10).unwrap().len(),
        0,
        "ß is not ss"
    );
    assert_eq!(ix.search(&root, "PRÄSIDENTEN", 10).unwrap().len(), 1);
    // Both match "sagte": newest first.
    let both = ix.search(&root, "sagte", 10).unwrap();
    assert_eq!(both.len(), 2);
    assert!(both[0].date > both[1].date);
    // Every word must occur.
    assert!(ix.search(&root, "Putin München", 10).unwrap().is_empty());
    // Only under the root asked for.
    assert!(ix.search(&data, "Putin", 10).unwrap().is_empty());
    assert_eq!(ix.search(&root, "sagte", 1).unwrap().len(), 1);
}

#[test]
fn entities_and_claims_across_the_corpus() {
    let (_d, arts, data) = setup();
    let mut ix = Index::open(&data);
    update(&mut ix, &arts, &data);
    let root = canonical(&arts);
    let ents = ix.entities(&root, None).unwrap();
    let putin = ents
        .iter()
        .find(|e| e.canonical == "Wladimir Putin")
        .unwrap_or_else(|| panic!("{ents:?}"));
    assert_eq!((putin.label.as_str(), putin.articles), ("PER", 1));
    assert!(putin.mentions >= 2);
    assert!(
        ix.entities(&root, Some("LOC"))
            .unwrap()
            .iter()
            .all(|e| e.label == "LOC")
    );
    let m = ix.mentions(&root, "Wladimir Putin", "PER").unwrap();
    assert_eq!(m.len(), 1);
    assert!(m[0].count >= 2);
    let claims = ix.claims(&root, Some("pezeshkian")).unwrap();
    assert!(!claims.is_empty(), "{:?}", ix.claims(&root, None).unwrap());
    assert!(claims.iter().all(|c| {
        c.speaker
            .as_deref()
            .unwrap_or_default()
            .contains("Pezeshkian")
    }));
    assert!(ix.claims(&root, Some("nobody at all")).unwrap().is_empty());
}

#[test]
fn a_corrupt_index_is_rebuilt_with_a_word() {
    let (_d, arts, data) = setup();
    let file = data.join("index").join(FILE_NAME);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, vec![0x42u8; 8192]).unwrap();
    let mut ix = Index::open(&data);
    let n = ix.notice().unwrap_or_default().to_string();
    assert!(n.contains("rebuilt") && n.contains(FILE_NAME), "{n}");
    assert!(ix.file().is_some(), "rebuilt on disk, not bypassed");
    update(&mut ix, &arts, &data);
    assert_eq!(ix.search(&canonical(&arts), "Putin", 10).unwrap().len(), 1);
}

#[test]
fn a_newer_schema_is_left_alone_and_bypassed() {
    let (_d, arts, data) = setup();
    {
        let mut ix = Index::open(&data);
        update(&mut ix, &arts, &data);
        ix.conn
            .pragma_update(None, "user_version", SCHEMA + 1)
            .unwrap();
    }
    let mut ix = Index::open(&data);
    let n = ix.notice().unwrap_or_default().to_string();
    assert!(n.contains("newer"), "{n}");
    assert!(ix.file().is_none());
    update(&mut ix, &arts, &data);
    assert_eq!(ix.search(&canonical(&arts), "Putin", 10).unwrap().len(), 1);
    drop(ix);
    // The newer gloss's index is untouched.
    let c = Connection::open(data.join("index").join(FILE_NAME)).unwrap();
    let v: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA + 1);
}

#[test]
fn an_older_schema_is_rebuilt() {
    let (_d, _arts, data) = setup();
    {
        let ix = Index::open(&data);
        ix.conn.pragma_update(None, "user_version", 0).unwrap();
        ix.conn.execute_batch("DROP TABLE mention").unwrap();
        ix.conn.pragma_update(None, "user_version", -1i64).unwrap();
    }
    // user_version -1 < SCHEMA and != 0: older.
    let ix = Index::open(&data);
    assert!(
        ix.notice().unwrap_or_default().contains("older"),
        "{:?}",
        ix.notice()
    );
    assert!(ix.entities(Path::new("/"), None).unwrap().is_empty());
}

#[test]
fn a_data_dir_that_cannot_be_written_gives_a_temporary_index() {
    let (d, arts, _data) = setup();
    // A file where the index folder should be: no folder can be made there.
    let blocked = d.path().join("blocked");
    std::fs::write(&blocked, "x").unwrap();
    let mut ix = Index::open(&blocked);
    assert!(ix.file().is_none());
    assert!(
        ix.notice().unwrap_or_default().contains("temporary"),
        "{:?}",
        ix.notice()
    );
    update(&mut ix, &arts, &blocked);
    assert_eq!(ix.search(&canonical(&arts), "Putin", 10).unwrap().len(), 1);
}

#[test]
fn saved_annotations_decide_over_suggestions() {
    use gloss_core::annotation::{Kind, Status};
    let (_d, arts, data) = setup();
    let path = arts.join("2024-12-21-putin.txt");
    let art = gloss_core::article::load(&path).unwrap();
    let body = art.body();
    let analyzer = Analyzer::new(AnalysisOptions::default());
    let store = Store::open(&data).unwrap();
    let mut loaded = store.load(&path, &art.meta.title, &body);
    let sugg = analyzer.suggest(&body, art.meta.lang, &Default::default());
    let idx = gloss_core::text::CharIndex::new(&body);
    let mut stamp = gloss_core::annotation::Stamp::system();
    let mut anns = gloss_core::annotation::merge_suggestions(&[], &sugg, &idx, &mut stamp);
    // Reject every Putin mention; keep the rest as suggestions (not saved).
    for a in &mut anns {
        if a.kind == Kind::Entity && a.text.starts_with("Putin") {
            a.status = Status::Rejected;
        }
    }
    loaded.record.annotations = anns
        .into_iter()
        .filter(|a| a.status == Status::Rejected)
        .collect();
    store.save(&loaded.record).unwrap();
    let mut ix = Index::open(&data);
    ix.update(&arts, &analyzer, &store, None, &mut |_| {})
        .unwrap();
    let root = canonical(&arts);
    let putin = ix
        .entities(&root, Some("PER"))
        .unwrap()
        .into_iter()
        .find(|e| e.canonical == "Wladimir Putin")
        .unwrap();
    // Only "Wladimir Putin" itself is left: the bare "Putin"s were rejected.
    assert_eq!(putin.mentions, 1);
}

#[test]
fn the_same_claim_elsewhere_oldest_first() {
    let (_d, arts, data) = setup();
    let claim =
        "Die Partnerschaft mit Teheran sei strategisch und langfristig angelegt, sagte Putin.";
    for (name, date) in [
        ("2024-03-01-c.txt", "2024-03-01"),
        ("2023-05-01-b.txt", "2023-05-01"),
    ] {
        std::fs::write(
            arts.join(name),
            format!("{date}\n\nBericht\n\nEinleitung ohne Belang.\n\n{claim}\n"),
        )
        .unwrap();
    }
    let mut ix = Index::open(&data);
    update(&mut ix, &arts, &data);
    let root = canonical(&arts);
    let here = root.join("2024-03-01-c.txt");
    let mine = ix
        .claims(&root, None)
        .unwrap()
        .into_iter()
        .find(|c| c.path == here)
        .unwrap();
    let same = ix.same_claims(&root, &mine.text, &here).unwrap();
    assert_eq!(same.len(), 1, "{same:?}");
    assert_eq!(same[0].0.path, root.join("2023-05-01-b.txt"));
    assert_eq!(
        ix.same_claims(&root, "völlig anderer Satz ohne Bezug", &here)
            .unwrap()
            .len(),
        0
    );
}

/// The list's metadata as a reopened folder gets it, spelled as `root` spells it.
fn cached_titles(data: &Path, root: &Path, files: &[PathBuf]) -> Vec<Option<String>> {
    let ix = Index::open(data);
    let cache = meta::MetaCache::open(&ix, root);
    files
        .iter()
        .map(|f| {
            let p = root.join(f.file_name().unwrap());
            Stamp::of(&p).and_then(|s| cache.get(&p, s).map(|m| m.title.clone()))
        })
        .collect()
}

/// Reads every file's list metadata through the cache and writes it to the index, as the
/// list does on a first open.
fn cache_all(ix: &mut Index, arts: &Path, files: &[PathBuf]) {
    let cache = std::sync::RwLock::new(meta::MetaCache::open(ix, arts));
    for f in files {
        meta::load_meta_cached(&cache, f).unwrap();
    }
    cache.into_inner().unwrap().save(ix).unwrap();
}

#[test]
fn the_metadata_cache_is_read_back_under_any_spelling_of_the_folder() {
    let (d, arts, data) = setup();
    let files: Vec<PathBuf> = gloss_core::article::scan(&arts).files;
    let mut ix = Index::open(&data);
    cache_all(&mut ix, &arts, &files);
    drop(ix);
    let want: Vec<Option<String>> = files
        .iter()
        .map(|f| Some(gloss_core::article::load_meta(f).unwrap().title))
        .collect();
    assert!(want.iter().all(Option::is_some));
    let mut slash = arts.clone().into_os_string();
    slash.push("/");
    let link = d.path().join("link");
    std::os::unix::fs::symlink(&arts, &link).unwrap();
    for root in [arts.clone(), PathBuf::from(slash), link] {
        assert_eq!(
            cached_titles(&data, &root, &files),
            want,
            "{}",
            root.display()
        );
    }
}

#[test]
fn the_metadata_cache_rereads_a_changed_file_and_never_serves_a_deleted_one() {
    let (_d, arts, data) = setup();
    let files: Vec<PathBuf> = gloss_core::article::scan(&arts).files;
    let mut ix = Index::open(&data);
    cache_all(&mut ix, &arts, &files);
    let changed = arts.join("2024-12-21-putin.txt");
    std::fs::write(&changed, SEED.replace("Putin und Pezeshkian", "Ganz neu:")).unwrap();
    let gone = arts.join("2024-01-05-other.txt");
    std::fs::remove_file(&gone).unwrap();
    let cache = std::sync::RwLock::new(meta::MetaCache::open(&ix, &arts));
    let m = meta::load_meta_cached(&cache, &changed).unwrap();
    assert!(m.title.starts_with("Ganz neu:"), "{}", m.title);
    assert!(meta::load_meta_cached(&cache, &gone).is_err());
    // What was read again is written back and trusted on the next open.
    cache.into_inner().unwrap().save(&mut ix).unwrap();
    let cache = meta::MetaCache::open(&ix, &arts);
    let stamp = Stamp::of(&changed).unwrap();
    assert!(
        cache
            .get(&changed, stamp)
            .unwrap()
            .title
            .starts_with("Ganz neu:")
    );
}

#[test]
fn a_corrupt_index_gives_an_empty_metadata_cache_and_is_rebuilt() {
    let (_d, arts, data) = setup();
    let files: Vec<PathBuf> = gloss_core::article::scan(&arts).files;
    let mut ix = Index::open(&data);
    cache_all(&mut ix, &arts, &files);
    let file = ix.file().unwrap().to_path_buf();
    drop(ix);
    std::fs::write(&file, b"this is not a database, it is garbage ".repeat(200)).unwrap();
    let ix = Index::open(&data);
    assert!(
        ix.notice().unwrap().contains("rebuilt"),
        "{:?}",
        ix.notice()
    );
    let cache = meta::MetaCache::open(&ix, &arts);
    assert!(cache.is_empty());
    // The files are then simply read again.
    let cache = std::sync::RwLock::new(cache);
    assert!(meta::load_meta_cached(&cache, &files[0]).is_ok());
}

#[test]
fn search_reads_the_newest_first_and_orders_a_dates_articles_by_path() {
    let (_d, arts, data) = setup();
    // Six more articles naming "Haushalt": three of one date (the cut falls among them),
    // one older, one newer, one undated.
    for (name, date) in [
        ("c-same.txt", Some("2024-06-01")),
        ("a-same.txt", Some("2024-06-01")),
        ("b-same.txt", Some("2024-06-01")),
        ("old.txt", Some("2023-01-01")),
        ("new.txt", Some("2025-01-01")),
        ("undated.txt", None),
    ] {
        let head = date.map(|d| format!("{d}\n\n")).unwrap_or_default();
        std::fs::write(
            arts.join(name),
            format!("{head}Titel {name}\n\nDer Haushalt wurde beschlossen, sagte der Minister.\n"),
        )
        .unwrap();
    }
    let mut ix = Index::open(&data);
    update(&mut ix, &arts, &data);
    let root = canonical(&arts);
    let names = |ix: &Index, n| -> Vec<String> {
        ix.search(&root, "Haushalt", n)
            .unwrap()
            .iter()
            .map(|h| h.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(names(&ix, 3), ["new.txt", "a-same.txt", "b-same.txt"]);
    assert_eq!(
        names(&ix, 10),
        [
            "new.txt",
            "a-same.txt",
            "b-same.txt",
            "c-same.txt",
            "old.txt",
            "undated.txt"
        ]
    );
    // A changed date moves the article, and it is found once.
    std::fs::write(
        arts.join("old.txt"),
        "2026-01-01\n\nNeu datiert\n\nDer Haushalt wurde beschlossen.\n",
    )
    .unwrap();
    update(&mut ix, &arts, &data);
    assert_eq!(names(&ix, 2), ["old.txt", "new.txt"]);
    assert_eq!(names(&ix, 10).len(), 6);
    // A deleted one is gone from the results.
    std::fs::remove_file(arts.join("new.txt")).unwrap();
    update(&mut ix, &arts, &data);
    assert_eq!(names(&ix, 10).len(), 5);
    assert!(!names(&ix, 10).contains(&"new.txt".to_string()));
}

#[test]
fn the_folding_of_the_first_match_finder_is_sqlites() {
    // Every non-ASCII char the finder folds is folded so by the index's tokenizer too:
    // the token `x<c>y` is found by the query `"x<fold(c)>y"`.
    let ix = Index::temporary(String::new());
    let mut n = 0;
    for c in ('\u{80}'..='\u{24f}').filter(|c| crate::first::fold_for_tests(*c).is_some()) {
        let f = crate::first::fold_for_tests(c).unwrap();
        ix.conn.execute("DELETE FROM fts", []).unwrap();
        ix.conn
            .execute(
                "INSERT INTO fts (rowid, title, body, article) VALUES (1, '', ?1, 1)",
                [format!("x{c}y")],
            )
            .unwrap();
        let hits: i64 = ix
            .conn
            .query_row(
                "SELECT count(*) FROM fts WHERE fts MATCH ?1",
                [format!("\"x{f}y\"")],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hits, 1, "{c} (U+{:04X}) → {f}", c as u32);
        n += 1;
    }
    assert!(n > 150, "{n}");
}

#[test]
fn the_first_match_is_highlights_first_match() {
    let (_d, arts, data) = setup();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/articles");
    for f in gloss_core::article::scan(&samples).files {
        let to = arts.join(f.strip_prefix(&samples).unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&f, &to).unwrap();
    }
    std::fs::write(
        arts.join("2024-02-02-mixed.txt"),
        "2024-02-02\n\nGemischt\n\nΑθήνα und Москва: Sanktionen gegen Russland, sagte die Ministerin. Die Sanktion gilt.\n",
    )
    .unwrap();
    let mut ix = Index::open(&data);
    update(&mut ix, &arts, &data);
    let root = canonical(&arts);
    let mut compared = 0;
    for q in [
        "Russland",
        "Russlands",
        "Putin",
        "sagte",
        "\"Wladimir Putin\"",
        "PRÄSIDENTEN",
        "Hamburg Hafen",
        "der",
        "Regierung",
        "Sanktionen",
        "München",
        "strasse",
        "Iran Moskau",
        "\"die Partnerschaft\"",
        "wind",
        "Bundestag",
        "2025",
        "Putin \"Wladimir Putin\"",
    ] {
        let fast = ix.search(&root, q, 50).unwrap();
        let slow = ix.search_highlighted(&root, q, 50).unwrap();
        assert_eq!(fast, slow, "{q}");
        compared += fast.len();
    }
    assert!(compared > 20, "{compared}");
}

/// Reads every file's list metadata and writes the rows and the folder's packed list, as
/// the list does when a folder's list changed.
fn list_all(ix: &mut Index, arts: &Path) -> Vec<PathBuf> {
    let files = gloss_core::article::scan(arts).files;
    let mut cache = meta::MetaCache::open(ix, arts);
    let rows: Vec<(PathBuf, Stamp, gloss_core::article::Meta)> = files
        .iter()
        .map(|f| {
            let s = Stamp::of(f).unwrap();
            (f.clone(), s, gloss_core::article::load_meta(f).unwrap())
        })
        .collect();
    cache.save_stream_and_list(ix, rows, &files).unwrap();
    files
}

/// Each entry of the folder's packed list and the row of the same file: the same stamp
/// and metadata.
fn assert_packed_agrees_with_rows(ix: &Index, arts: &Path) -> usize {
    let rows = meta::MetaCache::open_rows(ix, arts);
    let packed = ix.packed_list(arts).expect("a packed list");
    let n = packed.len();
    for (rel, stamp, m) in packed.into_entries() {
        let p = arts.join(std::str::from_utf8(&rel).unwrap());
        assert_eq!(rows.get(&p, stamp), Some(&m), "{}", p.display());
    }
    assert_eq!(rows.len(), n);
    n
}

#[test]
fn the_stamps_of_a_folders_files_are_those_of_each_file() {
    let (d, arts, _data) = setup();
    std::fs::create_dir_all(arts.join("sub/deeper")).unwrap();
    std::fs::write(arts.join("sub/deeper/c.md"), "# C\n\nText.\n").unwrap();
    std::os::unix::fs::symlink(arts.join("sub/deeper/c.md"), arts.join("link.md")).unwrap();
    let mut files = gloss_core::article::scan(&arts).files;
    // A file gone since the scan, and one outside the folder: as `Stamp::of` says.
    files.push(arts.join("gone.txt"));
    let outside = d.path().join("outside.txt");
    std::fs::write(&outside, "x").unwrap();
    files.push(outside);
    let want: Vec<Option<Stamp>> = files.iter().map(|f| Stamp::of(f)).collect();
    assert!(want.iter().filter(|s| s.is_some()).count() >= 5);
    for threads in [1, 2, 3, 8] {
        assert_eq!(Stamp::of_all(&arts, &files, threads), want);
    }
    // Under another spelling of the folder.
    let mut slash = arts.clone().into_os_string();
    slash.push("/");
    let slash = PathBuf::from(slash);
    let respelled: Vec<PathBuf> = gloss_core::article::scan(&slash).files;
    let want: Vec<Option<Stamp>> = respelled.iter().map(|f| Stamp::of(f)).collect();
    assert_eq!(Stamp::of_all(&slash, &respelled, 2), want);
}

#[test]
fn the_packed_list_agrees_with_the_rows_and_is_made_again_when_the_folder_changes() {
    let (_d, arts, data) = setup();
    let mut ix = Index::open(&data);
    assert!(ix.packed_list(&arts).is_none());
    let files = list_all(&mut ix, &arts);
    assert_eq!(assert_packed_agrees_with_rows(&ix, &arts), 2);
    let stamps = Stamp::of_all(&arts, &files, 2);
    assert!(
        ix.packed_list(&arts)
            .unwrap()
            .matches(&arts, &files, &stamps)
    );
    // Changed, deleted, added: the list no longer matches; made again, it does.
    let changed = arts.join("2024-12-21-putin.txt");
    std::fs::write(&changed, SEED.replace("Putin und Pezeshkian", "Ganz neu:")).unwrap();
    std::fs::remove_file(arts.join("2024-01-05-other.txt")).unwrap();
    std::fs::write(
        arts.join("2025-01-01-new.txt"),
        "2025-01-01\n\nNeu\n\nText.\n",
    )
    .unwrap();
    let files = gloss_core::article::scan(&arts).files;
    let stamps = Stamp::of_all(&arts, &files, 2);
    assert!(
        !ix.packed_list(&arts)
            .unwrap()
            .matches(&arts, &files, &stamps)
    );
    list_all(&mut ix, &arts);
    let packed = ix.packed_list(&arts).unwrap();
    assert!(packed.matches(&arts, &files, &stamps));
    let list = packed.into_list(files.clone());
    assert_eq!(list[0].0, arts.join("2025-01-01-new.txt"), "newest first");
    assert!(
        list[1].1.title.starts_with("Ganz neu:"),
        "{}",
        list[1].1.title
    );
    // The row of the deleted file is still there (the index update drops it), and is not
    // in the list.
    assert_eq!(list.len(), 2);
    // Another process sees the same list.
    drop(ix);
    let ix = Index::open(&data);
    assert!(
        ix.packed_list(&arts)
            .unwrap()
            .matches(&arts, &files, &stamps)
    );
}

#[test]
fn a_damaged_packed_list_is_not_used_and_the_rows_are() {
    let (_d, arts, data) = setup();
    let mut ix = Index::open(&data);
    let files = list_all(&mut ix, &arts);
    let good: Vec<u8> = ix
        .conn
        .query_row("SELECT data FROM folder_list", [], |r| r.get(0))
        .unwrap();
    for bad in [
        Vec::new(),
        b"not a list".to_vec(),
        good[..good.len() / 2].to_vec(),
        {
            let mut b = good.clone();
            b[good.len() / 3] ^= 0x20;
            b
        },
    ] {
        ix.conn
            .execute("UPDATE folder_list SET data = ?1", [&bad])
            .unwrap();
        assert!(ix.packed_list(&arts).is_none());
        // The rows answer instead: every file's metadata, at its stamp.
        let cache = meta::MetaCache::open(&ix, &arts);
        for f in &files {
            let want = gloss_core::article::load_meta(f).unwrap();
            assert_eq!(cache.get(f, Stamp::of(f).unwrap()), Some(&want));
        }
    }
    // Made again from the rows, it is whole again.
    list_all(&mut ix, &arts);
    assert_eq!(assert_packed_agrees_with_rows(&ix, &arts), 2);
    // An index made before the table existed gets it with the first list it writes.
    ix.conn.execute_batch("DROP TABLE folder_list").unwrap();
    assert!(ix.packed_list(&arts).is_none());
    list_all(&mut ix, &arts);
    assert_eq!(assert_packed_agrees_with_rows(&ix, &arts), 2);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    #[test]
    fn the_packed_list_and_the_rows_agree_after_any_rewrites(
        rounds in proptest::collection::vec(
            proptest::collection::btree_map("[a-d]{1,2}\\.txt", (0u64..4, "[A-Za-zäß ]{0,8}"), 0..8),
            1..4,
        )
    ) {
        let d = tempfile::tempdir().unwrap();
        let arts = d.path().join("arts");
        std::fs::create_dir_all(&arts).unwrap();
        let mut ix = Index::open(&d.path().join("data"));
        for round in rounds {
            // The folder as this round has it (no file is read: the rows are made up).
            let files: Vec<PathBuf> = round.keys().map(|k| arts.join(k)).collect();
            let rows: Vec<(PathBuf, Stamp, gloss_core::article::Meta)> = round
                .iter()
                .map(|(k, (t, title))| {
                    let meta = gloss_core::article::Meta {
                        title: title.clone(),
                        date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1 + *t as u32),
                        ..Default::default()
                    };
                    (arts.join(k), Stamp { size: *t, mtime_ns: u128::from(*t) * 7 }, meta)
                })
                .collect();
            let mut cache = meta::MetaCache::open(&ix, &arts);
            cache.save_stream_and_list(&mut ix, rows.clone(), &files).unwrap();
            if files.is_empty() {
                continue;
            }
            let packed = ix.packed_list(&arts).unwrap();
            let stamps: Vec<Option<Stamp>> = rows.iter().map(|(_, s, _)| Some(*s)).collect();
            proptest::prop_assert!(packed.matches(&arts, &files, &stamps));
            let rowed = meta::MetaCache::open_rows(&ix, &arts);
            for (rel, stamp, m) in packed.into_entries() {
                let p = arts.join(std::str::from_utf8(&rel).unwrap());
                proptest::prop_assert_eq!(rowed.get(&p, stamp), Some(&m));
            }
        }
    }
}
