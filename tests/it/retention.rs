//! Retention on both backends: processed update ids go after 7 days, abandoned dialogues
//! after 30, used or expired invite and link codes at once, delivered (sent, failed or
//! dropped) messages after 7 but never a waiting one, and export files (finished or
//! half-written) once older than an export link may live.

use crate::common;

use chatcrm::clock::Clock;
use chatcrm::jobs::{self, Retention};
use chrono::{DateTime, Duration, TimeZone, Utc};
use common::{Chat, TestDb, count};

both_backends!(
    short_lived_data_is_purged,
    stale_export_files_are_removed,
    the_purge_counts_what_it_removed
);

async fn short_lived_data_is_purged(db: TestDb) {
    let start = Utc.with_ymd_and_hms(2026, 11, 1, 10, 0, 0).unwrap();
    let clock = Clock::manual(start);
    let engine = db.engine_at(&clock).await;
    let store = engine.store().clone();
    let mut rae = Chat::new(&engine, "rae");
    rae.send("/start").await;
    rae.send("/invite").await;
    rae.send("/link").await;
    rae.send("/new_contact").await; // a dialogue left waiting for the name
    // Rows stamped with the real time would not age with the manual clock: stamp them now.
    let now = start.timestamp_millis();
    for sql in [
        "UPDATE processed_inbound SET processed_at = $1",
        "UPDATE dialogues SET updated_at = $1",
    ] {
        sqlx::query(sql)
            .bind(now)
            .execute(store.pool())
            .await
            .unwrap();
    }
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM processed_inbound").await,
        4
    );
    // Messages in every final state, and one still waiting, all written now.
    for status in ["sent", "failed", "dropped", "pending"] {
        sqlx::query(
            "INSERT INTO outbox (channel, chat_id, body, status, next_attempt_at, created_at)
             VALUES ('telegram', 'rae', '{\"text\":\"hi\"}', $1, $2, $2)",
        )
        .bind(status)
        .bind(now)
        .execute(store.pool())
        .await
        .unwrap();
    }
    let outbox = "SELECT COUNT(*) FROM outbox";
    let exports = tempfile::tempdir().unwrap();
    let retention = Retention {
        export_dir: exports.path().to_path_buf(),
        ..Retention::default()
    };

    clock.advance(Duration::days(1));
    jobs::run_with(&store, &clock, &retention).await.unwrap();
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM link_codes").await,
        0,
        "link codes expire in 10 minutes"
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM invites").await,
        1,
        "invites last 72 hours"
    );

    clock.advance(Duration::days(5));
    jobs::run_with(&store, &clock, &retention).await.unwrap();
    assert_eq!(count(&store, "SELECT COUNT(*) FROM invites").await, 0);
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM processed_inbound").await,
        4,
        "kept for 7 days"
    );
    assert_eq!(count(&store, outbox).await, 4, "delivered messages: 7 days");

    clock.advance(Duration::days(2));
    jobs::run_with(&store, &clock, &retention).await.unwrap();
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM processed_inbound").await,
        0
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM dialogues").await, 1);
    let left: Vec<String> = sqlx::query_scalar("SELECT status FROM outbox")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(
        left,
        ["pending"],
        "a message not yet delivered is never purged"
    );

    clock.advance(Duration::days(23));
    jobs::run_with(&store, &clock, &retention).await.unwrap();
    assert_eq!(count(&store, "SELECT COUNT(*) FROM dialogues").await, 0);
    // The records themselves are never purged.
    assert_eq!(count(&store, "SELECT COUNT(*) FROM users").await, 1);
}

/// A file's modification time is the real time, so this test runs on the real clock and
/// back-dates the files instead.
async fn stale_export_files_are_removed(db: TestDb) {
    let engine = db.engine().await;
    let store = engine.store().clone();
    let exports = tempfile::tempdir().unwrap();
    let write = |name: &str, age_hours: u64| {
        let path = exports.path().join(name);
        let file = std::fs::File::create(&path).unwrap();
        let modified =
            std::time::SystemTime::now() - std::time::Duration::from_secs(age_hours * 3600);
        file.set_modified(modified).unwrap();
        path
    };
    let undelivered = write("chatcrm-export-5-20261101T100000000Z-0000abcd.zip", 25);
    let half_written = write(
        ".chatcrm-export-5-20261101T100000000Z-0000abce.zip.part",
        30,
    );
    let waiting = write("chatcrm-export-5-20261102T100000000Z-0000abcf.zip", 23);
    let unrelated = write("notes.txt", 1000);
    let retention = Retention {
        export_dir: exports.path().to_path_buf(),
        ..Retention::default()
    };
    assert_eq!(retention.export_hours, 24);
    jobs::run_with(&store, &Clock::system(), &retention)
        .await
        .unwrap();
    assert!(!undelivered.exists(), "an export older than 24 hours goes");
    assert!(!half_written.exists(), "so does a half-written one");
    assert!(waiting.exists(), "a younger export waits for its delivery");
    assert!(unrelated.exists(), "only export files are touched");
}

