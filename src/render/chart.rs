//! Inline SVG charts generated at build time: no script, no external file,
//! readable without colour (every chart has a text summary and a data table).
//!
//! Charts scale with their container (`viewBox`, width 100%), carry no `id`s
//! (so several can share a page) and are deterministic.

use crate::render::feeds::xml_escape as esc;
use crate::render::i18n::Strings;
use crate::site::Site;
use chrono::Datelike;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Months with stories below which [`months_svg`] draws nothing, and points
/// below which [`sparkline_svg`] draws nothing.
pub(crate) const MIN_MONTHS: usize = 3;
/// Months shown at most by [`months_svg`].
pub(crate) const MAX_MONTHS: usize = 24;

/// A month as a single number, so ranges of months are plain ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct MonthKey(i32);

impl MonthKey {
    fn new(year: i32, month: u32) -> Self {
        MonthKey(year * 12 + month as i32 - 1)
    }
    fn year(self) -> i32 {
        self.0.div_euclid(12)
    }
    /// 0-based month of the year.
    fn month0(self) -> usize {
        self.0.rem_euclid(12) as usize
    }
    fn long(self, t: &Strings) -> String {
        t.month(self.year(), self.month0() as u32 + 1)
    }
    fn short(self, t: &Strings) -> &str {
        t.month_short(self.month0() as u32 + 1)
    }
}

/// The group an article is stacked under: its first theme known to the site,
/// so that each article counts once and bar heights are article counts.
fn group_of(site: &Site, i: usize) -> Option<usize> {
    site.articles[i].front.themes.iter().find_map(|t| {
        site.config
            .themes
            .iter()
            .position(|c| c.slug.as_str() == t.as_str())
    })
}

