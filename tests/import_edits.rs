//! Import on a site folder: the edit-keeping rules (pages written once, then
//! left alone when edited or deleted, `--force` keeping the edit as `.bak`),
//! bad seeds reported one line each, escaping, stable slugs and `--explain`.

mod common;

use bilateral_digest::config::SiteConfig;
use bilateral_digest::content::{self, FrontMatter};
use bilateral_digest::ingest::{self, ImportOptions};
use common::{manifest, seed_path};
use std::path::{Path, PathBuf};

struct Site {
    root: PathBuf,
}

impl Site {
    fn new(name: &str, prefixes: &[&str]) -> Site {
        let root = std::env::temp_dir().join(format!("bd-import-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("seeds")).unwrap();
        std::fs::copy(manifest().join("site.toml"), root.join("site.toml")).unwrap();
        // The classifier reads its data files from the site; bring them along when present.
        let data = manifest().join("data");
        if data.is_dir() {
            std::fs::create_dir_all(root.join("data")).unwrap();
            for e in std::fs::read_dir(&data).unwrap() {
                let p = e.unwrap().path();
                if p.is_file() {
                    std::fs::copy(&p, root.join("data").join(p.file_name().unwrap())).unwrap();
                }
            }
        }
        for p in prefixes {
            let src = seed_path(p);
            std::fs::copy(&src, root.join("seeds").join(src.file_name().unwrap())).unwrap();
        }
        Site { root }
    }

    fn config(&self) -> SiteConfig {
        SiteConfig::load(&self.root).unwrap()
    }

    fn import(&self, opts: &ImportOptions) -> ingest::ImportReport {
        ingest::import(&self.root, &self.config(), opts).unwrap()
    }

    fn pages(&self) -> Vec<PathBuf> {
        let dir = self.root.join("content/articles");
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|r| {
                r.map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|x| x == "md"))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    fn seed_file(&self, prefix: &str) -> PathBuf {
        self.root
            .join("seeds")
            .join(seed_path(prefix).file_name().unwrap())
    }

    /// The page made from the seed with this prefix.
    fn page_of(&self, prefix: &str) -> PathBuf {
        let name = seed_path(prefix)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        self.pages()
            .into_iter()
            .find(|p| front(p).seed.as_deref() == Some(name.as_str()))
            .unwrap_or_else(|| panic!("no page for {prefix}"))
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn front(page: &Path) -> FrontMatter {
    let text = std::fs::read_to_string(page).unwrap();
    let (toml_text, _) = content::split_front_matter(page, &text).unwrap();
    toml::from_str(toml_text).unwrap()
}

#[test]
fn import_writes_once_then_leaves_pages_alone() {
    let site = Site::new("stable", &["000", "001", "002", "003", "004"]);
    let r = site.import(&ImportOptions::default());
    assert_eq!(r.written, 5, "{:?}", r.problems);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let before: Vec<String> = site
        .pages()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let r = site.import(&ImportOptions::default());
    assert_eq!((r.written, r.unchanged), (0, 5));
    let after: Vec<String> = site
        .pages()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert_eq!(before, after);
    // Every page loads and none of the noise reaches it.
    let config = site.config();
    for p in site.pages() {
        let text = std::fs::read_to_string(&p).unwrap();
        let a = content::parse_article(&p, &text, &config).unwrap();
        for noise in [
            "Log in",
            "Reactions:",
            "Comment (0)",
            "Kommentar (0)",
            "No data",
            "Same category",
            "RELATED NEWS",
            "Photo: VGP",
            "(Photo:",
            "Ảnh 1",
            "![]()",
        ] {
            assert!(!a.html.contains(noise), "{noise} in {}", p.display());
        }
    }
}

#[test]
fn edited_page_is_kept_even_when_its_seed_changes() {
    let site = Site::new("edited", &["000", "002"]);
    site.import(&ImportOptions::default());
    let page = site.page_of("002");
    let edited = std::fs::read_to_string(&page)
        .unwrap()
        .replace("leading industry\"", "leading industries\"");
    std::fs::write(&page, &edited).unwrap();

    let r = site.import(&ImportOptions::default());
    assert_eq!(std::fs::read_to_string(&page).unwrap(), edited);
    assert_eq!(r.kept.len(), 1, "{:?}", r.kept);
    assert!(r.kept[0].contains("edited by hand"), "{}", r.kept[0]);

    let mut seed = std::fs::read_to_string(site.seed_file("002")).unwrap();
    seed = seed.replace(
        "Reactions:",
        "The ministers also agreed to meet again next year to review the progress of the joint working groups.\n\nReactions:",
    );
    std::fs::write(site.seed_file("002"), seed).unwrap();
    let r = site.import(&ImportOptions::default());
    assert_eq!(std::fs::read_to_string(&page).unwrap(), edited);
    assert!(r.kept[0].contains("seed changed"), "{}", r.kept[0]);
    assert_eq!(r.written, 0);
}

#[test]
fn unedited_page_follows_its_seed() {
    let site = Site::new("follows", &["002"]);
    site.import(&ImportOptions::default());
    let page = site.page_of("002");
    let mut seed = std::fs::read_to_string(site.seed_file("002")).unwrap();
    seed = seed.replace(
        "Reactions:",
        "The ministers also agreed to meet again next year to review the progress of the joint working groups.\n\nReactions:",
    );
    std::fs::write(site.seed_file("002"), seed).unwrap();
    let r = site.import(&ImportOptions::default());
    assert_eq!(r.written, 1);
    assert!(r.kept.is_empty());
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("meet again next year")
    );
    assert_eq!(site.page_of("002"), page, "slug is stable");
}

#[test]
fn deleted_page_is_not_recreated_unless_forced() {
    let site = Site::new("deleted", &["000", "004"]);
    site.import(&ImportOptions::default());
    let page = site.page_of("004");
    std::fs::remove_file(&page).unwrap();
    let r = site.import(&ImportOptions::default());
    assert!(!page.exists());
    assert_eq!(r.kept.len(), 1);
    assert!(r.kept[0].contains("deleted by hand"), "{}", r.kept[0]);

    let name = seed_path("004")
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let r = site.import(&ImportOptions {
        force: vec![name],
        ..Default::default()
    });
    assert!(page.exists());
    assert_eq!(r.written, 1);
}

#[test]
fn force_reimports_and_keeps_the_edit_as_bak() {
    let site = Site::new("force", &["003"]);
    site.import(&ImportOptions::default());
    let page = site.page_of("003");
    let original = std::fs::read_to_string(&page).unwrap();
    let edited = format!("{original}\nAn editor's note.\n");
    std::fs::write(&page, &edited).unwrap();
    let name = seed_path("003")
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let r = site.import(&ImportOptions {
        force: vec![name],
        ..Default::default()
    });
    assert_eq!(r.written, 1);
    assert_eq!(std::fs::read_to_string(&page).unwrap(), original);
    let bak = page.with_extension("md.bak");
    assert_eq!(std::fs::read_to_string(bak).unwrap(), edited);
    // An unknown --force name is reported, not ignored.
    let r = site.import(&ImportOptions {
        force: vec!["nope.txt".into()],
        ..Default::default()
    });
    assert!(r.problems.iter().any(|p| p.contains("nope.txt")));
}

#[test]
fn bad_seeds_are_reported_one_line_each_and_others_import() {
    let site = Site::new("bad", &["000"]);
    let seeds = site.root.join("seeds");
    std::fs::write(seeds.join("empty.txt"), "  \n\n").unwrap();
    std::fs::write(
        seeds.join("binary.txt"),
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3],
    )
    .unwrap();
    std::fs::write(
        seeds.join("latin1.txt"),
        b"Caf\xe9 au lait in Ha Noi is a long sentence here.\n",
    )
    .unwrap();
    std::fs::write(seeds.join("huge.txt"), "a".repeat(5 * 1024 * 1024 + 1)).unwrap();
    std::fs::write(seeds.join("menu.txt"), "Home\nNews\nSport\nContact us\n").unwrap();
    let r = site.import(&ImportOptions::default());
    assert_eq!(r.written, 1);
    assert_eq!(r.problems.len(), 5, "{:#?}", r.problems);
    for (file, why) in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("latin1.txt", "UTF-8"),
        ("huge.txt", "MB"),
        ("menu.txt", "no article body"),
    ] {
        let line = r
            .problems
            .iter()
            .find(|p| p.contains(file))
            .unwrap_or_else(|| panic!("{file}"));
        assert!(line.contains(why), "{line}");
        assert!(!line.contains('\n'));
    }
    // The error points to `--explain`, which shows how each line was read.
    let r = site.import(&ImportOptions {
        explain: Some(Some("menu.txt".into())),
        ..ImportOptions::default()
    });
    assert!(
        r.explanation.contains("not imported: no article body"),
        "{}",
        r.explanation
    );
    for (n, text) in [(1, "Home"), (4, "Contact us")] {
        assert!(
            r.explanation
                .contains(&format!("  line {n}: short line: {text}")),
            "{}",
            r.explanation
        );
    }
}

#[test]
fn scraped_markup_renders_as_literal_text() {
    let site = Site::new("escape", &[]);
    std::fs::copy(
        manifest().join("tests/fixtures/seeds-extra/injection.txt"),
        site.root.join("seeds/injection.txt"),
    )
    .unwrap();
    let r = site.import(&ImportOptions::default());
    assert_eq!(r.written, 1, "{:?}", r.problems);
    let page = &site.pages()[0];
    let text = std::fs::read_to_string(page).unwrap();
    let a = content::parse_article(page, &text, &site.config()).unwrap();
    assert!(
        a.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        a.html
    );
    assert!(!a.html.contains("<script"));
    assert!(!a.html.contains("<b>"));
    assert!(a.html.contains("# This line starts with a hash"));
    assert!(a.html.contains("1. This line starts with a number"));
    assert!(a.html.contains("- This line starts with a dash"));
    assert!(a.html.contains("*starred*") && a.html.contains("[x](y)"));
    for tag in ["<h1", "<h2", "<ol", "<ul", "<em>", "<a "] {
        assert!(!a.html.contains(tag), "{tag} in {}", a.html);
    }
}

#[test]
fn same_title_gets_unique_stable_slugs() {
    let site = Site::new("slugs", &["000"]);
    let src = seed_path("000");
    std::fs::copy(&src, site.root.join("seeds/zzz_copy.txt")).unwrap();
    site.import(&ImportOptions::default());
    let pages = site.pages();
    assert_eq!(pages.len(), 2);
    assert_ne!(pages[0], pages[1]);
    let r = site.import(&ImportOptions::default());
    assert_eq!((r.written, r.unchanged), (0, 2));
    assert_eq!(site.pages(), pages);
}

#[test]
fn explain_lists_dropped_lines_with_reasons() {
    let site = Site::new("explain", &["000", "004"]);
    let name = seed_path("004")
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let r = site.import(&ImportOptions {
        explain: Some(Some(name.clone())),
        ..Default::default()
    });
    let ex = &r.explanation;
    assert!(ex.contains(&format!("== {name}")));
    assert!(!ex.contains("000_"));
    assert!(ex.contains("drop line 51: counter"), "{ex}");
    assert!(ex.contains("photo caption"));
    assert!(ex.contains("title:") && ex.contains("date:") && ex.contains("source:"));
}
