//! A new user's first message, whatever it is, records acceptance of the terms (with time,
//! policy version and an audit entry) before anything else is stored and shows the terms
//! line with its reply; AI processing is off until the user turns it on, and `/consent`
//! and `/privacy` agree on what was recorded.

use crate::common;

use chatcrm::clock::Clock;
use chatcrm::message::Payload;
use chrono::{TimeZone, Utc};
use common::{Chat, TestDb, count};

const TERMS: &str = "By using ChatCRM you accept its terms and privacy policy";

both_backends!(
    a_first_command_records_and_shows_the_terms,
    a_first_file_records_the_terms,
    ai_is_off_until_turned_on_and_privacy_agrees
);

async fn terms_rows(db: &chatcrm::store::Store) -> Vec<(String, i64, String, i64)> {
    sqlx::query_as("SELECT kind, granted, policy_version, changed_at FROM consents ORDER BY kind")
        .fetch_all(db.pool())
        .await
        .unwrap()
}

async fn a_first_command_records_and_shows_the_terms(db: TestDb) {
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
    let engine = db.engine_at(&clock).await;
    let store = engine.store().clone();
    let mut ada = Chat::new(&engine, "ada");
    let reply = ada
        .send("/new_contact Anna Petrova, anna@example.com")
        .await;
    assert!(reply.starts_with("Saved C1."), "{reply}");
    assert!(
        reply.ends_with(&format!(
            "{TERMS}: https://chatcrm.co/privacy (see /privacy)."
        )),
        "{reply}"
    );
    assert_eq!(
        terms_rows(&store).await,
        [(
            "terms".to_string(),
            1,
            "2026-11".to_string(),
            clock.now().timestamp_millis()
        )]
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'consent.terms.accepted'"
        )
        .await,
        1
    );
    // Only the first message shows it, and /start later records nothing new.
    let second = ada.send("/contacts").await;
    assert!(!second.contains(TERMS), "{second}");
    ada.send("/start").await;
    assert_eq!(count(&store, "SELECT COUNT(*) FROM consents").await, 1);

    // Plain text as the first message of another user.
    let mut bo = Chat::new(&engine, "bo").language("ru");
    let reply = bo.send("hello").await;
    assert!(reply.contains("https://chatcrm.co/privacy"), "{reply}");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM consents").await, 2);
    // /start as the first message shows the line once.
    let mut cy = Chat::new(&engine, "cy");
    let welcome = cy.send("/start").await;
    assert_eq!(welcome.matches(TERMS).count(), 1, "{welcome}");
}

async fn a_first_file_records_the_terms(db: TestDb) {
    let engine = db.engine().await;
    let store = engine.store().clone();
    let mut ada = Chat::new(&engine, "ada");
    let reply = ada
        .deliver(
            Payload::Document {
                file_name: "notes.txt".into(),
                bytes: b"hello".to_vec(),
                caption: String::new(),
            },
            Some("first-file".into()),
        )
        .await;
    assert!(reply.contains(TERMS), "{reply}");
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM consents WHERE kind = 'terms' AND granted = 1"
        )
        .await,
        1
    );
}

async fn ai_is_off_until_turned_on_and_privacy_agrees(db: TestDb) {
    let engine = db.engine().await;
    let store = engine.store().clone();
    let mut ada = Chat::new(&engine, "ada");
    let status = ada.send("/consent").await;
    assert!(
        status.contains("AI processing of your messages: off.")
            && status.contains("Marketing messages: off."),
        "{status}"
    );
    assert_eq!(ada.labels(), ["Turn AI on", "Marketing on"]);
    // Only the terms are recorded; no AI decision exists, and none is shown as made.
    let summary = ada.send("/privacy").await;
    assert!(
        summary.contains("recorded consent decisions: 1"),
        "{summary}"
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM consents WHERE kind = 'ai'").await,
        0
    );
    ada.send("/consent").await;
    let on = ada.press("Turn AI on").await;
    assert!(on.contains("AI processing of your messages: on."), "{on}");
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM consents WHERE kind = 'ai' AND granted = 1"
        )
        .await,
        1
    );
    let summary = ada.send("/privacy").await;
    assert!(
        summary.contains("recorded consent decisions: 2"),
        "{summary}"
    );
    let status = ada.send("/consent").await;
    assert!(
        status.contains("AI processing of your messages: on."),
        "{status}"
    );

    // Typed: `/consent ai off` records the decision; a typo changes nothing.
    let off = ada.send("/consent ai off").await;
    assert!(
        off.contains("AI processing of your messages: off."),
        "{off}"
    );
    let typo = ada.send("/consent ai maybe").await;
    assert_eq!(
        typo,
        "Write /consent to see your choices, or for example /consent ai on, /consent ai off, \
         /consent marketing on. Nothing was changed."
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM consents WHERE kind = 'ai' AND granted = 0"
        )
        .await,
        1
    );
    let mut eva = Chat::new(&engine, "eva").language("es");
    let on = eva.send("/consent ai on").await;
    assert!(
        on.contains("Procesamiento de tus mensajes con IA: activado."),
        "{on}"
    );
    // The words of the user's language work too: IA, desactivar; ИИ, выкл.
    let off = eva.send("/consent IA desactivar").await;
    assert!(
        off.contains("Procesamiento de tus mensajes con IA: desactivado."),
        "{off}"
    );
    let mut ivan = Chat::new(&engine, "ivan").language("ru");
    let on = ivan.send("/consent ИИ вкл").await;
    assert!(
        on.contains("Обработка ваших сообщений ИИ: включена."),
        "{on}"
    );
}
