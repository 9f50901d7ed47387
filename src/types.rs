//! Small domain types so that a theme slug, a language code and a page slug
//! cannot be confused with each other or with free text.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where long work reports how far it got. The library never draws
/// anything itself: the command line implements this for the terminal, and
/// everyone else passes [`NoProgress`].
pub trait Progress: Sync {
    /// Start a phase of `total` items (0 when not known).
    fn phase(&self, label: &'static str, total: usize);
    /// One more item of the phase is done; called from many threads.
    fn tick(&self);
}

/// Progress that goes nowhere.
pub struct NoProgress;

impl Progress for NoProgress {
    fn phase(&self, _: &'static str, _: usize) {}
    fn tick(&self) {}
}

/// The slug of a theme declared in `site.toml` (`investment`, `local-cooperation`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ThemeSlug(pub String);

impl ThemeSlug {
    pub fn new(s: impl Into<String>) -> Self {
        ThemeSlug(s.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ThemeSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A BCP 47 language tag as written in front matter (`en`, `vi`, `nb`, `ja`).
/// Only the primary subtag is interpreted; the rest is kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Language(pub String);

impl Language {
    pub fn new(s: impl Into<String>) -> Self {
        Language(s.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The primary subtag, lower-cased: `nb-NO` gives `nb`.
    pub fn primary(&self) -> String {
        self.0
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    }
    /// Whether this looks like a BCP 47 tag: 2-3 letter primary subtag, then
    /// alphanumeric subtags of 1-8 characters.
    pub fn is_well_formed(&self) -> bool {
        let mut parts = self.0.split('-');
        let Some(first) = parts.next() else {
            return false;
        };
        (2..=3).contains(&first.len())
            && first.chars().all(|c| c.is_ascii_alphabetic())
            && parts
                .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
    }
    /// The language's name in that language, for "Also in: Norsk" links.
    pub fn native_name(&self) -> String {
        match self.primary().as_str() {
            "en" => "English",
            "vi" => "Tiếng Việt",
            "ja" => "日本語",
            "nb" | "no" => "Norsk",
            "nn" => "Nynorsk",
            "da" => "Dansk",
            "sv" => "Svenska",
            "de" => "Deutsch",
            "fr" => "Français",
            "es" => "Español",
            "zh" => "中文",
            "ko" => "한국어",
            "ru" => "Русский",
            "th" => "ไทย",
            "id" => "Bahasa Indonesia",
            _ => return self.0.clone(),
        }
        .to_string()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A URL-safe page slug: lower-case ASCII letters, digits and single dashes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Slug(pub String);

impl Slug {
    /// Slugify free text (transliterating accents, so "Hải Phòng" gives `hai-phong`),
    /// cut at a word boundary so that file names stay short.
    pub fn from_text(text: &str, max_len: usize) -> Slug {
        let full = slug::slugify(text);
        if full.len() <= max_len {
            return Slug(full);
        }
        let mut cut = String::new();
        for word in full.split('-') {
            if !cut.is_empty() && cut.len() + 1 + word.len() > max_len {
                break;
            }
            if !cut.is_empty() {
                cut.push('-');
            }
            cut.push_str(word);
        }
        if cut.len() > max_len {
            cut.truncate(max_len);
        }
        Slug(cut.trim_matches('-').to_string())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Just past the `>` that ends an HTML tag, scanning from `from` (inside
/// the tag) and skipping quoted attribute values, which may hold `>`; the
/// end of `bytes` when the tag is never closed. The saved-page importer
/// and the page minifier both read tags this way.
pub fn html_tag_end(bytes: &[u8], from: usize) -> usize {
    let mut j = from.min(bytes.len());
    while let Some(k) = memchr::memchr3(b'>', b'"', b'\'', &bytes[j..]) {
        let q = bytes[j + k];
        if q == b'>' {
            return j + k + 1;
        }
        j = match memchr::memchr(q, &bytes[j + k + 1..]) {
            Some(e) => j + k + 1 + e + 1,
            None => return bytes.len(),
        };
    }
    bytes.len()
}

/// Fold text for accent-insensitive comparison: "Hải Phòng" and "hai phong"
/// fold to the same string. Used by search, the gazetteer and the classifier.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// Whether `c` is a letter of Thai, Lao, Myanmar or Khmer (with their
/// digits and signs): scripts written without spaces between words, whose
/// words are longer in characters than CJK ones (about four to a word).
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c, '\u{0e00}'..='\u{0eff}' | '\u{1000}'..='\u{109f}' | '\u{1780}'..='\u{17ff}')
}

/// How many characters of `s` are CJK and how many of a Thai-like script:
/// the two counts that turn text without word spaces into words.
pub fn glued_letters(s: &str) -> (usize, usize) {
    // Both kinds of script lie at U+0E00 or above, whose UTF-8 starts with a
    // byte of 0xE0 or more: only such characters are decoded, so English
    // or Vietnamese text with a dash or a curly quote costs a byte scan.
    let bytes = s.as_bytes();
    let (mut cjk, mut unspaced) = (0, 0);
    let mut i = 0;
    while let Some(k) = bytes[i..].iter().position(|&b| b >= 0xE0) {
        let at = i + k;
        let Some(c) = s[at..].chars().next() else {
            break;
        };
        cjk += usize::from(is_cjk(c));
        unspaced += usize::from(is_unspaced_script(c));
        i = at + c.len_utf8();
    }
    (cjk, unspaced)
}

/// Whether `c` is of a script whose words a tokeniser cannot cut, CJK or
/// Thai-like: terms and names in it are matched by substring.
pub fn is_glued_script(c: char) -> bool {
    is_cjk(c) || is_unspaced_script(c)
}

/// Whether `c` belongs to a script written without spaces between words,
/// or (Korean) whose words carry particles: kana, CJK ideographs and Hangul.
/// Text in these scripts is matched by substring, never by word.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' // hiragana and katakana
        | '\u{31f0}'..='\u{31ff}' // katakana phonetic extensions
        | '\u{3400}'..='\u{4dbf}' // ideographs, extension A
        | '\u{4e00}'..='\u{9fff}' // unified ideographs
        | '\u{f900}'..='\u{faff}' // compatibility ideographs
        | '\u{1100}'..='\u{11ff}' // hangul jamo
        | '\u{ac00}'..='\u{d7af}' // hangul syllables
        | '\u{ff66}'..='\u{ff9f}' // half-width katakana
    )
}

/// Hangul letters (jamo and syllables): the part of `is_cjk` whose words
/// are written with spaces between them.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11ff}' | '\u{ac00}'..='\u{d7af}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_letters_counts_cjk_and_thai_like_letters_wherever_they_start() {
        assert_eq!(glued_letters("Hanoi and Osaka"), (0, 0));
        assert_eq!(glued_letters("Hà Nội, Đà Nẵng"), (0, 0));
        assert_eq!(glued_letters("Tokyo 東京 and ไทย"), (2, 3));
        assert_eq!(glued_letters("ệ 한국"), (2, 0));
        assert_eq!(glued_letters("Hanoi – Osaka “東京”"), (2, 0));
    }

    #[test]
    fn cjk_covers_kana_kanji_and_hangul_only() {
        for c in ['あ', 'カ', '漢', '한', 'ｶ'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', 'ệ', 'ø', '1', '。', 'ก'] {
            assert!(!is_cjk(c), "{c}");
        }
    }

    #[test]
    fn slug_transliterates_and_cuts_at_words() {
        assert_eq!(
            Slug::from_text("Hải Phòng rises", 80).as_str(),
            "hai-phong-rises"
        );
        let s = Slug::from_text("one two three four five", 12);
        assert_eq!(s.as_str(), "one-two");
    }

    #[test]
    fn language_primary_and_names() {
        assert_eq!(Language::new("nb-NO").primary(), "nb");
        assert_eq!(Language::new("nb").native_name(), "Norsk");
        assert!(Language::new("en-GB").is_well_formed());
        assert!(!Language::new("english!").is_well_formed());
    }

    #[test]
    fn fold_removes_diacritics() {
        assert_eq!(fold("Hải Phòng"), "hai phong");
    }
}

/// A key figure extracted from an article ("48.18 billion USD" with its phrase).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The figure as written: "48.18 billion USD", "630,000", "30%".
    pub value: String,
    /// What the figure counts or measures: the phrase it belongs to.
    pub label: String,
}

/// A CSS colour written `#rgb` or `#rrggbb`, as `colour` in `[[themes]]`.
/// Checked when read, so that it can be written into a stylesheet as is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Colour(String);

impl Colour {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Colour {
    type Error = String;
    fn try_from(s: String) -> Result<Colour, String> {
        let hex = s.strip_prefix('#').unwrap_or("");
        if matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            Ok(Colour(s.to_ascii_lowercase()))
        } else {
            Err(format!(
                "`{s}` is not a colour: write it as \"#rrggbb\", e.g. \"#1d4ed8\""
            ))
        }
    }
}

impl From<Colour> for String {
    fn from(c: Colour) -> String {
        c.0
    }
}
