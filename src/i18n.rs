//! Localized replies: the Fluent files under `locales/` are compiled into the binary and
//! looked up by [`Locale`]. A user's locale comes from their channel's language code and
//! falls back to English.

use std::borrow::Cow;
use std::collections::HashMap;

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

/// A language ChatCRM replies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    Ru,
    Es,
}

impl Locale {
    /// Every shipped locale, English first.
    pub const ALL: [Locale; 3] = [Locale::En, Locale::Ru, Locale::Es];

    /// The BCP 47 code stored for a user ("en", "ru", "es").
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ru => "ru",
            Locale::Es => "es",
        }
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
        match primary.as_str() {
            "ru" => Locale::Ru,
            "es" => Locale::Es,
            _ => Locale::En,
        }
    }

    fn langid(self) -> LanguageIdentifier {
        self.code().parse().expect("shipped locale codes are valid")
    }

    /// The message `key` without arguments.
    pub fn text(self, key: &str) -> String {
        LOCALES.lookup(&self.langid(), key)
    }

    /// The message `key` without arguments, or `None` when no locale defines it.
    pub fn try_text(self, key: &str) -> Option<String> {
        LOCALES.try_lookup(&self.langid(), key)
    }

    /// The message `key` with named arguments.
    pub fn text_with(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
            .collect();
        LOCALES.lookup_with_args(&self.langid(), key, &args)
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
    Locale::ALL
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

    #[test]
    fn every_locale_defines_the_same_messages() {
        let english = ids(include_str!("../locales/en/main.ftl"));
        assert!(english.len() > 40);
        for (code, source) in [
            ("ru", include_str!("../locales/ru/main.ftl")),
            ("es", include_str!("../locales/es/main.ftl")),
        ] {
            assert_eq!(ids(source), english, "{code} differs from en");
        }
        // No file has a syntax error that would hide a message.
        for source in [
            include_str!("../locales/en/main.ftl"),
            include_str!("../locales/ru/main.ftl"),
            include_str!("../locales/es/main.ftl"),
        ] {
            assert!(
                fluent_templates::fluent_bundle::FluentResource::try_new(source.into()).is_ok()
            );
        }
    }

    #[test]
    fn language_codes_pick_a_shipped_locale() {
        assert_eq!(Locale::from_language_code(Some("ru-RU")), Locale::Ru);
        assert_eq!(Locale::from_language_code(Some("es_AR.UTF-8")), Locale::Es);
        assert_eq!(Locale::from_language_code(Some("de")), Locale::En);
        assert_eq!(Locale::from_language_code(None), Locale::En);
    }

    #[test]
    fn plurals_follow_each_language() {
        let header = |locale: Locale, n: i64| crate::tr!(locale, "contacts-header", count = n);
        assert_eq!(header(Locale::En, 1), "1 contact");
        assert_eq!(header(Locale::En, 2), "2 contacts");
        assert_eq!(header(Locale::Ru, 21), "21 контакт");
        assert_eq!(header(Locale::Ru, 3), "3 контакта");
        assert_eq!(header(Locale::Ru, 11), "11 контактов");
        assert_eq!(header(Locale::Es, 1), "1 contacto");
        assert_eq!(header(Locale::Es, 5), "5 contactos");
    }
}
