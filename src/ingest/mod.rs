//! Import: raw scraped seeds to clean, hand-editable Markdown pages.
//!
//! [`process_seed`] cleans and extracts one seed without I/O; [`import`]
//! runs it over `seeds/`, classifies, links stories, and writes pages under
//! the edit-keeping rules: a page is written only when none exists, or when
//! it is still exactly what import last wrote. Edited and deleted pages are
//! left alone and reported, unless `--force` names their seed.

pub mod clean;
pub mod escape;
pub mod extract;
pub mod lang;
pub mod record;

use crate::classify::{self, Classifier, Document, LinkKind, StoryDoc};
use crate::config::SiteConfig;
use crate::content::{self, ARTICLES_DIR, CONTENT_DIR, FrontMatter};
use crate::error::{Error, Result};
use crate::types::{Language, Slug};
use clean::{Analysis, Class, Reason};
use extract::DateValue;
use rayon::prelude::*;
use record::{Record, SeedEntry, sha256_hex};
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

pub const SEEDS_DIR: &str = "seeds";
/// Seeds larger than this are refused: no news article is that long, and a
/// file that size is most likely something else saved by mistake.
pub const MAX_SEED_BYTES: u64 = 5 * 1024 * 1024;
const SLUG_MAX: usize = 80;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Seed file names to re-import even over hand edits (the edited page is kept as `.bak`).
    pub force: Vec<String>,
    /// Print what was dropped and extracted: `Some(None)` for every seed,
    /// `Some(Some(name))` for one.
    pub explain: Option<Option<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub written: usize,
    pub unchanged: usize,
    /// One line per page kept as the user edited or deleted it.
    pub kept: Vec<String>,
    /// One line per seed that could not be imported (file and reason).
    pub problems: Vec<String>,
    /// The `--explain` text, when asked for.
    pub explanation: String,
    /// Pages written this run, relative to the site root, sorted.
    pub pages: Vec<PathBuf>,
}

/// Why a seed could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedProblem {
    Empty,
    Binary,
    InvalidUtf8 { offset: usize },
    TooLarge { bytes: u64 },
    NoBody,
}

impl fmt::Display for SeedProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SeedProblem::Empty => write!(
                f,
                "the file is empty; paste the article's text into it, or delete it"
            ),
            SeedProblem::Binary => write!(
                f,
                "the file is binary, not text; save the article as plain UTF-8 text"
            ),
            SeedProblem::InvalidUtf8 { offset } => write!(
                f,
                "the file is not valid UTF-8 (first bad byte at offset {offset}); re-save it as UTF-8"
            ),
            SeedProblem::TooLarge { bytes } => write!(
                f,
                "the file is {:.1} MB, over the {} MB limit for one article; keep only the article's text",
                *bytes as f64 / 1_048_576.0,
                MAX_SEED_BYTES / 1_048_576
            ),
            SeedProblem::NoBody => write!(
                f,
                "no article body found (no run of full-sentence paragraphs); check that the file holds the article text (`import --explain` shows why each line was dropped)"
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
}

/// A cleaned seed: front matter from extraction (no classification yet),
/// the body, and the explanation of every decision.
#[derive(Debug, Clone)]
pub struct ImportedArticle {
    pub front: FrontMatter,
    pub blocks: Vec<Block>,
    /// Line-by-line account: dropped lines with reasons, what was extracted.
    pub explanation: String,
}