/// Articles per month, stacked by theme, for the given articles: the last
/// (up to) 24 months up to the newest month with data, months without
/// articles included as gaps. Followed by a legend and a data table.
/// `names` are the themes' names in the page's language, in site.toml's order.
pub fn months_svg(site: &Site, t: &Strings, names: &[String], articles: &[usize]) -> String {
    let themes = &site.config.themes;
    let other = themes.len();
    // counts[month][group], group `other` for articles without a known theme.
    let mut by_month: BTreeMap<MonthKey, Vec<usize>> = BTreeMap::new();
    for &i in articles {
        let Some(d) = site.articles.get(i).and_then(|a| a.front.date) else {
            continue;
        };
        let row = by_month
            .entry(MonthKey::new(d.year(), d.month()))
            .or_insert_with(|| vec![0; other + 1]);
        row[group_of(site, i).unwrap_or(other)] += 1;
    }
    let (Some(&first), Some(&last)) = (by_month.keys().next(), by_month.keys().next_back()) else {
        return format!(
            "<p class=\"chart-empty\">{}</p>",
            esc(t.get("chart_no_dates"))
        );
    };
    let start = MonthKey(first.0.max(last.0 - (MAX_MONTHS as i32 - 1)));
    let months: Vec<MonthKey> = (start.0..=last.0).map(MonthKey).collect();
    let zero = vec![0; other + 1];
    let rows: Vec<&Vec<usize>> = months
        .iter()
        .map(|m| by_month.get(m).unwrap_or(&zero))
        .collect();
    let totals: Vec<usize> = rows.iter().map(|r| r.iter().sum()).collect();
    // Fewer than three months with stories make no trend worth a chart.
    if totals.iter().filter(|&&n| n > 0).count() < MIN_MONTHS {
        return String::new();
    }
    let shown: usize = totals.iter().sum();
    let earlier: usize = by_month
        .range(..start)
        .map(|(_, r)| r.iter().sum::<usize>())
        .sum();
    let mut group_totals = vec![0; other + 1];
    for r in &rows {
        for (g, n) in r.iter().enumerate() {
            group_totals[g] += n;
        }
    }
    let groups: Vec<usize> = (0..=other).filter(|&g| group_totals[g] > 0).collect();
    let name = |g: usize| {
        if g == other {
            t.get("chart_other").to_string()
        } else {
            names.get(g).unwrap_or(&themes[g].name).clone()
        }
    };
    // Colours come from the theme's class, as for its tags (see
    // `palette`): one source, light and dark alike.
    let class = |g: usize| {
        if g == other {
            "theme-other".to_string()
        } else {
            format!("theme-{}", themes[g].slug)
        }
    };

    let max = totals.iter().copied().max().unwrap_or(0).max(1);
    let peak = months[totals.iter().position(|&t| t == max).unwrap_or(0)];
    let (first_month, max_s) = (months[0].long(t), max.to_string());
    let mut desc = t.fill(
        "chart_summary",
        &[
            ("count", &t.count("articles", shown, &[])),
            ("first", &first_month),
            ("last", &last.long(t)),
            ("peak", &peak.long(t)),
            ("max", &max_s),
        ],
    );
    let parts: Vec<String> = groups
        .iter()
        .map(|&g| format!("{} {}", name(g), group_totals[g]))
        .collect();
    desc.push(' ');
    desc.push_str(&t.fill("chart_by_theme", &[("list", &parts.join(", "))]));
    if earlier > 0 {
        desc.push(' ');
        desc.push_str(&t.count("earlier", earlier, &[("first", &first_month)]));
    }

    // Geometry in viewBox units; text stays legible down to a 320px column.
    let (w, h) = (360.0_f64, 170.0_f64);
    let (left, right, top, bottom) = (26.0, 4.0, 8.0, 30.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let slot = plot_w / months.len() as f64;
    let bar_w = (slot * 0.72).min(28.0);
    let y_of = |n: f64| top + plot_h - n / max as f64 * plot_h;

    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart-months\" role=\"img\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         preserveAspectRatio=\"xMidYMid meet\" style=\"max-width:40rem;height:auto\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title><desc>{}</desc>",
        esc(t.get("chart_title")),
        esc(&desc)
    );
    // Grid and y labels: zero, the maximum and a midpoint when it is whole.
    let mut ticks = vec![0, max];
    if max >= 4 && max % 2 == 0 {
        ticks.insert(1, max / 2);
    }
    for t in ticks {
        let y = y_of(t as f64);
        let _ = write!(
            s,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"currentColor\" \
             stroke-opacity=\"0.25\" stroke-width=\"0.5\"/>\
             <text x=\"{}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\" fill=\"currentColor\">{t}</text>",
            w - right,
            left - 3.0,
            y + 3.5
        );
    }
    // Month labels at a fixed stride, so that two never meet: at most eight
    // across the 360 units, each slot of the stride wider than the longest
    // label the string tables hold ("Th11", "11月"). A year is written under
    // the first labelled month of each year.
    let label_every = months.len().div_ceil(8);
    let mut labelled_year = None;
    for (k, (m, row)) in months.iter().zip(&rows).enumerate() {
        let x = left + slot * k as f64 + (slot - bar_w) / 2.0;
        let mut acc = 0usize;
        for &g in &groups {
            let n = row[g];
            if n == 0 {
                continue;
            }
            let y_top = y_of((acc + n) as f64);
            let y_bottom = y_of(acc as f64);
            // A thin gap separates stacked segments without a border colour
            // that would have to suit both light and dark backgrounds.
            let height = (y_bottom - y_top - 0.8).max(0.6);
            let _ = write!(
                s,
                "<rect class=\"bar {}\" x=\"{x:.1}\" y=\"{y_top:.1}\" width=\"{bar_w:.1}\" \
                 height=\"{height:.1}\"><title>{}, {}: {n}</title></rect>",
                class(g),
                m.long(t),
                esc(&name(g))
            );
            acc += n;
        }
        if k % label_every == 0 {
            let cx = left + slot * (k as f64 + 0.5);
            let _ = write!(
                s,
                "<text x=\"{cx:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" \
                 fill=\"currentColor\">{}</text>",
                h - bottom + 12.0,
                esc(m.short(t))
            );
            if labelled_year != Some(m.year()) {
                labelled_year = Some(m.year());
                let _ = write!(
                    s,
                    "<text x=\"{cx:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" \
                     fill=\"currentColor\">{}</text>",
                    h - bottom + 24.0,
                    m.year()
                );
            }
        }
    }
    s.push_str("</svg>");

    s.push_str("<ul class=\"chart-legend\">");
    for &g in &groups {
        let _ = write!(
            s,
            "<li><svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\" aria-hidden=\"true\">\
             <rect class=\"swatch {}\" width=\"10\" height=\"10\"/></svg> {}</li>",
            class(g),
            esc(&name(g))
        );
    }
    s.push_str("</ul>");

    let _ = write!(
        s,
        "<details class=\"chart-data\"><summary>{}</summary><table>\
         <caption>{}</caption><thead><tr><th scope=\"col\">{}</th>",
        esc(t.get("chart_data_table")),
        esc(t.get("chart_table_caption")),
        esc(t.get("chart_month"))
    );
    for &g in &groups {
        let _ = write!(s, "<th scope=\"col\">{}</th>", esc(&name(g)));
    }
    let total_label = esc(t.get("chart_total"));
    let _ = write!(
        s,
        "<th scope=\"col\">{total_label}</th></tr></thead><tbody>"
    );
    for (m, row) in months.iter().zip(&rows).rev() {
        let total: usize = row.iter().sum();
        if total == 0 {
            continue;
        }
        let _ = write!(s, "<tr><th scope=\"row\">{}</th>", esc(&m.long(t)));
        for &g in &groups {
            let _ = write!(s, "<td>{}</td>", row[g]);
        }
        let _ = write!(s, "<td>{total}</td></tr>");
    }
    let _ = write!(s, "</tbody><tfoot><tr><th scope=\"row\">{total_label}</th>");
    for &g in &groups {
        let _ = write!(s, "<td>{}</td>", group_totals[g]);
    }
    let _ = write!(s, "<td>{shown}</td></tr></tfoot></table></details>");
    s
}

