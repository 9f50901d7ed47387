//! Reading what a scraper's HTML-to-Markdown step leaves on a line: a
//! heading's `#` marks, links to addresses, strong and italic marks, a
//! quote's `>`. Only where they are Markdown: a long sentence that starts
//! with "# " and a link-like "[x](y)" in prose stay as written.

/// What a scraper's HTML-to-Markdown step leaves on a line: a heading's
/// `#` marks, `[text](url)` links and `**strong**` marks. Returns the text
/// without them, the heading level (0 for none) and whether the line was
/// nothing but links (a menu item or a link to another story; a heading
/// that is a link is still a heading).
pub(super) fn strip_markdown(text: &str) -> (String, u8, bool) {
    let mut t = text.trim();
    let mut level = 0u8;
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    // A heading is short and no sentence: a long line that happens to
    // start with "# " stays as it is.
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        let rest = t[hashes..].trim().trim_end_matches('#').trim_end();
        let short = rest.split_whitespace().count() <= 40 && rest.chars().count() <= 300;
        // Headlines may ask or exclaim; a full stop ends a sentence.
        let full_stop = rest.ends_with(['.', '。']) && !rest.ends_with("..");
        if short && !full_stop {
            level = hashes as u8;
            t = rest;
        }
    }
    // A quote's `> ` mark, and a line wholly in italics (`*Photo: X*`,
    // `_By An Nguyen_`), as captions and bylines often are.
    if let Some(rest) = t.strip_prefix("> ") {
        t = rest.trim_start();
    }
    for mark in ['*', '_'] {
        if t.len() > 2
            && t.starts_with(mark)
            && t.ends_with(mark)
            && !t[1..].starts_with(mark)
            && t.matches(mark).count() == 2
        {
            t = t[1..t.len() - 1].trim();
        }
    }
    if !t.contains('[') && !t.contains("**") {
        return (t.to_string(), level, false);
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    let mut links = 0;
    let mut outside = String::new();
    while let Some(open) = rest.find('[') {
        let before = &rest[..open];
        out.push_str(before);
        outside.push_str(before);
        let after = &rest[open + 1..];
        // `[text](url)`: the text is kept, the address dropped.
        // Only a link to an address: "[x](y)" in prose stays as written.
        if let Some(close) = after.find("](")
            && let Some(end) = after[close + 2..].find(')')
            && !after[..close].contains('[')
            && is_address(&after[close + 2..close + 2 + end])
        {
            out.push_str(&after[..close]);
            links += 1;
            rest = &after[close + 2 + end + 1..];
        } else {
            out.push('[');
            outside.push('[');
            rest = after;
        }
    }
    out.push_str(rest);
    outside.push_str(rest);
    let out = out.replace("**", "");
    let only_links = links > 0
        && level == 0
        && outside
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '*' | '-' | '+' | '•' | '|' | '·' | '/'));
    (out.trim().to_string(), level, only_links)
}

/// A link's target: a web address, a path on the site, or an anchor.
fn is_address(target: &str) -> bool {
    let t = target.trim();
    !t.contains(' ')
        && (t.starts_with("http://")
            || t.starts_with("https://")
            || t.starts_with('/')
            || t.starts_with("./")
            || t.starts_with('#')
            || t.starts_with("www.")
            || t.starts_with("mailto:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_marks_are_read_where_they_are_markdown() {
        assert_eq!(
            strip_markdown("# Osaka firms eye ports in the south #"),
            ("Osaka firms eye ports in the south".to_string(), 1, false)
        );
        assert_eq!(
            strip_markdown("The deal was [signed](https://example.org/a) on **Monday**."),
            ("The deal was signed on Monday.".to_string(), 0, false)
        );
        assert_eq!(
            strip_markdown("* [Rice exports rise](https://example.org/b)"),
            ("* Rice exports rise".to_string(), 0, true)
        );
        assert_eq!(strip_markdown("#hashtag line").1, 0);
        // A long sentence after a hash, and a link to no address, stay.
        let long = "# This line starts with a hash and is a whole sentence of the body.";
        assert_eq!(strip_markdown(long), (long.to_string(), 0, false));
        assert_eq!(strip_markdown("a [x](y) shape").0, "a [x](y) shape");
        assert_eq!(
            strip_markdown("*Photo: Example Agency*").0,
            "Photo: Example Agency"
        );
        assert_eq!(
            strip_markdown("> He said the port would open.").0,
            "He said the port would open."
        );
        assert_eq!(strip_markdown("*a* and *b*").0, "*a* and *b*");
    }
}
