//! The command registry walked end to end: every listed command is in /help in every
//! language, and every example of every command (listed or hidden) reaches its handler —
//! none is answered as an unknown command.

use crate::common;
use crate::common::join_command;

use chatcrm::handlers::commands::{COMMANDS, HIDDEN};
use chatcrm::i18n::Locale;
use common::{Chat, TestDb, count};

both_backends!(
    every_command_is_in_help_in_every_language,
    every_example_reaches_its_handler,
    access_and_arguments_are_checked_in_the_same_order,
    a_command_with_bad_arguments_still_ends_the_flow,
    new_task_and_new_note_are_what_a_new_user_types
);

/// A new user who learnt /new_contact, /new_company and /new_deal types /new_task and
/// /new_note (seen with the release binary: "I don't know the command /new_task").
async fn new_task_and_new_note_are_what_a_new_user_types(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    ada.send("/new_contact Anna Petrova, anna@example.com")
        .await;
    let task = ada.send("/new_task C1 call Anna tomorrow 10:00").await;
    assert!(task.starts_with("Task saved: ☐ T1 · call Anna"), "{task}");
    let note = ada.send("/new_note C1 prefers mornings").await;
    assert!(note.starts_with("Note N1 added"), "{note}");
    assert_eq!(count(engine.store(), "SELECT COUNT(*) FROM tasks").await, 1);
    assert_eq!(count(engine.store(), "SELECT COUNT(*) FROM notes").await, 1);
}

async fn every_command_is_in_help_in_every_language(db: TestDb) {
    let engine = db.engine().await;
    for &locale in Locale::all() {
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
            let (_, description) = spec.shown_on(chat.channel);
            assert!(
                help.contains(&locale.text(description)),
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
    let unknown = |name: &str| chatcrm::tr!(Locale::EN, "unknown-command", name = name.to_string());
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

/// A member's commands get the usage for bad arguments where the handler read them first,
/// and the refusal where it checked the role first, as before the registry.
async fn access_and_arguments_are_checked_in_the_same_order(db: TestDb) {
    let engine = db.engine().await.with_bot_username("ChatCrmBot");
    let mut olga = Chat::new(&engine, "Olga");
    let mut pete = Chat::new(&engine, "Pete");
    let invite = olga.send("/invite").await;
    pete.send(&join_command(&invite)).await;
    let en = |key: &str| Locale::EN.text(key);
    let cases = [
        ("/invite nonsense", en("invite-not-allowed")),
        ("/invites", en("invites-not-allowed")),
        ("/role", en("usage-role")),
        ("/role Olga", en("usage-role")),
        ("/role Olga member", en("role-not-allowed")),
        ("/remove", en("usage-remove")),
        ("/remove Olga", en("remove-not-allowed")),
        ("/settings region", en("settings-usage")),
        ("/settings region DE", en("settings-not-allowed")),
        ("/settings region -", en("settings-not-allowed")),
        ("/delete", en("usage-delete")),
        ("/delete C1", en("delete-not-allowed")),
        ("/workspace rename", en("usage-workspace")),
        ("/consent ai maybe", en("consent-usage")),
        ("/note C1", en("usage-note")),
        ("/task", en("usage-task")),
        ("/edit", en("usage-edit")),
        ("/stage", en("usage-stage")),
    ];
    for (typed, expected) in cases {
        assert_eq!(pete.send(typed).await, expected, "{typed}");
    }
    let shown = pete.send("/settings").await;
    assert_ne!(shown, en("settings-not-allowed"));
    assert_eq!(
        pete.send("/stage C1").await,
        chatcrm::tr!(Locale::EN, "not-a-handle", input = "C1")
    );
    assert_eq!(
        pete.send("/edit C1 shoesize 42").await,
        chatcrm::tr!(Locale::EN, "edit-unknown-field", field = "shoesize")
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        0
    );
}

/// A command ends the flow in progress even when its arguments do not read; /skip and
/// /cancel keep working on it.
async fn a_command_with_bad_arguments_still_ends_the_flow(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    ada.send("/new_company").await;
    assert_eq!(ada.send("/note").await, Locale::EN.text("usage-note"));
    assert_eq!(ada.send("/skip").await, Locale::EN.text("nothing-to-skip"));
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM companies").await,
        0
    );
    ada.send("/new_contact").await;
    assert_eq!(ada.send("Bo Berg").await, Locale::EN.text("ask-phone"));
    assert_eq!(ada.send("/SKIP").await, Locale::EN.text("ask-email"));
    assert_eq!(ada.send("/Cancel").await, Locale::EN.text("cancelled"));
}
