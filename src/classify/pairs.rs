//! Locality pairs: a locality of each country named in one sentence that
//! speaks of cooperation ("Gunma signed a cooperation agreement with Ninh
//! Binh Province"), in any supported language.

use super::gazetteer::Gazetteer;
use super::text::{Lang, tokenize};
use crate::content::Article;
use crate::site::LocalityPair;
use std::collections::BTreeMap;

/// The pairs named by the listed articles, most-covered first (ties by id).
/// `a` is the locality of the first country of site.toml, `b` of the second.
pub fn locality_pairs(
    articles: &[Article],
    listed: &[usize],
    gaz: &Gazetteer,
) -> Vec<LocalityPair> {
    let countries = gaz.country_names();
    let (Some(&first), Some(&second)) = (countries.first(), countries.get(1)) else {
        return Vec::new();
    };
    let mut found: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for &i in listed {
        let Some(article) = articles.get(i) else {
            continue;
        };
        for (a, b) in pairs_in_text(
            &article.front.title,
            &article.text,
            Lang::from_code(article.language.as_str()),
            gaz,
            first,
            second,
        ) {
            let list = found.entry((a, b)).or_default();
            if !list.contains(&i) {
                list.push(i);
            }
        }
    }
    let mut pairs: Vec<LocalityPair> = found
        .into_iter()
        .map(|((a, b), articles)| LocalityPair { a, b, articles })
        .collect();
    pairs.sort_by(|x, y| {
        y.articles
            .len()
            .cmp(&x.articles.len())
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    pairs
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
}
