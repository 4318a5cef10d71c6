//! Upgrading a database on both backends: one at migration 10 upgrades with its rows
//! intact (the audit log moves to pseudonyms), and a SQLite rebuild that ran but was not
//! recorded is not run again.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use chatcrm::engine::Engine;
use chatcrm::handlers::Settings;
use chatcrm::store::{Backend, Store};
use common::{TestDb, count};

both_backends!(upgrade_from_0010_keeps_rows_and_moves_audit_to_pseudonyms);

async fn insert_id(store: &Store, sql: &str, binds: &[&str]) -> i64 {
    let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()));
    for b in binds {
        query = query.bind(b.to_string());
    }
    query.fetch_one(store.pool()).await.unwrap()
}

async fn exec(store: &Store, sql: String) {
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .execute(store.pool())
        .await
        .unwrap();
}

/// What SQLite says about every table (columns, foreign keys), index and trigger: the
/// rebuild must change nothing but the keys' AUTOINCREMENT (and add the pseudonym).
async fn sqlite_shape(store: &Store) -> BTreeMap<String, String> {
    let objects: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    let mut shape = BTreeMap::new();
    for (kind, name, sql) in objects {
        let described = if kind == "table" && !name.contains("_fts") {
            let columns: Vec<(String, String, i64, Option<String>, i64)> = sqlx::query_as(
                "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($1)",
            )
            .bind(&name)
            .fetch_all(store.pool())
            .await
            .unwrap();
            let keys: Vec<(String, String, String, String, String)> = sqlx::query_as(
                "SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list($1)",
            )
            .bind(&name)
            .fetch_all(store.pool())
            .await
            .unwrap();
            let checks = sql.unwrap_or_default().matches("CHECK").count();
            format!("{columns:?} {keys:?} checks:{checks}")
        } else {
            sql.unwrap_or_default()
        };
        shape.insert(format!("{kind} {name}"), described);
    }
    shape
}

