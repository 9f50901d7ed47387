//! `check`, `new` and `init`: the commands that prepare and verify a site
//! without building it. The work is the library's; this prints.

use crate::build::{self, CheckOptions};
use crate::error::Result;
use std::path::Path;
use std::process::ExitCode;

pub fn check(root: &Path, external: bool) -> Result<ExitCode> {
    let report = build::check(root, &CheckOptions { external })?;
    for p in &report.problems {
        eprintln!("error: {p}");
    }
    let links = if external {
        format!(", {} external link(s) fetched", report.external_links)
    } else if report.external_links > 0 {
        format!(
            ", {} external link(s) not checked (pass --external)",
            report.external_links
        )
    } else {
        String::new()
    };
    if report.problems.is_empty() {
        eprintln!(
            "check: {} article(s), templates and links are fine{links}",
            report.articles
        );
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "check: {} problem(s) in {} article(s){links}",
            report.problems.len(),
            report.articles
        );
        Ok(ExitCode::FAILURE)
    }
}

pub fn new(root: &Path, title: &str, themes: &[String]) -> Result<ExitCode> {
    let config = build::load_config(root, None)?;
    let path = crate::content::new::new_article(
        root,
        &config,
        title,
        themes,
        crate::content::new::today(),
    )?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

pub fn init(dir: &Path) -> Result<ExitCode> {
    let written = build::init(dir)?;
    for p in &written {
        eprintln!("wrote {}", p.display());
    }
    eprintln!(
        "a new site is in {}: build it with `bilateral-digest build --root {}`",
        dir.display(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
