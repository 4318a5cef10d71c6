//! A fake Bot API server (axum on port 0) standing in for Telegram in tests: it serves
//! queued updates to getUpdates, records every call, answers sends with scripted failures
//! (429, 403, 5xx) when asked, serves files for getFile downloads (recorded as "download"
//! calls; getFile tells their size, or the size a test makes it claim; downloads may be
//! made slow, and how many run at once is tracked), and keeps the files
//! uploaded with sendDocument (multipart).
#![allow(dead_code)]

/// Shared with the fake Graph server; a path module so the Telegram bench can include
/// this file on its own.
#[path = "upload_form.rs"]
pub mod upload_form;

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Json;
use axum::Router;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

/// The fake bot's id and username.
pub const BOT_ID: u64 = 7_000_000_001;
pub const BOT_USERNAME: &str = "ChatCrmBot";

/// One recorded API call.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub body: Value,
    pub at: Instant,
}

#[derive(Default)]
struct Inner {
    updates: Vec<Value>,
    calls: Vec<Call>,
    /// Forced answers per method, used before the normal one.
    scripted: HashMap<String, VecDeque<(u16, Value)>>,
    /// Chats whose sends answer 403 (the user blocked the bot).
    blocked: HashSet<i64>,
    files: HashMap<String, Vec<u8>>,
    /// Sizes getFile claims instead of the real ones (a file that lies about its size).
    claimed_sizes: HashMap<String, u64>,
    /// Files whose download never ends (streamed in 64 KB chunks without a length).
    endless: HashSet<String>,
    /// Methods answered only after a delay (a slow upload).
    slow: HashMap<String, Duration>,
    /// Methods whose calls wait until they are released (an upload in flight).
    held: HashSet<String>,
    /// How many calls are waiting, held.
    waiting: usize,
    /// How long each download takes (a slow file server), and the downloads in flight now
    /// and at most so far.
    download_delay: Option<Duration>,
    downloads_in_flight: usize,
    max_downloads_in_flight: usize,
    /// Documents uploaded with sendDocument: (chat, file name, bytes).
    uploads: Vec<(i64, String, Vec<u8>)>,
    next_message_id: i64,
    offsets: Vec<i64>,
}

/// A running fake Bot API.
#[derive(Clone)]
pub struct FakeTelegram {
    pub url: String,
    inner: Arc<Mutex<Inner>>,
}

impl FakeTelegram {
    /// A configuration for `chatcrm serve` against this fake: polling with a 1 s long poll,
    /// no send shaping, HTTP on a free port, jobs out of the way.
    pub fn config(&self) -> chatcrm::config::Config {
        let mut config = chatcrm::config::Config::default();
        config.telegram.token = chatcrm::config::Secret::new("123456:TEST-TOKEN");
        config.telegram.api_url = self.url.clone();
        config.telegram.mode = chatcrm::config::TelegramMode::Polling;
        config.telegram.poll_timeout_secs = 1;
        config.telegram.shaping = false;
        config.http.bind = "127.0.0.1:0".into();
        config.jobs.interval_secs = 3600;
        config
    }
}

