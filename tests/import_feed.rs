//! Feeds as seeds, on a site folder: one page per item, each recorded by
//! its guid, so a feed re-imported with five new items writes exactly five
//! new pages, and an item page edited by hand (or deleted) is left alone.

mod common;

use bilateral_digest::config::SiteConfig;
use bilateral_digest::ingest::{self, ImportOptions};
use std::path::{Path, PathBuf};

fn site(name: &str) -> PathBuf {
    common::repo_config_site("import-feed", name)
}

const PLACES: [&str; 8] = [
    "Hai Phong",
    "Da Nang",
    "Quang Ninh",
    "Can Tho",
    "Hue",
    "Nghe An",
    "Binh Duong",
    "Dong Nai",
];

/// An RSS 2.0 feed of items `0..n`, newest first as feeds list them.
fn rss(n: usize) -> String {
    let mut items = String::new();
    for k in (0..n).rev() {
        let place = PLACES[k % PLACES.len()];
        items.push_str(&format!(
            "<item><title>Japanese investors expand in {place}, item {k}</title>\
             <link>https://wire.example/{k}</link><guid isPermaLink=\"false\">wire-{k}</guid>\
             <pubDate>Mon, {:02} Nov 2025 08:00:00 GMT</pubDate>\
             <content:encoded><![CDATA[<p>Japanese companies announced new factories in \
             {place}, Vietnam, officials said on Monday, in item number {k} of this feed.</p>\
             <p>The investment will create jobs and bring training to local workers.</p>\
             ]]></content:encoded></item>",
            k + 1
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\
         <title>Example Wire</title><link>https://wire.example/</link>{items}</channel></rss>"
    )
}

fn import(root: &Path) -> ingest::ImportReport {
    let config = SiteConfig::load(root).unwrap();
    ingest::import(root, &config, &ImportOptions::default()).unwrap()
}

fn page_with(root: &Path, words: &str) -> PathBuf {
    std::fs::read_dir(root.join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(words)))
        .unwrap_or_else(|| panic!("no page with {words}"))
}

#[test]
fn a_feed_with_five_new_items_writes_five_pages_and_keeps_edits() {
    let root = site("five");
    let feed = root.join("seeds/wire.xml");
    std::fs::write(&feed, rss(3)).unwrap();
    let first = import(&root);
    assert!(first.problems.is_empty(), "{:?}", first.problems);
    assert_eq!(first.written, 3);
    let page = page_with(&root, "item number 1 of");
    let text = std::fs::read_to_string(&page).unwrap();
    assert!(text.contains("outlet = \"Example Wire\""), "{text}");
    assert!(
        text.contains("source = \"https://wire.example/1\""),
        "{text}"
    );
    assert!(text.contains("date = 2025-11-02"), "{text}");
    assert!(text.contains("seed = \"wire.xml#"), "{text}");

    // Edit one item's page and delete another's.
    let edited = page_with(&root, "item number 0 of");
    let mine = std::fs::read_to_string(&edited).unwrap() + "\nMy own note.\n";
    std::fs::write(&edited, &mine).unwrap();
    let deleted = page_with(&root, "item number 2 of");
    std::fs::remove_file(&deleted).unwrap();

    // The feed again, with five new items (and one old item's text changed).
    std::fs::write(
        &feed,
        rss(8).replace("item number 0 of", "item number 0 (updated) of"),
    )
    .unwrap();
    let second = import(&root);
    assert!(second.problems.is_empty(), "{:?}", second.problems);
    assert_eq!(second.written, 5, "{:?}", second.pages);
    assert_eq!(std::fs::read_to_string(&edited).unwrap(), mine);
    assert!(!deleted.exists(), "a deleted item page came back");
    assert_eq!(second.kept.len(), 2, "{:?}", second.kept);
    assert!(second.kept.iter().any(|k| k.contains("edited by hand")));
    assert!(second.kept.iter().any(|k| k.contains("deleted by hand")));

    // Nothing new: nothing written.
    let third = import(&root);
    assert_eq!(third.written, 0);
    let pages = std::fs::read_dir(root.join("content/articles"))
        .unwrap()
        .count();
    assert_eq!(pages, 7);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_broken_feed_is_one_problem_and_force_names_the_feed() {
    let root = site("broken");
    std::fs::write(root.join("seeds/wire.xml"), rss(2)).unwrap();
    std::fs::write(root.join("seeds/bad.rss"), "<rss><channel><item>").unwrap();
    let r = import(&root);
    assert_eq!(r.written, 2);
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(r.problems[0].contains("bad.rss"), "{:?}", r.problems);

    let page = page_with(&root, "item number 1 of");
    std::fs::write(&page, "+++\ntitle = \"Mine\"\n+++\n\nMine.\n").unwrap();
    let config = SiteConfig::load(&root).unwrap();
    let forced = ingest::import(
        &root,
        &config,
        &ImportOptions {
            force: vec!["wire.xml".into()],
            explain: Some(Some("wire.xml".into())),
        },
    )
    .unwrap();
    assert_eq!(forced.written, 1);
    assert!(page.with_extension("md.bak").exists());
    assert!(
        forced.explanation.contains("feed item: id wire-1"),
        "{}",
        forced.explanation
    );
    assert!(forced.explanation.contains("feed item: id wire-0"));
    let _ = std::fs::remove_dir_all(&root);
}
