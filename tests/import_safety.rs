//! Import's record, names and locks (issue 12): a damaged record is an error
//! and `--rebuild-record` recovers without re-creating deleted pages (F3);
//! slugs and seed names are file names (F7); seeds linking out of the site
//! are skipped (F8); names are exact bytes (F9); UTF-16 seeds are read
//! (F11); a new importer version refreshes unedited pages only; one run at a
//! time per site.

mod safety_site;

use safety_site::*;
use std::fs;
use std::process::Command;

#[test]
fn f3_an_empty_or_cut_record_is_an_error_that_says_how_to_recover() {
    let site = Site::new(&["000", "001", "002"]);
    site.import(&[]);
    fs::remove_file(site.page_of("001")).unwrap();
    let whole = fs::read_to_string(site.record()).unwrap();
    let cut = &whole[..whole.rfind("[seeds.").unwrap()];
    for damaged in ["", "\n", cut] {
        fs::write(site.record(), damaged).unwrap();
        let out = site.run(&["import"], None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "damaged record accepted:\n{err}");
        assert!(err.contains("content/.import.toml"), "{err}");
        assert!(err.contains("--rebuild-record"), "{err}");
        assert!(site.pages_of("001").is_empty(), "deleted page re-created");
        assert_eq!(site.pages().len(), 2);
    }
}

#[test]
fn rebuild_record_keeps_edits_and_never_recreates_a_deleted_page() {
    let site = Site::new(&["000", "001", "002", "003"]);
    site.import(&[]);
    fs::remove_file(site.page_of("001")).unwrap();
    let edited = site.page_of("003");
    let edit = format!("{}\nHand edit.\n", fs::read_to_string(&edited).unwrap());
    fs::write(&edited, &edit).unwrap();
    let before = site.pages();
    fs::write(site.record(), "").unwrap();

    let err = site.import(&["--rebuild-record"]);
    assert!(err.contains("3 page(s)"), "{err}");
    assert!(err.contains(&seed_name("001")), "{err}");
    assert!(site.root().join("content/.import.toml.old").exists());
    let err = site.import(&[]);
    assert_eq!(site.pages(), before, "a rebuilt record changed pages");
    assert!(
        err.contains(&seed_name("001")) && err.contains("--force"),
        "{err}"
    );
    assert!(err.contains("kept as is: the record was rebuilt"), "{err}");
    // The unedited pages are import's own again: a seed change reaches them.
    let seed = site.seed("002");
    let text = fs::read_to_string(&seed).unwrap();
    fs::write(
        &seed,
        text.replace("Japan look to develop", "Japan plan to develop"),
    )
    .unwrap();
    let err = site.import(&[]);
    assert!(err.contains("1 page(s) written"), "{err}");
    let page = fs::read_to_string(site.page_of("002")).unwrap();
    assert!(page.contains("plan to develop"));
    assert_eq!(fs::read_to_string(&edited).unwrap(), edit);
    assert!(site.pages_of("001").is_empty());
    // Forcing the page-less seed brings it back, once.
    site.import(&["--force", &seed_name("001")]);
    assert_eq!(site.pages_of("001").len(), 1);
    let err = site.import(&[]);
    assert!(err.contains("0 page(s) written"), "{err}");
    assert_eq!(site.pages().len(), 4);
}

#[test]
fn rebuild_record_refuses_a_seed_field_that_is_a_path() {
    let site = Site::new(&["000"]);
    site.import(&[]);
    let page = site.page_of("000");
    let text = fs::read_to_string(&page).unwrap();
    let line = format!("seed = \"{}\"", seed_name("000"));
    fs::write(&page, text.replace(&line, "seed = \"../site.toml\"")).unwrap();
    let out = site.run(&["import", "--rebuild-record"], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains(page.file_name().unwrap().to_str().unwrap()),
        "{err}"
    );
    assert!(err.contains("not a file name"), "{err}");
}

