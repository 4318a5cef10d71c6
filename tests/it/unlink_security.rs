//! /unlink after a security review, on both backends: a chat may unlink itself or chats
//! linked after it, never an earlier one (the account's original chat may unlink any
//! other), so a chat linked with a leaked code cannot take the account from its owner; and
//! unlinking revokes what the chat could have obtained while linked (link codes, export
//! links and their files, its queued messages and their export files). Migration 0017
//! marks the existing linked chats.

use crate::common;

use chatcrm::handlers::Settings;
use chatcrm::message::{Channel, Payload};
use common::{Chat, TestDb, count};

both_backends!(
    a_linked_chat_cannot_unlink_an_earlier_one,
    unlinking_revokes_what_the_chat_got_while_linked,
    upgrading_keeps_the_original_chat_of_linked_accounts,
);

fn link_code_in(reply: &str) -> String {
    reply
        .split("/link ")
        .nth(1)
        .expect("a link code")
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

fn on(channel: Channel, engine: &chatcrm::engine::Engine, user: &str) -> Chat {
    let mut chat = Chat::new(engine, user);
    chat.channel = channel;
    chat
}

/// Links `joining` into `owner`'s account with a code `owner` asks for.
async fn link(owner: &mut Chat, joining: &mut Chat) {
    let code = link_code_in(&owner.send("/link").await);
    let linked = joining.send(&format!("/link {code}")).await;
    assert!(linked.starts_with("Linked:"), "{linked}");
}

async fn users(chat: &Chat) -> i64 {
    count(chat.engine.store(), "SELECT COUNT(*) FROM users").await
}

/// The button of the last replies whose label starts with `prefix`.
fn button_starting(chat: &Chat, prefix: &str) -> String {
    let label = chat
        .labels()
        .into_iter()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no button {prefix:?} in {:?}", chat.labels()));
    chat.data_of(&label)
}

async fn a_linked_chat_cannot_unlink_an_earlier_one(db: TestDb) {
    let engine = db.engine().await;
    let mut tg = Chat::new(&engine, "5001");
    let mut wa = on(Channel::WhatsApp, &engine, "+4915112345678");
    tg.send("/new_contact Anna Petrova, anna@example.com").await;
    link(&mut tg, &mut wa).await;

    // WhatsApp sees both chats but gets a button for itself only.
    assert_eq!(
        wa.send("/unlink").await,
        "Chats that share this account. Choose one to unlink it (or send /unlink 2, /unlink whatsapp):\n\
         1. Telegram 5…1\n2. WhatsApp +49…678 (this chat)\n\n\
         Chats without a button were part of this account before this chat; only an earlier chat can unlink them."
    );
    let labels = wa.labels();
    assert_eq!(labels.len(), 1, "{labels:?}");
    assert!(labels[0].starts_with("2. WhatsApp"), "{labels:?}");
    // By number, by name, and with Telegram's own buttons (same account, so the owner tag
    // matches), asked or confirmed: refused, naming who can.
    let refusal = "Telegram 5…1 was part of this account before this chat, so it can only be \
                   unlinked from: Telegram 5…1. You can unlink this chat itself with /unlink 2.";
    assert_eq!(wa.send("/unlink 1").await, refusal);
    assert_eq!(wa.send("/unlink telegram").await, refusal);
    tg.send("/unlink").await;
    let ask = button_starting(&tg, "1. Telegram");
    assert_eq!(wa.button(&ask).await, refusal);
    assert_eq!(wa.button(&ask.replace(":ask", ":yes")).await, refusal);
    // Nothing changed: one account, Telegram still sees its data.
    assert_eq!(users(&tg).await, 1);
    assert!(tg.send("/contacts").await.contains("C1 · Anna Petrova"));
    assert!(wa.send("/contacts").await.contains("C1 · Anna Petrova"));

    // A third chat, linked after WhatsApp: WhatsApp may unlink it, not the other way round.
    let mut console = on(Channel::Console, &engine, "olga");
    link(&mut tg, &mut console).await;
    assert_eq!(
        console.send("/unlink 2").await,
        "WhatsApp +49…678 was part of this account before this chat, so it can only be \
         unlinked from: Telegram 5…1, WhatsApp +49…678. You can unlink this chat itself with /unlink 3."
    );
    assert_eq!(users(&tg).await, 1);
    wa.send("/unlink 3").await;
    let done = wa.press("Yes, unlink").await;
    assert_eq!(
        done,
        "console o…a is unlinked: it no longer sees anything of this account."
    );
    assert_eq!(users(&tg).await, 2);

    // The original chat unlinks WhatsApp.
    tg.send("/unlink 2").await;
    assert_eq!(
        tg.press("Yes, unlink").await,
        "WhatsApp +49…678 is unlinked: it no longer sees anything of this account."
    );
    assert_eq!(users(&tg).await, 3);
    // An unlinked chat is the original of its new account again.
    assert_eq!(
        count(
            engine.store(),
            "SELECT COUNT(*) FROM identities WHERE linked_at IS NOT NULL"
        )
        .await,
        0
    );

    // Linked again, WhatsApp unlinks itself.
    link(&mut tg, &mut wa).await;
    let card = wa.send("/unlink 2").await;
    assert!(
        card.starts_with("Unlink WhatsApp +49…678 (this chat)?"),
        "{card}"
    );
    assert_eq!(
        wa.press("Yes, unlink").await,
        "This chat is unlinked: it is now a separate account with an empty personal workspace."
    );
    assert!(tg.send("/contacts").await.contains("C1 · Anna Petrova"));
    assert!(!wa.send("/contacts").await.contains("Anna"));
}

/// Files in the export folder.
fn export_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| entries.count())
}

