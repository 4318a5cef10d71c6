//! Keeping secrets out of sight: [`Secret`] settings print `[redacted]`, a database URL is
//! shown without its password, and an error about a secret setting names the kind of the
//! wrong value, never the value.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::env::lenient_text;

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

/// Settings whose values are secrets: an error about one never shows its value.
pub const SECRET_KEYS: [&str; 11] = [
    "database.url",
    "http.admin_token",
    "telegram.token",
    "telegram.webhook_secret",
    "whatsapp.access_token",
    "whatsapp.app_secret",
    "whatsapp.verify_token",
    "llm.api_key",
    "security.encryption_key",
    "security.previous_encryption_keys",
    "google.client_secret",
];

/// Figment's errors name the key path and the source (file or environment); keep all of them.
/// For a secret key (or anything inside one) only the kind of the wrong value is told.
pub(super) fn describe_figment_error(error: figment::Error) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
