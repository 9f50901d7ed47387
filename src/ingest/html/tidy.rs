//! What the main-content extractor leaves around the article: the headline
//! again (it is the page's title, not its body), kickers and bylines before
//! it, "Read more:" links, date and counter lines, and short labels at the
//! body's edges ("Back to Gallery", "Advert", "Staff Reports").
//!
//! Guarantees: only whole blocks are removed, never text inside one; a
//! block ending in a full sentence is never removed as a label; a
//! photo-credit shape becomes a caption, not a deletion; every removal is
//! named for `import --explain`; at least one block is always left.

use super::super::{Block, chrome};
use super::body;

/// Labels at the edges are at most this many words.
const LABEL_WORDS: usize = 4;

fn text_of(b: &Block) -> &str {
    match b {
        Block::Heading(t) | Block::Paragraph(t) | Block::Rich { plain: t, .. } => t,
    }
}

fn fold(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_caption_block(b: &Block) -> bool {
    matches!(b, Block::Rich { markdown, .. } if markdown.starts_with("*Caption:*"))
}

fn is_byline(t: &str) -> bool {
    let words = t.split_whitespace().count();
    let lower = t.trim_start_matches(['-', '|', ' ']).to_lowercase();
    words <= 8
        && (lower.starts_with("by ") || lower.starts_with("by:") || lower.starts_with("\\| by"))
        && !chrome::ends_sentence(t)
}

fn is_shouting(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    t.split_whitespace().count() >= 4
        && letters.len() >= 12
        && letters.iter().all(|c| !c.is_lowercase())
        && letters.iter().any(|c| c.is_uppercase())
        && !chrome::ends_sentence(t)
}

/// A list whose every item is a byline or a date: a list of other stories' meta.
fn is_meta_list(b: &Block) -> bool {
    let Block::Rich { markdown, plain } = b else {
        return false;
    };
    markdown.starts_with("- ")
        && plain
            .lines()
            .all(|l| is_byline(l) || chrome::is_dateline(l) || l.split_whitespace().count() <= 2)
}

/// The share of a block's text that is link text: in the Markdown `body`
/// writes, every `[` of page text is escaped, so an unescaped `[` opens a
/// link and `](<…>)` closes it.
fn link_share(b: &Block) -> f32 {
    let Block::Rich { markdown, .. } = b else {
        return 0.0;
    };
    let (mut link, mut all) = (0usize, 0usize);
    let mut chars = markdown.chars().peekable();
    let mut in_link = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
                all += 1;
                link += usize::from(in_link);
            }
            '[' => in_link = true,
            ']' if in_link => {
                in_link = false;
                // Skip the target: `(<…>)`.
                if chars.peek() == Some(&'(') {
                    for d in chars.by_ref() {
                        if d == ')' {
                            break;
                        }
                    }
                }
            }
            c if c.is_alphanumeric() => {
                all += 1;
                link += usize::from(in_link);
            }
            _ => {}
        }
    }
    if all == 0 {
        0.0
    } else {
        link as f32 / all as f32
    }
}

/// A run of words with hardly a sentence end: a menu or tag cloud flattened.
/// A schedule (tour dates, a timeline, lines once split by `<br>`) has no
/// sentence ends either, but a date every few words, which no menu has.
fn is_word_heap(t: &str) -> bool {
    let words = t.split_whitespace().count();
    let ends = t.matches(['.', '!', '?', '。', '！', '？']).count();
    words > 120 && ends * 60 < words && super::super::dates::find_dates(t).len() * 20 < words
}

