//! Checking the loaded settings: a bad value stops start-up with [`ConfigError::BadValue`]
//! naming its key.

use super::llm::outside_url;
use super::{Config, ConfigError, TelegramMode, WhatsAppConfig, redacted_url};

impl Config {
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
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
            outside_url(
                "telegram.api_url",
                &self.telegram.api_url,
                "https://api.telegram.org",
            )?;
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
        self.llm.validate()?;
        self.security.validate()?;
        self.google.validate(&self.http.public_url)?;
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

impl WhatsAppConfig {
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
        outside_url(
            "whatsapp.graph_url",
            &self.graph_url,
            "https://graph.facebook.com",
        )?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
