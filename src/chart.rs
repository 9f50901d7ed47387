//! Inline SVG charts generated at build time. (Stub: being written.)

use crate::site::Site;

/// Articles per month, stacked by theme, for the given listed articles.
pub fn months_svg(_site: &Site, _articles: &[usize]) -> String {
    String::new()
}

/// A small sparkline of one theme's coverage over time.
pub fn sparkline_svg(_site: &Site, _articles: &[usize]) -> String {
    String::new()
}
