//! The handler halves of the AI features: what a feature asks the model (`prepare`) and
//! what its answer becomes (`finish`), called by the AI worker through
//! `crate::ai::features`.

pub mod ask;
pub mod draft;
mod record_data;
pub mod summary;
