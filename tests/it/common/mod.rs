//! Test support: a fresh database per test (a temporary SQLite file, or a PostgreSQL
//! database created from `TEST_DATABASE_URL` and dropped afterwards), a chat helper that
//! drives the engine like a user, and a macro that runs one test on both backends.
#![allow(dead_code)]

pub mod ai;
pub mod fake_calendar;
pub mod fake_google;
pub mod fake_graph;
pub mod fake_llm;
pub mod fake_telegram;
pub mod google;
pub mod whatsapp;

use std::sync::atomic::{AtomicU64, Ordering};

use chatcrm::config::{DatabaseConfig, Secret};
use chatcrm::engine::Engine;
use chatcrm::handlers::Settings;
use chatcrm::message::{Channel, Inbound, Payload, Reply};
use chatcrm::store::{Backend, Store};
use sqlx::migrate::MigrateDatabase;

/// The variable naming a PostgreSQL server tests may create databases on.
pub const TEST_DATABASE_URL: &str = "TEST_DATABASE_URL";

/// A database that exists for one test.
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    /// Keeps the SQLite folder alive; removed on drop.
    pub dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A new SQLite file in a temporary folder.
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("chatcrm.db").display());
        TestDb {
            url,
            backend: Backend::Sqlite,
            dir: Some(dir),
        }
    }

    /// A new PostgreSQL database, or `None` when `TEST_DATABASE_URL` is not set.
    pub async fn postgres() -> Option<TestDb> {
        let base = std::env::var(TEST_DATABASE_URL)
            .ok()
            .filter(|u| !u.is_empty())?;
        let mut url = url::Url::parse(&base).expect("TEST_DATABASE_URL is a URL");
        let name = format!("chatcrm_test_{}", uuid::Uuid::new_v4().simple());
        url.set_path(&name);
        let url = url.to_string();
        sqlx::any::install_default_drivers();
        sqlx::Any::create_database(&url)
            .await
            .expect("create the test database");
        Some(TestDb {
            url,
            backend: Backend::Postgres,
            dir: None,
        })
    }

    /// The PostgreSQL database of a test that only runs when `TEST_DATABASE_URL` is set
    /// (at build time it compiled the test in, so it must still be set now).
    pub async fn postgres_or_fail() -> TestDb {
        TestDb::postgres().await.unwrap_or_else(|| {
            panic!("{TEST_DATABASE_URL} was set when the tests were built; set it again")
        })
    }

    pub fn config(&self) -> DatabaseConfig {
        DatabaseConfig {
            url: Secret::new(&self.url),
            ..DatabaseConfig::default()
        }
    }

    /// A store over this database, migrated.
    pub async fn store(&self) -> Store {
        Store::open(&self.config())
            .await
            .expect("open the test database")
    }

    /// An engine over this database with default settings.
    pub async fn engine(&self) -> Engine {
        Engine::new(self.store().await, Settings::default())
    }

    /// An engine whose "now" is `clock`.
    pub async fn engine_at(&self, clock: &chatcrm::clock::Clock) -> Engine {
        self.engine().await.with_clock(clock.clone())
    }

    /// The SQLite file path (SQLite only).
    pub fn sqlite_path(&self) -> std::path::PathBuf {
        self.dir
            .as_ref()
            .expect("a SQLite test database")
            .path()
            .join("chatcrm.db")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if self.backend != Backend::Postgres {
            return;
        }
        let url = self.url.clone();
        // Drop runs inside the test's runtime; a thread with its own runtime may block.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(runtime) = runtime {
                let _ = runtime.block_on(sqlx::Any::force_drop_database(&url));
            }
        })
        .join();
    }
}

static UPDATE_IDS: AtomicU64 = AtomicU64::new(1);

/// One user talking to the engine through a channel, as a test would type.
pub struct Chat {
    pub engine: Engine,
    pub user: String,
    pub language: Option<String>,
    pub channel: Channel,
    /// The replies to the last message.
    pub last: Vec<Reply>,
}

impl Chat {
    pub fn new(engine: &Engine, user: &str) -> Chat {
        Chat {
            engine: engine.clone(),
            user: user.to_string(),
            language: Some("en".into()),
            channel: Channel::Telegram,
            last: Vec::new(),
        }
    }

    pub fn language(mut self, code: &str) -> Chat {
        self.language = Some(code.to_string());
        self
    }

