//! Tokenising, light stemming and phrase matching shared by the theme
//! scorer, the gazetteer and the country detector.
//!
//! Matching is token based, never regex based, so that a table of thousands of
//! terms costs a few hash lookups per word of text.

use super::stem::{Stem, stem_en, stem_en_parts, stem_nb, stem_nb_len};
use crate::types::fold;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// One word of text, in the forms the matchers compare.
///
/// Most words of a text are lower-case already, fold to themselves and stem
/// to a prefix of themselves, so the forms borrow from the text or from each
/// other: tokenising a body then allocates for few of its words.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    lower: Cow<'a, str>,
    /// `None` when folding leaves `lower` as is.
    folded: Option<Box<str>>,
    stem: Stem,
    /// Whether the word starts with a capital letter as written.
    pub cap: bool,
    /// Byte range in the source text.
    pub start: usize,
    pub end: usize,
    /// Whether only spaces, hyphens or dashes separate this word from the one
    /// before it in the same sentence (multi-word names never span a comma).
    pub joined: bool,
    /// Index of the sentence the word is in.
    pub sentence: u32,
}

impl Token<'_> {
    /// Lower-cased, diacritics kept: "đầu", "overføring".
    pub fn lower(&self) -> &str {
        &self.lower
    }

    /// Lower-cased, diacritics removed: "dau", "overforing".
    pub fn folded(&self) -> &str {
        self.folded.as_deref().unwrap_or(&self.lower)
    }

    /// `lower` after the document language's suffix stemmer.
    pub fn stem(&self) -> Cow<'_, str> {
        match self.stem {
            Stem::Prefix(n) => Cow::Borrowed(&self.lower[..n]),
            Stem::PrefixY(n) => Cow::Owned(format!("{}y", &self.lower[..n])),
        }
    }

    /// Whether the stem is `s`, without building it.
    fn stem_is(&self, s: &str) -> bool {
        match self.stem {
            Stem::Prefix(n) => &self.lower[..n] == s,
            Stem::PrefixY(n) => s.strip_suffix('y') == Some(&self.lower[..n]),
        }
    }
}

/// The languages the classifier tells apart. English and Bokmål have a
/// stemmer; the others are matched unstemmed (write `word*` in the data
/// file for inflected languages), and Japanese, Chinese and Korean by
/// substring (see [`super::cjk`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Vi,
    Nb,
    Ja,
    Zh,
    Ko,
    Fr,
    De,
    Es,
    Sv,
    Da,
    Other,
}

impl Lang {
    /// From a language code as written in front matter or the data files.
    pub fn from_code(code: &str) -> Lang {
        match code
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
            .as_str()
        {
            "en" => Lang::En,
            "vi" => Lang::Vi,
            "nb" | "no" | "nn" => Lang::Nb,
            "ja" => Lang::Ja,
            "zh" => Lang::Zh,
            "ko" => Lang::Ko,
            "fr" => Lang::Fr,
            "de" => Lang::De,
            "es" => Lang::Es,
            "sv" => Lang::Sv,
            "da" => Lang::Da,
            _ => Lang::Other,
        }
    }

    pub fn stem(self, lower: &str) -> String {
        match self {
            Lang::En => stem_en(lower),
            Lang::Nb => stem_nb(lower),
            _ => lower.to_string(),
        }
    }

    /// The stem of a token's `lower`, which holds only letters and digits,
    /// so the apostrophes `stem_en` normalises cannot occur in it.
    fn stem_of_word(self, lower: &str) -> Stem {
        match self {
            Lang::En => stem_en_parts(lower),
            Lang::Nb => Stem::Prefix(stem_nb_len(lower)),
            _ => Stem::Prefix(lower.len()),
        }
    }
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\n' | '。' | '！' | '？' | '|' | '•')
}

/// Apostrophes join too: Ukrainian writes "В'єтнам", so a name's two
/// halves must stay one phrase.
fn is_joiner(c: char) -> bool {
    c.is_whitespace() && c != '\n'
        || matches!(c, '-' | '‐' | '–' | '—' | '\u{a0}' | '\'' | '’' | 'ʼ')
}

