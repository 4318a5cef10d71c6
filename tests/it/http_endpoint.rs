//! The HTTP endpoint on both backends: health, readiness, Prometheus metrics and the admin
//! API (bearer token, constant-time compare, disabled without a token, no message content).

use crate::common;

use chatcrm::config::{Config, Secret};
use chatcrm::server::Server;
use common::TestDb;
use common::fake_telegram::{self as tg, FakeTelegram};
use serde_json::Value;

both_backends!(
    health_metrics_and_admin_api,
    readiness_needs_a_channel_and_admin_needs_a_token
);

const ADMIN: &str = "admin-token-0123456789";

async fn health_metrics_and_admin_api(db: TestDb) {
    let fake = FakeTelegram::start().await;
    let mut config = Config::default();
    config.telegram.token = Secret::new("123456:TEST-TOKEN");
    config.telegram.api_url = fake.url.clone();
    config.telegram.shaping = false;
    config.telegram.poll_timeout_secs = 1;
    config.http.admin_token = Secret::new(ADMIN);
    config.jobs.interval_secs = 3600;
    let exports = tempfile::tempdir().unwrap();
    config.privacy.export_dir = exports.path().to_path_buf();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = Server::start(&config, db.engine().await, listener)
        .await
        .unwrap();
    let base = format!("http://{}", server.addr);
    let http = reqwest::Client::new();

    assert_eq!(
        http.get(format!("{base}/healthz"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "ok"
    );
    let ready = http.get(format!("{base}/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.text().await.unwrap(), "ready");

    fake.push(tg::text(
        1,
        4242,
        "/new_contact Secret Name, secret@example.com",
    ));
    fake.push(tg::text(2, 4242, "/note C1 a private note"));
    fake.wait_for(5, "two replies", |f| f.texts_to(4242).len() == 2)
        .await;

    let metrics = http
        .get(format!("{base}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("chatcrm_updates_total{channel=\"telegram\"}"),
        "{metrics}"
    );
    assert!(
        metrics.contains("chatcrm_replies_sent_total{channel=\"telegram\"}"),
        "{metrics}"
    );
    assert!(
        metrics.contains("chatcrm_update_seconds_bucket{channel=\"telegram\",le=\"0.01\"}"),
        "{metrics}"
    );
    // The recorder is process-wide and other tests in this binary run Telegram servers
    // too, so the gauge's value is theirs as much as ours: check it is exported as a number.
    let pending = metrics
        .lines()
        .find_map(|l| l.strip_prefix("chatcrm_outbox_pending{channel=\"telegram\"} "));
    assert!(
        pending.is_some_and(|v| v.parse::<f64>().is_ok()),
        "{metrics}"
    );
    // Names and labels only: a value (a sum of seconds such as 0.0042421) may hold any digits.
    let leaks: Vec<&str> = metrics
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.rsplit_once(' ').map(|(series, _value)| series))
        .filter(|series| series.contains("Secret Name") || series.contains("4242"))
        .collect();
    assert!(leaks.is_empty(), "no content or ids in metrics: {leaks:?}");
    assert!(!metrics.contains("Secret Name"), "no content in metrics");

    // The admin API wants the bearer token.
    for auth in [
        None,
        Some("Bearer wrong"),
        Some(ADMIN),
        Some("Bearer admin-token-012345678"),
    ] {
        let mut request = http.get(format!("{base}/admin/usage"));
        if let Some(auth) = auth {
            request = request.header("Authorization", auth);
        }
        assert_eq!(request.send().await.unwrap().status(), 401, "{auth:?}");
    }
    let get = |path: &str| {
        http.get(format!("{base}{path}"))
            .header("Authorization", format!("Bearer {ADMIN}"))
            .send()
    };
    let usage: Value = get("/admin/usage").await.unwrap().json().await.unwrap();
    assert_eq!(usage["users"], 1);
    assert_eq!(usage["contacts"], 1);
    assert_eq!(usage["notes"], 1);
    assert_eq!(usage["updates_processed"], 2);
    let workspaces: Value = get("/admin/workspaces")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(workspaces[0]["members"], 1);
    assert_eq!(workspaces[0]["contacts"], 1);
    let user: Value = get("/admin/users?channel=telegram&external_id=4242")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(user["display_name"], "User4242");
    assert_eq!(user["identities"][0]["channel"], "telegram");
    assert_eq!(user["workspaces"][0]["role"], "owner");
    let all = format!("{usage}{workspaces}{user}");
    assert!(
        !all.contains("Secret Name") && !all.contains("private note"),
        "no record content: {all}"
    );
    assert_eq!(
        get("/admin/users?channel=telegram&external_id=1")
            .await
            .unwrap()
            .status(),
        404
    );

    // Admin calls are audited; the audit log holds no content.
    let audit: Value = get("/admin/audit").await.unwrap().json().await.unwrap();
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"admin.usage") && actions.contains(&"admin.user_lookup"),
        "{actions:?}"
    );
    // An access request that arrived by e-mail: the ZIP comes back.
    let user_id = user["id"].as_i64().unwrap();
    let zip = get(&format!("/admin/users/{user_id}/export"))
        .await
        .unwrap();
    assert_eq!(zip.status(), 200);
    assert_eq!(zip.headers()["content-type"], "application/zip");
    assert!(zip.bytes().await.unwrap().starts_with(b"PK"));
    assert_eq!(
        get("/admin/users/999999/export").await.unwrap().status(),
        404
    );
    // A deletion request that arrived by e-mail.
    let delete = |id: i64| {
        http.post(format!("{base}/admin/users/{id}/delete"))
            .header("Authorization", format!("Bearer {ADMIN}"))
            .send()
    };
    assert_eq!(
        http.post(format!("{base}/admin/users/{user_id}/delete"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(delete(user_id).await.unwrap().status(), 204);
    assert_eq!(delete(user_id).await.unwrap().status(), 404);
    let usage: Value = get("/admin/usage").await.unwrap().json().await.unwrap();
    assert_eq!(
        (usage["users"].as_i64(), usage["contacts"].as_i64()),
        (Some(0), Some(0))
    );
    let audit: Value = get("/admin/audit").await.unwrap().json().await.unwrap();
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "account.deleted" && e["actor"] == "admin")
    );
    server.stop().await;
}

async fn readiness_needs_a_channel_and_admin_needs_a_token(db: TestDb) {
    let mut config = Config::default();
    config.jobs.interval_secs = 3600;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = Server::start(&config, db.engine().await, listener)
        .await
        .unwrap();
    let base = format!("http://{}", server.addr);
    let ready = reqwest::get(format!("{base}/readyz")).await.unwrap();
    assert_eq!(ready.status(), 503);
    assert_eq!(ready.text().await.unwrap(), "no chat channel configured");
    // Without [http] admin_token the admin API does not exist.
    let admin = reqwest::Client::new()
        .get(format!("{base}/admin/usage"))
        .header("Authorization", "Bearer ")
        .send()
        .await
        .unwrap();
    assert_eq!(admin.status(), 404);
    server.stop().await;
}
