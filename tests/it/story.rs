//! The foundation story through the engine and router, on SQLite and on PostgreSQL:
//! create, list, search, edit, delete, a flow across a restart, duplicate updates, bad
//! input, unknown commands, a 5,000-character message, locales and workspace isolation.

use crate::common;

use chatcrm::message::Payload;
use common::{Chat, TestDb, count};

both_backends!(
    contact_lifecycle,
    step_by_step_flow_survives_a_restart,
    duplicate_updates_have_one_effect,
    concurrent_duplicates_have_one_effect,
    bad_values_are_explained_and_a_bad_phone_alone_keeps_the_rest,
    unknown_commands_and_free_text_point_to_help,
    a_5000_character_message_is_handled,
    replies_follow_the_users_language,
    workspaces_do_not_see_each_other,
    pagination_and_cancel,
);

async fn contact_lifecycle(db: TestDb) {
    let engine = db.engine().await;
    let store = engine.store().clone();
    let mut anna = Chat::new(&engine, "anna");

    let welcome = anna.send("/start").await;
    assert!(welcome.contains("Welcome to ChatCRM, anna!"), "{welcome}");
    assert!(welcome.contains("/new_contact"), "{welcome}");

    let created = anna
        .send("/new_contact Anna Petrova, +49 151 12345678, anna@example.com")
        .await;
    assert!(created.contains("Saved C1."), "{created}");
    assert!(created.contains("C1 · Anna Petrova"), "{created}");
    assert!(created.contains("+49 1511 2345678"), "{created}");
    let stored: (String, String) = sqlx::query_as("SELECT phone, email FROM contacts")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(stored, ("+4915112345678".into(), "anna@example.com".into()));

    anna.send("/new_contact Zoë Ångström, zoe@example.org")
        .await;
    let list = anna.send("/contacts").await;
    assert!(list.starts_with("2 contacts:"), "{list}");
    assert!(
        list.contains("C1 · Anna Petrova") && list.contains("C2 · Zoë Ångström"),
        "{list}"
    );

    // Search ignores case and accents and looks at every field.
    let found = anna.send("/contacts zoe angstrom").await;
    assert!(
        found.contains("C2 · Zoë Ångström") && !found.contains("C1"),
        "{found}"
    );
    assert!(
        anna.send("/contacts PETROVA")
            .await
            .contains("C1 · Anna Petrova")
    );
    assert!(
        anna.send("/contacts 1511234")
            .await
            .contains("C1 · Anna Petrova")
    );
    assert!(
        anna.send("/contacts nobody")
            .await
            .contains("No contacts match “nobody”.")
    );

    let edited = anna.send("/edit c1 phone +1 650 253 0000").await;
    assert!(
        edited.contains("C1: phone is now +1 650-253-0000."),
        "{edited}"
    );
    let edited = anna.send("/edit C1 position Head of Sales").await;
    assert!(edited.contains("💼 Head of Sales"), "{edited}");
    let card = anna.send("/contact C1").await;
    assert!(
        card.contains("📞 +1 650-253-0000") && card.contains("💼 Head of Sales"),
        "{card}"
    );
    assert!(
        anna.send("/edit C1 email -")
            .await
            .contains("C1: email cleared.")
    );
    assert!(!anna.send("/contact C1").await.contains("anna@example.com"));

    // Every change wrote an activity on the contact's timeline.
    let timeline = |store: chatcrm::store::Store| async move {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT a.action, a.detail FROM activities a
             WHERE a.record_kind = 'contact' AND a.record_id =
                   (SELECT MIN(record_id) FROM activities WHERE record_kind = 'contact')
             ORDER BY a.id",
        )
        .fetch_all(store.pool())
        .await
        .unwrap();
        rows
    };
    let before: Vec<String> = timeline(store.clone())
        .await
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    assert_eq!(before, ["created", "updated", "updated", "updated"]);

    let question = anna.send("/delete C1").await;
    assert!(question.contains("Delete C1 · Anna Petrova?"), "{question}");
    assert_eq!(anna.labels(), ["Yes, delete", "No"]);
    assert!(anna.press("No").await.contains("C1 was kept."));
    assert!(anna.send("/contact C1").await.contains("C1 · Anna Petrova"));
    anna.send("/delete C1").await;
    assert!(anna.press("Yes, delete").await.contains("C1 deleted."));
    assert!(
        anna.send("/contact C1")
            .await
            .contains("There is no C1 in this workspace.")
    );
    assert!(!anna.send("/contacts").await.contains("Anna Petrova"));

    // The deleted contact's timeline keeps one deletion entry without personal data.
    let after = timeline(store.clone()).await;
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].0, "deleted");
    assert!(!after[0].1.contains("Petrova") && after[0].1.contains("C1"));

    // Handles are never reused after a deletion.
    assert!(
        anna.send("/new_contact Carl")
            .await
            .contains("Phone number")
    );
    anna.send("/skip").await;
    anna.send("/skip").await;
    assert!(anna.send("/skip").await.contains("Saved C3."));
}

