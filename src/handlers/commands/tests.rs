//! The registry walked: every command reads its examples in every language, names are
//! unique, descriptions translated, and bad arguments get the messages the handlers gave.

use chrono::TimeZone;

use super::command::Command;
use super::parse::{Parsed, lookup, parse};
use super::registry::{COMMANDS, CommandSpec, HIDDEN};
use crate::crm::Stage;
use crate::handlers::deals::StageArgs;
use crate::handlers::parse_env::ParseEnv;
use crate::handlers::privacy::ConsentArgs;
use crate::handlers::workspace_settings::SettingsArgs;
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
            for &locale in Locale::all() {
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
    for &locale in Locale::all() {
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
    let en = env(Locale::EN);
    let read = |text: &str| parse(&CommandLine::parse(text, None).unwrap(), &en);
    let invalid = |text: &str| match read(text) {
        Parsed::Invalid(message) => message,
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(invalid("/stage"), Locale::EN.text("usage-stage"));
    assert!(invalid("/stage C1 won").contains("C1"));
    assert_eq!(invalid("/edit C1"), Locale::EN.text("usage-edit"));
    assert!(invalid("/edit C1 shoesize 42").contains("shoesize"));
    assert_eq!(invalid("/note C1"), Locale::EN.text("usage-note"));
    assert_eq!(invalid("/task"), Locale::EN.text("usage-task"));
    assert_eq!(invalid("/role Bob"), Locale::EN.text("usage-role"));
    assert_eq!(invalid("/remove"), Locale::EN.text("usage-remove"));
    assert_eq!(
        invalid("/settings colour red"),
        Locale::EN.text("settings-usage")
    );
    assert_eq!(
        invalid("/consent ai maybe"),
        Locale::EN.text("consent-usage")
    );
    assert_eq!(
        invalid("/workspace rename X"),
        Locale::EN.text("usage-workspace")
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
    assert_eq!(invalid("/delete"), Locale::EN.text("usage-delete"));
    assert!(invalid("/delete everything").contains("everything"));
    assert!(invalid("/stage D1 frobnicated").contains("frobnicated"));
    assert!(invalid("/settings region XX").contains("XX"));
    assert!(invalid("/deals closed").contains("“closed” is not a stage"));
    assert_eq!(
        read("/deals"),
        Parsed::Command(lookup("deals").unwrap(), Command::Deals { stage: None })
    );
    let es = env(Locale::named("es").unwrap());
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
    let ru = env(Locale::named("ru").unwrap());
    let on = Locale::named("ru").unwrap().text("consent-on");
    let line = CommandLine::parse(&format!("/consent ai {on}"), None).unwrap();
    assert!(matches!(
        parse(&line, &ru),
        Parsed::Command(_, Command::Consent(ConsentArgs::Set { granted: true, .. }))
    ));
}

/// Typed arguments come out of the registry's parsers: a stage named in any language, a
/// region upper-cased or cleared, a handle of any kind to delete.
#[test]
fn arguments_are_read_into_typed_values() {
    let cases = [
        ("/stage D1 ganada", Locale::EN),
        ("/stage d1 Won", Locale::named("es").unwrap()),
        ("/stage D1 выиграна", Locale::named("ru").unwrap()),
    ];
    for (typed, locale) in cases {
        let line = CommandLine::parse(typed, None).unwrap();
        let Parsed::Command(_, Command::Stage(StageArgs { deal, stage })) =
            parse(&line, &env(locale))
        else {
            panic!("{typed}: not a stage");
        };
        assert_eq!(
            (deal.to_string(), stage),
            ("D1".to_string(), Some(Stage::Won))
        );
    }
    let read = |text: &str| parse(&CommandLine::parse(text, None).unwrap(), &env(Locale::EN));
    let command = |text: &str| match read(text) {
        Parsed::Command(_, command) => command,
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(
        command("/settings region de"),
        Command::Settings(SettingsArgs::Region(Some("DE".into())))
    );
    assert_eq!(
        command("/settings region -"),
        Command::Settings(SettingsArgs::Region(None))
    );
    assert_eq!(command("/settings"), Command::Settings(SettingsArgs::Show));
    let Command::Delete { handle } = command("/delete n2") else {
        panic!("not a deletion");
    };
    assert_eq!(handle.to_string(), "N2");
}

/// The registry decides who may run what, for every command: each refusal is translated,
/// /delete and changing /settings need an admin, showing /settings does not.
#[test]
fn the_registry_holds_every_role_rule() {
    let refused =
        |text: &str| match parse(&CommandLine::parse(text, None).unwrap(), &env(Locale::EN)) {
            Parsed::Command(spec, command) => spec.access.refusal(&command),
            other => panic!("{text}: {other:?}"),
        };
    assert_eq!(refused("/delete C1"), Some("delete-not-allowed"));
    assert_eq!(refused("/settings region DE"), Some("settings-not-allowed"));
    assert_eq!(refused("/settings region -"), Some("settings-not-allowed"));
    assert_eq!(refused("/settings"), None);
    assert_eq!(refused("/contacts"), None);
    for spec in every_spec() {
        for example in spec.examples {
            let line = CommandLine::parse(example, None).unwrap();
            let Parsed::Command(_, command) = parse(&line, &env(Locale::EN)) else {
                panic!("{example}");
            };
            if let Some(key) = spec.access.refusal(&command) {
                for &locale in Locale::all() {
                    assert!(locale.try_text(key).is_some(), "{locale:?} lacks {key}");
                }
            }
        }
    }
}
