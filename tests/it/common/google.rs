//! A ChatCRM wired to a fake Google for the Google stories: the engine with `[google]`
//! pointing at [`FakeGoogle`], our real HTTP endpoint on port 0 (the OAuth callback), the
//! Google worker to tick by hand, a manual clock; and helpers to connect as a user would
//! (the chat link, Google's redirect, our callback) and to look for token bytes in the
//! database files and columns.

use std::sync::Arc;

use chatcrm::clock::Clock;
use chatcrm::config::{Config, Secret};
use chatcrm::engine::Engine;
use chatcrm::google::Google;
use chatcrm::google::worker::Worker;
use chatcrm::handlers::Settings;
use chatcrm::http::{self, HttpState};
use chatcrm::store::Backend;
use chrono::TimeZone;

use super::ai::Ai;
use super::fake_google::{self, FakeGoogle};
use super::fake_llm::FakeLlm;
use super::{Chat, TestDb};

/// The sealing key of these tests (PostgreSQL has no key file).
pub const KEY: &str = "4f2a9c0d1e3b5a7c9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f";

pub struct GoogleSetup {
    pub engine: Engine,
    pub google: Arc<Google>,
    pub fake: FakeGoogle,
    pub clock: Clock,
    pub worker: Worker,
    /// Our HTTP endpoint (`http://127.0.0.1:port`).
    pub base: String,
    pub config: Config,
    pub exports: tempfile::TempDir,
}

/// `[google]` (and the public address) for `fake` and our endpoint at `public_url`.
pub fn config(db: &TestDb, fake: &FakeGoogle, public_url: &str) -> Config {
    let mut config = Config::default();
    config.database = db.config();
    config.http.public_url = public_url.to_string();
    config.google.client_id = fake_google::CLIENT_ID.into();
    config.google.client_secret = Secret::new(fake_google::CLIENT_SECRET);
    config.google.auth_url = fake.auth_url();
    config.google.token_url = fake.token_url();
    config.google.revoke_url = fake.revoke_url();
    config.google.userinfo_url = fake.userinfo_url();
    config.google.api_url = fake.api_url();
    config.security.encryption_key = Secret::new(KEY);
    config
}

/// `/connect_google` in `chat` on a running server's engine, then its link followed as a
/// browser would (the fake Google's consent, then our callback): the callback's status.
pub async fn connect_through_link(chat: &mut Chat) -> u16 {
    chat.send("/connect_google").await;
    let url = chat.last[0].choices[0].url.clone().unwrap();
    let http = GoogleSetup::http();
    let at_google = http.get(&url).send().await.unwrap();
    let location = at_google.headers()["location"]
        .to_str()
        .unwrap()
        .to_string();
    http.get(&location).send().await.unwrap().status().as_u16()
}

impl GoogleSetup {
    /// The engine, our endpoint (HTTP only: the worker is ticked by the test) and a fake.
    pub async fn start(db: &TestDb) -> GoogleSetup {
        let fake = FakeGoogle::start().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let config = config(db, &fake, &base);
        let google = Google::from_config(&config)
            .unwrap()
            .expect("Google configured");
        let clock = Clock::manual(
            chrono::Utc
                .with_ymd_and_hms(2026, 11, 27, 10, 0, 0)
                .unwrap(),
        );
        let exports = tempfile::tempdir().unwrap();
        let settings = Settings {
            export_dir: exports.path().to_path_buf(),
            ..Settings::default()
        };
        let engine = Engine::new(db.store().await, settings)
            .with_clock(clock.clone())
            .with_google(google.clone());
        let state = HttpState {
            engine: engine.clone(),
            telegram: None,
            telegram_secret: Secret::default(),
            admin_token: Secret::default(),
            export_dir: exports.path().to_path_buf(),
            whatsapp: None,
        };
        tokio::spawn(http::serve(listener, state, std::future::pending()));
        let worker = Worker::new(
            engine.store().clone(),
            google.clone(),
            chatcrm::google::steps::all(),
        );
        GoogleSetup {
            engine,
            google,
            fake,
            clock,
            worker,
            base,
            config,
            exports,
        }
    }

    /// An engine over the same database with `[llm]` pointed at `llm` as well, and the AI
    /// worker over it (the AI commands with a Google connection, e.g. `/draft`).
    pub fn with_ai(&self, llm: &FakeLlm) -> Ai {
        let mut config = self.config.clone();
        config.llm = super::ai::config(llm).llm;
        let settings = Settings {
            export_dir: self.exports.path().to_path_buf(),
            ..Settings::from_config(&config)
        };
        let engine = self
            .engine
            .clone()
            .with_settings(settings)
            .with_google(self.google.clone());
        Ai::over(engine, llm.clone(), config)
    }

