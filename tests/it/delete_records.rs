//! /delete for every record kind on both backends: the confirmation card says what goes with
//! the record (its notes and files) and what stays with its link cleared (a company's
//! contacts and deals, a contact's deals, tasks on the record); after "Yes" the database
//! matches what the card said, one timeline entry records the deletion, and handles are not
//! reused. Members (not admins or owners) are refused for every kind, by command and by a
//! forged button.

use chatcrm::message::Payload;

use crate::common::{self, Chat, TestDb, count};

both_backends!(
    every_kind_is_deleted_as_its_card_says,
    a_member_may_delete_no_kind,
    a_deal_handle_is_a_handle
);

async fn attach(chat: &mut Chat, handle: &str) -> String {
    let payload = Payload::Document {
        file_name: format!("{handle}.txt"),
        bytes: b"some bytes".to_vec(),
        caption: handle.into(),
    };
    chat.deliver(payload, None).await
}

/// A file on a note, which chat captions cannot name (files go on C, O, D records), as a
/// file attached by an earlier version or the admin API would be stored.
async fn attach_to_note(engine: &chatcrm::engine::Engine, body: &'static str) {
    sqlx::query(
        "INSERT INTO files (workspace_id, record_kind, record_id, file_name, size, content, created_by, created_at)
         SELECT workspace_id, 'note', id, 'n.txt', 3, $1, author_user_id, created_at FROM notes WHERE body = $2",
    )
    .bind(b"abc".to_vec())
    .bind(body)
    .execute(engine.store().pool())
    .await
    .unwrap();
}

async fn scalar(engine: &chatcrm::engine::Engine, sql: &'static str) -> Option<i64> {
    sqlx::query_scalar(sql)
        .fetch_one(engine.store().pool())
        .await
        .unwrap()
}

async fn every_kind_is_deleted_as_its_card_says(db: TestDb) {
    let engine = db.engine().await;
    let store = engine.store().clone();
    let mut ada = Chat::new(&engine, "ada");
    assert!(ada.send("/new_company Acme").await.contains("O1"));
    ada.send("/new_contact Anna Petrova, anna@example.com")
        .await;
    ada.send("/new_contact Boris Berg, boris@example.com").await;
    ada.send("/edit C1 company O1").await;
    ada.send("/edit C2 company O1").await;
    assert!(ada.send("/new_deal Big deal, C1 O1").await.contains("D1"));
    assert!(ada.send("/new_deal Small deal, O1").await.contains("D2"));
    assert!(ada.send("/task D1 send offer").await.contains("T1"));
    assert!(ada.send("/task C1 call Anna").await.contains("T2"));
    assert!(ada.send("/note C1 met at fair").await.contains("N1"));
    assert!(ada.send("/note D1 wants a discount").await.contains("N2"));
    assert!(ada.send("/note O1 big customer").await.contains("N3"));
    assert!(ada.send("/note T1 draft ready").await.contains("N4"));
    assert!(ada.send("/note C2 prefers mail").await.contains("N5"));
    for handle in ["C1", "D1", "O1"] {
        assert!(attach(&mut ada, handle).await.contains(handle));
    }
    attach_to_note(&engine, "met at fair").await;
    attach_to_note(&engine, "prefers mail").await;
    assert_eq!(count(&store, "SELECT COUNT(*) FROM files").await, 5);

    // A contact: its notes and files go, its deals and tasks stay without the link.
    let card = ada.send("/delete C1").await;
    assert_eq!(
        card,
        "Delete C1 · Anna Petrova? This cannot be undone.\n\
         Deleted with it: 1 note, 2 files.\n\
         Kept, only their link to C1 is cleared (their own history stays): 1 deal, 1 task."
    );
    assert_eq!(ada.labels(), ["Yes, delete", "No"]);
    assert_eq!(ada.press("Yes, delete").await, "C1 deleted.");
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM contacts WHERE name = 'Anna Petrova'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM notes WHERE body = 'met at fair'"
        )
        .await,
        0
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM files").await, 3);
    assert_eq!(
        scalar(
            &engine,
            "SELECT contact_id FROM deals WHERE title = 'Big deal'"
        )
        .await,
        None
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM tasks WHERE body = 'call Anna' AND record_id IS NULL AND record_kind IS NULL"
        )
        .await,
        1
    );
    // One timeline entry records the deletion, without personal data.
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM activities WHERE record_kind = 'contact' AND action = 'deleted'
             AND detail NOT LIKE '%Anna%'"
        )
        .await,
        1
    );

    // A company: its contacts and deals stay, their link cleared.
    let card = ada.send("/delete O1").await;
    assert_eq!(
        card,
        "Delete O1 · Acme? This cannot be undone.\n\
         Deleted with it: 1 note, 1 file.\n\
         Kept, only their link to O1 is cleared (their own history stays): 1 contact, 2 deals."
    );
    assert_eq!(ada.press("Yes, delete").await, "O1 deleted.");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM companies").await, 0);
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM contacts WHERE company_id IS NULL"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM deals WHERE company_id IS NULL"
        )
        .await,
        2
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM files").await, 2);
    // The contact's own history stays.
    assert!(ada.send("/timeline C2").await.contains("created"));

    // "No" keeps the record.
    ada.send("/delete D1").await;
    assert_eq!(ada.press("No").await, "D1 was kept.");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM deals").await, 2);

    // A deal: its notes and files go, its tasks stay.
    let card = ada.send("/delete D1").await;
    assert_eq!(
        card,
        "Delete D1 · Big deal? This cannot be undone.\n\
         Deleted with it: 1 note, 1 file.\n\
         Kept, only their link to D1 is cleared (their own history stays): 1 task."
    );
    assert_eq!(ada.press("Yes, delete").await, "D1 deleted.");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM deals").await, 1);
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM notes WHERE body = 'wants a discount'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM tasks WHERE body = 'send offer' AND record_id IS NULL"
        )
        .await,
        1
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM files").await, 1);

    // A task: its notes go.
    let card = ada.send("/delete T1").await;
    assert_eq!(
        card,
        "Delete T1 · send offer? This cannot be undone.\nDeleted with it: 1 note."
    );
    assert_eq!(ada.press("Yes, delete").await, "T1 deleted.");
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM notes WHERE body = 'draft ready'"
        )
        .await,
        0
    );

    // A note: its files go.
    let card = ada.send("/delete N5").await;
    assert_eq!(
        card,
        "Delete N5 · prefers mail? This cannot be undone.\nDeleted with it: 1 file."
    );
    assert_eq!(ada.press("Yes, delete").await, "N5 deleted.");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM files").await, 0);
    assert!(
        ada.send("/delete N5")
            .await
            .contains("There is no N5 in this workspace.")
    );
    for (kind, n) in [("deal", 1), ("task", 1), ("note", 1), ("company", 1)] {
        let deleted: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM activities WHERE record_kind = $1 AND action = 'deleted'",
        )
        .bind(kind)
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!(deleted, n, "{kind}");
    }

    // Handles are never reused.
    let deal = ada.send("/new_deal Next deal, 100 EUR").await;
    assert!(deal.contains("D3"), "{deal}");
    assert!(ada.send("/new_company Beta").await.contains("O2"));
    assert!(ada.send("/task C2 follow up").await.contains("T3"));
}

