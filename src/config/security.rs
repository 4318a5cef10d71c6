//! `[security]`: the key that seals secrets at rest (OAuth tokens, see `crate::seal`), and
//! where a SQLite database's file is (the key file lives next to it when no key is set).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{ConfigError, Secret};

/// `[security]`: sealing keys.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecurityConfig {
    /// 64 hex digits (32 bytes). Empty: a key file `chatcrm.key` (0600) is made next to the
    /// SQLite database; with PostgreSQL a key must be set, the same on every instance.
    pub encryption_key: Secret,
    /// Keys used before a rotation: values they sealed still open, and are sealed again with
    /// `encryption_key` when next written.
    pub previous_encryption_keys: Vec<Secret>,
}

impl SecurityConfig {
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        let is_key = |s: &Secret| {
            let k = s.expose().trim();
            k.len() == 64 && k.chars().all(|c| c.is_ascii_hexdigit())
        };
        if !self.encryption_key.is_empty() && !is_key(&self.encryption_key) {
            return Err(ConfigError::BadValue {
                key: "security.encryption_key",
                message: "must be 64 hex digits (32 bytes), e.g. from `openssl rand -hex 32`"
                    .into(),
            });
        }
        if self.previous_encryption_keys.iter().any(|k| !is_key(k)) {
            return Err(ConfigError::BadValue {
                key: "security.previous_encryption_keys",
                message: "each must be 64 hex digits (32 bytes)".into(),
            });
        }
        if !self.previous_encryption_keys.is_empty() && self.encryption_key.is_empty() {
            return Err(ConfigError::BadValue {
                key: "security.previous_encryption_keys",
                message: "needs security.encryption_key (the key after the rotation)".into(),
            });
        }
        Ok(())
    }
}

/// The file of a SQLite database URL (`sqlite://data/crm.db?mode=rwc` → `data/crm.db`);
/// `None` for an in-memory database or another backend.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite:")?.trim_start_matches("//");
    let path = rest.split_once('?').map_or(rest, |(path, _)| path);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_files_are_found_in_every_spelling() {
        for (url, file) in [
            ("sqlite://data/crm.db", Some("data/crm.db")),
            ("sqlite:crm.db?mode=rwc", Some("crm.db")),
            ("sqlite:///var/lib/c.db", Some("/var/lib/c.db")),
            ("sqlite::memory:", None),
            ("postgres://u@h/db", None),
        ] {
            assert_eq!(sqlite_file(url), file.map(PathBuf::from), "{url}");
        }
    }

    #[test]
    fn keys_must_be_32_bytes_of_hex_and_never_show() {
        let bad = SecurityConfig {
            encryption_key: Secret::new("not-a-key-hunter2"),
            ..SecurityConfig::default()
        };
        let error = bad.validate().unwrap_err().to_string();
        assert!(error.contains("security.encryption_key") && !error.contains("hunter2"));
        let key = "ab".repeat(32);
        let good = SecurityConfig {
            encryption_key: Secret::new(key.clone()),
            previous_encryption_keys: vec![Secret::new("cd".repeat(32))],
        };
        assert!(good.validate().is_ok());
        assert!(!format!("{good:?}").contains(&key));
        let orphan = SecurityConfig {
            previous_encryption_keys: vec![Secret::new("cd".repeat(32))],
            ..SecurityConfig::default()
        };
        assert!(orphan.validate().is_err());
    }
}
