//! `serve`: a preview server with live reload.
//!
//! It builds through the same `build::build_with` as `build` (import, then
//! the incremental path), into a private temporary folder, so `public/` —
//! the deployable output — is never touched. A watcher rebuilds on every
//! change to the site's inputs; open pages learn of it through server-sent
//! events from a small script that is injected into HTML responses only
//! here, never written to disk. A failed build is shown in open pages as an
//! overlay (the error's file, line, message and hint) while the last good
//! pages stay served; the next good build reloads them.

use crate::build::{self, BuildOptions};
use crate::types::NoProgress;
use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::Duration;

/// The inputs a site is built from, relative to its root.
const WATCHED: [&str; 6] = [
    "site.toml",
    "seeds",
    "content",
    "templates",
    "static",
    "data",
];
/// Where open pages listen for reloads; outside any base path.
const EVENTS: &str = "/__bilateral_digest/events";

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The site's folder (holding site.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The port to listen on (0 picks a free one).
    #[arg(long, value_name = "N", default_value_t = 1111)]
    port: u16,
    /// The address to listen on; only this machine can connect by default.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    interface: String,
    /// Serve the site under this path, as GitHub Pages serves a project site
    /// (e.g. /repo/).
    #[arg(long, value_name = "PATH", default_value = "/")]
    base_path: String,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

/// What open pages are told: the build's number, and its error if it failed.
struct State {
    generation: u64,
    error: Option<String>,
    /// Whether any build has succeeded, i.e. there are pages to serve.
    built: bool,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    out: PathBuf,
    base: String,
}

impl Shared {
    fn publish(&self, result: crate::Result<build::BuildReport>) {
        let mut s = self.state.lock().expect("state lock");
        match result {
            Ok(report) if report.skipped && s.error.is_none() => return,
            Ok(report) => {
                let problems = report.import.iter().flat_map(|i| &i.problems);
                for w in problems.chain(&report.warnings) {
                    eprintln!("warning: {w}");
                }
                eprintln!("{}", report.summary(&PathBuf::from("the preview")));
                s.error = None;
                s.built = true;
            }
            Err(e) => {
                eprintln!("error: {e}");
                s.error = Some(e.to_string());
            }
        }
        s.generation += 1;
        self.changed.notify_all();
    }
}

pub fn run(args: ServeArgs) -> crate::Result<ExitCode> {
    let base = normalise_base(&args.base_path);
    let temp = tempfile::Builder::new()
        .prefix("bilateral-digest-serve-")
        .tempdir()
        .map_err(|e| crate::Error::io(std::env::temp_dir(), e))?;
    let out = temp.path().join("site");
    let server = tiny_http::Server::http((args.interface.as_str(), args.port)).map_err(|e| {
        crate::Error::Refused(format!(
            "cannot listen on {}:{}: {e} (pass another --port)",
            args.interface, args.port
        ))
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .expect("an IP listener has an IP address");
    let url = format!("http://{addr}{base}");
    let mut opts = BuildOptions::new(args.root.clone());
    opts.output = Some(out.clone());
    // Feeds, the sitemap and 404.html need an absolute URL: the preview's own.
    opts.base_url = Some(url.clone());
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            generation: 0,
            error: None,
            built: false,
        }),
        changed: Condvar::new(),
        out,
        base,
    });
    shared.publish(build::build_with(&opts, &NoProgress));
    let (tx, rx) = mpsc::channel();
    let mut watcher = Watch::start(&args.root, tx)?;
    {
        let shared = Arc::clone(&shared);
        let opts = opts.clone();
        std::thread::spawn(move || {
            while rx.recv().is_ok() {
                // One build for everything saved meanwhile.
                while rx.try_recv().is_ok() {}
                // An input folder made since (seeds/ for a first seed) is
                // watched from now on.
                watcher.add_new_folders();
                shared.publish(build::build_with(&opts, &NoProgress));
            }
        });
    }
    let server = Arc::new(server);
    let stop = Arc::new(AtomicBool::new(false));
    {
        let (server, stop) = (Arc::clone(&server), Arc::clone(&stop));
        ctrlc::set_handler(move || {
            stop.store(true, Ordering::SeqCst);
            server.unblock();
        })
        .map_err(|e| crate::Error::Refused(format!("cannot handle Ctrl-C: {e}")))?;
    }
    println!("serving {url} (Ctrl-C to stop)");
    let _ = std::io::stdout().flush();
    if args.open {
        open_browser(&url);
    }
    for request in server.incoming_requests() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || handle(&shared, request));
    }
    eprintln!("stopped; the preview's temporary folder is removed");
    drop(temp);
    Ok(ExitCode::SUCCESS)
}

