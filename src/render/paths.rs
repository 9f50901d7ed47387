//! Where each page lives in the output, and how a page reaches the site root.
//!
//! Every internal link is relative and names a file (`../../themes/x/index.html`),
//! so the site works from `file://`, from a sub-folder and from any host.

/// The home page.
pub const HOME: &str = "index.html";
pub const THEMES: &str = "themes/index.html";
pub const ARCHIVE: &str = "archive/index.html";
pub const PLACES: &str = "places/index.html";
pub const SEARCH: &str = "search/index.html";
pub const NOT_FOUND: &str = "404.html";

/// The relative path from the page at `path` back to the site root:
/// `""` for `index.html`, `"../../"` for `themes/investment/index.html`.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Path of the `n`th page (1-based) of a listing whose first page is `dir/index.html`.
pub fn paged(dir: &str, n: usize) -> String {
    if n <= 1 {
        format!("{dir}/index.html")
    } else {
        format!("{dir}/page/{n}/index.html")
    }
}

pub fn article(slug: &str) -> String {
    format!("articles/{}/index.html", segment(slug))
}

pub fn theme_dir(slug: &str) -> String {
    format!("themes/{}", segment(slug))
}

pub fn theme(slug: &str, n: usize) -> String {
    paged(&theme_dir(slug), n)
}

pub fn theme_feed(slug: &str) -> String {
    format!("{}/feed.xml", theme_dir(slug))
}

pub fn month_dir(year: i32, month: u32) -> String {
    format!("archive/{year:04}/{month:02}")
}

pub fn month(year: i32, month: u32, n: usize) -> String {
    paged(&month_dir(year, month), n)
}

/// Place ids come from front matter, so they are made safe to be a folder name.
pub fn place(id: &str) -> String {
    format!("places/{}/index.html", segment(id))
}

/// A single path segment that is safe as a folder name and needs no escaping
/// in a URL. Slugs written by import already are; hand-named files may not be.
pub fn segment(text: &str) -> String {
    let is_clean = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !text.starts_with('-');
    if is_clean {
        return text.to_string();
    }
    let s = slug::slugify(text);
    if s.is_empty() { "page".to_string() } else { s }
}

/// The absolute URL of a page, for `<link rel="canonical">`. Folder pages are
/// given as the folder (`.../themes/x/`), the form servers redirect to.
pub fn absolute(base_url: &str, path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    format!("{base_url}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_counts_folders() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("404.html"), "");
        assert_eq!(root_of("themes/index.html"), "../");
        assert_eq!(root_of("themes/investment/index.html"), "../../");
        assert_eq!(
            root_of("themes/investment/page/2/index.html"),
            "../../../../"
        );
        assert_eq!(root_of("archive/2025/11/index.html"), "../../../");
    }

    #[test]
    fn root_of_every_page_kind_leads_back_to_the_root() {
        // Joining a page's folder with its root must give the site root again.
        for p in [
            article("a-b"),
            theme("investment", 3),
            month(2025, 1, 1),
            month(2025, 1, 2),
            place("gunma"),
            SEARCH.to_string(),
        ] {
            let depth = p.split('/').count() - 1;
            assert_eq!(root_of(&p).matches("../").count(), depth, "{p}");
        }
    }

    #[test]
    fn pages_are_files_and_paged_from_two() {
        assert_eq!(theme("investment", 1), "themes/investment/index.html");
        assert_eq!(
            theme("investment", 2),
            "themes/investment/page/2/index.html"
        );
        assert_eq!(month(2025, 3, 1), "archive/2025/03/index.html");
    }

    #[test]
    fn unsafe_segments_are_slugified() {
        assert_eq!(place("ninh-binh"), "places/ninh-binh/index.html");
        assert_eq!(place("../../etc"), "places/etc/index.html");
        assert_eq!(
            article("Hải Phòng news"),
            "articles/hai-phong-news/index.html"
        );
        assert_eq!(segment(""), "page");
    }

    #[test]
    fn canonical_drops_index_html() {
        assert_eq!(
            absolute("https://x.org/d/", "themes/a/index.html"),
            "https://x.org/d/themes/a/"
        );
        assert_eq!(
            absolute("https://x.org/d/", "index.html"),
            "https://x.org/d/"
        );
        assert_eq!(
            absolute("https://x.org/d/", "404.html"),
            "https://x.org/d/404.html"
        );
    }
}
