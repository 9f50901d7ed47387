//! Saved pages and feeds on arbitrary bytes: neither importer panics, and
//! whatever they make is a page the build reads back, with no markup of the
//! input in it (no `<` reaches the Markdown: page text is escaped).

#![no_main]

use bilateral_digest::config::SiteConfig;
use bilateral_digest::content;
use bilateral_digest::ingest::ImportedArticle;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn config() -> &'static SiteConfig {
    static CONFIG: OnceLock<SiteConfig> = OnceLock::new();
    CONFIG.get_or_init(|| {
        SiteConfig::parse(
            Path::new("site.toml"),
            "title = \"Fuzz\"\n[[themes]]\nslug = \"investment\"\nname = \"Investment\"\n",
        )
        .expect("the fuzz config parses")
    })
}

fn check(article: &ImportedArticle) {
    let body = article.markdown();
    // `<` is escaped everywhere but around a link's target.
    assert!(
        !body.replace("](<", "").contains('<'),
        "markup in the body: {body}"
    );
    let text = content::to_file_text(&article.front, &body);
    if let Err(e) = content::parse_article(Path::new("content/articles/fuzz.md"), &text, config())
    {
        panic!("import wrote a page the build refuses: {e}\n{text}");
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = bilateral_digest::ingest::process_seed("fuzz.html", data, None) {
        check(&article);
    }
    if let Ok(items) = bilateral_digest::ingest::feed::items("fuzz.xml", data, None, &[]) {
        for item in items {
            if let Ok(a) = item.result {
                check(&a);
            }
        }
    }
});
