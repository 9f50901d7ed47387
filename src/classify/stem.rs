//! Light suffix stemmers for the languages whose terms are written as
//! dictionary forms (English, Norwegian): enough that an inflected word in
//! text meets the term, cheap enough to run on every word.

/// A stem as the stemmers produce it: a prefix of the lower-cased word, or,
/// for English "-ies", that prefix with a "y".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stem {
    Prefix(usize),
    PrefixY(usize),
}

fn strip<'a>(word: &'a str, suffix: &str, min_stem: usize) -> Option<&'a str> {
    let rest = word.strip_suffix(suffix)?;
    (rest.chars().count() >= min_stem).then_some(rest)
}

/// A light English stemmer: enough that "investments", "investing" and
/// "invested" meet "invest", and "technologies" meets "technology".
pub fn stem_en(word: &str) -> String {
    let w = word.replace('’', "'");
    match stem_en_parts(&w) {
        Stem::Prefix(n) => w[..n].to_string(),
        Stem::PrefixY(n) => format!("{}y", &w[..n]),
    }
}

/// `stem_en` of a word with its apostrophes normalised. Every rule cuts a
/// suffix, and the two that add letters ("-ies" to "-y", "-sses" to "-ss")
/// leave an ending no later rule cuts, so the stem is a prefix of the word,
/// with at most a "y" after it.
pub(super) fn stem_en_parts(word: &str) -> Stem {
    let mut w = word;
    if let Some(r) = w.strip_suffix("'s") {
        w = r;
    }
    if let Some(r) = strip(w, "ies", 2) {
        return Stem::PrefixY(r.len());
    } else if strip(w, "sses", 2).is_some() {
        return Stem::Prefix(w.len() - "es".len());
    } else if !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && let Some(r) = strip(w, "s", 3)
    {
        w = r;
    }
    for suffix in ["ment", "ing", "ed"] {
        if let Some(r) = strip(w, suffix, 4) {
            w = r;
            // "transferred" → "transfer", as "transfers" does.
            let mut tail = w.chars().rev();
            if suffix != "ment"
                && let (Some(a), Some(b)) = (tail.next(), tail.next())
                && a == b
                && !matches!(a, 'l' | 's' | 'z' | 'e' | 'o')
            {
                w = &w[..w.len() - a.len_utf8()];
            }
            break;
        }
    }
    if let Some(r) = strip(w, "e", 4) {
        w = r;
    }
    Stem::Prefix(w.len())
}

/// A light Norwegian (bokmål) stemmer: definite and plural endings, so that
/// "investeringer", "investeringene" and "investering" meet.
pub fn stem_nb(word: &str) -> String {
    word[..stem_nb_len(word)].to_string()
}

/// The length of `stem_nb`'s stem, which is always a prefix of the word.
pub(super) fn stem_nb_len(word: &str) -> usize {
    const SUFFIXES: &[&str] = &[
        "ingene", "ingen", "inger", "heten", "ende", "ene", "ane", "het", "ing", "ert", "er", "en",
        "et", "e", "a",
    ];
    for suffix in SUFFIXES {
        if let Some(r) = strip(word, suffix, 4) {
            return r.len();
        }
    }
    word.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_stems_meet() {
        for w in ["investments", "investing", "invested", "investment"] {
            assert_eq!(stem_en(w), "invest", "{w}");
        }
        assert_eq!(stem_en("technologies"), stem_en("technology"));
        assert_eq!(stem_en("exchanges"), stem_en("exchange"));
        assert_eq!(stem_en("agreements"), stem_en("agreement"));
        assert_eq!(stem_en("Japan's".to_lowercase().as_str()), "japan");
    }

    #[test]
    fn norwegian_stems_meet() {
        let s = stem_nb("investering");
        assert_eq!(stem_nb("investeringer"), s);
        assert_eq!(stem_nb("investeringene"), s);
        assert_eq!(stem_nb("bedriftene"), stem_nb("bedrifter"));
        assert_eq!(stem_nb("avtalen"), stem_nb("avtale"));
    }
}
