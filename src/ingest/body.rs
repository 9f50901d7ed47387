//! Where the article is among a seed's classified lines.
//!
//! Good lines (full sentences of prose) count their length, boilerplate
//! lines cost `GAP_COST` each, and lines that may sit inside a body
//! (captions, headings, short sentences) are free. The body is the
//! stretch with the most text, so two runs of paragraphs with an
//! advertisement or a photo between them stay one body, while a menu or a
//! "most read" list (`GAP_BREAK` lines in a row), or a source credit,
//! ends a stretch. A page turned into Markdown marks its headline `# `,
//! and the stretch right after it is preferred to a longer one elsewhere
//! (a comment thread).

use super::clean::{Analysis, Class, Reason};

/// What one boilerplate line inside a stretch of body costs, in characters
/// of body text.
const GAP_COST: isize = 40;
/// This many boilerplate lines in a row end a stretch whatever came
/// before: a "most read" list between the article and a teaser.
const GAP_BREAK: usize = 4;
/// A stretch that starts within this many lines after a `# ` headline
/// counts its text this many times over.
const HEADLINE_REACH: usize = 12;
const HEADLINE_BONUS: usize = 3;

/// The first and last line (indexes into `a.lines`) of the body, if any
/// line is good.
pub(super) fn find_body(a: &Analysis) -> Option<(usize, usize)> {
    // (first good, last good, text in it)
    let mut stretches: Vec<(usize, usize, usize)> = Vec::new();
    // (first good, last good, score at the last good line, score now)
    let mut run: Option<(usize, usize, usize, isize)> = None;
    let mut gap = 0;
    let close = |run: &mut Option<(usize, usize, usize, isize)>,
                 stretches: &mut Vec<(usize, usize, usize)>| {
        if let Some((s, e, w, _)) = run.take() {
            stretches.push((s, e, w));
        }
    };
    for i in 0..a.lines.len() {
        match a.class[i] {
            Class::Good => {
                let w = a.lines[i].f.chars as isize;
                run = Some(match run {
                    Some((s, _, _, now)) => (s, i, (now + w) as usize, now + w),
                    None => (i, i, w as usize, w),
                });
            }
            Class::Bad(Reason::SourceLine) if run.is_some() => close(&mut run, &mut stretches),
            _ if a.neutral[i] => {}
            _ => {
                gap += 1;
                if let Some(r) = run.as_mut() {
                    r.3 -= GAP_COST;
                    if r.3 <= 0 || gap >= GAP_BREAK {
                        close(&mut run, &mut stretches);
                    }
                }
            }
        }
        if a.class[i] == Class::Good {
            gap = 0;
        }
    }
    close(&mut run, &mut stretches);
    // A page turned into Markdown marks its headline `# `: the article is
    // what follows it, not the longer comment thread further down.
    let h1: Vec<usize> = (0..a.lines.len())
        .filter(|&i| a.lines[i].level == 1)
        .collect();
    let after_headline = |s: usize| {
        h1.iter()
            .rev()
            .find(|&&h| h < s)
            .is_some_and(|&h| s - h <= HEADLINE_REACH)
    };
    let worth = |&(s, _, w): &(usize, usize, usize)| {
        if after_headline(s) {
            w * HEADLINE_BONUS
        } else {
            w
        }
    };
    let best = stretches
        .iter()
        .enumerate()
        .max_by_key(|(i, st)| (worth(st), std::cmp::Reverse(*i)))
        .map(|(_, &(s, e, w))| (w, (s, e)));
    let (_, (mut start, mut end)) = best?;
    // Likewise a short opening sentence (or a headline ending in a period)
    // right before it; the headline is split off later.
    while start > 0 && a.class[start - 1] == Class::NearGood {
        start -= 1;
    }
    // A short closing sentence right after the last long paragraph belongs
    // to the body too.
    while end + 1 < a.lines.len() && a.class[end + 1] == Class::NearGood {
        end += 1;
    }
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use crate::ingest::clean::analyse;

    const P: &str = "The two ministers agreed that the new port will be built with funding from both sides and that work on it should begin next spring.";

    #[test]
    fn an_advertisement_between_paragraphs_does_not_split_the_body() {
        let text = format!(
            "Menu\n{P}\nAdvertisement\n{P} Two.\nShare\nPrint\nMost read\nLogin\nSubscribe\n"
        );
        let a = analyse(&text, Some("en"), &[]);
        let (s, e) = a.body.unwrap();
        assert_eq!(a.lines[s].text, P);
        assert_eq!(a.lines[e].text, format!("{P} Two."));
    }

    #[test]
    fn the_stretch_after_the_markdown_headline_wins_over_a_longer_thread() {
        let thread = format!("{P} Comment.\n").repeat(4);
        let text = format!(
            "[Home](/) [News](/news) [Sport](/sport)\n# Port deal signed\nBy a reporter\n{P} Article.\n{P} More.\n[Share](/s) [Tweet](/t)\n## Comments\nLog in\nReply\nReport\nSort by\n{thread}"
        );
        let a = analyse(&text, Some("en"), &[]);
        let (s, e) = a.body.unwrap();
        assert_eq!(a.lines[s].text, format!("{P} Article."));
        assert_eq!(a.lines[e].text, format!("{P} More."));
        // The heading's marks are gone from its text, and a line of links
        // is a menu.
        assert!(
            a.lines
                .iter()
                .any(|l| l.text == "Port deal signed" && l.level == 1)
        );
        let menu = a
            .lines
            .iter()
            .position(|l| l.text.starts_with("Home"))
            .unwrap();
        assert_eq!(
            a.class[menu],
            crate::ingest::clean::Class::Bad(crate::ingest::clean::Reason::Links)
        );
    }
}
