//! Kills and the output folder: the built binary is killed (through the
//! write layer's fault hook, debug builds only) at each of the first renames
//! and writes of a full build and of a body-only rebuild. The output must be
//! the whole old site or the whole new one, the next run must leave no
//! debris and write exactly what a clean build writes. Then what the output
//! folder may hold that the tool did not write, and where it may be.

mod common;

use common::{all_files, copy_dir};

use bilateral_digest::build::{BuildOptions, build};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const BASE_URL: &str = "https://example.org/digest/";
/// Renames of a run that are killed at least (each in a run of its own);
/// the first half as many writes too.
const KILLS: u32 = 8;

fn fixture(name: &str) -> PathBuf {
    common::fixture_copy("crash", name)
}

fn options(root: &Path, output: &str) -> BuildOptions {
    common::fixture_options(root, output)
}

/// `bilateral-digest build` on `root` in a process of its own, with the
/// fault hook set to `fault` when given. Returns whether it ran to the end,
/// and what it printed.
fn run(root: &Path, fault: Option<&str>) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bilateral-digest"));
    cmd.args(["build", "--no-import", "--base-url", BASE_URL, "--root"])
        .arg(root);
    cmd.env_remove("BILATERAL_DIGEST_FAULT");
    if let Some(f) = fault {
        cmd.env("BILATERAL_DIGEST_FAULT", f);
    }
    let out = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Names a run of this tool leaves only when it dies: staging and old
