//! Time comes from the injected clock everywhere: what the store stamps (records, outbox
//! rows, processed update ids) follows a manual clock, so moving it moves retention too,
//! a sender's retry waits for the clock, not for the wall clock, and so does the hourly
//! limit on account deletions.

use crate::common;

use chatcrm::clock::Clock;
use chatcrm::jobs;
use chatcrm::message::Payload;
use chatcrm::server::Server;
use chatcrm::store::outbox;
use chrono::{Duration, TimeZone, Utc};
use common::fake_telegram::{self as tg, FakeTelegram};
use common::whatsapp::eventually;
use common::{Chat, TestDb, count};
use serde_json::json;

both_backends!(
    stored_times_follow_the_manual_clock,
    a_telegram_retry_waits_for_the_manual_clock,
    the_deletion_limit_passes_on_the_manual_clock
);

async fn stored_times_follow_the_manual_clock(db: TestDb) {
    let start = Utc.with_ymd_and_hms(2020, 1, 6, 10, 0, 0).unwrap();
    let clock = Clock::manual(start);
    let engine = db.engine_at(&clock).await;
    let store = engine.store();
    let mut ada = Chat::new(&engine, "ada");
    let reply = ada.send("/new_company Acme, acme.example").await;
    assert!(reply.starts_with("Saved O1."), "{reply}");
    let created: i64 = sqlx::query_scalar("SELECT created_at FROM companies")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(
        created,
        start.timestamp_millis(),
        "the company's created_at"
    );

    let update = ada.inbound(Payload::Text("/help".into()), Some("clock-1".into()));
    assert!(engine.handle_into_outbox(&update).await.unwrap() > 0);
    let rows: Vec<(i64, i64)> = sqlx::query_as("SELECT id, created_at FROM outbox ORDER BY id")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert!(!rows.is_empty());
    for (_, created_at) in &rows {
        assert_eq!(
            *created_at,
            start.timestamp_millis(),
            "an outbox row's created_at"
        );
    }

    clock.advance(Duration::hours(2));
    let mut tx = store.begin().await.unwrap();
    for (id, _) in &rows {
        assert!(
            outbox::mark_sent(&mut tx, chatcrm::crm::OutboxId::new(*id), None)
                .await
                .unwrap()
        );
    }
    tx.commit().await.unwrap();
    let sent_at: i64 = sqlx::query_scalar("SELECT MAX(sent_at) FROM outbox")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(sent_at, (start + Duration::hours(2)).timestamp_millis());

    // Retention keeps delivered messages and processed update ids for 7 days: six days on
    // they are kept, eight days on they are gone.
    clock.advance(Duration::days(6));
    jobs::run_once(store, &clock).await.unwrap();
    assert_eq!(
        count(store, "SELECT COUNT(*) FROM outbox").await,
        rows.len() as i64
    );
    assert!(count(store, "SELECT COUNT(*) FROM processed_inbound").await > 0);
    clock.advance(Duration::days(2));
    jobs::run_once(store, &clock).await.unwrap();
    assert_eq!(count(store, "SELECT COUNT(*) FROM outbox").await, 0);
    assert_eq!(
        count(store, "SELECT COUNT(*) FROM processed_inbound").await,
        0
    );
}

async fn a_telegram_retry_waits_for_the_manual_clock(db: TestDb) {
    let start = Utc.with_ymd_and_hms(2020, 1, 6, 10, 0, 0).unwrap();
    let clock = Clock::manual(start);
    let fake = FakeTelegram::start().await;
    let config = fake.config();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = Server::start(&config, db.engine_at(&clock).await, listener)
        .await
        .expect("server starts");
    let store = db.store().await;
    fake.script(
        "sendMessage",
        429,
        json!({ "ok": false, "error_code": 429, "description": "Too Many Requests: retry after 5", "parameters": { "retry_after": 5 } }),
    );
    fake.push(tg::text(1, 902, "/help"));
    let retried = "SELECT COUNT(*) FROM outbox WHERE attempts = 1 AND status = 'pending'";
    eventually(5, "the refused reply to be rescheduled", || async {
        count(&store, retried).await == 1
    })
    .await;
    let next: i64 = sqlx::query_scalar("SELECT next_attempt_at FROM outbox WHERE attempts = 1")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(
        next,
        start.timestamp_millis() + 5_000,
        "retry_after on the clock"
    );

    // Five seconds later on the clock the reply goes.
    clock.advance(Duration::seconds(6));
    eventually(5, "the retried reply", || async {
        count(
            &store,
            "SELECT COUNT(*) FROM outbox WHERE status = 'pending'",
        )
        .await
            == 0
    })
    .await;
    assert!(count(&store, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await > 0);
    server.stop().await;
}

async fn the_deletion_limit_passes_on_the_manual_clock(db: TestDb) {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2020, 1, 6, 10, 0, 0).unwrap());
    let engine = db.engine_at(&clock).await;
    let mut kim = Chat::new(&engine, "Kim");
    let deleted = "Your account and personal data were deleted.";
    for _ in 0..2 {
        kim.send("/delete_account").await;
        let reply = kim.press("Delete my account").await;
        assert!(reply.starts_with(deleted), "{reply}");
    }
    kim.send("/delete_account").await;
    let refused = kim.press("Delete my account").await;
    assert!(
        refused.starts_with("One chat can delete at most 2 accounts an hour"),
        "{refused}"
    );
    // An hour later on the clock the chat may delete again.
    clock.advance(Duration::minutes(61));
    kim.send("/delete_account").await;
    let reply = kim.press("Delete my account").await;
    assert!(reply.starts_with(deleted), "{reply}");
}
