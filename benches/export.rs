//! `cargo bench --bench export`: `/export` through the real `chatcrm chat` binary on SQLite
//! for workspaces of growing size — how long the ZIP takes, how large it is, and the
//! binary's peak resident memory (VmHWM), which stays flat because the export is written
//! as a stream.
//!
//! Knob: `BENCH_EXPORT_SIZES` (contacts per run, comma-separated; default
//! "1000,10000,100000").

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use chatcrm::config::{DatabaseConfig, Secret};
use chatcrm::store::Store;

#[path = "support/memory.rs"]
mod memory;
#[path = "support/seed.rs"]
mod seed;

fn chat(dir: &std::path::Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_chatcrm"))
        .arg("chat")
        .current_dir(dir)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chatcrm chat")
}

#[tokio::main]
async fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_EXPORT_SIZES")
        .unwrap_or_else(|_| "1000,10000,100000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    println!("| contacts | export time | ZIP size | peak RSS of `chatcrm chat` |");
    println!("|---|---|---|---|");
    for n in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        // The console user and their workspace, made by the binary itself.
        let mut first = chat(dir.path());
        first
            .stdin
            .take()
            .expect("stdin")
            .write_all(b"/start\n")
            .expect("write");
        first.wait().expect("the first session ends");
        let url = format!("sqlite://{}", dir.path().join("data/chatcrm.db").display());
        let store = Store::connect(&DatabaseConfig {
            url: Secret::new(url),
            ..DatabaseConfig::default()
        })
        .await
        .expect("open the database");
        let workspace: i64 = sqlx::query_scalar(
            "SELECT u.current_workspace_id FROM users u JOIN identities i ON i.user_id = u.id WHERE i.channel = 'console'",
        )
        .fetch_one(store.pool())
        .await
        .expect("the console user's workspace");
        seed::contacts(&store, workspace, n).await;
        store.pool().close().await;

        let mut child = chat(dir.path());
        let mut stdin = child.stdin.take().expect("stdin");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let started = Instant::now();
        stdin.write_all(b"/export\n").expect("write");
        let mut line = String::new();
        let ready = loop {
            line.clear();
            if stdout.read_line(&mut line).expect("read") == 0 {
                panic!("the binary ended before the export was ready");
            }
            if let Some(rest) = line.split("Your export is ready: ").nth(1) {
                break rest
                    .split(" (")
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
            }
        };
        let took = started.elapsed();
        let peak = memory::status_kb(&child.id().to_string(), "VmHWM");
        drop(stdin);
        child.wait().expect("the session ends");
        let bytes = std::fs::metadata(dir.path().join(&ready))
            .or_else(|_| std::fs::metadata(&ready))
            .map_or(0, |m| m.len());
        println!(
            "| {n} | {:.2} s | {:.1} MB | {:.1} MB |",
            took.as_secs_f64(),
            bytes as f64 / 1e6,
            peak as f64 / 1024.0
        );
    }
}
