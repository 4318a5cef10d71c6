//! Attachments on WhatsApp: an image or a document whose caption starts with a record's
//! handle (`C1 site visit`) is downloaded through the Graph media endpoint and attached to
//! that record; an image without a handle gets a clear hint; a download that fails says so
//! (never "can't handle file messages").

use crate::common;

use common::TestDb;
use common::fake_graph::FakeGraph;
use common::whatsapp::{self as wa, FROM, Wa, scalar, settled};
use serde_json::{Value, json};

both_backends!(images_and_documents_with_a_handle_caption_attach_to_the_record);

/// A delivery of one media message of `kind` ("image" or "document") from [`FROM`].
fn media(wamid: &str, kind: &str, media_id: &str, caption: &str) -> String {
    let mut delivery: Value = serde_json::from_str(&wa::text(wamid, FROM, "x")).unwrap();
    let message = &mut delivery["entry"][0]["changes"][0]["value"]["messages"][0];
    message.as_object_mut().unwrap().remove("text");
    message["type"] = json!(kind);
    let mut object = json!({ "id": media_id, "mime_type": "image/jpeg", "caption": caption });
    if kind == "document" {
        object["filename"] = json!("offer.pdf");
        object["mime_type"] = json!("application/pdf");
    }
    message[kind] = object;
    delivery.to_string()
}

async fn images_and_documents_with_a_handle_caption_attach_to_the_record(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    let store = db.store().await;
    let contact = wa::text(
        "wamid.A1",
        FROM,
        "/new_contact Anna Petrova, +49 151 12345678",
    );
    assert_eq!(wa.post_signed(&contact).await, 200);
    fake.wait_for(10, "the contact", |f| {
        f.texts_to(FROM).iter().any(|t| t.starts_with("Saved C1."))
    })
    .await;

    fake.add_media("7001", b"\xff\xd8\xff\xe0 a small jpeg");
    assert_eq!(
        wa.post_signed(&media("wamid.A2", "image", "7001", "C1 site visit"))
            .await,
        200
    );
    fake.wait_for(10, "the image attached", |f| {
        f.texts_to(FROM)
            .iter()
            .any(|t| t.starts_with("Attached photo.jpg") && t.contains("C1"))
    })
    .await;
    fake.add_media("7002", b"%PDF-1.4 offer");
    assert_eq!(
        wa.post_signed(&media("wamid.A3", "document", "7002", "C1 signed offer"))
            .await,
        200
    );
    fake.wait_for(10, "the document attached", |f| {
        f.texts_to(FROM)
            .iter()
            .any(|t| t.starts_with("Attached offer.pdf"))
    })
    .await;
    settled(&store).await;
    assert_eq!(scalar(&store, "SELECT COUNT(*) FROM files").await, 2);

    // Without a handle: a hint about the caption; a lost media: a download failure.
    fake.add_media("7003", b"\xff\xd8\xff\xe0 another");
    assert_eq!(
        wa.post_signed(&media("wamid.A4", "image", "7003", ""))
            .await,
        200
    );
    fake.wait_for(10, "the hint", |f| {
        f.texts_to(FROM)
            .iter()
            .any(|t| t.starts_with("To attach this photo to a record"))
    })
    .await;
    assert_eq!(
        wa.post_signed(&media("wamid.A5", "image", "7999", "C1 lost"))
            .await,
        200
    );
    fake.wait_for(10, "the download failure", |f| {
        f.texts_to(FROM)
            .iter()
            .any(|t| t.starts_with("I couldn't download this file"))
    })
    .await;
    settled(&store).await;
    assert_eq!(scalar(&store, "SELECT COUNT(*) FROM files").await, 2);
    assert!(
        !fake
            .texts_to(FROM)
            .iter()
            .any(|t| t.contains("can't handle")),
        "{:?}",
        fake.texts_to(FROM)
    );
    wa.stop().await;
}
