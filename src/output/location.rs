//! Where an output folder may be. Inside one of the site's input folders it
//! would be read back as input by the next build (`static/` is copied into
//! the output: the site would hold its own previous output, and grow with
//! every build), so it is refused before anything is read or written.

use crate::error::{Error, Result};
use std::path::{Component, Path, PathBuf};

/// The folders of a site that a build reads.
pub const INPUT_FOLDERS: [&str; 5] = ["static", "templates", "content", "seeds", "data"];

/// Refuse an output folder inside one of the input folders of `root`.
pub fn check_location(root: &Path, out: &Path) -> Result<()> {
    let real_out = real(out);
    for folder in INPUT_FOLDERS {
        let input = real(&root.join(folder));
        if real_out.starts_with(&input) {
            return Err(Error::Refused(format!(
                "the output folder {} is inside the site's input folder {folder}/, so every build \
                 would read its previous output back in; choose an --output outside {} \
                 (the default is public/)",
                out.display(),
                INPUT_FOLDERS.map(|f| format!("{f}/")).join(", ")
            )));
        }
    }
    Ok(())
}

/// `path` made absolute with its links resolved, as far as it exists; the
/// rest (the output may not exist yet) is appended with `..` taken away.
fn real(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(r) = existing.canonicalize() {
            let mut full = r;
            for c in rest.iter().rev() {
                match c {
                    Component::ParentDir => {
                        full.pop();
                    }
                    Component::Normal(n) => full.push(n),
                    _ => {}
                }
            }
            return full;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(p), Some(last)) => {
                rest.push(last);
                existing = p;
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_in_an_input_folder_is_refused() {
        let d = super::super::test_dir("location");
        std::fs::create_dir_all(d.join("static")).unwrap();
        for bad in ["static/out", "content/x/../y", "seeds", "data/public"] {
            let e = check_location(&d, &d.join(bad)).unwrap_err().to_string();
            assert!(e.contains("inside the site's input folder"), "{bad}: {e}");
        }
        for good in ["public", "www", "static-out", "static/../public"] {
            check_location(&d, &d.join(good)).unwrap();
        }
        std::fs::remove_dir_all(&d).unwrap();
    }
}
