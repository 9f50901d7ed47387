//! The build cache, kept beside the output (`.public.cache/`, never deployed):
//! what the last build knew of each article file, the site model without the
//! article bodies, and the parts of the search index. With it, a rebuild
//! after an edit to the body of an article renders only that article's page,
//! the search index and the feeds that carry its text, and writes exactly what
//! a full build would.
//!
//! The cache is only trusted when this version of the tool wrote it, for the
//! same inputs other than the articles (`render_key`), and for exactly the
//! output that is there now (`manifest`). Anything else, or any doubt, means
//! a full build, which writes the cache anew.

use crate::content::Article;
use crate::render::search::Cutoff;
use crate::site::{Snapshot, SnapshotRef};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs;
use std::path::Path;

/// Bumped with the tool's version: a cache is never read across versions.
pub(crate) const FORMAT: &str = concat!("bilateral-digest ", env!("CARGO_PKG_VERSION"), " cache 4");
const FILES: &str = "files.bin";
const SITE: &str = "site.bin";
const SEARCH: &str = "search.txt";
/// An update's new search parts, until its output is committed: the search
/// parts in use always describe the output there is (a body-only rebuild
/// patches the output's search shards from them).
const SEARCH_PENDING: &str = "search.pending.txt";

/// One article file as the last build saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileRecord {
    /// Relative to the site root, with `/`.
    pub path: String,
    pub len: u64,
    /// Modification time in nanoseconds since the epoch.
    pub modified: u128,
    /// Digest of everything of the article that a page other than its own
    /// can show (see [`listing_key`]).
    pub listing: String,
}

/// What `files.bin` holds: rewritten by every build.
#[derive(Serialize, Deserialize)]
pub(crate) struct Meta {
    pub format: String,
    pub render_key: String,
    /// `output::manifest_digest` of the output this cache describes.
    pub manifest: String,
    pub files: Vec<FileRecord>,
}

/// The digest of what other pages show of an article: its path, front
/// matter, language, summary, and the locality pairs found in its text. An
/// edit that leaves it unchanged can only change the article's own page,
/// the search index and full-text feeds.
///
/// Every field of `Article` is named here, so that a field added to it does
/// not compile until it is either part of the digest or known to be shown
/// on the article's own page only; front matter is digested whole, so a key
/// added to it is covered without a change here.
pub(crate) fn listing_key(article: &Article, pairs: &[(String, String)]) -> String {
    let Article {
        slug: _, // the file name: part of `path`
        path,
        front,
        language,
        // Shown only on the article's own page and in full-text feeds,
        // which the update path renders again.
        html: _,
        summary,
        // The reading time of the article's own page.
        word_count: _,
    } = article;
    let mut h = Sha256::new();
    let json = serde_json::to_vec(&(path, front, language, summary, pairs)).unwrap_or_default();
    h.update(&json);
    hex::encode(h.finalize())
}

/// Read `files.bin`; None when missing, unreadable or of another version.
pub(crate) fn read_meta(cache: &Path) -> Option<Meta> {
    let bytes = fs::read(cache.join(FILES)).ok()?;
    let meta: Meta = postcard::from_bytes(&bytes).ok()?;
    (meta.format == FORMAT).then_some(meta)
}

/// Read `site.bin`, the site model of the last full build.
pub(crate) fn read_site(cache: &Path, render_key: &str) -> Option<Snapshot> {
    let bytes = fs::read(cache.join(SITE)).ok()?;
    let (key, site): (String, Snapshot) = postcard::from_bytes(&bytes).ok()?;
    (key == render_key).then_some(site)
}

/// The search index's parts: per listed article (in listing order) its
/// entry and its distinct body words, and the document frequency of every
/// word. Text lines, tab-separated: entries are JSON, which escapes tabs and
/// line breaks, and words hold neither.
pub(crate) struct SearchParts {
    text: String,
    /// Where the frequency lines start: each kind is read on its own.
    frequencies: usize,
}

impl SearchParts {
    pub fn read(cache: &Path) -> Option<SearchParts> {
        let text = fs::read_to_string(cache.join(SEARCH)).ok()?;
        if text.lines().next() != Some(FORMAT) {
            return None;
        }
        let frequencies = text.find("\nD\t").map_or(text.len(), |i| i + 1);
        Some(SearchParts { text, frequencies })
    }

