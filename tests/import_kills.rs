//! Import killed at every write and rename (the debug fault hook,
//! `BILATERAL_DIGEST_FAULT`, aborts the built binary at the K-th one) and on
//! a full disk, then run again: no page lost, none re-created after
//! deletion, none duplicated or given a second slug, none empty or cut, no
//! temporary file left, every hand edit kept (issue 12: F3, F4, F5).

mod safety_site;

use safety_site::*;
use std::fs;
use std::path::Path;
use std::process::Command;

#[cfg(unix)]
#[test]
fn f3_kills_while_import_writes_lose_nothing_and_recreate_nothing() {
    let template = Site::new(&["000", "001", "002", "003", "004"]);
    template.import(&[]);
    // Delete one page, rename one, edit one, change the title of one seed.
    fs::remove_file(template.page_of("001")).unwrap();
    let renamed = template.articles().join("my-renamed-page.md");
    fs::rename(template.page_of("000"), &renamed).unwrap();
    let edited = template.page_of("003");
    let edit = format!("{}\nHand edit.\n", fs::read_to_string(&edited).unwrap());
    fs::write(&edited, &edit).unwrap();
    let seed = template.seed("002");
    let text = fs::read_to_string(&seed).unwrap();
    fs::write(
        &seed,
        text.replace("Japan look to develop", "Japan plan to develop"),
    )
    .unwrap();
    let page_002 = template.page_of("002");

    let kills = at_every_kill(&template, &["import"], |site, fault| {
        assert_pages_whole(site, fault);
        site.import(&[]);
        assert_whole(site, fault);
        assert!(
            site.pages_of("001").is_empty(),
            "{fault}: deleted page re-created"
        );
        assert_eq!(site.pages_of("000"), ["my-renamed-page.md"], "{fault}");
        assert_eq!(
            fs::read_to_string(site.articles().join(edited.file_name().unwrap())).unwrap(),
            edit,
            "{fault}: edit lost"
        );
        let p = site.page_of("002");
        assert_eq!(p.file_name(), page_002.file_name(), "{fault}: second page");
        assert!(fs::read_to_string(p).unwrap().contains("plan to develop"));
        assert_eq!(site.pages().len(), 4, "{fault}: {:?}", site.pages().keys());
    });
    assert!(kills >= 4, "{kills}");
}

#[cfg(unix)]
#[test]
fn f4_kills_while_pages_are_written_leave_no_empty_page_and_no_second_slug() {
    let template = Site::new(&["000", "001", "002", "003", "004"]);
    let clean = template.copy();
    clean.import(&[]);
    let slugs: Vec<String> = clean.pages().into_keys().collect();
    let kills = at_every_kill(&template, &["import"], |site, fault| {
        assert_pages_whole(site, fault);
        site.import(&[]);
        assert_whole(site, fault);
        assert_eq!(
            site.pages().into_keys().collect::<Vec<_>>(),
            slugs,
            "{fault}"
        );
    });
    assert!(kills >= 10, "{kills}");
}

#[cfg(unix)]
#[test]
fn f4_a_full_disk_leaves_whole_pages_and_the_next_run_the_same_slugs() {
    let template = Site::new(&["000", "001", "002", "003", "004"]);
    let clean = template.copy();
    clean.import(&[]);
    let slugs: Vec<String> = clean.pages().into_keys().collect();
    let sizes: Vec<usize> = clean.pages().values().map(String::len).collect();
    let (small, large) = (*sizes.iter().min().unwrap(), *sizes.iter().max().unwrap());
    assert!(large > small + 2048, "{sizes:?}");
    // A file size limit stands in for a full disk: writes past it fail with
    // EFBIG (SIGXFSZ ignored), so small pages fit and large ones do not.
    let blocks = (small / 1024 + 2).to_string();
    let site = template.copy();
    let out = Command::new("bash")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f \"$1\"; exec \"$2\" import --root \"$3\"")
        .arg("bash")
        .arg(&blocks)
        .arg(BIN)
        .arg(site.root())
        .output()
        .unwrap();
    assert!(!out.status.success(), "the full disk was not hit");
    assert_pages_whole(&site, "full disk");
    assert!(!site.pages().is_empty() && site.pages().len() < 5);
    site.import(&[]);
    assert_whole(&site, "after full disk");
    assert_eq!(site.pages().into_keys().collect::<Vec<_>>(), slugs);
}

#[cfg(unix)]
#[test]
fn f5_kills_during_force_keep_the_hand_edit_in_the_page_or_the_bak() {
    let template = Site::new(&["000", "002"]);
    template.import(&[]);
    let page = template.page_of("002");
    let edit = fs::read_to_string(&page)
        .unwrap()
        .replace("leading industry\"", "leading industries\"");
    fs::write(&page, &edit).unwrap();
    let name = page.file_name().unwrap().to_owned();
    let force = ["import", "--force", &seed_name("002")];
    // Writes that run at once may run in either order: several rounds give
    // a page replaced before its `.bak` every chance to show.
    let mut kills = 0;
    for _ in 0..4 {
        kills += at_every_kill(&template, &force, |site, fault| {
            let page = site.articles().join(&name);
            let bak = page.with_extension("md.bak");
            let kept = |p: &Path| fs::read_to_string(p).is_ok_and(|t| t == edit);
            assert!(kept(&page) || kept(&bak), "{fault}: the hand edit is lost");
            site.import(&[]);
            assert!(kept(&page) || kept(&bak), "{fault}: lost after recovery");
        });
    }
    assert!(kills >= 16, "{kills}");
}

#[test]
fn f4_empty_pages_left_by_older_versions_are_written_over_with_their_own_slug() {
    let site = Site::new(&["000", "002"]);
    site.import(&[]);
    let (a, b) = (site.page_of("000"), site.page_of("002"));
    // One empty page with its record entry, one whose entry was never saved.
    fs::write(&a, "").unwrap();
    fs::write(&b, "").unwrap();
    let record = fs::read_to_string(site.record()).unwrap();
    let start = record
        .find(&format!("[seeds.\"{}\"]", seed_name("002")))
        .unwrap();
    let end = start + record[start..].find("\n\n").unwrap() + 2;
    fs::write(
        site.record(),
        format!("{}{}", &record[..start], &record[end..]),
    )
    .unwrap();
    let err = site.import(&[]);
    assert!(err.contains("2 page(s) written"), "{err}");
    assert_whole(&site, "after empty pages");
    assert_eq!(site.pages().len(), 2, "{:?}", site.pages().keys());
    assert_eq!(site.page_of("000"), a);
    assert_eq!(site.page_of("002"), b);
    assert!(!site.files().keys().any(|n| n.ends_with(".bak")));
}
