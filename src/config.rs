//! Configuration: built-in defaults < `bot.toml` < `CHATCRM_<SECTION>__<KEY>` environment
//! variables. Unknown keys and bad values stop start-up with a message naming the key.
//! Secrets are wrapped in [`Secret`] so they never show in `Debug` output or logs.
//!
//! This file holds the settings and loading them; `env` reads the environment and lenient
//! text, `validate` checks the values, `secrets` keeps secrets out of output and errors.

mod env;
mod google;
mod llm;
mod secrets;
mod security;
mod validate;

use std::fmt;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

use env::{TextEnv, lenient_text};
pub use google::GoogleConfig;
pub use llm::LlmConfig;
use secrets::describe_figment_error;
pub use secrets::{SECRET_KEYS, Secret, redacted_url};
pub use security::{SecurityConfig, sqlite_file};

/// The default database: a SQLite file next to the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/chatcrm.db";
/// The file read when `--config` is not given, if it exists.
pub const DEFAULT_CONFIG_FILE: &str = "bot.toml";
/// The prefix of configuration environment variables.
pub const ENV_PREFIX: &str = "CHATCRM_";

/// The whole configuration of one ChatCRM process.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub database: DatabaseConfig,
    pub crm: CrmConfig,
    pub jobs: JobsConfig,
    pub log: LogConfig,
    pub http: HttpConfig,
    pub telegram: TelegramConfig,
    pub privacy: PrivacyConfig,
    pub retention: RetentionConfig,
    pub whatsapp: WhatsAppConfig,
    pub llm: LlmConfig,
    pub security: SecurityConfig,
    pub google: GoogleConfig,
}

/// `[database]`: where records live.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// `sqlite://path` or `postgres://user:password@host/db`. May hold a password.
    pub url: Secret,
    /// Upper bound of pooled connections (PostgreSQL; SQLite uses one writer).
    pub max_connections: u32,
    /// Seconds to wait for a lock or a free connection before giving up.
    pub busy_timeout_secs: u64,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            url: Secret::new(DEFAULT_DATABASE_URL),
            max_connections: 8,
            busy_timeout_secs: 10,
        }
    }
}

impl fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseConfig")
            .field("url", &redacted_url(self.url.expose()))
            .field("max_connections", &self.max_connections)
            .field("busy_timeout_secs", &self.busy_timeout_secs)
            .finish()
    }
}

/// `[crm]`: behaviour of the CRM itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CrmConfig {
    /// ISO 3166 alpha-2 region used for phone numbers typed without a `+country` prefix
    /// (for example "DE") in workspaces that have not chosen their own with `/settings`.
    /// Empty: such numbers are not saved, with a hint.
    pub default_region: String,
    /// The earlier name of `default_region`, still read from older `bot.toml` files;
    /// `default_region` wins when both are set.
    pub default_phone_region: String,
    /// ISO 4217 currency of amounts typed without one (for example "EUR").
    pub default_currency: String,
    /// Rows per page in lists.
    pub page_size: u32,
    /// Hours an invite code stays valid.
    pub invite_ttl_hours: u32,
    /// The largest file (document or photo) kept on a record, in MB; larger ones are
    /// refused without being downloaded.
    pub max_file_mb: u32,
    /// The total of files a workspace may keep, in MB.
    pub workspace_files_mb: u32,
    /// The total of files one user may upload across all their workspaces, in MB.
    pub user_files_mb: u32,
}

impl CrmConfig {
    /// The configured default phone region, upper-cased (`default_region`, else its
    /// earlier name `default_phone_region`), if any.
    pub fn region(&self) -> Option<String> {
        [&self.default_region, &self.default_phone_region]
            .into_iter()
            .map(|r| r.trim().to_uppercase())
            .find(|r| !r.is_empty())
    }
}

impl Default for CrmConfig {
    fn default() -> Self {
        Self {
            default_region: String::new(),
            default_phone_region: String::new(),
            default_currency: "EUR".into(),
            page_size: 10,
            invite_ttl_hours: 72,
            max_file_mb: 10,
            workspace_files_mb: 200,
            user_files_mb: 400,
        }
    }
}

/// `[jobs]`: background work (task reminders, daily digests).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct JobsConfig {
    /// Seconds between two runs of the background jobs.
    pub interval_secs: u64,
}

impl Default for JobsConfig {
    fn default() -> Self {
        Self { interval_secs: 30 }
    }
}

/// `[http]`: the HTTP endpoint (webhooks, health, metrics, admin API).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpConfig {
    /// Address and port to listen on.
    pub bind: String,
    /// The public HTTPS address of this endpoint (for Telegram's setWebhook), if any.
    pub public_url: String,
    /// Bearer token of the admin API under /admin/; empty disables the admin API.
    pub admin_token: Secret,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            public_url: String::new(),
            admin_token: Secret::default(),
        }
    }
}

/// How the Telegram channel receives updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TelegramMode {
    Polling,
    Webhook,
}

/// `[telegram]`: the Telegram bot; the channel runs in `serve` when `token` is set.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TelegramConfig {
    /// The bot token from @BotFather.
    pub token: Secret,
    /// The Bot API server (a self-hosted one, or a fake one in tests).
    pub api_url: String,
    /// `polling` (default) or `webhook`.
    pub mode: TelegramMode,
    /// The `X-Telegram-Bot-Api-Secret-Token` webhook deliveries must carry (1-256 of
    /// A-Z, a-z, 0-9, `_` and `-`); required in webhook mode.
    pub webhook_secret: Secret,
    /// Seconds one getUpdates long poll waits.
    pub poll_timeout_secs: u64,
    /// Keep sends within Telegram's limits (1/s per chat, 20/min per group, 30/s overall).
    pub shaping: bool,
}

