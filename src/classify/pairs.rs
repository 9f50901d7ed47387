//! Locality pairs: a locality of each country named in one sentence that
//! speaks of cooperation ("Gunma signed a cooperation agreement with Ninh
//! Binh Province"), in any supported language.

use super::gazetteer::Gazetteer;
use super::text::{Lang, tokenize};
use crate::types::fold;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Finds the pairs of one article at a time; made once per build.
pub struct PairFinder<'g> {
    gaz: &'g Gazetteer,
    places: PlaceFinder<'g>,
    countries: Option<(&'g str, &'g str)>,
}

impl<'g> PairFinder<'g> {
    pub fn new(gaz: &'g Gazetteer) -> PairFinder<'g> {
        let countries = gaz.country_names();
        PairFinder {
            gaz,
            places: PlaceFinder::new(gaz),
            countries: countries.first().copied().zip(countries.get(1).copied()),
        }
    }

    /// The pairs an article names, from its title, plain text, language and
    /// places (front matter): a pair joins two of the article's own places.
    pub fn pairs_of(
        &self,
        title: &str,
        text: &str,
        language: &str,
        places: &[String],
    ) -> Vec<(String, String)> {
        let Some((first, second)) = self.countries else {
            return Vec::new();
        };
        let gaz = self.gaz;
        // Only an article tagged with a place of each country is read.
        let tagged = |country: &str| {
            places
                .iter()
                .any(|p| gaz.get(p).is_some_and(|p| p.country == country))
        };
        if !tagged(first) || !tagged(second) {
            return Vec::new();
        }
        let text = format!("{title}\n{text}");
        let lines = self.places.lines_naming_both(&text, places, first, second);
        if lines.is_empty() {
            return Vec::new();
        }
        let mut found = pairs_in_text("", &lines, Lang::from_code(language), gaz, first, second);
        found.retain(|(a, b)| places.contains(a) && places.contains(b));
        found
    }
}

/// A quick, generous test of which lines of a text may name which places,
/// so that only those are tokenised: most lines of a story name no place of
/// either country. Sentences never run over a line break, so dropping the
/// other lines changes no pair.
struct PlaceFinder<'g> {
    /// The first word of every name and alias, folded the way tokens are (a
    /// name matched word by word always contains it), each word once.
    folded: Vec<String>,
    /// Names in scripts written without spaces, as written.
    raw: Vec<String>,
    /// Place → its patterns in each list: an article's own places give the
    /// few patterns it is searched for.
    patterns_of: FxHashMap<&'g str, (Vec<u32>, Vec<u32>)>,
    gaz: &'g Gazetteer,
}

