//! Where each seed's page goes and writing the pages under the edit-keeping
//! rules of the record.
//!
//! Guarantees, with a kill or a full disk at any point:
//! - a page is the whole old text or the whole new one (never empty, never
//!   part), since every write goes through `output::atomic`;
//! - a hand edit replaced by `--force` is in its `.bak`, synced, before the
//!   page is replaced, so it survives in the page or in the `.bak`;
//! - an empty page (left by a killed write of an older version) is nobody's
//!   text: it is written over, and frees its slug;
//! - the record names every page written before a failure (it is saved
//!   even then), so the next run neither takes those pages for hand edits
//!   nor gives their seeds a second, suffixed slug.

use super::record::PAGE_UNKNOWN;
use super::seeds::{Seed, name_key};
use super::*;
use std::ffi::OsStr;

/// The `seed` named in a page's front matter, if it parses.
pub(super) fn page_seed(text: &str) -> Option<String> {
    let (toml_text, _) = content::split_front_matter(Path::new(""), text).ok()?;
    let front: FrontMatter = toml::from_str(toml_text).ok()?;
    front.seed
}

fn short_hash(name: &str, len: usize) -> String {
    sha256_hex(name.as_bytes())[..len].to_string()
}

/// Whether `given` (from the command line) names the seed `name`: as the
/// record spells it, or as the file name it spells.
pub(super) fn names_seed(given: &str, name: &str) -> bool {
    let is = |n: &str| given == n || name_key(OsStr::new(given)) == n;
    // A feed's name names each of its items.
    is(name) || super::feed::item_file(name).is_some_and(is)
}

/// Whether `--force` names this seed.
pub(super) fn forced(opts: &ImportOptions, name: &str) -> bool {
    opts.force.iter().any(|f| names_seed(f, name))
}

/// Slugs per seed: the recorded one when there is one (stable across
/// rebuilds and title edits), else from the title, with a short hash of the
/// seed's name when another seed or a hand-written page has it.
pub(super) fn assign_slugs(
    seeds: &[(&str, &str)],
    record: &Record,
    articles: &Path,
) -> BTreeMap<String, Slug> {
    let mut taken: BTreeMap<String, String> = record
        .seeds
        .iter()
        .map(|(n, e)| (e.slug.clone(), n.clone()))
        .collect();
    // A page on disk frees a slug only for its own seed. The first slug each
    // new seed tries, and its page, are worked out on all cores; the
    // choices, which depend on each other, are then made in order.
    let page_free =
        |s: &str, name: &str| match std::fs::read_to_string(articles.join(format!("{s}.md"))) {
            Ok(text) => text.trim().is_empty() || page_seed(&text).as_deref() == Some(name),
            Err(_) => true,
        };
    let firsts: Vec<Option<(Slug, bool)>> = seeds
        .par_iter()
        .map(|&(name, title)| {
            if record.seeds.contains_key(name) {
                return None;
            }
            let base = Slug::from_text(title, SLUG_MAX);
            let base = if base.as_str().is_empty() {
                Slug::from_text(name.trim_end_matches(".txt"), SLUG_MAX)
            } else {
                base
            };
            let on_disk = page_free(base.as_str(), name);
            Some((base, on_disk))
        })
        .collect();
    let mut out = BTreeMap::new();
    for (&(name, _), first) in seeds.iter().zip(firsts) {
        if let Some(e) = record.seeds.get(name) {
            out.insert(name.to_string(), Slug(e.slug.clone()));
            continue;
        }
        let Some((base, base_on_disk)) = first else {
            continue;
        };
        let free = |s: &str| {
            taken.get(s).is_none_or(|n| n == name)
                && if s == base.as_str() {
                    base_on_disk
                } else {
                    page_free(s, name)
                }
        };
        let mut slug = base.as_str().to_string();
        let mut len = 6;
        while !free(&slug) && len <= 64 {
            slug = format!("{}-{}", base.as_str(), short_hash(name, len));
            len += 4;
        }
        taken.insert(slug.clone(), name.to_string());
        out.insert(name.to_string(), Slug(slug));
    }
    out
}

