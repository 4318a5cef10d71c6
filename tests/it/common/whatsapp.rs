//! WhatsApp test support: a configuration pointing at the fake Graph API, a running server
//! with a client that posts (signed or not) deliveries to its webhook, and builders of
//! deliveries from the reference payloads in `tests/fixtures/whatsapp/`.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use chatcrm::channel::whatsapp::signature;
use chatcrm::config::{Config, Secret};
use chatcrm::server::Server;
use chatcrm::store::Store;
use serde_json::{Value, json};

use super::TestDb;
use super::fake_graph::{self, FakeGraph};

/// The customer of the reference payloads.
pub const FROM: &str = "4915112345678";
/// The business phone number id of the reference payloads.
pub const PHONE_ID: &str = "106540352242922";
pub const APP_SECRET: &str = "app-secret-for-tests";
pub const VERIFY_TOKEN: &str = "verify-token-for-tests";

/// A reference payload, as stored.
pub fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/whatsapp/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn config(fake: &FakeGraph) -> Config {
    let mut config = Config::default();
    config.whatsapp.access_token = Secret::new(fake_graph::TOKEN);
    config.whatsapp.phone_number_id = PHONE_ID.into();
    config.whatsapp.app_secret = Secret::new(APP_SECRET);
    config.whatsapp.verify_token = Secret::new(VERIFY_TOKEN);
    config.whatsapp.graph_url = fake.url.clone();
    config.whatsapp.shaping = false;
    config.http.bind = "127.0.0.1:0".into();
    config.jobs.interval_secs = 3600;
    config
}

/// A running server and a client for its WhatsApp webhook.
pub struct Wa {
    pub server: Server,
    pub client: reqwest::Client,
    pub webhook: String,
}

impl Wa {
    pub async fn start(db: &TestDb, config: &Config) -> Wa {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let server = Server::start(config, db.engine().await, listener)
            .await
            .expect("server starts");
        let webhook = format!("http://{}/webhooks/whatsapp", server.addr);
        Wa {
            server,
            client: reqwest::Client::new(),
            webhook,
        }
    }

    /// Posts `body` signed with the app secret; returns the status.
    pub async fn post_signed(&self, body: &str) -> u16 {
        let header = signature::sign(APP_SECRET.as_bytes(), body.as_bytes());
        self.post(body.as_bytes().to_vec(), Some(&header)).await
    }

    /// Posts raw bytes with the given signature header, if any.
    pub async fn post(&self, body: Vec<u8>, signature: Option<&str>) -> u16 {
        let mut request = self
            .client
            .post(&self.webhook)
            .header("content-type", "application/json")
            .body(body);
        if let Some(signature) = signature {
            request = request.header("X-Hub-Signature-256", signature);
        }
        request
            .send()
            .await
            .expect("the webhook answers")
            .status()
            .as_u16()
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let url = format!("http://{}{path}", self.server.addr);
        let response = self
            .client
            .get(url)
            .send()
            .await
            .expect("the server answers");
        let status = response.status().as_u16();
        (status, response.text().await.unwrap_or_default())
    }

    pub async fn stop(self) {
        self.server.stop().await;
    }
}

/// Waits until `check` holds, polling every 20 ms; fails after `secs` seconds.
pub async fn eventually<F, Fut>(secs: u64, what: &str, check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until every recorded delivery is processed.
pub async fn settled(store: &Store) {
    eventually(10, "the inbox to be processed", || async {
        scalar(
            store,
            "SELECT COUNT(*) FROM webhook_inbox WHERE processed_at IS NULL",
        )
        .await
            == 0
    })
    .await;
}

pub async fn scalar(store: &Store, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(store.pool())
        .await
        .expect("a count")
}

fn with_message(
    fixture_name: &str,
    wamid: &str,
    from: &str,
    edit: impl FnOnce(&mut Value),
) -> String {
    let mut delivery: Value = serde_json::from_str(&fixture(fixture_name)).unwrap();
    let value = &mut delivery["entry"][0]["changes"][0]["value"];
    value["contacts"][0]["wa_id"] = json!(from);
    let message = &mut value["messages"][0];
    message["from"] = json!(from);
    message["id"] = json!(wamid);
    edit(message);
    delivery.to_string()
}

/// A text message delivery (from the reference text payload).
pub fn text(wamid: &str, from: &str, body: &str) -> String {
    with_message("webhook_text.json", wamid, from, |m| {
        m["text"]["body"] = json!(body);
    })
}

/// A reply-button answer carrying `id`.
pub fn button_reply(wamid: &str, from: &str, id: &str) -> String {
    with_message("webhook_button_reply.json", wamid, from, |m| {
        m["interactive"]["button_reply"]["id"] = json!(id);
    })
}

/// A list answer carrying `id`.
pub fn list_reply(wamid: &str, from: &str, id: &str) -> String {
    with_message("webhook_list_reply.json", wamid, from, |m| {
        m["interactive"]["list_reply"]["id"] = json!(id);
    })
}

/// A status of the message `wamid` (from the reference "read" payload).
pub fn status(wamid: &str, status: &str) -> String {
    let mut delivery: Value = serde_json::from_str(&fixture("webhook_status_read.json")).unwrap();
    let entry = &mut delivery["entry"][0]["changes"][0]["value"]["statuses"][0];
    entry["id"] = json!(wamid);
    entry["status"] = json!(status);
    delivery.to_string()
}

/// The reference "failed" status (131047) for the message `wamid`.
pub fn failed_status(wamid: &str) -> String {
    let mut delivery: Value = serde_json::from_str(&fixture("webhook_status_failed.json")).unwrap();
    delivery["entry"][0]["changes"][0]["value"]["statuses"][0]["id"] = json!(wamid);
    delivery.to_string()
}

/// `text` with every non-ASCII character escaped as `\uXXXX`, as Meta may send it.
pub fn ascii_escaped(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}