/// One purge at the real time (export files age by their real modification time): wrong
/// link codes are remembered for an hour, a file whose record is gone goes, an expired
/// export link goes with its file, a stale export file goes; the purge counts each.
async fn the_purge_counts_what_it_removed(db: TestDb) {
    let engine = db.engine().await;
    let store = engine.store().clone();
    let mut rae = Chat::new(&engine, "rae");
    rae.send("/new_contact Kim Keep, kim@example.com").await;
    let (identity, user): (i64, i64) = sqlx::query_as("SELECT id, user_id FROM identities")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let (ws, contact): (i64, i64) = sqlx::query_as("SELECT workspace_id, id FROM contacts")
        .fetch_one(store.pool())
        .await
        .unwrap();
    // Whole seconds, so that a file's modification time can be exactly `now - 24 h`.
    let now = DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap();
    let ms = now.timestamp_millis();
    let minute = 60_000;
    for at in [ms - 61 * minute, ms - 59 * minute] {
        sqlx::query("INSERT INTO link_attempts (identity_id, attempted_at) VALUES ($1, $2)")
            .bind(identity)
            .bind(at)
            .execute(store.pool())
            .await
            .unwrap();
    }
    for (record_id, name) in [(contact, "kept.pdf"), (999_999, "orphan.pdf")] {
        sqlx::query(
            "INSERT INTO files (workspace_id, record_kind, record_id, file_name, size, content, created_at)
             VALUES ($1, 'contact', $2, $3, 3, $4, $5)",
        )
        .bind(ws)
        .bind(record_id)
        .bind(name)
        .bind(b"abc".to_vec())
        .bind(ms)
        .execute(store.pool())
        .await
        .unwrap();
    }
    let exports = tempfile::tempdir().unwrap();
    let write = |name: &str, age_hours: u64| {
        let path = exports.path().join(name);
        let file = std::fs::File::create(&path).unwrap();
        let modified =
            std::time::SystemTime::now() - std::time::Duration::from_secs(age_hours * 3600);
        file.set_modified(modified).unwrap();
        path
    };
    let expired = write("chatcrm-export-1-expired.zip", 2);
    let live = write("chatcrm-export-1-live.zip", 0);
    let stale = write("chatcrm-export-1-stale.zip", 25);
    // Exactly as old as an export may live: not yet stale.
    let edge = exports.path().join("chatcrm-export-1-edge.zip");
    std::fs::File::create(&edge)
        .unwrap()
        .set_modified((now - Duration::hours(24)).into())
        .unwrap();
    for (token, file, expires_at) in [
        (
            "expired-token",
            "chatcrm-export-1-expired.zip",
            ms - 60 * minute,
        ),
        ("live-token", "chatcrm-export-1-live.zip", ms + 60 * minute),
    ] {
        sqlx::query(
            "INSERT INTO export_links (token, user_id, file_name, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token)
        .bind(user)
        .bind(file)
        .bind(ms - 120 * minute)
        .bind(expires_at)
        .execute(store.pool())
        .await
        .unwrap();
    }
    let retention = Retention {
        export_dir: exports.path().to_path_buf(),
        ..Retention::default()
    };
    let purged = jobs::retention::purge(&store, &retention, now)
        .await
        .unwrap();
    assert_eq!(
        purged,
        1 + 1 + 1 + 1,
        "a link attempt, an orphaned file, an export link and a stale export file"
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM link_attempts").await, 1);
    let files: Vec<String> = sqlx::query_scalar("SELECT file_name FROM files")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(files, ["kept.pdf"]);
    let links: Vec<String> = sqlx::query_scalar("SELECT token FROM export_links")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(links, ["live-token"]);
    assert!(!expired.exists() && !stale.exists() && live.exists() && edge.exists());
    // Nothing else was due: the processed updates and the contact stay.
    assert_eq!(
        jobs::retention::purge(&store, &retention, now)
            .await
            .unwrap(),
        0
    );
    assert!(count(&store, "SELECT COUNT(*) FROM processed_inbound").await > 0);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM contacts").await, 1);
}
