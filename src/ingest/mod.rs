//! Import: raw scraped seeds to clean, hand-editable Markdown pages.
//!
//! [`process_seed`] cleans and extracts one seed without I/O; [`import`]
//! runs it over `seeds/`, classifies, links stories, and writes pages under
//! the edit-keeping rules: a page is written only when none exists, or when
//! it is still exactly what import last wrote. Edited and deleted pages are
//! left alone and reported, unless `--force` names their seed.
//!
//! A run holds the site's lock (`output::lock`); pages and the record are
//! replaced whole; a damaged record is an error, never an empty record
//! (`record`); seeds are the site's own files, named by their exact bytes
//! (`seeds`); what a kill or a full disk leaves is whole (`write`).

mod assemble;
mod body;
pub mod charset;
mod chrome;
pub mod clean;
mod dates;
pub mod escape;
pub mod extract;
pub mod feed;
mod headline;
pub mod html;
mod import;
pub mod lang;
mod links;
mod markdown;
mod rebuild;
pub mod record;
mod repeats;
pub mod seeds;
mod ticker;
mod title;
mod unwrap;
mod wire;
mod words;
mod write;

pub use import::{import, import_with_progress};
pub use rebuild::{RebuildReport, rebuild_record};

use crate::classify::{self, Classifier, Document, LinkKind, StoryDoc};
use crate::config::SiteConfig;
use crate::content::{self, ARTICLES_DIR, CONTENT_DIR, FrontMatter};
use crate::error::{Error, Result};
use crate::types::{Language, Slug};
use extract::DateValue;
use rayon::prelude::*;
use record::{Record, SeedEntry, sha256_hex};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

pub const SEEDS_DIR: &str = "seeds";
/// Seeds larger than this are refused: no news article is that long, and a
/// file that size is most likely something else saved by mistake.
pub const MAX_SEED_BYTES: u64 = 5 * 1024 * 1024;
const SLUG_MAX: usize = 80;
/// The version of what import makes of a seed. Bump it when cleaning,
/// extraction or classification output changes: pages still exactly as an
/// older importer wrote them are then imported again (pages edited or
/// deleted by hand never are).
pub const IMPORTER_VERSION: u32 = 8;

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
    /// Pages written this run, relative to the site root, sorted.
    pub pages: Vec<PathBuf>,
}

/// Why a seed could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedProblem {
    Empty,
    Binary,
    InvalidUtf8 {
        offset: usize,
    },
    /// Text in another Unicode encoding that could not be decoded, or that
    /// has no byte-order mark to tell which it is.
    OtherEncoding {
        encoding: &'static str,
        why: String,
    },
    TooLarge {
        bytes: u64,
    },
    NoBody,
    /// Cleaning left no headline: the page would have an empty title, which
    /// the build refuses.
    NoTitle,
    /// A saved page or feed that cannot be read as one: `what` it was taken
    /// for, and `why` (with the fix).
    Unreadable {
        what: &'static str,
        why: String,
    },
}

impl fmt::Display for SeedProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SeedProblem::Empty => write!(
                f,
                "the file is empty; paste the article's text into it, or delete it"
            ),
            SeedProblem::Binary => write!(
                f,
                "the file is binary, not text; save the article as plain UTF-8 text"
            ),
            SeedProblem::InvalidUtf8 { offset } => write!(
                f,
                "the file is not valid UTF-8 (first bad byte at offset {offset}); re-save it as UTF-8"
            ),
            SeedProblem::OtherEncoding { encoding, why } => {
                write!(f, "the file is {encoding} text {why}; re-save it as UTF-8")
            }
            SeedProblem::TooLarge { bytes } => write!(
                f,
                "the file is {:.1} MB, over the {} MB limit for one article; keep only the article's text",
                *bytes as f64 / 1_048_576.0,
                MAX_SEED_BYTES / 1_048_576
            ),
            SeedProblem::NoTitle => write!(
                f,
                "no headline found (the page's title would be empty); put the article's headline on the first line of the file"
            ),
            SeedProblem::Unreadable { what, why } => write!(f, "not a readable {what}: {why}"),
            SeedProblem::NoBody => write!(
                f,
                "no article body found (no run of full-sentence paragraphs); check that the file holds the article text (`import --explain` shows why each line was dropped)"
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// Markdown made from a saved page's structure (a list, quote, table,
    /// caption, or a paragraph with links), every text in it already
    /// escaped, and its plain text for classification.
    Rich {
        markdown: String,
        plain: String,
    },
}

