//! Capture on both backends against the fake model: free text becomes a card of proposed
//! records, written only on Confirm (pressed or typed) in one transaction, marked on the
//! timelines as created from the user's message via AI; Cancel and Edit write nothing; an
//! existing contact is updated, not duplicated; a card acts once and expires; without
//! `[llm]` free text behaves as before.

use crate::common;

use chatcrm::clock::Clock;
use common::ai::{ANNA_NOTE, Ai, always, anna};
use common::{Chat, TestDb, count};
use serde_json::json;

both_backends!(
    a_note_becomes_a_card_and_confirm_writes_every_record,
    cancel_and_edit_write_nothing_and_a_card_acts_once,
    an_existing_contact_is_updated_not_duplicated,
    without_llm_free_text_is_not_understood_as_before,
    a_card_expires_after_a_day,
    export_holds_the_users_ai_requests_and_cards_only,
    in_a_group_the_card_goes_to_the_group_bound_to_its_author,
);

/// Counts of contacts, companies, deals, tasks and notes.
async fn records(ai: &Ai) -> [i64; 5] {
    let store = ai.engine.store();
    [
        count(store, "SELECT COUNT(*) FROM contacts").await,
        count(store, "SELECT COUNT(*) FROM companies").await,
        count(store, "SELECT COUNT(*) FROM deals").await,
        count(store, "SELECT COUNT(*) FROM tasks").await,
        count(store, "SELECT COUNT(*) FROM notes").await,
    ]
}

/// A user who turned AI on.
async fn consenting(ai: &Ai, name: &str) -> Chat {
    let mut chat = Chat::new(&ai.engine, name);
    chat.send("/start").await;
    chat.send("/timezone Europe/Berlin").await;
    chat.send("/consent ai on").await;
    chat
}

