//! A key figure's label: the short noun phrase that says what the number
//! counts ("Vietnamese people living in Japan", "Total trade turnover",
//! "在日ベトナム人"), never the sentence around it.
//!
//! The phrase is found by grammar, not by the article: a count's label is
//! the noun phrase headed by the counted noun after the number; an amount's
//! or a share's is the noun phrase before it (past the verb and hedge that
//! lead to it: "turnover has reached more than"), with a short phrase of
//! scope after it kept ("over the past decade"). A phrase ends at a verb, a
//! relative or new clause, a conjunction that starts one, and clause
//! punctuation. The words of each role come from `data/figures.toml`.

use super::Kind;
use super::words::{Lists, WordList, holds, match_end, match_start};
use crate::types::is_cjk;

/// A label is cut to at most this many words, before a preposition or a
/// conjunction where it can be.
const MAX_WORDS: usize = 10;
/// A phrase of scope after an amount or a share is kept up to this length.
const MAX_SCOPE_WORDS: usize = 5;
/// A label in a script without spaces keeps at most this many characters.
const MAX_CJK_CHARS: usize = 20;

/// A word of a sentence written with spaces.
struct Tok<'a> {
    /// As written, without the punctuation around it.
    text: &'a str,
    lower: String,
    /// Where the word (with its punctuation) starts and ends.
    start: usize,
    end: usize,
    /// A clause opens before the word ("(with") or closes after it ("countries,").
    open: bool,
    close: bool,
    /// The clause it opens is in brackets.
    paren: bool,
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in s.split_inclusive(char::is_whitespace) {
        let start = pos;
        pos += raw.len();
        let word = raw.trim();
        if word.is_empty() {
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let keep = |c: char| c.is_alphanumeric() || matches!(c, '%' | '$' | '¥' | '€');
        let text = word.trim_matches(|c: char| !keep(c));
        let at = word.find(text).unwrap_or(0);
        let (before, after) = (&word[..at], &word[at + text.len()..]);
        let dash = |p: &str| p.contains(['–', '—']);
        out.push(Tok {
            text,
            lower: text.to_lowercase(),
            start: start + lead,
            end: start + lead + word.len(),
            open: before.contains(['(', '"', '“', '‘', '[']) || dash(before),
            close: after.contains([',', ';', ':', '(', ')', '.', '!', '?', '"', '”', ']'])
                || dash(after),
            paren: before.contains(['(', '[']),
        });
    }
    out
}

