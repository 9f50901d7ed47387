//! The opening of a wire story's lead: its dateline ("HANOI – …",
//! "TOKYO (Reuters) - …"), and a byline run into it.

use super::chrome;

/// A wire story's first paragraph opens with its dateline: a place in
/// capitals and a dash ("HANOI – …", "HÀ NỘI - …"), as under a headline,
/// perhaps with the agency in brackets ("TOKYO (Reuters) - …").
pub(super) fn opens_with_dateline(text: &str) -> bool {
    let Some(dash) = text.find(['–', '—', '-']) else {
        return false;
    };
    if !text[..dash].ends_with(' ') {
        return false;
    }
    let mut place = text[..dash].trim_end();
    if let Some(open) = place.strip_suffix(')').and_then(|p| p.rfind('(')) {
        place = &place[..open];
    }
    let words = place.split_whitespace().count();
    let letters: Vec<char> = place.chars().filter(|c| c.is_alphabetic()).collect();
    (1..=4).contains(&words)
        && letters.len() >= 3
        && letters.iter().all(|c| c.is_uppercase())
        && text[dash..].split_whitespace().count() >= 7
}

/// A byline run into the dateline that opens the lead: the shortest run of
/// words that is a byline and leaves a dateline after it, and that rest.
pub(super) fn byline_before_dateline(text: &str) -> Option<(&str, &str)> {
    let ends = text.match_indices(' ').map(|(i, _)| i);
    ends.skip(1).take(7).find_map(|end| {
        let (byline, rest) = (&text[..end], text[end..].trim_start());
        (chrome::is_name_byline(byline) && opens_with_dateline(rest)).then_some((byline, rest))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wire_dateline_opens_the_story() {
        for lead in [
            "HANOI – Work began on a 12-kilometre rail line linking the centre with the suburbs.",
            "HÀ NỘI - Các doanh nghiệp Nhật Bản tiếp tục mở rộng đầu tư vào miền Bắc năm nay.",
            "OSAKA (Kyodo) - A trading house said on Monday it would build a second plant.",
        ] {
            assert!(opens_with_dateline(lead), "{lead}");
        }
        for other in [
            "Hanoi – the capital – welcomed a delegation from Fukuoka on Monday morning.",
            "JICA - Japan International Cooperation Agency",
            "The two sides - Vietnam and Japan - signed the memorandum on training on Friday.",
        ] {
            assert!(!opens_with_dateline(other), "{other}");
        }
    }

    #[test]
    fn a_byline_run_into_the_dateline_is_not_the_lead() {
        let lead = "By Mai Tran and Ken Ito OSAKA (Kyodo) - A trading house said on Monday it would build a plant.";
        let (byline, rest) = byline_before_dateline(lead).unwrap();
        assert_eq!(byline, "By Mai Tran and Ken Ito");
        assert!(rest.starts_with("OSAKA (Kyodo) - A trading house"));
        for other in [
            "By the end of the year OSAKA (Kyodo) - A trading house said it would build a plant.",
            "By Mai Tran and Ken Ito, a trading house said on Monday it would build a second plant.",
        ] {
            assert!(byline_before_dateline(other).is_none(), "{other}");
        }
    }
}
