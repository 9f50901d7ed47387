//! References between the site's pieces that the model would otherwise
//! resolve silently: a place id the gazetteer does not know would make a
//! bogus place page, and a `translations` or `also_reported` slug naming no
//! article would be dropped without a word. Both `check` and `build` run
//! this before the model is made, so neither can happen.

use crate::content::Article;
use crate::content::check::did_you_mean;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// One front-matter value naming something that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dangling {
    /// The article's file, relative to the site root.
    pub path: PathBuf,
    /// The front-matter key, and the value's index in its list.
    pub key: &'static str,
    pub index: usize,
    pub message: String,
    pub hint: String,
}

/// Every unknown place id and every `translations` / `also_reported` slug
/// naming no article, in article order. `place_ids` are the gazetteer's.
pub fn dangling<'a>(
    articles: &[Article],
    place_ids: impl IntoIterator<Item = &'a str>,
) -> Vec<Dangling> {
    let places: BTreeSet<&str> = place_ids.into_iter().collect();
    let slugs: BTreeSet<&str> = articles.iter().map(|a| a.slug.as_str()).collect();
    let mut out = Vec::new();
    for a in articles {
        for (index, id) in a.front.places.iter().enumerate() {
            if !places.contains(id.as_str()) {
                out.push(Dangling {
                    path: a.path.clone(),
                    key: "places",
                    index,
                    message: format!("unknown place id `{id}`"),
                    hint: format!(
                        "{}places are ids from the gazetteer (data/gazetteer.toml), e.g. \"ha-noi\"",
                        did_you_mean(id, places.iter().copied())
                    ),
                });
            }
        }
        let lists = [
            ("translations", &a.front.translations),
            ("also_reported", &a.front.also_reported),
        ];
        for (key, list) in lists {
            for (index, slug) in list.iter().enumerate() {
                if !slugs.contains(slug.as_str()) {
                    out.push(Dangling {
                        path: a.path.clone(),
                        key,
                        index,
                        message: format!("{key}: no article has the slug `{slug}`"),
                        hint: format!(
                            "{}a slug is an article's file name in content/articles/ without .md",
                            did_you_mean(slug.as_str(), slugs.iter().copied())
                        ),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use std::path::Path;

    fn article(slug: &str, front: &str) -> Article {
        let config = SiteConfig::parse(
            Path::new("site.toml"),
            "title = \"t\"\n[[themes]]\nslug = \"trade\"\nname = \"Trade\"\n",
        )
        .unwrap();
        let text = format!("+++\ntitle = \"{slug}\"\n{front}\n+++\nbody\n");
        crate::content::parse_article(Path::new(&format!("{slug}.md")), &text, &config).unwrap()
    }

    #[test]
    fn unknown_ids_and_slugs_are_named_with_a_suggestion() {
        let articles = vec![
            article(
                "nagoya-port",
                "places = [\"nagoyaa\"]\ntranslations = [\"tokyo-tal\"]",
            ),
            article("tokyo-talk", "also_reported = [\"nagoya-port\"]"),
        ];
        let found = dangling(&articles, ["nagoya", "osaka"]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].key, "places");
        assert!(found[0].hint.contains("did you mean `nagoya`"));
        assert_eq!(found[1].key, "translations");
        assert!(found[1].hint.contains("`tokyo-talk`"));
    }
}
