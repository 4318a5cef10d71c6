//! The proof that nothing but a user's own message reaches the model (issue 13 item 5,
//! privacy policy §11.4): on the source, an AI request row is inserted only by
//! `ai::request::record`, a `FromUser` is made only in the router, a `UserInitiated` only
//! in `ai::request`, and the model is called only by the AI worker; in behaviour, every
//! background path — reminders, digests, retention, the WhatsApp inbox, the admin API and
//! its export, the Google worker's Calendar and Gmail sync, and the AI worker itself with
//! nothing a user started — runs over a full data set with the fake model configured and
//! makes zero calls.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common;

use chatcrm::google::Google;
use chatcrm::handlers::Settings;
use chatcrm::jobs;
use chatcrm::server::Server;
use common::ai::{ANNA_NOTE, Ai, always, anna};
use common::fake_google::FakeGoogle;
use common::fake_graph::FakeGraph;
use common::fake_llm::{KEY, MODEL};
use common::whatsapp::{Wa, fixture, settled};
use common::{Chat, TestDb, count};

both_backends!(background_jobs_never_call_the_model);

/// `(file, line)` of every line under `src/` containing `needle`.
fn occurrences(needle: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        let name = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for line in text.lines().filter(|l| l.contains(needle)) {
            found.push((name.clone(), line.trim().to_string()));
        }
    }
    found
}

/// The files (under `src/`) whose lines contain `needle`, without repeats.
fn files_naming(needle: &str) -> Vec<String> {
    let mut files: Vec<String> = occurrences(needle).into_iter().map(|(f, _)| f).collect();
    files.dedup();
    files
}

#[test]
fn only_a_users_message_can_record_a_request_and_only_the_worker_calls_the_model() {
    // The store's insert of a request row: called by ai::request::record alone.
    assert_eq!(files_naming("ai_requests::insert("), ["ai/request.rs"]);
    // FromUser is made only in the router (its constructor is private to it).
    let made: Vec<String> = files_naming("FromUser::of(")
        .into_iter()
        .chain(files_naming("FromUser {"))
        .filter(|f| !f.starts_with("router/"))
        .collect();
    assert!(
        made.is_empty(),
        "FromUser made outside the router: {made:?}"
    );
    assert!(!files_naming("FromUser::of(").is_empty());
    // UserInitiated is made only where requests are leased.
    assert_eq!(files_naming("UserInitiated {"), ["ai/request.rs"]);
    assert_eq!(files_naming("request::lease("), ["ai/worker.rs"]);
    // The model is called in the worker only, and the client is named only in `ai`.
    let calls: Vec<(String, String)> = occurrences(".complete(call")
        .into_iter()
        .chain(occurrences("model.complete("))
        .collect();
    assert!(!calls.is_empty());
    // (The client's own unit tests, compiled only for `cargo test`, call it too.)
    assert!(
        calls
            .iter()
            .all(|(f, _)| f == "ai/worker.rs" || f == "ai/client_tests.rs"),
        "{calls:?}"
    );
    assert!(calls.iter().any(|(f, _)| f == "ai/worker.rs"));
    let clients: Vec<String> = files_naming("client::Model")
        .into_iter()
        .filter(|f| !f.starts_with("ai/"))
        .collect();
    assert!(
        clients.is_empty(),
        "the model client outside `ai`: {clients:?}"
    );
    // The worker's handler context carries no FromUser: it cannot record a request.
    let worker =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ai/worker.rs")).unwrap();
    assert!(worker.contains("from_user: None,"));
    assert!(!worker.contains("from_user: Some"));
}

