//! /export delivered as a chat document, on both backends: Telegram gets the ZIP through a
//! multipart sendDocument and WhatsApp through a media upload and a document message; the
//! file leaves the server once sent (or refused), and the audit log says "delivered" only
//! when the channel took it. Too large for a chat, or with `export_via_link`, it is a link;
//! asked in a group, it is refused (the group would see the user's data).

use crate::common;
use chatcrm::crm::OutboxId;

use chatcrm::app::settings_from;
use chatcrm::config::{Config, Secret};
use chatcrm::server::Server;
use common::fake_graph::FakeGraph;
use common::fake_telegram::{self as tg, FakeTelegram};
use common::whatsapp::{self as wa, FROM, eventually};
use common::{TestDb, count, export_manifest, manifest_rows};
use serde_json::json;

both_backends!(
    telegram_gets_the_export_as_a_document,
    a_retried_document_keeps_its_place,
    an_upload_cut_by_a_stop_goes_after_the_restart,
    whatsapp_gets_the_export_as_a_document,
    dropped_rows_name_the_export_files_to_delete,
);

fn files_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| d.count())
}

async fn export_actions(db: &chatcrm::store::Store) -> Vec<String> {
    sqlx::query_scalar("SELECT action FROM audit_log WHERE action LIKE 'export.%' ORDER BY id")
        .fetch_all(db.pool())
        .await
        .unwrap()
}

/// Waits until the one export was audited as delivered and its file left the server.
async fn delivered_and_gone(store: &chatcrm::store::Store, exports: &std::path::Path) {
    eventually(5, "the file to leave the server", || async {
        files_in(exports) == 0
    })
    .await;
    eventually(5, "the delivery to be audited", || async {
        export_actions(store).await == ["export.requested", "export.delivered"]
    })
    .await;
}

/// A server polling a fake Bot API, with exports written to a folder of the test's own.
struct TelegramServer {
    /// Kept alive for the test: dropping it drops the database.
    _db: TestDb,
    fake: FakeTelegram,
    exports: tempfile::TempDir,
    store: chatcrm::store::Store,
    server: Server,
    /// What it was started with, to start it again.
    config: Config,
    engine: chatcrm::engine::Engine,
}

async fn telegram_server(db: TestDb) -> TelegramServer {
    let fake = FakeTelegram::start().await;
    let exports = tempfile::tempdir().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let mut config = Config::default();
    config.telegram.token = Secret::new("123456:TEST-TOKEN");
    config.telegram.api_url = fake.url.clone();
    config.telegram.shaping = false;
    config.telegram.poll_timeout_secs = 1;
    config.jobs.interval_secs = 3600;
    // A public address exists, yet an export that fits goes as a document.
    config.http.public_url = format!("http://{}", listener.local_addr().unwrap());
    config.privacy.export_dir = exports.path().to_path_buf();
    let engine = db.engine().await.with_settings(settings_from(&config));
    let store = engine.store().clone();
    let server = Server::start(&config, engine.clone(), listener)
        .await
        .unwrap();
    TelegramServer {
        _db: db,
        fake,
        exports,
        store,
        server,
        config,
        engine,
    }
}

