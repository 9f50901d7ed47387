//! Markdown to HTML, once per article. Also yields the plain text (for search,
//! summaries and related stories) and the hand summary before `<!-- more -->`.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;

/// The marker that ends a hand-written summary, as in Hugo and Zola.
pub const MORE_MARKER: &str = "<!-- more -->";

pub struct Rendered {
    pub html: String,
    pub text: String,
    /// Plain text of everything before `<!-- more -->`, when the marker is present.
    pub summary_text: Option<String>,
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn render(body: &str) -> Rendered {
    let summary_text = body
        .find(MORE_MARKER)
        .map(|i| plain_text(&body[..i]))
        .filter(|s| !s.is_empty());

    // Headings get ids from their text (unless given `{#id}`), unique within the page,
    // so that sections can be linked to.
    let mut events: Vec<Event> = Parser::new_ext(body, options()).collect();
    // The plain text from the same events: parsing is half the cost.
    let text = text_of(events.iter());
    let mut used = HashSet::new();
    let mut out_events = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = &events[i]
        {
            let mut j = i + 1;
            let mut text = String::new();
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = match id {
                Some(id) => id.to_string(),
                None => {
                    let s = slug::slugify(&text);
                    if s.is_empty() {
                        "section".to_string()
                    } else {
                        s
                    }
                }
            };
            let mut unique = base.clone();
            let mut n = 1;
            while !used.insert(unique.clone()) {
                n += 1;
                unique = format!("{base}-{n}");
            }
            out_events.push(Event::Start(Tag::Heading {
                level: demote(*level),
                id: Some(CowStr::from(unique)),
                classes: classes.clone(),
                attrs: attrs.clone(),
            }));
            i += 1;
            continue;
        }
        if let Event::End(TagEnd::Heading(level)) = &events[i] {
            out_events.push(Event::End(TagEnd::Heading(demote(*level))));
            i += 1;
            continue;
        }
        out_events.push(std::mem::replace(&mut events[i], Event::SoftBreak));
        i += 1;
    }
    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html_out, out_events.into_iter());
    Rendered {
        html: html_out,
        text,
        summary_text,
    }
}

/// The page's only `<h1>` is the article title, so body headings start at `<h2>`.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        other => other,
    }
}

/// The text a reader sees, without markup, paragraphs separated by newlines.
pub fn plain_text(markdown: &str) -> String {
    text_of(Parser::new_ext(markdown, options()))
}

fn text_of<'a, E: std::borrow::Borrow<Event<'a>>>(events: impl Iterator<Item = E>) -> String {
    let mut text = String::new();
    for event in events {
        match event.borrow() {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push('\n'),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// The first `n` words of `text`, with an ellipsis when cut.
pub fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(n + 1).collect();
    if words.len() > n {
        format!("{}…", words[..n].join(" "))
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ids_and_h1_is_demoted() {
        let r = render("# Top\n\n## Five directions\n\n## Five directions\n");
        assert!(r.html.contains("<h2 id=\"top\">Top</h2>"), "{}", r.html);
        assert!(r.html.contains("id=\"five-directions\""), "{}", r.html);
        assert!(r.html.contains("id=\"five-directions-2\""), "{}", r.html);
    }

    #[test]
    fn extensions_are_on() {
        let r = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ note[^1]\n\n[^1]: foot\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>gone</del>"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn more_marker_gives_summary() {
        let r = render("Lead *here*.\n\n<!-- more -->\n\nRest.");
        assert_eq!(r.summary_text.as_deref(), Some("Lead here."));
        assert!(r.text.contains("Rest."));
    }

    #[test]
    fn first_words_cuts_with_ellipsis() {
        assert_eq!(first_words("a b c d", 2), "a b…");
        assert_eq!(first_words("a b", 2), "a b");
    }
}
