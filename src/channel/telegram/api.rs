//! A thin Bot API client over reqwest: the methods ChatCRM calls, the response envelope,
//! and errors classified by what the sender should do (retry after, back off, stop sending
//! to that chat, give up). Types of updates and messages come from teloxide. The token is
//! part of every URL, so no URL ever reaches an error message or a log line.

use std::fmt;
use std::time::Duration;

use reqwest::multipart::{Form, Part};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use teloxide_core::types::Update;

use crate::channel::api_client;
use crate::channel::download::{Download, declared_too_large, read_capped};
use crate::config::Secret;
use crate::message::Choice;

/// A Bot API error, classified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// 429: wait this many seconds.
    #[error("rate limited, retry after {0} s")]
    RetryAfter(u64),
    /// 403: the user blocked the bot or left the chat.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// 5xx, a network error or an unreadable answer: try again later.
    #[error("temporary failure: {0}")]
    Transient(String),
    /// 400 and other refusals: retrying will not help.
    #[error("refused: {0}")]
    Permanent(String),
}

impl ApiError {
    /// "message is not modified" answers an edit that changes nothing: not a failure.
    pub fn is_not_modified(&self) -> bool {
        matches!(self, ApiError::Permanent(d) if d.contains("message is not modified"))
    }
}

#[derive(Deserialize)]
struct Envelope<T> {
    ok: bool,
    result: Option<T>,
    error_code: Option<u16>,
    description: Option<String>,
    parameters: Option<Parameters>,
}

#[derive(Deserialize)]
struct Parameters {
    retry_after: Option<u64>,
}

/// The Bot API at `api_url` for one bot token.
#[derive(Clone)]
pub struct TelegramApi {
    client: reqwest::Client,
    api_url: String,
    token: Secret,
}

impl fmt::Debug for TelegramApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TelegramApi")
            .field("api_url", &self.api_url)
            .field("token", &self.token)
            .finish()
    }
}

/// How long an ordinary Bot API call may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// How long an upload (an export of up to the Bot API's 50 MB for `sendDocument`, see
/// [`crate::message::Channel::max_document_bytes`]) may take.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(600);

/// How long downloading a file sent to the bot may take.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(120);

/// Long-poll timeout plus this margin is the HTTP timeout of getUpdates.
const POLL_MARGIN: Duration = Duration::from_secs(10);

impl TelegramApi {
    pub fn new(api_url: &str, token: Secret) -> TelegramApi {
        TelegramApi {
            client: api_client(),
            api_url: api_url.trim_end_matches('/').to_string(),
            token,
        }
    }

    fn method_url(&self, method: &str) -> String {
        format!("{}/bot{}/{method}", self.api_url, self.token.expose())
    }

    /// Calls `method` with a JSON body.
    pub async fn call<T: DeserializeOwned>(
        &self,
        method: &str,
        body: &Value,
        timeout: Duration,
    ) -> Result<T, ApiError> {
        let request = self
            .client
            .post(self.method_url(method))
            .json(body)
            .timeout(timeout);
        self.execute(request).await
    }

