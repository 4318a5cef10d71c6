//! Storage over SQLite or PostgreSQL through sqlx's `Any` driver: the backend is chosen once
//! from the URL scheme, each backend has its own migration folder, and every query whose SQL
//! is the same on both is written once in the submodules.

pub mod activities;
pub mod admin;
pub mod ai_proposals;
pub mod ai_requests;
pub mod ai_usage;
pub mod ask;
pub mod button_tags;
pub mod channel_state;
pub mod companies;
pub mod contacts;
pub mod deals;
pub mod delivery;
pub mod dialogues;
pub mod erasure;
mod error;
pub mod export_links;
pub mod files;
pub mod gmail_cache;
pub mod google_connections;
pub mod google_events;
pub mod google_states;
pub mod handles;
pub mod inbound;
mod lease;
pub mod linking;
mod migration_repair;
pub mod notes;
pub mod outbox;
pub mod pending_choices;
pub mod privacy;
pub mod record_deletion;
mod records;
pub mod search;
pub(crate) mod statement;
pub mod tasks;
mod tx;
pub mod users;
pub mod webhook_inbox;
pub mod workspaces;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyConnection, AnyPool, Connection, Executor};

use crate::clock::Clock;
use crate::config::{DatabaseConfig, redacted_url};
pub use error::{Constraint, Error, Result};
pub use tx::Tx;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a database URL names, from its scheme.
    pub fn from_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    fn migrator(self) -> &'static Migrator {
        match self {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }
}

/// Why the store could not be opened or used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database url {0}")]
    UnsupportedUrl(String),
    #[error("cannot create the database folder {path}: {source}")]
    CreateFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot create the database file {path}: {source}")]
    CreateFile {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The cause is said once, in words (no error chain to repeat it).
    #[error("cannot open the database {url}: {cause}")]
    Connect { url: String, cause: String },
    #[error("cannot apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Sql(#[from] Error),
}

/// The connection pool, the backend it talks to, and the clock its timestamps come from.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    clock: Clock,
}

/// `Debug` for `$type` that shows only the named fields: the others hold what no log line
/// may carry (a sealed token, an account's address) or nothing worth reading (a pool).
macro_rules! debug_showing {
    ($type:ident: $($field:ident),+) => {
        impl std::fmt::Debug for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($type))
                    $(.field(stringify!($field), &self.$field))+
                    .finish_non_exhaustive()
            }
        }
    };
}
pub(crate) use debug_showing;

debug_showing!(Store: backend);

