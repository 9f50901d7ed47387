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

/// The closest of `candidates` to `word`, when it is close enough to be a
/// likely typo ("nagoyaa" → "nagoya"), for "did you mean" hints.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Turn a toml parse error into an `Error::Input` at the right line of the file.
/// `line_offset` is the number of lines before the TOML starts in the file
/// (front matter begins after the opening `+++`).
pub fn from_toml(path: &Path, text: &str, line_offset: usize, err: &toml::de::Error) -> Error {
    let line = err
        .span()
        .map(|span| line_of_offset(text, span.start) + line_offset);
    let message = plain_types(err.message().trim());
    let source_line = line
        .and_then(|l| text.lines().nth(l.saturating_sub(line_offset + 1)))
        .unwrap_or("");
    let hint = syntax_hint(&message, source_line).or_else(|| toml_hint(&message));
    Error::input(path, line, message, hint)
}

/// serde's type names in the words a person editing TOML uses.
fn plain_types(message: &str) -> String {
    const WORDS: [(&str, &str); 14] = [
        (
            "expected usize",
            "expected a whole number ≥ 0, without quotes",
        ),
        (
            "expected u64",
            "expected a whole number ≥ 0, without quotes",
        ),
        (
            "expected u32",
            "expected a whole number ≥ 0, without quotes",
        ),
        (
            "expected u16",
            "expected a whole number ≥ 0, without quotes",
        ),
        ("expected u8", "expected a whole number ≥ 0, without quotes"),
        ("expected i64", "expected a whole number, without quotes"),
        ("expected i32", "expected a whole number, without quotes"),
        (
            "expected f64",
            "expected a number, without quotes (e.g. 1.5)",
        ),
        (
            "expected f32",
            "expected a number, without quotes (e.g. 1.5)",
        ),
        (
            "expected a boolean",
            "expected true or false, without quotes",
        ),
        (
            "expected a sequence",
            "expected a list in brackets, e.g. [\"a\", \"b\"]",
        ),
        (
            "expected a string",
            "expected text in double quotes, e.g. \"text\"",
        ),
        (
            "expected a map",
            "expected a table, e.g. { key = \"value\" }",
        ),
        ("expected struct", "expected a table of keys, for"),
    ];
    let mut out = message.to_string();
    for (from, to) in WORDS {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
}

/// Hints for TOML syntax mistakes, judged from the parser's message and
/// the line it points at.
fn syntax_hint(message: &str, line: &str) -> Option<String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let m = message.to_lowercase();
    if let Some((key, value)) = line.split_once('=') {
        let value = value.trim();
        let bare = !value.is_empty()
            && !value.starts_with(['"', '\'', '[', '{'])
            && value.parse::<f64>().is_err()
            && !matches!(value, "true" | "false")
            && !value.starts_with(|c: char| c.is_ascii_digit());
        if bare {
            return Some(format!(
                "text values need double quotes: {} = \"{}\"",
                key.trim(),
                value.trim_matches('"')
            ));
        }
        if value.starts_with('"') && value.matches('"').count() % 2 == 1 {
            return Some("close the string with a double quote on the same line".into());
        }
        if value.starts_with('[') && !value.contains(']') {
            return Some(
                "close the list with ] (each item in double quotes, separated by commas)".into(),
            );
        }
    } else if (m.contains("expected") || m.contains("invalid")) && !line.starts_with('[') {
        if let Some((key, rest)) = line.split_once(':') {
            return Some(format!(
                "TOML writes `key = value`, not `key: value`: {} = {}",
                key.trim(),
                rest.trim()
            ));
        }
        return Some(format!(
            "a key needs `=` and a value: {} = \"...\"",
            line.split_whitespace().next().unwrap_or(line)
        ));
    }
    None
}

fn toml_hint(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        // "unknown field `titel`, expected one of `title`, `date`, ..."
        let mut names = message.split('`').skip(1).step_by(2);
        let guess = names.next().and_then(|unknown| closest(unknown, names));
        Some(match guess {
            Some(n) => format!("did you mean `{n}`? Otherwise remove the key"),
            None => "remove the key or fix its spelling; the valid keys are listed above".into(),
        })
    } else if message.contains("invalid type: string") && message.contains("without quotes") {
        Some("remove the quotes around the value".into())
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

    fn toml_error(text: &str) -> String {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            #[serde(default)]
            title: String,
            #[serde(default)]
            n: usize,
            #[serde(default)]
            flag: bool,
            #[serde(default)]
            list: Vec<String>,
        }
        let err = toml::from_str::<T>(text).unwrap_err();
        from_toml(Path::new("site.toml"), text, 0, &err).to_string()
    }

    #[test]
    fn type_errors_are_in_plain_words() {
        let e = toml_error("n = \"ten\"\n");
        assert!(e.contains("a whole number"), "{e}");
        let e = toml_error("flag = \"yes\"\n");
        assert!(e.contains("true or false"), "{e}");
        let e = toml_error("list = \"a\"\n");
        assert!(e.contains("list in brackets"), "{e}");
    }

    #[test]
    fn syntax_errors_get_a_hint() {
        let e = toml_error("\ntitle = My digest\n");
        assert!(e.starts_with("site.toml:2:"), "{e}");
        assert!(e.contains("title = \"My digest\""), "{e}");
        let e = toml_error("title: \"x\"\n");
        assert!(e.contains("not `key: value`"), "{e}");
        let e = toml_error("title\n");
        assert!(e.contains("needs `=`"), "{e}");
    }

    #[test]
    fn input_error_names_file_line_and_help() {
        let e = Error::input("x.md", Some(3), "bad", Some("fix it".into()));
        assert_eq!(e.to_string(), "x.md:3: bad\n  help: fix it");
    }
}
