//! The search index, shipped as a script so that it loads from `file://`.
//! (Stub: being written.)

use crate::output::OutputFile;
use crate::site::Site;

pub fn files(_site: &Site) -> Vec<OutputFile> {
    Vec::new()
}
