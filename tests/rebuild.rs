//! Rebuilds: nothing changed means nothing done; after edits, additions and
//! deletions the output equals a full build of the same content.

mod common;

use common::{FIXTURE, all_files};

use bilateral_digest::build::{BuildOptions, build};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    common::fixture_copy("rebuild", name)
}

fn options(root: &Path, output: &str) -> BuildOptions {
    common::fixture_options(root, output)
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

fn mtime(p: &Path) -> std::time::SystemTime {
    fs::metadata(p).unwrap().modified().unwrap()
}

/// The newest listed article of the fixture (so it is in every feed), given
/// a summary of its own, so that its summary (which listings show) does not
/// follow its short body. Returns its path and text.
fn newest_article(root: &Path) -> (PathBuf, String) {
    let path = root.join("content/articles/japan-fdi-rises.md");
    let text = fs::read_to_string(&path).unwrap().replacen(
        "\ndate = ",
        "\nsummary = \"A record year for Japanese investment.\"\ndate = ",
        1,
    );
    fs::write(&path, &text).unwrap();
    (path, text)
}

#[test]
fn body_edits_render_only_what_shows_the_body() {
    let root = fixture("bodies");
    let (edited, original) = newest_article(&root);
    let first = build(&options(&root, "public")).unwrap();
    assert!(!first.incremental, "a first build is a full one");
    let home = root.join("public/index.html");
    let home_time = mtime(&home);

    // A body edit with a word no other article uses: the article's page,
    // the search index (document frequencies move) and the full-text feeds.
    fs::write(
        &edited,
        format!("{original}\nZyxwvutsrq, said an editor.\n"),
    )
    .unwrap();
    let r = build(&options(&root, "public")).unwrap();
    assert!(r.incremental, "{}", r.summary(&root.join("public")));
    assert!(
        (2..=8).contains(&r.write.written),
        "only the article, search index and feeds: {:?}",
        r.write
    );
    assert_eq!(mtime(&home), home_time, "the home page is not rewritten");
    assert!(search_text(&root).contains("zyxwvutsrq"));
    let feed = fs::read_to_string(root.join("public/feed.xml")).unwrap();
    assert!(feed.contains("Zyxwvutsrq"));
    assert_same_as_fresh_build(&root);

    // The word goes away again.
    fs::write(&edited, &original).unwrap();
    let r = build(&options(&root, "public")).unwrap();
    assert!(r.incremental);
    assert!(!search_text(&root).contains("zyxwvutsrq"));
    assert_same_as_fresh_build(&root);

    // A new title shows on listings: everything is rendered again.
    fs::write(
        &edited,
        original.replacen("title = \"", "title = \"Retitled: ", 1),
    )
    .unwrap();
    let r = build(&options(&root, "public")).unwrap();
    assert!(!r.incremental);
    assert!(fs::read_to_string(&home).unwrap().contains("Retitled: "));
    assert_same_as_fresh_build(&root);
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_broken_edit_or_cache_never_spoils_the_output() {
    let root = fixture("broken");
    let (edited, original) = newest_article(&root);
    build(&options(&root, "public")).unwrap();
    let before = all_files(&root.join("public"));

    // Bad front matter in the edited file: a clear error, output untouched.
    fs::write(
        &edited,
        original.replacen("+++\n", "+++\ndate = \"soon\"\n", 1),
    )
    .unwrap();
    let err = build(&options(&root, "public")).unwrap_err().to_string();
    assert!(
        err.contains(&*edited.file_name().unwrap().to_string_lossy()),
        "{err}"
    );
    assert_eq!(all_files(&root.join("public")), before);

    // Fixed again, with a body change: the update path, same as a full build.
    fs::write(&edited, format!("{original}\nOne more line.\n")).unwrap();
    let r = build(&options(&root, "public")).unwrap();
    assert!(r.incremental);
    assert_same_as_fresh_build(&root);

    // A damaged cache is not trusted: a full build, still the same output.
    let cache = root.join(".public.cache");
    for e in fs::read_dir(&cache).unwrap() {
        fs::write(e.unwrap().path(), b"garbage").unwrap();
    }
    fs::write(&edited, format!("{original}\nAnother line.\n")).unwrap();
    let r = build(&options(&root, "public")).unwrap();
    assert!(!r.incremental);
    assert_same_as_fresh_build(&root);

    // A page deleted from the output by hand is not forgotten.
    let page = root.join("public/themes/index.html");
    fs::remove_file(&page).unwrap();
    fs::write(&edited, format!("{original}\nA third line.\n")).unwrap();
    let r = build(&options(&root, "public")).unwrap();
    assert!(!r.incremental);
    assert!(page.is_file());
    assert_same_as_fresh_build(&root);
    fs::remove_dir_all(&root).unwrap();
}

/// Articles with more distinct words than the index keeps per article: a
/// change in one article's words moves document frequencies, which can
/// change which words other articles keep.
#[test]
fn search_entries_of_other_articles_follow_moved_frequencies() {
    let root = std::env::temp_dir().join(format!("bd-rebuild-words-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("content/articles")).unwrap();
    fs::copy(Path::new(FIXTURE).join("site.toml"), root.join("site.toml")).unwrap();
    // A deterministic vocabulary and word choice (a small LCG).
    let vocab: Vec<String> = (0..600).map(|i| format!("w{i:03}x")).collect();
    let mut state = 12345u64;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    };
    let body = |next: &mut dyn FnMut(usize) -> usize| -> String {
        (0..400)
            .map(|_| vocab[next(vocab.len())].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let page = |i: usize, body: &str| {
        format!(
            "+++\ntitle = \"Story {i}\"\ndate = 2025-01-{:02}\nsummary = \"Story number {i}.\"\nthemes = [\"investment\"]\n+++\n\n{body}\n",
            i % 28 + 1
        )
    };
    let mut bodies = Vec::new();
    for i in 0..30 {
        let b = body(&mut next);
        fs::write(
            root.join(format!("content/articles/s{i:02}.md")),
            page(i, &b),
        )
        .unwrap();
        bodies.push(b);
    }
    build(&options(&root, "public")).unwrap();

    // Words that many articles use move up or down by one; some words are
    // new to the site, some leave it.
    for (round, i) in [3usize, 17, 3, 29].into_iter().enumerate() {
        let mut words: Vec<&str> = bodies[i].split(' ').collect();
        words.truncate(200 + round * 37);
        let extra: Vec<String> = (0..25)
            .map(|k| vocab[(k * 7 + round * 13) % 600].clone())
            .collect();
        let new_body = format!("{} {} unique{round}word", words.join(" "), extra.join(" "));
        fs::write(
            root.join(format!("content/articles/s{i:02}.md")),
            page(i, &new_body),
        )
        .unwrap();
        bodies[i] = new_body;
        let r = build(&options(&root, "public")).unwrap();
        assert!(
            r.incremental,
            "round {round}: {}",
            r.summary(&root.join("public"))
        );
        assert_same_as_fresh_build(&root);
    }
    fs::remove_dir_all(&root).unwrap();
}

/// A page of the fixture under another file name, with some front matter.
fn page(root: &Path, file: &str, front: &str) -> PathBuf {
    let path = root.join("content/articles").join(file);
    fs::write(
        &path,
        format!("+++\ntitle = \"{file}\"\n{front}+++\n\nA body.\n"),
    )
    .unwrap();
    path
}

/// F11: two files that become one page are both named, with the fix.
#[test]
fn files_that_become_one_page_are_both_named() {
    for (a, b) in [("Foo.md", "foo.md"), ("foo bar.md", "foo-bar.md")] {
        let root = fixture("clash");
        page(&root, a, "");
        page(&root, b, "");
        let e = build(&options(&root, "public")).unwrap_err().to_string();
        assert!(e.contains(a) && e.contains(b), "{a}, {b}: {e}");
        assert!(
            e.contains("articles/foo") && e.contains("rename one of the files"),
            "{e}"
        );
        assert!(!root.join("public").exists());
        fs::remove_dir_all(&root).unwrap();
    }
}

/// F11: a date that is not one, and a file that is not UTF-8, are plain
/// errors at their line.
#[test]
fn bad_dates_and_bad_bytes_are_reported_at_their_line() {
    let root = fixture("date");
    page(&root, "numeric-date.md", "date = 20230101\n");
    let e = build(&options(&root, "public")).unwrap_err().to_string();
    assert!(e.contains("numeric-date.md:3:"), "{e}");
    assert!(e.contains("date must be a date like 2023-01-01"), "{e}");
    assert!(e.contains("date = 2023-01-01"), "{e}");
    assert!(!e.contains("untagged"), "{e}");
    fs::remove_file(root.join("content/articles/numeric-date.md")).unwrap();

    // Found by fuzzing: a signed year reads as a date but cannot be
    // written back as one; it is refused like any other.
    page(&root, "signed-year.md", "date = \"-025-11-03\"\n");
    let e = build(&options(&root, "public")).unwrap_err().to_string();
    assert!(e.contains("signed-year.md:3:"), "{e}");
    assert!(e.contains("write it as YYYY-MM-DD"), "{e}");
    fs::remove_file(root.join("content/articles/signed-year.md")).unwrap();

    let path = root.join("content/articles/latin1.md");
    fs::write(&path, b"+++\ntitle = \"Caf\xe9\"\n+++\n\nBody.\n").unwrap();
    let e = build(&options(&root, "public")).unwrap_err().to_string();
    assert!(e.contains("latin1.md:2:"), "{e}");
    assert!(e.contains("not valid UTF-8 at byte 16"), "{e}");
    assert!(e.contains("save the file as UTF-8"), "{e}");
    fs::remove_dir_all(&root).unwrap();
}

/// F14: place ids that name one page are one place.
#[test]
fn place_ids_that_fold_to_one_page_are_one_place() {
    let root = fixture("places");
    page(
        &root,
        "one.md",
        "date = 2025-01-01\nplaces = [\"Quang Ninh\", \"quang-ninh\"]\n",
    );
    page(&root, "two.md", "date = 2025-01-02\nplaces = [\"Hanoi\"]\n");
    page(
        &root,
        "three.md",
        "date = 2025-01-03\nplaces = [\"hanoi\", \"\"]\n",
    );
    build(&options(&root, "public")).unwrap();
    let hanoi = fs::read_to_string(root.join("public/places/hanoi/index.html")).unwrap();
    assert!(
        hanoi.contains("two.md") && hanoi.contains("three.md"),
        "{hanoi}"
    );
    let one = fs::read_to_string(root.join("public/articles/one/index.html")).unwrap();
    assert_eq!(
        one.matches("places/quang-ninh/index.html").count(),
        1,
        "{one}"
    );
    fs::remove_dir_all(&root).unwrap();
}

/// The content check of page names is the renderer's rule for addresses.
#[test]
fn page_names_fold_as_the_renderer_makes_addresses() {
    use bilateral_digest::{content::address, render::paths::segment};
    for name in [
        "Foo",
        "foo bar",
        "foo-bar",
        "Hải Phòng",
        "-x",
        "",
        "a_b",
        "ĐÀ NẴNG",
        "x/y",
    ] {
        assert_eq!(address(name), segment(name), "{name}");
    }
}

/// The first import of a site writes its record into `content/`: that must
/// not make the inputs digested before the import look changed afterwards,
/// or the first body edit after every fresh build (the first save in
/// `serve`) would be a full build.
#[test]
fn the_first_edit_after_an_importing_build_is_an_update() {
    let root = fixture("first-edit");
    fs::create_dir_all(root.join("seeds")).unwrap();
    let mut opts = options(&root, "public");
    opts.import = true;
    let (edited, original) = newest_article(&root);
    let first = build(&opts).unwrap();
    assert!(!first.incremental);
    fs::write(&edited, format!("{original}\nOne more sentence.\n")).unwrap();
    let r = build(&opts).unwrap();
    assert!(r.incremental, "{}", r.summary(&root.join("public")));
    assert_same_as_fresh_build(&root);
    let _ = fs::remove_dir_all(&root);
}

/// Every file of the built site's search index, joined.
fn search_text(root: &Path) -> String {
    let mut text = String::new();
    for entry in walkdir::WalkDir::new(root.join("public/search")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "js") {
            text.push_str(&fs::read_to_string(entry.path()).unwrap());
        }
    }
    text
}
