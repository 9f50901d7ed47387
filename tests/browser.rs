//! What readers see: builds the project's own site and drives it in headless
//! Chromium with `tests/browser/run.mjs` (click-through, search from disk,
//! keyboard use, feeds, layout at phone and desktop widths, axe-core, links
//! over HTTP under a sub-path, the Nu Html Checker).
//!
//! It needs chromium, java and node/npm. Without them it fails under CI
//! (`CI=true`, which `.ci/run` sets after installing them), because a browser
//! test that silently skips there hides every regression it was written to
//! catch; elsewhere it skips with a loud message, so that a plain
//! `cargo test` on a fresh machine runs every other test.

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

/// Whether `program --version`-like `args` run and succeed.
fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The first missing tool, with how to install it.
fn missing_tool() -> Option<String> {
    if !Path::new(CHROMIUM).is_file() {
        return Some(format!(
            "{CHROMIUM} is missing; install it: apt-get install -y chromium"
        ));
    }
    if !runs("java", &["-version"]) {
        return Some(
            "java is missing (the Nu Html Checker needs it); install it: \
             apt-get install -y default-jre-headless"
                .into(),
        );
    }
    if !runs("node", &["--version"]) || !runs("npm", &["--version"]) {
        return Some("node/npm are missing; install them: apt-get install -y nodejs npm".into());
    }
    None
}

/// `false` (after a loud message) when a tool is missing outside CI; under
/// `CI=true` a missing tool fails the test.
fn require_tools(browser_dir: &Path) -> bool {
    if let Some(problem) = missing_tool() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(
            !ci,
            "{problem}\n(CI=true: the browser test may not be skipped)"
        );
        // Straight to the process's stderr: the test harness captures
        // `eprintln!` of passing tests, and this must be seen.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
             !!! BROWSER TEST SKIPPED: {problem}\n\
             !!! Nothing the browser checks was tested. `bash .ci/run` installs\n\
             !!! the tools and runs every test; under CI=true this is a failure.\n\
             !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        );
        return false;
    }
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
    true
}

#[test]
fn readers_see_a_working_site() {
    let browser_dir = project_root().join("tests").join("browser");
    if !require_tools(&browser_dir) {
        return;
    }

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

/// The three-language fixture site (`tests/fixtures/multilingual`): axe on
/// the pages of every language, the language switcher and search in each
/// language from disk, and the Nu checker on every page.
#[test]
fn a_multilingual_site_passes_axe_and_the_nu_checker() {
    let browser_dir = project_root().join("tests").join("browser");
    if !require_tools(&browser_dir) {
        return;
    }
    let site = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-multilingual-site");
    if site.exists() {
        std::fs::remove_dir_all(&site).expect("remove the previous test site");
    }
    copy_tree(&project_root().join("tests/fixtures/multilingual"), &site);
    let opts = BuildOptions {
        base_url: Some(BASE_URL.to_string()),
        import: false,
        ..BuildOptions::new(&site)
    };
    build(&opts).unwrap_or_else(|e| panic!("build failed:\n{e}"));
    let out = run(
        Command::new("node")
            .arg(browser_dir.join("run.mjs"))
            .arg(opts.output_dir())
            .arg(BASE_URL)
            .arg("--multilingual")
            .current_dir(&browser_dir),
        "install node: apt-get install -y nodejs",
    );
    println!("{}", String::from_utf8_lossy(&out.stdout));
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "the multilingual browser checks failed; see the FAIL lines above"
    );
}

/// `serve`'s live reload and error overlay, in the browser (see
/// `tests/browser/serve.mjs`), over a copy of the fixture site.
#[test]
fn serve_reloads_open_pages_and_shows_build_errors() {
    use std::io::BufRead;
    let browser_dir = project_root().join("tests").join("browser");
    if !require_tools(&browser_dir) {
        return;
    }
    let site = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-serve-site");
    if site.exists() {
        std::fs::remove_dir_all(&site).expect("remove the previous test site");
    }
    copy_tree(&project_root().join("tests/fixtures/site"), &site);
    let mut serve = Command::new(env!("CARGO_BIN_EXE_bilateral-digest"))
        .args(["serve", "--port", "0", "--root"])
        .arg(&site)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start serve");
    let mut line = String::new();
    std::io::BufReader::new(serve.stdout.take().expect("piped"))
        .read_line(&mut line)
        .expect("serve prints its URL");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();
    let out = run(
        Command::new("node")
            .arg(browser_dir.join("serve.mjs"))
            .arg(format!("{url}articles/oda-metro/index.html"))
            .arg(site.join("content/articles/oda-metro.md"))
            .current_dir(&browser_dir),
        "install node: apt-get install -y nodejs",
    );
    let _ = serve.kill();
    let _ = serve.wait();
    println!("{}", String::from_utf8_lossy(&out.stdout));
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "the serve browser checks failed; see the FAIL lines above"
    );
}
