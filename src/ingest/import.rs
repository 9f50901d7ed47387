//! The import loop over `seeds/`: read, clean, classify, link stories and
//! write pages under the edit-keeping rules of the record (see `write`),
//! one run at a time per site (see `output::lock`).

use super::record::PAGE_UNKNOWN;
use super::seeds::{Seed, SeedFile, list_seeds, read_seed};
use super::write::{PageJob, assign_slugs, names_seed, remove_debris, write_pages};
use super::*;

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
/// classifying: every seed is the one last imported by this importer
/// version, no seed was added or removed, no seed or classifier file is
/// newer than the record (so story links and themes cannot differ), and
/// every page is as written or was deliberately edited or deleted. `None`
/// when a full import is needed.
fn nothing_changed(
    root: &Path,
    config: &SiteConfig,
    record: &Record,
    files: &[SeedFile],
) -> Result<Option<ImportReport>> {
    let Some(recorded_at) = modified(&record::path(root)) else {
        return Ok(None);
    };
    if record.importer != IMPORTER_VERSION
        || record.seeds.len() + record.without_page.len() != files.len()
        || files.is_empty()
        || record.seeds.values().any(|e| e.page_hash == PAGE_UNKNOWN)
    {
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
    /// What the record says of a seed that needs no import.
    enum State {
        /// Not imported: no page named it when the record was rebuilt.
        WithoutPage(String),
        /// Its page: as written (`Some(true)`), edited, or deleted (`None`).
        Page(String, PathBuf, Option<bool>),
    }
    let states: Vec<Option<State>> = files
        .par_iter()
        .map(|f| -> Result<_> {
            let name = f.name.clone();
            let Some(entry) = record.seeds.get(&name) else {
                return Ok(record
                    .without_page
                    .contains(&name)
                    .then_some(State::WithoutPage(name)));
            };
            if newer(&f.path) {
                return Ok(None);
            }
            let bytes = std::fs::read(&f.path).map_err(|e| Error::io(&f.path, e))?;
            if sha256_hex(&bytes) != entry.seed_hash {
                return Ok(None);
            }
            let rel = Path::new(CONTENT_DIR)
                .join(ARTICLES_DIR)
                .join(format!("{}.md", entry.slug));
            let page = root.join(&rel);
            let as_written = match std::fs::read(&page) {
                Ok(t) if t.trim_ascii().is_empty() => return Ok(None),
                Ok(t) => Some(sha256_hex(&t) == entry.page_hash),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(Error::io(&page, e)),
            };
            Ok(Some(State::Page(name, rel, as_written)))
        })
        .collect::<Result<_>>()?;
    let mut report = ImportReport::default();
    for state in states {
        let Some(state) = state else {
            return Ok(None);
        };
        let (name, line) = match state {
            State::WithoutPage(name) => {
                let line = format!(
                    "{SEEDS_DIR}/{name}: no page named this seed when the record was rebuilt \
                     (its page may have been deleted by hand), so it is not imported"
                );
                (name, line)
            }
            State::Page(_, _, Some(true)) => {
                report.unchanged += 1;
                continue;
            }
            State::Page(name, rel, Some(false)) => {
                let line = format!("{}: edited by hand, left as is", rel.display());
                (name, line)
            }
            State::Page(name, rel, None) => {
                let line = format!("{}: deleted by hand, not re-created", rel.display());
                (name, line)
            }
        };
        let keeping = if line.contains("edited") {
            " (keeping yours as .bak)"
        } else {
            ""
        };
        report.kept.push(format!(
            "{line}; `import --force {name}` re-imports it{keeping}"
        ));
    }
    Ok(Some(report))
}

pub fn import(root: &Path, config: &SiteConfig, opts: &ImportOptions) -> Result<ImportReport> {
    import_with_progress(root, config, opts, &crate::types::NoProgress)
}

/// [`import`], counting seeds on `progress` as they are cleaned and classified.
///
/// Takes the site's lock (`output::lock`) for the run; a caller that holds
/// it already on this thread (build) is not made to wait on itself.
pub fn import_with_progress(
    root: &Path,
    config: &SiteConfig,
    opts: &ImportOptions,
    progress: &dyn crate::types::Progress,
) -> Result<ImportReport> {
    let _lock = crate::output::lock::acquire(root)?;
    remove_debris(root);
    let (files, skipped) = list_seeds(root, config.follow_external_seed_links)?;
    let mut record = Record::load(root)?;
    if opts.force.is_empty()
        && opts.explain.is_none()
        && let Some(mut r) = nothing_changed(root, config, &record, &files)?
    {
        r.problems = skipped;
        return Ok(r);
    }
    let mut report = ImportReport {
        problems: skipped,
        ..ImportReport::default()
    };
    let articles = root.join(CONTENT_DIR).join(ARTICLES_DIR);
    progress.phase("importing seeds", files.len());
    let seeds: Vec<Seed> = files
        .par_iter()
        .map(|f| {
            let seed = read_seed(f, None, &config.detect_languages);
            progress.tick();
            seed
        })
        .collect::<Result<Vec<Vec<_>>>>()?
        .into_iter()
        .flatten()
        .collect();

    for f in &opts.force {
        if !seeds.iter().any(|s| names_seed(f, &s.name)) {
            report.problems.push(format!(
                "--force {f}: no such seed in {SEEDS_DIR}/ (give the file name, e.g. 000_x.txt)"
            ));
        }
    }
    if let Some(Some(one)) = &opts.explain
        && !seeds.iter().any(|s| names_seed(one, &s.name))
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

    let importer_before = record.importer;
    let jobs: Vec<PageJob> = ok
        .iter()
        .zip(&fronts)
        .zip(&slug_list)
        .map(|(((seed, article), front), slug)| PageJob {
            seed,
            article,
            front,
            slug,
        })
        .collect();
    write_pages(root, &mut record, &jobs, opts, &mut report)?;
    report.pages.sort();

    if let Some(which) = &opts.explain {
        if importer_before != IMPORTER_VERSION {
            let _ = writeln!(
                report.explanation,
                "== importer version: the pages were written by importer version \
                 {importer_before}, this is version {IMPORTER_VERSION}: pages still as import \
                 wrote them are imported again; pages you edited or deleted are kept"
            );
        }
        for s in &seeds {
            if which.as_ref().is_some_and(|w| !names_seed(w, &s.name)) {
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
                    // A text seed with no body: show how its lines were read.
                    // (Read again: only `--explain` wants it, and only here.)
                    let path = root.join(super::SEEDS_DIR).join(&s.name);
                    if *p == SeedProblem::NoBody
                        && let Ok(bytes) = std::fs::read(&path)
                        && let Some(lines) =
                            super::line_report(&s.name, &bytes, &config.detect_languages)
                    {
                        report.explanation.push_str(&lines);
                    }
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
        for f in list_seeds(manifest, false).unwrap().0.iter().take(2) {
            std::fs::copy(
                &f.path,
                root.join("seeds").join(f.path.file_name().unwrap()),
            )
            .unwrap();
        }
        root
    }

    #[test]
    fn unchanged_reimport_is_answered_from_the_record_until_a_seed_is_added() {
        let root = site("unchanged");
        let config = SiteConfig::load(&root).unwrap();
        let seeds = || list_seeds(&root, false).unwrap().0;
        let quick = || {
            let record = Record::load(&root).unwrap();
            nothing_changed(&root, &config, &record, &seeds()).unwrap()
        };
        assert!(quick().is_none());
        let first = import(&root, &config, &ImportOptions::default()).unwrap();
        assert_eq!(first.written, 2);

        let answer = quick().unwrap();
        assert_eq!((answer.written, answer.unchanged), (0, 2));
        assert!(answer.kept.is_empty());

        // A new seed can change the story links of the others: full import.
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let third = list_seeds(manifest, false).unwrap().0[2].path.clone();
        std::fs::copy(&third, root.join("seeds").join(third.file_name().unwrap())).unwrap();
        assert!(quick().is_none());
        let _ = std::fs::remove_dir_all(&root);
    }
}