/// folders beside the output, temporary files in it or in its cache, the
/// update journal.
fn debris(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for e in walkdir::WalkDir::new(root).into_iter().map(Result::unwrap) {
        let rel = e
            .path()
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let name = e.file_name().to_string_lossy();
        let numbered = |prefix: &str| {
            name.strip_prefix(prefix)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        if name.contains(".new-")
            || numbered(".public.staging-")
            || numbered(".public.old-")
            || name == "update.journal"
        {
            found.push(rel);
        }
    }
    found
}

/// The site's files (debris aside) as a map, for comparisons.
type Tree = BTreeMap<String, Vec<u8>>;

fn site_files(out: &Path) -> Tree {
    let mut files = all_files(out);
    files.retain(|p, _| !p.rsplit('/').next().unwrap_or("").contains(".new-"));
    files
}

fn diff(a: &Tree, b: &Tree) -> Vec<String> {
    let mut d: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect();
    d.dedup();
    d
}

/// Give three listed articles a summary of their own (so that their
/// listings do not follow their bodies), and return their paths.
fn three_articles(root: &Path) -> Vec<PathBuf> {
    ["japan-fdi-rises", "oda-metro", "sister-cities"]
        .iter()
        .map(|slug| {
            let path = root.join(format!("content/articles/{slug}.md"));
            let text = fs::read_to_string(&path).unwrap().replacen(
                "\ndate = ",
                &format!("\nsummary = \"The story of {slug}.\"\ndate = "),
                1,
            );
            fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Change {
    /// A new title: listings change, so a full build with its folder swap.
    Title,
    /// New words in three bodies: the update in place, under its journal.
    Bodies,
}

fn change(root: &Path, what: Change) {
    let articles = three_articles(root);
    // The first build, before the change, by the binary: the build cache is
    // only trusted by the executable that wrote it.
    let (ok, printed) = run(root, None);
    assert!(ok, "{printed}");
    for (i, path) in articles.iter().enumerate() {
        let mut text = fs::read_to_string(path).unwrap();
        match what {
            Change::Title if i == 0 => text = text.replacen("title = \"", "title = \"New: ", 1),
            Change::Title => {}
            Change::Bodies => text.push_str(&format!("\nQwertyuiop{i}, added by an editor.\n")),
        }
        fs::write(path, text).unwrap();
    }
}

/// Kill a build after `change` at the `k`-th `op`, then check the output
/// (the whole old or new site), run again, and check that no debris is
/// left and the output is that of a clean build. Returns whether the kill
/// happened (the run had that many).
fn kill_and_recover(what: Change, op: &str, k: u32) -> bool {
    let root = fixture(&format!("{what:?}-{op}-{k}"));
    change(&root, what);
    let out = root.join("public");
    let old = site_files(&out);
    build(&options(&root, "clean")).unwrap();
    let new = all_files(&root.join("clean"));
    assert_ne!(old, new);

    let fault = format!("{op}:{k}");
    let (finished, printed) = run(&root, Some(&fault));
    assert!(
        out.join(".bilateral-digest").is_file(),
        "{fault}: no output left"
    );
    let after = site_files(&out);
    if what == Change::Title || finished {
        assert!(
            after == old || after == new,
            "{fault}: the output is neither the old site nor the new one: {:?}",
            diff(&after, &new)
        );
    } else {
        // Killed in the update: every file is whole, its old or new version,
        // and the journal says which are to come.
        assert_eq!(
            after.keys().collect::<Vec<_>>(),
            new.keys().collect::<Vec<_>>()
        );
        for (p, bytes) in &after {
            assert!(
                bytes == &old[p] || bytes == &new[p],
                "{fault}: {p} is neither"
            );
        }
        if after != old && after != new {
            let journal = root.join(".public.cache/update.journal");
            assert!(
                journal.is_file(),
                "{fault}: a mixed output without its journal"
            );
        }
    }
    if finished && what == Change::Bodies {
        assert!(
            printed.contains("updated"),
            "{fault}: not the update path: {printed}"
        );
    }
    if !finished {
        assert!(!printed.contains("up to date"), "{fault}: {printed}");
    }

    let (ok, printed) = run(&root, None);
    assert!(ok, "{fault}: the next run failed: {printed}");
    if after != new {
        assert!(!printed.contains("up to date"), "{fault}: {printed}");
    }
    assert_eq!(
        debris(&root),
        Vec::<String>::new(),
        "{fault}: debris after the next run"
    );
    let recovered = all_files(&out);
    assert!(
        recovered == new,
        "{fault}: differs from a clean build: {:?}",
        diff(&recovered, &new)
    );
    // And the run after that has nothing to do.
    let (ok, printed) = run(&root, None);
    assert!(ok && printed.contains("up to date"), "{fault}: {printed}");
    fs::remove_dir_all(&root).unwrap();
    !finished
}

fn kill_every_step(what: Change) {
    // The first KILLS renames, and on until the run has no rename left.
    let mut k = 1;
    while kill_and_recover(what, "rename", k) || k < KILLS {
        k += 1;
        assert!(k < 40, "{what:?}: a run of more than 40 renames");
    }
    assert!(k > 2, "{what:?}: the renames were never reached");
    let writes: Vec<bool> = (1..=KILLS / 2)
        .map(|k| kill_and_recover(what, "write", k))
        .collect();
    assert!(writes[0], "{what:?}: the first write was never reached");
}

#[test]
fn a_full_build_killed_at_any_rename_leaves_the_old_or_new_site() {
    kill_every_step(Change::Title);
}

#[test]
fn a_body_only_rebuild_killed_at_any_rename_is_finished_by_the_next_run() {
    kill_every_step(Change::Bodies);
}

/// The debris the kills of older versions left (F10): all of it goes on
/// the next run, and only it.
#[test]
fn debris_of_dead_runs_is_removed_and_nothing_else() {
    let root = fixture("debris");
    build(&options(&root, "public")).unwrap();
    let dead = 4_194_500; // above the kernel's largest process id
    let staging = root.join(format!(".public.staging-{dead}"));
    let old = root.join(format!(".public.old-{dead}"));
    for d in [&staging, &old] {
        fs::create_dir_all(d.join("articles")).unwrap();
        fs::write(d.join(".bilateral-digest"), "").unwrap();
        fs::write(d.join("articles/x.html"), "x").unwrap();
    }
    let cache = root.join(".public.cache");
    fs::write(cache.join(format!("search.new-{dead}")), "half").unwrap();
    let stray = root.join(format!("public/articles/oda-metro/.index.html.new-{dead}"));
    fs::write(&stray, "half").unwrap();
    fs::write(
        root.join(format!("public/.bilateral-digest.new-{dead}")),
        "half",
    )
    .unwrap();
    fs::write(root.join(format!("..public.stamp.new-{dead}-AbCd")), "half").unwrap();
    // Names that only look alike are the user's.
    fs::write(root.join("public.old-1"), "mine").unwrap();
    fs::write(root.join(".public.staging-notes"), "mine").unwrap();
    // As an older version's killed update left it: the stamp gone.
    fs::remove_file(root.join(".public.stamp")).unwrap();

    let (ok, printed) = run(&root, None);
    assert!(ok, "{printed}");
    assert_eq!(debris(&root), Vec::<String>::new());
    assert!(root.join("public.old-1").is_file());
    assert!(root.join(".public.staging-notes").is_file());
    fs::remove_dir_all(&root).unwrap();
}

/// F2's fallback: killed between the two renames of a swap, the old site is
/// under its `old` name and there is no output; the next run puts it back.
#[test]
fn an_output_left_under_its_old_name_is_put_back() {
    let root = fixture("lost");
    build(&options(&root, "public")).unwrap();
    let before = all_files(&root.join("public"));
    fs::rename(root.join("public"), root.join(".public.old-4194501")).unwrap();
    let (ok, printed) = run(&root, None);
    assert!(ok, "{printed}");
    assert_eq!(all_files(&root.join("public")), before);
    assert_eq!(debris(&root), Vec::<String>::new());
    fs::remove_dir_all(&root).unwrap();
}

/// `bilateral-digest build` with more arguments; returns success and output.
fn run_with(root: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_bilateral-digest"))
        .args(["build", "--no-import", "--base-url", BASE_URL, "--root"])
        .arg(root)
        .args(args)
        .env_remove("BILATERAL_DIGEST_FAULT")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn retitle(root: &Path) {
    let path = root.join("content/articles/oda-metro.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replacen("title = \"", "title = \"Again: ", 1)).unwrap();
}

/// F6: what the tool did not write stays, and the summary says so.
#[test]
fn files_the_tool_did_not_write_are_kept_and_listed() {
    let root = fixture("keep");
    let (ok, printed) = run(&root, None);
    assert!(ok, "{printed}");
    let public = root.join("public");
    fs::write(public.join("CNAME"), "digest.example.org\n").unwrap();
    fs::create_dir_all(public.join("downloads")).unwrap();
    fs::write(public.join("downloads/report.pdf"), "%PDF-1.7").unwrap();
    retitle(&root);
    let (ok, printed) = run(&root, None);
    assert!(ok, "{printed}");
    assert!(
        printed.contains("kept 2 files not written by bilateral-digest: CNAME, downloads/"),
        "{printed}"
    );
    assert_eq!(
        fs::read_to_string(public.join("CNAME")).unwrap(),
        "digest.example.org\n"
    );
    assert_eq!(
        fs::read(public.join("downloads/report.pdf")).unwrap(),
        b"%PDF-1.7"
    );

    // A copy of the output with the user's own pages in it, used as --output.
    let www = root.join("www");
    copy_dir(&public, &www);
    fs::write(www.join("about-me.html"), "<p>me</p>").unwrap();
    fs::create_dir_all(www.join("photos")).unwrap();
    fs::write(www.join("photos/a.jpg"), "jpeg").unwrap();
    retitle(&root);
    let (ok, printed) = run_with(&root, &["--output", "www"]);
    assert!(ok, "{printed}");
    assert!(
        printed.contains("about-me.html") && printed.contains("photos/"),
        "{printed}"
    );
    assert_eq!(fs::read(www.join("about-me.html")).unwrap(), b"<p>me</p>");
    assert_eq!(fs::read(www.join("photos/a.jpg")).unwrap(), b"jpeg");
    assert!(
        fs::read_to_string(www.join("index.html"))
            .unwrap()
            .contains("Again: Again: ")
    );
    fs::remove_dir_all(&root).unwrap();
}

/// F12: an output inside an input folder is refused before anything is written.
#[test]
fn an_output_inside_an_input_folder_is_refused() {
    let root = fixture("inside");
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/robots-extra.txt"), "x").unwrap();
    for out in [
        "static/out",
        "content/public",
        "templates/x",
        "seeds/out",
        "data/out",
    ] {
        let (ok, printed) = run_with(&root, &["--output", out]);
        assert!(!ok, "{out}: {printed}");
        assert!(
            printed.contains("is inside the site's input folder"),
            "{out}: {printed}"
        );
        assert!(!root.join(out).exists(), "{out} was written");
    }
    assert_eq!(
        fs::read_dir(root.join("static")).unwrap().count(),
        1,
        "nothing was added to static/"
    );
    fs::remove_dir_all(&root).unwrap();
}

/// F13: the output folder keeps its mode; a symlinked output stays a link
/// and its target is what is updated.
#[cfg(unix)]
#[test]
fn the_output_keeps_its_mode_and_its_symlink() {
    use std::os::unix::fs::PermissionsExt;
    let root = fixture("mode");
    let public = root.join("public");
    fs::create_dir_all(&public).unwrap();
    fs::set_permissions(&public, fs::Permissions::from_mode(0o700)).unwrap();
    let (ok, printed) = run(&root, None);
    assert!(ok, "{printed}");
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&public), 0o700);
    retitle(&root);
    assert!(run(&root, None).0);
    assert_eq!(mode(&public), 0o700);

    let target = root.join("deploy/site");
    fs::create_dir_all(&target).unwrap();
    std::os::unix::fs::symlink(&target, root.join("linked")).unwrap();
    for _ in 0..2 {
        retitle(&root);
        let (ok, printed) = run_with(&root, &["--output", "linked"]);
        assert!(ok, "{printed}");
        let link = fs::symlink_metadata(root.join("linked")).unwrap();
        assert!(link.file_type().is_symlink(), "the link was replaced");
        assert!(
            fs::read_to_string(target.join("index.html"))
                .unwrap()
                .contains("Again: ")
        );
    }
    let beside: Vec<_> = fs::read_dir(root.join("deploy")).unwrap().collect();
    assert_eq!(beside.len(), 1, "nothing but the site beside the target");
    fs::remove_dir_all(&root).unwrap();
}
