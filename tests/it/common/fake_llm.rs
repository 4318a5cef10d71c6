//! A fake OpenAI-compatible server (axum on port 0) standing in for the model in tests. It
//! answers `POST /v1/chat/completions` in the shape async-openai parses (`id`, `object`,
//! `created`, `model`, `choices[].index`, `choices[].message.role`, `finish_reason`
//! "stop", `usage`), from a script of replies, else from a responder closure, else with a
//! 500 saying nothing was scripted. It counts calls and keeps every request body and
//! Authorization header, so tests can check what reached the model (and that nothing did).
//!
//! Self-contained (axum, tokio, serde_json): the library's own client tests include it too.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

/// The key tests configure; the fake refuses any other with 401.
pub const KEY: &str = "sk-test-fake-llm-key";
/// The model name tests configure.
pub const MODEL: &str = "fake-model";

/// One scripted answer.
#[derive(Debug, Clone)]
pub enum FakeReply {
    /// A normal answer with this content and this many total tokens in `usage`.
    Content { text: String, total_tokens: u32 },
    /// An error status with an OpenAI-style error body, and a `Retry-After` header if given.
    Status {
        status: u16,
        retry_after_secs: Option<u64>,
        error_type: &'static str,
    },
    /// A body that is not a chat completion.
    Garbage(String),
    /// The inner reply, after a delay (to make the client time out).
    Delayed(Duration, Box<FakeReply>),
}

impl FakeReply {
    /// A JSON answer (structured output) counted as `total_tokens`.
    pub fn json(value: Value, total_tokens: u32) -> FakeReply {
        FakeReply::Content {
            text: value.to_string(),
            total_tokens,
        }
    }

    /// A plain text answer counted as `total_tokens`.
    pub fn text(text: impl Into<String>, total_tokens: u32) -> FakeReply {
        FakeReply::Content {
            text: text.into(),
            total_tokens,
        }
    }

    /// A bare error status (500, 503, 401…).
    pub fn status(status: u16) -> FakeReply {
        FakeReply::Status {
            status,
            retry_after_secs: None,
            error_type: "server_error",
        }
    }

    /// A 429 asking to wait `secs` seconds.
    pub fn rate_limited(secs: u64) -> FakeReply {
        FakeReply::Status {
            status: 429,
            retry_after_secs: Some(secs),
            error_type: "rate_limit_exceeded",
        }
    }
}

type Responder = Box<dyn Fn(&Value) -> FakeReply + Send + Sync>;

#[derive(Default)]
struct Inner {
    script: Mutex<VecDeque<FakeReply>>,
    responder: Mutex<Option<Responder>>,
    bodies: Mutex<Vec<Value>>,
    authorizations: Mutex<Vec<Option<String>>>,
}

/// The running fake.
#[derive(Clone)]
pub struct FakeLlm {
    inner: Arc<Inner>,
    base_url: String,
}

impl FakeLlm {
    /// Starts the fake on a free port of 127.0.0.1.
    pub async fn start() -> FakeLlm {
        let inner = Arc::new(Inner::default());
        let app = Router::new()
            .route("/v1/chat/completions", post(completions))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeLlm {
            inner,
            base_url: format!("http://{addr}/v1"),
        }
    }

    /// `http://127.0.0.1:PORT/v1`, the value for `[llm] base_url`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Queues a reply for the next call (scripted replies go first, in order).
    pub fn push(&self, reply: FakeReply) {
        self.inner.script.lock().unwrap().push_back(reply);
    }

    /// Answers every unscripted call with `responder(request body)`.
    pub fn respond_with(&self, responder: impl Fn(&Value) -> FakeReply + Send + Sync + 'static) {
        *self.inner.responder.lock().unwrap() = Some(Box::new(responder));
    }

    /// How many calls arrived.
    pub fn calls(&self) -> usize {
        self.inner.bodies.lock().unwrap().len()
    }

    /// Every request body, in order.
    pub fn bodies(&self) -> Vec<Value> {
        self.inner.bodies.lock().unwrap().clone()
    }

    /// Every request's Authorization header, in order.
    pub fn authorizations(&self) -> Vec<Option<String>> {
        self.inner.authorizations.lock().unwrap().clone()
    }
}

/// The text of every message of a recorded request body, joined (to search what was sent).
pub fn prompt_text(body: &Value) -> String {
    body["messages"]
        .as_array()
        .map(|messages| {
            messages
                .iter()
                .filter_map(|m| m["content"].as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

async fn completions(
    State(inner): State<Arc<Inner>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    inner.bodies.lock().unwrap().push(body.clone());
    inner
        .authorizations
        .lock()
        .unwrap()
        .push(authorization.clone());
    if authorization.as_deref() != Some(&format!("Bearer {KEY}")) {
        return error(
            401,
            None,
            "invalid_request_error",
            "Incorrect API key provided",
        );
    }
    let scripted = inner.script.lock().unwrap().pop_front();
    let reply = match scripted {
        Some(reply) => reply,
        None => match inner.responder.lock().unwrap().as_ref() {
            Some(responder) => responder(&body),
            None => return error(500, None, "server_error", "nothing scripted for this call"),
        },
    };
    answer(reply, &body).await
}

async fn answer(mut reply: FakeReply, body: &Value) -> Response {
    while let FakeReply::Delayed(delay, inner) = reply {
        tokio::time::sleep(delay).await;
        reply = *inner;
    }
    match reply {
        FakeReply::Content { text, total_tokens } => {
            let model = body["model"].as_str().unwrap_or(MODEL);
            Json(json!({
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": 1764403260,
                "model": model,
                "choices": [{
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop"
                }],
                "usage": {
                    "prompt_tokens": total_tokens / 2,
                    "completion_tokens": total_tokens - total_tokens / 2,
                    "total_tokens": total_tokens
                }
            }))
            .into_response()
        }
        FakeReply::Status {
            status,
            retry_after_secs,
            error_type,
        } => error(status, retry_after_secs, error_type, "scripted failure"),
        FakeReply::Garbage(text) => (StatusCode::OK, text).into_response(),
        FakeReply::Delayed(..) => unreachable!("unwrapped above"),
    }
}

fn error(status: u16, retry_after: Option<u64>, kind: &str, message: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body =
        Json(json!({"error": {"message": message, "type": kind, "param": null, "code": null}}));
    match retry_after {
        Some(secs) => (status, [("retry-after", secs.to_string())], body).into_response(),
        None => (status, body).into_response(),
    }
}
