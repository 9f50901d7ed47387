//! Import: raw scraped seeds to clean, hand-editable Markdown pages.
//! (Stub: being written.)

use crate::config::SiteConfig;
use crate::error::Result;
use std::path::Path;

pub const SEEDS_DIR: &str = "seeds";

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Seed file names to re-import even over hand edits (the edited page is kept as `.bak`).
    pub force: Vec<String>,
    /// Print what was dropped and extracted: `Some(None)` for every seed,
    /// `Some(Some(name))` for one.
    pub explain: Option<Option<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub written: usize,
    pub unchanged: usize,
    /// One line per page kept as the user edited or deleted it.
    pub kept: Vec<String>,
    /// One line per seed that could not be imported (file and reason).
    pub problems: Vec<String>,
    /// The `--explain` text, when asked for.
    pub explanation: String,
}

pub fn import(_root: &Path, _config: &SiteConfig, _opts: &ImportOptions) -> Result<ImportReport> {
    Ok(ImportReport::default())
}