async fn telegram_gets_the_export_as_a_document(db: TestDb) {
    let TelegramServer {
        _db,
        fake,
        exports,
        store,
        server,
        ..
    } = telegram_server(db).await;

    fake.push(tg::text(1, 77, "/new_contact Doc Person, doc@example.com"));
    // Asked in a group, the export is not made: it would reach every member.
    fake.push(tg::group_text(2, -1001, 77, "/export", false));
    fake.wait_for(5, "the answer in the group", |f| {
        f.texts_to(-1001)
            .iter()
            .any(|t| t.starts_with("Your export holds your personal data"))
    })
    .await;
    assert_eq!(files_in(exports.path()), 0);
    fake.push(tg::text(3, 77, "/export"));
    fake.wait_for(5, "the document", |f| f.documents_to(77).len() == 1)
        .await;
    let (name, bytes) = fake.documents_to(77).remove(0);
    assert!(
        name.starts_with("chatcrm-export-") && name.ends_with(".zip"),
        "{name}"
    );
    let manifest = export_manifest(&bytes);
    assert_eq!(manifest_rows(&manifest, "contacts.json"), 1);
    let call = fake.calls("sendDocument").remove(0);
    assert_eq!(call.body["chat_id"], 77);
    assert_eq!(call.body["document"]["file_name"], json!(name));
    let caption = call.body["caption"].as_str().unwrap();
    assert!(caption.starts_with("Your export is attached"), "{caption}");
    assert!(
        !fake.texts_to(77).iter().any(|t| t.contains("/exports/")),
        "no link when the document fits"
    );
    delivered_and_gone(&store, exports.path()).await;

    // An upload in flight (held by the fake until released) holds back only its own chat:
    // another chat is answered meanwhile, and the uploading chat's next reply comes after
    // the document. The row stays leased for as long as an upload may take, so no other
    // instance sends it twice.
    let documents = fake.documents_to(77).len();
    fake.hold("sendDocument");
    fake.push(tg::text(4, 77, "/export"));
    fake.push(tg::text(5, 77, "/help"));
    eventually(
        5,
        "the upload to start, its row leased for as long as it may take",
        || async {
            upload_lease_ms(&store)
                .await
                .is_some_and(|ms| ms > 9 * 60 * 1000)
        },
    )
    .await;
    fake.push(tg::text(6, 78, "/help"));
    fake.wait_for(5, "the other chat's reply", |f| !f.texts_to(78).is_empty())
        .await;
    assert_eq!(
        fake.documents_to(77).len(),
        documents,
        "the upload is still running"
    );
    assert!(
        !fake.texts_to(77).iter().any(|t| t.contains("/help")),
        "the chat's reply waits behind its upload"
    );
    let texts_before = fake.texts_to(77).len();
    fake.release("sendDocument");
    fake.wait_for(10, "the slow document and the reply behind it", |f| {
        f.texts_to(77).len() > texts_before
    })
    .await;
    assert_eq!(fake.documents_to(77).len(), documents + 1);
    let document_at = fake.calls("sendDocument").last().unwrap().at;
    let reply_at = fake
        .calls("sendMessage")
        .into_iter()
        .rfind(|c| c.body["chat_id"] == 77)
        .unwrap()
        .at;
    assert!(reply_at > document_at, "the reply waited for the document");
    eventually(5, "the second delivery", || async {
        files_in(exports.path()) == 0
            && export_actions(&store)
                .await
                .iter()
                .filter(|a| *a == "export.delivered")
                .count()
                == 2
    })
    .await;

    // Telegram refuses the next one: no "delivered", the file is gone all the same, the
    // user is told, and the refused export does not count against the day's three.
    fake.script(
        "sendDocument",
        400,
        json!({ "ok": false, "error_code": 400, "description": "Bad Request: file is too big" }),
    );
    fake.push(tg::text(7, 77, "/export"));
    eventually(5, "the refused row", || async {
        count(
            &store,
            "SELECT COUNT(*) FROM outbox WHERE status = 'failed' AND body LIKE '%chatcrm-export-%'",
        )
        .await
            == 1
    })
    .await;
    eventually(5, "the refused file to go", || async {
        files_in(exports.path()) == 0
    })
    .await;
    eventually(5, "the refusal to be audited", || async {
        export_actions(&store).await
            == [
                "export.requested",
                "export.delivered",
                "export.requested",
                "export.delivered",
                "export.requested",
                "export.failed",
            ]
    })
    .await;
    assert_eq!(
        fake.documents_to(77).len(),
        documents + 2,
        "the refused upload was tried"
    );
    fake.wait_for(5, "the user to be told", |f| {
        f.texts_to(77)
            .iter()
            .any(|t| t.starts_with("I could not send you your export file"))
    })
    .await;
    // Two exports count today (the refused one does not), so one more is allowed.
    fake.push(tg::text(8, 77, "/export"));
    fake.wait_for(5, "the third document", |f| {
        f.documents_to(77).len() == documents + 3
    })
    .await;
    server.stop().await;
}

/// Telegram asks to retry the upload in 3 seconds: the chat's next reply still comes after
/// the document, not in the gap.
async fn a_retried_document_keeps_its_place(db: TestDb) {
    let TelegramServer {
        _db,
        fake,
        exports,
        store,
        server,
        ..
    } = telegram_server(db).await;
    fake.script(
        "sendDocument",
        429,
        json!({ "ok": false, "error_code": 429, "description": "Too Many Requests: retry after 3",
                "parameters": { "retry_after": 3 } }),
    );
    fake.push(tg::text(1, 77, "/export"));
    fake.push(tg::text(2, 77, "/help"));
    fake.wait_for(10, "the retried document and the reply", |f| {
        f.documents_to(77).len() == 2 && f.texts_to(77).len() == 1
    })
    .await;
    let document_at = fake.calls("sendDocument").last().unwrap().at;
    let reply_at = fake.calls("sendMessage").last().unwrap().at;
    assert!(reply_at > document_at, "the reply waited for the document");
    delivered_and_gone(&store, exports.path()).await;
    server.stop().await;
}