impl FakeTelegram {
    pub async fn start() -> FakeTelegram {
        let inner = Arc::new(Mutex::new(Inner {
            next_message_id: 1000,
            ..Inner::default()
        }));
        let app = Router::new()
            .route("/{bot}/{method}", post(api))
            .route("/file/{bot}/{*path}", get(file))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        FakeTelegram { url, inner }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues an update for getUpdates.
    pub fn push(&self, update: Value) {
        self.lock().updates.push(update);
    }

    /// Makes the next `method` call answer `status` with `body`.
    pub fn script(&self, method: &str, status: u16, body: Value) {
        self.lock()
            .scripted
            .entry(method.to_string())
            .or_default()
            .push_back((status, body));
    }

    pub fn block(&self, chat_id: i64) {
        self.lock().blocked.insert(chat_id);
    }

    pub fn unblock(&self, chat_id: i64) {
        self.lock().blocked.remove(&chat_id);
    }

    pub fn add_file(&self, path: &str, bytes: &[u8]) {
        self.lock().files.insert(path.to_string(), bytes.to_vec());
    }

    /// Serves file `id` as a body that never ends: only a download that stops at its cap
    /// comes back.
    pub fn add_endless_file(&self, id: &str) {
        self.lock().endless.insert(id.to_string());
    }

    /// Makes every later download take `delay` before its body is served.
    pub fn slow_downloads(&self, delay: Duration) {
        self.lock().download_delay = Some(delay);
    }

    /// The most downloads that were in flight at the same time.
    pub fn max_downloads_in_flight(&self) -> usize {
        self.lock().max_downloads_in_flight
    }

    /// Makes getFile claim `size` bytes for file `id`, whatever it really holds.
    pub fn claim_size(&self, id: &str, size: u64) {
        self.lock().claimed_sizes.insert(id.to_string(), size);
    }

    pub fn calls(&self, method: &str) -> Vec<Call> {
        self.lock()
            .calls
            .iter()
            .filter(|c| c.method == method)
            .cloned()
            .collect()
    }

    /// The texts sent to (or edited in) `chat`, in order.
    pub fn texts_to(&self, chat: i64) -> Vec<String> {
        self.lock()
            .calls
            .iter()
            .filter(|c| matches!(c.method.as_str(), "sendMessage" | "editMessageText"))
            .filter(|c| c.body["chat_id"].as_i64() == Some(chat))
            .map(|c| c.body["text"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Makes every later `method` call take `delay` before it is read and answered.
    pub fn slow(&self, method: &str, delay: Duration) {
        self.lock().slow.insert(method.to_string(), delay);
    }

    /// Makes every later `method` call wait, unanswered, until [`FakeTelegram::release`].
    pub fn hold(&self, method: &str) {
        self.lock().held.insert(method.to_string());
    }

    /// How many calls are waiting, held, right now.
    pub fn waiting(&self) -> usize {
        self.lock().waiting
    }

    /// Lets the held calls of `method` (and later ones) through.
    pub fn release(&self, method: &str) {
        self.lock().held.remove(method);
    }

    /// The documents uploaded to `chat`: (file name, bytes), in order.
    pub fn documents_to(&self, chat: i64) -> Vec<(String, Vec<u8>)> {
        self.lock()
            .uploads
            .iter()
            .filter(|(to, _, _)| *to == chat)
            .map(|(_, name, bytes)| (name.clone(), bytes.clone()))
            .collect()
    }

    /// The offsets getUpdates was asked for.
    pub fn offsets(&self) -> Vec<i64> {
        self.lock().offsets.clone()
    }

    /// Waits until `check` holds (polling every 20 ms), failing after `secs` seconds.
    pub async fn wait_for(&self, secs: u64, what: &str, check: impl Fn(&FakeTelegram) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while !check(self) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; calls: {:#?}",
                self.lock()
                    .calls
                    .iter()
                    .map(|c| (&c.method, &c.body))
                    .collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn api(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path((bot, method)): Path<(String, String)>,
    request: Request,
) -> Response {
    assert!(bot.starts_with("bot"), "the token goes in the path");
    let delay = inner
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .slow
        .get(&method)
        .copied();
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    let held = |inner: &Arc<Mutex<Inner>>| {
        inner
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .held
            .contains(&method)
    };
    if held(&inner) {
        inner.lock().unwrap_or_else(|p| p.into_inner()).waiting += 1;
        while held(&inner) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        inner.lock().unwrap_or_else(|p| p.into_inner()).waiting -= 1;
    }
    let is_multipart = request
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let body = if is_multipart {
        multipart_body(&inner, request).await
    } else {
        Json::<Value>::from_request(request, &())
            .await
            .map(|Json(v)| v)
            .unwrap_or(Value::Null)
    };
    let response = answer(&inner, &method, body);
    if method == "getUpdates" && response.1 {
        // Stand in for a long poll: an idle poller waits instead of spinning.
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    response.0
}

/// The text fields of a multipart call as JSON (`chat_id` as a number, as in JSON calls);
/// each file is kept as an upload and described by its field name with name and size.
async fn multipart_body(inner: &Mutex<Inner>, request: Request) -> Value {
    let form = Multipart::from_request(request, &())
        .await
        .expect("a multipart body");
    let (body, files) = upload_form::read(form).await;
    let chat = body["chat_id"].as_i64().unwrap_or_default();
    let mut inner = inner.lock().unwrap_or_else(|p| p.into_inner());
    for (file_name, bytes) in files {
        inner.uploads.push((chat, file_name, bytes));
    }
    body
}

/// The answer to one call, and whether it was an empty getUpdates.
fn answer(inner: &Mutex<Inner>, method: &str, body: Value) -> (Response, bool) {
    let method = method.to_string();
    let mut inner = inner.lock().unwrap_or_else(|p| p.into_inner());
    inner.calls.push(Call {
        method: method.clone(),
        body: body.clone(),
        at: Instant::now(),
    });
    if let Some((status, answer)) = inner
        .scripted
        .get_mut(&method)
        .and_then(VecDeque::pop_front)
    {
        return (
            (StatusCode::from_u16(status).unwrap(), Json(answer)).into_response(),
            false,
        );
    }
    let chat = body["chat_id"].as_i64().unwrap_or_default();
    if matches!(
        method.as_str(),
        "sendMessage" | "editMessageText" | "sendDocument"
    ) && inner.blocked.contains(&chat)
    {
        let answer = json!({ "ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user" });
        return ((StatusCode::FORBIDDEN, Json(answer)).into_response(), false);
    }
    let mut empty = false;
    let result = match method.as_str() {
        "getMe" => {
            json!({ "id": BOT_ID, "is_bot": true, "first_name": "ChatCRM", "username": BOT_USERNAME,
                           "can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": false })
        }
        "getUpdates" => {
            let offset = body["offset"].as_i64().unwrap_or(0);
            inner.offsets.push(offset);
            inner
                .updates
                .retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
            let limit = body["limit"].as_u64().unwrap_or(100) as usize;
            empty = inner.updates.is_empty();
            json!(
                inner
                    .updates
                    .iter()
                    .take(limit)
                    .cloned()
                    .collect::<Vec<_>>()
            )
        }
        "sendMessage" | "sendDocument" => {
            inner.next_message_id += 1;
            json!({ "message_id": inner.next_message_id, "date": 1_764_403_200,
                    "chat": { "id": chat, "type": if chat < 0 { "group" } else { "private" }, "title": "Team" },
                    "text": body["text"] })
        }
        "getFile" => {
            let id = body["file_id"].as_str().unwrap_or_default();
            let size = inner
                .claimed_sizes
                .get(id)
                .copied()
                .or_else(|| inner.files.get(id).map(|f| f.len() as u64))
                .unwrap_or(10);
            json!({ "file_id": id, "file_unique_id": "u", "file_size": size, "file_path": format!("documents/{id}") })
        }
        _ => json!(true),
    };
    (
        Json(json!({ "ok": true, "result": result })).into_response(),
        empty,
    )
}

async fn file(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path((_bot, path)): Path<(String, String)>,
) -> Response {
    let delay = {
        let mut inner = inner.lock().unwrap_or_else(|p| p.into_inner());
        inner.downloads_in_flight += 1;
        inner.max_downloads_in_flight =
            inner.max_downloads_in_flight.max(inner.downloads_in_flight);
        inner.download_delay
    };
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    let mut inner = inner.lock().unwrap_or_else(|p| p.into_inner());
    inner.downloads_in_flight -= 1;
    let id = path.trim_start_matches("documents/");
    inner.calls.push(Call {
        method: "download".into(),
        body: json!({ "file_id": id }),
        at: Instant::now(),
    });
    if inner.endless.contains(id) {
        let chunk = axum::body::Bytes::from(vec![b'x'; 64 * 1024]);
        let stream = futures::stream::repeat_with(move || Ok::<_, std::io::Error>(chunk.clone()));
        return axum::body::Body::from_stream(stream).into_response();
    }
    match inner.files.get(id) {
        Some(bytes) => bytes.clone().into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A private text message update from user `user` (chat id = user id).
pub fn text(update_id: i64, user: i64, text: &str) -> Value {
    json!({
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": { "id": user, "is_bot": false, "first_name": format!("User{user}"), "language_code": "en" },
            "chat": { "id": user, "first_name": format!("User{user}"), "type": "private" },
            "date": 1_764_403_200,
            "text": text
        }
    })
}

/// A message in group `chat` from `user`, optionally replying to the bot.
pub fn group_text(update_id: i64, chat: i64, user: i64, text: &str, reply_to_bot: bool) -> Value {
    let mut update = json!({
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": { "id": user, "is_bot": false, "first_name": format!("User{user}"), "language_code": "en" },
            "chat": { "id": chat, "title": "Sales team", "type": "supergroup" },
            "date": 1_764_403_200,
            "text": text
        }
    });
    if reply_to_bot {
        update["message"]["reply_to_message"] = json!({
            "message_id": 5, "date": 1_764_403_100, "chat": { "id": chat, "title": "Sales team", "type": "supergroup" },
            "from": { "id": BOT_ID, "is_bot": true, "first_name": "ChatCRM", "username": BOT_USERNAME }, "text": "earlier"
        });
    }
    update
}

/// A button press by `user` on the bot's message `message_id`.
pub fn callback(update_id: i64, user: i64, message_id: i64, data: &str) -> Value {
    json!({
        "update_id": update_id,
        "callback_query": {
            "id": format!("cb{update_id}"),
            "from": { "id": user, "is_bot": false, "first_name": format!("User{user}"), "language_code": "en" },
            "message": {
                "message_id": message_id,
                "from": { "id": BOT_ID, "is_bot": true, "first_name": "ChatCRM", "username": BOT_USERNAME },
                "chat": { "id": user, "first_name": format!("User{user}"), "type": "private" },
                "date": 1_764_403_200,
                "text": "earlier"
            },
            "chat_instance": "1",
            "data": data
        }
    })
}

/// A document sent by `user`.
pub fn document(update_id: i64, user: i64, file_id: &str, file_name: &str) -> Value {
    json!({
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": { "id": user, "is_bot": false, "first_name": format!("User{user}"), "language_code": "en" },
            "chat": { "id": user, "first_name": format!("User{user}"), "type": "private" },
            "date": 1_764_403_200,
            "document": { "file_id": file_id, "file_unique_id": "x", "file_name": file_name, "mime_type": "text/csv", "file_size": 100 }
        }
    })
}

/// A contact card shared by `user`.
pub fn shared_contact(update_id: i64, user: i64, first: &str, last: &str, phone: &str) -> Value {
    json!({
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": { "id": user, "is_bot": false, "first_name": format!("User{user}"), "language_code": "en" },
            "chat": { "id": user, "first_name": format!("User{user}"), "type": "private" },
            "date": 1_764_403_200,
            "contact": { "phone_number": phone, "first_name": first, "last_name": last }
        }
    })
}

/// A message forwarded by `user`, originally from `from_first`.
pub fn forwarded(update_id: i64, user: i64, from_first: &str, text: &str) -> Value {
    json!({
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": { "id": user, "is_bot": false, "first_name": format!("User{user}"), "language_code": "en" },
            "chat": { "id": user, "first_name": format!("User{user}"), "type": "private" },
            "date": 1_764_403_200,
            "forward_origin": { "type": "user", "date": 1_764_400_000,
                                "sender_user": { "id": 999, "is_bot": false, "first_name": from_first } },
            "text": text
        }
    })
}

/// A button press by `user` in the group `chat` on the bot's message `message_id`.
pub fn group_callback(update_id: i64, chat: i64, user: i64, message_id: i64, data: &str) -> Value {
    let mut update = callback(update_id, user, message_id, data);
    update["callback_query"]["message"]["chat"] =
        json!({ "id": chat, "title": "Sales team", "type": "supergroup" });
    update
}
