//! The features the worker runs: one arm per feature, each calling its handler's
//! `prepare` (what to ask the model, in a short transaction, or an answer without it) and
//! `finish` (the model's answer turned into replies, in a new transaction).

use super::ModelCall;
use crate::message::Reply;

/// What a feature needs of the model for one request.
#[derive(Debug, Clone, PartialEq)]
pub enum Prepared {
    /// Ask the model this.
    Call(ModelCall),
    /// Answered without the model (e.g. an unknown handle).
    Done(Vec<Reply>),
}
