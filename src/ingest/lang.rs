//! Language detection and per-language function words.
//!
//! whatlang is restricted to an allowlist of languages a digest is likely to
//! carry: on short or name-heavy text it otherwise drifts to close relatives
//! (Bokmål read as Danish, Vietnamese without diacritics as something else).

use crate::types::{Language, is_cjk};
use whatlang::{Detector, Lang};

/// The languages detection can tell, by code. `site.toml`'s
/// `detect_languages` picks among them; its default is every language the
/// classifier has terms for (`config::DEFAULT_DETECT_LANGUAGES`).
const KNOWN: &[(&str, Lang)] = &[
    ("en", Lang::Eng),
    ("vi", Lang::Vie),
    ("ja", Lang::Jpn),
    ("zh", Lang::Cmn),
    ("ko", Lang::Kor),
    ("fr", Lang::Fra),
    ("de", Lang::Deu),
    ("es", Lang::Spa),
    ("sv", Lang::Swe),
    ("nb", Lang::Nob),
    ("da", Lang::Dan),
    ("id", Lang::Ind),
    ("th", Lang::Tha),
    ("ru", Lang::Rus),
    ("it", Lang::Ita),
    ("pt", Lang::Por),
    ("nl", Lang::Nld),
    ("uk", Lang::Ukr),
    ("km", Lang::Khm),
];

/// Whether detection can answer `code` (for checking site.toml).
pub fn is_detectable(code: &str) -> bool {
    let code = normalise(code);
    KNOWN.iter().any(|(c, _)| *c == code)
}

fn normalise(code: &str) -> &str {
    match code {
        "no" | "nn" => "nb",
        c => c,
    }
}

/// The language of `text` among `allowed` (primary subtags; every known
/// language when empty), or `None` when there is too little to tell.
pub fn detect(text: &str, allowed: &[Language]) -> Option<Language> {
    if text.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return None;
    }
    let codes: Vec<String> = allowed.iter().map(|l| l.primary()).collect();
    let allows = |code: &str| codes.is_empty() || codes.iter().any(|c| normalise(c) == code);
    // Scripts decide before trigrams: Japanese is told by its kana (whatlang
    // can prefer Chinese on kanji-heavy news text), Korean by its Hangul.
    // Kana is counted line by line: one Japanese notice on a Chinese page
    // ("this page is in traditional characters") must not make the page
    // Japanese, so the CJK characters of kana-bearing lines must outweigh
    // those of lines without kana.
    let (mut hangul, mut cjk, mut kana_lines_cjk) = (0usize, 0usize, 0usize);
    let mut letters = 0usize;
    for line in text.lines() {
        letters += line.chars().filter(|c| c.is_alphabetic()).count();
        let (mut line_cjk, mut line_kana, mut line_hiragana) = (0usize, 0usize, 0usize);
        for c in line.chars().filter(|&c| is_cjk(c)) {
            line_cjk += 1;
            line_kana += usize::from(matches!(c, '\u{3040}'..='\u{30ff}'));
            line_hiragana += usize::from(matches!(c, '\u{3040}'..='\u{309f}'));
            hangul += usize::from(matches!(c, '\u{1100}'..='\u{11ff}' | '\u{ac00}'..='\u{d7af}'));
        }
        cjk += line_cjk;
        // Japanese prose is never without hiragana; a Chinese line naming a
        // Japanese or Vietnamese person in katakana is.
        if line_cjk > 0 && line_kana * 10 >= line_cjk && line_hiragana > 0 {
            kana_lines_cjk += line_cjk;
        }
    }
    // A name in its own script inside Latin prose ("Kobe Immigration Union
    // (神戸移民ユニオン)") does not make the text Japanese or Korean: the
    // script rules need a fifth of the letters.
    if cjk * 5 < letters {
        cjk = 0;
        kana_lines_cjk = 0;
        hangul = 0;
    }
    if cjk > 0 && kana_lines_cjk * 2 >= cjk && allows("ja") {
        return Some(Language::new("ja"));
    }
    // whatlang reads any kana in Han text as Japanese, so the kana lines
    // that were outweighed are left out of what it reads, and the kana of
    // the other lines (a name in katakana) too.
    let without_kana: String;
    let text = if text.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}')) {
        without_kana = text
            .lines()
            .filter(|l| !l.chars().any(|c| matches!(c, '\u{3040}'..='\u{309f}')))
            .flat_map(|l| {
                l.chars()
                    .filter(|c| !matches!(c, '\u{30a0}'..='\u{30ff}'))
                    .chain(['\n'])
            })
            .collect();
        without_kana.as_str()
    } else {
        text
    };
    if cjk > 0 && hangul * 2 >= cjk && allows("ko") {
        return Some(Language::new("ko"));
    }
    let list: Vec<Lang> = KNOWN
        .iter()
        .filter(|(c, _)| allows(c))
        .map(|&(_, l)| l)
        .collect();
    if list.is_empty() {
        return None;
    }
    let info = Detector::with_allowlist(list).detect(text)?;
    // whatlang answers a script's only language (kana: Japanese) whatever
    // the allowlist, so the answer is checked again.
    let code = KNOWN.iter().find(|(_, l)| *l == info.lang())?.0;
    if !allows(code) {
        return None;
    }
    let code = match code {
        "sv" | "nb" | "da" => scandinavian(text, &allows).unwrap_or(code),
        c => c,
    };
    Some(Language::new(code))
}

