//! [`Reply`]: one message back to the user before any channel's formatting, with its
//! [`Choice`] buttons, the [`Question`] it asks and an [`OutgoingFile`].

/// A button offered with a reply: what it shows and the data it sends back — or, for a
/// link, the address it opens (a URL button on Telegram, a `cta_url` on WhatsApp, the
/// address as text on the console); a link sends nothing back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub data: String,
    /// The address a link opens; `None` for a button.
    pub url: Option<String>,
}

impl Choice {
    pub fn new(label: impl Into<String>, data: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            data: data.into(),
            url: None,
        }
    }

    /// A link button opening `url`.
    pub fn link(label: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            data: String::new(),
            url: Some(url.into()),
        }
    }

    /// Whether this is a link (it opens an address instead of sending data back).
    pub fn is_link(&self) -> bool {
        self.url.is_some()
    }
}

/// A file sent with a reply (a user's export): its name under `[privacy] export_dir`,
/// where it waits until the channel has taken it and is then deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingFile {
    pub file_name: String,
}

/// One message back to the user, before any channel's formatting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    pub text: String,
    pub choices: Vec<Choice>,
    /// A document sent with the text (the text becomes its caption).
    pub file: Option<OutgoingFile>,
    /// Whether the reply asks a question whose choices stay pending for the user, who may
    /// answer by typing (see `router::pending_choice`). List page buttons and menus are not
    /// questions.
    pub question: Question,
    /// Whether the reply carries data that must not be kept once delivered (Google
    /// content: mail subjects and snippets, event titles, the account email, a connect
    /// link): its stored copy is blanked as soon as it is sent, refused or dropped.
    pub scrub_after_send: bool,
}

/// What kind of question a reply asks, for typed answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Question {
    /// Not a question: typed text after it is handled as usual.
    #[default]
    None,
    /// A confirmation card: a choice's number, its label, or yes (its first choice) / no
    /// (its last) answer it.
    YesNo,
    /// A choice between named options ("Open C1" / "Save anyway"): only a choice's number
    /// or its label answers it; yes/no would be a guess.
    Pick,
}

impl Reply {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// Marks the reply as a question whose choices the user may answer by typing; its
    /// first choice is the "yes", its last the "no".
    pub fn asking(mut self) -> Self {
        self.question = Question::YesNo;
        self
    }

    /// Marks the reply as a choice between named options, answered by typing a choice's
    /// number or label (not yes/no).
    pub fn picking(mut self) -> Self {
        self.question = Question::Pick;
        self
    }

    /// The reply carries the export file `file_name` as a document.
    pub fn with_file(mut self, file_name: impl Into<String>) -> Self {
        self.file = Some(OutgoingFile {
            file_name: file_name.into(),
        });
        self
    }

    /// Marks the reply as carrying data that must not be kept once delivered.
    pub fn scrubbed_after_send(mut self) -> Self {
        self.scrub_after_send = true;
        self
    }

    pub fn with_choices(mut self, choices: Vec<Choice>) -> Self {
        self.choices = choices;
        self
    }
}
