//! Splitting a listing into pages and the page-number navigation.

use serde::Serialize;

/// How many pages `len` items make at `per_page` a page; an empty listing is still one page.
pub(crate) fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page.max(1)).max(1)
}

/// The items of page `n` (1-based).
pub(crate) fn slice<T>(items: &[T], per_page: usize, n: usize) -> &[T] {
    let per_page = per_page.max(1);
    let start = ((n - 1) * per_page).min(items.len());
    let end = (start + per_page).min(items.len());
    &items[start..end]
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct PageLink {
    /// None for a gap ("…") between far-apart page numbers.
    pub number: Option<usize>,
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pagination {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

/// Pages further than this from the current, first and last are folded into a gap,
/// so a listing of hundreds of pages keeps a short navigation.
const WINDOW: usize = 2;

pub(crate) fn pagination(
    current: usize,
    total: usize,
    url_of: impl Fn(usize) -> String,
) -> Pagination {
    let mut pages = Vec::new();
    let mut gap = false;
    for n in 1..=total {
        let shown = n == 1 || n == total || n.abs_diff(current) <= WINDOW;
        if shown {
            pages.push(PageLink {
                number: Some(n),
                url: url_of(n),
                current: n == current,
            });
            gap = false;
        } else if !gap {
            pages.push(PageLink {
                number: None,
                url: String::new(),
                current: false,
            });
            gap = true;
        }
    }
    Pagination {
        current,
        total,
        prev: (current > 1).then(|| url_of(current - 1)),
        next: (current < total).then(|| url_of(current + 1)),
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_slices() {
        assert_eq!(page_count(0, 3), 1);
        assert_eq!(page_count(7, 3), 3);
        let v: Vec<u32> = (1..=7).collect();
        assert_eq!(slice(&v, 3, 1), &[1, 2, 3]);
        assert_eq!(slice(&v, 3, 3), &[7]);
        assert!(slice(&v, 3, 4).is_empty());
    }

    #[test]
    fn long_navigation_folds_into_gaps() {
        let p = pagination(10, 20, |n| format!("p{n}"));
        let numbers: Vec<Option<usize>> = p.pages.iter().map(|l| l.number).collect();
        assert_eq!(
            numbers,
            [
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(20)
            ]
        );
        assert_eq!(p.prev.as_deref(), Some("p9"));
        assert_eq!(p.next.as_deref(), Some("p11"));
        assert!(p.pages.iter().filter(|l| l.current).count() == 1);
    }

    #[test]
    fn first_and_last_have_no_prev_or_next() {
        let p = pagination(1, 1, |n| n.to_string());
        assert!(p.prev.is_none() && p.next.is_none());
        assert_eq!(p.pages.len(), 1);
    }
}