/// Tidy the blocks; `titles` are the page's headline and `<h1>` texts.
/// Returns the notes on what was removed.
pub fn tidy(blocks: &mut Vec<Block>, titles: &[&str]) -> Vec<String> {
    let mut notes = Vec::new();
    let folded: Vec<String> = titles
        .iter()
        .map(|t| fold(t))
        .filter(|t| !t.is_empty())
        .collect();
    // The headline in the first blocks, and whatever stands before it.
    if let Some(at) = blocks.iter().take(4).position(|b| {
        let f = fold(text_of(b));
        !f.is_empty() && folded.contains(&f)
    }) && at + 1 < blocks.len()
    {
        notes.push(format!(
            "dropped the headline repeated as block {} and the {at} block(s) before it",
            at + 1
        ));
        blocks.drain(..=at);
    }
    if let Some(at) = related_heading(blocks) {
        notes.push(format!(
            "dropped blocks {} to {}: a \"related\" heading and the links under it",
            at + 1,
            blocks.len(),
        ));
        blocks.truncate(at);
    }
    if let Some(at) = first_of_repeated_bar(blocks) {
        notes.push(format!(
            "dropped blocks {} to {}: other posts, each after the same bar of links",
            at + 1,
            blocks.len(),
        ));
        blocks.truncate(at);
    }
    let n = blocks.len();
    let mut keep = Vec::with_capacity(n);
    let original = std::mem::take(blocks);
    for (k, b) in original.iter().cloned().enumerate() {
        let t = text_of(&b).trim().to_string();
        let edge = k < 2 || k + 3 >= n;
        let words = t.split_whitespace().count();
        let why = if is_caption_block(&b) {
            None
        } else if chrome::is_related_link(&t) {
            Some("a link to another story")
        } else if chrome::is_counter(&t) {
            Some("a counter")
        } else if is_byline(&t) {
            Some("a byline")
        } else if chrome::is_notice(&t) {
            Some("the site's notice to readers")
        } else if chrome::is_ad_label(&t) {
            Some("an advertisement's label")
        } else if is_tag_list(&b, edge) {
            Some("a list of tags or labelled fields")
        } else if edge && chrome::is_copyright_line(&t) {
            Some("a copyright notice")
        } else if is_meta_list(&b) {
            Some("a list of other stories' bylines and dates")
        } else if link_share(&b) >= 0.75 && (words <= 30 || markdown_is_list(&b)) {
            Some("links to other pages")
        } else if matches!(b, Block::Paragraph(_)) && is_word_heap(&t) {
            Some("a heap of words without sentences (a menu or tag list)")
        } else if is_shouting(&t) {
            Some("a headline in capitals (another story's)")
        } else if !matches!(b, Block::Heading(_)) && chrome::is_dateline(&t) {
            Some("a date line")
        } else if edge
            && words <= LABEL_WORDS
            && !chrome::ends_sentence(&t)
            && !matches!(b, Block::Heading(_))
        {
            Some("a short label at the body's edge")
        } else {
            None
        };
        if chrome::is_caption_shape(&t) && why.is_none() && !is_caption_block(&b) {
            notes.push(format!(
                "block {}: a photo credit, kept as a caption",
                k + 1
            ));
            keep.push(body::caption(&t));
            continue;
        }
        match why {
            Some(w) => notes.push(format!("dropped block {}: {w}: {}", k + 1, snippet(&t))),
            None => keep.push(b),
        }
    }
    if keep.iter().all(is_caption_block) {
        // Never tidy the article away: the extractor's blocks stand.
        *blocks = original;
        return vec!["tidying would leave no body, so nothing was dropped".into()];
    }
    *blocks = keep;
    // A heading left last introduces nothing.
    while matches!(blocks.last(), Some(Block::Heading(_))) && blocks.len() > 1 {
        blocks.pop();
        notes.push("dropped a heading at the body's end".into());
    }
    notes
}

/// A "related" heading ("You may also like", "Leia também") with links to
/// other pages in the block under it, past the body's first half: the
/// article has ended there.
fn related_heading(blocks: &[Block]) -> Option<usize> {
    let n = blocks.len();
    (n / 2..n.saturating_sub(1)).find(|&k| {
        chrome::is_related_heading(text_of(&blocks[k])) && link_share(&blocks[k + 1]) >= 0.5
    })
}