impl Default for TelegramConfig {
    fn default() -> Self {
        Self {
            token: Secret::default(),
            api_url: "https://api.telegram.org".into(),
            mode: TelegramMode::Polling,
            webhook_secret: Secret::default(),
            poll_timeout_secs: 25,
            shaping: true,
        }
    }
}

/// `[privacy]`: where the policy is and which version users accept.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrivacyConfig {
    /// The address of the privacy policy shown by /privacy and /start.
    pub policy_url: String,
    /// The policy version recorded with every consent.
    pub policy_version: String,
    /// Where /export writes the users' ZIP files (created when missing).
    pub export_dir: std::path::PathBuf,
    /// Hours a one-time export link (`GET /exports/{token}` on `[http] public_url`) stays
    /// valid; no export file is kept longer.
    pub export_link_hours: u32,
    /// Chat channels get the export as a link even when it would fit in a chat document
    /// (Telegram 50 MB, WhatsApp 100 MB).
    pub export_via_link: bool,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        Self {
            policy_url: "https://chatcrm.co/privacy".into(),
            policy_version: "2026-11".into(),
            export_dir: "data/exports".into(),
            export_link_hours: 24,
            export_via_link: false,
        }
    }
}

/// `[whatsapp]`: the WhatsApp Cloud API channel; it runs in `serve` when `access_token`,
/// `phone_number_id` and `app_secret` are set.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WhatsAppConfig {
    /// A (system user) access token with `whatsapp_business_messaging` permission.
    pub access_token: Secret,
    /// The id of the business phone number replies are sent from.
    #[serde(deserialize_with = "lenient_text")]
    pub phone_number_id: String,
    /// The Meta app's secret: webhook deliveries are signed with it (`X-Hub-Signature-256`).
    pub app_secret: Secret,
    /// The token Meta echoes when it verifies the webhook (`hub.verify_token`).
    pub verify_token: Secret,
    /// The Graph API server (a fake one in tests).
    pub graph_url: String,
    /// The Graph API version in request paths.
    pub api_version: String,
    /// An approved message template sent when a reply falls outside the 24-hour customer
    /// window (error 131047); empty: such replies are only marked failed.
    pub reengage_template: String,
    /// Keep sends within WhatsApp's limit (80 messages/s per phone number).
    pub shaping: bool,
}

impl Default for WhatsAppConfig {
    fn default() -> Self {
        Self {
            access_token: Secret::default(),
            phone_number_id: String::new(),
            app_secret: Secret::default(),
            verify_token: Secret::default(),
            graph_url: "https://graph.facebook.com".into(),
            api_version: "v21.0".into(),
            reengage_template: String::new(),
            shaping: true,
        }
    }
}

/// `[retention]`: how long short-lived data is kept, in days.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionConfig {
    /// Processed update ids (the memory that drops redelivered updates).
    pub processed_updates_days: u32,
    /// Multi-step dialogues nobody finished.
    pub dialogues_days: u32,
    /// Delivered or failed outgoing messages (their text) in the outbox.
    pub delivered_messages_days: u32,
}

impl Default for RetentionConfig {
    fn default() -> Self {
        Self {
            processed_updates_days: 7,
            dialogues_days: 30,
            delivered_messages_days: 7,
        }
    }
}

impl WhatsAppConfig {
    /// Whether the channel runs: the token, the phone number id and the app secret are set.
    pub fn enabled(&self) -> bool {
        !self.access_token.is_empty()
            && !self.phone_number_id.trim().is_empty()
            && !self.app_secret.is_empty()
    }
}

/// `[log]`: diagnostics written to standard error.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    /// A tracing filter such as `info` or `chatcrm=debug,sqlx=warn`.
    pub level: String,
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            level: "warn".into(),
        }
    }
}

/// Why the configuration could not be loaded; the message names the key.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration file {0} does not exist")]
    MissingFile(PathBuf),
    #[error("configuration error: {0}")]
    Invalid(String),
    #[error("configuration error: `{key}`: {message}")]
    BadValue { key: &'static str, message: String },
}

impl Config {
    /// Loads defaults, then `path` (or `./bot.toml` when present), then the environment.
    pub fn load(path: Option<&Path>) -> Result<Self, ConfigError> {
        Self::load_from(path, Env::prefixed(ENV_PREFIX).split("__"))
    }

    /// As [`Config::load`], with the environment provider given (tests pass a fixed one).
    pub fn load_from(path: Option<&Path>, env: Env) -> Result<Self, ConfigError> {
        let file = match path {
            Some(path) if !path.exists() => return Err(ConfigError::MissingFile(path.into())),
            Some(path) => Some(path.to_path_buf()),
            None => Some(PathBuf::from(DEFAULT_CONFIG_FILE)).filter(|p| p.exists()),
        };
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            figment = figment.merge(Toml::file_exact(file));
        }
        let config: Config = figment
            .merge(TextEnv(env))
            .extract()
            .map_err(|error| ConfigError::Invalid(describe_figment_error(error)))?;
        config.validate()?;
        Ok(config)
    }
}

/// The setting a failed check names (`None` when the check passed or failed otherwise),
/// for the checks' tests.
#[cfg(test)]
pub(crate) fn bad_key(result: Result<(), ConfigError>) -> Option<&'static str> {
    match result {
        Err(ConfigError::BadValue { key, .. }) => Some(key),
        _ => None,
    }
}
