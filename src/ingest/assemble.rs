//! Assembly of a cleaned seed: which line is the headline, the standfirst,
//! the body's paragraphs and headings, and what was dropped and why.

use super::clean::{self, Analysis, Class, Reason};
use super::headline;
use super::title;
use super::*;

/// What a line became.
#[derive(Debug, Clone)]
enum Role {
    Title,
    Standfirst,
    Paragraph,
    Heading,
    Dropped(Reason),
}

/// Share of a line's content terms that the body also uses.
fn overlap(terms: &BTreeSet<String>, body: &extract::TermSet<'_>) -> f32 {
    if terms.is_empty() {
        return 0.0;
    }
    terms.iter().filter(|t| body.contains(t.as_str())).count() as f32 / terms.len() as f32
}

/// Glyphs that open a list item or a marked heading in text copied from a
/// page.
const BULLETS: [char; 9] = ['•', '・', '●', '○', '■', '□', '◆', '▪', '▶'];

/// Whether two headlines' content terms are mostly the same: at least 60%
/// of the smaller set, of four terms or more.
fn title_like_twin(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    headline::terms_overlap(a, b, 4, 6)
}

/// Title-like lines looked at above the body: a headline sits near it,
/// and a menu far above holds many short lines.
const MAX_HEADLINE_CANDIDATES: usize = 12;

fn snippet(text: &str) -> String {
    let mut s: String = text.chars().take(70).collect();
    if text.chars().count() > 70 {
        s.push('…');
    }
    s
}

/// How each line was read, for `import --explain` of a seed in which no
/// body was found: the reason a line was dropped, or what kind of text it
/// is.
pub(super) fn line_report(a: &Analysis) -> String {
    let mut out = String::new();
    for (l, c) in a.lines.iter().zip(&a.class) {
        let kind = match c {
            Class::Good => "paragraph".to_string(),
            Class::NearGood => "short sentence (too few to make a body)".to_string(),
            Class::Short => "short line".to_string(),
            Class::Bad(r) => r.to_string(),
        };
        let _ = writeln!(out, "  line {}: {kind}: {}", l.no, snippet(&l.text));
    }
    out
}

