//! Reminders and the daily digest against a controllable clock, on both backends: a
//! reminder when a task falls due, never twice (also across a restart and with two
//! instances at once), none for done tasks, and one digest a day at the user's 09:00.

use crate::common;

use chatcrm::clock::Clock;
use chatcrm::jobs;
use chrono::{Duration, TimeZone, Utc};
use common::{Chat, TestDb, count};

both_backends!(
    reminders_fall_due_once,
    the_digest_comes_at_nine_local_time,
    a_missed_digest_goes_out_until_noon_only
);

/// The outbox messages so far, oldest first.
async fn outbox(engine: &chatcrm::engine::Engine) -> Vec<String> {
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM outbox ORDER BY id")
        .fetch_all(engine.store().pool())
        .await
        .unwrap();
    bodies
        .iter()
        .map(|b| {
            serde_json::from_str::<serde_json::Value>(b).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

async fn reminders_fall_due_once(db: TestDb) {
    // Friday 27 November 2026, 12:00 UTC = 13:00 in Berlin (after the digest hours).
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap());
    let engine = db.engine_at(&clock).await;
    let mut vera = Chat::new(&engine, "vera");
    vera.send("/timezone Europe/Berlin").await;
    vera.send("/task call Anna today 14:00").await;
    vera.send("/task send the offer today 15:00").await;
    vera.send("/task water the plants today 14:30").await;
    vera.send("/done T3").await;
    vera.send("/task no due date").await;

    assert_eq!(jobs::run_once(engine.store(), &clock).await.unwrap(), 0);
    clock.advance(Duration::minutes(90)); // 14:30 Berlin
    assert_eq!(jobs::run_once(engine.store(), &clock).await.unwrap(), 1);
    assert_eq!(jobs::run_once(engine.store(), &clock).await.unwrap(), 0);
    assert_eq!(
        outbox(&engine).await,
        ["⏰ Reminder: T1 · call Anna · today at 14:00"]
    );

    // A restart: a new engine over the same database sends nothing twice…
    engine.store().close().await;
    let engine = db.engine_at(&clock).await;
    assert_eq!(jobs::run_once(engine.store(), &clock).await.unwrap(), 0);
    // …and a task that fell due while we were down is reminded once, by one of two
    // instances running at the same moment.
    clock.advance(Duration::hours(3));
    let other = db.engine_at(&clock).await;
    let (a, b) = tokio::join!(
        jobs::run_once(engine.store(), &clock),
        jobs::run_once(other.store(), &clock)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(
        outbox(&engine).await,
        [
            "⏰ Reminder: T1 · call Anna · today at 14:00",
            "⏰ Reminder: T2 · send the offer · today at 15:00"
        ]
    );
    // The reminder's Done button works, and it went to Vera's chat.
    let row: (String, String) =
        sqlx::query_as("SELECT channel, chat_id FROM outbox ORDER BY id LIMIT 1")
            .fetch_one(engine.store().pool())
            .await
            .unwrap();
    assert_eq!(row, ("telegram".into(), "vera".into()));
    let body: String = sqlx::query_scalar("SELECT body FROM outbox ORDER BY id LIMIT 1")
        .fetch_one(engine.store().pool())
        .await
        .unwrap();
    let data = serde_json::from_str::<serde_json::Value>(&body).unwrap()["choices"][0][1]
        .as_str()
        .unwrap()
        .to_string();
    // It is bound to Vera: anyone else pressing it changes nothing.
    let done = "SELECT COUNT(*) FROM tasks WHERE done = 1";
    let done_before = count(engine.store(), done).await;
    let mut walt = Chat::new(&engine, "walt");
    assert_eq!(walt.button(&data).await, "This button is not for you.");
    assert_eq!(count(engine.store(), done).await, done_before);
    let mut vera = Chat::new(&engine, "vera");
    assert_eq!(vera.button(&data).await, "✅ T1 done: call Anna");
    assert_eq!(
        count(
            engine.store(),
            "SELECT COUNT(*) FROM tasks WHERE reminded_at IS NOT NULL"
        )
        .await,
        2
    );
}

async fn the_digest_comes_at_nine_local_time(db: TestDb) {
    // Friday 27 November 2026, 20:00 UTC = 21:00 in Berlin.
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 20, 0, 0).unwrap());
    let engine = db.engine_at(&clock).await;
    let mut wes = Chat::new(&engine, "wes").language("ru");
    wes.send("/timezone Europe/Berlin").await;
    wes.send("/task позвонить Анне завтра 15:00").await;
    wes.send("/task отправить счёт послезавтра 10:00").await;
    let mut xia = Chat::new(&engine, "xia");
    xia.send("/task nothing today in 5 days").await;

    // Saturday 08:30 in Berlin: too early.
    clock.set(Utc.with_ymd_and_hms(2026, 11, 28, 7, 30, 0).unwrap());
    assert_eq!(jobs::run_once(engine.store(), &clock).await.unwrap(), 0);
    // 09:05: one digest with today's task only (Xia has nothing due).
    clock.set(Utc.with_ymd_and_hms(2026, 11, 28, 8, 5, 0).unwrap());
    assert_eq!(jobs::run_once(engine.store(), &clock).await.unwrap(), 1);
    assert_eq!(jobs::run_once(engine.store(), &clock).await.unwrap(), 0);
    let sent = outbox(&engine).await;
    assert_eq!(sent.len(), 1);
    assert!(sent[0].starts_with("☀️"), "{}", sent[0]);
    assert!(
        sent[0].contains("T1 · позвонить Анне · сегодня в 15:00") && !sent[0].contains("T2"),
        "{}",
        sent[0]
    );

    // Sunday 09:01: T1 (now overdue and reminded) and T2 due today.
    clock.set(Utc.with_ymd_and_hms(2026, 11, 29, 8, 1, 0).unwrap());
    assert_eq!(
        jobs::run_once(engine.store(), &clock).await.unwrap(),
        2,
        "T1's reminder and the digest"
    );
    let sent = outbox(&engine).await;
    let digest = sent.iter().find(|t| t.starts_with("☀️")).unwrap();
    assert!(sent.iter().filter(|t| t.starts_with("☀️")).count() == 2);
    let sunday = sent.last().unwrap();
    assert!(
        sunday.contains("T1 · позвонить Анне")
            && sunday.contains("T2 · отправить счёт · сегодня в 10:00"),
        "{sunday} / {digest}"
    );
}

/// A digest missed in the morning (downtime) still goes out at 11:xx local time, but from
/// 12:00 on it waits for the next day.
async fn a_missed_digest_goes_out_until_noon_only(db: TestDb) {
    // Saturday 28 November 2026, 06:00 UTC: 07:00 in Berlin, 06:00 in London.
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 28, 6, 0, 0).unwrap());
    let engine = db.engine_at(&clock).await;
    let mut berlin = Chat::new(&engine, "berlin");
    berlin.send("/timezone Europe/Berlin").await;
    berlin.send("/task berlin task today 18:00").await;
    let mut london = Chat::new(&engine, "london");
    london.send("/timezone Europe/London").await;
    london.send("/task london task today 18:00").await;

    // 11:59 UTC: 12:59 in Berlin (too late), 11:59 in London (still the morning).
    clock.set(Utc.with_ymd_and_hms(2026, 11, 28, 11, 59, 0).unwrap());
    assert_eq!(jobs::run_once(engine.store(), &clock).await.unwrap(), 1);
    let sent = outbox(&engine).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].contains("london task") && !sent[0].contains("berlin task"));
    // 12:00 in London: the day's digest was sent; Berlin still gets none.
    clock.set(Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap());
    assert_eq!(jobs::run_once(engine.store(), &clock).await.unwrap(), 0);
    // Sunday 11:00 in Berlin, 10:00 in London: both overdue tasks are reminded, and each
    // user gets the new day's digest.
    clock.set(Utc.with_ymd_and_hms(2026, 11, 29, 10, 0, 0).unwrap());
    assert_eq!(jobs::run_once(engine.store(), &clock).await.unwrap(), 2 + 2);
    let sent = outbox(&engine).await;
    assert_eq!(sent.iter().filter(|t| t.starts_with("☀️")).count(), 3);
}