/// Tags or labelled fields ("Tags: a, b", "Source: VNA"): a label of
/// `field_labels` first, then links, or at the body's edge a few words
/// after a colon (inside the body "Source: …" may credit a table).
fn is_tag_list(b: &Block, edge: bool) -> bool {
    let t = text_of(b).trim();
    let first = t
        .split(|c: char| c.is_whitespace() || c == ':' || c == '：')
        .next()
        .unwrap_or("");
    let labelled = chrome::is_field_label(first);
    let colon = super::super::headline::is_field(t);
    (labelled && link_share(b) >= 0.5)
        || (edge && colon && t.split_whitespace().count() <= 12 && !chrome::ends_sentence(t))
}

/// Where a list of other posts starts: a short block with links (a share
/// or "download" bar) that recurs, the same, at least three times with one
/// or two blocks between each (a teaser). An article's own bars stand at
/// its top and foot, twice at most, and the body between them is long.
fn first_of_repeated_bar(blocks: &[Block]) -> Option<usize> {
    let is_bar = |b: &Block| {
        matches!(b, Block::Rich { markdown, .. } if markdown.contains("](<"))
            && text_of(b).split_whitespace().count() <= 8
            && !chrome::ends_sentence(text_of(b))
    };
    let mut seen: Vec<(String, Vec<usize>)> = Vec::new();
    for (k, b) in blocks.iter().enumerate().filter(|(_, b)| is_bar(b)) {
        let f = fold(text_of(b));
        match seen.iter_mut().find(|(g, _)| *g == f) {
            Some((_, at)) => at.push(k),
            None => seen.push((f, vec![k])),
        }
    }
    seen.into_iter()
        .map(|(_, mut at)| {
            // The same bar above the article is the article's own.
            if at.first() == Some(&0) {
                at.remove(0);
            }
            at
        })
        .filter(|at| at.len() >= 3 && at.windows(2).all(|w| (2..=3).contains(&(w[1] - w[0]))))
        .map(|at| at[0])
        .min()
}

fn markdown_is_list(b: &Block) -> bool {
    matches!(b, Block::Rich { markdown, .. } if markdown.starts_with("- ") || markdown.starts_with("1. "))
}

