//! ChatCRM: a CRM operated from chat apps. The library holds everything; `main.rs` only
//! parses the command line.

pub mod ai;
pub mod app;
pub mod channel;
pub mod cli;
pub mod clock;
pub mod config;
pub mod crm;
pub mod engine;
pub mod google;
pub mod handlers;
pub mod http;
pub mod i18n;
pub mod jobs;
pub mod message;
pub mod metrics;
pub mod privacy;
pub mod private_fs;
pub mod router;
pub mod seal;
pub mod server;
pub mod shorten;
pub mod store;
pub mod text_input;
pub mod update_span;
