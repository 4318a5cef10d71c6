//! The WhatsApp webhook against a fake Graph API on both backends: the verification
//! handshake, signatures over the raw bytes (non-ASCII, escaped or not), refusals that
//! leave no trace, the 3 MiB limit, duplicates (also concurrent), the durable inbox across
//! a restart, and every inbound kind of the reference payloads.

use crate::common;

use chatcrm::channel::whatsapp::signature;
use chatcrm::store::webhook_inbox;
use common::fake_graph::{self, FakeGraph};
use common::whatsapp::{
    self as wa, APP_SECRET, FROM, PHONE_ID, VERIFY_TOKEN, Wa, eventually, fixture, scalar, settled,
};
use common::{TestDb, count};
use serde_json::Value;

both_backends!(
    a_signed_new_contact_makes_the_contact_and_a_reply_and_an_unsigned_one_nothing,
    the_handshake_checks_the_verify_token,
    bad_signatures_oversized_and_malformed_bodies,
    the_same_message_twice_has_one_effect,
    deliveries_left_in_the_inbox_are_processed_after_a_restart,
    buttons_lists_documents_locations_and_contacts,
    a_document_over_the_limit_is_refused_unread,
);

async fn contact_names(db: &TestDb) -> Vec<String> {
    sqlx::query_scalar("SELECT name FROM contacts ORDER BY id")
        .fetch_all(db.store().await.pool())
        .await
        .unwrap()
}

/// The done-when of the issue: a signed delivery of `/new_contact Zoë Ångström` to a running
/// server produces the contact and a reply POSTed to the configured graph_url; an unsigned
/// one is refused with no effect. (A name alone starts the step-by-step flow: the reply
/// asks for the phone, and the contact is saved once the optional fields are skipped.)
async fn a_signed_new_contact_makes_the_contact_and_a_reply_and_an_unsigned_one_nothing(
    db: TestDb,
) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;

    let unsigned = wa::text("wamid.UNSIGNED", FROM, "/new_contact Mallory Unsigned");
    assert_eq!(wa.post(unsigned.into_bytes(), None).await, 401);

    let signed = wa::text("wamid.ZOE", FROM, "/new_contact Zoë Ångström");
    assert_eq!(wa.post_signed(&signed).await, 200);
    fake.wait_for(5, "the reply", |f| {
        f.texts_to(FROM)
            .iter()
            .any(|t| t.starts_with("Phone number"))
    })
    .await;
    let send = &fake.calls("send")[0];
    assert_eq!(send.path, format!("/v21.0/{PHONE_ID}/messages"));
    assert_eq!(
        send.authorization.as_deref(),
        Some(&*format!("Bearer {}", fake_graph::TOKEN))
    );
    assert_eq!(send.body["messaging_product"], "whatsapp");
    assert_eq!(send.body["to"], FROM);
    assert_eq!(send.body["type"], "interactive");
    // The button is bound to its user (a tag before the data).
    let skip_id = button_id(&send.body, "Skip");
    assert!(
        skip_id.starts_with('~') && skip_id.ends_with("skip"),
        "{skip_id}"
    );
    // Skip phone, email and position with the reply button.
    for n in 1..=3 {
        let skip = wa::button_reply(&format!("wamid.SKIP{n}"), FROM, &skip_id);
        assert_eq!(wa.post_signed(&skip).await, 200);
        fake.wait_for(5, "the next step", |f| f.sent_to(FROM).len() == n + 1)
            .await;
    }
    let saved = fake.texts_to(FROM).last().cloned().unwrap();
    assert!(
        saved.starts_with("Saved C1.") && saved.contains("Zoë Ångström"),
        "{saved}"
    );
    assert_eq!(contact_names(&db).await, ["Zoë Ångström"]);

    // The unsigned delivery left nothing: no contact, no recorded delivery, no reply.
    let store = db.store().await;
    assert_eq!(count(&store, "SELECT COUNT(*) FROM webhook_inbox").await, 4);
    assert_eq!(fake.calls("send").len(), 4);
    // (Had it been accepted it would be in the inbox, and its wamid claimed.)
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM webhook_inbox WHERE body LIKE '%Mallory%'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM processed_inbound WHERE update_id = 'wamid.UNSIGNED'"
        )
        .await,
        0
    );
    // The identity is the E.164 number; replies go to the wa_id digits.
    let (external, chat, name): (String, String, String) = sqlx::query_as(
        "SELECT i.external_id, i.chat_id, u.display_name FROM identities i JOIN users u ON u.id = i.user_id",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!((external.as_str(), chat.as_str()), ("+4915112345678", FROM));
    assert_eq!(name, "José Müller");
    // The sent row carries the wamid the API answered.
    settled(&store).await;
    eventually(5, "the row to be marked sent", || async {
        scalar(&store, "SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND provider_message_id = 'wamid.FAKE0004'").await == 1
    })
    .await;
    wa.stop().await;
}

