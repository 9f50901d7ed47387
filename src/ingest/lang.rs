//! Language detection and per-language function words.
//!
//! whatlang is restricted to an allowlist of languages a digest is likely to
//! carry: on short or name-heavy text it otherwise drifts to close relatives
//! (Bokmål read as Danish, Vietnamese without diacritics as something else).

use crate::types::Language;
use whatlang::{Detector, Lang};

const ALLOWED: &[Lang] = &[
    Lang::Eng,
    Lang::Vie,
    Lang::Nob,
    Lang::Jpn,
    Lang::Cmn,
    Lang::Kor,
    Lang::Fra,
    Lang::Deu,
    Lang::Spa,
    Lang::Ind,
    Lang::Tha,
    Lang::Rus,
];

fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Vie => "vi",
        Lang::Nob => "nb",
        Lang::Jpn => "ja",
        Lang::Cmn => "zh",
        Lang::Kor => "ko",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Spa => "es",
        Lang::Ind => "id",
        Lang::Tha => "th",
        Lang::Rus => "ru",
        _ => "und",
    }
}

/// The language of `text`, or `None` when there is too little to tell.
pub fn detect(text: &str) -> Option<Language> {
    if text.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return None;
    }
    // Japanese is told by its kana; whatlang's trigram scores can prefer
    // Chinese on kanji-heavy news text.
    let kana = text.chars().filter(|&c| is_kana(c)).count();
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    if cjk > 0 && kana * 10 >= cjk {
        return Some(Language::new("ja"));
    }
    let info = Detector::with_allowlist(ALLOWED.to_vec()).detect(text)?;
    let c = code(info.lang());
    (c != "und").then(|| Language::new(c))
}

pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}')
}

/// Characters of scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' // kana
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ac00}'..='\u{d7af}' // hangul
        | '\u{0e00}'..='\u{0e7f}' // thai
    )
}

/// The commonest function words of a language, lower-case. Empty for
/// languages without a list (and for Japanese, see [`function_ratio`]).
pub fn function_words(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &[
            "the", "a", "an", "of", "to", "in", "and", "or", "for", "on", "at", "by", "with",
            "from", "is", "are", "was", "were", "be", "been", "has", "have", "had", "that", "this",
            "these", "those", "it", "its", "as", "not", "but", "will", "would", "can", "which",
            "who", "their", "they", "he", "she", "his", "her", "we", "our", "also", "than", "into",
            "between", "more", "said", "all", "such", "there", "both",
        ],
        "nb" | "no" | "nn" | "da" => &[
            "og", "i", "på", "til", "av", "for", "med", "som", "er", "var", "det", "den", "de",
            "en", "et", "ei", "at", "om", "fra", "har", "ble", "vil", "ikke", "seg", "sin", "sine",
            "mellom", "også", "men", "eller", "å", "så", "etter", "under", "over", "denne",
            "dette", "deres", "hans", "hennes", "vi", "skal", "kan", "bare", "ved",
        ],
        "vi" => &[
            "của", "và", "các", "những", "là", "có", "được", "cho", "với", "trong", "đã", "này",
            "một", "không", "để", "từ", "theo", "về", "tại", "khi", "đến", "cũng", "như", "sẽ",
            "đó", "nhiều", "thì", "mà", "nhưng", "vào", "ra", "trên", "bị", "hơn", "lại", "đang",
            "rất", "việc", "nên", "nơi",
        ],
        "de" => &[
            "der", "die", "das", "und", "in", "zu", "den", "von", "mit", "ist", "im", "für", "auf",
            "nicht", "ein", "eine", "als", "auch", "es", "an", "dem", "des", "sich", "wird",
            "sind", "bei", "nach", "aus", "wie", "zum", "zur",
        ],
        "fr" => &[
            "le", "la", "les", "de", "des", "du", "et", "en", "un", "une", "à", "au", "aux", "est",
            "pour", "dans", "par", "sur", "qui", "que", "avec", "il", "elle", "a", "ont", "sont",
            "ce", "cette", "pas", "plus",
        ],
        "es" => &[
            "el", "la", "los", "las", "de", "del", "y", "en", "un", "una", "a", "al", "es", "por",
            "para", "con", "que", "se", "su", "sus", "como", "más", "pero", "ha", "han",
        ],
        "id" => &[
            "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "dalam",
            "tidak", "akan", "adalah", "juga", "oleh", "atau", "telah", "sebagai",
        ],
        _ => &[],
    }
}

/// The share of a line that is function words: the jusText "stopword
/// density". Prose sits well above menus, names and titles. For Japanese
/// the share of hiragana (particles and inflections) plays that part.
/// `None` when the language has no list, so callers fall back to shape alone.
pub fn function_ratio(text: &str, lang: &str) -> Option<f32> {
    if lang == "ja" {
        let total = text.chars().filter(|c| c.is_alphanumeric()).count();
        if total == 0 {
            return Some(0.0);
        }
        let hira = text
            .chars()
            .filter(|c| matches!(c, '\u{3040}'..='\u{309f}'))
            .count();
        return Some(hira as f32 / total as f32);
    }
    let list = function_words(lang);
    if list.is_empty() {
        return None;
    }
    // ASCII keeps its length when lower-cased, so an ASCII word longer
    // than every listed word is no function word, whatever its case; most
    // words of prose are such words.
    let table = table(lang);
    let mut buf = [0u8; MAX_WORD];
    let (mut words, mut hits) = (0usize, 0usize);
    for w in text.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        words += 1;
        let hit = match table {
            Some(table) if w.is_ascii() => {
                if w.len() > table.longest {
                    false
                } else {
                    // Lower-cased in place of a copy on the heap.
                    let lower = &mut buf[..w.len()];
                    lower.copy_from_slice(w.as_bytes());
                    lower.make_ascii_lowercase();
                    table.contains_ascii(lower)
                }
            }
            _ => lower_into(w, &mut buf).is_some_and(|lower| in_list(list, lower)),
        };
        hits += usize::from(hit);
    }
    if words == 0 {
        return Some(0.0);
    }
    Some(hits as f32 / words as f32)
}

