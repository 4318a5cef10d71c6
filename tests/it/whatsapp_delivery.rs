//! WhatsApp delivery against a fake Graph API on both backends: statuses that only move
//! forward (a late "delivered" never overwrites "read"), failures with their code, the
//! 24-hour window (131047) with and without a re-engagement template, throughput errors
//! (130429) and 5xx retried, an expired token (190) reported by /readyz, shaping to 80
//! messages/s, and the `[whatsapp]` configuration.

use crate::common;

use std::time::{Duration, Instant};

use chatcrm::config::Config;
use chatcrm::message::Reply;
use chatcrm::store::Store;
use chatcrm::store::outbox::{self, Destination};
use common::fake_graph::FakeGraph;
use common::whatsapp::{self as wa, FROM, Wa, eventually, fixture, scalar, settled};
use common::{TestDb, count};
use serde_json::{Value, json};

both_backends!(
    statuses_move_forward_and_failures_keep_their_code,
    outside_the_window_with_and_without_a_template,
    throttling_and_server_errors_are_retried,
    an_expired_token_is_reported_by_readyz,
    sends_are_shaped_to_80_a_second,
);

/// (delivery_status, error) of the row sent as `wamid`.
async fn row_status(store: &Store, wamid: &str) -> (Option<String>, Option<String>) {
    sqlx::query_as("SELECT delivery_status, error FROM outbox WHERE provider_message_id = $1")
        .bind(wamid)
        .fetch_one(store.pool())
        .await
        .unwrap()
}

async fn identity_active(store: &Store, external_id: &str) -> i64 {
    sqlx::query_scalar("SELECT active FROM identities WHERE external_id = $1")
        .bind(external_id)
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// Sends `text` from `from`, waits until the reply went out and its row holds the wamid
/// the API answered; returns that wamid.
async fn exchange(
    wa: &Wa,
    fake: &FakeGraph,
    store: &Store,
    wamid: &str,
    from: &str,
    text: &str,
) -> String {
    let before = fake.sent_to(from).len();
    assert_eq!(wa.post_signed(&wa::text(wamid, from, text)).await, 200);
    fake.wait_for(5, "the reply", |f| f.sent_to(from).len() > before)
        .await;
    let sent = fake
        .calls("send")
        .into_iter()
        .rev()
        .find_map(|c| c.wamid)
        .unwrap();
    eventually(5, "the wamid to be stored", || async {
        let sent_rows: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE provider_message_id = $1 AND status = 'sent'",
        )
        .bind(&sent)
        .fetch_one(store.pool())
        .await
        .unwrap();
        sent_rows == 1
    })
    .await;
    sent
}

async fn statuses_move_forward_and_failures_keep_their_code(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    let store = db.store().await;
    let first = exchange(&wa, &fake, &store, "wamid.S1", FROM, "/contacts").await;
    assert_eq!(row_status(&store, &first).await, (None, None));

    for (status, expected) in [
        ("sent", "sent"),
        ("read", "read"),
        ("delivered", "read"),
        ("sent", "read"),
    ] {
        assert_eq!(wa.post_signed(&wa::status(&first, status)).await, 200);
        settled(&store).await;
        assert_eq!(
            row_status(&store, &first).await.0.as_deref(),
            Some(expected),
            "after {status}"
        );
    }
    // The reference "read" status names a message we never sent: nothing changes.
    assert_eq!(
        wa.post_signed(&fixture("webhook_status_read.json")).await,
        200
    );
    settled(&store).await;
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM outbox WHERE delivery_status IS NOT NULL"
        )
        .await,
        1
    );

    // A failure is recorded with its code; outside the window (131047) free-form sends to
    // that user stop until they write again, and with no template configured none is sent.
    let second = exchange(&wa, &fake, &store, "wamid.S2", FROM, "/contacts").await;
    assert_eq!(wa.post_signed(&wa::failed_status(&second)).await, 200);
    settled(&store).await;
    let (status, error) = row_status(&store, &second).await;
    assert_eq!(status.as_deref(), Some("failed"));
    assert!(
        error
            .unwrap_or_default()
            .starts_with("131047: Re-engagement message")
    );
    assert_eq!(identity_active(&store, "+4915112345678").await, 0);
    // A late "read" does not undo the failure.
    assert_eq!(wa.post_signed(&wa::status(&second, "read")).await, 200);
    settled(&store).await;
    assert_eq!(
        row_status(&store, &second).await.0.as_deref(),
        Some("failed")
    );
    // Writing again opens the window: replies go out again. That reply comes after anything
    // queued to the chat before it, and no template was among them.
    exchange(&wa, &fake, &store, "wamid.S3", FROM, "/contacts").await;
    assert_eq!(identity_active(&store, "+4915112345678").await, 1);
    assert!(fake.sent_to(FROM).iter().all(|m| m["type"] != "template"));
    wa.stop().await;
}