async fn the_handshake_checks_the_verify_token(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    let good = format!(
        "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={VERIFY_TOKEN}&hub.challenge=1158201444"
    );
    assert_eq!(wa.get(&good).await, (200, "1158201444".to_string()));
    for bad in [
        "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1",
        "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-token-for-test&hub.challenge=1",
        "/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token=verify-token-for-tests&hub.challenge=1",
        "/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1",
        "/webhooks/whatsapp",
    ] {
        assert_eq!(wa.get(bad).await.0, 403, "{bad}");
    }
    wa.stop().await;
}

async fn bad_signatures_oversized_and_malformed_bodies(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    // The reference payload as stored: non-ASCII text, Meta's own formatting.
    let raw = fixture("webhook_text.json");
    let good = signature::sign(APP_SECRET.as_bytes(), raw.as_bytes());
    let wrong_secret = signature::sign(b"not-the-app-secret", raw.as_bytes());
    let other_body = signature::sign(APP_SECRET.as_bytes(), b"{}");
    let truncated = &good[..good.len() - 2];
    let bare_hex = &good["sha256=".len()..];
    for header in [
        None,
        Some(wrong_secret.as_str()),
        Some(&other_body),
        Some(truncated),
        Some(bare_hex),
        Some("sha256="),
    ] {
        assert_eq!(
            wa.post(raw.clone().into_bytes(), header).await,
            401,
            "{header:?}"
        );
    }
    let store = db.store().await;
    assert_eq!(count(&store, "SELECT COUNT(*) FROM webhook_inbox").await, 0);

    // Over 3 MiB: 413, even when signed.
    let big = format!(
        "{{\"object\":\"whatsapp_business_account\",\"pad\":\"{}\"}}",
        "x".repeat(3 * 1024 * 1024)
    );
    assert_eq!(wa.post_signed(&big).await, 413);
    // Signed but not JSON: acknowledged (no retry storm), not recorded.
    assert_eq!(wa.post_signed("{\"entry\": [").await, 200);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM webhook_inbox").await, 0);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM contacts").await, 0);
    assert!(fake.calls("send").is_empty());

    // The stored bytes verify as they are (the name alone starts the step-by-step flow).
    assert_eq!(wa.post(raw.clone().into_bytes(), Some(&good)).await, 200);
    fake.wait_for(5, "the first reply", |f| f.texts_to(FROM).len() == 1)
        .await;
    // The same text with escaped characters is another body with its own signature, and
    // it reads the same.
    let escaped = wa::ascii_escaped(
        &raw.replace(
            "HBgNNDkxNTExMjM0NTY3OBUCABIYFjNFQjBDNzY4RjY0QUUzNkIyQjNCAA==",
            "ESCAPED",
        )
        .replace("café owner ☕", "café owner ☕, zoe@example.com"),
    );
    assert!(
        escaped.is_ascii() && escaped.contains("\\u00eb"),
        "{escaped}"
    );
    assert_eq!(
        wa.post(escaped.clone().into_bytes(), Some(&good)).await,
        401
    );
    assert_eq!(wa.post_signed(&escaped).await, 200);
    fake.wait_for(5, "the second reply", |f| f.texts_to(FROM).len() == 2)
        .await;
    assert_eq!(contact_names(&db).await, ["Zoë Ångström — café owner ☕"]);
    let saved = &fake.texts_to(FROM)[1];
    assert!(
        saved.starts_with("Saved C1.") && saved.contains("Zoë Ångström — café owner ☕"),
        "{saved}"
    );
    assert_eq!(wa.get("/healthz").await, (200, "ok".to_string()));
    wa.stop().await;
}

async fn the_same_message_twice_has_one_effect(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    let delivery = wa::text(
        "wamid.TWICE",
        FROM,
        "/new_contact Dup Licate, dup@example.com",
    );
    let (a, b) = tokio::join!(wa.post_signed(&delivery), wa.post_signed(&delivery));
    assert_eq!((a, b), (200, 200));
    assert_eq!(wa.post_signed(&delivery).await, 200);
    fake.wait_for(5, "the reply", |f| !f.texts_to(FROM).is_empty())
        .await;
    let store = db.store().await;
    settled(&store).await;
    // The sender's next message is answered after everything queued before it.
    assert_eq!(
        wa.post_signed(&wa::text("wamid.AFTER", FROM, "/cancel"))
            .await,
        200
    );
    fake.wait_for(5, "the reply to the next message", |f| {
        f.texts_to(FROM)
            .iter()
            .any(|t| t == "There is nothing to cancel.")
    })
    .await;
    let texts = fake.texts_to(FROM);
    assert_eq!(
        texts.len(),
        2,
        "one reply to the three deliveries: {texts:?}"
    );
    assert!(texts[0].starts_with("Saved C1."), "{texts:?}");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM contacts").await, 1);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM webhook_inbox").await, 4);
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM webhook_inbox WHERE error IS NOT NULL"
        )
        .await,
        0
    );
    wa.stop().await;
}

