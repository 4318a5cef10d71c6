//! Configuration: built-in defaults < `bot.toml` < `CHATCRM_<SECTION>__<KEY>` environment
//! variables. Unknown keys and bad values stop start-up with a message naming the key.
//! Secrets are wrapped in [`Secret`] so they never show in `Debug` output or logs.

use std::fmt;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::value::{Dict, Map, Value};
use figment::{Figment, Metadata, Profile, Provider};
use serde::{Deserialize, Deserializer, Serialize};

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

    fn validate(&self) -> Result<(), ConfigError> {
        let required: [(&'static str, bool); 4] = [
            ("whatsapp.access_token", self.access_token.is_empty()),
            (
                "whatsapp.phone_number_id",
                self.phone_number_id.trim().is_empty(),
            ),
            ("whatsapp.app_secret", self.app_secret.is_empty()),
            ("whatsapp.verify_token", self.verify_token.is_empty()),
        ];
        if required.iter().all(|(_, missing)| *missing) {
            return Ok(());
        }
        if let Some((key, _)) = required.iter().find(|(_, missing)| *missing) {
            return Err(ConfigError::BadValue {
                key,
                message: "the WhatsApp channel needs access_token, phone_number_id, app_secret \
                          and verify_token together"
                    .into(),
            });
        }
        if !self.phone_number_id.chars().all(|c| c.is_ascii_digit()) {
            return Err(ConfigError::BadValue {
                key: "whatsapp.phone_number_id",
                message: "must be the numeric id Meta shows for the phone number".into(),
            });
        }
        if url::Url::parse(&self.graph_url).is_err() {
            return Err(ConfigError::BadValue {
                key: "whatsapp.graph_url",
                message: "must be a URL such as https://graph.facebook.com".into(),
            });
        }
        let version = self.api_version.strip_prefix('v').unwrap_or_default();
        if version.is_empty() || !version.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(ConfigError::BadValue {
                key: "whatsapp.api_version",
                message: format!("`{}` is not a version such as v21.0", self.api_version),
            });
        }
        let template = &self.reengage_template;
        if template.len() > 512
            || !template
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(ConfigError::BadValue {
                key: "whatsapp.reengage_template",
                message: "must be a template name (a-z, 0-9 and _) or empty".into(),
            });
        }
        Ok(())
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

/// A string that must not be shown: `Debug` and `Display` print `[redacted]`. A TOML
/// integer (`admin_token = 98765`) is read as its digits.
#[derive(Clone, Default, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient_text(deserializer).map(Secret)
    }
}