async fn outside_the_window_with_and_without_a_template(db: TestDb) {
    let fake = FakeGraph::start().await;
    let store = db.store().await;
    let refusal: Value = serde_json::from_str(&fixture("error_131047.json")).unwrap();

    // With a template: the free-form reply fails with the code, the template goes instead.
    let mut config = wa::config(&fake);
    config.whatsapp.reengage_template = "hello_again".into();
    let wa = Wa::start(&db, &config).await;
    fake.script(400, refusal.clone());
    assert_eq!(
        wa.post_signed(&wa::text("wamid.W1", "15550001111", "/contacts"))
            .await,
        200
    );
    fake.wait_for(5, "the template", |f| {
        f.sent_to("15550001111")
            .iter()
            .any(|m| m["type"] == "template")
    })
    .await;
    let template = fake.sent_to("15550001111").last().cloned().unwrap();
    assert_eq!(
        template["template"],
        json!({ "name": "hello_again", "language": { "code": "en" } })
    );
    let error: String = sqlx::query_scalar(
        "SELECT error FROM outbox WHERE chat_id = '15550001111' AND status = 'failed'",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert!(error.starts_with("131047"), "{error}");
    assert_eq!(identity_active(&store, "+15550001111").await, 0);
    // A second refusal within a day does not send the template again.
    fake.script(400, refusal.clone());
    assert_eq!(
        wa.post_signed(&wa::text("wamid.W2", "15550001111", "/contacts"))
            .await,
        200
    );
    eventually(5, "the second refusal", || async {
        scalar(
            &store,
            "SELECT COUNT(*) FROM outbox WHERE chat_id = '15550001111' AND status = 'failed'",
        )
        .await
            == 2
    })
    .await;
    // The user's next message is answered after anything queued before it: one template.
    exchange(&wa, &fake, &store, "wamid.W2b", "15550001111", "/cancel").await;
    let templates = fake
        .sent_to("15550001111")
        .iter()
        .filter(|m| m["type"] == "template")
        .count();
    assert_eq!(templates, 1);
    wa.stop().await;

    // Without a template: the row fails with the code and nothing else is sent.
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    fake.script(400, refusal);
    assert_eq!(
        wa.post_signed(&wa::text("wamid.W3", "15550002222", "/contacts"))
            .await,
        200
    );
    eventually(5, "the refusal", || async {
        scalar(&store, "SELECT COUNT(*) FROM outbox WHERE chat_id = '15550002222' AND status = 'failed' AND error LIKE '131047%'").await == 1
    })
    .await;
    assert_eq!(identity_active(&store, "+15550002222").await, 0);
    // The user's next message is the first thing that reaches them: no template before it.
    exchange(&wa, &fake, &store, "wamid.W3b", "15550002222", "/cancel").await;
    let sent = fake.sent_to("15550002222");
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["text"]["body"], "There is nothing to cancel.");
    wa.stop().await;
}

async fn throttling_and_server_errors_are_retried(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    let store = db.store().await;
    fake.script(
        400,
        serde_json::from_str(&fixture("error_130429.json")).unwrap(),
    );
    assert_eq!(
        wa.post_signed(&wa::text("wamid.T1", FROM, "/contacts"))
            .await,
        200
    );
    fake.wait_for(8, "the reply after 130429", |f| f.sent_to(FROM).len() == 1)
        .await;
    let sends = fake.calls("send");
    assert_eq!(sends.len(), 2);
    assert!(
        sends[1].at.duration_since(sends[0].at) >= Duration::from_millis(900),
        "backed off"
    );

    fake.script(
        503,
        json!({ "error": { "message": "Service unavailable", "code": 131000 } }),
    );
    fake.script(502, Value::Null);
    assert_eq!(
        wa.post_signed(&wa::text("wamid.T2", FROM, "/contacts"))
            .await,
        200
    );
    fake.wait_for(12, "the reply after two 5xx", |f| {
        f.sent_to(FROM).len() == 2
    })
    .await;
    eventually(5, "both rows sent", || async {
        scalar(&store, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await == 2
    })
    .await;
    let attempts: Vec<i64> = sqlx::query_scalar("SELECT attempts FROM outbox ORDER BY id")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(attempts, [2, 3]);

    // Another refusal fails the row at once, with Graph's code.
    fake.script(400, json!({ "error": { "message": "Recipient phone number not in allowed list", "code": 131030 } }));
    assert_eq!(
        wa.post_signed(&wa::text("wamid.T3", FROM, "/contacts"))
            .await,
        200
    );
    eventually(5, "the failure", || async {
        scalar(
            &store,
            "SELECT COUNT(*) FROM outbox WHERE status = 'failed' AND error LIKE '131030:%'",
        )
        .await
            == 1
    })
    .await;
    assert_eq!(identity_active(&store, "+4915112345678").await, 1);
    wa.stop().await;
}

async fn an_expired_token_is_reported_by_readyz(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    let store = db.store().await;
    assert_eq!(wa.get("/readyz").await, (200, "ready".to_string()));
    fake.script(401, json!({ "error": { "message": "Error validating access token: Session has expired", "type": "OAuthException", "code": 190, "error_subcode": 463 } }));
    assert_eq!(
        wa.post_signed(&wa::text("wamid.E1", FROM, "/contacts"))
            .await,
        200
    );
    eventually(5, "readiness to fail", || async {
        wa.get("/readyz").await == (503, "whatsapp access token expired".to_string())
    })
    .await;
    // The reply waits in the outbox for a valid token.
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM outbox WHERE status = 'pending'"
        )
        .await,
        1
    );
    assert_eq!(wa.get("/healthz").await.0, 200);
    wa.stop().await;
}

