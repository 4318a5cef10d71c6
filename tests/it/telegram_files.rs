//! Files over Telegram against a fake Bot API on both backends: documents and photos with a
//! handle caption are attached to records, files over the size and quota limits are refused
//! without being downloaded, and downloads run a few at a time.

use crate::common;
use crate::telegram::{config, start};

use std::time::Duration;

use chatcrm::config::TelegramMode;
use chatcrm::crm::files::MB;
use chatcrm::engine::Engine;
use chatcrm::handlers::Settings;
use chatcrm::server::Server;
use common::fake_telegram::{self as tg, FakeTelegram};
use common::{TestDb, count};
use serde_json::json;

both_backends!(
    files_are_attached_to_records,
    files_over_the_limits_are_refused,
    documents_are_downloaded_a_few_at_a_time,
);

async fn files_are_attached_to_records(db: TestDb) {
    let fake = FakeTelegram::start().await;
    let server = start(&db, &config(&fake, TelegramMode::Polling)).await;
    fake.push(tg::text(
        60,
        901,
        "/new_contact Anna Petrova, anna@example.com",
    ));
    fake.wait_for(5, "the contact", |f| {
        f.texts_to(901).iter().any(|t| t.starts_with("Saved C1."))
    })
    .await;
    // A document with a handle as caption is attached and noted on the timeline.
    fake.add_file("pdf-1", b"%PDF-1.7 offer");
    let mut offer = tg::document(61, 901, "pdf-1", "offer.pdf");
    offer["message"]["caption"] = json!("C1 signed offer");
    fake.push(offer);
    fake.wait_for(5, "the attachment", |f| {
        f.texts_to(901)
            .iter()
            .any(|t| t.starts_with("Attached offer.pdf (1 KB) to C1 · Anna Petrova"))
    })
    .await;
    // Without a handle it is explained, and nothing is stored.
    fake.add_file("pdf-2", b"%PDF-1.7 other");
    fake.push(tg::document(62, 901, "pdf-2", "other.pdf"));
    fake.wait_for(5, "the hint", |f| {
        f.texts_to(901)
            .iter()
            .any(|t| t.starts_with("To attach this file to a record"))
    })
    .await;
    fake.push(tg::text(63, 901, "/timeline C1"));
    fake.wait_for(5, "the timeline", |f| {
        f.texts_to(901)
            .iter()
            .any(|t| t.contains("file offer.pdf attached"))
    })
    .await;
    server.stop().await;
    let store = db.store().await;
    assert_eq!(count(&store, "SELECT COUNT(*) FROM files").await, 1);
    let content: Vec<u8> = sqlx::query_scalar("SELECT content FROM files")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(content, b"%PDF-1.7 offer");
}

