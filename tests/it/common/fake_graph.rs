//! A fake WhatsApp Cloud API (Graph) server (axum on port 0) standing in for Meta in tests:
//! it records every message sent (with the Authorization header it came with), answers
//! sends with a fresh wamid or with scripted errors, and serves media (the lookup that
//! gives a URL, then the bytes), both only to the right bearer token, and keeps media
//! uploaded to `/{phone}/media` (multipart) under the id it answers with.
#![allow(dead_code)]

use super::fake_telegram::upload_form;

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

/// The token the fake accepts.
pub const TOKEN: &str = "EAAG-test-access-token";

/// One recorded request.
#[derive(Debug, Clone)]
pub struct Call {
    /// "send", "upload", "delete", "media" (the URL lookup) or "download".
    pub kind: String,
    pub path: String,
    pub body: Value,
    pub authorization: Option<String>,
    /// The message id a send was answered with.
    pub wamid: Option<String>,
    pub at: Instant,
}

#[derive(Default)]
struct Inner {
    url: String,
    calls: Vec<Call>,
    /// Forced answers to sends, used before the normal one.
    scripted: VecDeque<(u16, Value)>,
    media: HashMap<String, Vec<u8>>,
    /// Uploaded media by id: (file name, bytes).
    uploads: HashMap<String, (String, Vec<u8>)>,
    next_id: u64,
    /// How long a media download takes.
    download_delay: Duration,
}

/// A running fake Graph API.
#[derive(Clone)]
pub struct FakeGraph {
    pub url: String,
    inner: Arc<Mutex<Inner>>,
}

