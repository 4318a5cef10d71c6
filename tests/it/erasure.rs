//! /delete_account on both backends: the owner rule, then erasure verified in the storage
//! itself — on SQLite by reading the raw database files (main, -wal, -shm) as bytes, on
//! PostgreSQL by searching every text column of every table — while the records the user
//! created in a team workspace stay with the team, authored by "deleted user"; and one chat
//! cannot delete account after account (each deletion scrubs the whole database).

use crate::common;
use crate::common::join_command;

use chatcrm::message::Channel;
use chatcrm::store::Backend;
use common::{Chat, TestDb, count};

both_backends!(
    deletion_leaves_no_trace_of_the_user,
    one_chat_deletes_at_most_two_accounts_an_hour
);

/// Every personal value seeded below contains this token (in some case or other).
const MARKER: &str = "qzx7marker";

async fn deletion_leaves_no_trace_of_the_user(db: TestDb) {
    // AI is configured: Zed's capture (request, card) is erased with him too.
    let ai = common::ai::Ai::start(&db).await;
    common::ai::always(
        &ai.fake,
        serde_json::json!({"contact": {"name": "Capture Qzx7Marker"}, "note": "Qzx7Marker card note"}),
        50,
    );
    let engine = ai.engine.clone();
    let store = engine.store().clone();
    let mut olga = Chat::new(&engine, "Olga");
    let mut zed = Chat::new(&engine, "Zed Qzx7Marker");
    zed.channel = Channel::Console;
    zed.send("/start").await;
    zed.send("/timezone Europe/Berlin").await;
    zed.send("/new_contact Anna Qzx7Marker, +49 151 70707070, anna.qzx7marker@example.com, Buyer Qzx7Marker").await;
    zed.send("/new_company Qzx7Marker GmbH, qzx7marker.com")
        .await;
    zed.send("/edit C1 company O1").await;
    zed.send("/new_deal Qzx7Marker renewal, 999 EUR, C1").await;
    zed.send("/note C1 Qzx7Marker prefers email").await;
    zed.send("/task C1 call Qzx7Marker back tomorrow 10:00")
        .await;
    zed.send("/consent").await;
    zed.press("Turn AI on").await;
    zed.send("met Capture Qzx7Marker today").await;
    let card = ai.answers(&mut zed).await;
    assert!(card.contains("Capture Qzx7Marker"), "{card}");
    zed.press("Cancel").await;
    zed.send("met Second Qzx7Marker, waiting card").await;
    ai.answers(&mut zed).await;
    assert_eq!(count(&store, "SELECT COUNT(*) FROM ai_requests").await, 2);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM ai_proposals").await, 2);
    zed.send("/link").await;
    zed.send("/invite").await;
    // Zed also works in Olga's team workspace; what he creates there stays with the team.
    let invite = olga.send("/invite").await;
    zed.send(&join_command(&invite)).await;
    zed.send("/new_contact TeamKeep Contact, keep@team.example")
        .await;
    // A flow left unfinished, holding a typed name.
    zed.send("/new_contact").await;
    zed.send("Dialog Qzx7Marker").await;

    // The marker is really there before the deletion (so the search below can see it).
    assert!(!traces(&db, &store).await.is_empty());

    // The owner of a team workspace with other members must hand it over first.
    assert!(
        olga.send("/delete_account")
            .await
            .starts_with("You own the team workspace “Olga”")
    );

    let explain = zed.send("/delete_account").await;
    assert!(
        explain.contains("Records you created in team workspaces stay with the team"),
        "{explain}"
    );
    assert_eq!(zed.labels(), ["Delete my account", "Cancel"]);
    let done = zed.press("Delete my account").await;
    assert_eq!(
        done,
        "Your account and personal data were deleted. If you write again, you start a new account."
    );

    // The team keeps its record, authored by nobody; Olga's timeline shows "deleted user".
    let kept: Vec<(String, Option<i64>)> = sqlx::query_as("SELECT name, created_by FROM contacts")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(kept, [("TeamKeep Contact".to_string(), None)]);
    assert!(
        olga.send("/timeline C1")
            .await
            .contains("deleted user: created")
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM users").await, 1);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM ai_requests").await, 0);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM ai_proposals").await, 0);
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'account.deleted'"
        )
        .await,
        1
    );

    assert_eq!(traces(&db, &store).await, Vec::<String>::new());
    if db.backend == Backend::Postgres {
        // Every table that can hold personal data was vacuumed (attached files included).
        let vacuumed: Vec<String> = sqlx::query_scalar(
            "SELECT CAST(relname AS TEXT) FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL",
        )
        .fetch_all(store.pool())
        .await
        .unwrap();
        let missed: Vec<&str> = chatcrm::privacy::registry::personal()
            .filter(|t| !vacuumed.iter().any(|v| v == t))
            .collect();
        assert!(missed.is_empty(), "not vacuumed: {missed:?}");
        assert!(vacuumed.iter().any(|v| v == "files"), "{vacuumed:?}");
    }

    // The next message from the same chat is a new user, who is shown the terms again.
    assert_eq!(
        zed.send("/contacts").await,
        common::first_reply("You have no contacts yet. Add one with /new_contact.")
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM users").await, 2);
}

