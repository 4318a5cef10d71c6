//! `/ask` on both backends against the fake model: the model answers a query plan, our
//! code checks it and lists the real records with their handles — only the asking
//! workspace's; a plan naming something we cannot search by is refused with a clear
//! reply and nothing else; the prompt holds the question and today's date, never a record.

use crate::common;

use common::ai::{Ai, always};
use common::fake_llm::prompt_text;
use common::{Chat, TestDb, count};
use serde_json::json;

both_backends!(
    a_plan_lists_the_real_records_with_handles,
    a_plan_with_an_unknown_field_is_refused_and_nothing_runs,
    ask_never_lists_another_workspaces_records,
    bad_arguments_are_answered_at_once_without_the_model,
    without_llm_the_ai_commands_say_so,
);

/// A user who turned AI on.
async fn consenting(ai: &Ai, name: &str) -> Chat {
    let mut chat = Chat::new(&ai.engine, name);
    chat.send("/start").await;
    chat.send("/consent ai on").await;
    chat
}

async fn a_plan_lists_the_real_records_with_handles(db: TestDb) {
    let ai = Ai::start(&db).await;
    let mut ada = consenting(&ai, "ada").await;
    for line in [
        "/new_deal Website, 5000 EUR",
        "/new_deal Hosting, 900 EUR",
        "/new_deal Audit, 7000 EUR",
        "/new_deal Secret merger, 99 EUR",
    ] {
        ada.send(line).await;
    }
    always(
        &ai.fake,
        json!({
            "kind": "deals",
            "filters": [{"field": "amount", "op": "at_least", "value": "1000 EUR"}],
            "sort": {"field": "amount", "order": "desc"},
            "limit": 1
        }),
        120,
    );
    assert_eq!(
        ada.send("/ask my biggest deals over 1000 euros").await,
        "Working on it…"
    );
    assert_eq!(
        ai.fake.calls(),
        0,
        "the model is not called inside the update"
    );
    assert_eq!(
        ai.answers(&mut ada).await,
        "2 records match your question:\n\
         D3 · Audit · 7,000.00 EUR · lead\n\
         …and 1 more record. Ask more precisely to narrow it down."
    );
    assert_eq!(ai.fake.calls(), 1);
    let body = &ai.fake.bodies()[0];
    let prompt = prompt_text(body);
    assert!(
        prompt.contains("my biggest deals over 1000 euros"),
        "{prompt}"
    );
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert!(
        prompt.contains(&today),
        "today's date is in the prompt: {prompt}"
    );
    for record in ["Website", "Hosting", "Audit", "Secret merger", "D1"] {
        assert!(
            !prompt.contains(record),
            "{record} reached the model: {prompt}"
        );
    }
    assert_eq!(body["response_format"]["type"], "json_schema");
    assert_eq!(body["response_format"]["json_schema"]["name"], "query_plan");

    always(
        &ai.fake,
        json!({"kind": "deals", "filters": [{"field": "title", "op": "contains", "value": "zzz"}], "sort": null, "limit": null}),
        50,
    );
    ada.send("/ask deals about zzz").await;
    assert_eq!(
        ai.answers(&mut ada).await,
        "No records match your question."
    );
    let (status, version): (String, String) =
        sqlx::query_as("SELECT status, prompt_version FROM ai_requests ORDER BY id DESC LIMIT 1")
            .fetch_one(ai.engine.store().pool())
            .await
            .unwrap();
    assert_eq!(status, "done");
    assert!(version.starts_with("ask@"), "{version}");
}

