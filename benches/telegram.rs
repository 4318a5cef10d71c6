//! `cargo bench --bench telegram`: updates per second from getUpdates through the router
//! and the store to delivered replies (sendMessage answered), shaping off, over many chats,
//! against the fake Bot API of the tests (on loopback). SQLite always; PostgreSQL when
//! `TEST_DATABASE_URL` is set.
//!
//! Knobs: `BENCH_CHATS` (default 1000), `BENCH_PER_CHAT` (updates per chat, default 10).

#[path = "support/databases.rs"]
mod databases;
#[path = "../tests/it/common/fake_telegram.rs"]
mod fake_telegram;

use std::time::Instant;

use chatcrm::config::{Config, DatabaseConfig, Secret};
use chatcrm::engine::Engine;
use chatcrm::handlers::Settings;
use chatcrm::server::Server;
use chatcrm::store::Store;
use fake_telegram::FakeTelegram;

#[tokio::main]
async fn main() {
    let chats = databases::knob("BENCH_CHATS", 1000);
    let per_chat = databases::knob("BENCH_PER_CHAT", 10);
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = format!("sqlite://{}", dir.path().join("bench.db").display());
    run("SQLite", &sqlite, chats, per_chat).await;
    if let Some(url) = databases::create_postgres("chatcrm_tgbench").await {
        run("PostgreSQL", &url, chats, per_chat).await;
        databases::drop_postgres(&url).await;
    }
}

async fn run(name: &str, url: &str, chats: usize, per_chat: usize) {
    let fake = FakeTelegram::start().await;
    let mut id = 1;
    for round in 0..per_chat {
        for chat in 0..chats {
            let user = 10_000 + chat as i64;
            let text = if round % 2 == 0 {
                format!("/new_contact Person {chat} {round}, p{chat}x{round}@example.com")
            } else {
                "/contact C1".to_string()
            };
            fake.push(fake_telegram::text(id, user, &text));
            id += 1;
        }
    }
    let total = chats * per_chat;
    let database = DatabaseConfig {
        url: Secret::new(url),
        max_connections: 16,
        ..DatabaseConfig::default()
    };
    let store = Store::open(&database).await.expect("open");
    let mut config = Config::default();
    config.telegram.token = Secret::new("123456:BENCH");
    config.telegram.api_url = fake.url.clone();
    config.telegram.shaping = false;
    config.telegram.poll_timeout_secs = 1;
    config.jobs.interval_secs = 3600;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let started = Instant::now();
    let server = Server::start(
        &config,
        Engine::new(store.clone(), Settings::default()),
        listener,
    )
    .await
    .expect("start");
    fake.wait_for(600, "every reply", |f| {
        f.calls("sendMessage").len() >= total
    })
    .await;
    let elapsed = started.elapsed();
    server.stop().await;
    store.close().await;
    println!(
        "{name}: {total} updates from {chats} chats, getUpdates → router → store → sendMessage, shaping off: {:.2} s = {:.0} updates/s",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64().max(f64::EPSILON)
    );
}