    /// A client that does not follow redirects (as the test follows them one by one).
    pub fn http() -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// `/connect_google` in `chat`, then the link opened at the fake Google: the address
    /// Google redirects the browser to (our callback with `code` and `state`, or `error`).
    pub async fn consent(&self, chat: &mut Chat) -> String {
        let answer = chat.send("/connect_google").await;
        let url = chat
            .last
            .iter()
            .flat_map(|r| r.choices.iter())
            .find_map(|c| c.url.clone())
            .unwrap_or_else(|| panic!("no link in {answer:?}"));
        assert!(url.starts_with(&self.fake.auth_url()), "{url}");
        let at_google = Self::http().get(&url).send().await.unwrap();
        assert!(
            at_google.status().is_redirection(),
            "{}",
            at_google.status()
        );
        let location = at_google.headers()["location"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            location.starts_with(&format!("{}/oauth/google/callback?", self.base)),
            "{location}"
        );
        location
    }

    /// Our callback at `location`: its status and page.
    pub async fn callback(&self, location: &str) -> (u16, String) {
        let page = Self::http().get(location).send().await.unwrap();
        (page.status().as_u16(), page.text().await.unwrap())
    }

    /// The whole flow: link, consent, callback; the page must say "connected".
    pub async fn connect(&self, chat: &mut Chat) -> String {
        let location = self.consent(chat).await;
        let (status, page) = self.callback(&location).await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("you can go back to the chat"), "{page}");
        location
    }

    /// The texts queued in the outbox, oldest first.
    pub async fn outbox_texts(&self) -> Vec<String> {
        let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM outbox ORDER BY id")
            .fetch_all(self.engine.store().pool())
            .await
            .unwrap();
        bodies
            .iter()
            .map(|b| {
                serde_json::from_str::<serde_json::Value>(b).unwrap()["text"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    }

    /// The user's connection's tokens in plain text and as stored (sealed):
    /// (access, refresh, sealed access, sealed refresh).
    pub async fn tokens(&self) -> (String, String, String, String) {
        let store = self.engine.store();
        let mut tx = store.begin().await.unwrap();
        let user_id: i64 = sqlx::query_scalar("SELECT user_id FROM google_connections")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        let connection = chatcrm::store::google_connections::of_user(
            &mut tx,
            chatcrm::crm::UserId::new(user_id),
        )
        .await
        .unwrap()
        .unwrap();
        tx.commit().await.unwrap();
        let sealer = &self.google.sealer;
        let access = chatcrm::google::tokens::access_token(sealer, &connection).unwrap();
        let refresh = chatcrm::google::tokens::refresh_token(sealer, &connection).unwrap();
        (
            access.expose().to_string(),
            refresh.expose().to_string(),
            connection.sealed_access_token.clone(),
            connection.sealed_refresh_token.clone(),
        )
    }

    /// Audit entries with `action`.
    pub async fn audited(&self, action: &str) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
            .bind(action)
            .fetch_one(self.engine.store().pool())
            .await
            .unwrap()
    }
}

/// Where any of `needles` is still found: SQLite files (main, -wal, -shm) as raw bytes,
/// or PostgreSQL `table.column` among every text column.
pub async fn where_found(db: &TestDb, engine: &Engine, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    match db.backend {
        Backend::Sqlite => {
            let main = db.sqlite_path();
            for suffix in ["", "-wal", "-shm"] {
                let path = format!("{}{suffix}", main.display());
                let Ok(bytes) = std::fs::read(&path) else {
                    continue;
                };
                for needle in needles {
                    if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                        found.push(format!("{path}: {needle}"));
                    }
                }
            }
        }
        Backend::Postgres => {
            let pool = engine.store().pool();
            let columns: Vec<(String, String)> = sqlx::query_as(
                "SELECT table_name::text, column_name::text FROM information_schema.columns
                 WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            assert!(columns.len() > 30);
            for (table, column) in columns {
                for needle in needles {
                    let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} LIKE $1");
                    let hits: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                        .bind(format!("%{needle}%"))
                        .fetch_one(pool)
                        .await
                        .unwrap();
                    if hits > 0 {
                        found.push(format!("{table}.{column}: {needle}"));
                    }
                }
            }
        }
    }
    found
}
