//! `/ask`'s query runner on both backends (`store::ask`): each typed filter and sort gives
//! the records it names, and only ever the asking workspace's — two workspaces hold records
//! with the same names and handles.

use crate::common;

use chatcrm::crm::money::Money;
use chatcrm::crm::query::{Filter, Query, QueryKind, SortField};
use chatcrm::crm::{Stage, Status, UserId, WorkspaceId};
use chatcrm::store::Store;
use chatcrm::store::ask::{Answer, Rows, run};
use common::{Chat, TestDb};
use iso_currency::Currency;

both_backends!(
    filters_and_sorts_pick_the_right_records,
    a_query_never_leaves_the_workspace
);

fn query(kind: QueryKind, filters: Vec<Filter>) -> Query {
    Query {
        kind,
        filters,
        sort: SortField::Handle,
        descending: false,
        limit: 20,
    }
}

async fn ask(store: &Store, workspace: WorkspaceId, query: &Query) -> Answer {
    let mut tx = store.begin().await.unwrap();
    let answer = run(&mut tx, store.backend(), workspace, query)
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    answer
}

/// The handles of the listed records ("C1 C3").
fn handles(answer: &Answer) -> String {
    let handles: Vec<String> = match &answer.rows {
        Rows::Contacts(r) => r.iter().map(|x| x.handle().to_string()).collect(),
        Rows::Companies(r) => r.iter().map(|x| x.handle().to_string()).collect(),
        Rows::Deals(r) => r.iter().map(|x| x.handle().to_string()).collect(),
        Rows::Tasks(r) => r.iter().map(|x| x.handle().to_string()).collect(),
        Rows::Notes(r) => r.iter().map(|x| x.handle().to_string()).collect(),
    };
    handles.join(" ")
}

async fn workspace_of(store: &Store, contact_name: &str) -> WorkspaceId {
    let id: i64 = sqlx::query_scalar("SELECT workspace_id FROM contacts WHERE name = $1")
        .bind(contact_name)
        .fetch_one(store.pool())
        .await
        .unwrap();
    WorkspaceId::new(id)
}

