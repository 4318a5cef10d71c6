//! Typed values read back from the store (issue 12 item 4): a deal's stage and status come
//! back as the `Stage`/`Status` enums, a contact's phone and email as `Phone`/`Email`; a
//! stage the code does not know is a decoding error naming the column, not a guess.

use chatcrm::crm::{Stage, Status};
use chatcrm::store::{Error, contacts, deals};

use crate::common;

use common::{Chat, TestDb};

both_backends!(
    stages_phones_and_emails_come_back_typed,
    an_unknown_stored_stage_is_a_decoding_error
);

async fn stages_phones_and_emails_come_back_typed(db: TestDb) {
    let engine = db.engine().await;
    let mut lea = Chat::new(&engine, "lea");
    lea.send("/new_contact Anna, +49 151 12345678, anna@Example.com")
        .await;
    lea.send("/new_deal Acme renewal, 100 EUR, C1").await;
    lea.send("/stage D1 won").await;
    let ws: i64 = sqlx::query_scalar("SELECT workspace_id FROM deals")
        .fetch_one(engine.store().pool())
        .await
        .unwrap();
    let ws = chatcrm::crm::WorkspaceId::new(ws);
    let mut tx = engine.store().begin().await.unwrap();
    let deal = deals::by_handle(&mut tx, ws, 1).await.unwrap().unwrap();
    assert_eq!((deal.stage, deal.status), (Stage::Won, Status::Won));
    let totals = deals::pipeline(&mut tx, ws).await.unwrap();
    assert_eq!(totals[0].stage, Stage::Won);
    let anna = contacts::by_handle(&mut tx, ws, 1).await.unwrap().unwrap();
    assert_eq!(
        anna.phone.as_ref().map(|p| p.as_str()),
        Some("+4915112345678")
    );
    assert_eq!(
        anna.email.as_ref().map(|e| e.as_str()),
        Some("anna@example.com")
    );
    tx.rollback().await.unwrap();
}

async fn an_unknown_stored_stage_is_a_decoding_error(db: TestDb) {
    let engine = db.engine().await;
    let mut lea = Chat::new(&engine, "lea");
    lea.send("/new_deal Acme renewal, 100 EUR").await;
    let pool = engine.store().pool();
    sqlx::query("UPDATE deals SET stage = 'closed'")
        .execute(pool)
        .await
        .unwrap();
    let ws: i64 = sqlx::query_scalar("SELECT workspace_id FROM deals")
        .fetch_one(pool)
        .await
        .unwrap();
    let ws = chatcrm::crm::WorkspaceId::new(ws);
    let mut tx = engine.store().begin().await.unwrap();
    let error = deals::by_handle(&mut tx, ws, 1).await.unwrap_err();
    assert!(matches!(error, Error::Invalid(_)), "{error:?}");
    assert!(error.to_string().contains("\"closed\""), "{error}");
    tx.rollback().await.unwrap();
}
