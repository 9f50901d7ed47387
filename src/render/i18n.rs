//! Interface strings: every word of the site's own (navigation, headings,
//! counts, dates, the search page's messages) comes from a per-language
//! table, never from code or templates. English, Vietnamese and Japanese
//! are built in (`i18n/*.toml` of this repository); a site overrides any
//! string with its own `i18n/<lang>.toml` holding just those keys, and can
//! add a language the same way (keys it lacks fall back to English).
//!
//! Counted phrases pick their form by the language's CLDR plural rules
//! (`intl_pluralrules`): English has "1 story" and "2 stories", Vietnamese
//! and Japanese one form for every number.

use crate::error::{Error, Result, from_toml};
use crate::types::Language;
use chrono::{Datelike, NaiveDate};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use tera::Value;

/// A site's own string tables: `i18n/<lang>.toml`.
pub(crate) const I18N_DIR: &str = "i18n";

const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("../../i18n/en.toml")),
    ("vi", include_str!("../../i18n/vi.toml")),
    ("ja", include_str!("../../i18n/ja.toml")),
];

/// One string file, as written; every part optional so that an override
/// may hold a single key.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    strings: BTreeMap<String, String>,
    #[serde(default)]
    plural: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    dates: Dates,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Dates {
    months: Option<Vec<String>>,
    months_short: Option<Vec<String>>,
    date: Option<String>,
    month: Option<String>,
}

/// The interface strings of one language.
pub struct Strings {
    strings: BTreeMap<String, String>,
    plural: BTreeMap<String, BTreeMap<String, String>>,
    months: Vec<String>,
    months_short: Vec<String>,
    date: String,
    month: String,
    rules: Option<PluralRules>,
}

impl Strings {
    /// The strings for `language` (its primary subtag), with the site's
    /// own file for it laid over the built-in ones.
    pub fn load(root: &Path, language: &Language) -> Result<Strings> {
        let mut s = Strings::built_in(language);
        let own = root
            .join(I18N_DIR)
            .join(format!("{}.toml", language.primary()));
        match std::fs::read_to_string(&own) {
            Ok(text) => s.overlay(parse(own.strip_prefix(root).unwrap_or(&own), &text)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&own, e)),
        }
        s.check(&own)?;
        Ok(s)
    }

    /// The built-in strings for `language`: its own table over English's.
    pub fn built_in(language: &Language) -> Strings {
        let lang = language.primary();
        let mut s = Strings::builtin("en");
        if lang != "en"
            && let Some((_, text)) = BUILTIN.iter().find(|(l, _)| *l == lang)
            && let Ok(file) = toml::from_str::<File>(text)
        {
            s.overlay(file);
        }
        s.rules = language
            .as_str()
            .parse::<unic_langid::LanguageIdentifier>()
            .ok()
            .and_then(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok());
        s
    }

    /// A built-in table alone (English when `lang` has none).
    fn builtin(lang: &str) -> Strings {
        let text = BUILTIN
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(BUILTIN[0].1, |(_, t)| *t);
        let file: File = toml::from_str(text).unwrap_or_default();
        let mut s = Strings {
            strings: BTreeMap::new(),
            plural: BTreeMap::new(),
            months: Vec::new(),
            months_short: Vec::new(),
            date: String::new(),
            month: String::new(),
            rules: None,
        };
        s.overlay(file);
        s
    }

    fn overlay(&mut self, f: File) {
        self.strings.extend(f.strings);
        // A language's counted phrase replaces English's whole: its plural
        // categories are not English's.
        self.plural.extend(f.plural);
        if let Some(m) = f.dates.months {
            self.months = m;
        }
        if let Some(m) = f.dates.months_short {
            self.months_short = m;
        }
        if let Some(d) = f.dates.date {
            self.date = d;
        }
        if let Some(m) = f.dates.month {
            self.month = m;
        }
    }

    fn check(&self, path: &Path) -> Result<()> {
        for (what, list) in [
            ("months", &self.months),
            ("months_short", &self.months_short),
        ] {
            if list.len() != 12 {
                return Err(Error::input(
                    path,
                    None,
                    format!("[dates] {what} has {} names", list.len()),
                    Some("give the twelve month names, January first".into()),
                ));
            }
        }
        Ok(())
    }

    /// The string `key`; the key itself when no table has it, so that a
    /// missing translation shows where it is missing instead of failing.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// The string `key` with its `{name}`s filled in.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// The counted phrase `key` for `n`, in the form the language's plural
    /// rules choose, `{n}` and the other `{name}`s filled in.
    pub fn count(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let Some(forms) = self.plural.get(key) else {
            return format!("{n} {key}");
        };
        let category = self
            .rules
            .as_ref()
            .and_then(|r| r.select(n).ok())
            .map_or("other", category_name);
        let form = forms
            .get(category)
            .or_else(|| forms.get("other"))
            .or_else(|| forms.values().next())
            .map_or("{n}", String::as_str);
        let n = n.to_string();
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        fill(form, &all)
    }

    pub fn month_name(&self, month: u32) -> &str {
        &self.months[(month.clamp(1, 12) - 1) as usize]
    }

    pub fn month_short(&self, month: u32) -> &str {
        &self.months_short[(month.clamp(1, 12) - 1) as usize]
    }

    /// A date as the language's readers write it: "3 November 2025",
    /// "3 tháng 11, 2025", "2025年11月3日".
    pub fn date(&self, d: NaiveDate) -> String {
        self.date_parts(&self.date, d.year(), d.month(), Some(d.day()))
    }

    /// A month of a year: "November 2025", "tháng 11 năm 2025", "2025年11月".
    pub fn month(&self, year: i32, month: u32) -> String {
        self.date_parts(&self.month, year, month, None)
    }

    fn date_parts(&self, pattern: &str, year: i32, month: u32, day: Option<u32>) -> String {
        let (y, m, d) = (
            year.to_string(),
            month.to_string(),
            day.map(|d| d.to_string()).unwrap_or_default(),
        );
        fill(
            pattern,
            &[
                ("year", &y),
                ("month", &m),
                ("day", &d),
                ("month_name", self.month_name(month)),
                ("month_short", self.month_short(month)),
            ],
        )
    }

    /// The forms of the counted phrase `key` by plural category, for a
    /// script that counts in the browser (`Intl.PluralRules` picks the form).
    pub fn plural_forms(&self, key: &str) -> BTreeMap<String, String> {
        self.plural.get(key).cloned().unwrap_or_default()
    }

    /// The strings as templates see them: `t.<key>`.
    pub fn to_value(&self) -> Value {
        let map: BTreeMap<&str, &str> = self
            .strings
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        Value::from_serializable(&map)
    }
}

