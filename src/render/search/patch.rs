//! The search index after a few entries changed (a body-only rebuild),
//! made from the index already in the output: only the shards those
//! entries reach are read, changed and written again.
//!
//! Guarantee: the files returned are byte for byte what [`shards::write`]
//! would make of all the new entries, for every shard it returns; the shards
//! it does not return are unchanged. A term shard is a function of the
//! postings of its words, and a word's postings change only where an entry
//! holding it (before or after) changed; a document shard is a function of
//! its own entries. When a shard it needs cannot be read as the output
//! holds it, it returns `None`, and the caller writes the whole index.

use super::shards::{
    self, DOCS_PER_SHARD, article_terms, decode_postings, doc_file, encode_postings, manifest_file,
    parse, shard_of, term_file, term_prefix, term_shards,
};
use crate::output::OutputFile;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The changes to one word's postings.
#[derive(Default)]
struct Edit {
    removed: BTreeSet<u32>,
    added: Vec<(u32, u8)>,
}

/// The files of the index whose bytes may differ after the entries at the
/// listing positions of `changed` (position, old entry) were replaced by
/// those in `entries` (all of them, in listing order), reading the current
/// shards from the output `out`. `None` when a shard could not be read.
pub(crate) fn update(
    out: &Path,
    tables: &super::Tables,
    entries: &[&str],
    changed: &[(usize, &str)],
) -> Option<Vec<OutputFile>> {
    let n = term_shards(entries.len());
    let mut files = vec![manifest_file(tables, entries.len())];
    let doc_shards: BTreeSet<usize> = changed.iter().map(|(p, _)| p / DOCS_PER_SHARD).collect();
    for k in doc_shards {
        let from = k * DOCS_PER_SHARD;
        let to = (from + DOCS_PER_SHARD).min(entries.len());
        let docs: Vec<_> = entries.get(from..to)?.iter().map(|e| parse(e)).collect();
        files.push(doc_file(k, &docs));
    }

    // Shard → word → edit.
    let mut edits: BTreeMap<usize, BTreeMap<String, Edit>> = BTreeMap::new();
    for &(p, old) in changed {
        let doc = u32::try_from(p).ok()?;
        for (t, _) in article_terms(&parse(old), tables) {
            let shard = shard_of(&t, n);
            let edit = edits.entry(shard).or_default().entry(t).or_default();
            edit.removed.insert(doc);
        }
        for (t, fields) in article_terms(&parse(entries.get(p)?), tables) {
            let shard = shard_of(&t, n);
            let edit = edits.entry(shard).or_default().entry(t).or_default();
            edit.added.push((doc, fields));
        }
    }
    for (s, words) in edits {
        let path = out.join(shards::term_path(s));
        let text = std::fs::read_to_string(&path).ok()?;
        let data = text
            .strip_prefix(term_prefix(s).as_str())?
            .strip_suffix(");\n")?;
        // Words in byte order, as the full build writes them.
        let mut current: BTreeMap<String, String> = serde_json::from_str(data).ok()?;
        for (word, edit) in words {
            let mut postings: Vec<(u32, u8)> = current
                .get(&word)
                .map(|p| decode_postings(p))
                .unwrap_or_default();
            postings.retain(|(d, _)| !edit.removed.contains(d));
            postings.extend(edit.added);
            postings.sort_unstable();
            if postings.is_empty() {
                current.remove(&word);
            } else {
                current.insert(word, encode_postings(postings.into_iter()));
            }
        }
        files.push(term_file(
            s,
            current.iter().map(|(w, p)| (w.as_str(), p.clone())),
        ));
    }
    Some(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patched_index_is_the_full_one() {
        let a = r#"["articles/a/index.html","Hải Phòng port","2025-01-02",[0],["Hải Phòng"],"VNA","A summary","gunma osaka"]"#;
        let b = r#"["articles/b/index.html","Osaka","",[],[],"","","gone"]"#;
        let b2 = r#"["articles/b/index.html","Osaka","",[],[],"","","fresh words 日本とベトナム"]"#;
        let c = r#"["articles/c/index.html","Fund","",[0],[],"","","factories"]"#;
        let before = shards::written(&[a, b, c]);
        let after = shards::written(&[a, b2, c]);
        let out = std::env::temp_dir().join(format!("bd-patch-{}", std::process::id()));
        for f in &before {
            let p = out.join(&f.path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, &f.bytes).unwrap();
        }
        let patched = update(
            &out,
            &super::super::Tables::of_themes(&[("investment", "Investment")]),
            &[a, b2, c],
            &[(1, b)],
        )
        .expect("the shards are there");
        for f in &patched {
            let full = after.iter().find(|g| g.path == f.path).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&f.bytes),
                String::from_utf8_lossy(&full.bytes),
                "{}",
                f.path
            );
        }
        // Every file that differs is among those patched.
        for (x, y) in before.iter().zip(&after) {
            if x.bytes != y.bytes {
                assert!(patched.iter().any(|f| f.path == x.path), "{}", x.path);
            }
        }
        // A shard missing from the output: the caller makes them all.
        std::fs::remove_dir_all(out.join("search/terms")).unwrap();
        assert!(
            update(
                &out,
                &super::super::Tables::of_themes(&[("investment", "Investment")]),
                &[a, b2, c],
                &[(1, b)]
            )
            .is_none()
        );
        std::fs::remove_dir_all(&out).unwrap();
    }
}