async fn a_plan_with_an_unknown_field_is_refused_and_nothing_runs(db: TestDb) {
    let ai = Ai::start(&db).await;
    let mut ada = consenting(&ai, "ada").await;
    ada.send("/new_contact Anna Petrova, anna@acme.de").await;
    for (plan, reply) in [
        (
            json!({"kind": "contacts", "filters": [{"field": "password_hash", "op": "contains", "value": "a"}], "sort": null, "limit": null}),
            "The AI service asked to search by “password_hash”, which I cannot search these records by, so nothing was searched. Please rephrase your question.",
        ),
        (
            json!({"kind": "deals", "filters": [{"field": "stage", "op": "is", "value": "'; DROP TABLE deals; --"}], "sort": null, "limit": null}),
            "The AI service asked for “'; DROP TABLE deals; --” in “stage”, which is not a value I can search for, so nothing was searched. Please rephrase your question.",
        ),
        (
            json!({"kind": "contacts", "filters": [], "sort": null, "limit": null, "sql": "SELECT * FROM users"}),
            "The AI service answered something I could not read as a search, so nothing was searched. Please rephrase your question.",
        ),
        (
            json!({"kind": null, "filters": [], "sort": null, "limit": null}),
            "I can only answer questions that list your contacts, companies, deals, tasks or notes, for example /ask deals won this month. Nothing was searched.",
        ),
        (
            json!({"kind": "contacts", "filters": [{"field": "name", "op": "contains", "value": "see https://evil.example/x"}, {"field": "name", "op": "like", "value": "a"}], "sort": null, "limit": null}),
            "The AI service asked to compare “name” with “like”, which I cannot do, so nothing was searched. Please rephrase your question.",
        ),
    ] {
        always(&ai.fake, plan, 10);
        ada.send("/ask who is in my crm").await;
        assert_eq!(ai.answers(&mut ada).await, reply);
    }
    assert_eq!(
        count(ai.engine.store(), "SELECT COUNT(*) FROM deals").await + 1,
        count(ai.engine.store(), "SELECT COUNT(*) FROM contacts").await,
        "nothing was changed"
    );
    // A refused value is quoted without any link it carries.
    always(
        &ai.fake,
        json!({"kind": "deals", "filters": [{"field": "stage", "op": "is", "value": "go to https://evil.example/x"}]}),
        10,
    );
    ada.send("/ask deals").await;
    let reply = ai.answers(&mut ada).await;
    assert!(reply.contains("“go to [link removed]”"), "{reply}");
}

async fn ask_never_lists_another_workspaces_records(db: TestDb) {
    let ai = Ai::start(&db).await;
    let mut ada = consenting(&ai, "ada").await;
    let mut bob = consenting(&ai, "bob").await;
    ada.send("/new_contact Anna Petrova, anna@ada.example")
        .await;
    bob.send("/new_contact Anna Petrova, anna@bob.example")
        .await;
    bob.send("/new_contact Anna Schmidt, schmidt@bob.example")
        .await;
    always(
        &ai.fake,
        json!({"kind": "contacts", "filters": [{"field": "name", "op": "contains", "value": "anna"}], "sort": {"field": "name", "order": "asc"}, "limit": 20}),
        30,
    );
    ada.send("/ask everyone called anna").await;
    assert_eq!(
        ai.answers(&mut ada).await,
        "1 record matches your question:\nC1 · Anna Petrova · anna@ada.example"
    );
    bob.send("/ask everyone called anna").await;
    assert_eq!(
        ai.answers(&mut bob).await,
        "2 records match your question:\n\
         C1 · Anna Petrova · anna@bob.example\n\
         C2 · Anna Schmidt · schmidt@bob.example"
    );
}

async fn bad_arguments_are_answered_at_once_without_the_model(db: TestDb) {
    let ai = Ai::start(&db).await;
    let mut ada = consenting(&ai, "ada").await;
    assert_eq!(
        ada.send("/ask").await,
        "Usage: /ask question, for example /ask open deals over 5000 EUR that close this month"
    );
    let long = format!("/ask {}", "why ".repeat(200));
    assert_eq!(
        ada.send(&long).await,
        "Please ask in at most 500 characters."
    );
    ai.answers(&mut ada).await;
    assert_eq!(ai.fake.calls(), 0);
    assert_eq!(
        count(ai.engine.store(), "SELECT COUNT(*) FROM ai_requests").await,
        0
    );
}

async fn without_llm_the_ai_commands_say_so(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    ada.send("/start").await;
    ada.send("/new_contact Anna Petrova").await;
    for line in [
        "/ask open deals",
        "/summary C1",
        "/draft C1 the offer",
        "/summary C9",
    ] {
        assert_eq!(
            ada.send(line).await,
            "AI features are not configured on this server.",
            "{line}"
        );
    }
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM ai_requests").await,
        0
    );
}