/// `/repo` → `/repo/`; `` and `/` → `/`.
fn normalise_base(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// The watcher of a site's inputs: the root itself (not recursively) for
/// site.toml and for input folders made later, and each input folder
/// recursively.
struct Watch {
    debouncer: Debouncer<RecommendedWatcher>,
    root: PathBuf,
    folders: Vec<PathBuf>,
}

impl Watch {
    fn start(root: &Path, tx: mpsc::Sender<()>) -> crate::Result<Watch> {
        let root = std::fs::canonicalize(root).map_err(|e| crate::Error::io(root, e))?;
        let watched_root = root.clone();
        let debouncer = new_debouncer(
            Duration::from_millis(50),
            move |result: DebounceEventResult| {
                let Ok(events) = result else { return };
                let relevant = events.iter().any(|e| {
                    e.path
                        .strip_prefix(&watched_root)
                        .ok()
                        .and_then(|rel| rel.components().next())
                        .is_some_and(|c| WATCHED.iter().any(|w| c.as_os_str() == *w))
                });
                if relevant {
                    let _ = tx.send(());
                }
            },
        )
        .map_err(|e| watch_error(&root, e))?;
        let mut watch = Watch {
            debouncer,
            root,
            folders: Vec::new(),
        };
        let root = watch.root.clone();
        watch
            .debouncer
            .watcher()
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(&root, e))?;
        watch.add_new_folders();
        Ok(watch)
    }

    /// Start watching the input folders that exist now and were not watched.
    fn add_new_folders(&mut self) {
        for dir in &WATCHED[1..] {
            let path = self.root.join(dir);
            if path.is_dir() && !self.folders.contains(&path) {
                match self
                    .debouncer
                    .watcher()
                    .watch(&path, RecursiveMode::Recursive)
                {
                    Ok(()) => self.folders.push(path),
                    Err(e) => eprintln!("warning: {}", watch_error(&path, e)),
                }
            }
        }
        // A folder that was removed is watched again if it comes back.
        self.folders.retain(|p| p.is_dir());
    }
}

fn watch_error(path: &Path, e: notify_debouncer_mini::notify::Error) -> crate::Error {
    crate::Error::Refused(format!("cannot watch {} for changes: {e}", path.display()))
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not start a browser: open {url} yourself");
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn handle(shared: &Shared, request: tiny_http::Request) {
    let url = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    if url == EVENTS {
        let generation = request
            .url()
            .split_once("gen=")
            .and_then(|(_, g)| g.split('&').next()?.parse().ok())
            .unwrap_or(0);
        events(shared, request.into_writer(), generation);
        return;
    }
    let base = shared.base.as_str();
    let Some(rel) = url.strip_prefix(base) else {
        if format!("{url}/") == base {
            redirect(request, base);
        } else {
            let body =
                format!("Not found. The site is served under <a href=\"{base}\">{base}</a>.");
            respond(request, 404, "text/html; charset=utf-8", body.into_bytes());
        }
        return;
    };
    let (generation, error, built) = {
        let s = shared.state.lock().expect("state lock");
        (s.generation, s.error.clone(), s.built)
    };
    if !built {
        let text = error.unwrap_or_else(|| "building…".into());
        let page = format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head>\
             <body><h1>The site does not build yet</h1><pre>{}</pre></body></html>",
            escape(&text)
        );
        respond(
            request,
            500,
            "text/html; charset=utf-8",
            inject(&page, generation, None),
        );
        return;
    }
    let Some(mut path) = local_path(&shared.out, rel) else {
        respond(request, 400, "text/plain", b"bad path".to_vec());
        return;
    };
    if path.is_dir() {
        if !url.ends_with('/') {
            redirect(request, &format!("{url}/"));
            return;
        }
        path.push("index.html");
    }
    let (status, path) = if path.is_file() {
        (200, path)
    } else {
        (404, shared.out.join("404.html"))
    };
    let Ok(bytes) = std::fs::read(&path) else {
        respond(request, 404, "text/plain", b"not found".to_vec());
        return;
    };
    let kind = content_type(&path);
    let body = if kind.starts_with("text/html") {
        inject(
            &String::from_utf8_lossy(&bytes),
            generation,
            error.as_deref(),
        )
    } else {
        bytes
    };
    respond(request, status, kind, body);
}