async fn step_by_step_flow_survives_a_restart(db: TestDb) {
    let engine = db.engine().await;
    let mut bob = Chat::new(&engine, "bob");
    assert!(
        bob.send("/new_contact")
            .await
            .contains("What is the contact's name?")
    );
    assert!(bob.send("Bob Builder").await.contains("Phone number"));
    assert_eq!(bob.labels(), ["Skip", "Cancel"]);
    engine.store().close().await;
    drop(bob);
    drop(engine);

    // A new process over the same database continues where the flow stopped.
    let engine = db.engine().await;
    let mut bob = Chat::new(&engine, "bob");
    assert!(
        bob.send("+44 20 7946 0958")
            .await
            .contains("Email address?")
    );
    assert!(bob.press("Skip").await.contains("Position or job title?"));
    let saved = bob.send("Site manager").await;
    assert!(saved.contains("Saved C1."), "{saved}");
    assert!(
        saved.contains("📞 +44 20 7946 0958") && saved.contains("💼 Site manager"),
        "{saved}"
    );
    assert!(!saved.contains("✉️"), "{saved}");
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM dialogues").await,
        0
    );
    // After the flow, plain text is free text again.
    assert!(
        bob.send("hello")
            .await
            .contains("I didn't understand that.")
    );
}

async fn duplicate_updates_have_one_effect(db: TestDb) {
    let engine = db.engine().await;
    let mut carol = Chat::new(&engine, "carol");
    let payload = Payload::Text("/new_contact Dan, dan@example.com".into());
    let first = carol
        .deliver(payload.clone(), Some("update-7".into()))
        .await;
    assert!(first.contains("Saved C1."), "{first}");
    let second = carol.deliver(payload, Some("update-7".into())).await;
    assert_eq!(second, "", "a duplicate gets no reply");
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        1
    );
    // The same id on another channel is a different update.
    carol.channel = chatcrm::message::Channel::WhatsApp;
    let other = carol
        .deliver(
            Payload::Text("/new_contact Eve, eve@example.com".into()),
            Some("update-7".into()),
        )
        .await;
    assert!(other.contains("Saved C1."), "{other}");
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        2
    );
}

async fn concurrent_duplicates_have_one_effect(db: TestDb) {
    let engine = db.engine().await;
    let chat = Chat::new(&engine, "dora");
    // A brand-new user's first update, delivered eight times at once.
    let update = chat.inbound(
        Payload::Text("/new_contact Finn, finn@example.com".into()),
        Some("dup-1".into()),
    );
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let engine = engine.clone();
        let update = update.clone();
        tasks.push(tokio::spawn(async move { engine.handle(&update).await }));
    }
    let mut answered = 0;
    for task in tasks {
        let replies = task.await.unwrap().expect("handled without error");
        answered += usize::from(!replies.is_empty());
    }
    assert_eq!(answered, 1);
    let store = engine.store();
    assert_eq!(count(store, "SELECT COUNT(*) FROM contacts").await, 1);
    assert_eq!(count(store, "SELECT COUNT(*) FROM users").await, 1);
    assert_eq!(count(store, "SELECT COUNT(*) FROM workspaces").await, 1);

    // Different first updates of one new user at once: one user, every update handled.
    let chat = Chat::new(&engine, "emil");
    let mut tasks = Vec::new();
    for i in 0..6 {
        let engine = engine.clone();
        let update = chat.inbound(
            Payload::Text(format!("/new_contact Person {i}, p{i}@example.com")),
            Some(format!("emil-{i}")),
        );
        tasks.push(tokio::spawn(async move { engine.handle(&update).await }));
    }
    for task in tasks {
        assert!(!task.await.unwrap().expect("handled").is_empty());
    }
    assert_eq!(count(store, "SELECT COUNT(*) FROM users").await, 2);
    assert_eq!(count(store, "SELECT COUNT(*) FROM contacts").await, 7);
    let handles: Vec<i64> = sqlx::query_scalar(
        "SELECT c.handle_no FROM contacts c JOIN memberships m ON m.workspace_id = c.workspace_id
         JOIN identities i ON i.user_id = m.user_id WHERE i.external_id = 'emil' ORDER BY c.handle_no",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    assert_eq!(handles, [1, 2, 3, 4, 5, 6]);
}