impl Store {
    /// Opens the database named in `config` (creating a SQLite file and its folder when
    /// missing). Migrations are not applied here: call [`Store::migrate`].
    pub async fn connect(config: &DatabaseConfig) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let url = config.url.expose();
        let backend =
            Backend::from_url(url).ok_or_else(|| StoreError::UnsupportedUrl(redacted_url(url)))?;
        let connect_url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let connect_error = |cause: String| StoreError::Connect {
            url: redacted_url(url),
            cause,
        };
        let options = AnyConnectOptions::from_str(&connect_url)
            .map_err(|source| connect_error(cause_of(&source)))?;
        let busy_timeout = Duration::from_secs(config.busy_timeout_secs);
        probe(&options, backend, busy_timeout)
            .await
            .map_err(connect_error)?;
        // SQLite takes one writer at a time; a single connection avoids lock upgrades
        // failing with SQLITE_BUSY and is as fast (sqlx runs SQLite on a worker thread).
        let max_connections = match backend {
            Backend::Sqlite => 1,
            Backend::Postgres => config.max_connections,
        };
        let busy_ms = busy_timeout.as_millis();
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(busy_timeout)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA secure_delete = ON").await?;
                        let busy = format!("PRAGMA busy_timeout = {busy_ms}");
                        conn.execute(sqlx::AssertSqlSafe(busy)).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|source| connect_error(cause_of(&source)))?;
        Ok(Store {
            pool,
            backend,
            clock: Clock::system(),
        })
    }

    /// Opens the database and applies pending migrations.
    pub async fn open(config: &DatabaseConfig) -> Result<Store, StoreError> {
        let store = Store::connect(config).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Applies every migration of this backend that has not been applied yet.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        if self.backend == Backend::Sqlite {
            migration_repair::record_interrupted_rebuild(&self.pool, self.backend.migrator())
                .await?;
        }
        self.backend.migrator().run(&self.pool).await?;
        Ok(())
    }

    /// How many migrations this binary ships and how many the database has applied.
    pub async fn migration_status(&self) -> Result<(usize, usize), StoreError> {
        let shipped = self.backend.migrator().iter().count();
        let applied: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_one(&self.pool)
                .await
                .unwrap_or(0);
        Ok((shipped, applied as usize))
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Reads "now" from `clock` (tests move time with a manual clock).
    pub fn with_clock(mut self, clock: Clock) -> Store {
        self.clock = clock;
        self
    }

    /// Where this store's "now" comes from.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// "Now" in milliseconds since the Unix epoch, from the store's clock.
    pub fn now_millis(&self) -> i64 {
        self.clock.now_millis()
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so a transaction never fails half-way upgrading its lock.
    pub async fn begin(&self) -> Result<Tx> {
        let inner = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(Tx::new(inner, self.clock.clone()))
    }

    /// Closes every connection; pending work is finished first.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Opens one connection and reads from it, so a database that cannot be used fails at once
/// with its cause (refused connection, unknown role, a file that is not a database)
/// instead of the pool retrying until it times out.
async fn probe(
    options: &AnyConnectOptions,
    backend: Backend,
    timeout: Duration,
) -> Result<(), String> {
    let attempt = async {
        let mut conn = AnyConnection::connect_with(options).await?;
        let check = match backend {
            Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master",
            Backend::Postgres => "SELECT 1",
        };
        conn.execute(check).await?;
        conn.close().await
    };
    match tokio::time::timeout(timeout, attempt).await {
        Ok(result) => result.map_err(|error| cause_of(&error)),
        Err(_) => Err(format!(
            "no answer within {} s (database.busy_timeout_secs)",
            timeout.as_secs()
        )),
    }
}

/// The cause of a connection error in one phrase: the database's own message (without the
/// server's source line), or the I/O or TLS error, never repeated.
fn cause_of(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Database(db) => {
            let message = db.message();
            let message = message
                .split_once(" at line ")
                .filter(|(_, line)| line.chars().all(|c| c.is_ascii_digit()))
                .map_or(message, |(text, _)| text);
            match db.code() {
                Some(code) => format!("{message} (code {code})"),
                None => message.to_string(),
            }
        }
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::Tls(tls) => format!("TLS: {tls}"),
        sqlx::Error::Configuration(config) => format!("bad url: {config}"),
        sqlx::Error::PoolTimedOut => "no connection could be opened in time".into(),
        other => other.to_string(),
    }
}

/// Creates the folder of a SQLite file (0700) and the file itself (0600) when missing, and
/// narrows an existing one (and its -wal and -shm files) to 0600; the driver gives new -wal
/// and -shm files the database file's mode.
fn prepare_sqlite_url(url: &str) -> Result<String, StoreError> {
    let Some(file) = crate::config::sqlite_file(url) else {
        return Ok(url.to_string());
    };
    let path = file.to_string_lossy().into_owned();
    let path = path.as_str();
    let query = url.split_once('?').map_or("", |(_, query)| query);
    if let Some(parent) = Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        crate::private_fs::create_dir_all(parent).map_err(|source| StoreError::CreateFolder {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    if !query.contains("mode=ro") && !query.contains("mode=memory") {
        let create_file = |source| StoreError::CreateFile {
            path: PathBuf::from(path),
            source,
        };
        crate::private_fs::create_if_missing(Path::new(path)).map_err(create_file)?;
        // A database an older version created readable by others is narrowed to 0600, with
        // its -wal and -shm files.
        for suffix in ["", "-wal", "-shm"] {
            let file = PathBuf::from(format!("{path}{suffix}"));
            if crate::private_fs::restrict(&file).map_err(create_file)? {
                tracing::info!(file = %file.display(), "made the database file private (0600)");
            }
        }
    }
    let query = if query.contains("mode=") {
        query.to_string()
    } else if query.is_empty() {
        "mode=rwc".to_string()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}
