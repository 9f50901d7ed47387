//! A ticker: other stories' headlines run together on one line, as a
//! scrape leaves a scrolling "latest news" bar or a carousel. It is long
//! enough to pass for a paragraph, but prose of that length has sentences
//! and commas, and a ticker has capitalised titles one after another and
//! hardly a comma.

/// At least this many words before a line can be a ticker: shorter lines
/// are judged as titles or labels.
const MIN_WORDS: usize = 40;
/// Share of words starting with a capital: headlines in title case, or
/// each headline's first word and its names.
const MIN_CAPITALISED: f32 = 0.3;
/// Commas per word: prose of forty words has two or three.
const MAX_COMMAS_PER_WORD: f32 = 1.0 / 20.0;

/// Whether `text` is a run of headlines with no sentence in it. Scripts
/// without capitals (Japanese, Chinese, Korean, Thai) are never judged so:
/// their prose is wrapped mid-sentence by scrapes.
pub(super) fn is_ticker(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < MIN_WORDS {
        return false;
    }
    // A sentence ends inside or at the end: "." before a space or the end,
    // not in a number ("7.5") or an abbreviation's dots glued to letters.
    let ends = words.iter().any(|w| {
        w.trim_end_matches(['"', '”', '’', '»', ')'])
            .ends_with(['.', '!', '?', '…'])
    });
    if ends {
        return false;
    }
    let commas = text.chars().filter(|&c| c == ',' || c == '،').count();
    if commas as f32 > MAX_COMMAS_PER_WORD * words.len() as f32 {
        return false;
    }
    let cased: Vec<char> = words
        .iter()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .collect();
    if cased.is_empty()
        || cased
            .iter()
            .any(|c| !(c.is_uppercase() || c.is_lowercase()))
    {
        return false;
    }
    let capitals = cased.iter().filter(|c| c.is_uppercase()).count();
    capitals as f32 >= MIN_CAPITALISED * words.len() as f32
}

#[cfg(test)]
mod tests {
    use super::is_ticker;

    #[test]
    fn headlines_run_together_are_a_ticker() {
        let line = "Osaka Firms Eye Expansion in Central Vietnam Provinces \
            Hanoi Metro Line Three Opens to Passengers Next Month \
            Record Rice Harvest Expected in the Mekong Delta This Year \
            Tourists Return to Ha Long Bay as Flights Resume From Seoul \
            New Bridge Links Two Districts of Ho Chi Minh City";
        assert!(is_ticker(line));
    }

    #[test]
    fn long_prose_is_no_ticker() {
        // A long lead, cut off before its full stop by the excerpt's end.
        let lead = "The delegation from the prefecture met the provincial \
            leaders on Tuesday to discuss training for nurses and caregivers, \
            an exchange of students between the two universities and a plan \
            for a direct flight that both sides have been seeking since the \
            agreement was signed in the spring of last year, officials said \
            as the talks";
        assert!(!is_ticker(lead));
        let sentences = "Tỉnh Gunma có 16.000 người Việt Nam sinh sống. Họ làm \
            việc trong các nhà máy ô tô, điện tử và chế biến thực phẩm của \
            tỉnh. Nhiều người là thực tập sinh kỹ năng đến từ các tỉnh miền \
            Trung của Việt Nam. Hội người Việt tổ chức lễ hội mỗi năm để giữ \
            gìn văn hóa.";
        assert!(!is_ticker(sentences));
        assert!(!is_ticker("Too short to judge At All"));
    }

    #[test]
    fn scripts_without_capitals_are_not_judged() {
        let ja = "横浜市 ベトナム 交流 ".repeat(20);
        assert!(!is_ticker(&ja));
    }
}
