//! What a page's file and names become: the file's text (UTF-8, or an
//! error at the line and byte where it stops being so), the page address a
//! name makes, and place ids folded to the page they name, so that two names
//! of one page are caught here, where the files they come from are known.

use crate::error::{Error, Result};
use std::path::Path;

/// A file's text, or an error at the line and byte where it stops being UTF-8.
pub(super) fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = at
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        Error::input(
            path,
            Some(line),
            format!(
                "the file is not valid UTF-8 at byte {at} (column {column}, byte 0x{:02x})",
                e.as_bytes()[at]
            ),
            Some("save the file as UTF-8 (an editor's \"Save with encoding\" does it)".into()),
        )
    })
}

/// The page address a name becomes: render's `paths::segment` (a-z, 0-9,
/// `-`, `_`; anything else slugified), so that two names meaning one page
/// are found here, where the files they come from are known.
pub fn address(text: &str) -> String {
    let is_clean = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !text.starts_with('-');
    if is_clean {
        return text.to_string();
    }
    let s = slug::slugify(text);
    if s.is_empty() { "page".to_string() } else { s }
}

/// Place ids that name one page are one place ("Hanoi" and "hanoi",
/// "Quang Ninh" and "quang-ninh"): each folded to that page's id, once, in
/// the order given; empty ids are dropped.
pub(super) fn fold_places(given: Vec<String>) -> Vec<String> {
    let mut places = Vec::with_capacity(given.len());
    for p in given.iter().filter(|p| !p.trim().is_empty()) {
        let id = address(p);
        if !places.contains(&id) {
            places.push(id);
        }
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_ids_fold_to_their_page_once() {
        let given = ["Quang Ninh", "quang-ninh", "Hanoi", "", "hanoi", "ha-long"];
        let folded = fold_places(given.iter().map(|s| s.to_string()).collect());
        assert_eq!(folded, ["quang-ninh", "hanoi", "ha-long"]);
    }

    #[test]
    fn bad_utf8_is_reported_at_its_line_and_byte() {
        let e = utf8(Path::new("a.md"), b"ok\nab\xffc".to_vec())
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("a.md:2: the file is not valid UTF-8 at byte 5 (column 3"),
            "{e}"
        );
    }
}