impl<'g> PlaceFinder<'g> {
    fn new(gaz: &'g Gazetteer) -> PlaceFinder<'g> {
        let mut folded: BTreeMap<String, Vec<&'g str>> = BTreeMap::new();
        let mut raw: BTreeMap<String, Vec<&'g str>> = BTreeMap::new();
        for p in gaz.places() {
            for form in std::iter::once(&p.name).chain(&p.aliases) {
                let f = fold(form);
                if let Some(first) = f
                    .split(|c: char| !c.is_alphanumeric())
                    .find(|w| !w.is_empty())
                {
                    folded.entry(first.to_string()).or_default().push(&p.id);
                }
                if form.chars().any(|c| c >= '\u{2E80}') {
                    raw.entry(form.clone()).or_default().push(&p.id);
                }
            }
        }
        let mut patterns_of: FxHashMap<&'g str, (Vec<u32>, Vec<u32>)> = FxHashMap::default();
        for (k, ids) in folded.values().enumerate() {
            for &id in ids {
                patterns_of.entry(id).or_default().0.push(k as u32);
            }
        }
        for (k, ids) in raw.values().enumerate() {
            for &id in ids {
                patterns_of.entry(id).or_default().1.push(k as u32);
            }
        }
        PlaceFinder {
            folded: folded.into_keys().collect(),
            raw: raw.into_keys().collect(),
            patterns_of,
            gaz,
        }
    }

    /// The pieces of `text` that may name one of `tagged` of each country,
    /// joined by line breaks (empty when none does).
    fn lines_naming_both(
        &self,
        text: &str,
        tagged: &[String],
        first: &str,
        second: &str,
    ) -> String {
        // Per pattern of a tagged place, 1: it may start a place of the
        // first country, 2: of the second.
        let (mut folded_side, mut raw_side): (BTreeMap<u32, u8>, BTreeMap<u32, u8>) =
            Default::default();
        for id in tagged {
            let (Some(p), Some((f, r))) = (self.gaz.get(id), self.patterns_of.get(id.as_str()))
            else {
                continue;
            };
            let s = u8::from(p.country == first) | (u8::from(p.country == second) << 1);
            for &k in f {
                *folded_side.entry(k).or_default() |= s;
            }
            for &k in r {
                *raw_side.entry(k).or_default() |= s;
            }
        }
        // The article is searched for its own places' few patterns only,
        // not for every place's (which would stop at "hai" and "nam" in
        // half the sentences of a Vietnamese story to find they count for
        // nothing). Folded words are lower-case letters and digits, and the
        // pieces are searched lower-cased (ASCII ones as they are, others
        // folded first), one after the other with a line break between
        // them, which no word holds. Only a whole word counts, and a whole
        // word's occurrences never overlap another occurrence of the same
        // word, so one pass of each word finds them all.
        let pieces: Vec<&str> = rough_sentences(text).collect();
        let mut sides = vec![0u8; pieces.len()];
        let mut hay = String::with_capacity(text.len() + pieces.len());
        let mut starts = Vec::with_capacity(pieces.len());
        for piece in &pieces {
            starts.push(hay.len());
            if piece.is_ascii() {
                hay.push_str(piece);
            } else {
                hay.push_str(&fold(piece));
            }
            hay.push('\n');
        }
        hay.make_ascii_lowercase();
        for (&k, &s) in &folded_side {
            let Some(word) = self.folded.get(k as usize) else {
                continue;
            };
            for at in memchr::memmem::find_iter(hay.as_bytes(), word.as_bytes()) {
                let piece = starts.partition_point(|&st| st <= at) - 1;
                if s & !sides[piece] != 0 && whole_word(&hay, at, at + word.len()) {
                    sides[piece] |= s;
                }
            }
        }
        // Names in scripts without spaces are looked for as written, in the
        // pieces that have such letters.
        if !raw_side.is_empty() {
            for (k, piece) in pieces.iter().enumerate() {
                if piece.is_ascii() || !piece.chars().any(|c| c >= '\u{2E80}') {
                    continue;
                }
                for (&r, &s) in &raw_side {
                    if self
                        .raw
                        .get(r as usize)
                        .is_some_and(|name| piece.contains(name.as_str()))
                    {
                        sides[k] |= s;
                    }
                }
            }
        }
        let mut out = String::new();
        for (piece, s) in pieces.iter().zip(sides) {
            if s == 3 {
                out.push_str(piece);
                out.push('\n');
            }
        }
        out
    }
}

/// Whether `text[start..end]` is a whole word: "ha" (Ha Nam) is inside half
/// the words of a text.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    !text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && !text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// Pieces of text that the tokeniser never joins into one sentence: cut after
/// a line break, or after sentence punctuation followed by a space. The
/// tokeniser cuts at least there (it also cuts in places this does not, which
/// only makes pieces longer than needed).
fn rough_sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let mut from = 0;
        // Bytes that may start a cutting character: the ASCII ones, and the
        // lead bytes of `。！？•` (every other character is skipped unread).
        while let Some(off) = bytes[from..]
            .iter()
            .position(|b| matches!(b, b'\n' | b'.' | b'!' | b'?' | b'|' | 0xE2 | 0xE3 | 0xEF))
        {
            let i = from + off;
            let Some(c) = rest[i..].chars().next() else {
                break;
            };
            let after = i + c.len_utf8();
            let cut = match c {
                '\n' => Some(after),
                '.' | '!' | '?' | '。' | '！' | '？' | '|' | '•' => rest[after..]
                    .chars()
                    .next()
                    .is_some_and(char::is_whitespace)
                    .then_some(after),
                _ => None,
            };
            if let Some(end) = cut {
                let (piece, tail) = rest.split_at(end);
                rest = tail;
                return Some(piece.trim_end_matches('\n'));
            }
            from = after;
        }
        Some(std::mem::take(&mut rest))
    })
}

