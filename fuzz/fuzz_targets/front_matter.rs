//! The front-matter reader on arbitrary text: a page by hand is read or
//! refused with an error, never a panic.

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
            "title = \"Fuzz\"\n[[themes]]\nslug = \"investment\"\nname = \"Investment\"\n\
             [[themes]]\nslug = \"trade\"\nname = \"Trade\"\n",
        )
        .expect("the fuzz config parses")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("content/articles/fuzz.md");
    if let Ok(article) = content::parse_article(path, text, config()) {
        // What was read is written back the same way import writes it, and
        // reads again.
        let again = content::to_file_text(&article.front, "body");
        let _ = content::parse_article(path, &again, config());
    }
});