/// Remove what killed runs left in `content/`: temporary files of the write
/// layer (`.<name>.new-<pid>-…`). Called with the site's lock held, so no
/// live run of this tool is writing them.
pub(super) fn remove_debris(root: &Path) {
    let own = format!(
        "{}{}-",
        crate::output::atomic::TEMP_INFIX,
        std::process::id()
    );
    let content = root.join(CONTENT_DIR);
    for dir in [content.join(ARTICLES_DIR), content] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.')
                && name.contains(crate::output::atomic::TEMP_INFIX)
                && !name.contains(&own)
                && e.file_type().is_ok_and(|t| t.is_file())
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// One page to decide on: its seed, fresh front matter and slug.
pub(super) struct PageJob<'a> {
    pub seed: &'a Seed,
    pub article: &'a ImportedArticle,
    pub front: &'a FrontMatter,
    pub slug: &'a Slug,
}

/// Decide, write and record the pages; the record is saved even when a
/// write fails, and then the first failure is returned.
pub(super) fn write_pages(
    root: &Path,
    record: &mut Record,
    jobs: &[PageJob],
    opts: &ImportOptions,
    report: &mut ImportReport,
) -> Result<()> {
    // Page texts are built, and existing pages read, on all cores; what to
    // write is decided in seed order, then the writes run on all cores.
    let pages: Vec<(PathBuf, PathBuf)> = jobs
        .iter()
        .map(|j| {
            let rel = Path::new(CONTENT_DIR)
                .join(ARTICLES_DIR)
                .join(format!("{}.md", j.slug));
            let page = root.join(&rel);
            (rel, page)
        })
        .collect();
    let prepared: Vec<(String, String, Result<Option<String>>)> = jobs
        .par_iter()
        .zip(&pages)
        .map(|(j, (_, page))| {
            let text = content::to_file_text(j.front, &j.article.markdown());
            let hash = sha256_hex(text.as_bytes());
            let existing = match std::fs::read_to_string(page) {
                Ok(t) => Ok(Some(t)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(Error::io(page, e)),
            };
            (text, hash, existing)
        })
        .collect();
    // Pages written earlier in this run are remembered, so that two seeds
    // given one slug by a hand-edited record see each other's page as a
    // serial run would. `.bak`s go in `baks`, pages in `writes`.
    let mut baks: Vec<(PathBuf, String)> = Vec::new();
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    let mut written_now: HashMap<PathBuf, String> = HashMap::new();
    // Entries to record, with the page write each depends on.
    let mut entries: Vec<(String, SeedEntry, Option<usize>)> = Vec::new();
    let mut read_error = None;
    for (k, (job, (text, new_hash, existing))) in jobs.iter().zip(prepared).enumerate() {
        let seed = job.seed;
        let (rel, page) = &pages[k];
        let forced = forced(opts, &seed.name);
        let entry = record.seeds.get(&seed.name).cloned();
        let existing = match written_now.get(page) {
            Some(t) => Some(t.clone()),
            None => match existing {
                Ok(t) => t,
                Err(e) => {
                    read_error = Some(e);
                    break;
                }
            },
        };
        let seed_changed = entry.as_ref().is_some_and(|e| e.seed_hash != seed.hash);
        let although = if seed_changed {
            " although its seed changed"
        } else {
            ""
        };
        let force_hint = format!("`import --force {}` re-imports it", seed.name);
        let rebuilt = entry.as_ref().is_some_and(|e| e.page_hash == PAGE_UNKNOWN);
        let edited = |t: &str| {
            entry
                .as_ref()
                .is_none_or(|e| sha256_hex(t.as_bytes()) != e.page_hash)
        };
        let new_entry = SeedEntry {
            seed_hash: seed.hash.clone(),
            slug: job.slug.to_string(),
            page_hash: new_hash,
        };
        let write = match (&entry, &existing) {
            (_, Some(t)) if *t == text => false,
            // An empty page is what a killed write of an older version left:
            // nobody's text, so it is written, with no `.bak`.
            (_, Some(t)) if t.trim().is_empty() => true,
            _ if forced => true,
            (None, _) if record.without_page.contains(&seed.name) => {
                report.kept.push(format!(
                    "{SEEDS_DIR}/{}: no page named this seed when the record was rebuilt (its \
                     page may have been deleted by hand), so it is not imported; {force_hint}",
                    seed.name
                ));
                continue;
            }
            (Some(_), None) => {
                report.kept.push(format!(
                    "{}: deleted by hand, not re-created{although}; {force_hint}",
                    rel.display()
                ));
                continue;
            }
            (_, Some(_)) if rebuilt => {
                report.kept.push(format!(
                    "{}: kept as is: the record was rebuilt, so import cannot tell your edits \
                     from its own text; {force_hint} (keeping yours as .bak)",
                    rel.display()
                ));
                // From now on the page counts as edited against this text.
                entries.push((seed.name.clone(), new_entry, None));
                continue;
            }
            (_, Some(t)) if edited(t) => {
                report.kept.push(format!(
                    "{}: edited by hand, left as is{although}; {force_hint} (keeping yours as .bak)",
                    rel.display()
                ));
                continue;
            }
            _ => true,
        };
        if write {
            if let Some(t) = existing
                && !t.trim().is_empty()
                && edited(&t)
            {
                let bak = page.with_extension("md.bak");
                written_now.insert(bak.clone(), t.clone());
                baks.push((bak, t));
            }
            written_now.insert(page.clone(), text.clone());
            entries.push((seed.name.clone(), new_entry, Some(writes.len())));
            writes.push((page.clone(), text));
            report.written += 1;
            report.pages.push(rel.clone());
        } else {
            report.unchanged += 1;
            entries.push((seed.name.clone(), new_entry, None));
        }
    }
    let (page_ok, failure) = write_all(&baks, &writes);
    for (name, entry, w) in entries {
        if w.is_none_or(|w| page_ok[w]) {
            record.without_page.remove(&name);
            record.seeds.insert(name, entry);
        }
    }
    if let Some(e) = failure.or(read_error) {
        // What was written is recorded if the disk still allows it; the
        // write's own error is the one to report.
        let written: BTreeSet<PathBuf> = writes
            .iter()
            .zip(&page_ok)
            .filter(|(_, ok)| **ok)
            .filter_map(|((p, _), _)| p.strip_prefix(root).ok().map(Path::to_path_buf))
            .collect();
        report.pages.retain(|rel| written.contains(rel));
        report.written = report.pages.len();
        let _ = record.save(root);
        return Err(e);
    }
    record.importer = IMPORTER_VERSION;
    record.save(root)
}

/// Write every `.bak`, then every page: which pages were written, and the
/// first failure in order (when a `.bak` fails, no page is written).
fn write_all(
    baks: &[(PathBuf, String)],
    pages: &[(PathBuf, String)],
) -> (Vec<bool>, Option<Error>) {
    let none = || vec![false; pages.len()];
    // Pages share a folder; it is made once, not checked per page.
    let mut made_dir: Option<&Path> = None;
    for dir in baks.iter().chain(pages).filter_map(|(p, _)| p.parent()) {
        if made_dir != Some(dir) {
            if let Err(e) = std::fs::create_dir_all(dir) {
                return (none(), Some(Error::io(dir, e)));
            }
            made_dir = Some(dir);
        }
    }
    let write = |(path, text): &(PathBuf, String)| -> Result<()> {
        crate::output::atomic::write(path, text.as_bytes())
    };
    // Every `.bak` is on disk, synced, before any page it keeps is replaced.
    let results: Vec<Result<()>> = baks.par_iter().map(write).collect();
    if let Some(e) = results.into_iter().find_map(Result::err) {
        return (none(), Some(e));
    }
    // A path written twice must see its writes in order. Otherwise all are
    // written at once, and the first failure in seed order is reported
    // whichever thread met it first.
    let distinct: BTreeSet<&PathBuf> = pages.iter().map(|(p, _)| p).collect();
    if distinct.len() == pages.len() {
        let results: Vec<Result<()>> = pages.par_iter().map(write).collect();
        let ok = results.iter().map(Result::is_ok).collect();
        (ok, results.into_iter().find_map(Result::err))
    } else {
        let mut ok = none();
        for (k, p) in pages.iter().enumerate() {
            if let Err(e) = write(p) {
                return (ok, Some(e));
            }
            ok[k] = true;
        }
        (ok, None)
    }
}
