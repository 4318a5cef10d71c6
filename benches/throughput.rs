//! `cargo bench --bench throughput`: messages per second through router + store for a mixed
//! command workload (each command its own committed transaction), search latency (p50/p95)
//! over 100,000 contacts, and peak memory. Runs on SQLite, and on PostgreSQL when
//! `TEST_DATABASE_URL` is set (a scratch database is created and dropped).
//!
//! Knobs: `BENCH_MESSAGES` (default 20000), `BENCH_CHATS` (concurrent chats, default 100),
//! `BENCH_CONTACTS` (default 100000), `BENCH_SEARCHES` (default 1000).

use std::time::{Duration, Instant};

use chatcrm::config::{DatabaseConfig, Secret};
use chatcrm::engine::Engine;
use chatcrm::handlers::Settings;
use chatcrm::message::{Channel, Inbound, Payload};
use chatcrm::store::Store;

#[path = "support/databases.rs"]
mod databases;
#[path = "support/memory.rs"]
mod memory;
#[path = "support/seed.rs"]
mod seed;

#[tokio::main]
async fn main() {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let messages = databases::knob("BENCH_MESSAGES", 20_000);
    let chats = databases::knob("BENCH_CHATS", 100);
    let contacts = databases::knob("BENCH_CONTACTS", 100_000);
    let searches = databases::knob("BENCH_SEARCHES", 1_000);

    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite_url = format!("sqlite://{}", dir.path().join("bench.db").display());
    run("SQLite", &sqlite_url, messages, chats, contacts, searches).await;

    if let Some(url) = databases::create_postgres("chatcrm_bench").await {
        run("PostgreSQL", &url, messages, chats, contacts, searches).await;
        databases::drop_postgres(&url).await;
    } else {
        println!("PostgreSQL: skipped (set TEST_DATABASE_URL)");
    }
    println!(
        "peak RSS of the bench process: {} MB",
        memory::status_kb("self", "VmHWM") / 1024
    );
    idle_rss();
}

/// Resident memory of an idle `chatcrm chat` (database open, jobs scheduled, waiting for
/// input), read from /proc after three seconds.
fn idle_rss() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_chatcrm"))
        .arg("chat")
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start chatcrm chat");
    std::thread::sleep(Duration::from_secs(3));
    let rss = memory::status_kb(&child.id().to_string(), "VmRSS");
    let _ = child.kill();
    let _ = child.wait();
    println!("idle RSS of `chatcrm chat`: {:.1} MB", rss as f64 / 1024.0);
}

async fn run(
    name: &str,
    url: &str,
    messages: usize,
    chats: usize,
    contacts: usize,
    searches: usize,
) {
    let config = DatabaseConfig {
        url: Secret::new(url),
        max_connections: 16,
        ..DatabaseConfig::default()
    };
    let store = Store::open(&config).await.expect("open the database");
    let engine = Engine::new(store.clone(), Settings::default());

    // 1. Mixed commands from many chats at once; every command is committed on its own.
    let started = Instant::now();
    let per_chat = messages.div_ceil(chats);
    let mut tasks = Vec::new();
    for chat in 0..chats {
        let engine = engine.clone();
        tasks.push(tokio::spawn(async move {
            let mut by_kind = [Duration::ZERO; 8];
            for i in 0..per_chat {
                let began = Instant::now();
                let text = mixed_command(chat, i);
                let update = Inbound {
                    channel: Channel::Telegram,
                    user_id: format!("user{chat}"),
                    chat_id: format!("user{chat}"),
                    display_name: format!("User {chat}"),
                    language: Some("en".into()),
                    update_id: Some(format!("{chat}-{i}")),
                    edit_message: None,
                    payload: Payload::Text(text),
                };
                engine.handle(&update).await.expect("handled");
                by_kind[i % 8] += began.elapsed();
            }
            by_kind
        }));
    }
    let mut by_kind = [Duration::ZERO; 8];
    for task in tasks {
        for (sum, d) in by_kind.iter_mut().zip(task.await.expect("chat task")) {
            *sum += d;
        }
    }
    let elapsed = started.elapsed();
    let total = per_chat * chats;
    println!(
        "{name}: {total} mixed commands from {chats} chats in {:.2} s = {:.0} commands/s",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );

    let kinds = [
        "new_contact",
        "contact",
        "contacts",
        "edit",
        "note",
        "task",
        "search",
        "tasks",
    ];
    let per_kind = (total / 8).max(1) as f64;
    let breakdown: Vec<String> = kinds
        .iter()
        .zip(by_kind)
        .map(|(k, d)| format!("{k} {:.2}", ms(d) / per_kind))
        .collect();
    println!(
        "  mean latency per command kind (ms, under load): {}",
        breakdown.join(", ")
    );

    // 2. Search latency with `contacts` contacts in one workspace.
    let workspace = seed_contacts(&store, contacts).await;
    let mut latencies = Vec::with_capacity(searches);
    for i in 0..searches {
        let query = format!("/search {}", SEARCH_WORDS[i % SEARCH_WORDS.len()]);
        let update = Inbound {
            channel: Channel::Telegram,
            user_id: "searcher".into(),
            chat_id: "searcher".into(),
            display_name: "Searcher".into(),
            language: Some("en".into()),
            update_id: None,
            edit_message: None,
            payload: Payload::Text(query),
        };
        let started = Instant::now();
        let replies = engine.handle(&update).await.expect("search");
        latencies.push(started.elapsed());
        assert!(!replies.is_empty());
    }
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "{name}: /search over {contacts} contacts (workspace {workspace}): p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        ms(pct(0.50)),
        ms(pct(0.95)),
        ms(*latencies.last().unwrap_or(&Duration::ZERO))
    );
    store.close().await;
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A realistic mix: creations, lists, searches, edits, notes, tasks, cards.
fn mixed_command(chat: usize, i: usize) -> String {
    let n = i / 8 + 1;
    match i % 8 {
        0 => format!(
            "/new_contact Person {chat}-{i}, +49 151 {:08}, p{chat}x{i}@example.com",
            chat * 10_000 + i
        ),
        1 => format!("/contact C{n}"),
        2 => "/contacts".to_string(),
        3 => format!("/edit C{n} position Buyer {i}"),
        4 => format!("/note C{n} Called about the offer {i}"),
        5 => format!("/task C{n} follow up {i} tomorrow 10:00"),
        6 => format!("/search person {chat}"),
        _ => "/tasks".to_string(),
    }
}

const SEARCH_WORDS: &[&str] = &[
    "anna",
    "petrova",
    "acme",
    "zoe",
    "buyer",
    "müller",
    "4915",
    "sales lead",
    "ivan",
    "example",
];
/// Creates the searching user and fills their workspace with `n` contacts; returns the
/// workspace id.
async fn seed_contacts(store: &Store, n: usize) -> i64 {
    let engine = Engine::new(store.clone(), Settings::default());
    let hello = Inbound {
        channel: Channel::Telegram,
        user_id: "searcher".into(),
        chat_id: "searcher".into(),
        display_name: "Searcher".into(),
        language: Some("en".into()),
        update_id: None,
        edit_message: None,
        payload: Payload::Text("/start".into()),
    };
    engine.handle(&hello).await.expect("start");
    let workspace: i64 = sqlx::query_scalar(
        "SELECT u.current_workspace_id FROM users u JOIN identities i ON i.user_id = u.id WHERE i.external_id = 'searcher'",
    )
    .fetch_one(store.pool())
    .await
    .expect("workspace");
    seed::contacts(store, workspace, n).await;
    workspace
}