async fn upgrade_from_0010_keeps_rows_and_moves_audit_to_pseudonyms(db: TestDb) {
    let store = Store::connect(&db.config()).await.unwrap();
    let folder = match db.backend {
        Backend::Sqlite => "migrations/sqlite",
        Backend::Postgres => "migrations/postgres",
    };
    let migrator = sqlx::migrate::Migrator::new(Path::new(env!("CARGO_MANIFEST_DIR")).join(folder))
        .await
        .unwrap();
    migrator.run_to(10, store.pool()).await.unwrap();

    let ws = insert_id(
        &store,
        "INSERT INTO workspaces (name, kind, created_at) VALUES ('W', 'personal', 1) RETURNING id",
        &[],
    )
    .await;
    let user = |name: &'static str| {
        let store = store.clone();
        async move {
            insert_id(&store, &format!("INSERT INTO users (display_name, locale, current_workspace_id, created_at) VALUES ($1, 'en', {ws}, 1) RETURNING id"), &[name]).await
        }
    };
    let bob = user("bob").await;
    let amy = user("amy").await;
    let zed = user("zed").await;
    exec(&store, format!("INSERT INTO identities (user_id, channel, external_id, chat_id, created_at) VALUES ({bob}, 'console', 'bob', 'bob', 1)")).await;
    exec(&store, format!("INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES ({ws}, {bob}, 'owner', 1), ({ws}, {amy}, 'member', 1)")).await;
    let contact = |name: &'static str, no: i64| {
        let store = store.clone();
        async move {
            insert_id(&store, &format!("INSERT INTO contacts (workspace_id, handle_no, name, search_key, created_by, created_at, updated_at) VALUES ({ws}, {no}, $1, $1, {bob}, 1, 1) RETURNING id"), &[name]).await
        }
    };
    let anna = contact("anna", 1).await;
    let _boris = contact("boris", 2).await;
    let cleo = contact("cleo", 3).await;
    exec(&store, format!("INSERT INTO notes (workspace_id, handle_no, record_kind, record_id, body, search_key, created_at) VALUES ({ws}, 1, 'contact', {anna}, 'hello', 'hello', 1)")).await;
    for (id, name) in [(anna, "anna.pdf"), (cleo, "cleo.pdf")] {
        exec(&store, format!("INSERT INTO files (workspace_id, record_kind, record_id, file_name, size, content, created_at) VALUES ({ws}, 'contact', {id}, '{name}', 1, 'x', 1)")).await;
    }
    for (actor, action, target) in [
        (format!("user:{bob}"), "consent.changed", String::new()),
        (
            format!("user:{amy}"),
            "export.requested",
            "f.zip".to_string(),
        ),
        (
            format!("user:{bob}"),
            "role.changed",
            format!("workspace:{ws} user:{amy} role:admin"),
        ),
        (
            format!("user:{zed}"),
            "account.deleted",
            format!("user:{zed}"),
        ),
    ] {
        sqlx::query(
            "INSERT INTO audit_log (actor, action, target, created_at) VALUES ($1, $2, $3, 1)",
        )
        .bind(actor)
        .bind(action)
        .bind(target)
        .execute(store.pool())
        .await
        .unwrap();
    }
    // Deleted before the upgrade: the user and contact with the largest ids.
    exec(&store, format!("DELETE FROM users WHERE id = {zed}")).await;
    exec(&store, format!("DELETE FROM contacts WHERE id = {cleo}")).await;
    exec(&store, format!("INSERT INTO activities (workspace_id, record_kind, record_id, action, created_at) VALUES ({ws}, 'contact', {cleo}, 'deleted', 1)")).await;
    // Migration 11 (access control) changes other tables; the shape is compared across the
    // rebuild (12) and the file clean-up (13), then the rest is applied.
    migrator.run_to(11, store.pool()).await.unwrap();
    let shape = match db.backend {
        Backend::Sqlite => Some(sqlite_shape(&store).await),
        Backend::Postgres => None,
    };

    migrator.run_to(13, store.pool()).await.unwrap();

    for (sql, expected) in [
        ("SELECT COUNT(*) FROM users", 2),
        ("SELECT COUNT(*) FROM identities", 1),
        ("SELECT COUNT(*) FROM memberships", 2),
        ("SELECT COUNT(*) FROM contacts", 2),
        ("SELECT COUNT(*) FROM notes", 1),
        ("SELECT COUNT(*) FROM activities", 1),
        ("SELECT COUNT(*) FROM audit_log", 4),
        ("SELECT COUNT(DISTINCT audit_pseudonym) FROM users", 2),
    ] {
        assert_eq!(count(&store, sql).await, expected, "{sql}");
    }
    // Cleo's file lost its record before the upgrade: it is gone; Anna's stays.
    let files: Vec<String> = sqlx::query_scalar("SELECT file_name FROM files")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(files, ["anna.pdf"]);
    let pseudonym = |id: i64| {
        let store = store.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT audit_pseudonym FROM users WHERE id = $1")
                .bind(id)
                .fetch_one(store.pool())
                .await
                .unwrap()
        }
    };
    let (bob_p, amy_p) = (pseudonym(bob).await, pseudonym(amy).await);
    for p in [&bob_p, &amy_p] {
        assert!(p.starts_with("user:") && p.len() == 37, "{p}");
    }
    let audit: Vec<(String, String, String)> =
        sqlx::query_as("SELECT actor, action, target FROM audit_log ORDER BY id")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert_eq!(
        audit,
        [
            (bob_p.clone(), "consent.changed".into(), String::new()),
            (amy_p.clone(), "export.requested".into(), "f.zip".into()),
            (
                bob_p.clone(),
                "role.changed".into(),
                format!("workspace:{ws} {amy_p} role:admin")
            ),
            (
                format!("user:{zed}"),
                "account.deleted".into(),
                format!("user:{zed}")
            ),
        ]
    );
    // New rows get ids above every id used before, deleted ones included.
    let new_user = insert_id(
        &store,
        &format!("INSERT INTO users (display_name, locale, current_workspace_id, created_at, audit_pseudonym) VALUES ('eve', 'en', {ws}, 1, 'user:eve') RETURNING id"),
        &[],
    )
    .await;
    assert!(new_user > zed, "{new_user} <= {zed}");
    let new_contact = contact("dora", 4).await;
    assert!(new_contact > cleo, "{new_contact} <= {cleo}");

    if let Some(before) = shape {
        // Foreign keys are on again, nothing dangles, and search still finds old and new rows.
        assert_eq!(count(&store, "PRAGMA foreign_keys").await, 1);
        assert_eq!(
            count(&store, "SELECT COUNT(*) FROM pragma_foreign_key_check").await,
            0
        );
        assert_eq!(
            count(
                &store,
                "SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"
            )
            .await,
            0
        );
        for word in ["boris", "dora"] {
            let found: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM contacts_fts WHERE contacts_fts MATCH $1")
                    .bind(word)
                    .fetch_one(store.pool())
                    .await
                    .unwrap();
            assert_eq!(found, 1, "{word}");
        }
        assert_eq!(
            count(&store, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%'").await,
            13
        );
        // A cascade still works: deleting the workspace takes its contacts.
        exec(&store, format!("DELETE FROM workspaces WHERE id = {ws}")).await;
        assert_eq!(count(&store, "SELECT COUNT(*) FROM contacts").await, 0);
        let mut after = sqlite_shape(&store).await;
        let users = after.get_mut("table users").unwrap();
        let extra = r#", ("audit_pseudonym", "TEXT", 1, None, 0)]"#;
        assert!(users.contains(extra), "{users}");
        *users = users.replacen(extra, "]", 1);
        assert!(after.remove("index users_audit_pseudonym_key").is_some());
        after.retain(|k, _| before.contains_key(k) || k.starts_with("table _sqlx"));
        assert_eq!(before, after);
    }
    // The later migrations apply on top, and the store opens as usual.
    store.migrate().await.unwrap();
}

/// Migration 12 runs outside a transaction: a process stopped after its commit but before
/// sqlx recorded it must not make every later start fail rebuilding the tables again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rebuild_that_was_not_recorded_is_not_run_again() {
    let db = TestDb::sqlite();
    let store = db.store().await;
    let mut anna = common::Chat::new(&Engine::new(store.clone(), Settings::default()), "anna");
    anna.send("/new_contact Anna Petrova, anna@example.com")
        .await;
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 12")
        .execute(store.pool())
        .await
        .unwrap();
    store.close().await;

    let store = db.store().await;
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM _sqlx_migrations WHERE version = 12"
        )
        .await,
        1
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM contacts").await, 1);
    let (shipped, applied) = store.migration_status().await.unwrap();
    assert_eq!(shipped, applied);
    store.close().await;
}