async fn sends_are_shaped_to_80_a_second(db: TestDb) {
    let fake = FakeGraph::start().await;
    let mut config = wa::config(&fake);
    config.whatsapp.shaping = true;
    // A user, then 160 replies to 160 chats queued at once.
    let engine = db.engine().await;
    let inbound = chatcrm::message::Inbound {
        channel: chatcrm::message::Channel::WhatsApp,
        user_id: format!("+{FROM}"),
        chat_id: FROM.into(),
        display_name: "Shaping".into(),
        language: None,
        update_id: None,
        edit_message: None,
        payload: chatcrm::message::Payload::Text("/contacts".into()),
    };
    engine.handle(&inbound).await.unwrap();
    let store = engine.store().clone();
    let identity: i64 = sqlx::query_scalar("SELECT id FROM identities")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let mut tx = store.begin().await.unwrap();
    for i in 0..160 {
        let chat = format!("4915100000{i:03}");
        let to = Destination {
            identity_id: Some(chatcrm::crm::IdentityId::new(identity)),
            channel: chatcrm::message::Channel::WhatsApp,
            chat_id: &chat,
            edit_message_id: None,
        };
        outbox::enqueue(&mut tx, to, &Reply::text(format!("message {i}")))
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let start = Instant::now();
    let wa = Wa::start(&db, &config).await;
    fake.wait_for(10, "all messages", |f| f.calls("send").len() == 160)
        .await;
    let elapsed = start.elapsed();
    assert!(
        elapsed >= Duration::from_millis(1900),
        "160 messages took {elapsed:?}"
    );
    let times: Vec<Instant> = fake.calls("send").iter().map(|c| c.at).collect();
    let mut sorted = times.clone();
    sorted.sort();
    for (i, t) in sorted.iter().enumerate() {
        let within = sorted[i..]
            .iter()
            .take_while(|u| u.duration_since(*t) < Duration::from_secs(1))
            .count();
        assert!(within <= 81, "{within} sends within a second");
    }
    wa.stop().await;
}

#[test]
fn the_whatsapp_section_is_validated_and_its_secrets_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let load = |toml: &str| {
        let path = dir.path().join("bot.toml");
        std::fs::write(&path, toml).unwrap();
        Config::load_from(
            Some(&path),
            figment::providers::Env::prefixed("CHATCRM_TEST_UNSET_"),
        )
    };
    let full = "[whatsapp]\naccess_token = \"EAAG-secret-token\"\nphone_number_id = \"106540352242922\"\napp_secret = \"app-secret-value\"\nverify_token = \"verify-value\"\n";
    let config = load(full).unwrap();
    assert!(config.whatsapp.enabled());
    assert_eq!(config.whatsapp.graph_url, "https://graph.facebook.com");
    assert_eq!(config.whatsapp.api_version, "v21.0");
    assert!(config.whatsapp.shaping);
    let shown = format!("{config:?}");
    for secret in ["EAAG-secret-token", "app-secret-value", "verify-value"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(!Config::default().whatsapp.enabled());

    let error = load("[whatsapp]\naccess_token = \"t\"\nphone_number_id = \"1\"\n")
        .unwrap_err()
        .to_string();
    assert!(error.contains("whatsapp.app_secret"), "{error}");
    let error = load(&format!("{full}api_version = \"21\"\n"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("whatsapp.api_version"), "{error}");
    let error = load(&format!("{full}reengage_template = \"Hello Again\"\n"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("whatsapp.reengage_template"), "{error}");
    let error = load("[whatsapp]\ntoken = \"t\"\n").unwrap_err().to_string();
    assert!(error.contains("token"), "{error}");
}
