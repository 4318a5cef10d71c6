//! The handler halves of the AI features: what a feature asks the model (`prepare`) and
//! what its answer becomes (`finish`), called by the AI worker through
//! `crate::ai::features`; the buttons of their cards; and the consent question a first
//! AI use asks.

pub mod capture;
pub(crate) mod consent;