/// Split text into words (runs of letters and digits). A full stop between
/// two digits ("48.18") does not end a sentence.
pub fn tokenize(text: &str, lang: Lang) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut sentence = 0u32;
    let mut gap_joined = true;
    let mut word_start: Option<usize> = None;
    let mut prev_char: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(i);
            }
        } else {
            if let Some(s) = word_start.take() {
                push_token(&mut tokens, text, s, i, lang, gap_joined, sentence);
                gap_joined = true;
            }
            // "48.18", "TP.HCM" and "baoquocte.vn" do not end a sentence.
            let inner_dot = c == '.'
                && prev_char.is_some_and(char::is_alphanumeric)
                && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
            if inner_dot {
                if !prev_char.is_some_and(|p| p.is_alphabetic()) {
                    gap_joined = false;
                }
            } else if is_sentence_end(c) {
                if !tokens.is_empty()
                    && tokens
                        .last()
                        .is_some_and(|t: &Token<'_>| t.sentence == sentence)
                {
                    sentence += 1;
                }
                gap_joined = false;
            } else if !is_joiner(c) {
                gap_joined = false;
            }
        }
        prev_char = Some(c);
    }
    if let Some(s) = word_start {
        push_token(&mut tokens, text, s, text.len(), lang, gap_joined, sentence);
    }
    tokens
}

fn push_token<'a>(
    tokens: &mut Vec<Token<'a>>,
    text: &'a str,
    start: usize,
    end: usize,
    lang: Lang,
    gap_joined: bool,
    sentence: u32,
) {
    let word = &text[start..end];
    let (lower, folded) = if word.is_ascii() {
        // ASCII lower-cases byte by byte and folds to itself.
        let lower = if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        };
        (lower, None)
    } else {
        let lower = word.to_lowercase();
        let folded = if lower.is_ascii() {
            None
        } else {
            Some(fold(&lower).into_boxed_str())
        };
        (Cow::Owned(lower), folded)
    };
    let stem = lang.stem_of_word(&lower);
    let joined = gap_joined && tokens.last().is_some_and(|t| t.sentence == sentence);
    tokens.push(Token {
        cap: word.chars().next().is_some_and(char::is_uppercase),
        lower,
        folded,
        stem,
        start,
        end,
        joined,
        sentence,
    });
}

/// How one word of a term is compared with a word of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pat {
    /// The text word's stem equals this.
    Stem(String),
    /// The text word without diacritics equals this.
    Folded(String),
    /// The text word with diacritics equals this.
    Lower(String),
    /// The text word without diacritics starts with this (`investering*`).
    PrefixFolded(String),
    /// The text word with diacritics starts with this.
    PrefixLower(String),
}

/// The number of leading characters that index a prefix pattern.
pub const PREFIX_KEY: usize = 4;

fn prefix_key(s: &str) -> &str {
    match s.char_indices().nth(PREFIX_KEY) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

impl Pat {
    pub fn matches(&self, t: &Token) -> bool {
        match self {
            Pat::Stem(s) => t.stem_is(s),
            Pat::Folded(s) => t.folded() == s,
            Pat::Lower(s) => t.lower() == s,
            Pat::PrefixFolded(s) => t.folded().starts_with(s.as_str()),
            Pat::PrefixLower(s) => t.lower().starts_with(s.as_str()),
        }
    }

    fn slot(&self) -> (usize, &str) {
        match self {
            Pat::Stem(s) => (0, s),
            Pat::Folded(s) => (1, s),
            Pat::Lower(s) => (2, s),
            Pat::PrefixFolded(s) => (3, prefix_key(s)),
            Pat::PrefixLower(s) => (4, prefix_key(s)),
        }
    }
}

/// How the words of a term written in a data file become patterns.
#[derive(Debug, Clone, Copy)]
pub enum Policy {
    /// Stem with this language (themes in en/nb; identity for others). Words
    /// written without diacritics also match text without them.
    Stemmed(Lang),
    /// Ignore diacritics entirely (place names: "Hai Phong" is "Hải Phòng").
    Folded,
    /// Words with diacritics must match them ("Nhật" is not "nhất"); words
    /// without match folded text.
    Exact,
}

/// Why a term could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermError {
    Empty,
    ShortPrefix,
}

impl std::fmt::Display for TermError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TermError::Empty => f.write_str("the term has no letters or digits"),
            TermError::ShortPrefix => write!(
                f,
                "a prefix term (ending in *) needs at least {PREFIX_KEY} letters before the *"
            ),
        }
    }
}

