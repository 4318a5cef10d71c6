//! The command registry: every slash command declared once. /help, Telegram's command menu
//! and WhatsApp's menu list [`COMMANDS`]; the dispatcher finds a typed name or alias here,
//! checks [`Access`], and parses the arguments with the entry's parser into a [`Command`].

use super::command::Command;
use crate::handlers::access::RemoveArgs;
use crate::handlers::calendar::{MeetArgs, Period};
use crate::handlers::contact_edit::EditArgs;
use crate::handlers::deals::{StageArgs, parse_deals_stage};
use crate::handlers::delete;
use crate::handlers::notes::NoteArgs;
use crate::handlers::parse_env::ParseEnv;
use crate::handlers::privacy::ConsentArgs;
use crate::handlers::tasks::TaskArgs;
use crate::handlers::team::{RoleArgs, WorkspaceArgs};
use crate::handlers::unlink::UnlinkArgs;
use crate::handlers::workspace_settings::SettingsArgs;
use crate::message::Channel;

/// Reads a command's argument text into its [`Command`], or the message saying why not.
pub type Parser = fn(&str, &ParseEnv) -> Result<Command, String>;

/// Who may run a command. The dispatcher checks it for every command, once the arguments
/// read; handlers do not check roles again.
#[derive(Debug, Clone, Copy)]
pub enum Access {
    /// Any member of the workspace (handlers may still refuse particular targets).
    Anyone,
    /// Admins and owners; others get the Fluent message `refusal`.
    Admin { refusal: &'static str },
    /// Anyone for the forms `looks` accepts (`/settings`), admins and owners for the rest
    /// (`/settings region DE`); others get `refusal`.
    AdminToChange {
        refusal: &'static str,
        looks: fn(&Command) -> bool,
    },
}

impl Access {
    /// The Fluent key refusing `command` to members, or `None` when members may run it.
    pub fn refusal(self, command: &Command) -> Option<&'static str> {
        match self {
            Access::Anyone => None,
            Access::Admin { refusal } => Some(refusal),
            Access::AdminToChange { refusal, looks } => (!looks(command)).then_some(refusal),
        }
    }
}

/// One command: its name and aliases (typed after `/`), its usage line, a Fluent key for
/// its description, example lines it must accept, who may run it and its argument parser.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub usage: &'static str,
    pub description: &'static str,
    pub examples: &'static [&'static str],
    pub access: Access,
    pub parse: Parser,
    /// How the command is described in a chat (Telegram, WhatsApp) when it works
    /// differently there: a Fluent key shown after the bare `/name`. `/import PATH` reads a
    /// file on the server only in the console; a chat sends the file itself.
    pub in_chat: Option<&'static str>,
    /// Whether the command's replies carry Google content (mail, events, the account email,
    /// a connect link): the engine marks them [`Reply::scrub_after_send`], so their stored
    /// copies are blanked once delivered.
    ///
    /// [`Reply::scrub_after_send`]: crate::message::Reply::scrub_after_send
    pub scrub_replies: bool,
}

impl PartialEq for CommandSpec {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for CommandSpec {}

/// A command named by the first word of its `usage` line, without aliases, open to anyone.
const fn spec(
    usage: &'static str,
    description: &'static str,
    examples: &'static [&'static str],
    parse: Parser,
) -> CommandSpec {
    CommandSpec {
        name: name_of(usage),
        aliases: &[],
        usage,
        description,
        examples,
        access: Access::Anyone,
        parse,
        in_chat: None,
        scrub_replies: false,
    }
}

