//! /link on both backends: a code from one chat app makes another chat app's identity part
//! of the same user, with the same workspaces and records; codes are one-time and expire.

use crate::common;

use chatcrm::clock::Clock;
use chatcrm::message::Channel;
use chrono::{Duration, TimeZone, Utc};
use common::{Chat, TestDb, count};

both_backends!(
    telegram_and_whatsapp_become_one_user,
    replies_for_the_user_go_to_the_active_chat_written_from_last
);

fn code_in(reply: &str) -> String {
    reply
        .split("/link ")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

async fn telegram_and_whatsapp_become_one_user(db: TestDb) {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
    let engine = db.engine_at(&clock).await;
    let mut telegram = Chat::new(&engine, "5001");
    telegram
        .send("/new_contact Anna Petrova, anna@example.com")
        .await;
    let mut whatsapp = Chat::new(&engine, "+4915112345678");
    whatsapp.channel = Channel::WhatsApp;
    whatsapp
        .send("/task ask about pricing tomorrow 10:00")
        .await;
    assert_eq!(count(engine.store(), "SELECT COUNT(*) FROM users").await, 2);

    assert_eq!(
        whatsapp.send("/link NOPE1234").await,
        "That link code is unknown or expired. Send /link here to get a new one."
    );
    let offer = telegram.send("/link").await;
    assert!(offer.starts_with("Your link code is "), "{offer}");
    let code = code_in(&offer);
    assert_eq!(code.len(), 8);
    let linked = whatsapp
        .send(&format!("/link {}", code.to_lowercase()))
        .await;
    assert!(linked.starts_with("Linked:"), "{linked}");
    // One user now: WhatsApp sees the Telegram records, the task moved along.
    assert_eq!(count(engine.store(), "SELECT COUNT(*) FROM users").await, 1);
    assert!(
        whatsapp
            .send("/contacts")
            .await
            .contains("C1 · Anna Petrova")
    );
    assert!(
        telegram
            .send("/workspace")
            .await
            .contains("Switch to another workspace")
    );
    let tasks: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM tasks t JOIN identities i ON i.user_id = t.assignee_user_id WHERE i.external_id = '5001'",
    )
    .fetch_one(engine.store().pool())
    .await
    .unwrap();
    assert_eq!(tasks, 1);
    // Codes are one-time and expire after 10 minutes.
    let mut other = Chat::new(&engine, "+4917000000000");
    other.channel = Channel::WhatsApp;
    assert!(
        other
            .send(&format!("/link {code}"))
            .await
            .contains("unknown or expired")
    );
    let late = code_in(&telegram.send("/link").await);
    clock.advance(Duration::minutes(11));
    assert!(
        other
            .send(&format!("/link {late}"))
            .await
            .contains("unknown or expired")
    );
    assert_eq!(count(engine.store(), "SELECT COUNT(*) FROM users").await, 2);
}

/// Queues a message for the user with `outbox::enqueue_for_user`; the chat it went to, or
/// `None` when it was not queued.
async fn queue_for(store: &chatcrm::store::Store, user_id: chatcrm::crm::UserId) -> Option<String> {
    let mut tx = store.begin().await.unwrap();
    let reply = chatcrm::message::Reply::text("ping");
    let queued = chatcrm::store::outbox::enqueue_for_user(&mut tx, user_id, &reply)
        .await
        .unwrap();
    let chat: Option<String> = if queued {
        Some(
            sqlx::query_scalar("SELECT chat_id FROM outbox ORDER BY id DESC LIMIT 1")
                .fetch_one(&mut *tx)
                .await
                .unwrap(),
        )
    } else {
        None
    };
    tx.commit().await.unwrap();
    chat
}

/// A reminder or digest goes to the chat the user wrote from last, and never to an identity
/// that blocked the bot (inactive); with none active nothing is queued.
async fn replies_for_the_user_go_to_the_active_chat_written_from_last(db: TestDb) {
    let engine = db.engine().await;
    let store = engine.store().clone();
    let mut telegram = Chat::new(&engine, "5001");
    telegram.send("/start").await;
    let mut whatsapp = Chat::new(&engine, "+4915112345678");
    whatsapp.channel = Channel::WhatsApp;
    let code = code_in(&telegram.send("/link").await);
    assert!(
        whatsapp
            .send(&format!("/link {code}"))
            .await
            .starts_with("Linked:")
    );
    let user: i64 = sqlx::query_scalar("SELECT id FROM users")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let user = chatcrm::crm::UserId::new(user);

    // The WhatsApp identity has the larger id: the order, not the id, picks the chat.
    telegram.send("/help").await;
    assert_eq!(queue_for(&store, user).await.as_deref(), Some("5001"));
    whatsapp.send("/help").await;
    assert_eq!(
        queue_for(&store, user).await.as_deref(),
        Some("+4915112345678")
    );
    telegram.send("/help").await;
    assert_eq!(queue_for(&store, user).await.as_deref(), Some("5001"));

    // The Telegram chat blocked the bot: the other chat gets it, though it is older.
    sqlx::query("UPDATE identities SET active = 0 WHERE external_id = '5001'")
        .execute(store.pool())
        .await
        .unwrap();
    assert_eq!(
        queue_for(&store, user).await.as_deref(),
        Some("+4915112345678")
    );
    sqlx::query("UPDATE identities SET active = 0")
        .execute(store.pool())
        .await
        .unwrap();
    let queued = count(&store, "SELECT COUNT(*) FROM outbox").await;
    assert_eq!(queue_for(&store, user).await, None);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM outbox").await, queued);
}
