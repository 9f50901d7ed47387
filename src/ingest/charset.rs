//! The character encoding of a saved page or feed, and its text as UTF-8.
//!
//! Pages are often not UTF-8: Japanese sites still serve Shift_JIS and
//! EUC-JP, Vietnamese ones windows-1258. The encoding is taken, in this
//! order, from a byte-order mark, then the page's own declaration in its
//! first bytes (`<meta charset>`, `<meta http-equiv="Content-Type">`, or an
//! XML declaration's `encoding`), then UTF-8 when the bytes are valid UTF-8,
//! and windows-1252 (what browsers assume) otherwise.
//!
//! Guarantees: decoding never fails and never panics (bytes an encoding
//! cannot map become U+FFFD); a declaration of UTF-16 in an 8-bit page is
//! read as UTF-8, as browsers do; the label that decided is reported.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page the declaration is looked for (browsers look at
/// 1024 bytes; saved pages often put a long `<head>` comment first).
const PRESCAN: usize = 4096;

/// What decided the encoding, for `import --explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub because: &'static str,
}

/// The page's text, decoded by its byte-order mark, its declaration, or
/// the defaults above.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, because, body) = if let Some((enc, len)) = Encoding::for_bom(bytes) {
        (enc, "byte-order mark", &bytes[len..])
    } else if let Some(enc) = declared(&bytes[..bytes.len().min(PRESCAN)]) {
        (enc, "the page's declaration", bytes)
    } else if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, "valid UTF-8, no declaration", bytes)
    } else {
        (WINDOWS_1252, "no declaration and not UTF-8", bytes)
    };
    let (text, _) = encoding.decode_without_bom_handling(body);
    // windows-1258 writes Vietnamese tones as combining marks; the
    // gazetteer, the terms and search expect composed letters.
    let text = if encoding == encoding_rs::WINDOWS_1258 {
        icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
            .normalize(&text)
            .into_owned()
    } else {
        text.into_owned()
    };
    Decoded {
        text,
        encoding: encoding.name(),
        because,
    }
}

/// The encoding a page declares in its first bytes, if any it names is known.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"charset").map(|i| i + from) {
        from = at + 7;
        if let Some(enc) = label_after(&lower[from..]) {
            return Some(fix_utf16(enc));
        }
    }
    // `<?xml version="1.0" encoding="Shift_JIS"?>`, for feeds and XHTML.
    if lower.starts_with(b"<?xml")
        && let Some(at) = find(&lower, b"encoding")
        && let Some(enc) = label_after(&lower[at + 8..])
    {
        return Some(fix_utf16(enc));
    }
    None
}

fn fix_utf16(enc: &'static Encoding) -> &'static Encoding {
    // A page in UTF-16 has a byte-order mark; one that says so without one
    // was re-saved in an 8-bit encoding and the declaration is stale.
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        enc
    }
}

/// The label after `charset` or `encoding`: `= "x"`, `='x'` or `=x`.
fn label_after(rest: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while rest.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    if rest.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while rest.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    let quote = rest.get(i).copied().filter(|c| *c == b'"' || *c == b'\'');
    if quote.is_some() {
        i += 1;
    }
    let start = i;
    while let Some(&c) = rest.get(i) {
        let stop = match quote {
            Some(q) => c == q,
            None => c.is_ascii_whitespace() || matches!(c, b';' | b'>' | b'"' | b'\'' | b'/'),
        };
        if stop {
            break;
        }
        i += 1;
    }
    Encoding::for_label(rest.get(start..i)?)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_boms_and_defaults_choose_the_encoding() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("日本とベトナム");
        let mut page = b"<html><head><meta charset=\"Shift_JIS\"></head><body>".to_vec();
        page.extend_from_slice(&sjis);
        let d = decode(&page);
        assert_eq!(d.encoding, "Shift_JIS");
        assert!(d.text.contains("日本とベトナム"), "{}", d.text);

        let equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">\xd0a\xccng";
        let d = decode(equiv);
        assert_eq!(d.encoding, "windows-1258");
        // `a` and a combining grave (0xCC) come out as one composed letter.
        assert!(
            d.text.contains("Đa\u{300}ng") || d.text.contains("Đàng"),
            "{}",
            d.text
        );
        assert!(d.text.contains("Đàng"), "{:?}", d.text);

        let d = decode(b"<?xml version='1.0' encoding='EUC-JP'?><rss/>");
        assert_eq!(d.encoding, "EUC-JP");

        let d = decode("\u{feff}<p>héllo</p>".as_bytes());
        assert_eq!((d.encoding, d.because), ("UTF-8", "byte-order mark"));
        assert!(!d.text.starts_with('\u{feff}'));

        assert_eq!(decode(b"<p>caf\xe9</p>").encoding, "windows-1252");
        assert_eq!(decode("<p>café</p>".as_bytes()).encoding, "UTF-8");
        // A stale UTF-16 declaration, an unknown label, a cut one: no panic.
        assert_eq!(decode(b"<meta charset=utf-16><p>x").encoding, "UTF-8");
        assert_eq!(decode(b"<meta charset=klingon><p>x").encoding, "UTF-8");
        assert_eq!(decode(b"<meta charset=").encoding, "UTF-8");
        assert_eq!(decode(b"charset").encoding, "UTF-8");
    }
}