    /// Sends a prepared request and reads the Bot API's envelope.
    async fn execute<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, ApiError> {
        let response = request
            .send()
            .await
            .map_err(|e| ApiError::Transient(e.without_url().to_string()))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| ApiError::Transient(e.without_url().to_string()))?;
        let envelope: Envelope<T> = match serde_json::from_str(&text) {
            Ok(envelope) => envelope,
            Err(_) if status.is_server_error() => {
                return Err(ApiError::Transient(format!("HTTP {status}")));
            }
            Err(error) => {
                return Err(ApiError::Transient(format!(
                    "unreadable answer (HTTP {status}): {error}"
                )));
            }
        };
        if envelope.ok
            && let Some(result) = envelope.result
        {
            return Ok(result);
        }
        let description = envelope.description.unwrap_or_default();
        let code = envelope.error_code.unwrap_or(status.as_u16());
        Err(match code {
            429 => {
                ApiError::RetryAfter(envelope.parameters.and_then(|p| p.retry_after).unwrap_or(1))
            }
            403 => ApiError::Forbidden(description),
            500..=599 => ApiError::Transient(description),
            _ => ApiError::Permanent(format!("{code}: {description}")),
        })
    }

    /// The bot's user id and username (read leniently: Bot API servers differ in the other
    /// fields they send).
    pub async fn get_me(&self) -> Result<(u64, String), ApiError> {
        let me: Value = self.call("getMe", &json!({}), CALL_TIMEOUT).await?;
        let id = me
            .get("id")
            .and_then(Value::as_u64)
            .ok_or_else(|| ApiError::Permanent("getMe: no id".into()))?;
        let username = me
            .get("username")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        Ok((id, username))
    }

    /// Long-polls for updates after `offset`.
    pub async fn get_updates(
        &self,
        offset: i64,
        timeout_secs: u64,
        limit: u32,
    ) -> Result<Vec<Update>, ApiError> {
        let body = json!({ "offset": offset, "timeout": timeout_secs, "limit": limit });
        self.call(
            "getUpdates",
            &body,
            Duration::from_secs(timeout_secs) + POLL_MARGIN,
        )
        .await
    }

    /// Sends a plain-text message (no parse mode: user text is never interpreted as markup);
    /// returns the new message's id.
    pub async fn send_message(
        &self,
        chat_id: &str,
        text: &str,
        choices: &[Choice],
    ) -> Result<i64, ApiError> {
        let mut body = json!({ "chat_id": chat_value(chat_id), "text": text, "link_preview_options": { "is_disabled": true } });
        if !choices.is_empty() {
            body["reply_markup"] = keyboard(choices);
        }
        let message: Value = self.call("sendMessage", &body, CALL_TIMEOUT).await?;
        Ok(message
            .get("message_id")
            .and_then(Value::as_i64)
            .unwrap_or_default())
    }

    /// Uploads the file at `path` as a document named `file_name` with `caption`, streamed
    /// from disk (multipart `sendDocument`); returns the new message's id. A missing file is
    /// a permanent failure.
    pub async fn send_document(
        &self,
        chat_id: &str,
        path: &std::path::Path,
        file_name: &str,
        caption: &str,
    ) -> Result<i64, ApiError> {
        let file = tokio::fs::File::open(path)
            .await
            .map_err(|e| ApiError::Permanent(format!("the file to send is gone: {}", e.kind())))?;
        let length = file
            .metadata()
            .await
            .map_err(|e| {
                ApiError::Permanent(format!("the file to send is unreadable: {}", e.kind()))
            })?
            .len();
        let stream = tokio_util::io::ReaderStream::new(file);
        let part = Part::stream_with_length(reqwest::Body::wrap_stream(stream), length)
            .file_name(file_name.to_string())
            .mime_str("application/zip")
            .map_err(|e| ApiError::Permanent(e.without_url().to_string()))?;
        let mut form = Form::new()
            .text("chat_id", chat_id.to_string())
            .part("document", part);
        if !caption.is_empty() {
            form = form.text("caption", caption.to_string());
        }
        let request = self
            .client
            .post(self.method_url("sendDocument"))
            .multipart(form)
            .timeout(UPLOAD_TIMEOUT);
        let message: Value = self.execute(request).await?;
        Ok(message
            .get("message_id")
            .and_then(Value::as_i64)
            .unwrap_or_default())
    }

    /// Replaces the text and buttons of one of the bot's messages.
    pub async fn edit_message_text(
        &self,
        chat_id: &str,
        message_id: &str,
        text: &str,
        choices: &[Choice],
    ) -> Result<(), ApiError> {
        let mut body = json!({
            "chat_id": chat_value(chat_id),
            "message_id": message_id.parse::<i64>().unwrap_or_default(),
            "text": text,
            "link_preview_options": { "is_disabled": true },
        });
        body["reply_markup"] = keyboard(choices);
        let _: Value = self.call("editMessageText", &body, CALL_TIMEOUT).await?;
        Ok(())
    }

    /// Answers a button press: stops its spinner and shows `text`, if any, as a short
    /// notice over the chat (at most 200 characters).
    pub async fn answer_callback_query(
        &self,
        id: &str,
        text: Option<&str>,
    ) -> Result<(), ApiError> {
        let mut body = json!({ "callback_query_id": id });
        if let Some(text) = text {
            body["text"] = Value::from(text.chars().take(200).collect::<String>());
        }
        let _: Value = self
            .call("answerCallbackQuery", &body, Duration::from_secs(10))
            .await?;
        Ok(())
    }

    pub async fn send_typing(&self, chat_id: &str) -> Result<(), ApiError> {
        let body = json!({ "chat_id": chat_value(chat_id), "action": "typing" });
        let _: Value = self
            .call("sendChatAction", &body, Duration::from_secs(10))
            .await?;
        Ok(())
    }

    /// Sets the command menu for one language (`None`: the default for every language).
    pub async fn set_my_commands(
        &self,
        commands: &[(String, String)],
        language: Option<&str>,
    ) -> Result<(), ApiError> {
        let commands: Vec<Value> = commands
            .iter()
            .map(|(c, d)| json!({ "command": c, "description": d }))
            .collect();
        let mut body = json!({ "commands": commands });
        if let Some(language) = language {
            body["language_code"] = json!(language);
        }
        let _: Value = self.call("setMyCommands", &body, CALL_TIMEOUT).await?;
        Ok(())
    }

    pub async fn set_webhook(&self, url: &str, secret: &Secret) -> Result<(), ApiError> {
        let body = json!({ "url": url, "secret_token": secret.expose(), "allowed_updates": ["message", "callback_query"] });
        let _: Value = self.call("setWebhook", &body, CALL_TIMEOUT).await?;
        Ok(())
    }

    pub async fn delete_webhook(&self) -> Result<(), ApiError> {
        let _: Value = self.call("deleteWebhook", &json!({}), CALL_TIMEOUT).await?;
        Ok(())
    }

    /// Downloads a file sent to the bot (getFile, then the file URL), at most `max` bytes:
    /// a larger size in getFile's answer refuses it without downloading, and a body longer
    /// than `max` is abandoned while it streams.
    pub async fn download(&self, file_id: &str, max: usize) -> Result<Download, ApiError> {
        let file: Value = self
            .call("getFile", &json!({ "file_id": file_id }), CALL_TIMEOUT)
            .await?;
        if declared_too_large(file.get("file_size").and_then(Value::as_u64), max) {
            return Ok(Download::TooLarge);
        }
        let path = file
            .get("file_path")
            .and_then(Value::as_str)
            .ok_or_else(|| ApiError::Permanent("no file_path".into()))?;
        let url = format!("{}/file/bot{}/{path}", self.api_url, self.token.expose());
        let response = self
            .client
            .get(url)
            .timeout(DOWNLOAD_TIMEOUT)
            .send()
            .await
            .map_err(|e| ApiError::Transient(e.without_url().to_string()))?;
        if !response.status().is_success() {
            return Err(ApiError::Transient(format!(
                "file download: HTTP {}",
                response.status()
            )));
        }
        read_capped(response, max)
            .await
            .map_err(|e| ApiError::Transient(e.without_url().to_string()))
    }
}