/// The file under `out` a URL path names; `None` for a path that would leave it.
fn local_path(out: &Path, rel: &str) -> Option<PathBuf> {
    let decoded = percent_decode(rel)?;
    let mut path = out.to_path_buf();
    for c in Path::new(&decoded).components() {
        match c {
            Component::Normal(s) => path.push(s),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(path)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn respond(request: tiny_http::Request, status: u16, kind: &str, body: Vec<u8>) {
    let response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

fn redirect(request: tiny_http::Request, to: &str) {
    let response = tiny_http::Response::empty(301).with_header(header("Location", to));
    let _ = request.respond(response);
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The page with the reload script (and, when the last build failed, the
/// error overlay) before `</body>`.
fn inject(html: &str, generation: u64, error: Option<&str>) -> Vec<u8> {
    // `<` escaped, so that an error quoting `</script>` cannot end the script.
    let error_json = serde_json::to_string(&error)
        .expect("a string serialises")
        .replace('<', "\\u003c");
    let script = format!(
        "<script>{}</script>",
        RELOAD_SCRIPT
            .replace("__EVENTS__", &format!("{EVENTS}?gen={generation}"))
            .replace("__ERROR__", &error_json)
    );
    match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{script}").into_bytes(),
    }
}

/// Reload on a good build; show the failed build's error over the page.
const RELOAD_SCRIPT: &str = r#"(function () {
  function overlay(text) {
    var box = document.getElementById("bd-build-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "bd-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:1rem;z-index:2147483647;overflow:auto;" +
        "background:#fff;color:#111;border:3px solid #b00020;padding:1rem;font:14px/1.4 monospace";
      var h = document.createElement("h2");
      h.textContent = "The site does not build: showing the last good version";
      var pre = document.createElement("pre");
      pre.style.whiteSpace = "pre-wrap";
      box.appendChild(h);
      box.appendChild(pre);
      document.body.appendChild(box);
    }
    box.lastChild.textContent = text;
  }
  var initial = __ERROR__;
  if (initial) overlay(initial);
  var source = new EventSource("__EVENTS__");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("failed", function (e) { overlay(JSON.parse(e.data)); });
})();"#;

/// Server-sent events for one open page: `failed` with the error text when a
/// build fails, `reload` when one succeeds after the page was served.
fn events(shared: &Shared, mut out: Box<dyn Write + Send>, mut seen: u64) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: close\r\n\r\nretry: 500\n\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = {
            let mut s = shared.state.lock().expect("state lock");
            while s.generation == seen {
                let (next, timeout) = shared
                    .changed
                    .wait_timeout(s, Duration::from_secs(15))
                    .expect("state lock");
                s = next;
                if timeout.timed_out() {
                    break;
                }
            }
            if s.generation == seen {
                // A comment: a closed page shows up as a failed write.
                ": still here\n\n".to_string()
            } else {
                seen = s.generation;
                match &s.error {
                    Some(e) => format!(
                        "event: failed\ndata: {}\n\n",
                        serde_json::to_string(e).expect("a string serialises")
                    ),
                    None => "event: reload\ndata: {}\n\n".to_string(),
                }
            }
        };
        if out
            .write_all(message.as_bytes())
            .and_then(|_| out.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_and_local_paths() {
        assert_eq!(normalise_base("repo"), "/repo/");
        assert_eq!(normalise_base("/"), "/");
        let out = Path::new("out");
        assert_eq!(local_path(out, "a/b.html"), Some(out.join("a/b.html")));
        assert_eq!(local_path(out, "../secret"), None);
        assert_eq!(local_path(out, "a/%2e%2e/%2e%2e/x"), None);
    }

    #[test]
    fn script_goes_before_the_body_end() {
        let html = String::from_utf8(inject("<body><p>x</p></body>", 3, Some("bad"))).unwrap();
        assert!(html.contains("?gen=3"));
        assert!(html.contains("var initial = \"bad\""));
        assert!(html.ends_with("</script></body>"));
        let html = String::from_utf8(inject("<body></body>", 1, Some("</script>"))).unwrap();
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
    }
}
