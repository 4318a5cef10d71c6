//! A WhatsApp delivery that fails the same way every time (here: a database trigger that
//! refuses one contact name) is dead-lettered at once: processed with its error, one
//! apology to the sender through the outbox, one audit entry, and no more attempts; the
//! sender's next message is handled as usual.

use crate::common;

use chatcrm::store::{Backend, Store};
use common::TestDb;
use common::fake_graph::FakeGraph;
use common::whatsapp::{self as wa, FROM, Wa, eventually, scalar, settled};

both_backends!(a_delivery_that_always_fails_is_dead_lettered_with_one_reply);

/// Makes every insert of a contact named "Poison Pill" fail with a database error.
async fn poison(store: &Store) {
    let statements: &[&str] = match store.backend() {
        Backend::Sqlite => &["CREATE TRIGGER poison BEFORE INSERT ON contacts
              WHEN NEW.name = 'Poison Pill' BEGIN SELECT RAISE(ABORT, 'poisoned'); END"],
        Backend::Postgres => &[
            "CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN
               IF NEW.name = 'Poison Pill' THEN RAISE EXCEPTION 'poisoned'; END IF;
               RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER poison BEFORE INSERT ON contacts
               FOR EACH ROW EXECUTE FUNCTION poison()",
        ],
    };
    for sql in statements {
        sqlx::raw_sql(sqlx::AssertSqlSafe(*sql))
            .execute(store.pool())
            .await
            .expect("the trigger");
    }
}

const APOLOGY: &str = "Sorry, this message could not be processed";

async fn a_delivery_that_always_fails_is_dead_lettered_with_one_reply(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    let store = db.store().await;
    poison(&store).await;

    let poisoned = wa::text(
        "wamid.P1",
        FROM,
        "/new_contact Poison Pill, +49 151 12345678",
    );
    assert_eq!(wa.post_signed(&poisoned).await, 200);
    fake.wait_for(10, "the apology", |f| {
        f.texts_to(FROM).iter().any(|t| t.starts_with(APOLOGY))
    })
    .await;
    settled(&store).await;
    assert_eq!(
        scalar(
            &store,
            "SELECT COUNT(*) FROM webhook_inbox WHERE processed_at IS NOT NULL
               AND attempts = 1 AND error LIKE 'dead letter:%'"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            &store,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'webhook.dead_letter'"
        )
        .await,
        1
    );
    assert_eq!(scalar(&store, "SELECT COUNT(*) FROM contacts").await, 0);
    // The operator sees it in /readyz (still 200) and in the metrics.
    let (status, body) = wa.get("/readyz").await;
    assert_eq!(status, 200);
    assert!(
        body.ends_with("; 1 whatsapp delivery dead-lettered in the last hour"),
        "{body}"
    );
    let (_, metrics) = wa.get("/metrics").await;
    assert!(
        metrics.contains(r#"chatcrm_webhook_dead_letters_total{channel="whatsapp"}"#),
        "{metrics}"
    );

    // The same delivery again (Meta redelivers) changes nothing; the next message works.
    assert_eq!(wa.post_signed(&poisoned).await, 200);
    let next = wa::text(
        "wamid.P2",
        FROM,
        "/new_contact Anna Petrova, +49 151 12345678",
    );
    assert_eq!(wa.post_signed(&next).await, 200);
    eventually(10, "the second contact", || async {
        scalar(&store, "SELECT COUNT(*) FROM contacts").await == 1
    })
    .await;
    settled(&store).await;
    fake.wait_for(10, "the reply to the second message", |f| {
        f.texts_to(FROM).iter().any(|t| t.contains("Anna Petrova"))
    })
    .await;
    let apologies = fake
        .texts_to(FROM)
        .iter()
        .filter(|t| t.starts_with(APOLOGY))
        .count();
    assert_eq!(apologies, 1, "{:?}", fake.texts_to(FROM));
    assert_eq!(
        scalar(
            &store,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'webhook.dead_letter'"
        )
        .await,
        1
    );
    wa.stop().await;
}