/// Chat ids are numbers; `@channel` names stay strings.
fn chat_value(chat_id: &str) -> Value {
    chat_id
        .parse::<i64>()
        .map_or_else(|_| json!(chat_id), |id| json!(id))
}

/// An inline keyboard: two buttons a row, one when a label is long; a link is a URL button.
fn keyboard(choices: &[Choice]) -> Value {
    let per_row = if choices.iter().any(|c| c.label.chars().count() > 20) {
        1
    } else {
        2
    };
    let rows: Vec<Vec<Value>> = choices
        .chunks(per_row)
        .map(|row| {
            row.iter()
                .map(|c| match &c.url {
                    Some(url) => json!({ "text": c.label, "url": url }),
                    None => json!({ "text": c.label, "callback_data": c.data }),
                })
                .collect()
        })
        .collect();
    json!({ "inline_keyboard": rows })
}

#[cfg(test)]
mod keyboard_tests {
    use super::*;

    #[test]
    fn a_link_is_a_url_button_and_a_choice_sends_its_data() {
        let markup = keyboard(&[
            Choice::link("Connect Google", "https://accounts.example/auth"),
            Choice::new("Cancel", "cancel"),
        ]);
        let row = &markup["inline_keyboard"][0];
        assert_eq!(row[0]["url"], "https://accounts.example/auth");
        assert!(row[0].get("callback_data").is_none());
        assert_eq!(row[1]["callback_data"], "cancel");
    }
}