fn lowers<'a>(toks: &'a [Tok<'_>]) -> Vec<&'a str> {
    toks.iter().map(|t| t.lower.as_str()).collect()
}

fn is_number(t: &Tok<'_>) -> bool {
    t.text.starts_with(|c: char| c.is_ascii_digit())
}

fn has_suffix(list: &[String], w: &str) -> bool {
    list.iter()
        .any(|x| w.chars().count() >= x.chars().count() + 2 && w.ends_with(x.as_str()))
}

fn participle(lists: &Lists, w: &str) -> bool {
    has_suffix(&lists.participle_suffixes, w)
}

fn counted_noun(lists: &Lists, w: &str, demonyms: &[String]) -> bool {
    [&lists.people, &lists.firms, &lists.deals]
        .iter()
        .any(|l| l.iter().any(|n| w.starts_with(n.as_str())))
        || demonyms.iter().any(|d| w.starts_with(d.as_str()))
}

/// The label of an amount, count or share at `vs..ve` in a sentence written
/// with spaces; empty when no noun phrase says what it is.
pub(super) fn spaced(
    lists: &Lists,
    s: &str,
    vs: usize,
    ve: usize,
    kind: Kind,
    demonyms: &[String],
) -> String {
    let toks = tokens(s);
    let split = toks.iter().take_while(|t| t.end <= vs).count();
    let (before, rest) = toks.split_at(split);
    let after: &[Tok<'_>] = match rest.iter().position(|t| t.start >= ve) {
        Some(k) => &rest[k..],
        None => &[],
    };
    // The word holding the value may open a clause itself: "(8%".
    let value_opens = rest.first().is_some_and(|t| t.start < ve && t.paren);
    let words = match kind {
        Kind::People | Kind::Firms | Kind::Deals => {
            let counted = phrase_after(lists, after, demonyms);
            let generic = counted.len() == 1 && holds(&lists.generic, &counted[0].lower);
            if !counted.is_empty() && !generic {
                counted
            } else {
                let subject = phrase_before(lists, before, value_opens);
                if subject.is_empty() { counted } else { subject }
            }
        }
        Kind::Money | Kind::Percent => {
            let mut what = phrase_before(lists, before, value_opens);
            if what.is_empty() {
                what = phrase_after(lists, after, demonyms);
                let n = lead_len(lists, &what);
                what.drain(..n);
            } else if after
                .first()
                .is_some_and(|t| !t.open && holds(&lists.scope_prepositions, &t.lower))
            {
                let scope = phrase_after(lists, after, demonyms);
                if scope.len() > 1 && scope.len() <= MAX_SCOPE_WORDS {
                    what.extend(scope);
                }
            }
            what
        }
    };
    capitalised(&words.iter().map(|t| t.text).collect::<Vec<_>>().join(" "))
}

/// How many words at the start of `words` are function words a label does
/// not open with: determiners, hedges, prepositions, conjunctions, fillers.
fn lead_len(lists: &Lists, words: &[&Tok<'_>]) -> usize {
    let low: Vec<&str> = words.iter().map(|t| t.lower.as_str()).collect();
    let mut n = 0;
    loop {
        let m = [
            &lists.determiners,
            &lists.qualifiers,
            &lists.prepositions,
            &lists.conjunctions,
            &lists.fillers,
            &lists.cut_words,
        ]
        .iter()
        .map(|l| match_start(l, &low[n..]))
        .max()
        .unwrap_or(0);
        if m == 0 || n + m >= low.len() {
            return n;
        }
        n += m;
    }
}

/// The noun phrase after a number: the counted noun and what qualifies it,
/// up to the verb, the new clause or the punctuation that ends it.
fn phrase_after<'t, 'a>(
    lists: &Lists,
    toks: &'t [Tok<'a>],
    demonyms: &[String],
) -> Vec<&'t Tok<'a>> {
    let low = lowers(toks);
    let mut out: Vec<&Tok<'_>> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let t = &toks[k];
        if t.open
            || t.text.is_empty()
            || is_number(t)
            || match_start(&lists.cut_words, &low[k..]) > 0
        {
            break;
        }
        let filler = match_start(&lists.fillers, &low[k..]);
        if filler > 0 {
            if toks[k + filler - 1].close {
                break;
            }
            k += filler;
            continue;
        }
        let aux = match_start(&lists.auxiliaries, &low[k..]);
        if aux > 0 {
            // "have settled in Japan": the participle phrase stays, a bare
            // passive ("were signed") does not.
            let phrase_goes_on = toks
                .get(k + aux + 1)
                .is_some_and(|n| holds(&lists.prepositions, &n.lower));
            match toks.get(k + aux) {
                Some(next)
                    if !toks[k + aux - 1].close
                        && !next.close
                        && phrase_goes_on
                        && participle(lists, &next.lower) =>
                {
                    k += aux;
                    continue;
                }
                _ => break,
            }
        }
        if match_start(&lists.verbs, &low[k..]) > 0 && !participle(lists, &t.lower) {
            break;
        }
        let conj = match_start(&lists.conjunctions, &low[k..]);
        if conj > 0 {
            // Two participles of one noun go on ("living and studying");
            // anything else after a conjunction is another phrase or clause
            // ("and there are", "and 2,000 firms", "và ngày càng").
            let next = toks.get(k + conj);
            let goes_on = next.is_some_and(|n| !n.open && participle(lists, &n.lower));
            if !goes_on || toks[k + conj - 1].close {
                break;
            }
        }
        // "tourists visited Hue": a past tense with its object ends the phrase.
        if has_suffix(&lists.finite_suffixes, &t.lower)
            && !t.close
            && toks.get(k + 1).is_some_and(|n| {
                !holds(&lists.prepositions, &n.lower) && !holds(&lists.conjunctions, &n.lower)
            })
        {
            break;
        }
        out.push(t);
        if t.close {
            break;
        }
        k += 1;
    }
    if out.len() > MAX_WORDS {
        let cut = (1..=MAX_WORDS).rev().find(|&i| {
            holds(&lists.prepositions, &out[i].lower) || holds(&lists.conjunctions, &out[i].lower)
        });
        out.truncate(cut.unwrap_or(MAX_WORDS));
    }
    // A participle left alone after the counted noun says nothing more
    // ("residents living, studying and working" keeps "residents").
    loop {
        let n = out.len();
        let dangling = n >= 2
            && participle(lists, &out[n - 1].lower)
            && counted_noun(lists, &out[n - 2].lower, demonyms);
        if dangling || (n > 0 && trailing_function_word(lists, &out[n - 1].lower)) {
            out.pop();
        } else {
            break;
        }
    }
    drop_vague_tail(lists, &mut out);
    out
}

