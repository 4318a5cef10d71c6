//! The registry walked: every command reads its examples in every language, names are
//! unique, descriptions translated, and bad arguments get the messages the handlers gave.

use chrono::TimeZone;

use super::command::Command;
use super::parse::{Parsed, lookup, parse};
use super::registry::{COMMANDS, CommandSpec, HIDDEN};
use crate::crm::Stage;
use crate::handlers::parse_env::ParseEnv;
use crate::handlers::privacy::ConsentArgs;
use crate::i18n::Locale;
use crate::router::CommandLine;

fn env(locale: Locale) -> ParseEnv {
    ParseEnv {
        locale,
        now: chrono::Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap(),
        tz: chrono_tz::Europe::Berlin,
    }
}

fn every_spec() -> impl Iterator<Item = &'static CommandSpec> {
    COMMANDS.iter().chain(HIDDEN)
}

/// Each command reads its own examples in every language, as itself.
#[test]
fn every_command_parses_its_examples() {
    for spec in every_spec() {
        assert!(!spec.examples.is_empty(), "{} has no example", spec.name);
        for example in spec.examples {
            let line = CommandLine::parse(example, None).unwrap();
            for locale in Locale::ALL {
                match parse(&line, &env(locale)) {
                    Parsed::Command(found, _) => assert_eq!(found.name, spec.name),
                    other => panic!("{locale:?} {example}: {other:?}"),
                }
            }
        }
    }
}

/// Names and aliases are lowercase, unique, and found by lookup in any case.
#[test]
fn names_and_aliases_are_unique_and_found() {
    let mut seen = std::collections::HashSet::new();
    for spec in every_spec() {
        assert!(spec.usage.starts_with(&format!("/{}", spec.name)));
        for name in std::iter::once(&spec.name).chain(spec.aliases) {
            assert_eq!(*name, name.to_lowercase());
            assert!(seen.insert(*name), "/{name} is declared twice");
            assert_eq!(
                lookup(&name.to_uppercase()).map(|s| s.name),
                Some(spec.name)
            );
        }
    }
    assert_eq!(lookup("frobnicate"), None);
}

/// Every listed command has its description in every language (Telegram's menu and
/// /help show it).
#[test]
fn every_description_is_translated() {
    for locale in Locale::ALL {
        for spec in COMMANDS {
            assert!(
                locale.try_text(spec.description).is_some(),
                "{locale:?} lacks {}",
                spec.description
            );
        }
    }
}

/// Arguments are read as the handlers read them before: the same messages for the
/// same mistakes.
#[test]
fn bad_arguments_get_the_usage_or_the_reason() {
    let en = env(Locale::En);
    let read = |text: &str| parse(&CommandLine::parse(text, None).unwrap(), &en);
    let invalid = |text: &str| match read(text) {
        Parsed::Invalid(message) => message,
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(invalid("/stage"), Locale::En.text("usage-stage"));
    assert!(invalid("/stage C1 won").contains("C1"));
    assert_eq!(invalid("/edit C1"), Locale::En.text("usage-edit"));
    assert!(invalid("/edit C1 shoesize 42").contains("shoesize"));
    assert_eq!(invalid("/note C1"), Locale::En.text("usage-note"));
    assert_eq!(invalid("/task"), Locale::En.text("usage-task"));
    assert_eq!(invalid("/role Bob"), Locale::En.text("usage-role"));
    assert_eq!(invalid("/remove"), Locale::En.text("usage-remove"));
    assert_eq!(
        invalid("/settings colour red"),
        Locale::En.text("settings-usage")
    );
    assert_eq!(
        invalid("/consent ai maybe"),
        Locale::En.text("consent-usage")
    );
    assert_eq!(
        invalid("/workspace rename X"),
        Locale::En.text("usage-workspace")
    );
    assert_eq!(
        read("/Frobnicate now"),
        Parsed::Unknown("Frobnicate".to_string())
    );
    let Parsed::Command(_, Command::Task(task)) = read("/task C1 Call back tomorrow 10:00") else {
        panic!("not a task");
    };
    assert_eq!(task.body, "Call back");
    assert_eq!(task.record.map(|h| h.to_string()).as_deref(), Some("C1"));
    assert!(task.due.is_some());
    assert!(invalid("/deals closed").contains("“closed” is not a stage"));
    assert_eq!(
        read("/deals"),
        Parsed::Command(lookup("deals").unwrap(), Command::Deals { stage: None })
    );
    let es = env(Locale::Es);
    let line = CommandLine::parse("/deals ganada", None).unwrap();
    assert!(matches!(
        parse(&line, &es),
        Parsed::Command(
            _,
            Command::Deals {
                stage: Some(Stage::Won)
            }
        )
    ));
    let ru = env(Locale::Ru);
    let on = Locale::Ru.text("consent-on");
    let line = CommandLine::parse(&format!("/consent ai {on}"), None).unwrap();
    assert!(matches!(
        parse(&line, &ru),
        Parsed::Command(_, Command::Consent(ConsentArgs::Set { granted: true, .. }))
    ));
}
