//! One error type for the library. Every variant that comes from user input
//! names the file, the line when known, what is wrong and how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in the user's files a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: Option<usize>,
}

impl Location {
    pub fn new(path: impl Into<PathBuf>, line: Option<usize>) -> Self {
        Location {
            path: path.into(),
            line,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path.display(), line),
            None => write!(f, "{}", self.path.display()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem in a file the user wrote (site.toml, a content page, a template, a seed).
    #[error("{location}: {message}{}", hint_suffix(.hint))]
    Input {
        location: Location,
        message: String,
        hint: Option<String>,
    },
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    /// The tool refuses to do something that could lose the user's data.
    #[error("{0}")]
    Refused(String),
    /// Several independent problems, reported together so one build shows them all.
    #[error("{}", join_errors(.0))]
    Many(Vec<Error>),
}

fn hint_suffix(hint: &Option<String>) -> String {
    match hint {
        Some(h) => format!("\n  help: {h}"),
        None => String::new(),
    }
}

fn join_errors(errors: &[Error]) -> String {
    errors
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    pub fn input(
        path: impl AsRef<Path>,
        line: Option<usize>,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> Self {
        Error::Input {
            location: Location::new(path.as_ref(), line),
            message: message.into(),
            hint,
        }
    }

    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// Collapse a list of errors: none is `Ok`, one is itself, more are `Many`.
    pub fn collect(mut errors: Vec<Error>) -> Result<()> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.pop().expect("one error")),
            _ => Err(Error::Many(errors)),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The 1-based line of a byte offset in `text`, for errors from parsers that
/// report spans (toml does).
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Turn a toml parse error into an `Error::Input` at the right line of the file.
/// `line_offset` is the number of lines before the TOML starts in the file
/// (front matter begins after the opening `+++`).
pub fn from_toml(path: &Path, text: &str, line_offset: usize, err: &toml::de::Error) -> Error {
    let line = err
        .span()
        .map(|span| line_of_offset(text, span.start) + line_offset);
    let message = err.message().trim().to_string();
    let hint = toml_hint(&message);
    Error::input(path, line, message, hint)
}

fn toml_hint(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("remove the key or fix its spelling; the valid keys are listed above".into())
    } else if message.contains("invalid type") {
        Some(
            "check the value's type: strings need quotes, lists use [ ], dates are YYYY-MM-DD"
                .into(),
        )
    } else if message.contains("missing field") {
        Some("add the key; see README.md for the format".into())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_of_offset_counts_newlines() {
        assert_eq!(line_of_offset("a\nb\nc", 0), 1);
        assert_eq!(line_of_offset("a\nb\nc", 2), 2);
        assert_eq!(line_of_offset("a\nb\nc", 4), 3);
    }

    #[test]
    fn input_error_names_file_line_and_help() {
        let e = Error::input("x.md", Some(3), "bad", Some("fix it".into()));
        assert_eq!(e.to_string(), "x.md:3: bad\n  help: fix it");
    }
}
