//! Rebuilds: nothing changed means nothing done; after edits, additions and
//! deletions the output equals a full build of the same content.

mod common;

use common::{FIXTURE, all_files, copy_dir};

use bilateral_digest::build::{BuildOptions, build};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bd-rebuild-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    copy_dir(Path::new(FIXTURE), &dir);
    dir
}

fn options(root: &Path, output: &str) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.import = false;
    o.output = Some(PathBuf::from(output));
    o.base_url = Some("https://example.org/digest/".into());
    o
}

/// The incremental output in `public` must equal a fresh build into `fresh`.
fn assert_same_as_fresh_build(root: &Path) {
    let fresh = root.join("fresh");
    let _ = fs::remove_dir_all(&fresh);
    build(&options(root, "fresh")).unwrap();
    let a = all_files(&root.join("public"));
    let b = all_files(&fresh);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs from a full build");
    }
}

#[test]
fn unchanged_inputs_skip_the_build_and_touch_nothing() {
    let root = fixture("noop");
    let first = build(&options(&root, "public")).unwrap();
    assert!(!first.skipped);
    assert!(first.write.written > 10);
    let index = root.join("public/index.html");
    let mtime = fs::metadata(&index).unwrap().modified().unwrap();

    let second = build(&options(&root, "public")).unwrap();
    assert!(
        second.skipped,
        "a rebuild with nothing changed must do nothing"
    );
    assert_eq!(second.write.written, 0);
    assert_eq!(
        second.write.unchanged,
        first.write.written + first.write.unchanged
    );
    assert_eq!(fs::metadata(&index).unwrap().modified().unwrap(), mtime);

    // A missing output file defeats the shortcut.
    fs::remove_file(&index).unwrap();
    let third = build(&options(&root, "public")).unwrap();
    assert!(!third.skipped);
    assert!(index.is_file());
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn edits_additions_and_deletions_match_a_full_build() {
    let root = fixture("edits");
    build(&options(&root, "public")).unwrap();
    let articles = root.join("content/articles");
    let mut pages: Vec<PathBuf> = fs::read_dir(&articles)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();

    // Edit one published article's body.
    let edited = pages
        .iter()
        .find(|p| !fs::read_to_string(p).unwrap().contains("draft = true"))
        .unwrap();
    let mut text = fs::read_to_string(edited).unwrap();
    text.push_str("\nA sentence added by an editor.\n");
    fs::write(edited, text).unwrap();
    let r = build(&options(&root, "public")).unwrap();
    assert!(!r.skipped);
    assert!(r.write.written >= 1);
    assert!(
        r.write.unchanged > 0,
        "unchanged pages keep their files: {:?}",
        r.write
    );
    let slug = edited.file_stem().unwrap().to_string_lossy().into_owned();
    let page = fs::read_to_string(root.join(format!("public/articles/{slug}/index.html"))).unwrap();
    assert!(page.contains("A sentence added by an editor."));
    assert_same_as_fresh_build(&root);

    // Add one.
    fs::write(
        articles.join("added-later.md"),
        "+++\ntitle = \"Added later\"\ndate = 2025-12-01\nthemes = [\"investment\"]\n+++\n\nNew story.\n",
    )
    .unwrap();
    build(&options(&root, "public")).unwrap();
    assert!(
        root.join("public/articles/added-later/index.html")
            .is_file()
    );
    assert_same_as_fresh_build(&root);

    // Delete one.
    fs::remove_file(articles.join("added-later.md")).unwrap();
    let r = build(&options(&root, "public")).unwrap();
    assert!(r.write.removed >= 1);
    assert!(!root.join("public/articles/added-later").exists());
    assert_same_as_fresh_build(&root);
    fs::remove_dir_all(&root).unwrap();
}
