//! With shaping on, the Telegram sender keeps every chat within Telegram's limits: one
//! private chat gets a burst of 3 then one message a second, and the bot as a whole never
//! sends more than 31 messages in any one-second window.

use crate::common;

use std::time::{Duration, Instant};

use chatcrm::config::{Config, Secret};
use chatcrm::message::{Channel, Inbound, Payload};
use chatcrm::server::Server;
use common::TestDb;
use common::fake_telegram::FakeTelegram;

both_backends!(shaping_keeps_chats_and_the_bot_within_limits);

fn update(user: usize, n: usize) -> Inbound {
    Inbound {
        channel: Channel::Telegram,
        user_id: user.to_string(),
        chat_id: user.to_string(),
        display_name: format!("User {user}"),
        language: Some("en".into()),
        update_id: Some(format!("{user}-{n}")),
        edit_message: None,
        payload: Payload::Text("/contacts".into()),
    }
}

/// The most calls in any window of `window` among `times`.
fn max_in_window(times: &[Instant], window: Duration) -> usize {
    (0..times.len())
        .map(|i| {
            times[i..]
                .iter()
                .take_while(|t| t.duration_since(times[i]) < window)
                .count()
        })
        .max()
        .unwrap_or(0)
}

async fn shaping_keeps_chats_and_the_bot_within_limits(db: TestDb) {
    let fake = FakeTelegram::start().await;
    let engine = db.engine().await;
    // 8 replies to one chat and one reply to each of 60 other chats, all queued at once.
    for n in 0..8 {
        engine.handle_into_outbox(&update(1, n)).await.unwrap();
    }
    for user in 100..160 {
        engine.handle_into_outbox(&update(user, 0)).await.unwrap();
    }
    let mut config = Config::default();
    config.telegram.token = Secret::new("123456:TEST-TOKEN");
    config.telegram.api_url = fake.url.clone();
    config.telegram.shaping = true;
    config.telegram.poll_timeout_secs = 1;
    config.jobs.interval_secs = 3600;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = Server::start(&config, engine, listener).await.unwrap();
    fake.wait_for(20, "every reply", |f| f.calls("sendMessage").len() == 68)
        .await;
    server.stop().await;

    let sends = fake.calls("sendMessage");
    let to_one: Vec<Instant> = sends
        .iter()
        .filter(|c| c.body["chat_id"] == 1)
        .map(|c| c.at)
        .collect();
    assert_eq!(to_one.len(), 8);
    let gaps: Vec<Duration> = to_one
        .windows(2)
        .map(|p| p[1].duration_since(p[0]))
        .collect();
    // A short burst, then one a second: 8 messages span at least 4 seconds, and no second
    // holds more than 4 of them.
    assert!(
        to_one[7].duration_since(to_one[0]) >= Duration::from_millis(3900),
        "{gaps:?}"
    );
    assert!(
        max_in_window(&to_one, Duration::from_secs(1)) <= 4,
        "{gaps:?}"
    );
    let all: Vec<Instant> = sends.iter().map(|c| c.at).collect();
    let busiest = max_in_window(&all, Duration::from_secs(1));
    assert!(busiest <= 31, "at most 31 in any second, saw {busiest}");
    println!("busiest second: {busiest} messages; one chat's gaps: {gaps:?}");
}
