//! A site's name, or a regional page's prefecture, after the headline.

use super::headline_sized;
use crate::types::is_cjk;

/// Separators of a tail that is not the headline's: the tail's longest
/// length in characters, and whether it must be all CJK (a prefecture).
const TAILS: [(&str, usize, bool); 6] = [
    (" | ", 40, false),
    ("｜", 40, false),
    (" ｜ ", 40, false),
    (" /", 4, true),
    ("　／", 4, true),
    // Chinese page titles: "标题_网站名".
    ("_", 12, true),
];

/// Drop a site's name after a pipe ("… | Example News") or, in Chinese,
/// an underscore ("…_新浪网"), or a regional page's prefecture after a
/// slash ("…の農業者ら /福岡"): a short last
/// segment after a long headline. Dashes are left alone: "– report" and
/// "- analysis" belong to headlines as often as site names do.
pub(super) fn strip_site_suffix(t: &str) -> &str {
    for (sep, most, cjk_only) in TAILS {
        if let Some((head, tail)) = t.rsplit_once(sep)
            && tail.split_whitespace().count() <= 5
            && tail.chars().count() <= most
            && (!cjk_only || tail.chars().all(is_cjk))
            && headline_sized(head)
        {
            return head.trim_end();
        }
    }
    // The site's name first: "Example News | Osaka firms eye ports".
    if let Some((head, tail)) = t.split_once(" | ")
        && head.split_whitespace().count() <= 3
        && head.chars().count() <= 30
        && !tail.contains(" | ")
        && (tail.split_whitespace().count() >= 5 || headline_sized(tail) && head.len() < tail.len())
    {
        return tail.trim_start();
    }
    t
}
