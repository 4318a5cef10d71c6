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
            scalar(
                &store,
                "SELECT COUNT(*) FROM outbox WHERE status = 'failed'",
            )
            .await
                >= n
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

/// Runs `chatcrm migrate` with `url` as the database in a fresh folder (holding a text file
/// `notes.txt`); returns stderr.
fn migrate_with(url: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a database\n").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_chatcrm"))
        .arg("migrate")
        .current_dir(dir.path())
        .env_remove("RUST_LOG")
        .env("CHATCRM_DATABASE__URL", url)
        .output()
        .expect("run chatcrm");
    assert!(!output.status.success(), "{url} was accepted");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// One line naming `cause` once, and no pool time-out.
fn one_clear_line(stderr: &str, cause: &str) {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert_eq!(stderr.matches(cause).count(), 1, "{stderr}");
    assert!(!stderr.contains("pool timed out"), "{stderr}");
    // Said once: not "opening the database: cannot open the database …".
    assert_eq!(stderr.matches("the database").count(), 1, "{stderr}");
}

/// The forms the README promises besides `sqlite://PATH`: `sqlite:PATH` and `sqlite::memory:`.
#[test]
fn the_other_sqlite_url_forms_are_accepted() {
    for url in ["sqlite:crm.db", "sqlite::memory:"] {
        let dir = tempfile::tempdir().unwrap();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_chatcrm"))
            .arg("migrate")
            .current_dir(dir.path())
            .env_remove("RUST_LOG")
            .env("CHATCRM_DATABASE__URL", url)
            .output()
            .expect("run chatcrm");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{url}: {output:?}");
        assert!(stdout.contains("migrations applied"), "{url}: {stdout}");
    }
}

#[test]
fn logs_written_to_a_file_or_pipe_have_no_colour_codes() {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_chatcrm"))
        .args(["chat", "--as", "logger"])
        .stdin(std::process::Stdio::null())
        .current_dir(dir.path())
        .env("RUST_LOG", "info")
        .env("CHATCRM_DATABASE__URL", "sqlite://crm.db")
        .output()
        .expect("run chatcrm");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("database ready"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

#[test]
fn a_text_file_as_the_sqlite_database_is_one_clear_error() {
    let stderr = migrate_with("sqlite://notes.txt");
    one_clear_line(&stderr, "file is not a database");
    assert!(!stderr.contains("ERROR"), "{stderr}");
}

#[test]
fn an_unreachable_postgres_names_the_connection_error() {
    // Port 1 on the loopback: nothing listens, the connection is refused at once.
    let stderr = migrate_with("postgres://postgres@127.0.0.1:1/chatcrm");
    one_clear_line(&stderr, "Connection refused");
}

#[test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs TEST_DATABASE_URL (a PostgreSQL server)"
)]
fn a_missing_postgres_role_is_said_once() {
    let base = std::env::var("TEST_DATABASE_URL").unwrap();
    let mut url = url::Url::parse(&base).unwrap();
    url.set_username("no_such_role_h5").unwrap();
    let stderr = migrate_with(url.as_str());
    one_clear_line(&stderr, r#"role "no_such_role_h5" does not exist"#);
}

#[test]
fn a_database_url_that_is_not_one_is_shown_with_the_accepted_forms() {
    for url in ["crm.db", "sqlite"] {
        let stderr = migrate_with(url);
        assert!(
            stderr.contains(&format!("`{url}` is not supported"))
                && stderr.contains("sqlite://PATH")
                && stderr.contains("sqlite:PATH")
                && stderr.contains("postgres://USER@HOST/DB"),
            "{stderr}"
        );
        assert!(!stderr.contains("unparseable"), "{stderr}");
    }
}