/// The (first-country, second-country) locality pairs of one text, each once.
pub fn pairs_in_text(
    title: &str,
    body: &str,
    lang: Lang,
    gaz: &Gazetteer,
    first: &str,
    second: &str,
) -> Vec<(String, String)> {
    let text = format!("{title}\n{body}");
    let tokens = tokenize(&text, lang);
    let hits = gaz.find_places(&tokens, &text);
    let mut by_sentence: BTreeMap<u32, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for h in &hits {
        let Some(place) = gaz.get(&h.id) else {
            continue;
        };
        let entry = by_sentence.entry(h.sentence).or_default();
        if place.country == first {
            entry.0.push(&place.id);
        } else if place.country == second {
            entry.1.push(&place.id);
        }
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for (sentence, (xs, ys)) in by_sentence {
        if xs.is_empty() || ys.is_empty() {
            continue;
        }
        let lo = tokens.partition_point(|t| t.sentence < sentence);
        let hi = tokens.partition_point(|t| t.sentence <= sentence);
        if !gaz.is_cooperation_context(lang, &tokens[lo..hi]) {
            continue;
        }
        for x in &xs {
            for y in &ys {
                let pair = (x.to_string(), y.to_string());
                if !out.contains(&pair) {
                    out.push(pair);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn gaz() -> Gazetteer {
        Gazetteer::parse(
            Path::new("g.toml"),
            super::super::gazetteer::BUILTIN,
            &["Vietnam".into(), "Japan".into()],
        )
        .unwrap()
    }

    fn pairs(text: &str, lang: Lang) -> Vec<(String, String)> {
        pairs_in_text("", text, lang, &gaz(), "Vietnam", "Japan")
    }

    #[test]
    fn pairs_need_one_sentence_and_a_cooperation_word() {
        let p = pairs(
            "Last month, Gunma signed a cooperation agreement with Ninh Binh Province.",
            Lang::En,
        );
        assert_eq!(p, [("ninh-binh".to_string(), "gunma".to_string())]);
        assert!(
            pairs(
                "Gunma is near Tokyo. Ninh Binh signed an agreement.",
                Lang::En
            )
            .is_empty()
        );
        assert!(pairs("Visitors flew from Hanoi to Osaka.", Lang::En).is_empty());
    }

    #[test]
    fn pairs_in_vietnamese_and_norwegian() {
        let p = pairs(
            "Tỉnh Quảng Trị và tỉnh Yamanashi ký kết thỏa thuận hợp tác.",
            Lang::Vi,
        );
        assert_eq!(p, [("quang-tri".to_string(), "yamanashi".to_string())]);
        let p = pairs(
            "Yamanashi har et vennskapssamarbeid med Quang Tri-provinsen.",
            Lang::Nb,
        );
        assert_eq!(p, [("quang-tri".to_string(), "yamanashi".to_string())]);
    }

    fn kept(text: &str, tagged: &[&str]) -> String {
        let g = gaz();
        let tagged: Vec<String> = tagged.iter().map(|t| t.to_string()).collect();
        PlaceFinder::new(&g).lines_naming_both(text, &tagged, "Vietnam", "Japan")
    }

    #[test]
    fn only_pieces_naming_a_tagged_place_of_each_country_are_read() {
        let text = "Gunma is near Tokyo. Officials of Hải Phòng met Gunma leaders.\n\
                    Hanoi grew 48.18 percent. Ninh Binh and Osaka talked.";
        assert_eq!(
            kept(text, &["gunma", "hai-phong", "ninh-binh"]),
            " Officials of Hải Phòng met Gunma leaders.\n"
        );
        // Osaka is named but not tagged: that piece is not read.
        assert_eq!(kept(text, &["ninh-binh"]), "");
        // Names in scripts without spaces are found as written.
        assert_eq!(
            kept("東京と Hanoi が協力した。", &["tokyo", "hanoi"]),
            "東京と Hanoi が協力した。\n"
        );
    }

    #[test]
    fn pieces_never_join_what_the_tokeniser_keeps_apart() {
        let pieces: Vec<&str> = rough_sentences("A 48.18 b. C! D\nE? F").collect();
        assert_eq!(pieces, ["A 48.18 b.", " C!", " D", "E?", " F"]);
        // Full-width marks, a space of any script after them, and other
        // characters that share their first byte (`–`, `€`) cut nothing.
        let pieces: Vec<&str> = rough_sentences("東京。 大阪！\u{3000}名古屋？x – €y• z").collect();
        assert_eq!(
            pieces,
            ["東京。", " 大阪！", "\u{3000}名古屋？x – €y•", " z"]
        );
    }

    #[test]
    fn a_pair_needs_both_places_tagged() {
        let g = gaz();
        let text = "Last month, Gunma signed a cooperation agreement with Ninh Binh Province.";
        let finder = PairFinder::new(&g);
        let both = ["gunma".to_string(), "ninh-binh".to_string()];
        assert_eq!(
            finder.pairs_of("T", text, "en", &both),
            [("ninh-binh".to_string(), "gunma".to_string())]
        );
        assert!(finder.pairs_of("T", text, "en", &both[..1]).is_empty());
    }
}
