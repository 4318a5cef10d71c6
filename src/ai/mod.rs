//! AI features the user starts: capture ("met Anna from Acme…" → a card to confirm),
//! `/ask`, `/summary`, `/draft`. The model is called only by a worker, outside any update's
//! transaction, for a request a user's own message recorded (DESIGN.md §8).
//!
//! This module owns the shapes every feature shares: what a feature asks of the model
//! ([`ModelCall`]), what came back ([`ModelAnswer`]), the prompt templates ([`prompts`]) and
//! the fencing of untrusted text ([`untrusted`]).

pub mod client;
pub mod prompts;
pub mod query_plan;
pub mod request;
mod retry;
pub mod sanitize;
pub mod untrusted;
pub mod worker;

/// What the handlers need to know of the `[llm]` configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AiSettings {
    /// A model server is configured: AI features work (else they say they are not
    /// configured, and free text behaves as without AI).
    pub configured: bool,
    /// Tokens a workspace may use a day (0: no limit).
    pub daily_tokens_per_workspace: u64,
}

/// The AI features a user can start, as stored on a request row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Feature {
    /// Free text turned into proposed records (a card with Confirm / Edit / Cancel).
    Capture,
    /// `/ask`: a question turned into a read-only query plan.
    Ask,
    /// `/summary H`: a record's card and timeline summarised.
    Summary,
    /// `/draft H [about]`: a follow-up email drafted from a record's timeline.
    Draft,
}

impl Feature {
    pub const ALL: [Feature; 4] = [
        Feature::Capture,
        Feature::Ask,
        Feature::Summary,
        Feature::Draft,
    ];

    /// The stored name, also the name of the feature's template in `prompts/`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Feature::Capture => "capture",
            Feature::Ask => "ask",
            Feature::Summary => "summary",
            Feature::Draft => "draft",
        }
    }

    /// The feature a stored name names; `None` for a name this build does not know.
    pub fn from_stored(name: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

/// A JSON Schema the model's answer must follow (structured output).
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerSchema {
    /// The schema's name as the API wants it (`[a-zA-Z0-9_-]`).
    pub name: &'static str,
    pub schema: serde_json::Value,
}

/// What a feature needs of the model for one request (its handler's `prepare`).
#[derive(Debug, Clone, PartialEq)]
pub enum Prepared {
    /// Ask the model this.
    Call(ModelCall),
    /// Answered without the model (e.g. an unknown handle).
    Done(Vec<crate::message::Reply>),
}

/// What one feature asks of the model: the rendered prompt, the answer's shape and length.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelCall {
    /// The instructions (the system message).
    pub system: String,
    /// The user's request and the data it concerns, untrusted parts fenced.
    pub user: String,
    /// Structured output, when the feature reads JSON back.
    pub schema: Option<AnswerSchema>,
    /// The most tokens the answer may take.
    pub max_tokens: u32,
    /// The template's version, recorded on the request.
    pub prompt_version: String,
}

/// What the model answered.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelAnswer {
    /// The message content (JSON text when the call had a schema).
    pub text: String,
    /// Tokens the server reported in `usage.total_tokens` (counted against the budget).
    pub total_tokens: u64,
}
