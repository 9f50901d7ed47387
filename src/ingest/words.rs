//! The word lists the cleaner's shapes are filled with (weekdays, month
//! names, time words, photo credits, figure numbers, "read also" labels,
//! field and byline labels, share and reporter words, copyright notices,
//! advertisements' labels, sites' notices), read from `data/chrome.toml` so
//! that adding a language's words is an edit of data, not of code. The file
//! is built into the binary and parsed once.

use serde::Deserialize;
use std::sync::OnceLock;

/// The built-in lists.
pub const BUILTIN: &str = include_str!("../../data/chrome.toml");

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub weekdays: Vec<String>,
    pub time_words: Vec<String>,
    pub photo_words: Vec<String>,
    pub photo_by: Vec<String>,
    pub figure_words: Vec<String>,
    pub related_labels: Vec<String>,
    pub field_labels: Vec<String>,
    pub byline_labels: Vec<String>,
    pub byline_conjunctions: Vec<String>,
    pub author_placeholders: Vec<String>,
    pub share_words: Vec<String>,
    pub reporter_words: Vec<String>,
    pub position_words: Vec<String>,
    pub position_openings: Vec<String>,
    pub comment_words: Vec<String>,
    pub section_names: Vec<String>,
    pub figure_labels: Vec<String>,
    pub caption_phrases: Vec<String>,
    pub copyright_words: Vec<String>,
    pub home_labels: Vec<String>,
    pub illustration_marks: Vec<String>,
    pub caption_endings: Vec<String>,
    pub reading_time_words: Vec<String>,
    pub caption_verbs: Vec<String>,
    pub contact_labels: Vec<String>,
    pub continue_labels: Vec<String>,
    pub ad_labels: Vec<String>,
    pub notice_phrases: Vec<String>,
    /// Twelve lists, January first.
    pub months: Vec<Vec<String>>,
}

/// The lists, parsed on first use. The built-in file is checked by a test;
/// should it ever fail to parse, the lists are empty rather than the
/// importer stopping (the shapes that need no words still apply).
pub fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| toml::from_str(BUILTIN).unwrap_or_default())
}

/// `list` holds `w` (compared as bytes, length and first byte first: the
/// lists are read for many words of many lines).
pub fn holds(list: &[String], w: &str) -> bool {
    let (len, first) = (w.len(), w.as_bytes().first());
    list.iter()
        .any(|x| x.len() == len && x.as_bytes().first() == first && x == w)
}

/// Some entry of `list` occurs in `lower` (text already lower-cased).
pub fn occurs_in(list: &[String], lower: &str) -> bool {
    list.iter().any(|x| lower.contains(x.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_lists_parse_and_are_filled() {
        let w: Words = toml::from_str(BUILTIN).unwrap();
        for (name, list) in [
            ("weekdays", &w.weekdays),
            ("time_words", &w.time_words),
            ("photo_words", &w.photo_words),
            ("photo_by", &w.photo_by),
            ("figure_words", &w.figure_words),
            ("related_labels", &w.related_labels),
            ("field_labels", &w.field_labels),
            ("byline_labels", &w.byline_labels),
            ("byline_conjunctions", &w.byline_conjunctions),
            ("author_placeholders", &w.author_placeholders),
            ("share_words", &w.share_words),
            ("reporter_words", &w.reporter_words),
            ("position_words", &w.position_words),
            ("position_openings", &w.position_openings),
            ("comment_words", &w.comment_words),
            ("section_names", &w.section_names),
            ("figure_labels", &w.figure_labels),
            ("caption_phrases", &w.caption_phrases),
            ("copyright_words", &w.copyright_words),
            ("home_labels", &w.home_labels),
            ("illustration_marks", &w.illustration_marks),
            ("caption_endings", &w.caption_endings),
            ("reading_time_words", &w.reading_time_words),
            ("caption_verbs", &w.caption_verbs),
            ("contact_labels", &w.contact_labels),
            ("continue_labels", &w.continue_labels),
            ("ad_labels", &w.ad_labels),
            ("notice_phrases", &w.notice_phrases),
        ] {
            assert!(list.len() >= 5, "{name}");
        }
        assert_eq!(w.months.len(), 12, "months: one list per month");
        // Lower case where the rules compare lower-cased text.
        for list in [
            &w.weekdays,
            &w.time_words,
            &w.photo_words,
            &w.photo_by,
            &w.related_labels,
            &w.copyright_words,
            &w.home_labels,
            &w.illustration_marks,
            &w.reading_time_words,
            &w.caption_verbs,
            &w.contact_labels,
            &w.continue_labels,
            &w.ad_labels,
            &w.notice_phrases,
            &w.position_openings,
            &w.byline_conjunctions,
            &w.author_placeholders,
        ] {
            assert!(list.iter().all(|x| x.to_lowercase() == *x), "{list:?}");
        }
        assert!(holds(&w.weekdays, "mardi") && !holds(&w.weekdays, "mard"));
        assert!(w.comment_words.iter().all(|c| w.share_words.contains(c)));
    }
}
