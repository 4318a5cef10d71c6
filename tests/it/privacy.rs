//! Privacy commands on both backends: the terms accepted at /start are recorded with time
//! and policy version, /privacy counts what is held about the user, /consent toggles AI
//! processing and marketing, and sensitive actions land in an audit log without content.

use crate::common;

use chatcrm::clock::Clock;
use chrono::{TimeZone, Utc};
use common::{Chat, TestDb, count};

both_backends!(consents_and_the_audit_log);

async fn consents_and_the_audit_log(db: TestDb) {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
    let engine = db.engine_at(&clock).await;
    let store = engine.store().clone();
    let mut pat = Chat::new(&engine, "pat");
    let welcome = pat.send("/start").await;
    assert!(
        welcome.contains("you accept its terms and privacy policy: https://chatcrm.co/privacy"),
        "{welcome}"
    );
    pat.send("/start").await;
    let terms: Vec<(String, i64, String, i64)> =
        sqlx::query_as("SELECT kind, granted, policy_version, changed_at FROM consents")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert_eq!(
        terms,
        [(
            "terms".to_string(),
            1,
            "2026-11".to_string(),
            clock.now().timestamp_millis()
        )]
    );

    pat.send("/new_contact Quiet Person, quiet@example.com")
        .await;
    pat.send("/note C1 a confidential remark").await;
    pat.send("/task C1 follow up tomorrow 10:00").await;
    let summary = pat.send("/privacy").await;
    assert!(
        summary.contains("• chat identities: 1; workspaces: 1"),
        "{summary}"
    );
    assert!(
        summary.contains("• created by you: 1 contact, 0 companies, 0 deals\n"),
        "{summary}"
    );
    assert!(
        summary.contains("• notes you wrote: 1; tasks assigned to you: 1"),
        "{summary}"
    );

    let status = pat.send("/consent").await;
    assert!(
        status.contains("AI processing of your messages: off.")
            && status.contains("Marketing messages: off."),
        "{status}"
    );
    assert_eq!(pat.labels(), ["Turn AI on", "Marketing on"]);
    pat.press("Turn AI on").await;
    let off = pat.press("Turn AI off").await;
    assert!(
        off.contains("AI processing of your messages: off."),
        "{off}"
    );
    assert_eq!(pat.labels(), ["Turn AI on", "Marketing on"]);
    let ai: (i64, String) =
        sqlx::query_as("SELECT granted, policy_version FROM consents WHERE kind = 'ai'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(ai, (0, "2026-11".to_string()));
    pat.press("Marketing on").await;

    pat.send("/invite admin").await;
    let actions: Vec<(String, String, String)> =
        sqlx::query_as("SELECT actor, action, target FROM audit_log ORDER BY id")
            .fetch_all(store.pool())
            .await
            .unwrap();
    let names: Vec<&str> = actions.iter().map(|(_, a, _)| a.as_str()).collect();
    assert_eq!(
        names,
        [
            "consent.terms.accepted",
            "consent.ai.granted",
            "consent.ai.withdrawn",
            "consent.marketing.granted",
            "invite.created"
        ]
    );
    assert!(
        actions
            .iter()
            .all(|(actor, _, _)| actor.starts_with("user:"))
    );
    let all = format!("{actions:?}");
    assert!(
        !all.contains("Quiet") && !all.contains("confidential") && !all.contains("pat"),
        "no content: {all}"
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM consents").await, 3);
}