/// Compile a term ("foreign direct investment", "investering*", "đầu tư")
/// into one pattern per word.
pub fn compile_term(term: &str, policy: Policy) -> Result<Vec<Pat>, TermError> {
    let lang = match policy {
        Policy::Stemmed(l) => l,
        _ => Lang::Other,
    };
    let words = tokenize(term, Lang::Other);
    if words.is_empty() {
        return Err(TermError::Empty);
    }
    let mut pats = Vec::with_capacity(words.len());
    for w in &words {
        let prefix = term[w.end..].starts_with('*');
        let has_marks = w.lower() != w.folded();
        let pat = if prefix {
            if w.lower().chars().count() < PREFIX_KEY {
                return Err(TermError::ShortPrefix);
            }
            match (policy, has_marks) {
                (Policy::Folded, _) | (_, false) => Pat::PrefixFolded(w.folded().to_string()),
                (_, true) => Pat::PrefixLower(w.lower().to_string()),
            }
        } else {
            match policy {
                Policy::Folded => Pat::Folded(w.folded().to_string()),
                Policy::Exact if has_marks => Pat::Lower(w.lower().to_string()),
                Policy::Exact => Pat::Folded(w.folded().to_string()),
                // Vietnamese is not inflected: a word with marks must keep
                // them, a word written without them matches folded text.
                Policy::Stemmed(l) if !has_marks && !matches!(l, Lang::En | Lang::Nb) => {
                    Pat::Folded(w.folded().to_string())
                }
                Policy::Stemmed(_) => Pat::Stem(lang.stem(w.lower())),
            }
        };
        pats.push(pat);
    }
    Ok(pats)
}

/// Multi-word phrases indexed by their first word; finds the longest phrase
/// starting at a position.
#[derive(Debug, Clone)]
pub struct PhraseIndex<T> {
    phrases: Vec<(Vec<Pat>, T)>,
    slots: [FxHashMap<String, Vec<u32>>; 5],
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex {
            phrases: Vec::new(),
            slots: Default::default(),
        }
    }
}