async fn bad_values_are_explained_and_a_bad_phone_alone_keeps_the_rest(db: TestDb) {
    let engine = db.engine().await;
    let mut erin = Chat::new(&engine, "erin");
    // A bad phone alone does not lose the contact: the rest is saved and the reply says
    // which phone was left out and why.
    let reply = erin
        .send("/new_contact Anna, +49 151 1, anna@example.com")
        .await;
    assert_eq!(
        reply,
        common::first_reply(
            "Saved C1.\nC1 · Anna\n✉️ anna@example.com\n\n\
             The phone “+49 151 1” was not saved: it is not a valid phone number. \
             Add it later with /edit."
        )
    );
    let reply = erin.send("/new_contact Bea, 0151 12345678").await;
    assert!(
        reply.starts_with("Saved C2.")
            && reply.contains("The phone “0151 12345678” was not saved: it has no country code"),
        "{reply}"
    );
    let reply = erin
        .send("/new_contact Cleo, +49 151 12345678, anna@@example")
        .await;
    assert_eq!(
        reply,
        "The email “anna@@example” is not a valid email address. Nothing was saved."
    );
    assert_eq!(
        count(
            engine.store(),
            "SELECT COUNT(*) FROM contacts WHERE phone IS NULL"
        )
        .await,
        2
    );

    let reply = erin.send("/edit C1 email not-an-email").await;
    assert!(
        reply.contains("The email “not-an-email” is not a valid email address."),
        "{reply}"
    );
    let reply = erin.send("/edit C1 phone 12").await;
    assert!(
        reply.starts_with("The phone needs its country code, for example +49 151 12345678."),
        "{reply}"
    );
    let reply = erin.send("/edit C1 age 42").await;
    assert!(reply.contains("I can't edit “age”."), "{reply}");
    let reply = erin.send("/edit X1 phone +4915112345678").await;
    assert!(reply.contains("“X1” is not a handle such as C1"), "{reply}");
    let card = erin.send("/contact C1").await;
    assert_eq!(card, "C1 · Anna\n✉️ anna@example.com");

    // In the flow a bad value is explained and the same question is asked again.
    erin.send("/new_contact Greta").await;
    let reply = erin.send("+49 12").await;
    assert!(
        reply.contains("is not a valid phone number")
            && reply.ends_with("(for example +49 151 12345678)?"),
        "{reply}"
    );
    assert!(
        erin.send("+49 151 12345678")
            .await
            .contains("Email address?")
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        2
    );
    assert_eq!(
        count(
            engine.store(),
            "SELECT COUNT(*) FROM activities WHERE action = 'updated'"
        )
        .await,
        0
    );
}

async fn unknown_commands_and_free_text_point_to_help(db: TestDb) {
    let engine = db.engine().await;
    let mut finn = Chat::new(&engine, "finn");
    assert_eq!(
        finn.send("/frobnicate now").await,
        common::first_reply(
            "I don't know the command /frobnicate. Send /help to see what I can do."
        )
    );
    assert!(finn.send("what's up?").await.contains("Send /help"));
    assert_eq!(finn.send("/cancel").await, "There is nothing to cancel.");
    assert!(finn.send("/help").await.contains("/edit C1 field value"));
    assert!(finn.send("/contact").await.contains("Usage: /contact C1"));
    assert!(finn.send("/delete").await.contains("Usage: /delete C1"));
    assert!(
        finn.send("/edit")
            .await
            .contains("Usage: /edit C1 field value")
    );
    let stale = finn
        .deliver(Payload::Button("del:999:yes".into()), Some("b1".into()))
        .await;
    assert!(stale.contains("no longer valid"), "{stale}");
    let junk = finn
        .deliver(Payload::Button("garbage".into()), Some("b2".into()))
        .await;
    assert!(junk.contains("no longer valid"), "{junk}");
}

async fn a_5000_character_message_is_handled(db: TestDb) {
    let engine = db.engine().await;
    let mut gus = Chat::new(&engine, "gus");
    let long = "ж".repeat(5000);
    let reply = gus.send(&long).await;
    assert!(
        reply.contains("I didn't understand that.") && reply.len() < 500,
        "{reply}"
    );
    let reply = gus.send(&format!("/new_contact {long}")).await;
    assert!(
        reply.contains("The name is too long (at most 200 characters)."),
        "{reply}"
    );
    let reply = gus.send(&format!("/new_contact Gus, {long}")).await;
    assert!(reply.contains("The position is too long"), "{reply}");
    let reply = gus.send(&format!("/contacts {long}")).await;
    assert!(reply.len() < 500, "{reply}");
    gus.send("/new_contact Gus, gus@example.com").await;
    let reply = gus
        .send(&format!("/edit C1 email {}@example.com", "x".repeat(5000)))
        .await;
    assert!(
        reply.contains("is not a valid email address") && reply.len() < 500,
        "{reply}"
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        1
    );
}

