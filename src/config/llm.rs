//! `[llm]`: the OpenAI-compatible server the AI features call (OpenAI, Azure, a local Ollama
//! or vLLM). AI is on when `model` is set; without it every AI feature says that AI is not
//! configured and free text behaves as without AI. Also the rule every outside base URL
//! follows: https, or plain http only to a loopback host (a local model, a fake in tests).

use serde::{Deserialize, Serialize};

use super::{ConfigError, Secret};

/// `[llm]`: the model server, its key, and the limits on using it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LlmConfig {
    /// The API base, up to and including `/v1` (`https://api.openai.com/v1`,
    /// `http://127.0.0.1:11434/v1` for Ollama).
    pub base_url: String,
    /// The API key sent as `Authorization: Bearer …`; local servers may need none.
    pub api_key: Secret,
    /// The model name (`gpt-4o-mini`, `llama3.1`); empty turns AI off.
    pub model: String,
    /// Seconds one call to the model may take before it is given up.
    pub timeout_secs: u64,
    /// Tokens (as the server reports them in `usage`) one workspace may use per UTC day.
    pub daily_tokens_per_workspace: u64,
    /// AI requests one user may start per minute.
    pub requests_per_minute_per_user: u32,
    /// Retries of a call that got 429 or 5xx or could not connect.
    pub max_retries: u32,
    /// The longest `Retry-After` (seconds) waited for; a server asking for longer is not
    /// retried, so no call hangs in a long backoff.
    pub max_retry_wait_secs: u64,
}

impl Default for LlmConfig {
    fn default() -> Self {
        Self {
            base_url: "https://api.openai.com/v1".into(),
            api_key: Secret::default(),
            model: String::new(),
            timeout_secs: 30,
            daily_tokens_per_workspace: 200_000,
            requests_per_minute_per_user: 6,
            max_retries: 2,
            max_retry_wait_secs: 20,
        }
    }
}

impl LlmConfig {
    /// Whether AI features are on: a model is named.
    pub fn is_configured(&self) -> bool {
        !self.model.trim().is_empty()
    }

    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        if !self.is_configured() {
            return Ok(());
        }
        outside_url("llm.base_url", &self.base_url, "https://api.openai.com/v1")?;
        for (key, value) in [
            ("llm.timeout_secs", self.timeout_secs),
            (
                "llm.daily_tokens_per_workspace",
                self.daily_tokens_per_workspace,
            ),
            (
                "llm.requests_per_minute_per_user",
                u64::from(self.requests_per_minute_per_user),
            ),
        ] {
            if value == 0 {
                return Err(ConfigError::BadValue {
                    key,
                    message: "must be at least 1".into(),
                });
            }
        }
        if self.timeout_secs > 600 {
            return Err(ConfigError::BadValue {
                key: "llm.timeout_secs",
                message: "must be at most 600".into(),
            });
        }
        if self.max_retries > 5 {
            return Err(ConfigError::BadValue {
                key: "llm.max_retries",
                message: "must be at most 5".into(),
            });
        }
        if self.max_retry_wait_secs > 120 {
            return Err(ConfigError::BadValue {
                key: "llm.max_retry_wait_secs",
                message: "must be at most 120".into(),
            });
        }
        Ok(())
    }
}

/// Checks the base URL of an outside service: a URL with a host, https — or http to a
/// loopback host (`localhost`, 127.0.0.0/8, `::1`), where nothing crosses a network.
pub(super) fn outside_url(key: &'static str, raw: &str, example: &str) -> Result<(), ConfigError> {
    let bad = |message: String| ConfigError::BadValue { key, message };
    let url =
        url::Url::parse(raw.trim()).map_err(|_| bad(format!("must be a URL such as {example}")))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => return Err(bad(format!("must be a URL such as {example}"))),
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => Err(bad(
            "must use https:// (plain http:// only to a loopback host such as 127.0.0.1)".into(),
        )),
        _ => Err(bad(format!("must be a URL such as {example}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::config::bad_key as key_of;

    #[test]
    fn https_anywhere_and_http_only_to_loopback() {
        for ok in [
            "https://api.openai.com/v1",
            "http://127.0.0.1:11434/v1",
            "http://localhost:8000/v1",
            "http://[::1]:9/v1",
            "http://127.8.0.1/v1",
        ] {
            assert!(outside_url("k", ok, "x").is_ok(), "{ok}");
        }
        for bad in [
            "http://api.openai.com/v1",
            "http://10.0.0.5/v1",
            "ftp://127.0.0.1/",
            "api.openai.com",
            "",
            "http://localhost.evil.example/v1",
        ] {
            assert_eq!(key_of(outside_url("k", bad, "x")), Some("k"), "{bad}");
        }
    }

    #[test]
    fn ai_is_off_without_a_model_and_its_limits_are_checked_when_on() {
        let mut llm = LlmConfig::default();
        assert!(!llm.is_configured());
        llm.base_url = "http://example.com/v1".into();
        assert!(llm.validate().is_ok(), "nothing is checked while AI is off");
        llm.model = "gpt-4o-mini".into();
        assert_eq!(key_of(llm.validate()), Some("llm.base_url"));
        llm.base_url = "https://example.com/v1".into();
        assert!(llm.validate().is_ok());
        llm.timeout_secs = 0;
        assert_eq!(key_of(llm.validate()), Some("llm.timeout_secs"));
        llm.timeout_secs = 30;
        llm.max_retry_wait_secs = 900;
        assert_eq!(key_of(llm.validate()), Some("llm.max_retry_wait_secs"));
    }

    #[test]
    fn the_key_never_shows() {
        let llm = LlmConfig {
            api_key: Secret::new("sk-live-123"),
            ..LlmConfig::default()
        };
        assert!(!format!("{llm:?}").contains("sk-live-123"));
    }
}