/// A cleaned seed: front matter from extraction (no classification yet),
/// the body, and the explanation of every decision.
#[derive(Debug, Clone)]
pub struct ImportedArticle {
    pub front: FrontMatter,
    pub blocks: Vec<Block>,
    /// Line-by-line account: dropped lines with reasons, what was extracted.
    pub explanation: String,
}

impl ImportedArticle {
    /// The body as escaped Markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            match b {
                Block::Heading(t) => {
                    out.push_str("## ");
                    out.push_str(&escape::heading(t));
                }
                Block::Paragraph(t) => out.push_str(&escape::paragraph(t)),
                Block::Rich { markdown, .. } => out.push_str(markdown),
            }
        }
        out
    }

    /// The body as plain text, paragraphs separated by blank lines.
    pub fn plain(&self) -> String {
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Heading(t) | Block::Paragraph(t) | Block::Rich { plain: t, .. } => {
                    t.as_str()
                }
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// Unicode text in UTF-16 with a byte-order mark, decoded. `None` when
/// the bytes do not start with one.
fn decode_utf16(bytes: &[u8]) -> Option<Result<String, SeedProblem>> {
    let (big_endian, encoding) = match bytes {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => {
            return Some(Err(SeedProblem::OtherEncoding {
                encoding: "UTF-32",
                why: "(which this tool does not read)".into(),
            }));
        }
        [0xFF, 0xFE, ..] => (false, "UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] => (true, "UTF-16 (big-endian)"),
        _ => return None,
    };
    let body = &bytes[2..];
    if body.len() % 2 == 1 {
        return Some(Err(SeedProblem::OtherEncoding {
            encoding,
            why: "cut short (an odd number of bytes)".into(),
        }));
    }
    let units = body.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut out = String::with_capacity(body.len());
    for (k, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => out.push(c),
            Err(_) => {
                return Some(Err(SeedProblem::OtherEncoding {
                    encoding,
                    why: format!("with a broken character at byte {}", 2 + 2 * k),
                }));
            }
        }
    }
    Some(Ok(out))
}

/// UTF-16 without a byte-order mark: ASCII-heavy text has a NUL in every
/// other byte. Named, since "binary" would send the user looking elsewhere.
fn looks_like_utf16(bytes: &[u8]) -> Option<&'static str> {
    let half = bytes.len() / 2;
    if half < 2 {
        return None;
    }
    let zeros = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= half * 9 && even == 0 {
        Some("UTF-16 (little-endian)")
    } else if even * 10 >= half * 9 && odd == 0 {
        Some("UTF-16 (big-endian)")
    } else {
        None
    }
}

