//! The authoring commands, run as an editor runs them: `init` then `build`,
//! `new`, and `check` over a clean fixture site and over broken copies.

mod common;

use common::{FIXTURE, copy_dir};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bilateral-digest"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(Path::new(FIXTURE), &root);
    (dir, root)
}

fn article(root: &Path, slug: &str) -> PathBuf {
    root.join("content/articles").join(format!("{slug}.md"))
}

/// Replace `from` by `to` in one of the fixture's articles.
fn edit(root: &Path, slug: &str, from: &str, to: &str) {
    let path = article(root, slug);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{slug} has no `{from}`");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn init_then_build_makes_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    let o = run(&["init", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "site.toml",
        "seeds/example.txt",
        "data/themes.toml",
        "data/gazetteer.toml",
    ] {
        assert!(site.join(f).is_file(), "init wrote no {f}");
    }
    let o = run(&["build", "--root", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(site.join("public/index.html").is_file());
    let pages: Vec<_> = fs::read_dir(site.join("content/articles"))
        .unwrap()
        .collect();
    assert_eq!(pages.len(), 1, "the example seed became one article");
    // A second init into the same, now non-empty, folder is refused.
    let before = fs::read(site.join("site.toml")).unwrap();
    let o = run(&["init", site.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
    assert_eq!(fs::read(site.join("site.toml")).unwrap(), before);
}

#[test]
fn new_writes_one_page_and_never_overwrites() {
    let (_dir, root) = fixture();
    let r = root.to_str().unwrap();
    let o = run(&[
        "new",
        "Đà Nẵng hosts a Japan festival",
        "--theme",
        "diaspora",
        "--root",
        r,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let printed = String::from_utf8(o.stdout).unwrap();
    let path = article(&root, "da-nang-hosts-a-japan-festival");
    assert_eq!(printed.trim(), path.to_str().unwrap());
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("+++\ntitle = \"Đà Nẵng hosts a Japan festival\"\ndate = 20"));
    assert!(text.contains("language = \"en\"") && text.contains("themes = [\"diaspora\"]"));
    fs::write(&path, format!("{text}\nMy words.\n")).unwrap();
    let o = run(&["new", "Đà Nẵng hosts a Japan festival", "--root", r]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert!(fs::read_to_string(&path).unwrap().ends_with("My words.\n"));
    let o = run(&["build", "--root", r, "--no-import"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        root.join("public/articles/da-nang-hosts-a-japan-festival/index.html")
            .is_file()
    );
}

#[test]
fn check_passes_a_clean_site_and_builds_nothing() {
    let (_dir, root) = fixture();
    let o = run(&["check", "--root", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!root.join("public").exists(), "check built something");
}

#[test]
fn check_names_every_broken_reference_and_link() {
    let (_dir, root) = fixture();
    edit(&root, "sister-cities", "\"ninh-binh\"", "\"ninh-bnh\"");
    edit(
        &root,
        "japan-fdi-rises",
        "translations = [\"japanske-investeringer\"]",
        "translations = [\"japanske-investeringr\"]",
    );
    let body = fs::read_to_string(article(&root, "oda-metro")).unwrap();
    fs::write(
        article(&root, "oda-metro"),
        format!(
            "{body}\nSee [the zone](../industrial-zone-c/index.html), \
                 [the other](industrial-zone-a.md#nowhere), [a theme](../../themes/investmnt/index.html) and [ok](industrial-zone-b.md).\n"
        ),
    )
    .unwrap();
    edit(
        &root,
        "football-results",
        "+++\n",
        "+++\ntitel = \"typo\"\n",
    );
    let o = run(&["check", "--root", root.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    let line_of = |needle: &str| {
        err.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no `{needle}` in:\n{err}"))
            .to_string()
    };
    let place = line_of("ninh-bnh");
    assert!(
        place.contains("content/articles/sister-cities.md:"),
        "{place}"
    );
    assert!(err.contains("did you mean `ninh-binh`?"), "{err}");
    let translation = line_of("japanske-investeringr");
    assert!(
        translation.contains("content/articles/japan-fdi-rises.md:"),
        "{translation}"
    );
    assert!(
        err.contains("did you mean `japanske-investeringer`?"),
        "{err}"
    );
    let link = line_of("industrial-zone-c");
    assert!(link.contains("content/articles/oda-metro.md:"), "{link}");
    assert!(err.contains("did you mean `industrial-zone-a`?") || err.contains("industrial-zone-b"));
    assert!(line_of("#nowhere").contains("oda-metro.md:"));
    assert!(line_of("themes/investmnt").contains("oda-metro.md:"));
    assert!(err.contains("did you mean `investment`?"), "{err}");
    assert!(line_of("titel").contains("football-results.md:2"), "{err}");
    // The same unknown place fails the build instead of making a page for it.
    edit(&root, "football-results", "titel = \"typo\"\n", "");
    let o = run(&["build", "--root", root.to_str().unwrap(), "--no-import"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("ninh-bnh"));
    assert!(!root.join("public/places/ninh-bnh").exists());
}

#[test]
fn check_reports_broken_templates_at_the_line() {
    let (_dir, root) = fixture();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(root.join("templates/base.html"), "<p>\n{% iff x %}\n").unwrap();
    let o = run(&["check", "--root", root.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains("templates/base.html:2: unknown tag `{% iff %}`"),
        "{err}"
    );
}

#[test]
fn check_renders_with_the_sites_templates_without_writing() {
    let (_dir, root) = fixture();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/404.html"),
        "<!doctype html>\n<p>{{ no_such_variable.field }}</p>\n",
    )
    .unwrap();
    let o = run(&["check", "--root", root.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("templates/404.html:2"), "{err}");
    assert!(!root.join("public").exists(), "check wrote public/");
}

/// A one-thread HTTP server on loopback: `/ok` is 200, anything else 404.
fn local_server() -> (String, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        for stream in listener.incoming().take(2) {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            reader.read_line(&mut first).unwrap();
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap() > 2 {
                line.clear();
            }
            let status = if first.contains(" /ok ") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
            )
            .unwrap();
            let _ = stream.read(&mut [0; 1]);
        }
    });
    (base, handle)
}

#[test]
fn check_external_fetches_links_only_when_asked() {
    let (_dir, root) = fixture();
    let (base, server) = local_server();
    let body = fs::read_to_string(article(&root, "oda-metro")).unwrap();
    fs::write(
        article(&root, "oda-metro"),
        format!("{body}\n[good]({base}/ok) and [gone]({base}/gone)\n"),
    )
    .unwrap();
    let r = root.to_str().unwrap();
    let o = run(&["check", "--root", r]);
    assert!(
        o.status.success(),
        "without --external no link is fetched: {}",
        stderr(&o)
    );
    let o = run(&["check", "--root", r, "--external"]);
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains(&format!("{base}/gone answers HTTP 404")),
        "{err}"
    );
    assert!(!err.contains(&format!("{base}/ok ")), "{err}");
    server.join().unwrap();
}

/// A running `serve`, stopped with SIGINT (as Ctrl-C) when dropped.
struct Serve {
    child: std::process::Child,
    url: String,
}

impl Serve {
    fn start(root: &Path, extra: &[&str]) -> Serve {
        let mut child = bin()
            .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .to_string();
        Serve { child, url }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        let mut r = agent.get(format!("{}{path}", self.url)).call().unwrap();
        let status = r.status().as_u16();
        (status, r.body_mut().read_to_string().unwrap_or_default())
    }

    /// Poll `path` (up to 10 s) until its body satisfies `ok`.
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        for _ in 0..100 {
            let (_, body) = self.get(path);
            if ok(&body) {
                return body;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("{path} never showed {what}");
    }

    fn stop(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-INT", &pid]).status().unwrap();
        self.child.wait().unwrap()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The first server-sent event after the page's build `generation`.
fn first_event(url: &str, generation: u64) -> String {
    let addr = url.trim_start_matches("http://").split('/').next().unwrap();
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET /__bilateral_digest/events?gen={generation} HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut text = String::new();
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 0 {
        text.push_str(&line);
        if text.contains("event: ") && line == "\n" {
            break;
        }
        line.clear();
    }
    text
}

#[test]
fn serve_rebuilds_shows_errors_recovers_and_leaves_public_alone() {
    let (_dir, root) = fixture();
    let o = run(&["build", "--root", root.to_str().unwrap(), "--no-import"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let public = common::all_files(&root.join("public"));
    let server = Serve::start(&root, &[]);
    let page = "articles/oda-metro/index.html";
    let (status, body) = server.get(page);
    assert_eq!(status, 200);
    assert!(
        body.contains("/__bilateral_digest/events"),
        "no reload script"
    );
    assert!(!body.contains("freshly edited sentence"));

    let original = fs::read_to_string(article(&root, "oda-metro")).unwrap();
    fs::write(
        article(&root, "oda-metro"),
        format!("{original}\nA freshly edited sentence.\n"),
    )
    .unwrap();
    server.wait_for(page, "the edit", |b| b.contains("freshly edited sentence"));

    fs::write(
        article(&root, "oda-metro"),
        original.replacen("+++\n", "+++\ntitle_typo = 1\n", 1),
    )
    .unwrap();
    let broken = server.wait_for(page, "the error", |b| b.contains("title_typo"));
    assert!(
        broken.contains("content/articles/oda-metro.md:2"),
        "{broken}"
    );
    // The last good page is still served under the overlay.
    assert!(broken.contains("freshly edited sentence"));
    let event = first_event(&server.url, 0);
    assert!(
        event.contains("event: failed") && event.contains("oda-metro.md:2"),
        "{event}"
    );

    fs::write(article(&root, "oda-metro"), &original).unwrap();
    // Polled until the page is the fixed one: a build may catch the file
    // half-written, fail, and be followed by a good one.
    let fixed = server.wait_for(page, "the recovery", |b| {
        b.contains("var initial = null") && !b.contains("freshly edited sentence")
    });
    assert!(!fixed.contains("title_typo"));
    assert!(first_event(&server.url, 0).contains("event: reload"));

    // A first seed, in a seeds/ folder made after serve started, is imported.
    let pages = || fs::read_dir(root.join("content/articles")).unwrap().count();
    let before = pages();
    fs::create_dir_all(root.join("seeds")).unwrap();
    fs::copy(
        Path::new(FIXTURE).join("../seeds-extra/en_other_site.txt"),
        root.join("seeds/en_other_site.txt"),
    )
    .unwrap();
    for _ in 0..100 {
        if pages() > before {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(pages() > before, "the new seed was never imported");

    assert!(server.stop().success(), "Ctrl-C is a clean exit");
    assert_eq!(
        common::all_files(&root.join("public")),
        public,
        "serve touched public/"
    );
}

#[test]
fn serve_under_a_base_path_as_github_pages_would() {
    let (_dir, root) = fixture();
    let server = Serve::start(&root, &["--base-path", "repo"]);
    assert!(server.url.ends_with("/repo/"), "{}", server.url);
    let (status, body) = server.get("");
    assert_eq!(status, 200);
    assert!(body.contains("<html"));
    let (status, _) = server.get("themes/investment/");
    assert_eq!(status, 200);
    let bare = server.url.trim_end_matches("repo/").to_string();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let outside = agent.get(format!("{bare}index.html")).call().unwrap();
    assert_eq!(outside.status().as_u16(), 404);
    assert!(!root.join("public").exists(), "serve wrote public/");
}
