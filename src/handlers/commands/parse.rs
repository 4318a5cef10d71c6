//! Reading a command line against the registry: the command its name or alias names, and its
//! arguments parsed by that command's parser.

use super::command::Command;
use super::registry::{COMMANDS, CommandSpec, HIDDEN};
use crate::handlers::parse_env::ParseEnv;
use crate::router::CommandLine;

/// The command `name` (as typed, any case) names, listed or hidden.
pub fn lookup(name: &str) -> Option<&'static CommandSpec> {
    let name = name.to_lowercase();
    COMMANDS
        .iter()
        .chain(HIDDEN)
        .find(|spec| spec.answers_to(&name))
}

/// A command line read against the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// A known command whose arguments read.
    Command(&'static CommandSpec, Command),
    /// A known command whose arguments did not: the message saying why (usage, bad handle…).
    Invalid(String),
    /// No such command: its name as typed (cut to 64 characters).
    Unknown(String),
}

/// Reads `line` against the registry: finds the command by name or alias and parses its
/// arguments.
pub fn parse(line: &CommandLine, env: &ParseEnv) -> Parsed {
    let Some(spec) = lookup(&line.name) else {
        return Parsed::Unknown(line.name.chars().take(64).collect());
    };
    match (spec.parse)(&line.args, env) {
        Ok(command) => Parsed::Command(spec, command),
        Err(message) => Parsed::Invalid(message),
    }
}
