//! The import loop over `seeds/`: read, clean, classify, link stories and
//! write pages under the edit-keeping rules of the record.

use super::*;

/// One seed read from disk.
struct Seed {
    name: String,
    hash: String,
    result: Result<ImportedArticle, SeedProblem>,
}

fn list_seeds(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(Error::io(dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let p = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && p.is_file() && p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

fn read_seed(path: &Path, hint: Option<&Language>, allowed: &[Language]) -> Result<Seed> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > MAX_SEED_BYTES {
        return Ok(Seed {
            name,
            hash: String::new(),
            result: Err(SeedProblem::TooLarge { bytes: size }),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let result = super::process_seed_among(&name, &bytes, hint, allowed);
    Ok(Seed {
        name,
        hash: sha256_hex(&bytes),
        result,
    })
}

/// The `seed` named in a page's front matter, if it parses.
fn page_seed(text: &str) -> Option<String> {
    let (toml_text, _) = content::split_front_matter(Path::new(""), text).ok()?;
    let front: FrontMatter = toml::from_str(toml_text).ok()?;
    front.seed
}

fn short_hash(name: &str, len: usize) -> String {
    sha256_hex(name.as_bytes())[..len].to_string()
}

/// Slugs per seed: the recorded one when there is one (stable across
/// rebuilds and title edits), else from the title, with a short hash of the
/// seed's name when another seed or a hand-written page has it.
fn assign_slugs(
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
            Ok(text) => page_seed(&text).as_deref() == Some(name),
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

fn push_unique(list: &mut Vec<Slug>, slug: &Slug) {
    if !list.contains(slug) {
        list.push(slug.clone());
        list.sort();
    }
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The report of a re-import that would change nothing, without cleaning or
/// classifying: every seed is the one last imported, no seed was added or
/// removed, no seed or classifier file is newer than the record (so story
/// links and themes cannot differ), and every page is as written or was
/// deliberately edited or deleted. `None` when a full import is needed.
fn nothing_changed(
    root: &Path,
    config: &SiteConfig,
    paths: &[PathBuf],
) -> Result<Option<ImportReport>> {
    let Some(recorded_at) = modified(&record::path(root)) else {
        return Ok(None);
    };
    let record = Record::load(root)?;
    if record.seeds.len() != paths.len() || paths.is_empty() {
        return Ok(None);
    }
    // A file as new as the record may have changed after it was written.
    let newer = |p: &Path| modified(p).is_none_or(|t| t >= recorded_at);
    if [
        root.join(crate::config::CONFIG_FILE),
        root.join(&config.classifier),
        root.join(&config.gazetteer),
    ]
    .iter()
    .any(|p| p.exists() && newer(p))
    {
        return Ok(None);
    }
    // Per seed: `None` when it needs importing, else its page's state.
    let states: Vec<Option<(String, PathBuf, Option<bool>)>> = paths
        .par_iter()
        .map(|p| -> Result<_> {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Some(entry) = record.seeds.get(&name) else {
                return Ok(None);
            };
            if newer(p) {
                return Ok(None);
            }
            let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
            if sha256_hex(&bytes) != entry.seed_hash {
                return Ok(None);
            }
            let rel = Path::new(CONTENT_DIR)
                .join(ARTICLES_DIR)
                .join(format!("{}.md", entry.slug));
            let page = root.join(&rel);
            // Some(true): as written; Some(false): edited; None: deleted.
            let as_written = match std::fs::read(&page) {
                Ok(t) => Some(sha256_hex(&t) == entry.page_hash),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(Error::io(&page, e)),
            };
            Ok(Some((name, rel, as_written)))
        })
        .collect::<Result<_>>()?;
    let mut report = ImportReport::default();
    for state in states {
        let Some((name, rel, as_written)) = state else {
            return Ok(None);
        };
        let force_hint = format!("`import --force {name}` re-imports it");
        match as_written {
            Some(true) => report.unchanged += 1,
            Some(false) => report.kept.push(format!(
                "{}: edited by hand, left as is; {force_hint} (keeping yours as .bak)",
                rel.display()
            )),
            None => report.kept.push(format!(
                "{}: deleted by hand, not re-created; {force_hint}",
                rel.display()
            )),
        }
    }
    Ok(Some(report))
}

pub fn import(root: &Path, config: &SiteConfig, opts: &ImportOptions) -> Result<ImportReport> {
    import_with_progress(root, config, opts, &crate::types::NoProgress)
}

/// [`import`], counting seeds on `progress` as they are cleaned and classified.
pub fn import_with_progress(
    root: &Path,
    config: &SiteConfig,
    opts: &ImportOptions,
    progress: &dyn crate::types::Progress,
) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let seeds_dir = root.join(SEEDS_DIR);
    let articles = root.join(CONTENT_DIR).join(ARTICLES_DIR);
    let paths = list_seeds(&seeds_dir)?;
    if opts.force.is_empty()
        && opts.explain.is_none()
        && let Some(r) = nothing_changed(root, config, &paths)?
    {
        return Ok(r);
    }
    progress.phase("importing seeds", paths.len());
    let seeds: Vec<Seed> = paths
        .par_iter()
        .map(|p| {
            let seed = read_seed(p, None, &config.detect_languages);
            progress.tick();
            seed
        })
        .collect::<Result<Vec<_>>>()?;

    let names: BTreeSet<&str> = seeds.iter().map(|s| s.name.as_str()).collect();
    for f in &opts.force {
        if !names.contains(f.as_str()) {
            report.problems.push(format!(
                "--force {f}: no such seed in {SEEDS_DIR}/ (give the file name, e.g. 000_x.txt)"
            ));
        }
    }
    if let Some(Some(one)) = &opts.explain
        && !names.contains(one.as_str())
    {
        report
            .problems
            .push(format!("--explain {one}: no such seed in {SEEDS_DIR}/"));
    }

    let mut ok: Vec<(&Seed, &ImportedArticle)> = Vec::new();
    for s in &seeds {
        match &s.result {
            Ok(a) => ok.push((s, a)),
            Err(p) => report.problems.push(format!("{SEEDS_DIR}/{}: {p}", s.name)),
        }
    }

    let mut record = Record::load(root)?;
    let titles: Vec<(&str, &str)> = ok
        .iter()
        .map(|(s, a)| (s.name.as_str(), a.front.title.as_str()))
        .collect();
    let slugs = assign_slugs(&titles, &record, &articles);

    // Classify and link stories.
    let classifier = Classifier::load(root, config)?;
    let plains: Vec<String> = ok.par_iter().map(|(_, a)| a.plain()).collect();
    let langs: Vec<Language> = ok
        .iter()
        .map(|(_, a)| {
            a.front
                .language
                .clone()
                .unwrap_or_else(|| config.language.clone())
        })
        .collect();
    let (mut fronts, class_notes): (Vec<FrontMatter>, Vec<String>) = ok
        .par_iter()
        .enumerate()
        .map(|(k, (_, a))| {
            let c = classifier.classify(&Document {
                title: &a.front.title,
                body: &plains[k],
                language: &langs[k],
            });
            let mut front = a.front.clone();
            front.themes = c.themes;
            front.offtopic = c.offtopic;
            front.places = c.places;
            front.figures = c.figures;
            (front, c.explanation)
        })
        .unzip();
    let slug_list: Vec<Slug> = ok.iter().map(|(s, _)| slugs[&s.name].clone()).collect();
    let docs: Vec<StoryDoc> = ok
        .iter()
        .enumerate()
        .map(|(k, (_, a))| StoryDoc {
            slug: &slug_list[k],
            language: &langs[k],
            outlet: a.front.outlet.as_deref(),
            source: a.front.source.as_deref(),
            title: &a.front.title,
            body: &plains[k],
        })
        .collect();
    let links = classify::link_stories(&docs);
    drop(docs);
    for link in links {
        if link.a == link.b || link.a >= fronts.len() || link.b >= fronts.len() {
            continue;
        }
        let (sa, sb) = (slug_list[link.a].clone(), slug_list[link.b].clone());
        match link.kind {
            LinkKind::Translation => {
                push_unique(&mut fronts[link.a].translations, &sb);
                push_unique(&mut fronts[link.b].translations, &sa);
            }
            LinkKind::AlsoReported => {
                push_unique(&mut fronts[link.a].also_reported, &sb);
                push_unique(&mut fronts[link.b].also_reported, &sa);
            }
        }
    }

    // Page texts are built, and existing pages read, on all cores; what to
    // write is decided in seed order, then the writes run on all cores.
    let pages: Vec<(PathBuf, PathBuf)> = slug_list
        .iter()
        .map(|slug| {
            let rel = Path::new(CONTENT_DIR)
                .join(ARTICLES_DIR)
                .join(format!("{slug}.md"));
            let page = root.join(&rel);
            (rel, page)
        })
        .collect();
    let prepared: Vec<(String, String, Result<Option<String>>)> = ok
        .par_iter()
        .zip(&fronts)
        .zip(&pages)
        .map(|(((_, art), front), (_, page))| {
            let text = content::to_file_text(front, &art.markdown());
            let hash = sha256_hex(text.as_bytes());
            let existing = match std::fs::read_to_string(page) {
                Ok(t) => Ok(Some(t)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(Error::io(page, e)),
            };
            (text, hash, existing)
        })
        .collect();
    // Write under the edit-keeping rules. Pages written earlier in this run
    // are remembered, so that two seeds given one slug by a hand-edited
    // record see each other's page as a serial run would.
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    let mut written_now: HashMap<PathBuf, usize> = HashMap::new();
    let mut read_error = None;
    for (k, ((seed, _), (text, new_hash, existing))) in ok.iter().zip(prepared).enumerate() {
        let slug = &slug_list[k];
        let (rel, page) = &pages[k];
        let forced = opts.force.iter().any(|f| f == &seed.name);
        let entry = record.seeds.get(&seed.name).cloned();
        let existing = match written_now.get(page) {
            Some(&w) => Some(writes[w].1.clone()),
            None => match existing {
                Ok(t) => t,
                Err(e) => {
                    read_error = Some(e);
                    break;
                }
            },
        };
        let seed_changed = entry.as_ref().is_some_and(|e| e.seed_hash != seed.hash);
        let force_hint = format!("`import --force {}` re-imports it", seed.name);
        let edited = |t: &str| {
            entry
                .as_ref()
                .is_none_or(|e| sha256_hex(t.as_bytes()) != e.page_hash)
        };
        let write = match (&entry, &existing) {
            (_, Some(t)) if *t == text => false,
            _ if forced => true,
            (Some(_), None) => {
                report.kept.push(format!(
                    "{}: deleted by hand, not re-created{}; {force_hint}",
                    rel.display(),
                    if seed_changed {
                        " although its seed changed"
                    } else {
                        ""
                    }
                ));
                continue;
            }
            (_, Some(t)) if edited(t) => {
                report.kept.push(format!(
                    "{}: edited by hand, left as is{}; {force_hint} (keeping yours as .bak)",
                    rel.display(),
                    if seed_changed {
                        " although its seed changed"
                    } else {
                        ""
                    }
                ));
                continue;
            }
            _ => true,
        };
        if write {
            if let Some(t) = existing
                && edited(&t)
            {
                let bak = page.with_extension("md.bak");
                written_now.insert(bak.clone(), writes.len());
                writes.push((bak, t));
            }
            written_now.insert(page.clone(), writes.len());
            writes.push((page.clone(), text));
            report.written += 1;
            report.pages.push(rel.clone());
        } else {
            report.unchanged += 1;
        }
        record.seeds.insert(
            seed.name.clone(),
            SeedEntry {
                seed_hash: seed.hash.clone(),
                slug: slug.to_string(),
                page_hash: new_hash,
            },
        );
    }
    // Pages share a folder; it is made once, not checked per page.
    let mut made_dir: Option<&Path> = None;
    for dir in writes.iter().filter_map(|(p, _)| p.parent()) {
        if made_dir != Some(dir) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            made_dir = Some(dir);
        }
    }
    let write = |(path, text): &(PathBuf, String)| -> Result<()> {
        crate::output::atomic::write(path, text.as_bytes())
    };
    // A path written twice must see its writes in order. Otherwise all are
    // written at once, and the first failure in seed order is reported
    // whichever thread met it first.
    if written_now.len() == writes.len() {
        let results: Vec<Result<()>> = writes.par_iter().map(write).collect();
        results.into_iter().collect::<Result<()>>()?;
    } else {
        writes.iter().try_for_each(write)?;
    }
    if let Some(e) = read_error {
        return Err(e);
    }
    record.save(root)?;
    report.pages.sort();

    if let Some(which) = &opts.explain {
        for s in &seeds {
            if which.as_ref().is_some_and(|w| w != &s.name) {
                continue;
            }
            match &s.result {
                Ok(a) => {
                    report.explanation.push_str(&a.explanation);
                    if let Some(k) = ok.iter().position(|(o, _)| o.name == s.name) {
                        let _ = writeln!(report.explanation, "  slug: {}", slug_list[k]);
                        let f = &fronts[k];
                        let themes: Vec<&str> = f.themes.iter().map(|t| t.as_str()).collect();
                        let _ = writeln!(
                            report.explanation,
                            "  themes: [{}]{}",
                            themes.join(", "),
                            if f.offtopic { " (off-topic)" } else { "" }
                        );
                        for l in class_notes[k].lines() {
                            let _ = writeln!(report.explanation, "  classifier: {l}");
                        }
                    }
                }
                Err(p) => {
                    let _ = writeln!(report.explanation, "== {}\n  not imported: {p}", s.name);
                }
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site with the repository's config, data and first two seeds.
    fn site(name: &str) -> PathBuf {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = std::env::temp_dir().join(format!("bd-ingest-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for dir in ["seeds", "data"] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        std::fs::copy(manifest.join("site.toml"), root.join("site.toml")).unwrap();
        for e in std::fs::read_dir(manifest.join("data")).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, root.join("data").join(p.file_name().unwrap())).unwrap();
            }
        }
        for p in list_seeds(&manifest.join(SEEDS_DIR))
            .unwrap()
            .iter()
            .take(2)
        {
            std::fs::copy(p, root.join("seeds").join(p.file_name().unwrap())).unwrap();
        }
        root
    }

    #[test]
    fn unchanged_reimport_is_answered_from_the_record_until_a_seed_is_added() {
        let root = site("unchanged");
        let config = SiteConfig::load(&root).unwrap();
        let seeds = || list_seeds(&root.join(SEEDS_DIR)).unwrap();
        assert!(nothing_changed(&root, &config, &seeds()).unwrap().is_none());
        let first = import(&root, &config, &ImportOptions::default()).unwrap();
        assert_eq!(first.written, 2);

        let quick = nothing_changed(&root, &config, &seeds()).unwrap().unwrap();
        assert_eq!((quick.written, quick.unchanged), (0, 2));
        assert!(quick.kept.is_empty());

        // A new seed can change the story links of the others: full import.
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let third = list_seeds(&manifest.join(SEEDS_DIR)).unwrap()[2].clone();
        std::fs::copy(&third, root.join("seeds").join(third.file_name().unwrap())).unwrap();
        assert!(nothing_changed(&root, &config, &seeds()).unwrap().is_none());
        let _ = std::fs::remove_dir_all(&root);
    }
}