#[test]
fn f7_a_record_slug_that_leaves_the_folder_is_an_error_naming_the_entry() {
    let site = Site::new(&["002"]);
    site.import(&[]);
    let notes = site.root().join("NOTES.md");
    fs::write(&notes, "my notes\n").unwrap();
    let hash = bilateral_digest::ingest::record::sha256_hex(b"my notes\n");
    let record = fs::read_to_string(site.record()).unwrap();
    let slug = site.page_of("002");
    let slug = slug.file_stem().unwrap().to_str().unwrap();
    let mut hostile = record.replace(&format!("slug = \"{slug}\""), "slug = \"../../NOTES\"");
    let page_hash = hostile
        .lines()
        .find_map(|l| l.strip_prefix("page_hash = "))
        .unwrap()
        .to_string();
    hostile = hostile.replace(&page_hash, &format!("\"{hash}\""));
    fs::write(site.record(), &hostile).unwrap();
    let seed = site.seed("002");
    fs::write(&seed, fs::read_to_string(&seed).unwrap() + "\nMore.\n").unwrap();
    for args in [vec!["import"], vec!["import", "--force", &seed_name("002")]] {
        let out = site.run(&args, None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{err}");
        assert!(
            err.contains(&format!("seed `{}`", seed_name("002"))),
            "{err}"
        );
        assert!(err.contains("content/.import.toml:"), "{err}");
        assert_eq!(fs::read_to_string(&notes).unwrap(), "my notes\n");
    }
}

#[cfg(unix)]
#[test]
fn f8_a_seed_linking_out_of_the_site_is_skipped_unless_allowed() {
    let site = Site::new(&["000"]);
    let elsewhere = tempfile::tempdir().unwrap();
    let private = elsewhere.path().join("private.txt");
    let text = fs::read_to_string(manifest().join("seeds").join(seed_name("002"))).unwrap();
    fs::write(&private, &text).unwrap();
    std::os::unix::fs::symlink(&private, site.root().join("seeds/x.txt")).unwrap();
    // A link to a file inside the site is the site's own.
    fs::create_dir_all(site.root().join("drafts")).unwrap();
    let inside = site.root().join("drafts/inside.txt");
    fs::copy(manifest().join("seeds").join(seed_name("004")), &inside).unwrap();
    std::os::unix::fs::symlink("../drafts/inside.txt", site.root().join("seeds/y.txt")).unwrap();

    let err = site.import(&[]);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("seeds/x.txt")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].contains("outside the site"), "{err}");
    assert!(lines[0].contains("follow_external_seed_links"), "{err}");
    let pages = site.pages();
    assert_eq!(pages.len(), 2, "{:?}", pages.keys());
    assert!(!pages.values().any(|t| t.contains("leading industry")));
    assert!(pages.values().any(|t| t.contains("seed = \"y.txt\"")));

    let config = site.root().join("site.toml");
    let toml = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        format!("follow_external_seed_links = true\n{toml}"),
    )
    .unwrap();
    site.import(&[]);
    assert!(
        site.pages()
            .values()
            .any(|t| t.contains("seed = \"x.txt\""))
    );
}

#[cfg(unix)]
#[test]
fn f8_a_seeds_folder_linking_out_of_the_site_is_skipped() {
    let site = Site::new(&[]);
    let elsewhere = tempfile::tempdir().unwrap();
    fs::copy(
        manifest().join("seeds").join(seed_name("000")),
        elsewhere.path().join("a.txt"),
    )
    .unwrap();
    fs::remove_dir(site.root().join("seeds")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.root().join("seeds")).unwrap();
    let err = site.import(&[]);
    assert_eq!(err.matches("outside the site").count(), 1, "{err}");
    assert!(site.pages().is_empty());
}

#[cfg(unix)]
#[test]
fn f9_names_differing_only_in_non_utf8_bytes_get_two_records() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::new(&[]);
    let seeds = site.root().join("seeds");
    for (bytes, prefix) in [(&b"a_\xff.txt"[..], "000"), (&b"a_\xfe.txt"[..], "002")] {
        let name = std::ffi::OsStr::from_bytes(bytes);
        fs::copy(
            manifest().join("seeds").join(seed_name(prefix)),
            seeds.join(name),
        )
        .unwrap();
    }
    let err = site.import(&[]);
    assert!(err.contains("2 page(s) written"), "{err}");
    let record = fs::read_to_string(site.record()).unwrap();
    assert!(
        record.contains("a_%FF.txt") && record.contains("a_%FE.txt"),
        "{record}"
    );
    let err = site.import(&[]);
    assert!(err.contains("0 page(s) written, 2 unchanged"), "{err}");
    assert_eq!(site.pages().len(), 2);
}

