//! Slash commands: the registry ([`COMMANDS`], each command declared once with its name,
//! aliases, usage, description, examples, who may run it and its argument parser), reading a
//! command line against it ([`parse`]), the commands a mistyped name was meant to be
//! ([`closest`]), the typed [`Command`] a parser yields, and running
//! it ([`run`]). A new command is one entry in `registry.rs`, a variant in `command.rs`, its
//! argument struct and handler next to each other in the handler's file, and one arm in
//! `run.rs` (the compiler asks for it).

mod command;
mod parse;
mod registry;
mod run;
mod suggest;
#[cfg(test)]
mod tests;

pub use command::Command;
pub use parse::{Parsed, lookup, parse};
pub use registry::{Access, COMMANDS, CommandSpec, HIDDEN};
pub use run::run;
pub use suggest::closest;