async fn filters_and_sorts_pick_the_right_records(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    for line in [
        "/new_company Acme GmbH, acme.de",
        "/new_company Globex",
        "/new_contact Anna Petrova, anna@acme.de",
        "/new_contact Zoë Ångström, zoe@globex.com",
        "/edit C1 company O1",
        "/edit C2 company O2",
        "/new_deal Website, 5000 EUR, C1, 31.12.2027",
        "/new_deal Hosting, 900 EUR, C2",
        "/new_deal Audit, 7000 USD, C2, 15.01.2027",
        "/stage D2 won",
        "/note C1 Wants a quote for the website",
        "/task C1 Call Anna back",
        "/task Send the invoices",
    ] {
        ada.send(line).await;
    }
    let store = engine.store();
    let ws = workspace_of(store, "Anna Petrova").await;
    let deals = |filters| query(QueryKind::Deals, filters);
    let eur = |major: i64| Money {
        minor: major * 100,
        currency: Currency::EUR,
    };

    let found = ask(store, ws, &deals(vec![Filter::AmountAtLeast(eur(1000))])).await;
    assert_eq!((handles(&found), found.total), ("D1".into(), 1));
    let found = ask(store, ws, &deals(vec![Filter::AmountAtMost(eur(1000))])).await;
    assert_eq!(handles(&found), "D2");
    let found = ask(store, ws, &deals(vec![Filter::Status(Status::Open)])).await;
    assert_eq!(handles(&found), "D1 D3");
    let found = ask(store, ws, &deals(vec![Filter::Stage(Stage::Won)])).await;
    assert_eq!(handles(&found), "D2");
    let found = ask(store, ws, &deals(vec![Filter::CompanyWords("glob".into())])).await;
    assert_eq!(handles(&found), "D2 D3");
    let found = ask(
        store,
        ws,
        &deals(vec![Filter::ContactWords("zoe ang".into())]),
    )
    .await;
    assert_eq!(handles(&found), "D2 D3");
    let found = ask(
        store,
        ws,
        &deals(vec![Filter::CloseBefore("2027-06-01".into())]),
    )
    .await;
    assert_eq!(handles(&found), "D3");
    let found = ask(store, ws, &deals(vec![Filter::Words("web".into())])).await;
    assert_eq!(handles(&found), "D1");

    let mut by_amount = deals(vec![]);
    by_amount.sort = SortField::Amount;
    by_amount.descending = true;
    // USD 7000 is 700000 minor units, above EUR 5000: amounts sort by minor units.
    assert_eq!(handles(&ask(store, ws, &by_amount).await), "D3 D1 D2");
    by_amount.limit = 2;
    let found = ask(store, ws, &by_amount).await;
    assert_eq!((handles(&found), found.total), ("D3 D1".into(), 3));
    let mut by_close = deals(vec![]);
    by_close.sort = SortField::CloseDate;
    // D2 has no close date: empty values come last on both backends.
    assert_eq!(handles(&ask(store, ws, &by_close).await), "D3 D1 D2");

    let contacts = |filters| query(QueryKind::Contacts, filters);
    let found = ask(store, ws, &contacts(vec![Filter::Words("zoe".into())])).await;
    assert_eq!(handles(&found), "C2");
    let found = ask(
        store,
        ws,
        &contacts(vec![Filter::CompanyWords("acme".into())]),
    )
    .await;
    assert_eq!(handles(&found), "C1");
    let user: i64 =
        sqlx::query_scalar("SELECT owner_user_id FROM contacts WHERE name = 'Anna Petrova'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    let found = ask(store, ws, &contacts(vec![Filter::Mine(UserId::new(user))])).await;
    assert_eq!(handles(&found), "C1 C2");
    let found = ask(
        store,
        ws,
        &contacts(vec![Filter::Mine(UserId::new(user + 1000))]),
    )
    .await;
    assert_eq!((handles(&found), found.total), (String::new(), 0));
    let mut by_name = contacts(vec![]);
    by_name.sort = SortField::Name;
    by_name.descending = true;
    assert_eq!(handles(&ask(store, ws, &by_name).await), "C2 C1");
    let future = chrono::Utc::now().timestamp_millis() + 86_400_000;
    let found = ask(store, ws, &contacts(vec![Filter::CreatedFrom(future)])).await;
    assert_eq!(handles(&found), "");
    let found = ask(store, ws, &contacts(vec![Filter::CreatedBefore(future)])).await;
    assert_eq!(handles(&found), "C1 C2");

    let tasks = |filters| query(QueryKind::Tasks, filters);
    let found = ask(store, ws, &tasks(vec![Filter::Words("invoices".into())])).await;
    assert_eq!(handles(&found), "T2");
    let found = ask(
        store,
        ws,
        &tasks(vec![Filter::Done(false), Filter::Mine(UserId::new(user))]),
    )
    .await;
    assert_eq!(handles(&found), "T1 T2");
    let found = ask(store, ws, &tasks(vec![Filter::Done(true)])).await;
    assert_eq!(handles(&found), "");

    let notes = query(QueryKind::Notes, vec![Filter::Words("quote".into())]);
    assert_eq!(handles(&ask(store, ws, &notes).await), "N1");
    let companies = query(QueryKind::Companies, vec![Filter::Words("acme".into())]);
    assert_eq!(handles(&ask(store, ws, &companies).await), "O1");
}

async fn a_query_never_leaves_the_workspace(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    let mut bob = Chat::new(&engine, "bob");
    ada.send("/new_contact Anna Petrova, anna@ada.example")
        .await;
    ada.send("/new_deal Website, 5000 EUR, C1").await;
    bob.send("/new_contact Anna Petrova, anna@bob.example")
        .await;
    bob.send("/new_contact Anna Other, other@bob.example").await;
    bob.send("/new_deal Website, 9000 EUR, C1").await;
    let store = engine.store();
    let ada_ws: i64 =
        sqlx::query_scalar("SELECT workspace_id FROM contacts WHERE email = 'anna@ada.example'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    let ada_ws = WorkspaceId::new(ada_ws);

    let anna = query(QueryKind::Contacts, vec![Filter::Words("anna".into())]);
    let found = ask(store, ada_ws, &anna).await;
    let Rows::Contacts(rows) = &found.rows else {
        panic!("{found:?}")
    };
    assert_eq!(found.total, 1);
    assert_eq!(
        rows[0].email.as_ref().map(|e| e.as_str()),
        Some("anna@ada.example")
    );
    let everything = query(QueryKind::Deals, vec![Filter::ContactWords("anna".into())]);
    let found = ask(store, ada_ws, &everything).await;
    let Rows::Deals(rows) = &found.rows else {
        panic!("{found:?}")
    };
    assert_eq!((rows.len(), rows[0].amount_minor), (1, Some(500_000)));
    for kind in [
        QueryKind::Contacts,
        QueryKind::Companies,
        QueryKind::Deals,
        QueryKind::Tasks,
        QueryKind::Notes,
    ] {
        let found = ask(store, ada_ws, &query(kind, vec![])).await;
        let foreign: i64 = match &found.rows {
            Rows::Contacts(r) => r.iter().filter(|x| x.workspace_id != ada_ws).count(),
            Rows::Companies(r) => r.iter().filter(|x| x.workspace_id != ada_ws).count(),
            Rows::Deals(r) => r.iter().filter(|x| x.workspace_id != ada_ws).count(),
            Rows::Tasks(r) => r.iter().filter(|x| x.workspace_id != ada_ws).count(),
            Rows::Notes(r) => r.iter().filter(|x| x.workspace_id != ada_ws).count(),
        } as i64;
        assert_eq!(foreign, 0, "{kind:?}");
    }
}
