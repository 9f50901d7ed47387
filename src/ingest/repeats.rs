//! Lines that occur more than once in a seed: teaser titles and their
//! summaries, an image's alt text doubled as its caption, menus and labels
//! repeated at the top and bottom, and a story the scrape holds twice.

use super::clean::{Class, Line, Reason};
use std::collections::HashSet;

/// Captions are a sentence or two; a doubled line longer than this is a
/// paragraph shown twice.
const CAPTION_MAX_CHARS: usize = 250;

/// Mark repeated lines; `folded` is each line's folded text.
pub(super) fn mark_repeats(lines: &[Line], folded: &[String], class: &mut [Class]) {
    // Repetition: a line repeated right after itself is a teaser title, and
    // the prose after the pair is its summary. Only after some body text,
    // so that a headline repeated as alt text at the top is not mistaken.
    let mut seen_good_so_far = false;
    // Lines kept although they occur twice: the second of a doubled lead.
    let mut kept = vec![false; lines.len()];
    let doubled_at = |j: usize| j + 1 < lines.len() && folded[j] == folded[j + 1];
    let mut i = 0;
    while i < lines.len() {
        // Body text before this line: a doubled line that is itself the
        // first prose of the page is its title shown twice.
        let seen_good = seen_good_so_far;
        seen_good_so_far |= class[i] == Class::Good;
        let same_next = doubled_at(i);
        // A lead opening with the outlet's credit ("(VNA) - On …") or longer
        // than captions run, shown twice (as the page's summary and as the
        // story's first paragraph), is the story's lead, not a picture's
        // alt text and caption.
        if same_next
            && class[i] == Class::Good
            && (lines[i].f.chars > CAPTION_MAX_CHARS
                || super::extract::outlet_credit(&lines[i].text).is_some())
        {
            class[i] = Class::Bad(Reason::Repeated);
            kept[i + 1] = true;
            i += 2;
            continue;
        }
        // A doubled line of a few words is an image's alt text and caption
        // ("Signing ceremony."), not a teaser: the prose after it goes on.
        // So is a doubled full sentence: teaser titles are headlines, which
        // end without a full stop.
        let few_words = lines[i].f.units() <= 4 || lines[i].text.trim_end().ends_with(['.', '。']);
        if seen_good && same_next && few_words && !matches!(class[i], Class::Bad(_)) {
            class[i] = Class::Bad(Reason::AltText);
            class[i + 1] = Class::Bad(Reason::Caption);
            i += 2;
            continue;
        }
        // One doubled title inside the story, with its prose going on
        // after the next paragraph and no other teaser near, is a
        // picture's alt text and caption: teasers come in lists.
        let prose = |j: usize| j < lines.len() && class[j] == Class::Good && lines[j].f.count == 1;
        let lone = same_next
            && seen_good
            && prose(i + 2)
            && prose(i + 3)
            && !(i + 2..(i + 8).min(lines.len())).any(doubled_at);
        if seen_good && same_next && lone && !matches!(class[i], Class::Bad(_)) {
            class[i] = Class::Bad(Reason::AltText);
            class[i + 1] = Class::Bad(Reason::Caption);
            i += 2;
            continue;
        }
        if seen_good && same_next && lines[i].f.units() <= 25 && !matches!(class[i], Class::Bad(_))
        {
            class[i] = Class::Bad(Reason::TeaserTitle);
            class[i + 1] = Class::Bad(Reason::TeaserTitle);
            if i + 2 < lines.len()
                && matches!(class[i + 2], Class::Good | Class::NearGood | Class::Short)
                && lines[i + 2].f.count == 1
            {
                class[i + 2] = Class::Bad(Reason::TeaserSummary);
            }
            i += 3;
            continue;
        }
        i += 1;
    }
    // When every paragraph of prose occurs more than once, the scrape holds
    // the story twice: its first showing is kept. Otherwise repeated lines
    // are menus, labels and teasers.
    // So does a run of paragraphs that recurs (the story's text shown
    // twice under a lead shown once): its first showing is kept. Sentences
    // only, and no list items: a list of other stories' teasers shown twice
    // is no story.
    let doubled = !(0..lines.len()).any(|i| class[i] == Class::Good && lines[i].f.count == 1);
    let recurs: Vec<bool> = (0..lines.len())
        .map(|j| {
            class[j] == Class::Good
                && lines[j].f.count > 1
                && lines[j].f.ends_sentence
                && !super::clean::is_list_item(&lines[j].text)
        })
        .collect();
    let mut shown: HashSet<&str> = HashSet::new();
    for i in 0..lines.len() {
        let in_run = recurs[i] && (recurs.get(i + 1) == Some(&true) || (i > 0 && recurs[i - 1]));
        if (doubled || in_run) && class[i] == Class::Good && shown.insert(folded[i].as_str()) {
            continue;
        }
        if lines[i].f.count > 1 && !kept[i] && !matches!(class[i], Class::Bad(_)) {
            let before_caption = i + 1 < lines.len() && class[i + 1] == Class::Bad(Reason::Caption);
            class[i] = Class::Bad(if before_caption {
                Reason::AltText
            } else {
                Reason::Repeated
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::clean::{Class, Reason, analyse};

    const P1: &str = "The two ministers agreed that the new port will be built with funding from both sides and that work on it should begin next spring.";
    const P2: &str = "Officials from the prefecture said the first ships could dock there within three years if the dredging goes to plan this winter.";
    const P3: &str = "Trade between the two ports has doubled since the agreement, and both cities plan a fair for their makers of parts next autumn.";

    fn classes(text: &str) -> Vec<Class> {
        analyse(text, Some("en"), &[]).class
    }

    #[test]
    fn one_doubled_title_inside_the_story_is_a_pictures_alt_and_caption() {
        let title = "Port workers at the new quay in Hai Phong";
        let c = classes(&format!("{P1}\n{title}\n{title}\n{P2}\n{P3}\n"));
        assert_eq!(c[1], Class::Bad(Reason::AltText));
        assert_eq!(c[2], Class::Bad(Reason::Caption));
        assert_eq!(c[3], Class::Good, "the paragraph after it is the story's");
        // Teasers come in lists: two doubled titles with their summaries.
        let other = "Rice exports rise in the first quarter";
        let c = classes(&format!(
            "{P1}\n{title}\n{title}\n{P2}\n{other}\n{other}\n{P3}\n"
        ));
        assert_eq!(c[1], Class::Bad(Reason::TeaserTitle));
        assert_eq!(c[3], Class::Bad(Reason::TeaserSummary));
    }

    #[test]
    fn a_lead_shown_twice_keeps_one_copy() {
        let lead = format!("{P1} {P2}");
        let c = classes(&format!("Port pact signed\n{lead}\n{lead}\n{P3}\n"));
        assert_eq!(c[1], Class::Bad(Reason::Repeated));
        assert_eq!(c[2], Class::Good);
    }

    #[test]
    fn a_run_of_paragraphs_shown_twice_keeps_its_first_showing() {
        let c = classes(&format!("{P3} Once.\n{P1}\n{P2}\n{P1}\n{P2}\n"));
        assert_eq!(&c[..3], &[Class::Good, Class::Good, Class::Good]);
        assert_eq!(
            &c[3..],
            &[Class::Bad(Reason::Repeated), Class::Bad(Reason::Repeated)]
        );
        // A list of teasers shown twice is no story.
        let c = classes(&format!("{P3} Once.\n* {P1}\n* {P2}\n* {P1}\n* {P2}\n"));
        assert!(c[1..].iter().all(|k| matches!(k, Class::Bad(_))), "{c:?}");
    }
}
