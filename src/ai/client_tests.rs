//! The client against the fake OpenAI-compatible server the story tests use.

#[path = "../../tests/it/common/fake_llm.rs"]
mod fake_llm;

use fake_llm::{FakeLlm, FakeReply, KEY, MODEL};
use serde_json::json;

use super::*;
use crate::ai::AnswerSchema;
use crate::config::Secret;

fn config(fake: &FakeLlm) -> LlmConfig {
    LlmConfig {
        base_url: fake.base_url().to_string(),
        api_key: Secret::new(KEY),
        model: MODEL.into(),
        timeout_secs: 2,
        max_retries: 2,
        max_retry_wait_secs: 2,
        ..LlmConfig::default()
    }
}

fn call() -> ModelCall {
    ModelCall {
        system: "You extract records.".into(),
        user: "<data source=\"user_message\">met Anna</data>".into(),
        schema: Some(AnswerSchema {
            name: "capture",
            schema: json!({"type": "object"}),
        }),
        max_tokens: 300,
        prompt_version: "capture@000000000000".into(),
    }
}

#[test]
fn no_model_means_no_client() {
    assert!(Model::new(&LlmConfig::default()).is_none());
}

#[tokio::test]
async fn an_answer_brings_its_text_and_the_tokens_the_server_counted() {
    let fake = FakeLlm::start().await;
    fake.push(FakeReply::json(json!({"contact": null}), 42));
    let model = Model::new(&config(&fake)).unwrap();
    let answer = model.complete(&call()).await.unwrap();
    assert_eq!(answer.text, r#"{"contact":null}"#);
    assert_eq!(answer.total_tokens, 42);
    let body = &fake.bodies()[0];
    assert_eq!(body["model"], MODEL);
    assert_eq!(body["messages"][0]["role"], "system");
    assert_eq!(body["messages"][0]["content"], "You extract records.");
    assert_eq!(body["messages"][1]["role"], "user");
    assert_eq!(body["response_format"]["type"], "json_schema");
    assert_eq!(body["response_format"]["json_schema"]["name"], "capture");
    assert_eq!(body["max_completion_tokens"], 300);
    assert_eq!(
        fake.authorizations()[0].as_deref(),
        Some(&*format!("Bearer {KEY}"))
    );
}

#[tokio::test]
async fn a_server_error_is_retried_and_then_answered() {
    let fake = FakeLlm::start().await;
    fake.push(FakeReply::status(500));
    fake.push(FakeReply::status(503));
    fake.push(FakeReply::text("ok", 3));
    let model = Model::new(&config(&fake)).unwrap();
    assert_eq!(model.complete(&call()).await.unwrap().text, "ok");
    assert_eq!(fake.calls(), 3);
}

#[tokio::test]
async fn retries_stop_after_max_retries() {
    let fake = FakeLlm::start().await;
    for _ in 0..5 {
        fake.push(FakeReply::status(500));
    }
    let model = Model::new(&config(&fake)).unwrap();
    let error = model.complete(&call()).await.unwrap_err();
    assert_eq!(error.kind(), "unavailable", "{error}");
    assert_eq!(fake.calls(), 3, "one call and two retries");
}

#[tokio::test]
async fn a_short_retry_after_is_honoured_and_a_long_one_is_not_waited_for() {
    let fake = FakeLlm::start().await;
    fake.push(FakeReply::rate_limited(1));
    fake.push(FakeReply::text("after the wait", 3));
    let model = Model::new(&config(&fake)).unwrap();
    assert_eq!(
        model.complete(&call()).await.unwrap().text,
        "after the wait"
    );
    assert_eq!(fake.calls(), 2);

    let fake = FakeLlm::start().await;
    fake.push(FakeReply::rate_limited(900));
    fake.push(FakeReply::text("never asked", 3));
    let model = Model::new(&config(&fake)).unwrap();
    assert_eq!(model.complete(&call()).await, Err(ModelError::RateLimited));
    assert_eq!(
        fake.calls(),
        1,
        "a 15-minute Retry-After is above the cap: no retry"
    );
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let fake = FakeLlm::start().await;
    let slow = || {
        FakeReply::Delayed(
            std::time::Duration::from_secs(4),
            Box::new(FakeReply::text("too late", 1)),
        )
    };
    fake.respond_with(move |_| slow());
    let model = Model::new(&LlmConfig {
        timeout_secs: 1,
        max_retries: 0,
        ..config(&fake)
    })
    .unwrap();
    assert_eq!(model.complete(&call()).await, Err(ModelError::Timeout));
}

#[tokio::test]
async fn a_bad_key_is_refused_at_once_and_never_shown() {
    let fake = FakeLlm::start().await;
    let model = Model::new(&LlmConfig {
        api_key: Secret::new("sk-wrong-secret-value"),
        ..config(&fake)
    })
    .unwrap();
    let error = model.complete(&call()).await.unwrap_err();
    assert_eq!(error.kind(), "refused", "{error}");
    assert_eq!(fake.calls(), 1, "a 401 is not retried");
    assert!(!error.to_string().contains("sk-wrong"), "{error}");
    assert!(!format!("{model:?}").contains("sk-wrong"));
}

#[tokio::test]
async fn an_answer_that_is_not_a_completion_is_a_bad_answer() {
    let fake = FakeLlm::start().await;
    fake.push(FakeReply::Garbage("<html>proxy error</html>".into()));
    let model = Model::new(&config(&fake)).unwrap();
    assert_eq!(
        model.complete(&call()).await.unwrap_err().kind(),
        "bad_answer"
    );

    fake.push(FakeReply::text("  ", 1));
    assert_eq!(
        model.complete(&call()).await.unwrap_err().kind(),
        "bad_answer"
    );
}