pub(super) fn assemble(name: &str, a: &Analysis, start: usize, end: usize) -> ImportedArticle {
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

    // Source, first: the URL's slug is evidence for the headline.
    let mut source = None;
    let mut source_name = None;
    let mut source_note = None;
    for l in lines {
        if let Some(s) = extract::source_line(&l.text) {
            if source.is_none() && s.url.is_some() {
                source = s.url;
                source_note = Some(format!("source: line {}", l.no));
            } else if source_name.is_none() {
                source_name = s.name;
            }
        }
    }
    let slug = source
        .as_deref()
        .map(headline::slug_words)
        .unwrap_or_default();

    // The headline: among the title-like lines before the body (each with
    // glued dates, file names and page counters removed), the one that
    // best agrees with the body's words, the source URL's slug and the
    // page's other title lines, nearer the body breaking ties; else the
    // body's first line when it is one short sentence before a longer
    // paragraph; else a title made from the lead. The body's terms are
    // gathered only once a headline candidate needs them, as slices of the
    // folded body where they can be.
    let body_folded: OnceCell<Vec<String>> = OnceCell::new();
    let body_terms: OnceCell<extract::TermSet<'_>> = OnceCell::new();
    let mut candidates: Vec<title::Candidate> = Vec::new();
    // Short lines at the top of the body, before its first paragraph, are
    // candidates too: a headline the body's start swallowed.
    let first_para = (start..=end)
        .find(|&i| matches!(roles[i], Role::Paragraph))
        .unwrap_or(start);
    for i in (0..first_para).rev() {
        // Past the nearest lines, only a `# ` headline is still a candidate.
        if candidates.len() >= MAX_HEADLINE_CANDIDATES && lines[i].md_heading != 1 {
            continue;
        }
        // A Markdown list item above the article is a menu entry.
        // (A marker glued to a capital, "+Delegation …", is a page's
        // expand button before the headline, cut by `headline::clean`.)
        // So is a line after a bullet glyph ("・", "■"): a list's item or a
        // section's heading, never a page's headline.
        if clean::is_list_item(&lines[i].text) || lines[i].text.starts_with(BULLETS) {
            continue;
        }
        let Some(cleaned) = headline::clean(&lines[i].text) else {
            continue;
        };
        let changed = cleaned != lines[i].text;
        let glued = changed
            && matches!(
                a.class[i],
                Class::Bad(Reason::Dateline | Reason::ImagePlaceholder | Reason::Caption)
            );
        let sentences = if changed {
            extract::sentence_count(&cleaned)
        } else {
            lines[i].f.sentences
        };
        if !(title::title_like(&lines[i], a.class[i], &cleaned, sentences) || glued)
            || headline::is_when_line(&cleaned)
        {
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
        let own = extract::content_terms(&cleaned);
        // A line cleaned of a glued date or file name repeats the lines
        // that hold its cleaned text.
        let count = if changed {
            let f = extract::fold_text(&cleaned);
            1 + a.folded.iter().filter(|g| **g == f).count()
        } else {
            lines[i].f.count
        };
        candidates.push(title::Candidate {
            line: i,
            body: overlap(&own, terms),
            slug: headline::slug_agreement(&cleaned, &slug),
            unspaced: cleaned
                .chars()
                .filter(|&c| crate::types::is_unspaced_script(c))
                .count(),
            text: cleaned,
            terms: own,
            count,
            cjk: lines[i].f.cjk,
            md_heading: lines[i].md_heading,
            in_list: title::in_list(lines, &a.class, i),
            dated: lines.get(i + 1).is_some_and(|n| {
                matches!(
                    a.class[i + 1],
                    Class::Bad(Reason::Dateline | Reason::Byline)
                ) || headline::is_when_line(&n.text)
            }),
            after_date: i > 0
                && (matches!(
                    a.class[i - 1],
                    Class::Bad(Reason::Dateline | Reason::Byline)
                ) || headline::is_when_line(&lines[i - 1].text)),
        });
        if candidates.len() >= MAX_HEADLINE_CANDIDATES
            && (lines[i].md_heading == 1 || !lines[..i].iter().any(|l| l.md_heading == 1))
        {
            break;
        }
    }
    let mut title: Option<(usize, String)> = None;
    if let Some((k, why)) = title::pick(&candidates) {
        let c = &candidates[k];
        notes.push(format!(
            "title candidate: line {} ({why})",
            lines[c.line].no
        ));
        title = Some((c.line, c.text.clone()));
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
            // One that ends in a full stop is the lead's first sentence (it
            // stays in the body, and the title is made from it), unless
            // the paragraph after it opens the story with the outlet's
            // credit ("(VNA) - On …") or dateline ("HANOI – …"), as the
            // first under a headline does, or a picture stands between
            // them, as under a headline.
            let full_stop = l.text.trim_end().ends_with(['.', '。']);
            let credited = || {
                extract::outlet_credit(&lines[second].text).is_some()
                    || wire::opens_with_dateline(&lines[second].text)
            };
            let pictured = || {
                (first + 1..second).any(|j| {
                    matches!(
                        a.class[j],
                        Class::Bad(Reason::ImagePlaceholder | Reason::Caption)
                    )
                })
            };
            // Judged as cleaned: a date or an outlet's name glued to it
            // makes a headline no longer.
            if let Some(cleaned) = headline::clean(&l.text)
                && title::title_like(
                    l,
                    a.class[first],
                    &cleaned,
                    extract::sentence_count(&cleaned),
                )
                && (!full_stop || credited() || pictured())
                && cleaned.chars().count() <= 160
                && ps[1..]
                    .iter()
                    .take(3)
                    .any(|&j| lines[j].f.chars > l.f.chars)
            {
                title = Some((first, cleaned));
            }
        }
    }
    // No headline above the story, but a title-like line repeated inside
    // it: the alt text of its pictures, which pages set to the headline.
    if title.is_none() {
        title = (start..=end).find_map(|i| {
            let l = &lines[i];
            // A list's item repeated is a menu's entry or a section's name.
            if l.f.count < 2
                || clean::is_list_item(&l.text)
                || l.text.starts_with(BULLETS)
                || l.f.ends_sentence
                || !matches!(a.class[i], Class::Bad(Reason::Repeated | Reason::AltText))
            {
                return None;
            }
            let c = headline::clean(&l.text)?;
            title::title_like(l, a.class[i], &c, extract::sentence_count(&c)).then_some((i, c))
        });
    }
    // Nothing else, but the text opens with a title-like line standing
    // alone above a blank line, sharing a word with the story: a blog's or
    // a column's headline, whose other words need not be the story's
    // ("Japan shoots sharp"). A title made from the lead would be no
    // better a guess.
    if title.is_none()
        && lines.get(1).is_none_or(|next| next.no > lines[0].no + 1)
        && let Some(c) = candidates.iter().find(|c| c.line == 0 && c.body > 0.0)
    {
        notes.push("title: the text's first line, standing alone".into());
        title = Some((0, c.text.clone()));
    }
    let mut title_inferred = false;
    let title_text = match &title {
        Some((i, t)) => {
            roles[*i] = Role::Title;
            notes.push(format!("title: line {}", lines[*i].no));
            t.trim().to_string()
        }
        None => {
            title_inferred = true;
            let lead = paragraphs(&roles)
                .first()
                .map(|&i| lines[i].text.clone())
                .unwrap_or_default();
            // A date glued before the lead ("date 2024-03-01 HANOI - …") is
            // no part of a title made from it.
            let lead = headline::clean(&lead).unwrap_or(lead);
            let (_, lead) = extract::outlet_credit(&lead).unwrap_or((String::new(), lead));
            notes.push("title: none found; made from the lead (title_inferred)".into());
            extract::title_from_lead(&lead, &lang)
        }
    };
    if let Some((ti, t)) = &title {
        let ft = &a.folded[*ti];
        let title_terms = extract::content_terms(t);
        for (i, role) in roles.iter_mut().enumerate() {
            if i == *ti {
                continue;
            }
            // The headline again, or another wording of it: a title-like
            // line of the body (no sentence, a headline's length) with most
            // of the headline's words, as where a page shows the story twice.
            let reworded = matches!(role, Role::Paragraph | Role::Heading)
                && !lines[i].f.ends_sentence
                && lines[i].f.units() <= 25
                && title_like_twin(&title_terms, &extract::content_terms(&lines[i].text));
            if a.folded[i] == *ft || reworded {
                *role = Role::Dropped(Reason::RepeatsTitle);
            }
        }
        // Past the lead, the headline again is the picture's alt text, and
        // a short line right under it the picture's caption.
        let lead = roles.iter().position(|r| matches!(r, Role::Paragraph));
        for i in lead.map_or(0, |l| l + 1)..lines.len().saturating_sub(1) {
            if matches!(roles[i], Role::Dropped(Reason::RepeatsTitle))
                && matches!(roles[i + 1], Role::Paragraph)
                && lines[i + 1].no == lines[i].no + 1
                && lines[i + 1].f.sentences <= 1
                && lines[i + 1].f.chars <= 200
            {
                roles[i + 1] = Role::Dropped(Reason::Caption);
            }
        }
    }

    // The lead's byline, where a wire copy runs it into the dateline
    // ("By A and B TOKYO (Reuters) - …"), then its outlet credit.
    let mut texts: BTreeMap<usize, String> = BTreeMap::new();
    let lead = paragraphs(&roles).first().copied();
    if let Some(first) = lead
        && let Some((byline, rest)) = wire::byline_before_dateline(&lines[first].text)
    {
        notes.push(format!(
            "drop byline before the dateline of line {}: {byline}",
            lines[first].no
        ));
        texts.insert(first, rest.to_string());
    }
    let mut outlet: Option<(String, String)> = None;
    if let Some(first) = lead
        && let Some((o, rest)) =
            extract::outlet_credit(texts.get(&first).unwrap_or(&lines[first].text))
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

    notes.extend(source_note);
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

#[cfg(test)]
mod tests {
    use crate::ingest::extract::content_terms;

    #[test]
    fn another_wording_of_the_headline_is_its_twin() {
        let title =
            content_terms("Ninh Thuan Province Deepens Friendship Ties with a Japanese Town");
        let twin =
            content_terms("Ninh Thuan Province Enhances Friendship Exchange with Japanese town");
        let heading = content_terms("Training for nurses from the province");
        assert!(super::title_like_twin(&title, &twin));
        assert!(!super::title_like_twin(&title, &heading));
    }
}