/// The command name a usage line starts with: `/note C1 text` → `note`.
const fn name_of(usage: &'static str) -> &'static str {
    let bytes = usage.as_bytes();
    let mut end = 1;
    while end < bytes.len() && bytes[end] != b' ' {
        end += 1;
    }
    usage.split_at(end).0.split_at(1).1
}

impl CommandSpec {
    /// This command, also answering to `aliases`.
    const fn aliases(self, aliases: &'static [&'static str]) -> CommandSpec {
        CommandSpec { aliases, ..self }
    }

    /// This command, for admins and owners only; others are told `refusal`.
    const fn admin(self, refusal: &'static str) -> CommandSpec {
        CommandSpec {
            access: Access::Admin { refusal },
            ..self
        }
    }

    /// This command, open to anyone in the forms `looks` accepts and to admins and owners
    /// otherwise; others are told `refusal`.
    const fn admin_to_change(
        self,
        refusal: &'static str,
        looks: fn(&Command) -> bool,
    ) -> CommandSpec {
        CommandSpec {
            access: Access::AdminToChange { refusal, looks },
            ..self
        }
    }

    /// This command, described in a chat by the Fluent key `description` (see `in_chat`).
    const fn chat_version(self, description: &'static str) -> CommandSpec {
        CommandSpec {
            in_chat: Some(description),
            ..self
        }
    }

    /// This command, whose replies carry Google content (see [`CommandSpec::scrub_replies`]).
    const fn scrubbed(self) -> CommandSpec {
        CommandSpec {
            scrub_replies: true,
            ..self
        }
    }

    /// Its usage and description key on `channel`: the chat version's where it has one.
    pub fn shown_on(&self, channel: Channel) -> (String, &'static str) {
        match self.in_chat {
            Some(description) if channel != Channel::Console => {
                (format!("/{}", self.name), description)
            }
            _ => (self.usage.to_string(), self.description),
        }
    }

    /// Whether `/name` (lowercased) names this command.
    pub fn answers_to(&self, name: &str) -> bool {
        self.name == name || self.aliases.contains(&name)
    }
}

