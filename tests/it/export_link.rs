//! Export delivery on chat channels with `export_via_link`, on both backends: a one-time link on the HTTP endpoint
//! that works once (the file leaves the server as it downloads), is refused when reused or
//! expired, is purged with its file by retention; and after /delete_account the user's
//! links and files are gone and an export from the same chat is empty.

use crate::common;

use std::io::Read;

use chatcrm::clock::Clock;
use chatcrm::config::{Config, Secret};
use chatcrm::jobs::{self, Retention};
use chatcrm::server::Server;
use chrono::{Duration, TimeZone, Utc};
use common::fake_telegram::{self as tg, FakeTelegram};
use common::{TestDb, count, export_manifest, manifest_rows};

both_backends!(export_links_are_one_time_and_expire);

fn link_in(text: &str) -> String {
    text.split_whitespace()
        .find(|w| w.starts_with("http"))
        .expect("a link")
        .to_string()
}

async fn export_links_are_one_time_and_expire(db: TestDb) {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
    let fake = FakeTelegram::start().await;
    let exports = tempfile::tempdir().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut config = Config::default();
    config.telegram.token = Secret::new("123456:TEST-TOKEN");
    config.telegram.api_url = fake.url.clone();
    config.telegram.shaping = false;
    config.telegram.poll_timeout_secs = 1;
    config.jobs.interval_secs = 3600;
    config.http.public_url = base.clone();
    config.privacy.export_dir = exports.path().to_path_buf();
    config.privacy.export_via_link = true;
    let mut engine = db.engine_at(&clock).await;
    engine = engine.with_settings(chatcrm::app::settings_from(&config));
    let server = Server::start(&config, engine.clone(), listener)
        .await
        .unwrap();

    fake.push(tg::text(
        1,
        77,
        "/new_contact Link Person, link@example.com",
    ));
    fake.add_file("doc-1", b"minutes of the meeting");
    let mut doc = tg::document(2, 77, "doc-1", "minutes.txt");
    doc["message"]["caption"] = serde_json::json!("C1 meeting minutes");
    fake.push(doc);
    fake.wait_for(5, "the attachment", |f| {
        f.texts_to(77)
            .iter()
            .any(|t| t.starts_with("Attached minutes.txt"))
    })
    .await;
    fake.push(tg::text(20, 77, "/export"));
    fake.wait_for(5, "the export link", |f| {
        f.texts_to(77).iter().any(|t| t.contains("/exports/"))
    })
    .await;
    let reply = fake
        .texts_to(77)
        .into_iter()
        .find(|t| t.contains("/exports/"))
        .unwrap();
    assert!(reply.starts_with("Your export is ready"), "{reply}");
    let link = link_in(&reply);
    assert!(link.starts_with(&format!("{base}/exports/")), "{link}");
    assert_eq!(std::fs::read_dir(exports.path()).unwrap().count(), 1);

    let first = reqwest::get(&link).await.unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["content-type"], "application/zip");
    let bytes = first.bytes().await.unwrap();
    assert_eq!(manifest_rows(&export_manifest(&bytes), "contacts.json"), 1);
    assert_eq!(manifest_rows(&export_manifest(&bytes), "files.json"), 1);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut attached = Vec::new();
    archive
        .by_name("attachments/1-minutes.txt")
        .unwrap()
        .read_to_end(&mut attached)
        .unwrap();
    assert_eq!(attached, b"minutes of the meeting");
    assert_eq!(
        std::fs::read_dir(exports.path()).unwrap().count(),
        0,
        "the file left the server"
    );
    assert_eq!(
        reqwest::get(&link).await.unwrap().status(),
        410,
        "a link works once"
    );
    assert_eq!(
        reqwest::get(format!("{base}/exports/nonsense"))
            .await
            .unwrap()
            .status(),
        410
    );

    // A second link expires after 24 hours; retention removes it and its file.
    fake.push(tg::text(21, 77, "/export"));
    fake.wait_for(5, "the second link", |f| {
        f.texts_to(77)
            .iter()
            .filter(|t| t.contains("/exports/"))
            .count()
            == 2
    })
    .await;
    let second = link_in(
        fake.texts_to(77)
            .iter()
            .rev()
            .find(|t| t.contains("/exports/"))
            .unwrap(),
    );
    clock.advance(Duration::hours(25));
    assert_eq!(reqwest::get(&second).await.unwrap().status(), 410);
    let retention = Retention {
        export_dir: exports.path().to_path_buf(),
        ..Retention::default()
    };
    jobs::run_with(engine.store(), &clock, &retention)
        .await
        .unwrap();
    assert_eq!(std::fs::read_dir(exports.path()).unwrap().count(), 0);
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM export_links").await,
        0
    );
    let audit: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE action LIKE 'export.%' ORDER BY id")
            .fetch_all(engine.store().pool())
            .await
            .unwrap();
    assert_eq!(
        audit,
        [
            "export.requested",
            "export.delivered",
            "export.downloaded",
            "export.requested",
            "export.delivered"
        ]
    );

    // After deletion, nothing of the user's export remains, and a new export is empty.
    fake.push(tg::text(22, 77, "/export"));
    fake.wait_for(5, "a third link", |f| {
        f.texts_to(77)
            .iter()
            .filter(|t| t.contains("/exports/"))
            .count()
            == 3
    })
    .await;
    let stale = link_in(
        fake.texts_to(77)
            .iter()
            .rev()
            .find(|t| t.contains("/exports/"))
            .unwrap(),
    );
    fake.push(tg::text(23, 77, "/delete_account"));
    fake.wait_for(5, "the question", |f| {
        f.texts_to(77)
            .iter()
            .any(|t| t.starts_with("Deleting your account"))
    })
    .await;
    let question = fake.calls("sendMessage").into_iter().last().unwrap();
    let confirm = question.body["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        .as_str()
        .unwrap()
        .to_string();
    let message_id = 1000 + fake.calls("sendMessage").len() as i64;
    fake.push(tg::callback(24, 77, message_id, &confirm));
    fake.wait_for(5, "the deletion", |f| {
        f.texts_to(77)
            .iter()
            .any(|t| t.starts_with("Your account and personal data were deleted"))
    })
    .await;
    assert_eq!(
        std::fs::read_dir(exports.path()).unwrap().count(),
        0,
        "export files went with the account"
    );
    assert_eq!(reqwest::get(&stale).await.unwrap().status(), 410);
    fake.push(tg::text(25, 77, "/export"));
    fake.wait_for(5, "the new user's link", |f| {
        f.texts_to(77)
            .iter()
            .filter(|t| t.contains("/exports/"))
            .count()
            == 4
    })
    .await;
    let fresh = link_in(
        fake.texts_to(77)
            .iter()
            .rev()
            .find(|t| t.contains("/exports/"))
            .unwrap(),
    );
    let bytes = reqwest::get(&fresh).await.unwrap().bytes().await.unwrap();
    let manifest = export_manifest(&bytes);
    for kind in [
        "contacts.json",
        "notes.json",
        "tasks.json",
        "deals.json",
        "activities.json",
    ] {
        assert_eq!(manifest_rows(&manifest, kind), 0, "{kind} after deletion");
    }
    server.stop().await;
}
