//! Google content does not outlive its delivery (policy §11.5), on both backends against the
//! fake Google: the replies of /connect_google, /google, /calendar, /mail, /timeline, /meet
//! and /disconnect_google and the worker's "Google connected" and "… is on your Google
//! Calendar" are blanked in the outbox by the statement that marks them sent (or failed, or
//! dropped) while other replies keep their text; /disconnect_google drops and blanks what is
//! still waiting, so no subject, snippet, event title, account email or connect state is
//! left in any outbox row, database file or column. (A revoke Google did not answer at
//! disconnect is retried from the revocation queue: `tests/it/google_disconnect.rs`.)

use crate::common;

use chatcrm::crm::{IdentityId, OutboxId};
use chatcrm::engine::Engine;
use chatcrm::google::worker::Ran;
use chatcrm::message::{Channel, Payload, Reply};
use chatcrm::store::outbox::{self, BLANK_BODY, Destination};
use common::google::{GoogleSetup, where_found};
use common::{Chat, TestDb};

both_backends!(
    google_replies_are_blank_once_sent_and_nothing_is_left_after_disconnect,
    a_flagged_row_is_blank_once_sent_failed_or_dropped_and_keeps_its_file_apart
);

const SUBJECT: &str = "Qzx7ScrubSubject";
const SNIPPET: &str = "Qzx7ScrubSnippet";
const EVENT: &str = "Qzx7ScrubEvent";
const EMAIL: &str = "anna.petrova@example.com";

/// Handles `text` from `chat` as a chat channel does: its replies go to the outbox.
async fn queue(engine: &Engine, chat: &Chat, text: &str) {
    let update = chat.inbound(Payload::Text(text.into()), None);
    engine.handle_into_outbox(&update).await.unwrap();
}

/// Delivers every pending row as a sender does (`mark_sent`); returns (id, body before).
async fn deliver(engine: &Engine) -> Vec<(i64, String)> {
    let store = engine.store();
    let mut tx = store.begin().await.unwrap();
    let now = engine.clock().now().timestamp_millis();
    let rows = outbox::pending(&mut tx, store.backend(), "telegram", None, now, 100)
        .await
        .unwrap();
    for row in &rows {
        assert!(
            outbox::mark_sent(&mut tx, row.id, Some("m1"))
                .await
                .unwrap()
        );
    }
    tx.commit().await.unwrap();
    rows.into_iter().map(|r| (r.id.get(), r.body)).collect()
}

/// Every outbox row: (id, status, body).
async fn rows(engine: &Engine) -> Vec<(i64, String, String)> {
    sqlx::query_as("SELECT id, status, body FROM outbox ORDER BY id")
        .fetch_all(engine.store().pool())
        .await
        .unwrap()
}

async fn google_replies_are_blank_once_sent_and_nothing_is_left_after_disconnect(db: TestDb) {
    let setup = GoogleSetup::start(&db).await;
    let engine = setup.engine.clone();
    let mut ada = Chat::new(&engine, "ada");
    ada.send("/start").await;
    ada.send("/new_contact Bob Stone, bob@acme.example").await;
    // A connect link that goes through the outbox: its state must not stay there.
    queue(&engine, &ada, "/connect_google").await;
    let link = rows(&engine).await.pop().unwrap().2;
    let state = link
        .split("state=")
        .nth(1)
        .and_then(|rest| rest.split(['&', '"']).next())
        .unwrap()
        .to_string();
    assert!(state.len() > 20, "{link}");
    setup.fake.add_mail(
        "t-scrub",
        "Bob Stone <bob@acme.example>",
        "Anna Petrova <anna.petrova@example.com>",
        SUBJECT,
        SNIPPET,
    );
    setup.fake.calendar.add(
        "scrub1",
        EVENT,
        "2026-11-27T15:00:00Z",
        "2026-11-27T15:30:00Z",
    );
    setup.connect(&mut ada).await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);

    for command in [
        "/mail C1 share",
        "/calendar",
        "/google",
        "/timeline C1",
        "/connect_google",
        "/meet C1 tomorrow 10:00 45m Qzx7ScrubMeet",
    ] {
        queue(&engine, &ada, command).await;
    }
    // Rows after this one answer /contacts: no Google content.
    let last_google = rows(&engine).await.pop().unwrap().0;
    queue(&engine, &ada, "/contacts").await;
    let queued = rows(&engine).await;
    let holding = |needle: &str| queued.iter().any(|(_, _, body)| body.contains(needle));
    for needle in [SUBJECT, SNIPPET, EVENT, EMAIL, state.as_str()] {
        assert!(holding(needle), "nothing queued holds {needle}: {queued:?}");
    }

    // Sent: every Google reply is blank in the statement that marked it sent; the
    // contact list (no Google content) keeps its text.
    let sent = deliver(&engine).await;
    assert_eq!(sent.len(), queued.len());
    let after = rows(&engine).await;
    for ((id, before), (_, status, body)) in sent.iter().zip(&after) {
        assert_eq!(status, "sent");
        if *id > last_google {
            assert_eq!(
                body, before,
                "row {id} without Google content keeps its text"
            );
        } else {
            assert_eq!(body, BLANK_BODY, "row {id} was {before}");
        }
    }
    assert!(
        after.iter().any(|(_, _, body)| body.contains("Bob Stone")),
        "{after:?}"
    );
    for needle in [SUBJECT, SNIPPET, EVENT, EMAIL, state.as_str()] {
        assert!(
            after.iter().all(|(_, _, body)| !body.contains(needle)),
            "{needle} left in {after:?}"
        );
    }

    // The worker creates the meeting and says so; the user disconnects before that message
    // went out: it is dropped and blanked with the purge.
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Synced]);
    let told = rows(&engine).await.pop().unwrap();
    assert!(told.2.contains("is on your Google Calendar"), "{told:?}");
    ada.send("/disconnect_google").await;
    ada.send("yes").await;
    assert_eq!(setup.worker.tick().await.unwrap(), [Ran::Disconnected]);
    let meet = rows(&engine)
        .await
        .into_iter()
        .find(|(id, _, _)| *id == told.0)
        .unwrap();
    assert_eq!((meet.1.as_str(), meet.2.as_str()), ("dropped", BLANK_BODY));
    assert_eq!(
        where_found(
            &db,
            &engine,
            &[SUBJECT, SNIPPET, EVENT, EMAIL, state.as_str()]
        )
        .await,
        Vec::<String>::new()
    );
}