fn check_bytes(bytes: &[u8]) -> Result<Cow<'_, str>, SeedProblem> {
    if bytes.len() as u64 > MAX_SEED_BYTES {
        return Err(SeedProblem::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    let text: Cow<str> = match decode_utf16(bytes) {
        Some(decoded) => Cow::Owned(decoded?),
        None => {
            let controls = bytes
                .iter()
                .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
                .count();
            if bytes.contains(&0) || controls * 20 > bytes.len().max(1) {
                return Err(match looks_like_utf16(bytes) {
                    Some(encoding) => SeedProblem::OtherEncoding {
                        encoding,
                        why: "without a byte-order mark".into(),
                    },
                    None => SeedProblem::Binary,
                });
            }
            let text = std::str::from_utf8(bytes).map_err(|e| SeedProblem::InvalidUtf8 {
                offset: e.valid_up_to(),
            })?;
            Cow::Borrowed(text.strip_prefix('\u{feff}').unwrap_or(text))
        }
    };
    // Decoded UTF-16 is held to the same rule as UTF-8: text, not control codes.
    if text.contains('\0') {
        return Err(SeedProblem::Binary);
    }
    if text.trim().is_empty() {
        return Err(SeedProblem::Empty);
    }
    Ok(text)
}

/// Clean and extract one seed, without I/O. `lang_hint` overrides detection.
pub fn process_seed(
    name: &str,
    bytes: &[u8],
    lang_hint: Option<&Language>,
) -> Result<ImportedArticle, SeedProblem> {
    process_seed_among(name, bytes, lang_hint, &[])
}

/// A text seed's text, checked and with one kind of line break.
fn seed_text(bytes: &[u8]) -> Result<String, SeedProblem> {
    Ok(check_bytes(bytes)?
        .replace("\r\n", "\n")
        .replace('\r', "\n"))
}

/// For `import --explain`: how each line of text seed `name` was read, when
/// no body was found in it (the error says to look here). `None` for saved
/// pages and feeds, which are not read line by line.
pub(crate) fn line_report(name: &str, bytes: &[u8], allowed: &[Language]) -> Option<String> {
    if html::is_page(name.as_bytes()) || feed::is_feed(name.as_bytes()) {
        return None;
    }
    let text = seed_text(bytes).ok()?;
    let (text, _) = unwrap::unwrap(&text);
    Some(assemble::line_report(&clean::analyse(&text, None, allowed)))
}

/// [`process_seed`], detecting the language only among `allowed`
/// (site.toml's `detect_languages`; every known language when empty).
pub fn process_seed_among(
    name: &str,
    bytes: &[u8],
    lang_hint: Option<&Language>,
    allowed: &[Language],
) -> Result<ImportedArticle, SeedProblem> {
    if bytes.len() as u64 > MAX_SEED_BYTES {
        return Err(SeedProblem::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    if html::is_page(name.as_bytes()) {
        return html::process(name, bytes, lang_hint, allowed);
    }
    let text = seed_text(bytes)?;
    // Line numbers in `--explain` are those of the joined text.
    let (text, joined) = unwrap::unwrap(&text);
    let hint = lang_hint.map(|l| l.primary());
    let a = clean::analyse(&text, hint.as_deref(), allowed);
    let (start, end) = a.body.ok_or(SeedProblem::NoBody)?;
    let mut article = assemble::assemble(name, &a, start, end);
    if joined > 0 {
        article.explanation.insert_str(
            0,
            &format!("  hard-wrapped text: {joined} line breaks inside paragraphs removed; line numbers below count the joined lines\n"),
        );
    }
    // Import never writes a page the build refuses.
    if article.front.title.trim().is_empty() {
        return Err(SeedProblem::NoTitle);
    }
    Ok(article)
}

/// The longest author line a page or feed gives that is taken as names: a
/// longer one is a description or a list of everyone on the story.
const MAX_AUTHOR_CHARS: usize = 120;

/// Who wrote a saved page or feed item, as it names them, for the front
/// matter: spaces collapsed and a byline label ("By …") cut; none when
/// empty, a web address (a profile link stands where a name should), a
/// publishing system's placeholder ("admin") or too long to be names.
pub(crate) fn clean_author(raw: &str) -> Option<String> {
    let mut name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let w = words::words();
    if let Some(rest) = w
        .byline_labels
        .iter()
        .find_map(|l| chrome::after_byline_label(&name, l))
    {
        name = rest.to_string();
    }
    let lower = name.to_lowercase();
    let is_url = ["http://", "https://", "www."]
        .iter()
        .any(|p| lower.starts_with(p));
    // A label with no name after it ("By").
    let label_only = words::holds(&w.byline_labels, &lower);
    let placeholder = label_only || words::holds(&w.author_placeholders, &lower);
    (!name.is_empty() && !is_url && !placeholder && name.chars().count() <= MAX_AUTHOR_CHARS)
        .then_some(name)
}

#[cfg(test)]
mod tests {
    use super::clean_author;

    #[test]
    fn an_author_is_names_without_the_byline_label() {
        assert_eq!(
            clean_author("  By  An \n Nguyen ").as_deref(),
            Some("An Nguyen")
        );
        assert_eq!(clean_author("文：山田太郎").as_deref(), Some("山田太郎"));
        assert_eq!(
            clean_author("Bypass Editor").as_deref(),
            Some("Bypass Editor")
        );
        assert_eq!(
            clean_author("Ken Sato, Hanoi").as_deref(),
            Some("Ken Sato, Hanoi")
        );
        for none in [
            "",
            "   ",
            "https://www.facebook.com/someone",
            "www.example.com/writer",
            "Admin",
            "By ",
            &"word ".repeat(40),
        ] {
            assert_eq!(clean_author(none), None, "{none:?}");
        }
    }
}
