//! Storage on both backends: ids are never reused (a new user inherits none of a deleted
//! user's audit trail or export quota, a new contact none of a deleted one's timeline), the
//! audit log names users by a random pseudonym, a record's files go with it (and orphans
//! with retention), and on Unix the database and exports are readable by the service's
//! account only. Upgrades of older databases are in `migrations`.

use crate::common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use chatcrm::clock::Clock;
use chatcrm::crm::{ContactId, RecordKind, WorkspaceId};
use chatcrm::engine::Engine;
use chatcrm::handlers::Settings;
use chatcrm::jobs::{self, Retention};
use chatcrm::message::{Channel, Payload};
use chatcrm::store::{Backend, Store, contacts, record_deletion};
use chrono::{TimeZone, Utc};
use common::{Chat, TestDb, count};
use serde_json::Value;

both_backends!(
    a_new_user_inherits_nothing_of_a_deleted_one,
    a_new_contact_has_no_old_timeline,
    files_go_with_their_record
);

/// A console user (the export reply names the file) on an engine writing exports to `dir`.
async fn engine_with_exports(db: &TestDb, dir: &Path) -> (Engine, Clock) {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
    let settings = Settings {
        export_dir: dir.to_path_buf(),
        ..Settings::default()
    };
    let engine = Engine::new(db.store().await, settings).with_clock(clock.clone());
    (engine, clock)
}

fn console(engine: &Engine, name: &str) -> Chat {
    let mut chat = Chat::new(engine, name);
    chat.channel = Channel::Console;
    chat
}

/// The path in "Your export is ready: PATH (N files, M records)".
fn export_path(reply: &str) -> PathBuf {
    let rest = reply
        .strip_prefix("Your export is ready: ")
        .unwrap_or_else(|| panic!("not an export: {reply}"));
    PathBuf::from(rest.rsplit_once(" (").unwrap().0)
}

/// Every entry of the ZIP at `path`, by name.
fn unzip(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut entries = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        entries.insert(entry.name().unwrap().to_string(), bytes);
    }
    entries
}

fn rows(entries: &BTreeMap<String, Vec<u8>>, name: &str) -> Vec<Value> {
    serde_json::from_slice(&entries[name]).unwrap()
}

async fn user_id(store: &Store, name: &str) -> chatcrm::crm::UserId {
    chatcrm::crm::UserId::new(
        sqlx::query_scalar("SELECT id FROM users WHERE display_name = $1")
            .bind(name)
            .fetch_one(store.pool())
            .await
            .unwrap(),
    )
}

async fn a_new_user_inherits_nothing_of_a_deleted_one(db: TestDb) {
    let exports = tempfile::tempdir().unwrap();
    let (engine, _clock) = engine_with_exports(&db, exports.path()).await;
    let store = engine.store().clone();
    let mut bob = console(&engine, "bob");
    bob.send("/start").await;
    bob.send("/consent").await;
    bob.press("Turn AI on").await;
    let bob_export = export_path(&bob.send("/export").await);
    let bob_file = bob_export
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let bob_id = user_id(&store, "bob").await;
    bob.send("/delete_account").await;
    assert!(
        bob.press("Delete my account")
            .await
            .starts_with("Your account and personal data were deleted.")
    );
    // Bob's audit trail stays, under his pseudonym.
    let kept = count(&store, "SELECT COUNT(*) FROM audit_log").await;
    assert!(kept >= 3, "{kept}");

    let mut amy = console(&engine, "amy");
    amy.send("/start").await;
    let amy_id = user_id(&store, "amy").await;
    assert!(
        amy_id > bob_id,
        "amy {amy_id} got an id at or below bob's {bob_id}"
    );
    // Bob's export does not count against Amy's quota: three exports today.
    let mut last = PathBuf::new();
    for i in 1..=3 {
        let reply = amy.send("/export").await;
        assert!(
            reply.starts_with("Your export is ready: "),
            "export {i}: {reply}"
        );
        last = export_path(&reply);
    }
    assert_eq!(
        amy.send("/export").await,
        "You can export your data at most 3 times a day. Please try again tomorrow."
    );
    let entries = unzip(&last);
    let profile = rows(&entries, "profile.json");
    let pseudonym = profile[0]["audit_pseudonym"].as_str().unwrap().to_string();
    assert!(
        pseudonym.starts_with("user:") && pseudonym.len() == 37,
        "{pseudonym}"
    );
    assert_ne!(pseudonym, format!("user:{amy_id}"));
    let audit = rows(&entries, "audit_log.json");
    assert!(!audit.is_empty());
    for entry in &audit {
        assert_eq!(entry["actor"], pseudonym.as_str(), "{entry}");
        let target = entry["target"].as_str().unwrap();
        assert!(!target.contains(&bob_file), "{entry}");
        assert!(
            !["consent.changed", "account.deleted"].contains(&entry["action"].as_str().unwrap()),
            "{entry}"
        );
    }
}

