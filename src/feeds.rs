//! Atom and JSON feeds, sitemap and robots.txt. (Stub: being written.)

use crate::output::OutputFile;
use crate::site::Site;

/// Feed and sitemap files; empty when the site has no `base_url`.
pub fn files(_site: &Site) -> Vec<OutputFile> {
    Vec::new()
}