async fn a_note_becomes_a_card_and_confirm_writes_every_record(db: TestDb) {
    let ai = Ai::start(&db).await;
    always(&ai.fake, anna(), 420);
    let mut ada = consenting(&ai, "ada").await;

    assert_eq!(ada.send(ANNA_NOTE).await, "Reading your note…");
    assert_eq!(
        ai.fake.calls(),
        0,
        "the model is not called inside the update"
    );
    let card = ai.answers(&mut ada).await;
    assert_eq!(ai.fake.calls(), 1);
    assert!(
        card.starts_with("Here is what I read in your note. Nothing is saved until you confirm:"),
        "{card}"
    );
    for line in [
        "👤 New contact: Anna Petrova · +49 1517 0707070 · anna@acme.com · Head of Sales",
        "🏢 New company: Acme · acme.com",
        "💼 New deal: Acme CRM rollout · 12,000.00 EUR",
        "☑ New task: Send the proposal · ",
        "📝 Note: Prefers short emails.",
    ] {
        assert!(card.contains(line), "{line:?} not in {card}");
    }
    assert_eq!(ada.labels(), ["Confirm", "Edit", "Cancel"]);
    assert_eq!(
        records(&ai).await,
        [0; 5],
        "nothing is written before Confirm"
    );

    // A typed "yes" answers the card like its first button.
    let saved = ada.send("yes").await;
    assert!(saved.starts_with("Saved from your note:"), "{saved}");
    for handle in [
        "O1 · Acme",
        "C1 · Anna Petrova",
        "D1 · Acme CRM rollout",
        "T1 · Send the proposal",
        "N1",
    ] {
        assert!(saved.contains(handle), "{handle} not in {saved}");
    }
    assert_eq!(records(&ai).await, [1; 5]);
    let store = ai.engine.store();
    let (company, contact, deal): (Option<i64>, Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT c.company_id, d.contact_id, d.company_id FROM contacts c, deals d")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert!(company.is_some() && contact.is_some() && deal == company);
    let task = ada.send("/tasks").await;
    assert!(task.contains("Send the proposal · Fri"), "{task}");
    assert!(
        task.contains("10:00"),
        "the due time is read in the user's zone: {task}"
    );
    for handle in ["C1", "O1", "D1"] {
        let timeline = ada.send(&format!("/timeline {handle}")).await;
        assert!(
            timeline.contains("created from your message via AI"),
            "{handle}: {timeline}"
        );
    }
    let (status, tokens, version): (String, i64, String) =
        sqlx::query_as("SELECT status, tokens, prompt_version FROM ai_requests")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!((status.as_str(), tokens), ("done", 420));
    assert!(version.starts_with("capture@"), "{version}");
    assert_eq!(
        count(store, "SELECT tokens FROM ai_usage").await,
        420,
        "the tokens the server reported count against the workspace's day"
    );
    // The request sent the note, today's date and the language; the answer's schema too.
    let body = &ai.fake.bodies()[0];
    let prompt = common::fake_llm::prompt_text(body);
    assert!(
        prompt.contains(ANNA_NOTE) && prompt.contains("English"),
        "{prompt}"
    );
    assert_eq!(body["response_format"]["type"], "json_schema");
}

async fn cancel_and_edit_write_nothing_and_a_card_acts_once(db: TestDb) {
    let ai = Ai::start(&db).await;
    always(&ai.fake, anna(), 100);
    let mut ada = consenting(&ai, "ada").await;
    ada.send(ANNA_NOTE).await;
    ai.answers(&mut ada).await;
    let confirm = ada.data_of("Confirm");
    assert_eq!(ada.press("Cancel").await, "Cancelled; nothing was saved.");
    assert_eq!(records(&ai).await, [0; 5]);
    assert_eq!(
        ada.button(&confirm).await,
        "This card was already answered."
    );
    assert_eq!(records(&ai).await, [0; 5]);

    ada.send(ANNA_NOTE).await;
    ai.answers(&mut ada).await;
    let edit = ada.press("Edit").await;
    assert!(
        edit.starts_with("Nothing was saved. Send your note again with your changes"),
        "{edit}"
    );
    assert!(
        edit.ends_with(ANNA_NOTE),
        "the note is offered back: {edit}"
    );
    assert_eq!(records(&ai).await, [0; 5]);

    // Confirm twice: the records are written once.
    ada.send(ANNA_NOTE).await;
    ai.answers(&mut ada).await;
    let confirm = ada.data_of("Confirm");
    assert!(
        ada.press("Confirm")
            .await
            .starts_with("Saved from your note:")
    );
    assert_eq!(
        ada.button(&confirm).await,
        "This card was already answered."
    );
    assert_eq!(records(&ai).await, [1; 5]);
    // Someone else's press of the card is refused before it is read.
    let mut bob = Chat::new(&ai.engine, "bob");
    bob.send("/start").await;
    assert_ne!(
        bob.button(&confirm).await,
        "This card was already answered."
    );
}

async fn an_existing_contact_is_updated_not_duplicated(db: TestDb) {
    let ai = Ai::start(&db).await;
    always(&ai.fake, anna(), 100);
    let mut ada = consenting(&ai, "ada").await;
    ada.send("/new_contact anna petrova, anna@acme.com").await;
    ada.send("/new_company Acme, acme.com").await;
    ada.send(ANNA_NOTE).await;
    let card = ai.answers(&mut ada).await;
    assert!(
        card.contains("👤 Update C1 anna petrova: +49 1517 0707070 · Head of Sales · Acme"),
        "{card}"
    );
    assert!(card.contains("🏢 O1 Acme (already saved)"), "{card}");
    ada.press("Confirm").await;
    let store = ai.engine.store();
    assert_eq!(count(store, "SELECT COUNT(*) FROM contacts").await, 1);
    assert_eq!(count(store, "SELECT COUNT(*) FROM companies").await, 1);
    let (phone, position, company): (Option<String>, Option<String>, Option<i64>) =
        sqlx::query_as("SELECT phone, position, company_id FROM contacts")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(phone.as_deref(), Some("+4915170707070"));
    assert_eq!(position.as_deref(), Some("Head of Sales"));
    assert!(company.is_some());
    let timeline = ada.send("/timeline C1").await;
    assert!(
        timeline.contains("updated from your message via AI"),
        "{timeline}"
    );
}

async fn without_llm_free_text_is_not_understood_as_before(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    ada.send("/start").await;
    ada.send("/consent ai on").await;
    assert_eq!(
        ada.send(ANNA_NOTE).await,
        "I didn't understand that. Send /help to see the commands, or type a handle such as C1 to see a record."
    );
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM ai_requests").await,
        0
    );
}

async fn a_card_expires_after_a_day(db: TestDb) {
    let fake = common::fake_llm::FakeLlm::start().await;
    always(&fake, json!({"contact": {"name": "Zoe"}}), 10);
    let clock = Clock::manual(chrono::Utc::now());
    let config = common::ai::config(&fake);
    let engine = db
        .engine_at(&clock)
        .await
        .with_settings(chatcrm::handlers::Settings::from_config(&config));
    let ai = Ai::over(engine, fake, config);
    let mut ada = consenting(&ai, "ada").await;
    ada.send("met Zoe").await;
    let card = ai.answers(&mut ada).await;
    assert!(card.contains("👤 New contact: Zoe"), "{card}");
    clock.advance(chrono::Duration::hours(25));
    assert_eq!(
        ada.press("Confirm").await,
        "This card has expired and nothing was saved; send your note again."
    );
    assert_eq!(
        count(ai.engine.store(), "SELECT COUNT(*) FROM contacts").await,
        0
    );
}