    /// (entry, words, cutoff) per listed article, in listing order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str, Option<Cutoff>)> {
        self.text[..self.frequencies].lines().filter_map(|l| {
            let mut fields = l.strip_prefix("E\t")?.split('\t');
            let entry = fields.next()?;
            let words = fields.next()?;
            let cutoff = fields.next()?;
            let cutoff = if cutoff.is_empty() {
                None
            } else {
                let n: Vec<u32> = cutoff
                    .split(',')
                    .map(|x| x.parse().ok())
                    .collect::<Option<_>>()?;
                let [a, b, c, d] = n[..] else {
                    return None;
                };
                Some(Cutoff {
                    last_kept: (a, b),
                    first_dropped: (c, d),
                })
            };
            Some((entry, words, cutoff))
        })
    }

    /// (word, number of listed articles using it).
    pub fn doc_freq(&self) -> impl Iterator<Item = (&str, u32)> {
        self.text[self.frequencies..].lines().filter_map(|l| {
            let (w, n) = l.strip_prefix("D\t")?.split_once('\t')?;
            Some((w, n.parse().ok()?))
        })
    }
}

/// Write the search index's parts (see [`SearchParts`]).
pub(crate) fn write_search<'a>(
    cache: &Path,
    entries: impl Iterator<Item = (&'a str, &'a str, Option<Cutoff>)>,
    doc_freq: impl Iterator<Item = (&'a str, u32)>,
) -> std::io::Result<()> {
    write_search_as(&cache.join(SEARCH), entries, doc_freq)
}

/// Write an update's new search parts beside the ones in use, which
/// [`adopt_pending_search`] replaces once the update reached the output.
pub(crate) fn write_pending_search<'a>(
    cache: &Path,
    entries: impl Iterator<Item = (&'a str, &'a str, Option<Cutoff>)>,
    doc_freq: impl Iterator<Item = (&'a str, u32)>,
) -> std::io::Result<()> {
    write_search_as(&cache.join(SEARCH_PENDING), entries, doc_freq)
}

/// The pending search parts become the ones in use (the update they belong
/// to is in the output).
pub(crate) fn adopt_pending_search(cache: &Path) -> std::io::Result<()> {
    crate::output::atomic::rename(&cache.join(SEARCH_PENDING), &cache.join(SEARCH))
        .map_err(std::io::Error::other)
}

fn write_search_as<'a>(
    path: &Path,
    entries: impl Iterator<Item = (&'a str, &'a str, Option<Cutoff>)>,
    doc_freq: impl Iterator<Item = (&'a str, u32)>,
) -> std::io::Result<()> {
    use std::io::Write;
    write_atomic_with(path, |out| {
        writeln!(out, "{FORMAT}")?;
        for (e, w, cutoff) in entries {
            for part in ["E\t", e, "\t", w, "\t"] {
                out.write_all(part.as_bytes())?;
            }
            if let Some(c) = cutoff {
                write!(
                    out,
                    "{},{},{},{}",
                    c.last_kept.0, c.last_kept.1, c.first_dropped.0, c.first_dropped.1
                )?;
            }
            writeln!(out)?;
        }
        for (w, n) in doc_freq {
            writeln!(out, "D\t{w}\t{n}")?;
        }
        Ok(())
    })
}

/// Write `files.bin`.
pub(crate) fn write_meta(
    cache: &Path,
    render_key: &str,
    manifest: &str,
    files: &[FileRecord],
) -> std::io::Result<()> {
    let meta = Meta {
        format: FORMAT.to_string(),
        render_key: render_key.to_string(),
        manifest: manifest.to_string(),
        files: files.to_vec(),
    };
    let bytes = postcard::to_stdvec(&meta).map_err(std::io::Error::other)?;
    write_atomic(&cache.join(FILES), &bytes)
}

/// Write `site.bin`. Only a full build does: a rebuild that used the cache
/// changed nothing that the model holds.
pub(crate) fn write_site(
    cache: &Path,
    render_key: &str,
    site: SnapshotRef<'_>,
) -> std::io::Result<()> {
    write_atomic_with(&cache.join(SITE), |out| {
        postcard::to_io(&(render_key, site), out)
            .map(|_| ())
            .map_err(std::io::Error::other)
    })
}