impl ImportedArticle {
    /// The body as escaped Markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            match b {
                Block::Heading(t) => {
                    out.push_str("## ");
                    out.push_str(&escape::heading(t));
                }
                Block::Paragraph(t) => out.push_str(&escape::paragraph(t)),
            }
        }
        out
    }

    /// The body as plain text, paragraphs separated by blank lines.
    pub fn plain(&self) -> String {
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Heading(t) | Block::Paragraph(t) => t.as_str(),
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

fn check_bytes(bytes: &[u8]) -> Result<&str, SeedProblem> {
    if bytes.len() as u64 > MAX_SEED_BYTES {
        return Err(SeedProblem::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    if bytes.contains(&0) || controls * 20 > bytes.len().max(1) {
        return Err(SeedProblem::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| SeedProblem::InvalidUtf8 {
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(SeedProblem::Empty);
    }
    Ok(text)
}

/// Clean and extract one seed, without I/O. `lang_hint` overrides detection.
pub fn process_seed(
    name: &str,
    bytes: &[u8],
    lang_hint: Option<&Language>,
) -> Result<ImportedArticle, SeedProblem> {
    let text = check_bytes(bytes)?
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let hint = lang_hint.map(|l| l.primary());
    let a = clean::analyse(&text, hint.as_deref());
    let (start, end) = a.body.ok_or(SeedProblem::NoBody)?;
    Ok(assemble(name, &a, start, end))
}

/// What a line became.
#[derive(Debug, Clone)]
enum Role {
    Title,
    Standfirst,
    Paragraph,
    Heading,
    Dropped(Reason),
}

/// A short title-like line: a headline candidate.
fn title_like(l: &clean::Line, class: Class) -> bool {
    let f = &l.f;
    let shape_ok = !matches!(
        class,
        Class::Bad(
            Reason::ImagePlaceholder
                | Reason::LinkCard
                | Reason::Caption
                | Reason::SourceLine
                | Reason::Dateline
                | Reason::Counter
                | Reason::AllCaps
                | Reason::TeaserTitle
                | Reason::TeaserSummary
                | Reason::UrlOnly
                | Reason::NoWords
        )
    );
    let long_enough = f.words >= 3 || f.cjk >= 6;
    shape_ok
        && long_enough
        && f.units() <= 30
        && f.chars <= 200
        && f.sentences <= 1
        && !extract::is_site_slogan(&l.text)
}

/// Share of a line's content terms that the body also uses.
fn overlap(line: &str, body: &extract::TermSet<'_>) -> f32 {
    let terms = extract::content_terms(line);
    if terms.is_empty() {
        return 0.0;
    }
    terms.iter().filter(|t| body.contains(t.as_str())).count() as f32 / terms.len() as f32
}

fn snippet(text: &str) -> String {
    let mut s: String = text.chars().take(70).collect();
    if text.chars().count() > 70 {
        s.push('…');
    }
    s
}

fn assemble(name: &str, a: &Analysis, start: usize, end: usize) -> ImportedArticle {
    let lines = &a.lines;
    let lang = a.language.clone().unwrap_or_default();
    let mut roles: Vec<Role> = (0..lines.len())
        .map(|i| {
            let inside = (start..=end).contains(&i);
            match a.class[i] {
                Class::Good | Class::NearGood if inside => Role::Paragraph,
                _ if inside && a.heading[i] => Role::Heading,
                Class::Bad(r) => Role::Dropped(r),
                Class::Short if inside => Role::Dropped(Reason::ShortInBody),
                Class::Short => Role::Dropped(Reason::OutsideBody),
                Class::Good | Class::NearGood => Role::Dropped(Reason::OutsideBodyText),
            }
        })
        .collect();
    let mut notes: Vec<String> = Vec::new();

    // The headline: the nearest title-like line before the body that shares
    // words with it; else the body's first line when it is one short
    // sentence before a longer paragraph; else a title made from the lead.
    // The body's terms are gathered only once a headline candidate needs
    // them, as slices of the folded body where they can be.
    let body_folded: OnceCell<Vec<String>> = OnceCell::new();
    let body_terms: OnceCell<extract::TermSet<'_>> = OnceCell::new();
    let mut title: Option<(usize, String)> = None;
    for i in (0..start).rev() {
        if !title_like(&lines[i], a.class[i]) {
            continue;
        }
        let terms = body_terms.get_or_init(|| {
            let body: Vec<usize> = (start..=end)
                .filter(|&i| matches!(roles[i], Role::Paragraph))
                .collect();
            let folded = body_folded.get_or_init(|| {
                body.iter()
                    .map(|&i| extract::fold_text(&lines[i].text))
                    .collect()
            });
            let mut terms = extract::TermSet::default();
            for (&i, f) in body.iter().zip(folded) {
                extract::content_terms_into(&lines[i].text, f, &mut terms);
            }
            terms
        });
        if overlap(&lines[i].text, terms) >= 0.34 {
            title = Some((i, lines[i].text.clone()));
            break;
        }
    }
    let paragraphs = |roles: &[Role]| -> Vec<usize> {
        (start..=end)
            .filter(|&i| matches!(roles[i], Role::Paragraph))
            .collect()
    };
    if title.is_none() {
        let ps = paragraphs(&roles);
        if let (Some(&first), Some(&second)) = (ps.first(), ps.get(1)) {
            let l = &lines[first];
            if title_like(l, a.class[first])
                && l.f.chars <= 160
                && lines[second].f.chars > l.f.chars
            {
                title = Some((first, l.text.clone()));
            }
        }
    }
    let mut title_inferred = false;
    let title_text = match &title {
        Some((i, t)) => {
            roles[*i] = Role::Title;
            notes.push(format!("title: line {}", lines[*i].no));
            t.trim_end_matches('.').trim().to_string()
        }
        None => {
            title_inferred = true;
            let lead = paragraphs(&roles)
                .first()
                .map(|&i| lines[i].text.clone())
                .unwrap_or_default();
            let (_, lead) = extract::outlet_credit(&lead).unwrap_or((String::new(), lead));
            notes.push("title: none found; made from the lead (title_inferred)".into());
            extract::title_from_lead(&lead, &lang)
        }
    };
    if let Some((ti, _)) = &title {
        let ft = &a.folded[*ti];
        for (i, role) in roles.iter_mut().enumerate() {
            if i != *ti && a.folded[i] == *ft {
                *role = Role::Dropped(Reason::RepeatsTitle);
            }
        }
    }

    // The lead's outlet credit.
    let mut texts: BTreeMap<usize, String> = BTreeMap::new();
    let mut outlet: Option<(String, String)> = None;
    if let Some(&first) = paragraphs(&roles).first()
        && let Some((o, rest)) = extract::outlet_credit(&lines[first].text)
    {
        notes.push(format!(
            "outlet: \"{o}\" credited at the start of line {}",
            lines[first].no
        ));
        outlet = Some((o, format!("credit in line {}", lines[first].no)));
        texts.insert(first, rest);
    }

    // A standfirst: one short sentence between the headline and a longer lead.
    let mut summary = None;
    if title.is_some() && outlet.is_none() {
        let ps = paragraphs(&roles);
        if let (Some(&first), Some(&second)) = (ps.first(), ps.get(1)) {
            let l = &lines[first];
            if l.f.sentences == 1 && l.f.chars <= 220 && lines[second].f.chars > l.f.chars {
                roles[first] = Role::Standfirst;
                summary = Some(l.text.clone());
                notes.push(format!("summary: standfirst at line {}", l.no));
            }
        }
    }

    // Source.
    let mut source = None;
    let mut source_name = None;
    for l in lines {
        if let Some(s) = extract::source_line(&l.text) {
            if source.is_none() && s.url.is_some() {
                source = s.url;
                notes.push(format!("source: line {}", l.no));
            } else if source_name.is_none() {
                source_name = s.name;
            }
        }
    }
    let outlet = outlet
        .map(|(o, _)| o)
        .or_else(|| source_name.clone())
        .or_else(|| source.as_deref().and_then(extract::url_host));

    // Date: an explicit date in the header, datelines or the lead; else a day
    // and month with a year only from clear evidence.
    let date_scope_end = {
        let mut e = end;
        while e + 1 < lines.len()
            && matches!(
                a.class[e + 1],
                Class::Bad(
                    Reason::Dateline
                        | Reason::SourceLine
                        | Reason::Caption
                        | Reason::ImagePlaceholder
                )
            )
        {
            e += 1;
        }
        e
    };
    let body_paras = paragraphs(&roles);
    let lead_paras: Vec<usize> = body_paras.iter().copied().take(2).collect();
    let mut date = None;
    let mut date_inferred = false;
    let scope: Vec<usize> = (0..=date_scope_end)
        .filter(|&i| {
            !matches!(roles[i], Role::Paragraph | Role::Heading) || lead_paras.contains(&i)
        })
        .collect();
    for &i in &scope {
        if let Some(d) = extract::find_dates(&lines[i].text)
            .iter()
            .find_map(|h| match h.value {
                DateValue::Full(d) => Some(d),
                DateValue::DayMonth(..) => None,
            })
        {
            notes.push(format!("date: {d} from line {}", lines[i].no));
            date = Some(d);
            break;
        }
    }
    if date.is_none() {
        let partial = scope.iter().find_map(|&i| {
            extract::find_dates(&lines[i].text)
                .iter()
                .find_map(|h| match h.value {
                    DateValue::DayMonth(m, d) => Some((m, d, lines[i].no)),
                    DateValue::Full(_) => None,
                })
        });
        if let Some((m, d, no)) = partial {
            let texts: Vec<&str> = (start..=end)
                .filter(|&i| matches!(roles[i], Role::Paragraph | Role::Standfirst))
                .map(|i| lines[i].text.as_str())
                .collect();
            match extract::evidence_year(&texts) {
                Some((y, why)) => {
                    date = chrono::NaiveDate::from_ymd_opt(y, m, d);
                    date_inferred = date.is_some();
                    notes.push(format!("date: day and month from line {no}, year {y} from \"{}\" (date_inferred)", snippet(&why)));
                }
                None => notes.push(format!(
                    "date: line {no} gives {d}/{m} without a year, and no sentence ties a year to the present; left out"
                )),
            }
        } else {
            notes.push("date: none found".into());
        }
    }

    // The body.
    let mut blocks = Vec::new();
    for i in start..=end {
        let text = texts
            .get(&i)
            .cloned()
            .unwrap_or_else(|| lines[i].text.clone());
        match roles[i] {
            Role::Paragraph | Role::Standfirst => blocks.push(Block::Paragraph(text)),
            Role::Heading => blocks.push(Block::Heading(text)),
            _ => {}
        }
    }

    let language = a.language.as_deref().map(Language::new);
    let front = FrontMatter {
        title: title_text,
        title_inferred,
        date,
        date_inferred,
        language,
        source,
        outlet,
        summary,
        seed: Some(name.to_string()),
        ..Default::default()
    };

    let mut ex = String::new();
    let _ = writeln!(ex, "== {name}");
    let _ = writeln!(
        ex,
        "  title: {}{}",
        front.title,
        if title_inferred { " (inferred)" } else { "" }
    );
    let _ = writeln!(
        ex,
        "  date: {}{}",
        front
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "none".into()),
        if date_inferred { " (inferred)" } else { "" }
    );
    let _ = writeln!(
        ex,
        "  language: {}",
        front
            .language
            .as_ref()
            .map(|l| l.as_str())
            .unwrap_or("unknown")
    );
    let _ = writeln!(
        ex,
        "  source: {}",
        front.source.as_deref().unwrap_or("none")
    );
    let _ = writeln!(
        ex,
        "  outlet: {}",
        front.outlet.as_deref().unwrap_or("none")
    );
    let _ = writeln!(
        ex,
        "  body: lines {}-{}, {} blocks",
        lines[start].no,
        lines[end].no,
        blocks.len()
    );
    for n in &notes {
        let _ = writeln!(ex, "  {n}");
    }
    for (l, role) in lines.iter().zip(&roles) {
        if let Role::Dropped(r) = role {
            let _ = writeln!(ex, "  drop line {}: {r}: {}", l.no, snippet(&l.text));
        }
    }
    ImportedArticle {
        front,
        blocks,
        explanation: ex,
    }
}

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

fn read_seed(path: &Path, hint: Option<&Language>) -> Result<Seed> {
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
    let result = process_seed(&name, &bytes, hint);
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
            let seed = read_seed(p, None);
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
        std::fs::write(path, text).map_err(|e| Error::io(path, e))
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