async fn export_holds_the_users_ai_requests_and_cards_only(db: TestDb) {
    let exports = tempfile::tempdir().unwrap();
    let dir = exports.path().to_path_buf();
    let fake = common::fake_llm::FakeLlm::start().await;
    let ai = Ai::with(&db, fake, |config| config.privacy.export_dir = dir).await;
    always(&ai.fake, anna(), 10);
    let mut ada = Chat::new(&ai.engine, "ada");
    ada.channel = chatcrm::message::Channel::Console;
    ada.send("/start").await;
    ada.send("/consent ai on").await;
    ada.send(ANNA_NOTE).await;
    ai.answers(&mut ada).await;
    ada.press("Confirm").await;
    // A team member's note is theirs: not in Ada's export.
    let invite = ada.send("/invite").await;
    let mut bob = Chat::new(&ai.engine, "bob");
    bob.channel = chatcrm::message::Channel::Console;
    bob.send(&common::join_command(&invite)).await;
    bob.send("/consent ai on").await;
    bob.send("met Bobsecret").await;
    ai.answers(&mut bob).await;

    let reply = ada.send("/export").await;
    let path = reply["Your export is ready: ".len()..]
        .split(" (")
        .next()
        .unwrap()
        .to_string();
    let bytes = std::fs::read(&path).unwrap();
    let manifest = common::export_manifest(&bytes);
    assert_eq!(common::manifest_rows(&manifest, "ai_requests.json"), 1);
    assert_eq!(common::manifest_rows(&manifest, "ai_proposals.json"), 1);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("ai_requests.csv").unwrap(), &mut text)
        .unwrap();
    assert!(text.contains("Met Anna Petrova from Acme"), "{text}");
    assert!(!text.contains("Bobsecret"), "{text}");
}

/// Telegram delivers group text to us only when it is addressed to the bot (a reply to
/// it); such a note is captured like a private one, its card answered in the group and
/// bound to its author.
async fn in_a_group_the_card_goes_to_the_group_bound_to_its_author(db: TestDb) {
    use chatcrm::message::{Channel, Inbound, Payload};
    let ai = Ai::start(&db).await;
    always(&ai.fake, anna(), 10);
    let mut ada = consenting(&ai, "701").await;
    let mut bob = Chat::new(&ai.engine, "702");
    bob.send("/start").await;
    let in_group = |user: &str, payload: Payload, id: &str| Inbound {
        channel: Channel::Telegram,
        user_id: user.to_string(),
        chat_id: "-2002".to_string(),
        display_name: user.to_string(),
        language: Some("en".into()),
        update_id: Some(format!("group-{id}")),
        edit_message: None,
        payload,
    };
    let replies = ai
        .engine
        .handle(&in_group("701", Payload::Text(ANNA_NOTE.into()), "1"))
        .await
        .unwrap();
    assert_eq!(replies[0].text, "Reading your note…");
    // The card is queued for the group chat, not for Ada's private chat.
    ai.worker.process_due().await.unwrap();
    assert!(common::ai::queued(&ai.engine, &ada).await.is_empty());
    let mut group = Chat::new(&ai.engine, "-2002");
    group.last = common::ai::queued(&ai.engine, &group).await;
    assert!(
        group.texts().contains("New contact: Anna Petrova"),
        "{}",
        group.texts()
    );
    let confirm = group.data_of("Confirm");
    // Bob, in the same group, cannot confirm Ada's card; Ada can.
    let refused = ai
        .engine
        .handle(&in_group("702", Payload::Button(confirm.clone()), "2"))
        .await
        .unwrap();
    assert_eq!(refused[0].text, "This button is not for you.");
    assert_eq!(records(&ai).await, [0; 5]);
    let saved = ai
        .engine
        .handle(&in_group("701", Payload::Button(confirm), "3"))
        .await
        .unwrap();
    assert!(
        saved[0].text.starts_with("Saved from your note:"),
        "{}",
        saved[0].text
    );
    assert_eq!(records(&ai).await, [1; 5]);
    ada.send("/contacts").await;
    assert!(ada.texts().contains("Anna Petrova"), "{}", ada.texts());
}
