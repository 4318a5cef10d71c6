//! The model client: async-openai's chat completions against the configured
//! OpenAI-compatible server (`[llm] base_url`), with a per-attempt timeout, capped retries
//! ([`super::retry`]) and structured output when a feature gives a JSON Schema.
//!
//! Only the AI worker may call the model: [`Model::complete`] is visible inside `crate::ai`
//! alone, and the worker reaches it only for a request a user's own message recorded.
//! Errors say what went wrong in words that hold no key, prompt or answer text.

use std::time::Duration;

use async_openai::Client;
use async_openai::config::OpenAIConfig;
use async_openai::error::OpenAIError;
use async_openai::types::chat::{
    ChatCompletionRequestSystemMessage, ChatCompletionRequestUserMessage,
    CreateChatCompletionRequestArgs, ResponseFormat, ResponseFormatJsonSchema,
};

use super::retry::{self, RetryPolicy};
use super::{ModelAnswer, ModelCall};
use crate::config::LlmConfig;

/// A configured model server.
#[derive(Clone)]
pub struct Model {
    client: Client<OpenAIConfig>,
    model: String,
    timeout: Duration,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("model", &self.model)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Why the model gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// No answer within `[llm] timeout_secs`.
    #[error("the model did not answer in time")]
    Timeout,
    /// The server could not be reached or failed (5xx), also after the retries.
    #[error("the model server is unavailable: {0}")]
    Unavailable(String),
    /// The server's rate limit or quota (429), also after the retries.
    #[error("the model server is rate limiting us")]
    RateLimited,
    /// The server refused the request (a bad key, an unknown model, a rejected prompt).
    #[error("the model server refused the request: {0}")]
    Refused(String),
    /// An answer that could not be read, or an empty one.
    #[error("the model's answer could not be read: {0}")]
    BadAnswer(String),
}

impl ModelError {
    /// A short label for metrics and the request row.
    pub fn kind(&self) -> &'static str {
        match self {
            ModelError::Timeout => "timeout",
            ModelError::Unavailable(_) => "unavailable",
            ModelError::RateLimited => "rate_limited",
            ModelError::Refused(_) => "refused",
            ModelError::BadAnswer(_) => "bad_answer",
        }
    }
}

impl Model {
    /// The model `[llm]` names, or `None` when AI is not configured.
    pub fn new(config: &LlmConfig) -> Option<Model> {
        if !config.is_configured() {
            return None;
        }
        let timeout = Duration::from_secs(config.timeout_secs);
        let http = reqwest013::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .redirect(reqwest013::redirect::Policy::none())
            .build()
            .ok()?;
        let policy = RetryPolicy {
            max_retries: config.max_retries,
            max_wait: Duration::from_secs(config.max_retry_wait_secs),
        };
        let api = OpenAIConfig::new()
            .with_api_base(config.base_url.trim().trim_end_matches('/'))
            .with_api_key(config.api_key.expose());
        let client = Client::with_config(api)
            .with_http_client(http.clone())
            .with_http_service(retry::service(http, policy));
        Some(Model {
            client,
            model: config.model.trim().to_string(),
            timeout,
        })
    }

    /// The configured model's name (recorded with each request).
    pub fn name(&self) -> &str {
        &self.model
    }

    /// Sends one call and returns the answer's text and the tokens the server counted.
    pub(in crate::ai) async fn complete(
        &self,
        call: &ModelCall,
    ) -> Result<ModelAnswer, ModelError> {
        let mut request = CreateChatCompletionRequestArgs::default();
        request
            .model(self.model.clone())
            .messages([
                ChatCompletionRequestSystemMessage::from(call.system.as_str()).into(),
                ChatCompletionRequestUserMessage::from(call.user.as_str()).into(),
            ])
            .max_completion_tokens(call.max_tokens);
        if let Some(schema) = &call.schema {
            request.response_format(ResponseFormat::JsonSchema {
                json_schema: ResponseFormatJsonSchema {
                    description: None,
                    name: schema.name.to_string(),
                    schema: schema.schema.clone(),
                    strict: Some(true),
                },
            });
        }
        let request = request
            .build()
            .map_err(|e| ModelError::Refused(e.to_string()))?;
        let response = self.client.chat().create(request).await.map_err(classify)?;
        let content = response
            .choices
            .into_iter()
            .next()
            .and_then(|choice| choice.message.content)
            .filter(|text| !text.trim().is_empty())
            .ok_or_else(|| ModelError::BadAnswer("no content in the answer".into()))?;
        Ok(ModelAnswer {
            text: content,
            total_tokens: response
                .usage
                .map(|usage| u64::from(usage.total_tokens))
                .unwrap_or(0),
        })
    }
}

/// The error a failed call is reported as.
fn classify(error: OpenAIError) -> ModelError {
    match error {
        OpenAIError::Reqwest(e) if e.is_timeout() => ModelError::Timeout,
        OpenAIError::Reqwest(e) if e.is_connect() => {
            ModelError::Unavailable("could not connect".into())
        }
        OpenAIError::Reqwest(e) => ModelError::Unavailable(
            e.status()
                .map(|s| s.to_string())
                .unwrap_or_else(|| "the connection failed".into()),
        ),
        OpenAIError::ApiError(api) => {
            let status = api.status_code.as_u16();
            if status == 429 {
                ModelError::RateLimited
            } else if api.status_code.is_server_error() {
                ModelError::Unavailable(api.status_code.to_string())
            } else {
                // The server's own words (they name a model or a parameter, never our key).
                let message: String = api.api_error.message.chars().take(200).collect();
                ModelError::Refused(format!("{status}: {message}"))
            }
        }
        OpenAIError::JSONDeserialize(e, _) => ModelError::BadAnswer(e.to_string()),
        other => ModelError::BadAnswer(other.to_string().chars().take(200).collect()),
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
