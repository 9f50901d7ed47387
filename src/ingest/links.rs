//! Markdown links in a seed line, read as a reader would read them.
//!
//! A page turned into Markdown by a scraper keeps every link as
//! `[text](address)`. Left as they are, the addresses reach the page as
//! literal text ("\[slogan\](https://…)") and count as words when the
//! cleaner weighs a line. This pass keeps a link's text and drops its
//! address (and drops inline images), and says how much of the line was
//! link text: a line that is mostly links is a menu, a list of related
//! stories or a share bar, in any language.

/// A line with its links reduced to their text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delinked {
    pub text: String,
    /// Letters and digits inside link texts.
    pub linked: usize,
    /// Links on the line.
    pub links: usize,
}

/// A line whose letters are at least this many tenths link text is a list
/// of links.
const LINKED_SHARE_TENTHS: usize = 6;

/// Whether `line` is mostly link text: a menu, a share bar, a list of other
/// stories, even with a few words between the links. Lines without links
/// (nearly all) are told apart without a copy.
pub fn mostly_links(line: &str) -> bool {
    if !has_links(line) {
        return false;
    }
    let d = delink(line);
    let letters = d.text.chars().filter(|c| c.is_alphanumeric()).count();
    d.links > 0 && d.linked * 10 >= letters * LINKED_SHARE_TENTHS
}

fn has_links(line: &str) -> bool {
    line.contains("](") || line.contains("<http")
}

/// `line` with every `[text](address)` replaced by `text`, every inline
/// `![alt](address)` removed, and `<address>` autolinks removed. Text that
/// only looks like a link (no `](`) is left as it is.
pub fn delink(line: &str) -> Delinked {
    if !has_links(line) {
        return Delinked {
            text: line.to_string(),
            linked: 0,
            links: 0,
        };
    }
    let mut out = String::with_capacity(line.len());
    let mut linked = 0;
    let mut links = 0;
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<http")
            && let Some(end) = after.find('>')
        {
            links += 1;
            rest = &after[end + 1..];
            continue;
        }
        let image = rest.starts_with("![");
        if (image || rest.starts_with('['))
            && let Some((label, tail)) = link_at(&rest[usize::from(image)..])
        {
            links += 1;
            if !image {
                // A linked image inside: `[![alt](src) text](href)`.
                let inner = delink(label);
                linked += inner.text.chars().filter(|c| c.is_alphanumeric()).count();
                out.push_str(inner.text.trim());
            }
            rest = tail;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Delinked {
        text: out.split_whitespace().collect::<Vec<_>>().join(" "),
        linked,
        links,
    }
}

/// At `[label](address)…`: the label and what follows the closing `)`.
/// Brackets nest in the label (linked images) and parentheses in the
/// address (Wikipedia's).
fn link_at(s: &str) -> Option<(&str, &str)> {
    let mut depth = 0usize;
    let mut label_end = None;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    label_end = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let label_end = label_end?;
    let after = s[label_end + 1..].strip_prefix('(')?;
    let mut depth = 1usize;
    for (i, c) in after.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&s[1..label_end], &after[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_their_text_and_lose_their_address() {
        let d =
            delink("Remember the [state slogan](https://example.com/a_b.html)? It was [odd](/x).");
        assert_eq!(d.text, "Remember the state slogan? It was odd.");
        assert_eq!(d.links, 2);
        assert_eq!(d.linked, "stateslogan".len() + "odd".len());
    }

    #[test]
    fn images_and_linked_images_and_autolinks() {
        let d = delink(
            "[![logo](/logo.png) Home](https://example.com/) and ![chart](c.png) <https://x.y/z>",
        );
        assert_eq!(d.text, "Home and");
        assert_eq!(d.links, 3);
    }

    #[test]
    fn parentheses_in_addresses_and_titles() {
        let d = delink(
            "See [Hai Phong](https://en.wikipedia.org/wiki/Hai_Phong_(city) \"the city\") today.",
        );
        assert_eq!(d.text, "See Hai Phong today.");
    }

    #[test]
    fn text_that_only_looks_like_a_link_is_kept() {
        for t in [
            "A [bracketed] aside",
            "Prices (in yen) rose",
            "Broken [link](no end",
            "]( odd",
        ] {
            assert_eq!(delink(t).text, t, "{t}");
        }
    }

    #[test]
    fn menus_are_mostly_links_and_prose_with_a_link_is_not() {
        assert!(mostly_links(
            "* [Trending](/trending) [Latest](/latest) | Follow us"
        ));
        assert!(!mostly_links(
            "The ministers met in [Hai Phong](/tag/hp) on Friday to sign the deal."
        ));
        assert!(!mostly_links("No links here at all"));
    }

    #[test]
    fn a_menu_is_all_link_text() {
        let d = delink("* [Trending](/trending) [Latest](/latest) [Thời sự](/thoi-su)");
        assert_eq!(d.text, "* Trending Latest Thời sự");
        assert_eq!(d.links, 3);
        let letters = d.text.chars().filter(|c| c.is_alphanumeric()).count();
        assert_eq!(d.linked, letters);
    }
}
