//! The real-world pywa corpus of webhook payloads (tests/fixtures/whatsapp/pywa-updates,
//! MIT): every variant of every file, signed and posted, is answered 200, handled or
//! politely ignored, and never crashes the server, on both backends.

use crate::common;

use common::TestDb;
use common::fake_graph::FakeGraph;
use common::whatsapp::{self as wa, Wa, scalar, settled};
use serde_json::Value;

both_backends!(the_real_world_corpus_is_taken_without_a_crash);

async fn the_real_world_corpus_is_taken_without_a_crash(db: TestDb) {
    let fake = FakeGraph::start().await;
    let mut config = wa::config(&fake);
    // The phone number of the corpus.
    config.whatsapp.phone_number_id = "1122334455667".into();
    let wa = Wa::start(&db, &config).await;
    let folder = format!(
        "{}/tests/fixtures/whatsapp/pywa-updates",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 19);
    // Every variant as it is (many share one wamid: one effect), then again with a wamid
    // of its own, so that every message kind is really handled.
    let mut posted = 0;
    for unique in [false, true] {
        for file in &files {
            let variants: serde_json::Map<String, Value> =
                serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
            let stem = file.file_stem().unwrap().to_string_lossy().to_string();
            for (variant, mut delivery) in variants {
                if unique {
                    own_wamids(&mut delivery, &format!("{stem}.{variant}"));
                }
                let status = wa.post_signed(&delivery.to_string()).await;
                assert_eq!(status, 200, "{stem} / {variant}");
                posted += 1;
            }
        }
    }
    assert_eq!(posted, 148);
    let store = db.store().await;
    settled(&store).await;
    assert_eq!(
        scalar(
            &store,
            "SELECT COUNT(*) FROM webhook_inbox WHERE error IS NOT NULL"
        )
        .await,
        0
    );
    // Messages were answered (each kind we do not handle politely), reactions, edits,
    // deletions, system notices, calls and account updates were not, and nothing failed.
    let user = "972987654321";
    // 37: one per distinct wamid that reached the engine in the first pass, one per
    // handled message in the second.
    fake.wait_for(10, "the answers to the corpus", |f| {
        f.texts_to(user).len() >= 37
    })
    .await;
    // The user's next message is answered after everything the corpus queued.
    let mut marker: Value =
        serde_json::from_str(&wa::text("wamid.CORPUS.END", user, "/cancel")).unwrap();
    marker["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] =
        config.whatsapp.phone_number_id.clone().into();
    assert_eq!(wa.post_signed(&marker.to_string()).await, 200);
    fake.wait_for(10, "the reply to the next message", |f| {
        f.texts_to(user).last().map(String::as_str) == Some("There is nothing to cancel.")
    })
    .await;
    let mut texts = fake.texts_to(user);
    texts.pop();
    assert_eq!(texts.len(), 37, "{texts:#?}");
    // Images and documents are downloaded to be attached to a record (or, when the media
    // cannot be fetched from the fake server, answered as a file we could not download).
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("I couldn't download this file"))
    );
    assert!(!texts.iter().any(|t| t.starts_with("I can't handle file")));
    for kind in [
        "video",
        "audio",
        "voice",
        "sticker",
        "location",
        "order",
        "other",
        "interactive",
    ] {
        let polite = format!("I can't handle {kind} messages");
        assert!(
            texts.iter().any(|t| t.starts_with(&polite)),
            "{kind}: {texts:#?}"
        );
    }
    assert!(
        texts.iter().all(|t| !t.starts_with("Something went wrong")),
        "{texts:#?}"
    );
    assert_eq!(texts.len(), 37, "{texts:#?}");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Saved C") && t.contains("📞 +1 555-555-5555"))
    );
    // The server still answers.
    assert_eq!(wa.get("/healthz").await.0, 200);
    assert_eq!(wa.get("/readyz").await.0, 200);
    let next =
        wa::text("wamid.AFTER", user, "/contacts").replace("106540352242922", "1122334455667");
    assert_eq!(wa.post_signed(&next).await, 200);
    let before = texts.len();
    fake.wait_for(5, "the answer after the corpus", |f| {
        f.texts_to(user).len() == before + 1
    })
    .await;
    wa.stop().await;
}

/// Gives every message of a delivery its own wamid.
fn own_wamids(delivery: &mut Value, prefix: &str) {
    let entries = delivery["entry"].as_array_mut().into_iter().flatten();
    for (e, entry) in entries.enumerate() {
        let changes = entry["changes"].as_array_mut().into_iter().flatten();
        for (c, change) in changes.enumerate() {
            let messages = change["value"]["messages"]
                .as_array_mut()
                .into_iter()
                .flatten();
            for (m, message) in messages.enumerate() {
                message["id"] = Value::String(format!("wamid.{prefix}.{e}.{c}.{m}"));
            }
        }
    }
}