/// A text setting that also takes an integer as its digits (a TOML `phone_number_id =
/// 106540352242922`). The error for any other kind of value names only its kind.
fn lenient_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<String, E> {
            Ok(value.to_string())
        }
        fn visit_string<E: serde::de::Error>(self, value: String) -> Result<String, E> {
            Ok(value)
        }
        fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<String, E> {
            Ok(value.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<String, E> {
            Ok(value.to_string())
        }
        fn visit_u128<E: serde::de::Error>(self, value: u128) -> Result<String, E> {
            Ok(value.to_string())
        }
        fn visit_i128<E: serde::de::Error>(self, value: i128) -> Result<String, E> {
            Ok(value.to_string())
        }
    }
    deserializer.deserialize_any(Text)
}

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    /// The secret value itself; call only where it is used, never to log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() {
            "\"\""
        } else {
            "[redacted]"
        })
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A database URL with any password replaced, safe for logs.
pub fn redacted_url(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("redacted"));
            parsed.to_string()
        }
        Ok(parsed) => parsed.to_string(),
        // Not a URL (a bare path such as `crm.db`): shown as given, up to a user-info part.
        Err(_) => match raw.rsplit_once('@') {
            Some((_, host)) => format!("[redacted]@{host}"),
            None => raw.to_string(),
        },
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

    fn validate(&self) -> Result<(), ConfigError> {
        let url = self.database.url.expose();
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres:")
            || url.starts_with("postgresql:"))
        {
            return Err(ConfigError::BadValue {
                key: "database.url",
                message: format!(
                    "`{}` is not supported: use sqlite://PATH (also sqlite:PATH or \
                     sqlite::memory:) or postgres://USER@HOST/DB",
                    redacted_url(url)
                ),
            });
        }
        if self.database.max_connections == 0 {
            return Err(ConfigError::BadValue {
                key: "database.max_connections",
                message: "must be at least 1".into(),
            });
        }
        for (key, region) in [
            ("crm.default_region", &self.crm.default_region),
            ("crm.default_phone_region", &self.crm.default_phone_region),
        ] {
            let region = region.trim();
            if !region.is_empty() && crate::crm::contact::parse_region(region).is_none() {
                return Err(ConfigError::BadValue {
                    key,
                    message: format!(
                        "`{region}` is not an ISO 3166 alpha-2 region code such as DE, US or RU"
                    ),
                });
            }
        }
        let currency = &self.crm.default_currency;
        if !currency.is_empty()
            && iso_currency::Currency::from_code(&currency.to_uppercase()).is_none()
        {
            return Err(ConfigError::BadValue {
                key: "crm.default_currency",
                message: format!("`{currency}` is not an ISO 4217 code such as EUR or USD"),
            });
        }
        if self.crm.invite_ttl_hours == 0 {
            return Err(ConfigError::BadValue {
                key: "crm.invite_ttl_hours",
                message: "must be at least 1".into(),
            });
        }
        let max_file_mb = crate::crm::files::MAX_FILE_MB_LIMIT;
        if !(1..=max_file_mb).contains(&self.crm.max_file_mb) {
            return Err(ConfigError::BadValue {
                key: "crm.max_file_mb",
                message: format!(
                    "must be between 1 and {max_file_mb} (each file is held in memory while it \
                     is downloaded and stored, several downloads at once)"
                ),
            });
        }
        for (key, total) in [
            ("crm.workspace_files_mb", self.crm.workspace_files_mb),
            ("crm.user_files_mb", self.crm.user_files_mb),
        ] {
            if total < self.crm.max_file_mb {
                return Err(ConfigError::BadValue {
                    key,
                    message: "must be at least crm.max_file_mb".into(),
                });
            }
        }
        if self.privacy.export_link_hours == 0 {
            // Retention would delete exports while they are written or waiting to be sent.
            return Err(ConfigError::BadValue {
                key: "privacy.export_link_hours",
                message: "must be at least 1".into(),
            });
        }
        if self.jobs.interval_secs == 0 {
            return Err(ConfigError::BadValue {
                key: "jobs.interval_secs",
                message: "must be at least 1".into(),
            });
        }
        if self.http.bind.parse::<std::net::SocketAddr>().is_err() {
            return Err(ConfigError::BadValue {
                key: "http.bind",
                message: format!(
                    "`{}` is not an address such as 127.0.0.1:8080",
                    self.http.bind
                ),
            });
        }
        if !self.telegram.token.is_empty() {
            if url::Url::parse(&self.telegram.api_url).is_err() {
                return Err(ConfigError::BadValue {
                    key: "telegram.api_url",
                    message: "must be a URL such as https://api.telegram.org".into(),
                });
            }
            let secret = self.telegram.webhook_secret.expose();
            let valid_secret = (1..=256).contains(&secret.len())
                && secret
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if self.telegram.mode == TelegramMode::Webhook && !valid_secret {
                return Err(ConfigError::BadValue {
                    key: "telegram.webhook_secret",
                    message: "webhook mode needs 1-256 characters of A-Z, a-z, 0-9, _ and -".into(),
                });
            }
            if self.telegram.mode == TelegramMode::Webhook
                && url::Url::parse(&self.http.public_url).is_err()
            {
                return Err(ConfigError::BadValue {
                    key: "http.public_url",
                    message: "webhook mode needs the public https:// address of this endpoint"
                        .into(),
                });
            }
        }
        self.whatsapp.validate()?;
        if self.crm.page_size == 0 || self.crm.page_size > 50 {
            return Err(ConfigError::BadValue {
                key: "crm.page_size",
                message: "must be between 1 and 50".into(),
            });
        }
        if let Err(error) = tracing_subscriber::EnvFilter::try_new(&self.log.level) {
            return Err(ConfigError::BadValue {
                key: "log.level",
                message: error.to_string(),
            });
        }
        Ok(())
    }
}

/// Settings whose values are secrets: an error about one never shows its value.
pub const SECRET_KEYS: [&str; 7] = [
    "database.url",
    "http.admin_token",
    "telegram.token",
    "telegram.webhook_secret",
    "whatsapp.access_token",
    "whatsapp.app_secret",
    "whatsapp.verify_token",
];

