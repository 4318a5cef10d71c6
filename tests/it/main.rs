//! All integration tests in one binary: one link instead of twenty keeps `cargo test`
//! fast and the build folder small. Each module is one story of the product; `common`
//! holds the test databases, the chat helper, the fake servers and `both_backends!`.

#[macro_use]
mod common;

mod access;
mod ai_ask;
mod ai_capture;
mod ai_console;
mod ai_limits;
mod ai_proof;
mod ai_summary_draft;
mod ask_query;
mod button_owner;
mod command_registry;
mod config_redaction;
mod console_binary;
mod control_characters;
mod crm_records;
mod dead_letter;
mod delete_records;
mod domain_types;
mod erasure;
mod every_message;
mod export;
mod export_document;
mod export_format;
mod export_link;
mod file_quota;
mod first_message;
mod gmail;
mod google_calendar;
mod google_connect;
mod google_disconnect;
mod google_health;
mod http_endpoint;
mod import;
mod import_circles;
mod injected_clock;
mod languages;
mod layers;
mod link;
mod migrations;
mod operations;
mod phones_and_duplicates;
mod privacy;
mod reminders;
mod retention;
mod shutdown;
mod snapshots;
mod storage;
mod store_errors;
mod story;
mod teams;
mod telegram;
mod telegram_files;
mod telegram_shaping;
mod typed_answers;
mod unlink_security;
mod whatsapp;
mod whatsapp_attachments;
mod whatsapp_corpus;
mod whatsapp_delivery;
mod whatsapp_order;