async fn unlinking_revokes_what_the_chat_got_while_linked(db: TestDb) {
    let exports = tempfile::tempdir().unwrap();
    let settings = Settings {
        export_dir: exports.path().to_path_buf(),
        public_url: "https://crm.example.com".into(),
        ..Settings::default()
    };
    let engine = db.engine().await.with_settings(settings.clone());
    let via_link = engine.clone().with_settings(Settings {
        export_via_link: true,
        ..settings
    });
    let mut tg = Chat::new(&engine, "5001");
    let mut wa = on(Channel::WhatsApp, &engine, "+4915112345678");
    tg.send("/new_contact Anna Petrova, anna@example.com").await;
    link(&mut tg, &mut wa).await;

    // While linked, WhatsApp gets a link code for the account, a one-time export link, and
    // has an export document and a reply still queued for it.
    let code = link_code_in(&wa.send("/link").await);
    let mut wa_links = on(Channel::WhatsApp, &via_link, "+4915112345678");
    let link_reply = wa_links.send("/export").await;
    assert!(
        link_reply.contains("https://crm.example.com/exports/"),
        "{link_reply}"
    );
    for text in ["/export", "/contacts"] {
        let queued = engine
            .handle_into_outbox(&wa.inbound(Payload::Text(text.into()), None))
            .await
            .unwrap();
        assert!(queued > 0);
    }
    let store = engine.store();
    let pending_to_wa = "SELECT COUNT(*) FROM outbox o JOIN identities i ON i.id = o.identity_id
                         WHERE i.channel = 'whatsapp' AND o.status = 'pending'";
    assert!(count(store, pending_to_wa).await >= 2);
    assert_eq!(count(store, "SELECT COUNT(*) FROM link_codes").await, 1);
    assert_eq!(count(store, "SELECT COUNT(*) FROM export_links").await, 1);
    assert_eq!(export_files(exports.path()), 2);

    // The owner unlinks WhatsApp.
    tg.send("/unlink 2").await;
    assert_eq!(
        tg.press("Yes, unlink").await,
        "WhatsApp +49…678 is unlinked: it no longer sees anything of this account."
    );
    assert_eq!(count(store, "SELECT COUNT(*) FROM link_codes").await, 0);
    assert_eq!(count(store, "SELECT COUNT(*) FROM export_links").await, 0);
    assert_eq!(count(store, pending_to_wa).await, 0);
    assert!(
        count(
            store,
            "SELECT COUNT(*) FROM outbox WHERE status = 'dropped' AND error = 'the chat was unlinked'"
        )
        .await
            >= 2
    );
    assert_eq!(export_files(exports.path()), 0, "both exports are deleted");

    // The code WhatsApp got while linked no longer works from another Telegram account.
    let mut attacker = Chat::new(&engine, "6666");
    assert_eq!(
        attacker.send(&format!("/link {code}")).await,
        common::first_reply(
            "That link code is unknown or expired. Send /link here to get a new one."
        )
    );
    assert!(!attacker.send("/contacts").await.contains("Anna"));
    assert_eq!(users(&tg).await, 3);
}

/// Migration 0017 on a database at 0016: in an account with several chats, the chat created
/// with the user (same `created_at`) stays the original (`linked_at` NULL) even when a
/// linked chat is older; every other chat of it counts as linked, all at the same time (so
/// each may unlink only itself); a lone chat stays NULL, and an account whose original
/// chat left has no original.
async fn upgrading_keeps_the_original_chat_of_linked_accounts(db: TestDb) {
    use chatcrm::store::{Backend, Store};
    let store = Store::connect(&db.config()).await.unwrap();
    let folder = match db.backend {
        Backend::Sqlite => "migrations/sqlite",
        Backend::Postgres => "migrations/postgres",
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let migrator = sqlx::migrate::Migrator::new(path).await.unwrap();
    migrator.run_to(16, store.pool()).await.unwrap();
    let user = |name: &'static str, created_at: i64| {
        let pool = store.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO users (display_name, locale, created_at, audit_pseudonym)
                 VALUES ($1, 'en', $2, $1) RETURNING id",
            )
            .bind(name)
            .bind(created_at)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let identity = |user_id: i64, external_id: &'static str, created_at: i64| {
        let pool = store.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO identities (user_id, channel, external_id, chat_id, created_at)
                 VALUES ($1, 'console', $2, $2, $3) RETURNING id",
            )
            .bind(user_id)
            .bind(external_id)
            .bind(created_at)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let owner = user("owner", 1_000).await;
    let original = identity(owner, "original", 1_000).await;
    let older_linked = identity(owner, "older", 500).await;
    let later_linked = identity(owner, "later", 2_000).await;
    let lone_user = user("lone", 3_000).await;
    let lone = identity(lone_user, "lone", 100).await;
    let orphaned = user("orphaned", 4_000).await;
    let left_a = identity(orphaned, "left-a", 50).await;
    let left_b = identity(orphaned, "left-b", 60).await;
    migrator.run(store.pool()).await.unwrap();

    let linked_at = |id: i64| {
        let pool = store.pool().clone();
        async move {
            sqlx::query_scalar::<_, Option<i64>>("SELECT linked_at FROM identities WHERE id = $1")
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(linked_at(original).await, None);
    assert_eq!(linked_at(lone).await, None);
    let marked = linked_at(older_linked).await;
    assert!(marked.is_some());
    for id in [later_linked, left_a, left_b] {
        assert_eq!(linked_at(id).await, marked);
    }
}