/// Longer than any listed word, so the lower-casing buffer never overflows.
const MAX_WORD: usize = 16;

/// A language's ASCII function words bucketed by length and first byte:
/// every word of every line is looked up, and a linear scan of the list
/// was a good part of line classification.
struct Table {
    longest: usize,
    buckets: Vec<Vec<&'static [u8]>>,
}

impl Table {
    fn new(list: &'static [&'static str]) -> Table {
        let longest = list.iter().map(|f| f.len()).max().unwrap_or(0);
        assert!(list.iter().all(|f| f.len() <= MAX_WORD));
        let mut buckets = vec![Vec::new(); (longest + 1) * 256];
        for f in list.iter().filter(|f| f.is_ascii()) {
            let b = f.as_bytes();
            buckets[b.len() * 256 + usize::from(b[0])].push(b);
        }
        Table { longest, buckets }
    }

    /// `w` is lower-case ASCII, non-empty and no longer than `longest`.
    fn contains_ascii(&self, w: &[u8]) -> bool {
        self.buckets[w.len() * 256 + usize::from(w[0])].contains(&w)
    }
}

/// `w` lower-cased into `buf`, or `None` when that is longer than `buf`
/// and so longer than any listed word.
fn lower_into<'b>(w: &str, buf: &'b mut [u8; MAX_WORD]) -> Option<&'b [u8]> {
    let mut len = 0;
    let mut utf8 = [0u8; 4];
    for c in w.chars().flat_map(char::to_lowercase) {
        let b = c.encode_utf8(&mut utf8).as_bytes();
        buf.get_mut(len..len + b.len())?.copy_from_slice(b);
        len += b.len();
    }
    Some(&buf[..len])
}

fn table(lang: &str) -> Option<&'static Table> {
    use std::sync::LazyLock;
    static EN: LazyLock<Table> = LazyLock::new(|| Table::new(function_words("en")));
    static NB: LazyLock<Table> = LazyLock::new(|| Table::new(function_words("nb")));
    static VI: LazyLock<Table> = LazyLock::new(|| Table::new(function_words("vi")));
    static DE: LazyLock<Table> = LazyLock::new(|| Table::new(function_words("de")));
    static FR: LazyLock<Table> = LazyLock::new(|| Table::new(function_words("fr")));
    static ES: LazyLock<Table> = LazyLock::new(|| Table::new(function_words("es")));
    static ID: LazyLock<Table> = LazyLock::new(|| Table::new(function_words("id")));
    Some(match lang {
        "en" => &EN,
        "nb" | "no" | "nn" | "da" => &NB,
        "vi" => &VI,
        "de" => &DE,
        "fr" => &FR,
        "es" => &ES,
        "id" => &ID,
        _ => return None,
    })
}

/// `list.contains(&w)`, comparing the length and first byte before the
/// bytes: the lists are read for every word of every line.
fn in_list(list: &[&str], w: &[u8]) -> bool {
    let first = w.first();
    list.iter()
        .any(|f| f.len() == w.len() && f.as_bytes().first() == first && f.as_bytes() == w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_expected_languages() {
        let nb = "Arrangementet regnes som en viktig milepæl i å styrke det økonomiske samarbeidet mellom organisasjoner og bedrifter i de to landene.";
        assert_eq!(detect(nb).unwrap().as_str(), "nb");
        let en =
            "The two countries agreed to deepen cooperation in technology transfer and investment.";
        assert_eq!(detect(en).unwrap().as_str(), "en");
        let vi = "Thủ tướng đề nghị mở rộng hợp tác giữa vùng Kansai với các địa phương của Việt Nam trong nhiều lĩnh vực.";
        assert_eq!(detect(vi).unwrap().as_str(), "vi");
        let ja = "日本とベトナムは、技術移転と投資の分野で協力を強化することで合意しました。";
        assert_eq!(detect(ja).unwrap().as_str(), "ja");
        assert!(detect("Log in").is_none());
    }

    #[test]
    fn prose_has_more_function_words_than_menus() {
        let prose = function_ratio(
            "He said that the two sides will work on it in the future.",
            "en",
        )
        .unwrap();
        let menu =
            function_ratio("Heritage Figure Enterprise News Destination Product", "en").unwrap();
        assert!(prose > 0.3 && menu < 0.05, "{prose} {menu}");
        let ja_prose =
            function_ratio("日本とベトナムは協力を強化することで合意しました。", "ja").unwrap();
        let ja_menu = function_ratio("政治 経済 社会 国際 文化", "ja").unwrap();
        assert!(ja_prose > ja_menu);
        assert!(function_ratio("x", "xx").is_none());
    }
}