async fn background_jobs_never_call_the_model(db: TestDb) {
    // A full data set: records, a task due soon, a confirmed capture, a waiting card.
    let ai = Ai::start(&db).await;
    always(&ai.fake, anna(), 100);
    let mut ada = Chat::new(&ai.engine, "ada");
    ada.send("/start").await;
    ada.send("/consent ai on").await;
    ada.send("/new_contact Bob Stone, bob@example.com").await;
    ada.send("/new_deal Stone renewal, 500 EUR, C1").await;
    ada.send("/note C1 likes tea").await;
    ada.send("/task C1 call Bob in 1 hour").await;
    ada.send(ANNA_NOTE).await;
    ai.answers(&mut ada).await;
    ada.press("Confirm").await;
    ada.send(ANNA_NOTE).await;
    ai.answers(&mut ada).await;
    let calls = ai.fake.calls();
    assert_eq!(calls, 2, "the user's own two notes");
    let store = ai.engine.store().clone();
    assert!(count(&store, "SELECT COUNT(*) FROM ai_proposals").await == 2);

    // Reminders, digests and retention, now and later.
    let clock = chatcrm::clock::Clock::manual(chrono::Utc::now());
    for hours in [0, 2, 26, 24 * 40] {
        clock.set(chrono::Utc::now() + chrono::Duration::hours(hours));
        jobs::run_once(&store, &clock).await.unwrap();
    }
    // The AI worker with nothing a user started.
    assert_eq!(ai.worker.process_due().await.unwrap(), 0);

    // A running server with the AI worker, the WhatsApp inbox, the jobs, the admin API and
    // the Google worker.
    let graph = FakeGraph::start().await;
    let google_fake = FakeGoogle::start().await;
    google_fake.add_mail(
        "t-1",
        "Bob Stone <bob@example.com>",
        "ada@example.com",
        "Tea",
        "Green?",
    );
    google_fake.calendar.add(
        "ev-1",
        "Call Bob",
        "2026-12-01T10:00:00Z",
        "2026-12-01T10:30:00Z",
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let with_google = common::google::config(&db, &google_fake, &base);
    let mut config = common::whatsapp::config(&graph);
    config.google = with_google.google;
    config.security = with_google.security;
    config.http.public_url = base;
    config.llm = common::ai::config(&ai.fake).llm;
    config.jobs.interval_secs = 1;
    config.http.admin_token = chatcrm::config::Secret::new("admin-token-0123456789");
    let exports = tempfile::tempdir().unwrap();
    config.privacy.export_dir = exports.path().to_path_buf();
    assert_eq!(
        (config.llm.model.as_str(), config.llm.api_key.expose()),
        (MODEL, KEY)
    );
    let google = Google::from_config(&config).unwrap().unwrap();
    let engine = db
        .engine()
        .await
        .with_settings(Settings::from_config(&config))
        .with_google(google);
    let server = Server::start(&config, engine.clone(), listener)
        .await
        .unwrap();
    // Ada connects Google through the server's callback; its worker syncs her mail and
    // calendar.
    let mut ada = Chat::new(&engine, "ada");
    assert_eq!(common::google::connect_through_link(&mut ada).await, 200);
    common::whatsapp::eventually(10, "the Google worker synced", || async {
        count(&store, "SELECT COUNT(*) FROM gmail_threads").await == 1
            && count(&store, "SELECT COUNT(*) FROM google_events").await == 1
    })
    .await;
    let wa = Wa {
        webhook: format!("http://{}/webhooks/whatsapp", server.addr),
        server,
        client: reqwest::Client::new(),
    };
    assert_eq!(
        wa.post_signed(&fixture("webhook_status_read.json")).await,
        200
    );
    assert_eq!(wa.post_signed(&fixture("webhook_text.json")).await, 200);
    settled(&store).await;
    let user_id: i64 =
        sqlx::query_scalar("SELECT user_id FROM identities WHERE external_id = 'ada'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    for path in [
        "/admin/usage".to_string(),
        "/admin/workspaces".to_string(),
        "/admin/audit".to_string(),
        format!("/admin/users/{user_id}/export"),
    ] {
        let response = wa
            .client
            .get(format!("http://{}{path}", wa.server.addr))
            .bearer_auth("admin-token-0123456789")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
    }
    // Time for the server's jobs and AI worker to run a few rounds.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    wa.stop().await;
    assert_eq!(
        ai.fake.calls(),
        calls,
        "no background path called the model"
    );
}