/// Forget the cache, so that the next build is a full one. The folder is
/// ours by its name beside the output; only its two files are removed.
pub(crate) fn invalidate(cache: &Path) {
    for name in [FILES, SITE, SEARCH, SEARCH_PENDING] {
        let _ = fs::remove_file(cache.join(name));
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |out| std::io::Write::write_all(out, bytes))
}

/// Write a file through a buffer (large parts of the cache are never held
/// whole in memory), under a temporary name renamed into place by the write
/// layer (`output::atomic`).
fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::io::BufWriter<fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use crate::output::atomic;
    if let Some(d) = path.parent() {
        fs::create_dir_all(d)?;
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(
        ".{name}{}{}",
        atomic::TEMP_INFIX,
        std::process::id()
    ));
    let mut out = std::io::BufWriter::with_capacity(1 << 16, fs::File::create(&tmp)?);
    fill(&mut out)?;
    std::io::Write::flush(&mut out)?;
    drop(out);
    atomic::sync_file(&tmp)
        .and_then(|()| atomic::rename(&tmp, path))
        .map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        let config = crate::config::SiteConfig::parse(
            Path::new("site.toml"),
            "title = \"T\"\n[[themes]]\nslug = \"investment\"\nname = \"I\"\n",
        )
        .unwrap();
        crate::content::parse_article(
            Path::new("content/articles/a.md"),
            "+++\ntitle = \"Gunma and Ninh Binh\"\ndate = 2025-11-03\nlanguage = \"vi\"\n\
             themes = [\"investment\"]\nplaces = [\"gunma\"]\ntranslations = [\"b\"]\n\
             [[figures]]\nvalue = \"30%\"\nlabel = \"rise\"\n+++\nBody *text*.\n",
            &config,
        )
        .unwrap()
    }

    #[test]
    fn stored_articles_keep_what_listings_show() {
        let a = article();
        let bytes = postcard::to_stdvec(&a).unwrap();
        let back: Article = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.front, a.front);
        assert_eq!(back.summary, a.summary);
        assert_eq!(back.slug, a.slug);
        assert_eq!(back.path, a.path);
        assert_eq!(back.language, a.language);
        // The body is not kept: pages showing it are rendered from the file.
        assert!(back.html.is_empty());
        assert_eq!(listing_key(&back, &[]), listing_key(&a, &[]));
    }

    #[test]
    fn listing_key_follows_what_other_pages_show_only() {
        let a = article();
        let mut b = a.clone();
        b.html.push_str("<p>more</p>");
        b.word_count += 10;
        assert_eq!(listing_key(&a, &[]), listing_key(&b, &[]));
        b.front.title.push('!');
        assert_ne!(listing_key(&a, &[]), listing_key(&b, &[]));
        let pair = [("ninh-binh".to_string(), "gunma".to_string())];
        assert_ne!(listing_key(&a, &[]), listing_key(&a, &pair));
    }

    #[test]
    fn search_parts_round_trip() {
        let dir = std::env::temp_dir().join(format!("bd-cache-{}", std::process::id()));
        let cut = Cutoff {
            last_kept: (3, 17),
            first_dropped: (4, 2),
        };
        write_search(
            &dir,
            [("[\"a\\tb\"]", "alpha beta", None), ("[]", "", Some(cut))].into_iter(),
            [("alpha", 1u32), ("beta", 2)].into_iter(),
        )
        .unwrap();
        let parts = SearchParts::read(&dir).unwrap();
        let entries: Vec<_> = parts.entries().collect();
        assert_eq!(
            entries,
            [("[\"a\\tb\"]", "alpha beta", None), ("[]", "", Some(cut))]
        );
        let mut df: Vec<_> = parts.doc_freq().collect();
        df.sort();
        assert_eq!(df, [("alpha", 1), ("beta", 2)]);
        invalidate(&dir);
        assert!(SearchParts::read(&dir).is_none());
        fs::remove_dir_all(&dir).unwrap();
    }
}
