//! Slash commands: the list shown in /help and in the channels' command menus, and the
//! parser from `/name@bot args` to a [`Command`] variant (raw arguments; handlers validate).

/// A parsed slash command with its raw argument text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Start { payload: String },
    Help,
    Cancel,
    Skip,
    NewContact { args: String },
    Contacts { query: String },
    Contact { handle: String },
    Edit { args: String },
    Delete { handle: String },
    Unknown { name: String },
}

/// A command as listed in /help and the channels' menus; `description` is a Fluent key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandSpec {
    pub name: &'static str,
    pub usage: &'static str,
    pub description: &'static str,
}

/// Every command a user can type, in the order /help lists them.
pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "start",
        usage: "/start",
        description: "cmd-start",
    },
    CommandSpec {
        name: "help",
        usage: "/help",
        description: "cmd-help",
    },
    CommandSpec {
        name: "new_contact",
        usage: "/new_contact [name, phone, email, position]",
        description: "cmd-new-contact",
    },
    CommandSpec {
        name: "contacts",
        usage: "/contacts [query]",
        description: "cmd-contacts",
    },
    CommandSpec {
        name: "contact",
        usage: "/contact C1",
        description: "cmd-contact",
    },
    CommandSpec {
        name: "edit",
        usage: "/edit C1 field value",
        description: "cmd-edit",
    },
    CommandSpec {
        name: "delete",
        usage: "/delete C1",
        description: "cmd-delete",
    },
    CommandSpec {
        name: "cancel",
        usage: "/cancel",
        description: "cmd-cancel",
    },
];

impl Command {
    /// Parses text starting with `/`. `None` when it is addressed to another bot.
    pub fn parse(text: &str, bot_username: Option<&str>) -> Option<Command> {
        let text = text.trim().trim_start_matches('/');
        let (head, args) = match text.find(char::is_whitespace) {
            Some(at) => (&text[..at], text[at..].trim()),
            None => (text, ""),
        };
        let (name, mention) = match head.split_once('@') {
            Some((name, mention)) => (name, Some(mention)),
            None => (head, None),
        };
        if let (Some(mention), Some(ours)) = (mention, bot_username)
            && !mention.eq_ignore_ascii_case(ours)
        {
            return None;
        }
        let args = args.to_string();
        Some(match name.to_lowercase().as_str() {
            "start" => Command::Start { payload: args },
            "help" | "menu" => Command::Help,
            "cancel" => Command::Cancel,
            "skip" => Command::Skip,
            "new_contact" | "newcontact" => Command::NewContact { args },
            "contacts" => Command::Contacts { query: args },
            "contact" => Command::Contact { handle: args },
            "edit" => Command::Edit { args },
            "delete" => Command::Delete { handle: args },
            _ => Command::Unknown {
                name: name.chars().take(64).collect(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_mentions_and_arguments() {
        assert_eq!(
            Command::parse("/new_contact Anna Petrova, +49 151", None),
            Some(Command::NewContact {
                args: "Anna Petrova, +49 151".into()
            })
        );
        assert_eq!(
            Command::parse("/Contacts@ChatCrmBot  acme ", Some("chatcrmbot")),
            Some(Command::Contacts {
                query: "acme".into()
            })
        );
        assert_eq!(Command::parse("/help@other_bot", Some("chatcrmbot")), None);
        assert_eq!(
            Command::parse("/frobnicate now", None),
            Some(Command::Unknown {
                name: "frobnicate".into()
            })
        );
    }

    #[test]
    fn every_listed_command_parses_to_a_known_variant() {
        for spec in COMMANDS {
            let parsed = Command::parse(&format!("/{}", spec.name), None).unwrap();
            assert!(!matches!(parsed, Command::Unknown { .. }), "{}", spec.name);
        }
    }
}