async fn a_new_contact_has_no_old_timeline(db: TestDb) {
    let engine = db.engine().await;
    let mut ann = console(&engine, "ann");
    ann.send("/start").await;
    ann.send("/new_contact Old Person, old@example.com").await;
    ann.send("/note C1 Old-note-marker").await;
    ann.send("/delete C1").await;
    assert_eq!(ann.press("Yes, delete").await, "C1 deleted.");
    ann.send("/new_contact New Person, new@example.com").await;
    let timeline = ann.send("/timeline C2").await;
    assert!(timeline.contains("created"), "{timeline}");
    assert!(!timeline.contains("deleted"), "{timeline}");
    assert!(!timeline.contains("Old-note-marker"), "{timeline}");
    assert_eq!(timeline.lines().count(), 2, "{timeline}");
}

async fn attach(chat: &mut Chat, file_name: &str, bytes: &[u8], caption: &str) -> String {
    chat.deliver(
        Payload::Document {
            file_name: file_name.into(),
            bytes: bytes.to_vec(),
            caption: caption.into(),
        },
        None,
    )
    .await
}

async fn files_go_with_their_record(db: TestDb) {
    let exports = tempfile::tempdir().unwrap();
    let (engine, clock) = engine_with_exports(&db, exports.path()).await;
    let store = engine.store().clone();
    let mut ann = console(&engine, "ann");
    ann.send("/start").await;
    ann.send("/new_contact Pia Passport, pia@example.com").await;
    ann.send("/new_contact Kim Keep, kim@example.com").await;
    let passport = b"%PDF passport-secret-4471";
    assert!(
        attach(&mut ann, "passport.pdf", passport, "C1")
            .await
            .starts_with("Attached passport.pdf")
    );
    assert!(
        attach(&mut ann, "keep.txt", b"keep-me", "C2")
            .await
            .starts_with("Attached keep.txt")
    );
    let before = unzip(&export_path(&ann.send("/export").await));
    assert!(
        before.keys().any(|k| k.ends_with("-passport.pdf")),
        "{:?}",
        before.keys()
    );

    ann.send("/delete C1").await;
    assert_eq!(ann.press("Yes, delete").await, "C1 deleted.");
    let names: Vec<String> = sqlx::query_scalar("SELECT file_name FROM files ORDER BY id")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(names, ["keep.txt"]);
    // Neither the user's export nor an administrator's (the same writer) holds it.
    let after = unzip(&export_path(&ann.send("/export").await));
    let ann_id = user_id(&store, "ann").await;
    let mut tx = store.begin().await.unwrap();
    let owner = chatcrm::privacy::export::Owner {
        user_id: ann_id,
        display_name: "ann",
        tz: chrono_tz::Tz::UTC,
    };
    let admin = chatcrm::privacy::export::write(
        &mut tx,
        owner,
        exports.path(),
        "chatcrm-export-admin.zip",
        clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    for entries in [after, unzip(&admin.path)] {
        assert!(
            entries.keys().any(|k| k.ends_with("-keep.txt")),
            "{:?}",
            entries.keys()
        );
        assert!(
            !entries.keys().any(|k| k.contains("passport")),
            "{:?}",
            entries.keys()
        );
        let files = rows(&entries, "files.json");
        assert_eq!(files.len(), 1);
        assert_eq!(files[0]["file_name"], "keep.txt");
        let everything: Vec<u8> = entries.values().flatten().copied().collect();
        assert!(!everything.windows(passport.len()).any(|w| w == passport));
    }

    // A file whose record is gone (left by an earlier version) goes with retention.
    let ws: i64 = sqlx::query_scalar("SELECT workspace_id FROM files")
        .fetch_one(store.pool())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO files (workspace_id, record_kind, record_id, file_name, size, content, created_at)
         VALUES ($1, 'contact', 999999, 'orphan.pdf', 3, $2, 1)",
    )
    .bind(ws)
    .bind(b"abc".to_vec())
    .execute(store.pool())
    .await
    .unwrap();
    assert_eq!(count(&store, "SELECT COUNT(*) FROM files").await, 2);
    let retention = Retention {
        export_dir: exports.path().to_path_buf(),
        ..Retention::default()
    };
    jobs::run_with(&store, &clock, &retention).await.unwrap();
    let names: Vec<String> = sqlx::query_scalar("SELECT file_name FROM files ORDER BY id")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(names, ["keep.txt"]);

    // The store deletes a contact (and its files) only inside the workspace it is given,
    // and says whether there was one.
    let (kim, ws): (i64, i64) =
        sqlx::query_as("SELECT id, workspace_id FROM contacts WHERE name = 'Kim Keep'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    let (kim, ws) = (ContactId::new(kim), WorkspaceId::new(ws));
    let elsewhere = WorkspaceId::new(ws.get() + 1000);
    let mut tx = store.begin().await.unwrap();
    let contact = RecordKind::Contact;
    assert!(
        !record_deletion::delete(&mut tx, elsewhere, contact, kim.into(), 0)
            .await
            .unwrap()
    );
    assert!(contacts::by_id(&mut tx, ws, kim).await.unwrap().is_some());
    assert!(
        contacts::by_id(&mut tx, elsewhere, kim)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        record_deletion::delete(&mut tx, ws, contact, kim.into(), 0)
            .await
            .unwrap()
    );
    assert!(
        !record_deletion::delete(&mut tx, ws, contact, kim.into(), 0)
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
    assert_eq!(count(&store, "SELECT COUNT(*) FROM files").await, 0);
}

/// The SQLite file, its -wal and -shm, its new folder, the export folder and the export
/// itself are private to the service's account.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn database_and_exports_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let db = TestDb {
        url: format!("sqlite://{}", data.join("chatcrm.db").display()),
        backend: Backend::Sqlite,
        dir: None,
    };
    let exports = root.path().join("exports");
    let (engine, _clock) = engine_with_exports(&db, &exports).await;
    let mut ann = console(&engine, "ann");
    ann.send("/start").await;
    let zip = export_path(&ann.send("/export").await);
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700, "data folder");
    assert_eq!(mode(&exports), 0o700, "export folder");
    for file in ["chatcrm.db", "chatcrm.db-wal", "chatcrm.db-shm"] {
        assert_eq!(mode(&data.join(file)), 0o600, "{file}");
    }
    assert_eq!(mode(&zip), 0o600, "export");
    engine.store().close().await;

    // A database an older version left readable by others is narrowed when opened again.
    for file in ["chatcrm.db", "chatcrm.db-wal", "chatcrm.db-shm"] {
        let path = data.join(file);
        if path.exists() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    let store = db.store().await;
    for file in ["chatcrm.db", "chatcrm.db-wal", "chatcrm.db-shm"] {
        let path = data.join(file);
        if path.exists() {
            assert_eq!(mode(&path), 0o600, "{file} after reopening");
        }
    }
    assert_eq!(mode(&data.join("chatcrm.db")), 0o600);
    store.close().await;
}
