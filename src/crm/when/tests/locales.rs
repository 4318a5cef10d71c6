//! The parser's words come from the locale files: every shipped `locales/xx/main.ftl` has
//! every word list it reads, and a language that is only a Fluent file (German here, which
//! ChatCRM does not ship) is read with no code.

use super::vocabulary::{GROUP_SIZES, Lookup, Vocabulary, keys};
use super::*;
use fluent_templates::fluent_bundle::{FluentBundle, FluentResource};

/// A Fluent bundle of `source` for the language `code`.
fn bundle(code: &str, source: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_string()).expect("the file parses");
    let mut bundle = FluentBundle::new(vec![code.parse().expect("a language code")]);
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .expect("no duplicate messages");
    bundle
}

/// The text of message `key` in `bundle`, if it has it.
fn text(bundle: &FluentBundle<FluentResource>, key: &str) -> Option<String> {
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, None, &mut errors)
            .into_owned(),
    )
}

/// Each folder under `locales/` as a bundle.
fn shipped() -> Vec<(String, FluentBundle<FluentResource>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    std::fs::read_dir(root)
        .expect("the locales folder")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.is_dir())
        .map(|path| {
            let code = path.file_name().unwrap().to_string_lossy().into_owned();
            let source = std::fs::read_to_string(path.join("main.ftl")).expect("main.ftl");
            let bundle = bundle(&code, &source);
            (code, bundle)
        })
        .collect()
}

#[test]
fn every_locale_has_every_word_list_the_parser_reads() {
    let folders = shipped();
    assert!(folders.len() >= 3);
    for (code, bundle) in &folders {
        for key in keys() {
            assert!(text(bundle, key).is_some(), "{code} lacks {key}");
        }
        for (key, groups) in GROUP_SIZES {
            let list = text(bundle, key).unwrap_or_default();
            assert_eq!(list.split('|').count(), groups, "{code} {key}");
            for group in list.split('|') {
                assert!(!group.trim().is_empty(), "{code} {key} has an empty group");
            }
        }
    }
    // The shipped files read on their own give the words the parser uses.
    let lookups: Vec<_> = folders
        .iter()
        .map(|(_, bundle)| move |key: &str| text(bundle, key))
        .collect();
    let lookups: Vec<Lookup<'_>> = lookups.iter().map(|f| f as Lookup<'_>).collect();
    let from_files = Vocabulary::read(&lookups);
    for word in [
        "tomorrow",
        "завтра",
        "manana",
        "пятницу",
        "septiembre",
        "часа",
        "a las",
    ] {
        assert!(from_files.meaning(word).is_some(), "{word}");
        assert_eq!(from_files.meaning(word), WORDS.meaning(word), "{word}");
    }
}

#[test]
fn a_new_language_is_only_its_fluent_file() {
    let german = bundle(
        "de",
        r#"
when-word-at = um
when-word-filler = am, bis
when-word-today = heute
when-word-tomorrow = morgen
when-word-day-after-tomorrow = übermorgen
when-word-yesterday = gestern
when-word-tonight = heute abend
when-word-next = nächsten, nächste
when-word-next-after = {""}
when-word-this = diesen, diese
when-word-in = in
when-word-in-count-optional = {""}
when-word-one = einer, einem
when-word-noon = mittag
when-word-weekdays = mo, montag | di, dienstag | mi, mittwoch | do, donnerstag | fr, freitag | sa, samstag | so, sonntag
when-word-months = januar | februar | märz | april | mai | juni | juli | august | september | oktober | november | dezember
when-word-units = minute, minuten | stunde, stunden | tag, tage, tagen | woche, wochen | monat, monate, monaten
when-word-ambiguous = {""}
"#,
    );
    let vocabulary = Vocabulary::read(&[&|key: &str| text(&german, key)]);
    let read = |input: &str| tokenize_with(&vocabulary, input);
    assert_eq!(
        read("Übermorgen um 10"),
        Some(vec![
            Tok::DayOffset(2),
            Tok::Clock {
                hour: 10,
                minute: 0
            }
        ])
    );
    assert_eq!(
        read("nächsten Freitag"),
        Some(vec![Tok::Next, Tok::Weekday(Weekday::Fri)])
    );
    assert_eq!(read("heute abend"), Some(vec![Tok::Tonight]));
    assert_eq!(
        read("in 2 Stunden"),
        Some(vec![
            Tok::In {
                count_optional: false
            },
            Tok::Num {
                value: 2,
                digits: 1
            },
            Tok::Unit(Unit::Hour)
        ])
    );
    assert_eq!(
        read("3 März"),
        Some(vec![
            Tok::Num {
                value: 3,
                digits: 1
            },
            Tok::Month(3)
        ])
    );
    // The shipped languages do not know German: the words come from the file alone.
    assert_eq!(tokenize("morgen"), None);
    assert_eq!(tokenize("tomorrow"), Some(vec![Tok::DayOffset(1)]));
}