impl FakeGraph {
    pub async fn start() -> FakeGraph {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let inner = Arc::new(Mutex::new(Inner {
            url: url.clone(),
            ..Inner::default()
        }));
        let app = Router::new()
            .route("/{version}/{phone}/messages", post(send))
            .route("/{version}/{phone}/media", post(upload))
            .route("/{version}/{media_id}", get(media).delete(delete_media))
            .route("/download/{media_id}", get(download))
            .with_state(inner.clone());
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        FakeGraph { url, inner }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Makes the next send answer `status` with `body`.
    pub fn script(&self, status: u16, body: Value) {
        self.lock().scripted.push_back((status, body));
    }

    /// Makes every media download take `delay` (a slow network).
    pub fn slow_downloads(&self, delay: Duration) {
        self.lock().download_delay = delay;
    }

    pub fn add_media(&self, id: &str, bytes: &[u8]) {
        self.lock().media.insert(id.to_string(), bytes.to_vec());
    }

    /// The media uploaded as `media_id`: (file name, bytes).
    pub fn upload(&self, media_id: &str) -> Option<(String, Vec<u8>)> {
        self.lock().uploads.get(media_id).cloned()
    }

    pub fn calls(&self, kind: &str) -> Vec<Call> {
        self.lock()
            .calls
            .iter()
            .filter(|c| c.kind == kind)
            .cloned()
            .collect()
    }

    /// The messages sent to `to` that were accepted, in order.
    pub fn sent_to(&self, to: &str) -> Vec<Value> {
        self.lock()
            .calls
            .iter()
            .filter(|c| c.kind == "send" && c.body["to"] == to && c.body["accepted"] != false)
            .map(|c| c.body.clone())
            .collect()
    }

    /// The texts (plain text or interactive bodies) sent to `to`, in order.
    pub fn texts_to(&self, to: &str) -> Vec<String> {
        self.sent_to(to)
            .iter()
            .filter_map(|m| {
                m["text"]["body"]
                    .as_str()
                    .or(m["interactive"]["body"]["text"].as_str())
                    .map(str::to_string)
            })
            .collect()
    }

    /// Waits until `check` holds (polling every 20 ms), failing after `secs` seconds.
    pub async fn wait_for(&self, secs: u64, what: &str, check: impl Fn(&FakeGraph) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while !check(self) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; calls: {:#?}",
                self.lock()
                    .calls
                    .iter()
                    .map(|c| (&c.kind, &c.body))
                    .collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

fn record(inner: &mut Inner, kind: &str, path: String, body: Value, headers: &HeaderMap) {
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    inner.calls.push(Call {
        kind: kind.to_string(),
        path,
        body,
        authorization,
        wamid: None,
        at: Instant::now(),
    });
}

/// Records a request without a body; the 401 to answer when its token is wrong.
fn admit(inner: &mut Inner, kind: &str, path: String, headers: &HeaderMap) -> Option<Response> {
    record(inner, kind, path, Value::Null, headers);
    (!authorized(headers)).then(|| error(401, 190, "Invalid OAuth access token"))
}

fn authorized(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {TOKEN}"))
}

fn error(status: u16, code: i64, message: &str) -> Response {
    let body = json!({ "error": { "message": message, "type": "OAuthException", "code": code, "fbtrace_id": "Fake" } });
    (StatusCode::from_u16(status).unwrap(), Json(body)).into_response()
}

async fn send(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path((version, phone)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut inner = inner.lock().unwrap_or_else(|p| p.into_inner());
    let mut message: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let path = format!("/{version}/{phone}/messages");
    let scripted = inner.scripted.pop_front();
    let refused = scripted.is_some() || !authorized(&headers);
    if refused {
        // Marked so tests can tell accepted sends from refused ones.
        message["accepted"] = json!(false);
    }
    record(&mut inner, "send", path, message.clone(), &headers);
    if !authorized(&headers) {
        return error(401, 190, "Invalid OAuth access token");
    }
    if let Some((status, answer)) = scripted {
        return (StatusCode::from_u16(status).unwrap(), Json(answer)).into_response();
    }
    inner.next_id += 1;
    let to = message["to"].clone();
    let id = format!("wamid.FAKE{:04}", inner.next_id);
    if let Some(call) = inner.calls.last_mut() {
        call.wamid = Some(id.clone());
    }
    Json(json!({ "messaging_product": "whatsapp", "contacts": [{ "input": to, "wa_id": to }], "messages": [{ "id": id }] }))
        .into_response()
}

async fn upload(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path((version, phone)): Path<(String, String)>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let (body, files) = upload_form::read(form).await;
    let file = files.into_iter().next();
    let mut inner = inner.lock().unwrap_or_else(|p| p.into_inner());
    record(
        &mut inner,
        "upload",
        format!("/{version}/{phone}/media"),
        body,
        &headers,
    );
    if !authorized(&headers) {
        return error(401, 190, "Invalid OAuth access token");
    }
    let Some(file) = file else {
        return error(400, 100, "The parameter file is required.");
    };
    inner.next_id += 1;
    let id = format!("{}", 900_000_000 + inner.next_id);
    inner.uploads.insert(id.clone(), file);
    Json(json!({ "id": id })).into_response()
}

async fn delete_media(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path((version, media_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let mut inner = inner.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(refused) = admit(
        &mut inner,
        "delete",
        format!("/{version}/{media_id}"),
        &headers,
    ) {
        return refused;
    }
    match inner.uploads.remove(&media_id) {
        Some(_) => Json(json!({ "success": true })).into_response(),
        None => error(404, 100, "Unsupported delete request"),
    }
}

async fn media(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path((version, media_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let mut inner = inner.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(refused) = admit(
        &mut inner,
        "media",
        format!("/{version}/{media_id}"),
        &headers,
    ) {
        return refused;
    }
    if !inner.media.contains_key(&media_id) {
        return error(404, 100, "Unsupported get request");
    }
    let url = format!("{}/download/{media_id}", inner.url);
    let size = inner.media[&media_id].len();
    Json(json!({ "messaging_product": "whatsapp", "url": url, "mime_type": "text/csv", "file_size": size, "id": media_id }))
        .into_response()
}

async fn download(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path(media_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let (delay, answer) = {
        let mut inner = inner.lock().unwrap_or_else(|p| p.into_inner());
        record(
            &mut inner,
            "download",
            format!("/download/{media_id}"),
            Value::Null,
            &headers,
        );
        let answer = if !authorized(&headers) {
            StatusCode::UNAUTHORIZED.into_response()
        } else {
            match inner.media.get(&media_id) {
                Some(bytes) => bytes.clone().into_response(),
                None => StatusCode::NOT_FOUND.into_response(),
            }
        };
        (inner.download_delay, answer)
    };
    tokio::time::sleep(delay).await;
    answer
}
