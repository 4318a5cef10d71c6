//! [`Channel`]: the chat service an update came through, and the facts about it the core
//! needs (sizes it accepts, which chat is private) without knowing its adapter.

use std::fmt;

/// The chat service an update came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Console,
    Telegram,
    WhatsApp,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Console => "console",
            Channel::Telegram => "telegram",
            Channel::WhatsApp => "whatsapp",
        }
    }

    /// The channel stored under `name` (as [`Channel::as_str`] writes it).
    pub fn from_name(name: &str) -> Option<Channel> {
        [Channel::Console, Channel::Telegram, Channel::WhatsApp]
            .into_iter()
            .find(|channel| channel.as_str() == name)
    }

    /// The longest text one message may carry. Telegram and WhatsApp take 4096 characters;
    /// the console is given the same, so a long reply reads the same everywhere.
    pub const fn max_message_chars(self) -> usize {
        4096
    }

    /// The longest caption a document may carry (Telegram and WhatsApp: 1024 characters).
    pub const fn max_caption_chars(self) -> usize {
        1024
    }

    /// The largest document the channel sends, in bytes; `None` for the console, which
    /// shows a file's path instead of sending it.
    pub const fn max_document_bytes(self) -> Option<u64> {
        match self {
            Channel::Console => None,
            Channel::Telegram => Some(50 * 1000 * 1000),
            Channel::WhatsApp => Some(100 * 1000 * 1000),
        }
    }

    /// Whether the chat `chat_id` is `user_id`'s own private chat: a Telegram private chat
    /// has the user's id; WhatsApp and the console have no group chats.
    pub fn is_private_chat(self, user_id: &str, chat_id: &str) -> bool {
        self != Channel::Telegram || chat_id == user_id
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Channel;

    #[test]
    fn a_channel_is_found_by_the_name_it_is_stored_under() {
        for channel in [Channel::Console, Channel::Telegram, Channel::WhatsApp] {
            assert_eq!(Channel::from_name(channel.as_str()), Some(channel));
        }
        assert_eq!(Channel::from_name("fax"), None);
    }

    #[test]
    fn only_a_telegram_chat_other_than_the_user_s_own_is_a_group() {
        assert!(Channel::Telegram.is_private_chat("701", "701"));
        assert!(!Channel::Telegram.is_private_chat("701", "-2002"));
        assert!(Channel::WhatsApp.is_private_chat("+4915", "4915"));
        assert!(Channel::Console.is_private_chat("ada", "ada"));
    }
}