/// How much prose language detection reads: a few paragraphs tell the
/// language as surely as the whole text, and detection is costly per byte.
/// With the allowlist of a dozen languages, two long paragraphs are ample.
const LANGUAGE_SAMPLE_BYTES: usize = 1000;

/// The longest prefix of `text` of at most `max` bytes ending at a char boundary.
pub(super) fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The language of a seed's lines (primary subtag), read from its
/// prose-shaped lines: those of ten words or twenty CJK characters.
pub fn detect_lines<'a>(
    lines: impl Iterator<Item = &'a str> + Clone,
    allowed: &[Language],
) -> Option<String> {
    let is_long = |l: &&str| {
        l.split_whitespace().nth(9).is_some() || l.chars().filter(|&c| is_cjk(c)).nth(19).is_some()
    };
    // The longest lines are read first: they are the article's prose more
    // often than the banners, notices and menus at the top of a page.
    // Detection reads only a prefix of the joined lines, so lines past it
    // are not kept.
    let mut all_long: Vec<&str> = lines.clone().filter(is_long).collect();
    all_long.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let mut long: Vec<&str> = Vec::new();
    let mut joined_len = 0;
    for l in all_long {
        if joined_len > LANGUAGE_SAMPLE_BYTES {
            break;
        }
        joined_len += l.len() + 1;
        long.push(l);
    }
    let sample = if long.is_empty() {
        lines.collect::<Vec<_>>().join("\n")
    } else {
        long.join("\n")
    };
    detect(prefix(&sample, LANGUAGE_SAMPLE_BYTES), allowed).map(|l| l.primary())
}