fn trailing_function_word(lists: &Lists, w: &str) -> bool {
    [
        &lists.prepositions,
        &lists.conjunctions,
        &lists.determiners,
        &lists.qualifiers,
        &lists.auxiliaries,
    ]
    .iter()
    .any(|l| holds(l, w))
}

fn drop_vague_tail(lists: &Lists, words: &mut Vec<&Tok<'_>>) {
    let low: Vec<&str> = words.iter().map(|t| t.lower.as_str()).collect();
    let n = match_end(&lists.vague_tails, &low);
    if n > 0 && n < words.len() {
        words.truncate(words.len() - n);
    }
}

/// The noun phrase before a number (its clause's subject or the noun the
/// amount belongs to), past the verbs and hedges that lead to the number.
/// A number in brackets with no such phrase inside them belongs to the
/// noun just before the bracket: "ODA cooperation (about 23 billion USD)".
fn phrase_before<'t, 'a>(lists: &Lists, toks: &'t [Tok<'a>], opens: bool) -> Vec<&'t Tok<'a>> {
    let mut from = toks.len();
    let mut paren = opens;
    if !opens {
        while from > 0 {
            let t = &toks[from - 1];
            if t.close {
                break;
            }
            from -= 1;
            if t.open {
                paren = t.paren;
                break;
            }
        }
    }
    let clause = if opens { &toks[..0] } else { &toks[from..] };
    let found = noun_before(lists, clause, false);
    if found.is_empty() && paren {
        let outer = &toks[..from];
        let start = outer.iter().rposition(|t| t.close).map_or(0, |i| i + 1);
        return noun_before(lists, &outer[start..], true);
    }
    found
}

fn noun_before<'t, 'a>(lists: &Lists, clause: &'t [Tok<'a>], nearest: bool) -> Vec<&'t Tok<'a>> {
    let low = lowers(clause);
    let mut end = clause.len();
    // The hedges, verbs and prepositions between the noun and the number:
    // "turnover has reached more than", "a GDP of about".
    let mut only_hedges = true;
    while end > 0 {
        let hedge = match_end(&lists.qualifiers, &low[..end]);
        let link = [
            &lists.verbs,
            &lists.auxiliaries,
            &lists.fillers,
            &lists.prepositions,
        ]
        .iter()
        .map(|l| match_end(l, &low[..end]))
        .max()
        .unwrap_or(0);
        let n = if hedge > 0 {
            hedge
        } else if link > 0 {
            only_hedges = false;
            link
        } else if only_hedges && participle(lists, low[end - 1]) {
            only_hedges = false;
            1
        } else {
            0
        };
        if n == 0 {
            break;
        }
        end -= n;
    }
    let mut start = end;
    while start > 0 {
        let t = &clause[start - 1];
        let stop = |l: &WordList| match_end(l, &low[..start]) > 0;
        // The unit of another number ("31,000 km2", "23 million").
        let unit = start >= 2
            && is_number(&clause[start - 2])
            && [&lists.scales, &lists.currencies, &lists.time_units]
                .into_iter()
                .any(|l| holds(l, &t.lower));
        if t.text.is_empty()
            || is_number(t)
            || unit
            || start <= end.saturating_sub(MAX_WORDS)
            || [
                &lists.cut_words,
                &lists.verbs,
                &lists.auxiliaries,
                &lists.conjunctions,
            ]
            .into_iter()
            .any(stop)
            || (nearest && stop(&lists.prepositions))
        {
            break;
        }
        start -= 1;
    }
    let mut words: Vec<&Tok<'_>> = clause[start..end]
        .iter()
        .filter(|t| !holds(&lists.fillers, &t.lower))
        .collect();
    let n = lead_len(lists, &words);
    words.drain(..n);
    while words
        .last()
        .is_some_and(|t| trailing_function_word(lists, &t.lower))
    {
        words.pop();
    }
    if words.len() == 1 && holds(&lists.determiners, &words[0].lower) {
        words.clear();
    }
    drop_vague_tail(lists, &mut words);
    words
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309f}').contains(&c)
}