fn parse(path: &Path, text: &str) -> Result<File> {
    toml::from_str(text).map_err(|e| from_toml(path, text, 0, &e))
}

fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// Put each `{name}` of `args` into `pattern`; other braces stay as written.
fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (close, *v))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Names compared as readers of `language` sort them (CLDR collation:
/// Vietnamese puts "Đà Nẵng" after "Daegu" and before "Ehime", where byte
/// order puts every "Đ" after "Z"); byte order breaks ties so that the
/// order is total and the build deterministic.
pub fn collate(language: &Language) -> impl Fn(&str, &str) -> std::cmp::Ordering + use<> {
    let collator = language
        .as_str()
        .parse::<icu_locale_core::Locale>()
        .ok()
        .and_then(|l| {
            icu_collator::Collator::try_new(
                (&l).into(),
                icu_collator::options::CollatorOptions::default(),
            )
            .ok()
        });
    move |a: &str, b: &str| {
        collator
            .as_ref()
            .map_or(std::cmp::Ordering::Equal, |c| c.compare(a, b))
            .then_with(|| a.cmp(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_sort_as_each_language_sorts_them() {
        let mut names = vec!["Ehime", "Đà Nẵng", "Daegu", "Zhejiang", "Aichi"];
        let cmp = collate(&Language::new("vi"));
        names.sort_by(|a, b| cmp(a, b));
        assert_eq!(names, ["Aichi", "Daegu", "Đà Nẵng", "Ehime", "Zhejiang"]);
        let cmp = collate(&Language::new("en"));
        assert_eq!(cmp("Đà Nẵng", "Ehime"), std::cmp::Ordering::Less);
    }

    fn strings(lang: &str) -> Strings {
        let dir = tempfile::tempdir().unwrap();
        Strings::load(dir.path(), &Language::new(lang)).unwrap()
    }

    #[test]
    fn every_built_in_language_has_every_english_key() {
        let en: File = toml::from_str(BUILTIN[0].1).unwrap();
        for (lang, text) in BUILTIN {
            let f: File = toml::from_str(text).unwrap_or_else(|e| panic!("{lang}: {e}"));
            for key in en.strings.keys() {
                assert!(f.strings.contains_key(key), "{lang} lacks `{key}`");
            }
            for key in en.plural.keys() {
                assert!(f.plural.contains_key(key), "{lang} lacks plural `{key}`");
            }
            let s = strings(lang);
            assert_eq!(s.months.len(), 12, "{lang}");
        }
    }

    #[test]
    fn dates_read_the_local_way() {
        let d = NaiveDate::from_ymd_opt(2025, 11, 3).unwrap();
        assert_eq!(strings("en").date(d), "3 November 2025");
        assert_eq!(strings("vi").date(d), "3 tháng 11, 2025");
        assert_eq!(strings("ja").date(d), "2025年11月3日");
        assert_eq!(strings("ja").month(2025, 11), "2025年11月");
        assert_eq!(strings("vi").month(2025, 11), "tháng 11 năm 2025");
        // A language without a table of its own reads English.
        assert_eq!(strings("nb").date(d), "3 November 2025");
    }

    #[test]
    fn counts_follow_the_language_plural_rules() {
        let en = strings("en");
        assert_eq!(en.count("stories", 1, &[]), "1 story");
        assert_eq!(en.count("stories", 2, &[]), "2 stories");
        assert_eq!(en.count("stories", 0, &[]), "0 stories");
        assert_eq!(strings("vi").count("stories", 1, &[]), "1 bài viết");
        assert_eq!(strings("ja").count("stories", 5, &[]), "5件");
        assert_eq!(
            en.count("results", 1, &[("query", "Hải Phòng")]),
            "1 result for “Hải Phòng”"
        );
    }

    #[test]
    fn a_site_file_overrides_single_strings() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(I18N_DIR)).unwrap();
        std::fs::write(
            dir.path().join(I18N_DIR).join("vi.toml"),
            "[strings]\nnav_latest = \"Tin mới\"\n",
        )
        .unwrap();
        let s = Strings::load(dir.path(), &Language::new("vi")).unwrap();
        assert_eq!(s.get("nav_latest"), "Tin mới");
        assert_eq!(s.get("nav_archive"), "Lưu trữ");
    }

    #[test]
    fn a_broken_site_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(I18N_DIR)).unwrap();
        std::fs::write(
            dir.path().join(I18N_DIR).join("ja.toml"),
            "[strings]\nx = 1\n",
        )
        .unwrap();
        let e = Strings::load(dir.path(), &Language::new("ja"))
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("ja.toml"), "{e}");
    }

    #[test]
    fn fill_leaves_unknown_braces() {
        assert_eq!(fill("{a} and {b} {", &[("a", "x")]), "x and {b} {");
    }
}