/// A server stopped in the middle of an upload hands the row back: the next start sends
/// the document at once instead of after the 11-minute lease.
async fn an_upload_cut_by_a_stop_goes_after_the_restart(db: TestDb) {
    let TelegramServer {
        _db,
        fake,
        exports,
        store,
        server,
        config,
        engine,
    } = telegram_server(db).await;
    fake.slow("sendDocument", std::time::Duration::from_secs(30));
    fake.push(tg::text(1, 77, "/export"));
    eventually(5, "the upload to start", || async {
        upload_lease_ms(&store)
            .await
            .is_some_and(|ms| ms > 9 * 60 * 1000)
    })
    .await;
    server.stop().await;
    let left = upload_lease_ms(&store)
        .await
        .expect("the row is still pending");
    assert!(left <= 0, "handed back, due now ({left} ms)");
    assert!(
        fake.documents_to(77).is_empty(),
        "the cut upload never arrived"
    );

    fake.slow("sendDocument", std::time::Duration::ZERO);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = Server::start(&config, engine, listener).await.unwrap();
    fake.wait_for(5, "the document after the restart", |f| {
        f.documents_to(77).len() == 1
    })
    .await;
    delivered_and_gone(&store, exports.path()).await;
    server.stop().await;
}

/// Milliseconds until the pending export row is due (negative when due), if there is one.
async fn upload_lease_ms(store: &chatcrm::store::Store) -> Option<i64> {
    let at: Option<i64> = sqlx::query_scalar(
        "SELECT next_attempt_at FROM outbox WHERE body LIKE '%chatcrm-export-%' AND status = 'pending'",
    )
    .fetch_optional(store.pool())
    .await
    .unwrap();
    at.map(|at| at - chrono::Utc::now().timestamp_millis())
}

async fn whatsapp_gets_the_export_as_a_document(db: TestDb) {
    let fake = FakeGraph::start().await;
    let exports = tempfile::tempdir().unwrap();
    let mut config = wa::config(&fake);
    config.privacy.export_dir = exports.path().to_path_buf();
    let engine = db.engine().await.with_settings(settings_from(&config));
    let store = engine.store().clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = Server::start(&config, engine, listener).await.unwrap();
    let webhook = format!("http://{}/webhooks/whatsapp", server.addr);
    let client = reqwest::Client::new();
    let post = |body: String| {
        let header =
            chatcrm::channel::whatsapp::signature::sign(wa::APP_SECRET.as_bytes(), body.as_bytes());
        client
            .post(&webhook)
            .header("content-type", "application/json")
            .header("X-Hub-Signature-256", header)
            .body(body)
            .send()
    };

    let answered = post(wa::text(
        "wamid.E1",
        FROM,
        "/new_contact Wa Person, wa@example.com",
    ))
    .await
    .unwrap();
    assert_eq!(answered.status(), 200);
    let answered = post(wa::text("wamid.E2", FROM, "/export")).await.unwrap();
    assert_eq!(answered.status(), 200);
    fake.wait_for(10, "the document message", |f| {
        f.sent_to(FROM).iter().any(|m| m["type"] == "document")
    })
    .await;
    let upload = fake.calls("upload").remove(0);
    assert_eq!(upload.body["messaging_product"], "whatsapp");
    assert_eq!(upload.body["type"], "application/zip");
    assert_eq!(
        upload.authorization.as_deref(),
        Some(format!("Bearer {}", common::fake_graph::TOKEN).as_str())
    );
    let message = fake
        .sent_to(FROM)
        .into_iter()
        .find(|m| m["type"] == "document")
        .unwrap();
    let media_id = message["document"]["id"].as_str().unwrap();
    let (name, bytes) = fake.upload(media_id).expect("the uploaded media");
    assert_eq!(message["document"]["filename"], json!(name));
    let caption = message["document"]["caption"].as_str().unwrap();
    assert!(caption.starts_with("Your export is attached"), "{caption}");
    assert_eq!(manifest_rows(&export_manifest(&bytes), "contacts.json"), 1);
    delivered_and_gone(&store, exports.path()).await;

    // A temporary failure of the document message (it may have been accepted) keeps the
    // uploaded copy; the retry uploads again and gets through.
    fake.script(
        503,
        json!({ "error": { "message": "Service temporarily unavailable", "code": 2 } }),
    );
    let answered = post(wa::text("wamid.E2b", FROM, "/export")).await.unwrap();
    assert_eq!(answered.status(), 200);
    fake.wait_for(10, "the retried document", |f| {
        f.sent_to(FROM)
            .iter()
            .filter(|m| m["type"] == "document")
            .count()
            == 2
    })
    .await;
    assert_eq!(
        fake.calls("upload").len(),
        3,
        "uploaded again for the retry"
    );
    assert!(
        fake.calls("delete").is_empty(),
        "nothing deleted after a 5xx"
    );

    // Graph refuses the next document message: the uploaded copy is deleted from Meta,
    // the file from the server, and the user is told.
    fake.script(
        400,
        json!({ "error": { "message": "(#131053) Media upload error", "code": 131053 } }),
    );
    let answered = post(wa::text("wamid.E3", FROM, "/export")).await.unwrap();
    assert_eq!(answered.status(), 200);
    fake.wait_for(10, "the refused upload's copy to be deleted", |f| {
        !f.calls("delete").is_empty()
    })
    .await;
    let deleted = fake.calls("delete").remove(0);
    let refused_media = deleted.path.rsplit('/').next().unwrap().to_string();
    assert_eq!(fake.calls("upload").len(), 4);
    assert!(fake.upload(&refused_media).is_none(), "gone from Meta");
    fake.wait_for(5, "the user to be told", |f| {
        f.texts_to(FROM)
            .iter()
            .any(|t| t.starts_with("I could not send you your export file"))
    })
    .await;
    eventually(5, "the refused file to go", || async {
        files_in(exports.path()) == 0
            && export_actions(&store).await.last().map(String::as_str) == Some("export.failed")
    })
    .await;
    server.stop().await;
}