impl<T> PhraseIndex<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Add a phrase; an identical pattern list already present keeps its value
    /// and the new one is ignored (returns false).
    pub fn insert(&mut self, pats: Vec<Pat>, value: T) -> bool {
        if pats.is_empty() {
            return false;
        }
        let (slot, key) = pats[0].slot();
        if let Some(ids) = self.slots[slot].get(key)
            && ids.iter().any(|&id| self.phrases[id as usize].0 == pats)
        {
            return false;
        }
        let id = self.phrases.len() as u32;
        self.slots[slot]
            .entry(key.to_string())
            .or_default()
            .push(id);
        self.phrases.push((pats, value));
        true
    }

    /// The phrase's value by the id `longest_at` returns.
    pub fn value(&self, id: usize) -> &T {
        &self.phrases[id].1
    }

    pub fn value_mut(&mut self, pats: &[Pat]) -> Option<&mut T> {
        let (slot, key) = pats.first()?.slot();
        let id = *self.slots[slot]
            .get(key)?
            .iter()
            .find(|&&id| self.phrases[id as usize].0 == pats)?;
        Some(&mut self.phrases[id as usize].1)
    }

    /// The longest phrase starting at `tokens[i]`, as (phrase id, word count).
    /// Words of a phrase must be joined (same sentence, no comma between).
    /// Among equally long phrases the first inserted wins.
    pub fn longest_at(&self, tokens: &[Token], i: usize) -> Option<(usize, usize)> {
        let t = &tokens[i];
        let stem = t.stem();
        let keys = [
            &*stem,
            t.folded(),
            t.lower(),
            prefix_key(t.folded()),
            prefix_key(t.lower()),
        ];
        let mut best: Option<(usize, usize)> = None;
        for (slot, key) in keys.iter().enumerate() {
            if self.slots[slot].is_empty() {
                continue;
            }
            let Some(ids) = self.slots[slot].get(*key) else {
                continue;
            };
            for &id in ids {
                let pats = &self.phrases[id as usize].0;
                let n = pats.len();
                if i + n > tokens.len() {
                    continue;
                }
                let ok = pats.iter().enumerate().all(|(k, p)| {
                    let tok = &tokens[i + k];
                    (k == 0 || tok.joined) && p.matches(tok)
                });
                if ok {
                    let better = match best {
                        None => true,
                        Some((bid, bn)) => n > bn || (n == bn && (id as usize) < bid),
                    };
                    if better {
                        best = Some((id as usize, n));
                    }
                }
            }
        }
        best
    }

    /// All non-overlapping longest matches, left to right, as (phrase id, first
    /// token index, word count).
    pub fn find_all(&self, tokens: &[Token]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.longest_at(tokens, i) {
                Some((id, n)) => {
                    out.push((id, i, n));
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Words a lead holds at least, when its first paragraph is shorter (a
/// dateline, a one-line standfirst).
const LEAD_WORDS: usize = 40;
/// Paragraphs a lead holds at most.
const LEAD_PARAGRAPHS: usize = 3;

/// The opening of a body: its first paragraph, or its first few when they
/// are short. A news story says in its lead what it is about; the theme
/// scorer counts the lead's terms again. `tokens` are the body's; the
/// lead's are a prefix of them, so the lead is not tokenised again.
pub fn lead<'b, 't>(body: &'b str, tokens: &'t [Token<'b>]) -> (&'b str, &'t [Token<'b>]) {
    let mut end = 0;
    let mut words = 0;
    let mut taken = 0;
    for (n, para) in body.split("\n\n").enumerate() {
        if n == LEAD_PARAGRAPHS || words >= LEAD_WORDS {
            break;
        }
        end += para.len() + if n == 0 { 0 } else { 2 };
        let upto = taken + tokens[taken..].partition_point(|t| t.end <= end);
        words += super::cjk::word_count(&tokens[taken..upto]);
        taken = upto;
    }
    (&body[..end.min(body.len())], &tokens[..taken])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_sentences_and_joins() {
        let t = tokenize("Hải Phòng, Osaka. Trade hit 48.18 billion–USD", Lang::En);
        let words: Vec<&str> = t.iter().map(|t| t.lower()).collect();
        assert_eq!(
            words,
            [
                "hải", "phòng", "osaka", "trade", "hit", "48", "18", "billion", "usd"
            ]
        );
        assert_eq!(t[1].folded(), "phong");
        assert!(t[1].joined);
        assert!(!t[2].joined, "a comma separates names");
        assert_eq!(t[2].sentence, 0);
        assert_eq!(t[3].sentence, 1);
        assert_eq!(t[6].sentence, 1, "a decimal point is not a full stop");
        assert!(t[8].joined, "an en dash joins");
        assert!(t[0].cap && !t[3 + 1].cap);
    }

    #[test]
    fn phrases_longest_first_and_prefixes() {
        let mut idx = PhraseIndex::new();
        idx.insert(
            compile_term("technology", Policy::Stemmed(Lang::En)).unwrap(),
            "t",
        );
        idx.insert(
            compile_term("technology transfer", Policy::Stemmed(Lang::En)).unwrap(),
            "tt",
        );
        idx.insert(
            compile_term("investering*", Policy::Stemmed(Lang::Nb)).unwrap(),
            "inv",
        );
        let toks = tokenize(
            "Technologies transferred, technology. Investeringsmessige",
            Lang::En,
        );
        let found: Vec<&str> = idx
            .find_all(&toks)
            .iter()
            .map(|&(id, _, _)| *idx.value(id))
            .collect();
        assert_eq!(found, ["tt", "t", "inv"]);
        let toks = tokenize("technology, transfer", Lang::En);
        let found: Vec<&str> = idx
            .find_all(&toks)
            .iter()
            .map(|&(id, _, _)| *idx.value(id))
            .collect();
        assert_eq!(found, ["t"], "a comma breaks a phrase");
    }

    #[test]
    fn exact_policy_keeps_vietnamese_marks() {
        let mut idx = PhraseIndex::new();
        idx.insert(compile_term("Nhật", Policy::Exact).unwrap(), ());
        assert!(idx.find_all(&tokenize("người Nhật", Lang::Vi)).len() == 1);
        assert!(idx.find_all(&tokenize("lớn nhất", Lang::Vi)).is_empty());
        let mut idx = PhraseIndex::new();
        idx.insert(compile_term("Hải Phòng", Policy::Folded).unwrap(), ());
        assert_eq!(
            idx.find_all(&tokenize("in Hai Phong city", Lang::En)).len(),
            1
        );
    }

    #[test]
    fn bad_terms_are_refused() {
        assert_eq!(compile_term("  ", Policy::Folded), Err(TermError::Empty));
        assert_eq!(
            compile_term("inv*", Policy::Folded),
            Err(TermError::ShortPrefix)
        );
    }
}
