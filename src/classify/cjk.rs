//! Term matching for scripts written without spaces between words
//! (Japanese, Chinese, Thai) or with particles glued to words (Korean): a word
//! tokeniser sees a whole clause as one word there, so these terms are found
//! by substring, all at once, with one Aho-Corasick automaton per table.

use crate::types::{glued_letters, is_glued_script};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Whether a term or name is written (partly) in a CJK or Thai-like
/// script, and so is matched by substring rather than by word.
pub fn matched_inside_words(s: &str) -> bool {
    s.chars().any(is_glued_script)
}

/// Substrings with a value each; longest match wins, matches never overlap.
#[derive(Debug, Clone)]
pub struct SubstringIndex<T> {
    patterns: Vec<String>,
    values: Vec<T>,
    automaton: Option<AhoCorasick>,
}

impl<T> Default for SubstringIndex<T> {
    fn default() -> Self {
        SubstringIndex {
            patterns: Vec::new(),
            values: Vec::new(),
            automaton: None,
        }
    }
}

impl<T> SubstringIndex<T> {
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The value already stored for `pattern`, to merge into.
    pub fn value_mut(&mut self, pattern: &str) -> Option<&mut T> {
        let i = self.patterns.iter().position(|p| p == pattern)?;
        self.automaton = None;
        Some(&mut self.values[i])
    }

    pub fn insert(&mut self, pattern: String, value: T) {
        if pattern.is_empty() || self.patterns.contains(&pattern) {
            return;
        }
        self.patterns.push(pattern);
        self.values.push(value);
        self.automaton = None;
    }

    /// Compile the automaton; call once after the last insert.
    pub fn build(&mut self) {
        if self.patterns.is_empty() {
            return;
        }
        self.automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&self.patterns)
            .ok();
    }

    pub fn value(&self, id: usize) -> &T {
        &self.values[id]
    }

    /// Every match in `text`, left to right, as (pattern id, start, end).
    /// Text without a CJK or Thai-like character is not searched: its terms
    /// are words.
    pub fn find_all(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        if !matched_inside_words(text) {
            return Vec::new();
        }
        ac.find_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect()
    }
}

/// Words in `tokens` for normalising scores by length: a run of CJK
/// characters is one token but about one word per two characters (per
/// four in Thai, Lao, Myanmar and Khmer, whose words are longer).
pub fn word_count(tokens: &[super::text::Token]) -> usize {
    tokens
        .iter()
        .map(|t| {
            if t.lower().is_ascii() {
                return 1;
            }
            let (cjk, unspaced) = glued_letters(t.lower());
            if cjk + unspaced == 0 {
                1
            } else {
                (cjk.div_ceil(2) + unspaced.div_ceil(4)).max(1)
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_substring_wins_without_word_breaks() {
        let mut idx = SubstringIndex::default();
        idx.insert("投資".to_string(), 1);
        idx.insert("直接投資".to_string(), 2);
        idx.insert("技能実習生".to_string(), 3);
        idx.build();
        let hits: Vec<i32> = idx
            .find_all("韓国企業の対越直接投資と技能実習生の受け入れ、投資額")
            .into_iter()
            .map(|(id, _, _)| *idx.value(id))
            .collect();
        assert_eq!(hits, [2, 3, 1]);
        assert!(idx.find_all("direct investment only").is_empty());
    }

    #[test]
    fn korean_particles_do_not_hide_terms() {
        let mut idx = SubstringIndex::default();
        idx.insert("투자".to_string(), ());
        idx.build();
        assert_eq!(idx.find_all("베트남에 대한 투자는 투자자들이").len(), 2);
    }

    #[test]
    fn cjk_runs_count_as_several_words() {
        let toks =
            super::super::text::tokenize("日本とベトナム trade", super::super::text::Lang::Other);
        assert_eq!(word_count(&toks), 4 + 1);
    }
}