async fn deliveries_left_in_the_inbox_are_processed_after_a_restart(db: TestDb) {
    let fake = FakeGraph::start().await;
    // A delivery was recorded and acknowledged, then the process died before handling it
    // (its lease ran out).
    let store = db.store().await;
    let body = wa::text(
        "wamid.LEFTOVER",
        FROM,
        "/new_contact Left Over, left@example.com",
    );
    let now = store.now_millis();
    let order = chatcrm::channel::whatsapp::inbound::sender_order(&body);
    webhook_inbox::record(
        &store,
        "whatsapp",
        order.as_ref(),
        &body,
        now - 200_000,
        None,
    )
    .await
    .unwrap();
    store.close().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    fake.wait_for(5, "the reply", |f| {
        f.texts_to(FROM).iter().any(|t| t.starts_with("Saved C1."))
    })
    .await;
    let store = db.store().await;
    settled(&store).await;
    assert_eq!(contact_names(&db).await, ["Left Over"]);
    wa.stop().await;
}

async fn buttons_lists_documents_locations_and_contacts(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("wamid.K{n}")
    };

    // A CSV document: the media lookup, then the download, both with the bearer token.
    fake.add_media(
        "1037543291543636",
        b"Name,Email\nDana Scully,dana@fbi.example\nFox Mulder,fox@fbi.example\n",
    );
    let csv = fixture("webhook_document.json")
        .replace("contacts.vcf", "x-files.csv")
        .replace("text/vcard", "text/csv");
    assert_eq!(wa.post_signed(&csv).await, 200);
    fake.wait_for(5, "the preview", |f| {
        f.texts_to(FROM)
            .iter()
            .any(|t| t.starts_with("x-files.csv: 2 contacts to import"))
    })
    .await;
    for kind in ["media", "download"] {
        let calls = fake.calls(kind);
        assert_eq!(calls.len(), 1, "{kind}");
        assert_eq!(
            calls[0].authorization.as_deref(),
            Some(&*format!("Bearer {}", fake_graph::TOKEN))
        );
    }
    assert_eq!(fake.calls("media")[0].path, "/v21.0/1037543291543636");
    let preview = fake.sent_to(FROM).last().cloned().unwrap();
    assert_eq!(preview["interactive"]["type"], "button");
    let import = button_id(&preview, "Import");
    assert_eq!(
        wa.post_signed(&wa::button_reply(&next(), FROM, &import))
            .await,
        200
    );
    fake.wait_for(5, "the import", |f| {
        f.texts_to(FROM)
            .iter()
            .any(|t| t.contains("Contacts created: 2"))
    })
    .await;

    // Reply buttons: ids are the choice data, titles at most 20 characters.
    assert_eq!(
        wa.post_signed(&wa::text(&next(), FROM, "/delete C2")).await,
        200
    );
    fake.wait_for(5, "the question", |f| {
        f.texts_to(FROM).iter().any(|t| t.contains("Delete C2"))
    })
    .await;
    let question = fake.sent_to(FROM).last().cloned().unwrap();
    let buttons = question["interactive"]["action"]["buttons"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        buttons
            .iter()
            .all(|b| b["reply"]["title"].as_str().unwrap().chars().count() <= 20)
    );
    same_shape(
        &question,
        &serde_json::from_str(&fixture("send_buttons_request.json")).unwrap(),
    );
    let yes = button_id(&question, "Yes, delete");
    assert_eq!(
        wa.post_signed(&wa::button_reply(&next(), FROM, &yes)).await,
        200
    );
    fake.wait_for(5, "the deletion", |f| {
        f.texts_to(FROM).iter().any(|t| t == "C2 deleted.")
    })
    .await;

    // /help: the long text first, then the menu as a list whose rows send commands.
    let before = fake.sent_to(FROM).len();
    assert_eq!(wa.post_signed(&wa::text(&next(), FROM, "/help")).await, 200);
    fake.wait_for(5, "the menu", |f| f.sent_to(FROM).len() == before + 2)
        .await;
    let sent = fake.sent_to(FROM);
    assert!(
        sent[before]["text"]["body"]
            .as_str()
            .unwrap()
            .starts_with("Here is what I can do:")
    );
    let menu = &sent[before + 1];
    same_shape(
        menu,
        &serde_json::from_str(&fixture("send_list_request.json")).unwrap(),
    );
    assert_eq!(menu["interactive"]["body"]["text"], "Choose an option:");
    assert_eq!(menu["interactive"]["action"]["button"], "Choose");
    let rows = menu["interactive"]["action"]["sections"][0]["rows"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[1]["id"], "/contacts");
    assert_eq!(rows[1]["title"], "/contacts");
    assert!(
        rows.iter()
            .all(|r| r["title"].as_str().unwrap().chars().count() <= 24)
    );
    assert!(
        rows.iter()
            .all(|r| r["description"].as_str().unwrap_or("").chars().count() <= 72)
    );
    assert_eq!(
        wa.post_signed(&wa::list_reply(&next(), FROM, "/contacts"))
            .await,
        200
    );
    fake.wait_for(5, "the contact list", |f| {
        f.texts_to(FROM).iter().any(|t| t.starts_with("1 contact"))
    })
    .await;

    // The reference answers carry ids of another app: "no longer valid", not a crash.
    let before = fake.texts_to(FROM).len();
    assert_eq!(
        wa.post_signed(&fixture("webhook_button_reply.json")).await,
        200
    );
    assert_eq!(
        wa.post_signed(&fixture("webhook_list_reply.json")).await,
        200
    );
    fake.wait_for(5, "two answers", |f| f.texts_to(FROM).len() == before + 2)
        .await;
    assert!(
        fake.texts_to(FROM)[before..]
            .iter()
            .all(|t| t.starts_with("That button is no longer valid"))
    );

    // A location is unsupported; a shared contact card becomes a contact.
    assert_eq!(
        wa.post_signed(&fixture("webhook_location_and_contacts.json"))
            .await,
        200
    );
    fake.wait_for(5, "both answers", |f| {
        let texts = f.texts_to(FROM);
        texts
            .iter()
            .any(|t| t.starts_with("I can't handle location messages"))
            && texts.iter().any(|t| t.contains("Bob Stone"))
    })
    .await;
    assert!(contact_names(&db).await.contains(&"Bob Stone".to_string()));

    // Replies are in the user's language once they chose one.
    let before = fake.sent_to(FROM).len();
    assert_eq!(
        wa.post_signed(&wa::text(&next(), FROM, "/language ru"))
            .await,
        200
    );
    fake.wait_for(5, "the language reply", |f| f.sent_to(FROM).len() > before)
        .await;
    let before = fake.sent_to(FROM).len();
    assert_eq!(wa.post_signed(&wa::text(&next(), FROM, "/help")).await, 200);
    fake.wait_for(5, "the Russian menu", |f| {
        f.sent_to(FROM).len() == before + 2
    })
    .await;
    let menu = fake.sent_to(FROM).last().cloned().unwrap();
    assert_eq!(menu["interactive"]["action"]["button"], "Выбрать");
    wa.stop().await;
}

