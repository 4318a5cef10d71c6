//! Typed answers to a question on both backends: after a confirmation card, the button's
//! number, its label (any case, accents folded) or a yes/no word in the user's language acts
//! as the button; anything else keeps the question and reminds the options; a command ends
//! it. The question survives a restart, expires after 24 hours, and works over Telegram.

use chatcrm::clock::Clock;
use chatcrm::server::Server;

use crate::common::fake_graph::FakeGraph;
use crate::common::fake_telegram::{self as tg, FakeTelegram};
use crate::common::whatsapp::{self as wa, FROM, Wa};
use crate::common::{Chat, TestDb, count};

both_backends!(
    yes_no_numbers_and_labels_answer_a_delete_card,
    other_text_is_reminded_and_a_command_ends_the_question,
    delete_account_then_2_keeps_the_account,
    a_question_survives_a_restart_and_expires,
    typed_answers_work_over_telegram,
    typed_answers_work_over_whatsapp
);

async fn contacts(engine: &chatcrm::engine::Engine) -> i64 {
    count(engine.store(), "SELECT COUNT(*) FROM contacts").await
}

async fn yes_no_numbers_and_labels_answer_a_delete_card(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    for name in ["Anna", "Boris", "Clara", "Dmitri", "Elena"] {
        ada.send(&format!("/new_contact {name}, {name}@example.com"))
            .await;
    }
    ada.send("/delete C1").await;
    assert_eq!(ada.send("yes").await, "C1 deleted.");
    ada.send("/delete C2").await;
    assert_eq!(ada.send("No").await, "C2 was kept.");
    ada.send("/delete C2").await;
    assert_eq!(ada.send("yes, DELETE").await, "C2 deleted.");
    ada.send("/delete C3").await;
    assert_eq!(ada.send("2").await, "C3 was kept.");
    assert_eq!(contacts(&engine).await, 3);

    // Russian and Spanish users answer in their language, accents optional.
    let mut ivan = Chat::new(&engine, "ivan").language("ru");
    ivan.send("/new_contact Пётр, petr@example.com").await;
    ivan.send("/delete C1").await;
    assert_eq!(ivan.send("да").await, "C1 удалён.");
    let mut sofia = Chat::new(&engine, "sofia").language("es");
    sofia.send("/new_contact Lucía, lucia@example.com").await;
    sofia.send("/new_contact Mateo, mateo@example.com").await;
    sofia.send("/delete C1").await;
    assert_eq!(sofia.send("sí").await, "C1 eliminado.");
    sofia.send("/delete C2").await;
    assert_eq!(sofia.send("si, eliminar").await, "C2 eliminado.");
    assert_eq!(contacts(&engine).await, 3);
}

async fn other_text_is_reminded_and_a_command_ends_the_question(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    ada.send("/new_contact Anna, anna@example.com").await;
    ada.send("/delete C1").await;
    let reminder = ada.send("maybe").await;
    assert_eq!(
        reminder,
        "Please answer the question above: 1) Yes, delete · 2) No. Or send a command to do something else."
    );
    assert_eq!(ada.labels(), ["Yes, delete", "No"]);
    // Still pending after the reminder, and a handle is no answer either.
    assert!(ada.send("C1").await.starts_with("Please answer"));
    assert_eq!(ada.send("2").await, "C1 was kept.");
    // Answered: the question is gone.
    assert!(
        ada.send("yes")
            .await
            .starts_with("I didn't understand that.")
    );
    assert_eq!(contacts(&engine).await, 1);

    // A command ends the question and runs, saying nothing extra.
    ada.send("/delete C1").await;
    assert!(ada.send("/contacts").await.contains("Anna"));
    assert!(
        ada.send("yes")
            .await
            .starts_with("I didn't understand that.")
    );
    assert_eq!(contacts(&engine).await, 1);

    // Pressing one of its buttons ends it too.
    ada.send("/delete C1").await;
    assert_eq!(ada.press("No").await, "C1 was kept.");
    assert!(
        ada.send("yes")
            .await
            .starts_with("I didn't understand that.")
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM pending_choices").await,
        0
    );
    assert_eq!(contacts(&engine).await, 1);

    // Another user's question is not answered by this one's "yes".
    let mut bob = Chat::new(&engine, "bob");
    bob.send("/new_contact Bert, bert@example.com").await;
    bob.send("/delete C1").await;
    assert!(
        ada.send("yes")
            .await
            .starts_with("I didn't understand that.")
    );
    assert_eq!(bob.send("yes").await, "C1 deleted.");
    assert_eq!(contacts(&engine).await, 1);
}

async fn delete_account_then_2_keeps_the_account(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    ada.send("/new_contact Anna, anna@example.com").await;
    assert!(
        ada.send("/delete_account")
            .await
            .contains("Deleting your account")
    );
    assert_eq!(ada.send("2").await, "OK, nothing was changed.");
    assert_eq!(count(engine.store(), "SELECT COUNT(*) FROM users").await, 1);
    // And "1" (here: its label) deletes it.
    ada.send("/delete_account").await;
    let farewell = ada.send("delete my account").await;
    assert!(farewell.contains("were deleted"), "{farewell}");
    assert_eq!(count(engine.store(), "SELECT COUNT(*) FROM users").await, 0);
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM pending_choices").await,
        0
    );
}

