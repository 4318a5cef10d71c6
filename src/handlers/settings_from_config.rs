//! The handler [`Settings`] a configuration implies. The configuration is the one source of
//! defaults: `Settings::default()` is what the built-in `Config::default()` implies.

use super::Settings;
use crate::config::Config;
use crate::crm::files::MB;

impl Settings {
    /// The handler settings of `config`.
    pub fn from_config(config: &Config) -> Settings {
        Settings {
            default_phone_region: config.crm.region(),
            default_currency: iso_currency::Currency::from_code(
                &config.crm.default_currency.to_uppercase(),
            ),
            page_size: config.crm.page_size,
            bot_username: None,
            invite_ttl_hours: i64::from(config.crm.invite_ttl_hours),
            policy_url: config.privacy.policy_url.clone(),
            policy_version: config.privacy.policy_version.clone(),
            export_dir: config.privacy.export_dir.clone(),
            export_link_hours: i64::from(config.privacy.export_link_hours),
            public_url: config.http.public_url.trim_end_matches('/').to_string(),
            export_via_link: config.privacy.export_via_link,
            max_file_bytes: usize::try_from(u64::from(config.crm.max_file_mb) * MB)
                .unwrap_or(usize::MAX),
            workspace_files_bytes: u64::from(config.crm.workspace_files_mb) * MB,
            user_files_bytes: u64::from(config.crm.user_files_mb) * MB,
            ai: crate::ai::AiSettings {
                configured: config.llm.is_configured(),
                daily_tokens_per_workspace: config.llm.daily_tokens_per_workspace,
            },
            google: None,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from_config(&Config::default())
    }
}
