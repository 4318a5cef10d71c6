//! AI test support: an engine configured against the fake model server, the AI worker
//! over the same database, and the replies the worker queued for a chat read back as that
//! chat's last replies (so `press` and `send("yes")` answer the card).

use chatcrm::ai::worker::Worker;
use chatcrm::config::{Config, Secret};
use chatcrm::engine::Engine;
use chatcrm::handlers::Settings;
use chatcrm::store::outbox;
use serde_json::{Value, json};

use super::fake_llm::{FakeLlm, FakeReply, KEY, MODEL};
use super::{Chat, TestDb};

/// A configuration whose `[llm]` points at `fake` (no retries, a short timeout).
pub fn config(fake: &FakeLlm) -> Config {
    let mut config = Config::default();
    config.llm.base_url = fake.base_url().to_string();
    config.llm.api_key = Secret::new(KEY);
    config.llm.model = MODEL.to_string();
    config.llm.timeout_secs = 2;
    config.llm.max_retries = 0;
    config.llm.requests_per_minute_per_user = 100;
    config
}

/// An engine and an AI worker over one database, with the fake model configured.
pub struct Ai {
    pub fake: FakeLlm,
    pub config: Config,
    pub engine: Engine,
    pub worker: Worker,
}

impl Ai {
    pub async fn start(db: &TestDb) -> Ai {
        let fake = FakeLlm::start().await;
        Ai::with(db, fake, |_| {}).await
    }

    /// As [`Ai::start`], with `tune` changing the configuration first.
    pub async fn with(db: &TestDb, fake: FakeLlm, tune: impl FnOnce(&mut Config)) -> Ai {
        let mut config = config(&fake);
        tune(&mut config);
        let engine = db
            .engine()
            .await
            .with_settings(Settings::from_config(&config));
        Ai::over(engine, fake, config)
    }

    /// The worker over an existing engine (a restart: a new engine on the same database).
    pub fn over(engine: Engine, fake: FakeLlm, config: Config) -> Ai {
        let worker = Worker::new(&engine, &config.llm).expect("AI is configured");
        Ai {
            fake,
            config,
            engine,
            worker,
        }
    }

    /// Runs the worker once and makes what it queued for `chat` the chat's last replies;
    /// returns their texts.
    pub async fn answers(&self, chat: &mut Chat) -> String {
        self.worker.process_due().await.expect("the worker runs");
        chat.last = queued(&self.engine, chat).await;
        chat.texts()
    }
}

/// The replies queued in the outbox for `chat`, taken (marked sent).
pub async fn queued(engine: &Engine, chat: &Chat) -> Vec<chatcrm::message::Reply> {
    let store = engine.store();
    let mut tx = store.begin().await.unwrap();
    let now = store.now_millis();
    let rows = outbox::pending(
        &mut tx,
        store.backend(),
        chat.channel.as_str(),
        Some(&chat.user),
        now,
        50,
    )
    .await
    .unwrap();
    let mut replies = Vec::new();
    for row in rows {
        replies.push(row.reply());
        outbox::mark_sent(&mut tx, row.id, None).await.unwrap();
    }
    tx.commit().await.unwrap();
    replies
}

/// The capture answer of the example: Anna from Acme, a deal, a task, a note.
pub fn anna() -> Value {
    json!({
        "contact": {"name": "Anna Petrova", "phone": "+49 151 7070 7070", "email": "anna@acme.com", "position": "Head of Sales"},
        "company": {"name": "Acme", "domain": "acme.com"},
        "deal": {"title": "Acme CRM rollout", "amount": 12000, "currency": "EUR"},
        "task": {"title": "Send the proposal", "due": "friday 10am"},
        "note": "Prefers short emails."
    })
}

/// The note a user types for [`anna`].
pub const ANNA_NOTE: &str = "Met Anna Petrova from Acme (acme.com), head of sales, +49 151 7070 7070, anna@acme.com. They want a CRM rollout for 12000 EUR; send the proposal friday 10am. Prefers short emails.";

/// The fake answers every call with `answer`, counted as `tokens`.
pub fn always(fake: &FakeLlm, answer: Value, tokens: u32) {
    fake.respond_with(move |_| FakeReply::json(answer.clone(), tokens));
}

/// No AI request exists (after a sync, a background job): an AI worker over `engine`
/// pointed at the fake model finds nothing to do, and the model was never called.
pub async fn no_model_call(engine: &Engine, llm: &FakeLlm) {
    let ai = Ai::over(engine.clone(), llm.clone(), config(llm));
    always(llm, json!({"note": "x"}), 1);
    assert_eq!(
        ai.worker.process_due().await.unwrap(),
        0,
        "no AI request was recorded"
    );
    assert_eq!(llm.calls(), 0);
}