async fn a_flagged_row_is_blank_once_sent_failed_or_dropped_and_keeps_its_file_apart(db: TestDb) {
    let engine = db.engine().await;
    let store = engine.store().clone();
    Chat::new(&engine, "ada").send("/start").await;
    let identity: i64 = sqlx::query_scalar("SELECT id FROM identities")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let to = Destination {
        identity_id: Some(IdentityId::new(identity)),
        channel: Channel::Telegram,
        chat_id: "ada",
        edit_message_id: None,
    };
    let mut tx = store.begin().await.unwrap();
    for text in ["Qzx7 sent", "Qzx7 failed", "Qzx7 dropped"] {
        let reply = Reply::text(text).scrubbed_after_send();
        outbox::enqueue(&mut tx, to, &reply).await.unwrap();
    }
    outbox::enqueue(&mut tx, to, &Reply::text("kept once sent"))
        .await
        .unwrap();
    // A flagged reply with a file: the file rides in a row of its own, unflagged.
    let with_file = Reply::text("Qzx7 caption")
        .with_file("chatcrm-export-x.zip")
        .scrubbed_after_send();
    outbox::enqueue(&mut tx, to, &with_file).await.unwrap();
    tx.commit().await.unwrap();
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM outbox ORDER BY id")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(ids.len(), 6);

    let mut tx = store.begin().await.unwrap();
    let id = |i: usize| OutboxId::new(ids[i]);
    assert!(outbox::mark_sent(&mut tx, id(0), None).await.unwrap());
    assert!(outbox::mark_failed(&mut tx, id(1), "gone").await.unwrap());
    assert_eq!(
        outbox::drop_row(&mut tx, id(2), "refused").await.unwrap(),
        None
    );
    assert!(outbox::mark_sent(&mut tx, id(3), None).await.unwrap());
    assert!(outbox::mark_sent(&mut tx, id(4), None).await.unwrap());
    assert_eq!(
        outbox::drop_row(&mut tx, id(5), "refused").await.unwrap(),
        Some("chatcrm-export-x.zip".to_string())
    );
    tx.commit().await.unwrap();
    let bodies: Vec<(String, String)> =
        sqlx::query_as("SELECT status, body FROM outbox ORDER BY id")
            .fetch_all(store.pool())
            .await
            .unwrap();
    let blank = BLANK_BODY.to_string();
    assert_eq!(
        bodies,
        [
            ("sent".to_string(), blank.clone()),
            ("failed".to_string(), blank.clone()),
            ("dropped".to_string(), blank.clone()),
            (
                "sent".to_string(),
                r#"{"text":"kept once sent","choices":[]}"#.to_string()
            ),
            ("sent".to_string(), blank),
            (
                "dropped".to_string(),
                r#"{"text":"","choices":[],"file":"chatcrm-export-x.zip"}"#.to_string()
            ),
        ]
    );
}
