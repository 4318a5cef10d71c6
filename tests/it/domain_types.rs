//! Typed values read back from the store (issue 12 item 4): a deal's stage and status come
//! back as the `Stage`/`Status` enums, a contact's phone and email as `Phone`/`Email`; a
//! stage the code does not know is a decoding error naming the column, not a guess.

use chatcrm::crm::{Stage, Status};
use chatcrm::store::{Error, contacts, deals, search};

use crate::common;

use common::{Chat, TestDb};

both_backends!(
    stages_phones_and_emails_come_back_typed,
    an_unknown_stored_stage_is_a_decoding_error,
    a_stage_change_is_recorded_and_read_as_before,
    pages_and_search_hits_carry_stages
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
    // A search that finds the deal cannot show its stage either: the same decoding error.
    let query = search::Search {
        backend: db.backend,
        workspace_id: ws,
        query: "acme",
        limit: 10,
        offset: 0,
    };
    let error = search::everything(&mut tx, query).await.unwrap_err();
    assert!(matches!(error, Error::Invalid(_)), "{error:?}");
    assert!(error.to_string().contains("\"closed\""), "{error}");
    tx.rollback().await.unwrap();
}

/// The timeline entry of a stage change has the shape every version wrote (the stages'
/// stored names), and entries written earlier read back in the user's language.
async fn a_stage_change_is_recorded_and_read_as_before(db: TestDb) {
    let engine = db.engine().await;
    let mut eva = Chat::new(&engine, "eva").language("es");
    eva.send("/new_deal Venta grande, 100 EUR").await;
    eva.send("/stage D1 ganada").await;
    let pool = engine.store().pool();
    let recorded: Vec<String> =
        sqlx::query_scalar("SELECT detail FROM activities WHERE action = 'stage' ORDER BY id")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(recorded, [r#"{"from":"lead","to":"won"}"#]);
    // An entry as an earlier version stored it, and one naming a stage that is not ours.
    for detail in [
        r#"{"from":"won","to":"negotiation"}"#,
        r#"{"from":"lead","to":"closed"}"#,
    ] {
        sqlx::query(
            "INSERT INTO activities (workspace_id, record_kind, record_id, actor_user_id, action, detail, created_at)
             SELECT workspace_id, 'deal', id, NULL, 'stage', $1, 4102444800000 FROM deals",
        )
        .bind(detail)
        .execute(pool)
        .await
        .unwrap();
    }
    let timeline = eva.send("/timeline D1").await;
    assert!(
        timeline.contains("lo pasó de «prospecto» a «ganada»"),
        "{timeline}"
    );
    assert!(
        timeline.contains("lo pasó de «ganada» a «negociación»"),
        "{timeline}"
    );
    assert!(
        timeline.contains("lo pasó de «lead» a «closed»"),
        "{timeline}"
    );
}

/// `/deals` reads the stage as typed in the user's language; the page buttons carry the
/// stage's stored name (as they always did), and a search hit shows a deal's stage in the
/// user's language.
async fn pages_and_search_hits_carry_stages(db: TestDb) {
    let engine = db.engine().await;
    let mut eva = Chat::new(&engine, "eva").language("es");
    for i in 1..=12 {
        eva.send(&format!("/new_deal Venta {i}, 100 EUR")).await;
        eva.send(&format!("/stage D{i} ganada")).await;
    }
    let first = eva.send("/deals ganad").await;
    assert!(first.contains("D10 · Venta 10"), "{first}");
    let next = eva
        .last
        .iter()
        .flat_map(|r| r.choices.iter())
        .find(|c| c.data.contains("pg:"))
        .map(|c| c.data.clone())
        .unwrap_or_default();
    // The data is bound to its user (a tag before it); the page's own part is as before.
    assert!(next.ends_with("pg:d:1:won"), "{next}");
    let second = eva.button(&next).await;
    assert!(second.contains("D11 · Venta 11"), "{second}");
    assert!(second.contains("ganada"), "{second}");
    // A page button whose stage is not a stored name (none ever carried one) is answered
    // like a typed stage that is not one.
    let odd = eva.button("pg:d:1:ganada").await;
    assert!(odd.contains("no es una etapa"), "{odd}");
    assert!(
        eva.send("/deals cerrada")
            .await
            .contains("«cerrada» no es una etapa")
    );
    let found = eva.send("/search venta 12").await;
    assert!(found.contains("D12 · Venta 12 · ganada"), "{found}");
}
