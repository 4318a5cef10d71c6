//! Localized replies: the Fluent files under `locales/` are compiled into the binary and
//! looked up by [`Locale`]. A user's locale comes from their channel's language code and
//! falls back to English.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::Loader;
pub use fluent_templates::fluent_bundle::FluentValue;
use unic_langid::LanguageIdentifier;
use unicode_normalization::UnicodeNormalization;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The shipped languages, one per folder under `locales/` (whatever the loader found),
/// English first, then by code.
static LANGUAGES: LazyLock<Vec<(String, LanguageIdentifier)>> = LazyLock::new(|| {
    let mut all: Vec<(String, LanguageIdentifier)> = LOCALES
        .locales()
        .map(|id| (id.language.as_str().to_string(), id.clone()))
        .collect();
    all.sort_by(|(a, _), (b, _)| (a != "en", a).cmp(&(b != "en", b)));
    all
});

/// Every shipped locale, in the order of [`LANGUAGES`].
static ALL: LazyLock<Vec<Locale>> = LazyLock::new(|| (0..LANGUAGES.len()).map(Locale).collect());

/// A language ChatCRM replies in: one of the folders under `locales/`. Adding a language
/// is adding `locales/xx/main.ftl`; no code names a language.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Locale(usize);

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Locale {
    /// English, the fallback language (sorted first).
    pub const EN: Locale = Locale(0);

    /// Every shipped locale, English first.
    pub fn all() -> &'static [Locale] {
        &ALL
    }

    /// The shipped locale with exactly this code ("ru"), if any.
    pub fn named(code: &str) -> Option<Locale> {
        Locale::all().iter().copied().find(|l| l.code() == code)
    }

    /// The BCP 47 code stored for a user ("en", "ru", "es").
    pub fn code(self) -> &'static str {
        LANGUAGES[self.0].0.as_str()
    }

    /// The locale for a channel's language code ("ru-RU", "es_AR.UTF-8", "de"): the primary
    /// language when we ship it, English otherwise.
    pub fn from_language_code(code: Option<&str>) -> Locale {
        let primary = code
            .unwrap_or("")
            .split(['-', '_', '.'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Locale::named(&primary).unwrap_or(Locale::EN)
    }

    fn langid(self) -> &'static LanguageIdentifier {
        &LANGUAGES[self.0].1
    }

    /// The message `key` without arguments.
    pub fn text(self, key: &str) -> String {
        LOCALES.lookup(self.langid(), key)
    }

    /// The message `key` without arguments, or `None` when no locale defines it.
    pub fn try_text(self, key: &str) -> Option<String> {
        LOCALES.try_lookup(self.langid(), key)
    }

    /// The message `key` with named arguments.
    pub fn text_with(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
            .collect();
        LOCALES.lookup_with_args(self.langid(), key, &args)
    }
}

/// `tr!(locale, "key")` or `tr!(locale, "key", name = value, ...)`: a localized string.
#[macro_export]
macro_rules! tr {
    ($locale:expr, $key:expr) => {
        $locale.text($key)
    };
    ($locale:expr, $key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $locale.text_with(
            $key,
            &[$((stringify!($name), $crate::i18n::FluentValue::from($value))),+],
        )
    };
}

/// Whether `folded` is one of the words of message `key` in any shipped locale.
pub fn is_word(folded: &str, key: &str) -> bool {
    Locale::all()
        .iter()
        .any(|locale| locale.text(key).split(',').any(|word| fold(word) == folded))
}

/// Lowercase, without accents, surrounding spaces or closing punctuation: `Sí!` → `si`.
pub fn fold(text: &str) -> String {
    let decomposed: String = text
        .trim()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    decomposed
        .to_lowercase()
        .trim_end_matches(['.', '!', '?', '¡', '¿'])
        .trim_start_matches(['¡', '¿'])
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Message ids defined in one shipped Fluent file.
    fn ids(source: &str) -> Vec<&str> {
        source
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim()))
            .collect()
    }

    /// Each folder under `locales/` with its `main.ftl`, read from the source tree.
    fn folders() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut found: Vec<(String, String)> = std::fs::read_dir(&root)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.is_dir())
            .map(|path| {
                let code = path.file_name().unwrap().to_string_lossy().into_owned();
                let source = std::fs::read_to_string(path.join("main.ftl")).unwrap();
                (code, source)
            })
            .collect();
        found.sort();
        found
    }

    /// The languages are the folders: a new `locales/xx/main.ftl` is a new [`Locale`].
    #[test]
    fn the_locales_are_the_folders() {
        let mut codes: Vec<&str> = Locale::all().iter().map(|l| l.code()).collect();
        assert_eq!(codes[0], "en");
        codes.sort();
        let folders = folders();
        let names: Vec<&str> = folders.iter().map(|(code, _)| code.as_str()).collect();
        assert_eq!(codes, names);
        for &locale in Locale::all() {
            assert_eq!(Locale::from_language_code(Some(locale.code())), locale);
            assert_eq!(Locale::named(locale.code()), Some(locale));
        }
    }

    #[test]
    fn every_locale_defines_the_same_messages() {
        let english = ids(include_str!("../locales/en/main.ftl"));
        assert!(english.len() > 40);
        for (code, source) in folders() {
            assert_eq!(ids(&source), english, "{code} differs from en");
            // No file has a syntax error that would hide a message.
            assert!(
                fluent_templates::fluent_bundle::FluentResource::try_new(source).is_ok(),
                "{code} does not parse"
            );
        }
    }

    #[test]
    fn language_codes_pick_a_shipped_locale() {
        assert_eq!(
            Locale::from_language_code(Some("ru-RU")),
            Locale::named("ru").unwrap()
        );
        assert_eq!(
            Locale::from_language_code(Some("es_AR.UTF-8")),
            Locale::named("es").unwrap()
        );
        assert_eq!(Locale::from_language_code(Some("de")), Locale::EN);
        assert_eq!(Locale::from_language_code(None), Locale::EN);
    }

    #[test]
    fn plurals_follow_each_language() {
        let header = |locale: Locale, n: i64| crate::tr!(locale, "contacts-header", count = n);
        assert_eq!(header(Locale::EN, 1), "1 contact");
        assert_eq!(header(Locale::EN, 2), "2 contacts");
        assert_eq!(header(Locale::named("ru").unwrap(), 21), "21 контакт");
        assert_eq!(header(Locale::named("ru").unwrap(), 3), "3 контакта");
        assert_eq!(header(Locale::named("ru").unwrap(), 11), "11 контактов");
        assert_eq!(header(Locale::named("es").unwrap(), 1), "1 contacto");
        assert_eq!(header(Locale::named("es").unwrap(), 5), "5 contactos");
    }
}