#[test]
fn f11_utf16_seeds_with_a_bom_are_decoded() {
    let site = Site::new(&[]);
    let text = fs::read_to_string(manifest().join("seeds").join(seed_name("002"))).unwrap();
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    fs::write(site.root().join("seeds/le.txt"), &le).unwrap();
    fs::write(site.root().join("seeds/be.txt"), &be).unwrap();
    fs::write(site.root().join("seeds/nobom.txt"), &le[2..]).unwrap();
    let err = site.import(&[]);
    assert!(err.contains("2 page(s) written"), "{err}");
    let line = err.lines().find(|l| l.contains("nobom.txt")).unwrap();
    assert!(
        line.contains("UTF-16") && !line.contains("binary"),
        "{line}"
    );
    let pages = site.pages();
    assert!(
        pages
            .values()
            .all(|t| t.contains("title = \"Vietnam, Japan look to develop leading industry\"")),
        "{pages:?}"
    );
}

#[test]
fn a_new_importer_version_reimports_unedited_pages_only() {
    let site = Site::new(&["000", "001", "002", "003"]);
    site.import(&[]);
    // Make one page look like an older importer's output, as import wrote
    // it (its hash in the record), and edit and delete two others.
    let old = site.page_of("000");
    let fresh = fs::read_to_string(&old).unwrap();
    let older = fresh.replace("+++\n\n", "+++\n\nAn older importer's line.\n\n");
    fs::write(&old, &older).unwrap();
    let edited = site.page_of("002");
    let edit = format!(
        "{fresh}\nHand edit.\n",
        fresh = fs::read_to_string(&edited).unwrap()
    );
    fs::write(&edited, &edit).unwrap();
    fs::remove_file(site.page_of("001")).unwrap();
    let hash = |t: &str| bilateral_digest::ingest::record::sha256_hex(t.as_bytes());
    let record = fs::read_to_string(site.record()).unwrap();
    let record = record.replace(&hash(&fresh), &hash(&older));
    // With the current version the record is believed: nothing to do.
    fs::write(site.record(), &record).unwrap();
    site.import(&[]);
    assert_eq!(fs::read_to_string(&old).unwrap(), older);
    // With an older one, the unedited page is imported again, and
    // `--explain` says why.
    let current = record
        .lines()
        .find(|l| l.starts_with("importer = "))
        .unwrap_or_else(|| panic!("no importer version in the record:\n{record}"))
        .to_string();
    fs::write(site.record(), record.replace(&current, "importer = 1")).unwrap();
    let out = site.run(&["import", "--explain"], None);
    let (explained, err) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{err}");
    assert!(err.contains("1 page(s) written"), "{err}");
    assert!(explained.contains("importer version 1"), "{explained}");
    assert!(
        explained.contains("edited or deleted are kept"),
        "{explained}"
    );
    assert_eq!(fs::read_to_string(&old).unwrap(), fresh);
    assert_eq!(fs::read_to_string(&edited).unwrap(), edit);
    assert!(site.pages_of("001").is_empty());
}

#[test]
fn a_second_run_on_one_site_waits_then_refuses_clearly() {
    let site = Site::new(&["000"]);
    // The lock as any program takes it: the system's, on the lock file.
    let lock = fs::File::create(site.root().join(".bilateral-digest.lock")).unwrap();
    lock.lock().unwrap();
    let out = Command::new(BIN)
        .args(["import", "--root"])
        .arg(site.root())
        .env("BILATERAL_DIGEST_LOCK_WAIT", "0")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains(".bilateral-digest.lock"), "{err}");
    assert!(site.pages().is_empty());
    drop(lock);
    site.import(&[]);
    assert_eq!(site.pages().len(), 1);
}

#[test]
fn import_inside_a_run_holding_the_lock_does_not_wait_on_itself() {
    use bilateral_digest::{config::SiteConfig, ingest, output::lock};
    let site = Site::new(&["000"]);
    let held = lock::acquire_within(site.root(), std::time::Duration::ZERO).unwrap();
    assert!(held.is_outer());
    let config = SiteConfig::load(site.root()).unwrap();
    let report = ingest::import(site.root(), &config, &Default::default()).unwrap();
    assert_eq!(report.written, 1, "{:?}", report.problems);
    // Still held by the outer run: another process is refused.
    let out = Command::new(BIN)
        .args(["import", "--root"])
        .arg(site.root())
        .env("BILATERAL_DIGEST_LOCK_WAIT", "0")
        .output()
        .unwrap();
    assert!(!out.status.success());
    drop(held);
}
