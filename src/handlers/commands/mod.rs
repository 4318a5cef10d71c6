//! Slash commands: the registry ([`COMMANDS`], each command declared once with its name,
//! aliases, usage, description, examples, who may run it and its argument parser), the typed
//! [`Command`] a parser yields, and running it ([`run`]). A new command is one entry in
//! `registry.rs`, a variant in `command.rs`, its argument struct and handler next to each
//! other in the handler's file, and one arm in `run.rs` (the compiler asks for it).

mod command;
mod registry;
mod run;

pub use command::Command;
pub use registry::{Access, COMMANDS, CommandSpec, HIDDEN, Parsed, lookup, parse};
pub use run::run;