async fn a_question_survives_a_restart_and_expires(db: TestDb) {
    let clock = Clock::manual(chrono::Utc::now());
    let engine = db.engine_at(&clock).await;
    let mut ada = Chat::new(&engine, "ada");
    ada.send("/new_contact Anna, anna@example.com").await;
    ada.send("/new_contact Boris, boris@example.com").await;
    ada.send("/delete C1").await;
    // A new engine on the same database (a restart) still knows the question.
    let restarted = db.engine_at(&clock).await;
    let mut ada = Chat::new(&restarted, "ada");
    assert_eq!(ada.send("y").await, "C1 deleted.");

    ada.send("/delete C2").await;
    clock.advance(chrono::Duration::hours(25));
    assert!(
        ada.send("yes")
            .await
            .starts_with("I didn't understand that.")
    );
    assert_eq!(contacts(&restarted).await, 1);
}

async fn typed_answers_work_over_telegram(db: TestDb) {
    let fake = FakeTelegram::start().await;
    let config = fake.config();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = Server::start(&config, db.engine().await, listener)
        .await
        .expect("server starts");

    fake.push(tg::text(1, 601, "/new_contact Anna, anna@example.com"));
    fake.wait_for(5, "the contact", |f| {
        f.texts_to(601).iter().any(|t| t.starts_with("Saved C1."))
    })
    .await;
    fake.push(tg::text(2, 601, "/delete C1"));
    fake.wait_for(5, "the question", |f| {
        f.texts_to(601).iter().any(|t| t.contains("Delete C1"))
    })
    .await;
    fake.push(tg::text(3, 601, "perhaps"));
    fake.wait_for(5, "the reminder", |f| {
        f.texts_to(601)
            .iter()
            .any(|t| t.starts_with("Please answer the question above"))
    })
    .await;
    fake.push(tg::text(4, 601, "yes"));
    fake.wait_for(5, "the deletion", |f| {
        f.texts_to(601).iter().any(|t| t == "C1 deleted.")
    })
    .await;

    fake.push(tg::text(5, 601, "/delete_account"));
    fake.wait_for(5, "the account question", |f| {
        f.texts_to(601)
            .iter()
            .any(|t| t.starts_with("Deleting your account"))
    })
    .await;
    fake.push(tg::text(6, 601, "2"));
    fake.wait_for(5, "the answer to 2", |f| {
        f.texts_to(601)
            .iter()
            .any(|t| t == "OK, nothing was changed.")
    })
    .await;
    assert!(
        !fake
            .texts_to(601)
            .iter()
            .any(|t| t.contains("nothing to cancel") || t.contains("didn't understand"))
    );
    let store = db.store().await;
    assert_eq!(count(&store, "SELECT COUNT(*) FROM contacts").await, 0);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM users").await, 1);
    server.stop().await;
}

async fn typed_answers_work_over_whatsapp(db: TestDb) {
    let fake = FakeGraph::start().await;
    let wa = Wa::start(&db, &wa::config(&fake)).await;
    let send = |id: &str, text: &str| wa::text(id, FROM, text);
    assert_eq!(
        wa.post_signed(&send("wamid.T1", "/new_contact Anna, anna@example.com"))
            .await,
        200
    );
    fake.wait_for(5, "the contact", |f| {
        f.texts_to(FROM).iter().any(|t| t.starts_with("Saved C1."))
    })
    .await;
    assert_eq!(
        wa.post_signed(&send("wamid.T2", "/delete_account")).await,
        200
    );
    fake.wait_for(5, "the account question", |f| {
        f.texts_to(FROM)
            .iter()
            .any(|t| t.starts_with("Deleting your account"))
    })
    .await;
    assert_eq!(wa.post_signed(&send("wamid.T3", "2")).await, 200);
    fake.wait_for(5, "the answer to 2", |f| {
        f.texts_to(FROM)
            .iter()
            .any(|t| t == "OK, nothing was changed.")
    })
    .await;
    assert_eq!(wa.post_signed(&send("wamid.T4", "/delete C1")).await, 200);
    fake.wait_for(5, "the delete question", |f| {
        f.texts_to(FROM).iter().any(|t| t.contains("Delete C1"))
    })
    .await;
    assert_eq!(wa.post_signed(&send("wamid.T5", "Yes")).await, 200);
    fake.wait_for(5, "the deletion", |f| {
        f.texts_to(FROM).iter().any(|t| t == "C1 deleted.")
    })
    .await;
    assert!(
        !fake
            .texts_to(FROM)
            .iter()
            .any(|t| t.contains("nothing to cancel") || t.contains("didn't understand"))
    );
    let store = db.store().await;
    assert_eq!(count(&store, "SELECT COUNT(*) FROM contacts").await, 0);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM users").await, 1);
    wa.stop().await;
}