async fn replies_follow_the_users_language(db: TestDb) {
    let engine = db.engine().await;
    let mut ivan = Chat::new(&engine, "ivan").language("ru-RU");
    assert!(
        ivan.send("/start")
            .await
            .contains("Добро пожаловать в ChatCRM, ivan!")
    );
    assert!(
        ivan.send("/new_contact")
            .await
            .contains("Как зовут контакт?")
    );
    assert_eq!(ivan.labels(), ["Отмена"]);
    ivan.send("Анна").await;
    assert_eq!(ivan.labels(), ["Пропустить", "Отмена"]);
    assert!(ivan.send("+7 12").await.contains("неверный номер телефона"));
    assert_eq!(
        ivan.send("/cancel").await,
        "Отменено. Больше ничего не сохранено."
    );
    for i in 0..5 {
        ivan.send(&format!("/new_contact Контакт {i}, k{i}@example.com"))
            .await;
    }
    assert!(ivan.send("/contacts").await.starts_with("5 контактов:"));
    assert!(ivan.send("/contacts 1").await.starts_with("1 контакт:"));

    let mut ana = Chat::new(&engine, "ana").language("es");
    assert!(
        ana.send("/help")
            .await
            .starts_with("Esto es lo que puedo hacer:")
    );
    // /language overrides the channel's language, by button or by code.
    let mut hal = Chat::new(&engine, "hal");
    assert_eq!(
        hal.send("/language").await,
        common::first_reply("Choose your language:")
    );
    assert_eq!(hal.labels(), ["English", "Español", "Русский"]);
    assert_eq!(hal.press("Español").await, "Responderé en español.");
    assert!(
        hal.send("/help")
            .await
            .starts_with("Esto es lo que puedo hacer:")
    );
    assert!(hal.send("/language xx").await.contains("(en)"));
    assert!(hal.send("/language ru").await.starts_with("Буду"));
    // A language we do not ship falls back to English.
    let mut hans = Chat::new(&engine, "hans").language("de-DE");
    assert!(
        hans.send("/help")
            .await
            .starts_with("Here is what I can do:")
    );
}

async fn workspaces_do_not_see_each_other(db: TestDb) {
    let engine = db.engine().await;
    let mut alice = Chat::new(&engine, "alice");
    let mut mallory = Chat::new(&engine, "mallory");
    alice
        .send("/new_contact Secret Person, secret@example.com")
        .await;
    let alice_contact: i64 = sqlx::query_scalar("SELECT id FROM contacts")
        .fetch_one(engine.store().pool())
        .await
        .unwrap();
    // Mallory has her own C1 counter and sees nothing of Alice's.
    assert!(mallory.send("/contact C1").await.contains("There is no C1"));
    assert!(
        mallory
            .send("/contacts")
            .await
            .contains("You have no contacts yet.")
    );
    assert!(
        mallory
            .send("/contacts secret")
            .await
            .contains("No contacts match")
    );
    assert!(
        mallory
            .send("/edit C1 name Hacked")
            .await
            .contains("There is no C1")
    );
    assert!(mallory.send("/delete C1").await.contains("There is no C1"));
    let forged = mallory
        .deliver(
            Payload::Button(format!("del:{alice_contact}:yes")),
            Some("forged".into()),
        )
        .await;
    assert!(forged.contains("no longer valid"), "{forged}");
    assert!(
        alice
            .send("/contact C1")
            .await
            .contains("C1 · Secret Person\n✉️ secret@example.com")
    );
    assert!(
        mallory
            .send("/new_contact Own, own@example.com")
            .await
            .contains("Saved C1.")
    );
}

async fn pagination_and_cancel(db: TestDb) {
    let engine = db.engine().await;
    let mut pia = Chat::new(&engine, "pia");
    for i in 1..=23 {
        pia.send(&format!("/new_contact Person {i:02}, p{i}@example.com"))
            .await;
    }
    let first = pia.send("/contacts person").await;
    assert!(first.starts_with("23 contacts (page 1 of 3):"), "{first}");
    assert_eq!(pia.labels(), ["Next ▶"]);
    let second = pia.press("Next ▶").await;
    assert!(
        second.starts_with("23 contacts (page 2 of 3):") && second.contains("C11 · Person 11"),
        "{second}"
    );
    assert_eq!(pia.labels(), ["◀ Previous", "Next ▶"]);
    let third = pia.press("Next ▶").await;
    assert!(
        third.contains("C23 · Person 23") && !third.contains("C20 ·"),
        "{third}"
    );
    assert_eq!(pia.labels(), ["◀ Previous"]);

    pia.send("/new_contact").await;
    pia.send("Half Done").await;
    assert_eq!(
        pia.press("Cancel").await,
        "Cancelled. Nothing more was saved."
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        23
    );
    // A command in the middle of a flow ends the flow.
    pia.send("/new_contact").await;
    assert!(
        pia.send("/contacts Person 01")
            .await
            .contains("C1 · Person 01")
    );
    assert!(
        pia.send("Not a name")
            .await
            .contains("I didn't understand that.")
    );
}
