//! Template checks for `check`: the site's `templates/` parse together with
//! the built-in templates they override or extend, exactly as a build would
//! load them, so a template error is found without building anything.

use super::Renderer;
use crate::config::SiteConfig;
use crate::content::check::did_you_mean;
use crate::error::Error;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The site's templates' problems (none when they all parse), and those
/// of its interface strings, which the renderer loads with them.
pub fn templates(root: &Path, config: &SiteConfig) -> Vec<Error> {
    match Renderer::new(root, config) {
        Ok(_) => Vec::new(),
        Err(Error::Many(errors)) => errors,
        Err(e) => vec![e],
    }
}

/// Tera's tags, for "did you mean" on an unknown one.
const TAGS: [&str; 20] = [
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "block",
    "endblock",
    "extends",
    "include",
    "set",
    "set_global",
    "filter",
    "endfilter",
    "raw",
    "endraw",
    "break",
    "continue",
    "macro",
    "endmacro",
];

/// A better error than Tera's for the syntax mistakes it words least
/// helpfully: an unknown tag (named, with the nearest real one) and an
/// unclosed block (reported where it opens, not where Tera noticed).
/// `None` leaves the error to `Renderer::template_error`.
pub(super) fn syntax_error(
    e: &tera::Error,
    sources: &BTreeMap<String, String>,
    files: &BTreeMap<String, PathBuf>,
) -> Option<Error> {
    let tera::ErrorKind::SyntaxError(r) = e.kind() else {
        return None;
    };
    let source = sources.get(r.filename())?;
    let file = files.get(r.filename())?;
    let span = r.span();
    let message = r.message();
    let word: String = source
        .get(span.range.clone())
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let never_closed = |at: usize, noticed: String| {
        let (line, opener, tag) = unclosed(source, at)?;
        Some(Error::input(
            file,
            Some(line),
            format!("`{tag}` is never closed"),
            Some(format!(
                "add {{% end{opener} %}} where the {opener} should end ({noticed})"
            )),
        ))
    };
    if message == "Unknown tag" {
        // A real tag Tera calls unknown is one that cannot stand where it
        // is: the end of an outer block inside a block left open.
        if TAGS.contains(&word.as_str())
            && let Some(e) = never_closed(
                span.range.start,
                format!("before the {{% {word} %}} on line {}", span.start_line),
            )
        {
            return Some(e);
        }
        let hint = did_you_mean(&word, TAGS);
        let all = TAGS
            .iter()
            .map(|t| format!("{{% {t} %}}"))
            .collect::<Vec<_>>()
            .join(", ");
        return Some(Error::input(
            file,
            Some(span.start_line),
            format!("unknown tag `{{% {word} %}}`"),
            Some(format!("{hint}Tera's tags are {all}")),
        ));
    }
    if message.contains("end of input") {
        return never_closed(
            source.len(),
            format!("the file ends on line {} with it open", span.start_line),
        );
    }
    let expecting_end = [
        "endif",
        "endfor",
        "endblock",
        "endfilter",
        "endmacro",
        "endraw",
    ]
    .into_iter()
    .any(|end| message.contains(&format!("`{end}`")));
    if expecting_end {
        return never_closed(
            span.range.start,
            format!("Tera noticed on line {}: {message}", span.start_line),
        );
    }
    None
}

/// Tags that open a block closed by `end<tag>`.
const BLOCKS: [&str; 6] = ["if", "for", "block", "filter", "macro", "raw"];

/// The innermost block still open at byte `at`: its line, kind and tag text.
fn unclosed(source: &str, at: usize) -> Option<(usize, &'static str, String)> {
    let upto = source.get(..at).unwrap_or(source);
    let mut open: Vec<(usize, &'static str, String)> = Vec::new();
    let mut from = 0;
    while let Some(i) = upto[from..].find("{%") {
        let start = from + i;
        let after = &upto[start + 2..];
        let word: String = after
            .trim_start_matches('-')
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = after.find("%}").map_or(after.len(), |j| j + 2);
        if let Some(kind) = BLOCKS.iter().find(|b| **b == word) {
            let line = upto[..start].matches('\n').count() + 1;
            open.push((line, kind, format!("{{%{}", &after[..close])));
        } else if let Some(kind) = word.strip_prefix("end")
            && let Some(pos) = open.iter().rposition(|(_, k, _)| *k == kind)
        {
            open.truncate(pos);
        }
        from = start + 2;
    }
    open.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renderer_error(template: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/extra.html"), template).unwrap();
        let config = SiteConfig::parse(
            Path::new("site.toml"),
            "title = \"T\"\n[[themes]]\nslug = \"a\"\nname = \"A\"\n",
        )
        .unwrap();
        templates(dir.path(), &config)
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn unknown_tag_is_named_with_the_nearest() {
        let e = renderer_error("<p>\n{% iff x %}yes{% endif %}\n");
        assert!(
            e.starts_with("templates/extra.html:2: unknown tag `{% iff %}`"),
            "{e}"
        );
        assert!(e.contains("did you mean `if`?"), "{e}");
    }

    #[test]
    fn unclosed_blocks_at_the_end_are_reported_where_they_open() {
        let e =
            renderer_error("<ul>\n{% for a in items %}\n<li>{% if a %}x{% endif %}</li>\n</ul>\n");
        assert!(
            e.starts_with("templates/extra.html:2: `{% for a in items %}` is never closed"),
            "{e}"
        );
        let e = renderer_error("<p>\n{% if x %}\n{% for a in b %}{% endfor %}\n");
        assert!(
            e.starts_with("templates/extra.html:2: `{% if x %}` is never closed"),
            "{e}"
        );
    }

    #[test]
    fn unclosed_if_is_reported_where_it_opens() {
        let e = renderer_error(
            "{% extends \"base.html\" %}\n{% block content %}\n{% if x %}\n<p>x</p>\n{% endblock %}\n",
        );
        assert!(
            e.starts_with("templates/extra.html:3: `{% if x %}` is never closed"),
            "{e}"
        );
        assert!(e.contains("{% endif %}"), "{e}");
    }
}