fn snippet(t: &str) -> String {
    let mut s: String = t.chars().take(60).collect();
    if t.chars().count() > 60 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str) -> Block {
        Block::Paragraph(t.into())
    }

    #[test]
    fn headline_kickers_bylines_and_labels_go_sentences_stay() {
        let body = "Vietnam and Japan signed a ports deal on Monday, officials said.";
        let mut blocks = vec![
            p("BREAKING NEWS"),
            Block::Heading("Ports deal signed".into()),
            p("By Jane Roe"),
            p(body),
            p("Read more: Another story entirely"),
            p(body),
            p("THIS IS ANOTHER STORY IN CAPITALS"),
            Block::Rich {
                markdown: "- [Other](<https://x.example/>)\n- [Story](<https://x.example/2>)"
                    .into(),
                plain: "Other\nStory".into(),
            },
            p("Back to Gallery"),
        ];
        let notes = tidy(&mut blocks, &["Ports deal signed"]);
        assert_eq!(blocks, vec![p(body), p(body)], "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("headline")), "{notes:?}");
        let mut only = vec![p("Short label")];
        tidy(&mut only, &[]);
        assert_eq!(only.len(), 1);
    }

    fn bar() -> Block {
        Block::Rich {
            markdown: "[Share](<https://x.example/s>) [Download](<https://x.example/d>)".into(),
            plain: "Share Download".into(),
        }
    }

    #[test]
    fn a_list_of_posts_each_after_the_same_bar_is_cut() {
        let body = "Vietnam and Japan signed a ports deal on Monday, officials said.";
        let teaser = "Another post about something else, written last week.";
        let mut blocks = vec![bar(), p(body), p(body), p(body)];
        for _ in 0..3 {
            blocks.extend([bar(), p(teaser), p(teaser)]);
        }
        let notes = tidy(&mut blocks, &[]);
        // (A bar of links alone is dropped as links to other pages.)
        assert_eq!(blocks, vec![p(body), p(body), p(body)], "{notes:?}");
        assert!(
            notes.iter().any(|n| n.contains("same bar of links")),
            "{notes:?}"
        );
    }

    #[test]
    fn an_article_s_own_bars_and_repeated_labels_stay() {
        let body = "Vietnam and Japan signed a ports deal on Monday, officials said.";
        // The bar at the top and foot of a long body is the article's own.
        let mut own = vec![
            p(body),
            bar(),
            p(body),
            p(body),
            p(body),
            p(body),
            bar(),
            p(body),
        ];
        let notes = tidy(&mut own, &[]);
        assert_eq!(
            own.iter().filter(|b| **b == p(body)).count(),
            6,
            "{notes:?}"
        );
        assert!(!notes.iter().any(|n| n.contains("same bar")), "{notes:?}");
        // A label without links between paragraphs is not a bar: nothing
        // is cut after it (an advertisement's label goes on its own).
        let ad = || p("Advertisement");
        let mut ads = vec![
            p(body),
            ad(),
            p(body),
            ad(),
            p(body),
            ad(),
            p(body),
            ad(),
            p(body),
        ];
        let notes = tidy(&mut ads, &[]);
        assert_eq!(ads, vec![p(body); 5], "{notes:?}");
    }

    fn links(text: &str) -> Block {
        Block::Rich {
            markdown: format!("[{text}](<https://x.example/t>)"),
            plain: text.into(),
        }
    }

    #[test]
    fn a_menu_flattened_goes_a_schedule_of_dates_stays() {
        let body = "Vietnam and Japan signed a ports deal on Monday, officials said.";
        let menu = "Home News World Business Markets Tech Sport Culture Opinion Video ".repeat(13);
        let schedule: String = (1..=24)
            .map(|d| format!("June {d} – Hanoi, VN @ National Convention Center Hall "))
            .collect();
        let mut blocks = vec![
            p(body),
            p(menu.trim()),
            p(body),
            p(schedule.trim()),
            p(body),
        ];
        tidy(&mut blocks, &[]);
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert!(blocks.contains(&p(schedule.trim())));
    }

    #[test]
    fn tags_copyright_and_what_follows_a_related_heading_go() {
        let body = "Vietnam and Japan signed a ports deal on Monday, officials said.";
        let tags = Block::Rich {
            markdown: "Tags [ports](<https://x.example/t/1>), [Japan deals and Vietnam trade](<https://x.example/t/2>)".into(),
            plain: "Tags ports, Japan deals and Vietnam trade".into(),
        };
        let mut blocks = vec![
            p(body),
            p(body),
            p(body),
            tags,
            p("You may also be interested in..."),
            links("Another story entirely about something"),
            p("A teaser of that other story, in a full sentence."),
        ];
        let notes = tidy(&mut blocks, &[]);
        assert_eq!(blocks, vec![p(body), p(body), p(body)], "{notes:?}");
        let mut foot = vec![
            p(body),
            p(body),
            p("copyright Example News 2019 - ISSN: 1234-5678"),
        ];
        tidy(&mut foot, &[]);
        assert_eq!(foot, vec![p(body), p(body)]);
        // A "related" heading in the body's first half, or with no links
        // under it, ends nothing; nor does a "Source:" line inside the body.
        let mut early = vec![
            p(body),
            p("Read more"),
            links("A link"),
            p(body),
            p(body),
            p(body),
            p("Source: World Bank figures for 2023"),
            p(body),
            p(body),
            p(body),
        ];
        tidy(&mut early, &[]);
        assert_eq!(early.iter().filter(|b| **b == p(body)).count(), 7);
        assert!(early.contains(&p("Source: World Bank figures for 2023")));
    }
}