async fn a_member_may_delete_no_kind(db: TestDb) {
    let engine = db.engine().await.with_bot_username("ChatCrmBot");
    let store = engine.store().clone();
    let mut olga = Chat::new(&engine, "Olga");
    let mut pete = Chat::new(&engine, "Pete");
    olga.send("/new_company Acme").await;
    olga.send("/new_contact Lead, lead@example.com").await;
    olga.send("/new_deal Deal, C1").await;
    olga.send("/task D1 call").await;
    olga.send("/note C1 hello").await;
    let invite = olga.send("/invite").await;
    assert!(
        pete.send(&common::join_command(&invite))
            .await
            .contains("as member")
    );
    let refused = "Only admins and owners of this workspace can delete records.";
    for handle in ["C1", "O1", "D1", "T1", "N1"] {
        assert_eq!(
            pete.send(&format!("/delete {handle}")).await,
            refused,
            "{handle}"
        );
    }
    // Nor by a button of their own making.
    let company: i64 = sqlx::query_scalar("SELECT id FROM companies")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(pete.button(&format!("del:o:{company}:yes")).await, refused);
    let total = count(
        &store,
        "SELECT (SELECT COUNT(*) FROM companies) + (SELECT COUNT(*) FROM contacts)
              + (SELECT COUNT(*) FROM deals) + (SELECT COUNT(*) FROM tasks)
              + (SELECT COUNT(*) FROM notes)",
    )
    .await;
    assert_eq!(total, 5);
    // The owner of another workspace may delete in theirs only: forged buttons naming
    // this workspace's records by id, of every kind, delete nothing here.
    let mut sam = Chat::new(&engine, "Sam");
    sam.send("/start").await;
    for (code, table) in [
        ("c", "contacts"),
        ("o", "companies"),
        ("d", "deals"),
        ("t", "tasks"),
        ("n", "notes"),
    ] {
        let sql = format!("SELECT id FROM {table}");
        let id: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(store.pool())
            .await
            .unwrap();
        let data = if code == "c" {
            format!("del:{id}:yes")
        } else {
            format!("del:{code}:{id}:yes")
        };
        let reply = sam.button(&data).await;
        assert!(!reply.contains("deleted"), "{data}: {reply}");
    }
    let after = count(
        &store,
        "SELECT (SELECT COUNT(*) FROM companies) + (SELECT COUNT(*) FROM contacts)
              + (SELECT COUNT(*) FROM deals) + (SELECT COUNT(*) FROM tasks)
              + (SELECT COUNT(*) FROM notes)",
    )
    .await;
    assert_eq!(after, 5);
    // The owner may.
    olga.send("/delete O1").await;
    assert_eq!(olga.press("Yes, delete").await, "O1 deleted.");
}

async fn a_deal_handle_is_a_handle(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    let reply = ada.send("/delete D1").await;
    assert_eq!(
        reply,
        common::first_reply("There is no D1 in this workspace.")
    );
    assert!(!reply.contains("is not a handle"));
    assert_eq!(
        ada.send("/delete xyz").await,
        "“xyz” is not a handle such as C1, O1, D1, T1 or N1."
    );
    assert_eq!(
        ada.send("/delete").await,
        "Usage: /delete C1 (any handle: C1, O1, D1, T1, N1)"
    );
    // A record with nothing attached or linked: no "0 notes, 0 files" on its card.
    ada.send("/new_deal Lone deal, 100 EUR").await;
    assert_eq!(
        ada.send("/delete D1").await,
        "Delete D1 · Lone deal? This cannot be undone."
    );
}
