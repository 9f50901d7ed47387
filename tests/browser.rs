//! What readers see: builds the project's own site and drives it in headless
//! Chromium with `tests/browser/run.mjs` (click-through, search from disk,
//! keyboard use, feeds, layout at phone and desktop widths, axe-core, links
//! over HTTP under a sub-path, the Nu Html Checker).
//!
//! It needs chromium, java and node/npm; it fails, never skips, without them,
//! because a browser test that silently skips hides every regression it was
//! written to catch. `bash .ci/run` installs them.

use bilateral_digest::build::{BuildOptions, build};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const CHROMIUM: &str = "/usr/bin/chromium";
/// A project site, as GitHub Pages serves it: the sub-path is what 404.html
/// and the HTTP crawl under `/digest/` rely on.
const BASE_URL: &str = "https://example.github.io/digest/";
/// What a site is made of; `public/` and `target/` are left behind.
const SITE_PARTS: &[&str] = &[
    "site.toml",
    "content",
    "seeds",
    "templates",
    "static",
    "data",
];

fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
        return;
    }
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("walk the site");
        let rel = entry.path().strip_prefix(from).expect("under its root");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("create a folder in the copy");
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &dest)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// Runs `cmd`, panicking with `hint` when the program is not installed.
fn run(cmd: &mut Command, hint: &str) -> std::process::Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}\n{hint}"))
}

fn require_tools(browser_dir: &Path) {
    assert!(
        Path::new(CHROMIUM).is_file(),
        "{CHROMIUM} is missing: the browser tests need it; install it: apt-get install -y chromium"
    );
    let java = run(
        Command::new("java").arg("-version"),
        "the Nu Html Checker needs java; install it: apt-get install -y default-jre-headless",
    );
    assert!(java.status.success(), "`java -version` failed");
    let node = run(
        Command::new("node").arg("--version"),
        "the browser tests need node and npm; install them: apt-get install -y nodejs npm",
    );
    assert!(node.status.success(), "`node --version` failed");
    if !browser_dir.join("node_modules").is_dir() {
        let npm = run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(browser_dir),
            "install npm: apt-get install -y npm",
        );
        assert!(
            npm.status.success(),
            "`npm ci` in tests/browser failed:\n{}{}",
            String::from_utf8_lossy(&npm.stdout),
            String::from_utf8_lossy(&npm.stderr)
        );
    }
}

#[test]
fn readers_see_a_working_site() {
    let browser_dir = project_root().join("tests").join("browser");
    require_tools(&browser_dir);

    let site = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-site");
    if site.exists() {
        std::fs::remove_dir_all(&site).expect("remove the previous test site");
    }
    std::fs::create_dir_all(&site).expect("create the test site folder");
    for part in SITE_PARTS {
        let from = project_root().join(part);
        if from.exists() {
            copy_tree(&from, &site.join(part));
        }
    }

    let opts = BuildOptions {
        base_url: Some(BASE_URL.to_string()),
        import: true,
        ..BuildOptions::new(&site)
    };
    let report = build(&opts).unwrap_or_else(|e| panic!("build failed:\n{e}"));
    let public = opts.output_dir();
    println!("{}", report.summary(&public));
    if let Some(import) = &report.import {
        for problem in &import.problems {
            println!("import: {problem}");
        }
    }
    assert!(report.articles > 0, "the build produced no articles");

    let start = Instant::now();
    let out = run(
        Command::new("node")
            .arg(browser_dir.join("run.mjs"))
            .arg(&public)
            .arg(BASE_URL)
            .current_dir(&browser_dir),
        "install node: apt-get install -y nodejs",
    );
    println!("{}", String::from_utf8_lossy(&out.stdout));
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    println!("browser checks took {:.1}s", start.elapsed().as_secs_f64());
    assert!(
        out.status.success(),
        "the browser checks failed (exit {:?}); see the FAIL lines above",
        out.status.code()
    );
}
