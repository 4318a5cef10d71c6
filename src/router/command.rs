//! Slash commands: the list shown in /help and in the channels' command menus, and the
//! parser from `/name@bot args` to a [`Command`] variant (raw arguments; handlers validate).

/// A parsed slash command with its raw argument text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Start {
        payload: String,
    },
    Help,
    Cancel,
    Skip,
    NewContact {
        args: String,
    },
    Contacts {
        query: String,
    },
    Contact {
        handle: String,
    },
    Edit {
        args: String,
    },
    Delete {
        handle: String,
    },
    NewCompany {
        args: String,
    },
    Companies {
        query: String,
    },
    NewDeal {
        args: String,
    },
    Deals {
        stage: String,
    },
    Stage {
        args: String,
    },
    Pipeline,
    Note {
        args: String,
    },
    Task {
        args: String,
    },
    Tasks {
        window: String,
    },
    Done {
        handle: String,
    },
    Timeline {
        handle: String,
    },
    Search {
        query: String,
    },
    Timezone {
        zone: String,
    },
    Language {
        code: String,
    },
    Settings {
        args: String,
    },
    Workspace {
        args: String,
    },
    Invite {
        role: String,
    },
    Members,
    Role {
        args: String,
    },
    Remove {
        args: String,
    },
    Leave,
    Invites,
    Import {
        path: String,
    },
    Link {
        code: String,
    },
    Unlink {
        args: String,
    },
    Privacy,
    /// `/consent`, or `/consent ai on` to record a decision directly.
    Consent {
        args: String,
    },
    DeleteAccount,
    Export,
    Unknown {
        name: String,
    },
}

/// A command as listed in /help and the channels' menus; `description` is a Fluent key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandSpec {
    pub name: &'static str,
    pub usage: &'static str,
    pub description: &'static str,
}

const fn spec(name: &'static str, usage: &'static str, description: &'static str) -> CommandSpec {
    CommandSpec {
        name,
        usage,
        description,
    }
}

/// Every command a user can type, in the order /help lists them.
pub const COMMANDS: &[CommandSpec] = &[
    spec(
        "new_contact",
        "/new_contact [name, phone, email, position]",
        "cmd-new-contact",
    ),
    spec("contacts", "/contacts [query]", "cmd-contacts"),
    spec("contact", "/contact C1", "cmd-contact"),
    spec("edit", "/edit C1 field value", "cmd-edit"),
    spec("delete", "/delete C1", "cmd-delete"),
    spec(
        "new_company",
        "/new_company [name, domain, phone]",
        "cmd-new-company",
    ),
    spec("companies", "/companies [query]", "cmd-companies"),
    spec(
        "new_deal",
        "/new_deal [title, amount, C1/O1, close date]",
        "cmd-new-deal",
    ),
    spec("deals", "/deals [stage]", "cmd-deals"),
    spec("stage", "/stage D1 won", "cmd-stage"),
    spec("pipeline", "/pipeline", "cmd-pipeline"),
    spec("note", "/note C1 text", "cmd-note"),
    spec("task", "/task [C1] text [when]", "cmd-task"),
    spec("tasks", "/tasks [today|overdue|week|all]", "cmd-tasks"),
    spec("done", "/done T1", "cmd-done"),
    spec("timeline", "/timeline C1", "cmd-timeline"),
    spec("search", "/search text", "cmd-search"),
    spec("import", "/import PATH", "cmd-import"),
    spec(
        "workspace",
        "/workspace [new NAME | delete]",
        "cmd-workspace",
    ),
    spec("invite", "/invite [member|admin] [group]", "cmd-invite"),
    spec("invites", "/invites", "cmd-invites"),
    spec("members", "/members", "cmd-members"),
    spec("role", "/role NAME member|admin|owner", "cmd-role"),
    spec("remove", "/remove NAME", "cmd-remove"),
    spec("leave", "/leave", "cmd-leave"),
    spec("link", "/link [CODE]", "cmd-link"),
    spec(
        "unlink",
        "/unlink [telegram|whatsapp|console|N]",
        "cmd-unlink",
    ),
    spec("privacy", "/privacy", "cmd-privacy"),
    spec("consent", "/consent [ai|marketing on|off]", "cmd-consent"),
    spec("export", "/export", "cmd-export"),
    spec("delete_account", "/delete_account", "cmd-delete-account"),
    spec("settings", "/settings [region DE]", "cmd-settings"),
    spec("timezone", "/timezone [Europe/Berlin]", "cmd-timezone"),
    spec("language", "/language [en|ru|es]", "cmd-language"),
    spec("start", "/start", "cmd-start"),
    spec("help", "/help", "cmd-help"),
    spec("cancel", "/cancel", "cmd-cancel"),
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
        let a = args.to_string();
        Some(match name.to_lowercase().as_str() {
            "start" => Command::Start { payload: a },
            "help" | "menu" => Command::Help,
            "cancel" => Command::Cancel,
            "skip" => Command::Skip,
            "new_contact" | "newcontact" => Command::NewContact { args: a },
            "contacts" => Command::Contacts { query: a },
            "contact" => Command::Contact { handle: a },
            "edit" => Command::Edit { args: a },
            "delete" => Command::Delete { handle: a },
            "new_company" | "newcompany" => Command::NewCompany { args: a },
            "companies" => Command::Companies { query: a },
            "new_deal" | "newdeal" => Command::NewDeal { args: a },
            "deals" => Command::Deals { stage: a },
            "stage" => Command::Stage { args: a },
            "pipeline" => Command::Pipeline,
            "note" => Command::Note { args: a },
            "task" => Command::Task { args: a },
            "tasks" => Command::Tasks { window: a },
            "done" => Command::Done { handle: a },
            "timeline" => Command::Timeline { handle: a },
            "search" => Command::Search { query: a },
            "timezone" => Command::Timezone { zone: a },
            "language" => Command::Language { code: a },
            "settings" => Command::Settings { args: a },
            "workspace" => Command::Workspace { args: a },
            "invite" => Command::Invite { role: a },
            "members" => Command::Members,
            "role" => Command::Role { args: a },
            "remove" => Command::Remove { args: a },
            "leave" => Command::Leave,
            "invites" => Command::Invites,
            "import" => Command::Import { path: a },
            "link" => Command::Link { code: a },
            "unlink" => Command::Unlink { args: a },
            "privacy" => Command::Privacy,
            "consent" => Command::Consent { args: a },
            "delete_account" | "deleteaccount" => Command::DeleteAccount,
            "export" => Command::Export,
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
            assert!(spec.usage.starts_with(&format!("/{}", spec.name)));
        }
    }
}