/// Figment's errors name the key path and the source (file or environment); keep all of them.
/// For a secret key (or anything inside one) only the kind of the wrong value is told.
fn describe_figment_error(error: figment::Error) -> String {
    error
        .into_iter()
        .map(|e| {
            let path = e.path.join(".");
            let key = if e.path.is_empty() {
                String::new()
            } else {
                format!("`{path}`: ")
            };
            let source = e
                .metadata
                .as_ref()
                .map(|m| format!(" (from {})", m.name))
                .unwrap_or_default();
            let secret = SECRET_KEYS
                .iter()
                .any(|k| path == *k || path.starts_with(&format!("{k}.")));
            let kind = if secret {
                redacted_kind(&e.kind)
            } else if e.path.is_empty() {
                without_quoted_lines(&e.kind.to_string())
            } else {
                e.kind.to_string()
            };
            format!("{key}{kind}{source}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// An error about the file as a whole (a TOML syntax error) quotes the offending line,
/// which may hold a secret: keep where and what, drop the quoted source.
fn without_quoted_lines(message: &str) -> String {
    message
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            !(line.is_empty() || rest.trim_start().starts_with('|'))
        })
        .collect::<Vec<_>>()
        .join(": ")
}

/// What went wrong with a secret's value, without the value.
fn redacted_kind(kind: &figment::error::Kind) -> String {
    use figment::error::{Actual, Kind};
    let what = |actual: &Actual| match actual {
        Actual::Bool(_) => "a boolean",
        Actual::Unsigned(_) | Actual::Signed(_) | Actual::Float(_) => "a number",
        Actual::Char(_) | Actual::Str(_) => "a string",
        Actual::Seq => "an array",
        Actual::Map => "a table",
        _ => "another kind of value",
    };
    match kind {
        Kind::InvalidType(actual, _) => {
            format!(
                "must be a string, found {} (the value is not shown)",
                what(actual)
            )
        }
        _ => "invalid value (the value is not shown)".into(),
    }
}

/// The environment provider, with every value of a text setting (a string in the defaults)
/// kept as the exact string: figment alone reads `0123456789` as the number 123456789 and
/// `98765432101234` as a number a string setting refuses.
struct TextEnv(Env);

impl TextEnv {
    /// The value of `key` (a dotted path) read from the environment's `raw` text.
    fn value(defaults: &Figment, key: &str, raw: &str) -> Value {
        let parsed: Value = raw.parse().unwrap_or_else(|e| match e {});
        let text_setting = matches!(defaults.find_value(key), Ok(Value::String(..)));
        if text_setting && !matches!(parsed, Value::String(..)) {
            Value::from(raw.trim().to_string())
        } else {
            parsed
        }
    }
}

impl Provider for TextEnv {
    fn metadata(&self) -> Metadata {
        self.0.metadata()
    }

    fn data(&self) -> Result<Map<Profile, Dict>, figment::Error> {
        let defaults = Figment::from(Serialized::defaults(Config::default()));
        let mut dict = Dict::new();
        for (key, raw) in self.0.iter() {
            let value = Self::value(&defaults, key.as_str(), &raw);
            insert_path(&mut dict, key.as_str(), value);
        }
        Ok(self.0.profile.collect(dict))
    }
}

/// Puts `value` at the dotted `path` in `dict`, creating tables on the way.
fn insert_path(dict: &mut Dict, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            dict.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let entry = dict
                .entry(head.to_string())
                .or_insert_with(|| Value::from(Dict::new()));
            if !matches!(entry, Value::Dict(..)) {
                *entry = Value::from(Dict::new());
            }
            if let Value::Dict(_, inner) = entry {
                insert_path(inner, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_values_of_text_settings_stay_exact_strings() {
        let defaults = Figment::from(Serialized::defaults(Config::default()));
        let value = |key: &str, raw: &str| TextEnv::value(&defaults, key, raw);
        assert_eq!(
            value("http.admin_token", "0123456789"),
            Value::from("0123456789".to_string())
        );
        assert_eq!(
            value("telegram.webhook_secret", "98765432101234"),
            Value::from("98765432101234".to_string())
        );
        assert_eq!(
            value("whatsapp.phone_number_id", "106540352242922"),
            Value::from("106540352242922".to_string())
        );
        assert_eq!(
            value("crm.default_currency", "true"),
            Value::from("true".to_string())
        );
        // Numbers and switches are still read as such.
        assert_eq!(value("crm.page_size", "20").to_u128(), Some(20));
        assert_eq!(value("telegram.shaping", "false").to_bool(), Some(false));
    }

    #[test]
    fn file_limits_are_validated() {
        let mut config = Config::default();
        assert!(config.validate().is_ok());
        config.crm.max_file_mb = 0;
        let error = config.validate().unwrap_err().to_string();
        assert!(error.contains("crm.max_file_mb"), "{error}");
        config.crm.max_file_mb = 20;
        config.crm.workspace_files_mb = 10;
        let error = config.validate().unwrap_err().to_string();
        assert!(error.contains("crm.workspace_files_mb"), "{error}");
        config.crm.workspace_files_mb = 200;
        config.crm.user_files_mb = 10;
        let error = config.validate().unwrap_err().to_string();
        assert!(error.contains("crm.user_files_mb"), "{error}");
    }

    #[test]
    fn the_file_limit_keeps_downloads_in_memory_small() {
        let mut config = Config::default();
        config.crm.max_file_mb = 100;
        config.crm.workspace_files_mb = 1000;
        config.crm.user_files_mb = 1000;
        assert!(config.validate().is_ok());
        // Up to 2000 used to be accepted: several such downloads at once exhaust memory.
        for too_large in [101, 2000] {
            config.crm.max_file_mb = too_large;
            let error = config.validate().unwrap_err().to_string();
            assert!(error.contains("crm.max_file_mb"), "{error}");
            assert!(error.contains("between 1 and 100"), "{error}");
        }
    }

    #[test]
    fn errors_about_secrets_name_the_kind_not_the_value() {
        use figment::error::{Actual, Kind};
        let kind = Kind::InvalidType(Actual::Float(31415.92653), "a string".into());
        let shown = redacted_kind(&kind);
        assert!(!shown.contains("31415"), "{shown}");
        assert!(shown.contains("a number"), "{shown}");
        let kind = Kind::InvalidValue(Actual::Str("hunter2".into()), "x".into());
        assert!(!redacted_kind(&kind).contains("hunter2"));
    }
}
