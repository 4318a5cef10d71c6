//! Text with control characters (a NUL byte, which PostgreSQL refuses in text) is cleaned
//! where it enters, the same on both backends: the command works and nothing fails or is
//! retried — typed in a chat, or arriving escaped in a WhatsApp delivery.

use crate::common;

use common::fake_graph::FakeGraph;
use common::whatsapp::{self as wa, FROM, Wa, scalar, settled};
use common::{Chat, TestDb, count};

both_backends!(
    a_nul_byte_in_a_command_is_dropped,
    a_nul_byte_in_a_whatsapp_delivery_is_dropped
);

async fn a_nul_byte_in_a_command_is_dropped(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    let reply = ada.send("/new_company Ac\0me\u{7}, acme.example").await;
    assert!(reply.starts_with("Saved O1."), "{reply}");
    let name: String = sqlx::query_scalar("SELECT name FROM companies")
        .fetch_one(engine.store().pool())
        .await
        .unwrap();
    assert_eq!(name, "Acme");
    // Line breaks are kept: a note keeps its lines.
    ada.send("/new_contact Bo Berg, bo@example.com").await;
    ada.send("/note C1 first line\nsecond\0 line").await;
    let body: String = sqlx::query_scalar("SELECT body FROM notes")
        .fetch_one(engine.store().pool())
        .await
        .unwrap();
    assert_eq!(body, "first line\nsecond line");
    assert_eq!(count(engine.store(), "SELECT COUNT(*) FROM notes").await, 1);
}

async fn a_nul_byte_in_a_whatsapp_delivery_is_dropped(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    let contact = wa::text("wamid.C", FROM, "/new_contact Nul Person, nul@example.com");
    assert_eq!(wa.post_signed(&contact).await, 200);
    // JSON carries the NUL escaped, as a sender's app may put it there.
    let note = wa::text("wamid.NUL", FROM, "/note C1 aXb").replace("aXb", "a\\u0000b");
    assert!(note.contains("a\\u0000b"), "{note}");
    assert_eq!(wa.post_signed(&note).await, 200);
    fake.wait_for(5, "the reply", |f| {
        f.texts_to(FROM)
            .iter()
            .any(|t| t.starts_with("Note N1 added"))
    })
    .await;
    let store = db.store().await;
    settled(&store).await;
    assert_eq!(
        scalar(
            &store,
            "SELECT COUNT(*) FROM webhook_inbox WHERE error IS NOT NULL OR attempts > 1"
        )
        .await,
        0
    );
    let body: String = sqlx::query_scalar("SELECT body FROM notes")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(body, "ab");
    wa.stop().await;
}