/// Where the user's marker or phone can still be found: SQLite file names, or PostgreSQL
/// `table.column` names.
async fn traces(db: &TestDb, store: &chatcrm::store::Store) -> Vec<String> {
    let mut found = Vec::new();
    match db.backend {
        Backend::Sqlite => {
            let main = db.sqlite_path();
            for suffix in ["", "-wal", "-shm"] {
                let path = format!("{}{suffix}", main.display());
                let Ok(bytes) = std::fs::read(&path) else {
                    continue;
                };
                let lower = bytes.to_ascii_lowercase();
                if lower.windows(MARKER.len()).any(|w| w == MARKER.as_bytes())
                    || bytes.windows(13).any(|w| w == b"4915170707070")
                {
                    found.push(path);
                }
            }
        }
        Backend::Postgres => {
            let columns: Vec<(String, String)> = sqlx::query_as(
                "SELECT table_name::text, column_name::text FROM information_schema.columns
                 WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')",
            )
            .fetch_all(store.pool())
            .await
            .unwrap();
            assert!(columns.len() > 30);
            for (table, column) in columns {
                let sql = format!(
                    "SELECT COUNT(*) FROM {table} WHERE LOWER({column}) LIKE '%{MARKER}%' OR {column} LIKE '%70707070%'"
                );
                let hits: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .fetch_one(store.pool())
                    .await
                    .unwrap();
                if hits > 0 {
                    found.push(format!("{table}.{column}"));
                }
            }
        }
    }
    found
}

async fn one_chat_deletes_at_most_two_accounts_an_hour(db: TestDb) {
    let engine = db.engine().await;
    let store = engine.store().clone();
    let mut kim = Chat::new(&engine, "Kim");
    for _ in 0..2 {
        kim.send("/new_contact Lead of Kim, lead@example.com").await;
        kim.send("/delete_account").await;
        assert!(
            kim.press("Delete my account")
                .await
                .starts_with("Your account and personal data were deleted.")
        );
    }
    let created = kim.send("/new_contact Lead of Kim, lead@example.com").await;
    assert!(created.contains("C1"), "{created}");
    kim.send("/delete_account").await;
    let refused = kim.press("Delete my account").await;
    assert!(
        refused.starts_with(
            "One chat can delete at most 2 accounts an hour, and nothing was deleted now. Please try again in "
        ),
        "{refused}"
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM users").await, 1);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM contacts").await, 1);
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'account.deleted'"
        )
        .await,
        2
    );

    // Another chat is not held back by Kim's.
    let mut lee = Chat::new(&engine, "Lee");
    lee.send("/delete_account").await;
    assert!(
        lee.press("Delete my account")
            .await
            .starts_with("Your account and personal data were deleted.")
    );
}