fn hangul(c: char) -> bool {
    ('\u{1100}'..='\u{11ff}').contains(&c) || ('\u{ac00}'..='\u{d7af}').contains(&c)
}

fn cjk_stop(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | ','
            | '；'
            | ';'
            | '：'
            | ':'
            | '「'
            | '」'
            | '『'
            | '』'
            | '（'
            | '）'
            | '('
            | ')'
            | '！'
            | '？'
    )
}

/// Strips the entries of `lists` found at the end of `s`, again and again.
fn strip_ends<'a>(mut s: &'a str, lists: &[&WordList]) -> &'a str {
    loop {
        let t = s.trim_end();
        let hit = lists
            .iter()
            .flat_map(|l| l.iter())
            .filter(|w| t.ends_with(w.as_str()) && t.len() > w.len())
            .map(String::len)
            .max();
        match hit {
            Some(n) => s = &t[..t.len() - n],
            None => return t,
        }
    }
}

/// The label of a figure in Japanese, Chinese or Korean: the noun before
/// the number, without its particle and hedge ("在日ベトナム人は約" gives
/// "在日ベトナム人"), or else the noun after its unit ("300社の日本企業").
pub(super) fn cjk(lists: &Lists, s: &str, vs: usize, ve: usize) -> String {
    let clause_start = s[..vs]
        .rfind(cjk_stop)
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    let before = strip_ends(
        &s[clause_start..vs],
        &[&lists.qualifiers, &lists.particles, &lists.verbs],
    );
    let label = if before.contains(hangul) {
        let words: Vec<&str> = before.split_whitespace().collect();
        words[words.len().saturating_sub(3)..].join(" ")
    } else {
        noun_run_back(before)
    };
    // A time before the number ("昨年は") is not what it counts.
    if !label.is_empty() && !holds(&lists.time_units, &label) {
        return label;
    }
    let after: String = s[ve..].chars().take_while(|&c| !cjk_stop(c)).collect();
    let after = after.trim_start_matches(|c: char| hiragana(c) || c.is_whitespace());
    after
        .chars()
        .take_while(|&c| !hiragana(c) && !c.is_whitespace())
        .take(MAX_CJK_CHARS)
        .collect()
}

/// The run of characters ending `s` that make a noun: no kana particle
/// inside, except a の joining two nouns ("日本企業の投資額").
fn noun_run_back(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut start = chars.len();
    while start > 0 {
        let c = chars[start - 1];
        let joins = c == 'の'
            && start >= 2
            && start < chars.len()
            && !hiragana(chars[start - 2])
            && !hiragana(chars[start]);
        if c.is_whitespace() || (hiragana(c) && !joins) || chars.len() - start >= MAX_CJK_CHARS {
            break;
        }
        start -= 1;
    }
    let run: String = chars[start..].iter().collect();
    run.trim_start_matches('の').to_string()
}

/// The words a label is compared by: lower-case words, and each character
/// of a script without spaces.
fn keys(label: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in label.chars() {
        if c.is_alphanumeric() && !is_cjk(c) {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if is_cjk(c) && !hiragana(c) {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// `a` and `b` say the same thing: the same words, one held whole in the
/// other (when it has three words or more), or three quarters of their
/// words shared.
pub(super) fn near_copy(a: &str, b: &str) -> bool {
    let (ka, kb) = (keys(a), keys(b));
    if ka.is_empty() || kb.is_empty() {
        return false;
    }
    let (short, long) = if ka.len() <= kb.len() {
        (&ka, &kb)
    } else {
        (&kb, &ka)
    };
    if short.len() >= 3 && long.windows(short.len()).any(|w| w == short.as_slice()) {
        return true;
    }
    let shared = short.iter().filter(|w| long.contains(w)).count();
    let union = ka.len() + kb.len() - shared;
    shared == short.len() && short.len() == long.len() || shared * 4 >= union * 3
}

#[cfg(test)]
mod tests;