    pub fn inbound(&self, payload: Payload, update_id: Option<String>) -> Inbound {
        Inbound {
            channel: self.channel,
            user_id: self.user.clone(),
            chat_id: self.user.clone(),
            display_name: self.user.clone(),
            language: self.language.clone(),
            update_id,
            edit_message: None,
            payload,
        }
    }

    /// Sends text with a fresh update id; returns all reply texts joined by newlines.
    pub async fn send(&mut self, text: &str) -> String {
        let id = UPDATE_IDS.fetch_add(1, Ordering::Relaxed).to_string();
        self.deliver(Payload::Text(text.into()), Some(id)).await
    }

    /// Delivers a payload with the given update id.
    pub async fn deliver(&mut self, payload: Payload, update_id: Option<String>) -> String {
        let update = self.inbound(payload, update_id);
        self.last = self
            .engine
            .handle(&update)
            .await
            .expect("the update is handled");
        self.texts()
    }

    /// Presses the button of the last replies whose label is `label`.
    pub async fn press(&mut self, label: &str) -> String {
        let data = self
            .last
            .iter()
            .flat_map(|r| r.choices.iter())
            .find(|c| c.label == label)
            .unwrap_or_else(|| panic!("no button {label:?} in {:?}", self.last))
            .data
            .clone();
        let id = UPDATE_IDS.fetch_add(1, Ordering::Relaxed).to_string();
        self.deliver(Payload::Button(data), Some(id)).await
    }

    /// Delivers a button's data directly (as a stale or forged button would arrive).
    pub async fn button(&mut self, data: &str) -> String {
        let id = UPDATE_IDS.fetch_add(1, Ordering::Relaxed).to_string();
        self.deliver(Payload::Button(data.into()), Some(id)).await
    }

    /// The data of the button labelled `label` in the last replies.
    pub fn data_of(&self, label: &str) -> String {
        self.last
            .iter()
            .flat_map(|r| r.choices.iter())
            .find(|c| c.label == label)
            .unwrap_or_else(|| panic!("no button {label:?} in {:?}", self.last))
            .data
            .clone()
    }

    pub fn texts(&self) -> String {
        self.last
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn labels(&self) -> Vec<String> {
        self.last
            .iter()
            .flat_map(|r| r.choices.iter().map(|c| c.label.clone()))
            .collect()
    }
}

/// The line a new user's first reply ends with (English, the default policy address).
pub const TERMS_LINE: &str = "By using ChatCRM you accept its terms and privacy policy: https://chatcrm.co/privacy (see /privacy).";

/// `text` as the first reply of a new user shows it: with the terms line after it.
pub fn first_reply(text: &str) -> String {
    format!("{text}\n\n{TERMS_LINE}")
}

/// Counts rows of `table` (a fixed name from the test itself).
pub async fn count(store: &Store, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(store.pool())
        .await
        .expect("count query")
}

/// `both_backends!(story_fn, ...)`: a SQLite test and a PostgreSQL test for each function
/// `async fn story_fn(db: TestDb)`. The PostgreSQL one says it skipped when
/// `TEST_DATABASE_URL` is unset (CI always sets it).
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::TestDb::sqlite()).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                #[cfg_attr(not(postgres_tests), ignore = "needs TEST_DATABASE_URL (a PostgreSQL server)")]
                async fn $name() {
                    super::$name($crate::common::TestDb::postgres_or_fail().await).await;
                }
            )+
        }
    };
}

/// The `manifest.json` of an export ZIP.
pub fn export_manifest(zip_bytes: &[u8]) -> serde_json::Value {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).expect("a ZIP");
    let mut text = String::new();
    archive
        .by_name("manifest.json")
        .expect("a manifest")
        .read_to_string(&mut text)
        .expect("a readable manifest");
    serde_json::from_str(&text).expect("a JSON manifest")
}

/// The rows the manifest counts for `file` (0 when the file is not listed).
pub fn manifest_rows(manifest: &serde_json::Value, file: &str) -> u64 {
    manifest["files"]
        .as_array()
        .expect("a file list")
        .iter()
        .find(|f| f["name"] == file)
        .unwrap_or_else(|| panic!("{file} is not in the export: {manifest:#}"))["rows"]
        .as_u64()
        .unwrap_or_else(|| panic!("{file} has no row count: {manifest:#}"))
}

/// The `/start join_…` command in an invite reply.
pub fn join_command(invite: &str) -> String {
    let at = invite.find("/start join_").expect("an invite command");
    invite[at..]
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}