/// Swedish, Bokmål and Danish share most trigrams, so whatlang mixes them
/// up on news text. Their spelling tells them apart: letters (ä ö against
/// æ ø) and the commonest words that differ ("och", "av", "af").
fn scandinavian(text: &str, allows: &dyn Fn(&str) -> bool) -> Option<&'static str> {
    const SV: &[&str] = &[
        "och", "att", "är", "inte", "för", "från", "också", "ett", "till", "sig", "vid", "har",
        "kommer", "eller", "efter", "mellan", "skulle", "blev", "många", "även",
    ];
    const NB: &[&str] = &[
        "og", "av", "ikke", "etter", "ble", "mellom", "hva", "noen", "være", "også", "fra",
        "mange", "hvor", "skal", "seg", "blir", "kommer", "eller", "sier",
    ];
    const DA: &[&str] = &[
        "og", "af", "ikke", "efter", "blev", "mellem", "hvad", "nogle", "være", "også", "fra",
        "mange", "hvor", "skal", "sig", "bliver", "kommer", "eller", "siger",
    ];
    let mut score = [0f32; 3];
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let w = w.to_lowercase();
        for (k, list) in [SV, NB, DA].iter().enumerate() {
            if list.contains(&w.as_str()) {
                score[k] += 1.0;
            }
        }
        if w.contains(['ä', 'ö']) {
            score[0] += 2.0;
        }
        if w.contains(['æ', 'ø']) {
            score[1] += 1.0;
            score[2] += 1.0;
        }
    }
    let codes = ["sv", "nb", "da"];
    (0..3)
        .filter(|&k| allows(codes[k]) && score[k] > 0.0)
        .max_by(|&a, &b| score[a].total_cmp(&score[b]).then(b.cmp(&a)))
        .map(|k| codes[k])
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
        "sv" => &[
            "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den",
            "har", "de", "inte", "om", "ett", "men", "var", "sig", "från", "vi", "så", "kan",
            "när", "också", "efter", "mellan", "under", "vid", "eller", "sina", "skulle",
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
        "it" => &[
            "il", "lo", "la", "i", "gli", "le", "di", "del", "della", "dei", "e", "è", "in", "un",
            "una", "a", "al", "alla", "per", "con", "che", "da", "dal", "su", "non", "si", "sono",
            "ha", "hanno", "come", "più", "anche", "nel", "nella", "tra",
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
    static SV: LazyLock<Table> = LazyLock::new(|| Table::new(function_words("sv")));
    static DE: LazyLock<Table> = LazyLock::new(|| Table::new(function_words("de")));
    static FR: LazyLock<Table> = LazyLock::new(|| Table::new(function_words("fr")));
    static ES: LazyLock<Table> = LazyLock::new(|| Table::new(function_words("es")));
    static ID: LazyLock<Table> = LazyLock::new(|| Table::new(function_words("id")));
    static IT: LazyLock<Table> = LazyLock::new(|| Table::new(function_words("it")));
    Some(match lang {
        "en" => &EN,
        "nb" | "no" | "nn" | "da" => &NB,
        "vi" => &VI,
        "sv" => &SV,
        "de" => &DE,
        "fr" => &FR,
        "es" => &ES,
        "id" => &ID,
        "it" => &IT,
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
        let detect = |t: &str| super::detect(t, &[]);
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
    fn one_japanese_notice_does_not_make_a_chinese_page_japanese() {
        let zh =
            "越南政府表示，今年前三個月外資企業在北部各省投資設廠的金額大幅成長，其中電子業最多。";
        let notice = "このページは別の文字の版です。日本語版に移動しますか。";
        let text = format!("{notice}\n{zh}\n{zh}");
        assert_eq!(detect(&text, &[]).unwrap().as_str(), "zh");
        let ja = "日本とベトナムは、技術移転と投資の分野で協力を強化することで合意しました。";
        let names = "東京都港区六本木一丁目";
        assert_eq!(
            detect(&format!("{ja}\n{names}"), &[]).unwrap().as_str(),
            "ja"
        );
    }

    #[test]
    fn a_name_in_katakana_does_not_make_chinese_japanese() {
        // Taiwanese and Chinese papers write a Japanese or Vietnamese
        // person's name as Japan's press does, in katakana.
        let zh = "2020年11月,在廣島縣的宿舍,從越南北部來到日本工作的技能實習生グエン・ティ・ラン產下一子後,因孩子死亡被以遺棄罪起訴,法院判處有期徒刑。";
        let more = "越南籍技能實習生在日本的人數已超過二十萬人,許多人在工廠與農場工作,支援團體呼籲政府改善她們的處境。";
        assert_eq!(
            detect(&format!("{zh}\n{more}"), &[]).unwrap().as_str(),
            "zh"
        );
    }

    #[test]
    fn a_name_in_its_own_script_does_not_change_the_language() {
        let es = "Saito, experto en derecho laboral japonés y vietnamita, fundó en 2022 Kobe Immigration Union (神戸移民ユニオン) desde donde ha asesorado a decenas de miles de aprendices asiáticos.";
        assert_eq!(detect(es, &[]).unwrap().as_str(), "es");
        let en = "The Korean community (재일본대한민국민단) in Osaka held its yearly meeting with delegates from the whole region on Sunday.";
        assert_eq!(detect(en, &[]).unwrap().as_str(), "en");
    }

    #[test]
    fn the_longest_lines_decide() {
        let banner =
            "This website uses cookies to give you a better reading experience on every page";
        let vi = "Thủ tướng đề nghị mở rộng hợp tác giữa vùng Kansai với các địa phương của Việt Nam trong nhiều lĩnh vực, nhất là đầu tư và đào tạo nhân lực chất lượng cao.";
        // More banner than the sample holds, before the prose.
        let mut lines = vec![banner; 14];
        lines.extend([vi, vi, vi, vi, vi]);
        assert_eq!(
            detect_lines(lines.iter().copied(), &[]).as_deref(),
            Some("vi")
        );
    }

    #[test]
    fn languages_without_theme_terms_are_still_told() {
        let detect = |t: &str| super::detect(t, &[]).map(|l| l.primary());
        let ru = "Посольство Японии сообщило, что вьетнамские студенты будут учиться в японских университетах в этом году.";
        assert_eq!(detect(ru).as_deref(), Some("ru"));
        let id = "Menurut kepala sekolah, Jepang dan Vietnam memiliki tradisi kerja sama yang panjang di bidang pendidikan.";
        assert_eq!(detect(id).as_deref(), Some("id"));
    }

    #[test]
    fn scandinavian_languages_are_told_apart() {
        let detect = |t: &str| super::detect(t, &[]).unwrap();
        let sv = "Företaget har öppnat en ny fabrik och kommer att anställa många arbetare från regionen under året.";
        let da = "Virksomheden har åbnet en ny fabrik og vil ansætte mange arbejdere fra regionen, efter at aftalen blev underskrevet.";
        let nb = "Selskapet har åpnet en ny fabrikk og skal ansette mange arbeidere fra regionen etter at avtalen ble signert.";
        assert_eq!(detect(sv).as_str(), "sv");
        assert_eq!(detect(da).as_str(), "da");
        assert_eq!(detect(nb).as_str(), "nb");
    }

    #[test]
    fn detection_keeps_to_the_allowed_languages() {
        let nb = "Selskapet har åpnet en ny fabrikk og skal ansette mange arbeidere fra regionen etter at avtalen ble signert.";
        let only = [Language::new("en"), Language::new("nb")];
        assert_eq!(detect(nb, &only).unwrap().as_str(), "nb");
        let ko = "한국과 베트남은 투자 협력을 강화하기로 합의했다고 정부가 밝혔습니다.";
        assert_eq!(detect(ko, &[]).unwrap().as_str(), "ko");
        let en_only = [Language::new("en")];
        let ja = "日本とベトナムは、技術移転と投資の分野で協力を強化することで合意しました。";
        // Never a language the site does not declare.
        assert!(detect(ja, &en_only).is_none());
        assert!(is_detectable("sv") && is_detectable("no") && !is_detectable("xx"));
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
