//! Slash commands as typed: `/name@bot args` split into the name and its raw argument text.
//! Which names exist, what their arguments mean and who may run them is the command registry's
//! business (`handlers::commands`); the router only tells a command from other text and drops
//! one addressed to another bot.

/// A slash command as typed: its name (as written, without `/` and `@bot`) and the rest of
/// the line, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandLine {
    pub name: String,
    pub args: String,
}

impl CommandLine {
    /// Splits text starting with `/`. `None` when it is addressed to another bot.
    pub fn parse(text: &str, bot_username: Option<&str>) -> Option<CommandLine> {
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
        Some(CommandLine {
            name: name.to_string(),
            args: args.to_string(),
        })
    }

    /// A command line with this name and arguments.
    pub fn new(name: &str, args: &str) -> CommandLine {
        CommandLine {
            name: name.to_string(),
            args: args.to_string(),
        }
    }

    /// Whether this is `/name` (case ignored).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names_mentions_and_arguments() {
        assert_eq!(
            CommandLine::parse("/new_contact Anna Petrova, +49 151", None),
            Some(CommandLine::new("new_contact", "Anna Petrova, +49 151"))
        );
        assert_eq!(
            CommandLine::parse("/Contacts@ChatCrmBot  acme ", Some("chatcrmbot")),
            Some(CommandLine::new("Contacts", "acme"))
        );
        assert_eq!(
            CommandLine::parse("/help@other_bot", Some("chatcrmbot")),
            None
        );
        assert_eq!(
            CommandLine::parse("/frobnicate now", None),
            Some(CommandLine::new("frobnicate", "now"))
        );
    }
}
