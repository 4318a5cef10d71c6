//! Operations: sending that keeps failing shows in `/readyz` (still 200) and in the
//! metrics (failures by channel and reason, refused webhook deliveries by reason); admin
//! API errors are JSON naming the field; database start-up errors are one clear line.

use crate::common;

use chatcrm::config::Secret;
use common::TestDb;
use common::fake_graph::FakeGraph;
use common::whatsapp::{self as wa, FROM, Wa, eventually, scalar};
use serde_json::{Value, json};

both_backends!(
    failing_whatsapp_sends_show_in_readyz_and_metrics,
    admin_api_errors_name_the_field
);

async fn failing_whatsapp_sends_show_in_readyz_and_metrics(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    let store = db.store().await;
    let (status, body) = wa.get("/readyz").await;
    assert_eq!((status, body.as_str()), (200, "ready"));

    // Graph refuses every send.
    for _ in 0..40 {
        fake.script(
            400,
            json!({ "error": { "message": "Message undeliverable", "code": 131026 } }),
        );
    }
    for n in 1..=3 {
        let text = wa::text(&format!("wamid.F{n}"), FROM, "/contacts");
        assert_eq!(wa.post_signed(&text).await, 200);
        eventually(10, "a failed send", || async {
            scalar(&store, "SELECT COUNT(*) FROM outbox WHERE status = 'failed'").await >= n
        })
        .await;
    }
    let (status, body) = wa.get("/readyz").await;
    assert_eq!(status, 200, "an outage at Meta does not pull the instance");
    assert!(
        body.starts_with("ready; whatsapp sending degraded: last ")
            && body.ends_with(" sends failed (refused)"),
        "{body}"
    );

    // Refused deliveries are counted by reason.
    assert_eq!(wa.post(b"{}".to_vec(), Some("sha256=00")).await, 401);
    let (_, metrics) = wa.get("/metrics").await;
    for line in [
        r#"chatcrm_send_failures_total{channel="whatsapp",reason="refused"}"#,
        r#"chatcrm_webhook_refused_total{channel="whatsapp",reason="signature"}"#,
    ] {
        assert!(metrics.contains(line), "{line} in {metrics}");
    }
    wa.stop().await;
}

const ADMIN: &str = "admin-token-0123456789";

async fn admin_api_errors_name_the_field(db: TestDb) {
    let fake = FakeGraph::start().await;
    let mut config = wa::config(&fake);
    config.http.admin_token = Secret::new(ADMIN);
    let wa = Wa::start(&db, &config).await;
    let base = format!("http://{}", wa.server.addr);
    let get = |path: &str| {
        wa.client
            .get(format!("{base}{path}"))
            .bearer_auth(ADMIN)
            .send()
    };
    for (path, field) in [
        ("/admin/audit?limit=abc", "limit"),
        ("/admin/workspaces?offset=1.5", "offset"),
        ("/admin/users?channel=telegram", "external_id"),
        ("/admin/users/abc/export", "id"),
    ] {
        let response = get(path).await.unwrap();
        assert_eq!(response.status(), 400, "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{path}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["field"], field, "{path}: {body}");
        let error = body["error"].as_str().unwrap();
        assert!(error.contains(&format!("`{field}`")), "{path}: {error}");
        assert!(!error.contains("Cannot parse"), "{path}: {error}");
    }
    let response = wa
        .client
        .post(format!("{base}/admin/users/x1/delete"))
        .bearer_auth(ADMIN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["field"], "id");
    // Good values still work.
    assert_eq!(get("/admin/audit?limit=5").await.unwrap().status(), 200);
    wa.stop().await;
}
