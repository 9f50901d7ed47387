//! Theme colours: one source for the stylesheet, the tags and the charts.
//!
//! A theme's colour is its `colour` (and `colour_dark`) in `[[themes]]`, or
//! else one of the built-in pairs below, picked from the theme's slug: the
//! same slug keeps its colour whatever its position in site.toml and
//! whatever themes are added around it, unless two slugs meet on one pair.
//! The build writes the result as `themes.css`, a custom property `--tc`
//! per `.theme-<slug>` class, which every themed element and chart bar uses.

use crate::config::SiteConfig;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Built-in (light, dark) pairs. Each light colour has at least 6:1
/// contrast on the light background, each dark one on the dark background,
/// so tag text reads, and chart bars pass WCAG's 3:1 for graphics.
const PAIRS: [(&str, &str); 8] = [
    ("#1d4ed8", "#93c5fd"),
    ("#166534", "#86efac"),
    ("#7e22ce", "#d8b4fe"),
    ("#9a3412", "#fdba74"),
    ("#115e59", "#5eead4"),
    ("#be123c", "#fda4af"),
    ("#4338ca", "#a5b4fc"),
    ("#3f6212", "#bef264"),
];

/// The stylesheet the build writes; base.html links it after style.css.
pub(crate) const STYLESHEET: &str = "themes.css";

/// One theme's colours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ThemeColours {
    pub slug: String,
    pub light: String,
    pub dark: String,
}

/// Every theme's colours, in site.toml order.
pub(crate) fn colours(config: &SiteConfig) -> Vec<ThemeColours> {
    // Slugs pick their pair in sorted order, so that the choice depends on
    // the set of slugs only, never on their order in site.toml.
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    let mut picked: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut slugs: Vec<&str> = config
        .themes
        .iter()
        .filter(|t| t.colour.is_none())
        .map(|t| t.slug.as_str())
        .collect();
    slugs.sort_unstable();
    for slug in slugs {
        let start = fnv1a(slug) % PAIRS.len();
        let k = (0..PAIRS.len())
            .map(|d| (start + d) % PAIRS.len())
            .find(|k| !taken.contains(k))
            .unwrap_or(start);
        taken.insert(k);
        picked.insert(slug, k);
    }
    config
        .themes
        .iter()
        .map(|t| {
            let slug = t.slug.as_str();
            let pair = picked.get(slug).map(|&k| PAIRS[k]);
            let light = match (&t.colour, pair) {
                (Some(c), _) => c.as_str().to_string(),
                (None, Some((l, _))) => l.to_string(),
                (None, None) => PAIRS[0].0.to_string(),
            };
            let dark = match (&t.colour_dark, &t.colour, pair) {
                (Some(c), _, _) => c.as_str().to_string(),
                // A hand-picked light colour without a dark one keeps it.
                (None, Some(c), _) => c.as_str().to_string(),
                (None, None, Some((_, d))) => d.to_string(),
                (None, None, None) => PAIRS[0].1.to_string(),
            };
            ThemeColours {
                slug: slug.to_string(),
                light,
                dark,
            }
        })
        .collect()
}

/// `themes.css`: slugs and colours are checked when site.toml is read
/// (a-z, 0-9 and -; `#` and hex digits), so they are written as they are.
pub(crate) fn stylesheet(colours: &[ThemeColours]) -> String {
    let mut css =
        String::from("/* Theme colours, written by bilateral-digest from site.toml. */\n");
    for c in colours {
        let _ = writeln!(css, ".theme-{} {{ --tc: {}; }}", c.slug, c.light);
    }
    css.push_str("@media (prefers-color-scheme: dark) {\n");
    for c in colours {
        let _ = writeln!(css, "  .theme-{} {{ --tc: {}; }}", c.slug, c.dark);
    }
    css.push_str("}\n");
    css
}

/// A small, stable string hash (FNV-1a): the same slug gives the same
/// colour on every machine and in every version.
fn fnv1a(s: &str) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config(themes: &[(&str, &str)]) -> SiteConfig {
        let mut text = String::from("title = \"T\"\n");
        for (slug, extra) in themes {
            let _ = write!(
                text,
                "[[themes]]\nslug = \"{slug}\"\nname = \"N\"\n{extra}\n"
            );
        }
        SiteConfig::parse(Path::new("site.toml"), &text).unwrap()
    }

    fn luminance(hex: &str) -> f64 {
        let c = |i: usize| {
            let v = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// The backgrounds of static/style.css, light and dark.
    const LIGHT_BG: &str = "#fdfdfc";
    const DARK_BG: &str = "#111418";

    #[test]
    fn built_in_colours_read_as_text_on_their_background() {
        for (light, dark) in PAIRS {
            assert!(contrast(light, LIGHT_BG) >= 6.0, "{light} on {LIGHT_BG}");
            assert!(contrast(dark, DARK_BG) >= 6.0, "{dark} on {DARK_BG}");
        }
    }

    #[test]
    fn a_slug_keeps_its_colour_whatever_its_position() {
        let a = colours(&config(&[("investment", ""), ("diaspora", "")]));
        let b = colours(&config(&[("diaspora", ""), ("investment", "")]));
        let of = |v: &[ThemeColours], s: &str| v.iter().find(|c| c.slug == s).cloned();
        assert_eq!(of(&a, "investment"), of(&b, "investment"));
        assert_eq!(of(&a, "diaspora"), of(&b, "diaspora"));
        assert_ne!(
            of(&a, "investment").unwrap().light,
            of(&a, "diaspora").unwrap().light
        );
    }

    #[test]
    fn eight_themes_get_eight_colours() {
        let slugs = ["a", "b", "c", "d", "e", "f", "g", "h"];
        let themes: Vec<(&str, &str)> = slugs.iter().map(|s| (*s, "")).collect();
        let got: BTreeSet<String> = colours(&config(&themes))
            .into_iter()
            .map(|c| c.light)
            .collect();
        assert_eq!(got.len(), 8);
    }

    #[test]
    fn site_colours_win_and_reach_the_stylesheet() {
        let c = colours(&config(&[
            (
                "investment",
                "colour = \"#123456\"\ncolour_dark = \"#ABCDEF\"",
            ),
            ("diaspora", "colour = \"#654321\""),
        ]));
        assert_eq!(
            (c[0].light.as_str(), c[0].dark.as_str()),
            ("#123456", "#abcdef")
        );
        assert_eq!(
            (c[1].light.as_str(), c[1].dark.as_str()),
            ("#654321", "#654321")
        );
        let css = stylesheet(&c);
        assert!(
            css.contains(".theme-investment { --tc: #123456; }"),
            "{css}"
        );
        assert!(
            css.contains("  .theme-investment { --tc: #abcdef; }"),
            "{css}"
        );
    }

    #[test]
    fn a_bad_colour_is_an_error_naming_the_line() {
        let text = "title = \"T\"\n[[themes]]\nslug = \"a\"\nname = \"A\"\ncolour = \"blue\"\n";
        let e = SiteConfig::parse(Path::new("site.toml"), text)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("site.toml") && e.contains('5') && e.contains("#rrggbb"),
            "{e}"
        );
    }
}