/// A chat that blocked the bot, or a row dropped on its own, hands back the export files
/// its dropped rows carried, so the sender deletes them: an export never stays on the
/// server because its delivery was abandoned. Rows of other identities and rows already
/// final are left alone.
async fn dropped_rows_name_the_export_files_to_delete(db: TestDb) {
    use chatcrm::crm::IdentityId;
    use chatcrm::message::Reply;
    use chatcrm::store::outbox::{self, Destination};
    let engine = db.engine().await;
    let store = engine.store().clone();
    for user in ["77", "78"] {
        common::Chat::new(&engine, user).send("/start").await;
    }
    let identity = |user: &'static str| {
        let store = store.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM identities WHERE external_id = $1")
                .bind(user)
                .fetch_one(store.pool())
                .await
                .unwrap()
        }
    };
    let (blocked, other) = (identity("77").await, identity("78").await);
    let mut tx = store.begin().await.unwrap();
    for (identity_id, chat_id, file) in [
        (blocked, "77", "chatcrm-export-a.zip"),
        (blocked, "77", "chatcrm-export-b.zip"),
        (other, "78", "chatcrm-export-c.zip"),
        (other, "78", "chatcrm-export-d.zip"),
    ] {
        let to = Destination {
            identity_id: Some(IdentityId::new(identity_id)),
            channel: chatcrm::message::Channel::Telegram,
            chat_id,
            edit_message_id: None,
        };
        outbox::enqueue(&mut tx, to, &Reply::text("Your export").with_file(file))
            .await
            .unwrap();
        outbox::enqueue(&mut tx, to, &Reply::text("no file"))
            .await
            .unwrap();
    }
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM outbox ORDER BY id")
        .fetch_all(&mut *tx)
        .await
        .unwrap();
    // The first of 77's rows was already sent: it is not dropped and names no file.
    assert!(
        outbox::mark_sent(&mut tx, OutboxId::new(ids[0]), None)
            .await
            .unwrap()
    );
    // Refused as of now: every row queued until then is dropped.
    let now = tx.now_millis();
    let mut files = outbox::deactivate_identity(&mut tx, IdentityId::new(blocked), "blocked", now)
        .await
        .unwrap();
    files.sort();
    assert_eq!(files, ["chatcrm-export-b.zip"]);
    // One row of another chat is dropped alone; a row without a file names none, and a
    // row that is no longer pending is not dropped again.
    assert_eq!(
        outbox::drop_row(&mut tx, OutboxId::new(ids[4]), "refused")
            .await
            .unwrap(),
        Some("chatcrm-export-c.zip".to_string())
    );
    assert_eq!(
        outbox::drop_row(&mut tx, OutboxId::new(ids[5]), "refused")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        outbox::drop_row(&mut tx, OutboxId::new(ids[4]), "refused")
            .await
            .unwrap(),
        None
    );
    // Giving up counts once: a row already final is neither failed nor sent again.
    assert!(
        outbox::mark_failed(&mut tx, OutboxId::new(ids[7]), "gone")
            .await
            .unwrap()
    );
    assert!(
        !outbox::mark_failed(&mut tx, OutboxId::new(ids[7]), "again")
            .await
            .unwrap()
    );
    assert!(
        !outbox::mark_sent(&mut tx, OutboxId::new(ids[7]), None)
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
    let statuses: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, active FROM outbox o JOIN identities i ON i.id = o.identity_id ORDER BY o.id")
            .fetch_all(store.pool())
            .await
            .unwrap();
    let expected = [
        ("sent", 0),
        ("dropped", 0),
        ("dropped", 0),
        ("dropped", 0),
        ("dropped", 1),
        ("dropped", 1),
        ("pending", 1),
        ("failed", 1),
    ]
    .map(|(s, a)| (s.to_string(), a));
    assert_eq!(statuses, expected);
}
