//! The command registry walked end to end: every listed command is in /help in every
//! language, and every example of every command (listed or hidden) reaches its handler —
//! none is answered as an unknown command.

use crate::common;

use chatcrm::handlers::commands::{COMMANDS, HIDDEN};
use chatcrm::i18n::Locale;
use common::{Chat, TestDb};

both_backends!(
    every_command_is_in_help_in_every_language,
    every_example_reaches_its_handler
);

async fn every_command_is_in_help_in_every_language(db: TestDb) {
    let engine = db.engine().await;
    for locale in Locale::ALL {
        let mut chat =
            Chat::new(&engine, &format!("help-{}", locale.code())).language(locale.code());
        let help = chat.send("/help").await;
        for spec in COMMANDS {
            let line = format!("\n/{} ", spec.name);
            assert!(
                help.contains(&line),
                "{locale:?} /help lacks /{}:\n{help}",
                spec.name
            );
            assert!(
                help.contains(&locale.text(spec.description)),
                "{locale:?} {}",
                spec.name
            );
        }
    }
}

async fn every_example_reaches_its_handler(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    ada.send("/new_contact Anna Petrova, anna@example.com")
        .await;
    let unknown = |name: &str| chatcrm::tr!(Locale::En, "unknown-command", name = name.to_string());
    assert!(
        ada.send("/frobnicate")
            .await
            .contains(&unknown("frobnicate"))
    );
    for spec in COMMANDS.iter().chain(HIDDEN) {
        for example in spec.examples {
            let reply = ada.send(example).await;
            assert!(!reply.trim().is_empty(), "{example}: no reply");
            let typed = example.trim_start_matches('/');
            let name = typed.split_whitespace().next().unwrap_or(typed);
            assert!(!reply.contains(&unknown(name)), "{example}: {reply}");
        }
        for alias in spec.aliases {
            let reply = ada.send(&format!("/{alias}")).await;
            assert!(!reply.contains(&unknown(alias)), "/{alias}: {reply}");
        }
    }
}