/// The id of the reply button titled `title` in an interactive message.
fn button_id(message: &Value, title: &str) -> String {
    message["interactive"]["action"]["buttons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["reply"]["title"] == title)
        .unwrap_or_else(|| panic!("no button {title:?} in {message}"))["reply"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Our message has the keys of the reference request (optional ones may be missing).
fn same_shape(ours: &Value, reference: &Value) {
    let keys = |v: &Value| {
        let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(ours), keys(reference));
    assert_eq!(
        ours["interactive"]["type"],
        reference["interactive"]["type"]
    );
    assert_eq!(
        keys(&ours["interactive"]["action"]),
        keys(&reference["interactive"]["action"])
    );
}

/// A contact list whose media lookup tells a size over the import limit (5 MB) is refused
/// with that limit, and its bytes are never downloaded.
async fn a_document_over_the_limit_is_refused_unread(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    fake.add_media("1037543291543636", &vec![b'a'; 6 * 1024 * 1024]);
    let csv = fixture("webhook_document.json")
        .replace("contacts.vcf", "big.csv")
        .replace("text/vcard", "text/csv");
    assert_eq!(wa.post_signed(&csv).await, 200);
    fake.wait_for(5, "the refusal", |f| {
        f.texts_to(FROM)
            .iter()
            .any(|t| *t == common::first_reply("The file is too large (at most 5 MB)."))
    })
    .await;
    assert_eq!(fake.calls("media").len(), 1);
    assert!(fake.calls("download").is_empty(), "not downloaded");
    wa.stop().await;
}