/// A small line of article counts per month over the site's whole range of
/// months (so sparklines of different themes share one time axis). Empty
/// when none of the articles is dated.
pub fn sparkline_svg(site: &Site, t: &Strings, articles: &[usize]) -> String {
    let mut counts: BTreeMap<MonthKey, usize> = BTreeMap::new();
    for &i in articles {
        if let Some(d) = site.articles.get(i).and_then(|a| a.front.date) {
            *counts
                .entry(MonthKey::new(d.year(), d.month()))
                .or_default() += 1;
        }
    }
    if counts.is_empty() {
        return String::new();
    }
    let site_months = site.months.iter().map(|m| MonthKey::new(m.year, m.month));
    let keys = counts.keys().copied().chain(site_months);
    let first = keys.clone().min().expect("counts is not empty");
    let last = keys.max().expect("counts is not empty");
    let series: Vec<usize> = (first.0..=last.0)
        .map(|k| counts.get(&MonthKey(k)).copied().unwrap_or(0))
        .collect();
    if series.len() < MIN_MONTHS {
        return String::new();
    }
    let total: usize = series.iter().sum();
    let max = series.iter().copied().max().unwrap_or(1).max(1);
    let peak = MonthKey(first.0 + series.iter().position(|&n| n == max).unwrap_or(0) as i32);
    let (w, h) = (100.0_f64, 24.0_f64);
    let y_of = |n: usize| h - 2.0 - n as f64 / max as f64 * (h - 4.0);
    let step = w / (series.len() - 1) as f64;
    let points: Vec<String> = series
        .iter()
        .enumerate()
        .map(|(k, &n)| format!("{:.1},{:.1}", k as f64 * step, y_of(n)))
        .collect();
    let label = t.fill(
        "sparkline_label",
        &[
            ("count", &t.count("articles", total, &[])),
            ("peak", &peak.long(t)),
            ("max", &max.to_string()),
        ],
    );
    format!(
        "<svg class=\"sparkline\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {w} {h}\" \
         width=\"6em\" height=\"1.5em\" preserveAspectRatio=\"none\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title><polyline points=\"{}\" \
         fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" \
         vector-effect=\"non-scaling-stroke\" stroke-linejoin=\"round\"/></svg>",
        esc(&label),
        esc(&label),
        points.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_keys_round_trip() {
        let m = MonthKey::new(2025, 1);
        assert_eq!((m.year(), m.month0()), (2025, 0));
        let t = Strings::built_in(&crate::types::Language::new("en"));
        assert_eq!(MonthKey(m.0 - 1).long(&t), "December 2024");
    }
}
