//! The seed cleaner on arbitrary bytes: it never panics, and whatever it
//! makes of a seed is a page the build reads back.

#![no_main]

use bilateral_digest::config::SiteConfig;
use bilateral_digest::content;
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

fuzz_target!(|data: &[u8]| {
    let Ok(article) = bilateral_digest::ingest::process_seed("fuzz.txt", data, None) else {
        return;
    };
    let body = article.markdown();
    let _ = article.plain();
    let text = content::to_file_text(&article.front, &body);
    if let Err(e) = content::parse_article(Path::new("content/articles/fuzz.md"), &text, config())
    {
        panic!("import wrote a page the build refuses: {e}\n{text}");
    }
});