/// Every command a user can type, in the order /help lists them.
pub const COMMANDS: &[CommandSpec] = &[
    spec(
        "/new_contact [name, phone, email, position]",
        "cmd-new-contact",
        &[
            "/new_contact",
            "/new_contact Anna Petrova, +49 151 23456789",
        ],
        |a, _| Ok(Command::NewContact { args: a.into() }),
    )
    .aliases(&["newcontact"]),
    spec(
        "/contacts [query]",
        "cmd-contacts",
        &["/contacts", "/contacts anna"],
        |a, _| Ok(Command::Contacts { query: a.into() }),
    ),
    spec("/contact C1", "cmd-contact", &["/contact C1"], |a, _| {
        Ok(Command::Contact { handle: a.into() })
    }),
    spec(
        "/edit C1 field value",
        "cmd-edit",
        &["/edit C1 phone +49 151 23456789", "/edit C1 company O1"],
        |a, env| EditArgs::parse(a, env).map(Command::Edit),
    ),
    spec(
        "/delete C1",
        "cmd-delete",
        &["/delete C1", "/delete N2"],
        |a, env| delete::parse_args(a, env).map(|handle| Command::Delete { handle }),
    )
    .admin("delete-not-allowed"),
    spec(
        "/new_company [name, domain, phone]",
        "cmd-new-company",
        &["/new_company", "/new_company Acme GmbH, acme.de"],
        |a, _| Ok(Command::NewCompany { args: a.into() }),
    )
    .aliases(&["newcompany"]),
    spec(
        "/companies [query]",
        "cmd-companies",
        &["/companies", "/companies acme"],
        |a, _| Ok(Command::Companies { query: a.into() }),
    ),
    spec(
        "/new_deal [title, amount, C1/O1, close date]",
        "cmd-new-deal",
        &["/new_deal", "/new_deal Website, 5000 EUR, C1, 31.12.2027"],
        |a, _| Ok(Command::NewDeal { args: a.into() }),
    )
    .aliases(&["newdeal"]),
    spec(
        "/deals [stage]",
        "cmd-deals",
        &["/deals", "/deals won"],
        |a, env| parse_deals_stage(a, env).map(|stage| Command::Deals { stage }),
    ),
    spec(
        "/stage D1 won",
        "cmd-stage",
        &["/stage D1 won", "/stage D1"],
        |a, env| StageArgs::parse(a, env).map(Command::Stage),
    ),
    spec("/pipeline", "cmd-pipeline", &["/pipeline"], |_, _| {
        Ok(Command::Pipeline)
    }),
    spec(
        "/note C1 text",
        "cmd-note",
        &["/note C1 Called, wants a quote", "/note D1 Sent the offer"],
        |a, env| NoteArgs::parse(a, env).map(Command::Note),
    )
    .aliases(&["new_note", "newnote"]),
    spec(
        "/task [C1] text [when]",
        "cmd-task",
        &[
            "/task C1 Call back tomorrow 10:00",
            "/task Send the invoices",
        ],
        |a, env| TaskArgs::parse(a, env).map(Command::Task),
    )
    // /new_contact, /new_company and /new_deal make a new user type /new_task too.
    .aliases(&["new_task", "newtask"]),
    spec(
        "/tasks [today|overdue|week|all]",
        "cmd-tasks",
        &["/tasks", "/tasks today"],
        |a, _| Ok(Command::Tasks { window: a.into() }),
    ),
    spec("/done T1", "cmd-done", &["/done T1"], |a, _| {
        Ok(Command::Done { handle: a.into() })
    }),
    spec("/timeline C1", "cmd-timeline", &["/timeline C1"], |a, _| {
        Ok(Command::Timeline { handle: a.into() })
    })
    .scrubbed(),
    spec(
        "/ask question",
        "cmd-ask",
        &["/ask open deals over 5000 EUR", "/ask"],
        |a, _| Ok(Command::Ask { question: a.into() }),
    ),
    spec(
        "/summary C1",
        "cmd-summary",
        &["/summary C1", "/summary D2"],
        |a, _| Ok(Command::Summary { handle: a.into() }),
    ),
    spec(
        "/draft C1 [what about]",
        "cmd-draft",
        &["/draft C1", "/draft D1 the offer we discussed"],
        |a, _| Ok(Command::Draft { args: a.into() }),
    ),
    spec("/search text", "cmd-search", &["/search acme"], |a, _| {
        Ok(Command::Search { query: a.into() })
    }),
    spec(
        "/import PATH",
        "cmd-import",
        &["/import contacts.csv"],
        |a, _| Ok(Command::Import { path: a.into() }),
    )
    .chat_version("cmd-import-chat"),
    spec(
        "/workspace [new NAME | delete]",
        "cmd-workspace",
        &["/workspace", "/workspace new Sales", "/workspace delete"],
        |a, env| WorkspaceArgs::parse(a, env).map(Command::Workspace),
    ),
    spec(
        "/invite [member|admin] [group]",
        "cmd-invite",
        &["/invite", "/invite admin"],
        |a, _| Ok(Command::Invite { role: a.into() }),
    )
    .admin("invite-not-allowed"),
    spec("/invites", "cmd-invites", &["/invites"], |_, _| {
        Ok(Command::Invites)
    })
    .admin("invites-not-allowed"),
    spec("/members", "cmd-members", &["/members"], |_, _| {
        Ok(Command::Members)
    }),
    spec(
        "/role NAME member|admin|owner",
        "cmd-role",
        &["/role Bob admin", "/role Anna Petrova member"],
        |a, env| RoleArgs::parse(a, env).map(Command::Role),
    )
    .admin("role-not-allowed"),
    spec("/remove NAME", "cmd-remove", &["/remove Bob"], |a, env| {
        RemoveArgs::parse(a, env).map(Command::Remove)
    })
    .admin("remove-not-allowed"),
    spec("/leave", "cmd-leave", &["/leave"], |_, _| {
        Ok(Command::Leave)
    }),
    spec(
        "/link [CODE]",
        "cmd-link",
        &["/link", "/link 123456"],
        |a, _| Ok(Command::Link { code: a.into() }),
    ),
    spec(
        "/unlink [telegram|whatsapp|console|N]",
        "cmd-unlink",
        &["/unlink", "/unlink whatsapp", "/unlink 2"],
        |a, env| UnlinkArgs::parse(a, env).map(Command::Unlink),
    ),
    spec("/privacy", "cmd-privacy", &["/privacy"], |_, _| {
        Ok(Command::Privacy)
    }),
    spec(
        "/consent [ai|marketing on|off]",
        "cmd-consent",
        &["/consent", "/consent ai on", "/consent marketing off"],
        |a, env| ConsentArgs::parse(a, env).map(Command::Consent),
    ),
    spec("/export", "cmd-export", &["/export"], |_, _| {
        Ok(Command::Export)
    }),
    spec(
        "/delete_account",
        "cmd-delete-account",
        &["/delete_account"],
        |_, _| Ok(Command::DeleteAccount),
    )
    .aliases(&["deleteaccount"]),
    spec(
        "/connect_google",
        "cmd-connect-google",
        &["/connect_google"],
        |_, _| Ok(Command::ConnectGoogle),
    )
    .aliases(&["connectgoogle"])
    .scrubbed(),
    spec("/google", "cmd-google", &["/google"], |_, _| {
        Ok(Command::Google)
    })
    .scrubbed(),
    spec(
        "/calendar [today|tomorrow|week]",
        "cmd-calendar",
        &["/calendar", "/calendar tomorrow", "/calendar week"],
        |a, env| Period::parse(a, env).map(Command::Calendar),
    )
    .aliases(&["cal"])
    .scrubbed(),
    spec(
        "/meet C1 friday 15:00 [45m] [title]",
        "cmd-meet",
        &[
            "/meet C1 friday 15:00",
            "/meet D7 tomorrow 10:00 45m Pricing call",
        ],
        |a, env| MeetArgs::parse(a, env).map(Command::Meet),
    )
    .scrubbed(),
    spec(
        "/mail C1 [share|private]",
        "cmd-mail",
        &["/mail C1", "/mail C1 share", "/mail C1 private"],
        |a, _| Ok(Command::Mail { args: a.into() }),
    )
    .scrubbed(),
    spec(
        "/disconnect_google",
        "cmd-disconnect-google",
        &["/disconnect_google"],
        |_, _| Ok(Command::DisconnectGoogle),
    )
    .aliases(&["disconnectgoogle"])
    .scrubbed(),
    spec(
        "/settings [region DE]",
        "cmd-settings",
        &["/settings", "/settings region DE", "/settings region -"],
        |a, env| SettingsArgs::parse(a, env).map(Command::Settings),
    )
    .admin_to_change(
        "settings-not-allowed",
        |command| matches!(command, Command::Settings(args) if args.only_shows()),
    ),
    spec(
        "/timezone [Europe/Berlin]",
        "cmd-timezone",
        &["/timezone", "/timezone Europe/Berlin"],
        |a, _| Ok(Command::Timezone { zone: a.into() }),
    ),
    spec(
        "/language [en|ru|es]",
        "cmd-language",
        &["/language", "/language ru"],
        |a, _| Ok(Command::Language { code: a.into() }),
    ),
    spec("/start", "cmd-start", &["/start"], |a, _| {
        Ok(Command::Start { payload: a.into() })
    }),
    spec("/help", "cmd-help", &["/help", "/menu"], |_, _| {
        Ok(Command::Help)
    })
    .aliases(&["menu"]),
    spec("/cancel", "cmd-cancel", &["/cancel"], |_, _| {
        Ok(Command::Cancel)
    }),
];

/// Commands that work but are not listed in /help or the menus (the Skip button says it).
pub const HIDDEN: &[CommandSpec] = &[spec("/skip", "choice-skip", &["/skip"], |_, _| {
    Ok(Command::Skip)
})];
