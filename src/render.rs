//! Rendering the site model through Tera templates. (Stub: being written.)

use crate::error::Result;
use crate::output::OutputFile;
use crate::site::Site;
use std::path::Path;

pub struct Renderer {}

impl Renderer {
    /// Load the built-in templates, then the site's own `templates/` over them.
    pub fn new(_root: &Path) -> Result<Renderer> {
        Ok(Renderer {})
    }

    /// Every HTML page of the site.
    pub fn render_all(&self, _site: &Site) -> Result<Vec<OutputFile>> {
        Ok(Vec::new())
    }
}

/// Built-in static files (path, content), used where the site has no
/// `static/` file of the same name.
pub const BUILTIN_STATIC: &[(&str, &str)] = &[];
