//! The handler halves of the AI features: what a feature asks the model (`prepare`) and
//! what its answer becomes (`finish`), called by the AI worker through
//! `crate::ai::features`; the buttons of their cards; and the consent question a first
//! AI use asks.

pub mod ask;
pub mod capture;
pub mod commands;
pub(crate) mod consent;
pub mod draft;
mod record_data;
pub mod summary;