/// With 1 MB a file and 2 MB a workspace: a document whose declared size is over the limit
/// is refused without getFile or a download; one that claims a small size but never ends is
/// cut off while streaming and refused; a file that would pass the workspace's quota is
/// refused with how much is used. Nothing refused is stored.
async fn files_over_the_limits_are_refused(db: TestDb) {
    let fake = FakeTelegram::start().await;
    let settings = Settings {
        max_file_bytes: MB as usize,
        workspace_files_bytes: 2 * MB,
        ..Settings::default()
    };
    let engine = Engine::new(db.store().await, settings);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = Server::start(&config(&fake, TelegramMode::Polling), engine, listener)
        .await
        .expect("server starts");
    fake.push(tg::text(
        70,
        902,
        "/new_contact Anna Petrova, anna@example.com",
    ));
    fake.wait_for(5, "the contact", |f| {
        f.texts_to(902).iter().any(|t| t.starts_with("Saved C1."))
    })
    .await;
    let too_large = "That file is too large to keep (at most 1 MB).";
    let refusals = |f: &FakeTelegram| f.texts_to(902).iter().filter(|t| *t == too_large).count();
    let downloads = |f: &FakeTelegram, id: &str| {
        f.calls("download")
            .iter()
            .filter(|c| c.body["file_id"] == id)
            .count()
    };

    // Declared over the limit: refused unread, though the file itself is small.
    fake.add_file("huge", b"%PDF-1.7 small really");
    let mut huge = tg::document(71, 902, "huge", "huge.pdf");
    huge["message"]["caption"] = json!("C1 the big one");
    huge["message"]["document"]["file_size"] = json!(3 * MB);
    fake.push(huge);
    fake.wait_for(5, "the refusal", |f| refusals(f) == 1).await;
    assert!(
        fake.calls("getFile")
            .iter()
            .all(|c| c.body["file_id"] != "huge"),
        "no getFile for a file declared too large"
    );
    assert_eq!(downloads(&fake, "huge"), 0);

    // Claims 100 bytes (in the message and in getFile) but never ends: cut off at the
    // limit while streaming (a download read whole would never come back).
    fake.add_endless_file("liar");
    fake.claim_size("liar", 100);
    let mut liar = tg::document(72, 902, "liar", "liar.pdf");
    liar["message"]["caption"] = json!("C1 offer");
    fake.push(liar);
    fake.wait_for(10, "the second refusal", |f| refusals(f) == 2)
        .await;
    assert_eq!(downloads(&fake, "liar"), 1, "refused while streaming");

    // Two files of 0.9 MB fit the 2 MB quota; a third does not.
    let size = (MB * 9 / 10) as usize;
    for (update, id) in [(73, "a"), (74, "b"), (75, "c")] {
        fake.add_file(id, &vec![b'z'; size]);
        let mut document = tg::document(update, 902, id, &format!("{id}.pdf"));
        document["message"]["caption"] = json!("C1");
        document["message"]["document"]["file_size"] = json!(size);
        fake.push(document);
        fake.wait_for(10, "the answer", |f| downloads(f, id) == 1)
            .await;
    }
    fake.wait_for(10, "the quota refusal", |f| {
        f.texts_to(902).iter().any(|t| {
            t == "This workspace has no room for this file: its files already take 1.8 MB of \
                  the 2 MB allowed, and this one is 0.9 MB. Nothing was saved."
        })
    })
    .await;
    let attached = fake
        .texts_to(902)
        .iter()
        .filter(|t| t.starts_with("Attached "))
        .count();
    assert_eq!(attached, 2);
    server.stop().await;
    let store = db.store().await;
    assert_eq!(count(&store, "SELECT COUNT(*) FROM files").await, 2);
    assert_eq!(
        count(&store, "SELECT CAST(SUM(size) AS BIGINT) FROM files").await,
        2 * size as i64
    );
}

/// Ten chats send a contact list in the same batch while every download is slow: at most
/// `DOWNLOAD_PERMITS` downloads run at once (so memory holds at most that many files), and
/// every document is still read and answered (the waiting ones are not starved).
async fn documents_are_downloaded_a_few_at_a_time(db: TestDb) {
    use chatcrm::channel::telegram::DOWNLOAD_PERMITS;
    let fake = FakeTelegram::start().await;
    fake.slow_downloads(Duration::from_millis(300));
    let chats: Vec<i64> = (0..10).map(|n| 950 + n).collect();
    for (n, chat) in chats.iter().enumerate() {
        let id = format!("list-{chat}");
        fake.add_file(
            &id,
            format!("name,email\nPerson {n},p{n}@example.com\n").as_bytes(),
        );
        fake.push(tg::document(80 + n as i64, *chat, &id, "people.csv"));
    }
    let server = start(&db, &config(&fake, TelegramMode::Polling)).await;
    fake.wait_for(20, "every list answered", |f| {
        chats.iter().enumerate().all(|(n, chat)| {
            f.texts_to(*chat).iter().any(|t| {
                t.starts_with("people.csv: 1 contact to import")
                    && t.contains(&format!("Person {n} "))
            })
        })
    })
    .await;
    server.stop().await;
    assert_eq!(fake.calls("download").len(), chats.len());
    assert_eq!(fake.max_downloads_in_flight(), DOWNLOAD_PERMITS);
}
