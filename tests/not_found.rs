//! The 404 page without `base_url`: GitHub Pages serves it for a missing
//! address at any depth, and the site's root is not known at build time.
//! Its script finds the root in the address; here it runs under node with
//! the addresses a reader may mistype, on a user site and a project site.

mod common;

use bilateral_digest::build::build;
use std::process::Command;

#[test]
fn the_404_page_finds_the_site_root_in_the_address() {
    let root = common::fixture_copy("not_found", "root");
    let mut options = common::fixture_options(&root, "public");
    options.base_url = None;
    let text = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("base_url"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(root.join("site.toml"), text).unwrap();
    build(&options).unwrap();
    let page = std::fs::read_to_string(root.join("public/404.html")).unwrap();
    // Links are relative, resolved against the <base> the script sets.
    assert!(
        page.contains(r#"<link rel="stylesheet" href="style.css">"#),
        "{page}"
    );
    let script = page
        .split_once("<script>")
        .and_then(|(_, rest)| rest.split_once("</script>"))
        .map(|(s, _)| s)
        .expect("a script in the 404 page");
    let head_end = page.find("</head>").unwrap();
    let stylesheet = page.find("style.css").unwrap();
    assert!(page.find("<script>").unwrap() < stylesheet && stylesheet < head_end);
    let cases = [
        ("/digest/articles/gone/index.html", "/digest/"),
        ("/digest/themes/nope/", "/digest/"),
        ("/digest/no-such-page", "/digest/"),
        ("/articles/gone/", "/"),
        ("/no-such-page.html", "/"),
        ("/", "/"),
        ("/a/b/search/index.html", "/a/b/"),
    ];
    let mut program = String::from(
        "let out = [];\nfunction run(path) {\n  let base = null;\n  const location = { pathname: path };\n  const document = { createElement: () => ({}), head: { appendChild: (b) => { base = b.href; } }, addEventListener: () => {} };\n",
    );
    program.push_str(&format!("  {script}\n  return base;\n}}\n"));
    for (path, _) in &cases {
        program.push_str(&format!("out.push(run({path:?}));\n"));
    }
    program.push_str("console.log(JSON.stringify(out));\n");
    let out = Command::new("node")
        .arg("-e")
        .arg(&program)
        .output()
        .expect("node runs (it is installed for the search tests)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
    for ((path, want), got) in cases.iter().zip(&got) {
        assert_eq!(got, want, "base for {path}");
    }
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn with_base_url_the_404_page_links_from_the_site_path() {
    let root = common::fixture_copy("not_found", "base");
    let options = common::fixture_options(&root, "public");
    build(&options).unwrap();
    let page = std::fs::read_to_string(root.join("public/404.html")).unwrap();
    assert!(page.contains(r#"href="/digest/style.css""#), "{page}");
    assert!(!page.contains("<script>"));
    let _ = std::fs::remove_dir_all(&root);
}
