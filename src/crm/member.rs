//! Who is acting: a user, the channel identity they wrote from, their current workspace and
//! their role in it.

use super::ids::{IdentityId, UserId, WorkspaceId};
use crate::i18n::Locale;

/// A member's role in a workspace; rights grow from member to owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Member,
    Admin,
    Owner,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Admin => "admin",
            Role::Owner => "owner",
        }
    }

    pub fn parse(input: &str) -> Option<Role> {
        match input.trim().to_ascii_lowercase().as_str() {
            "member" => Some(Role::Member),
            "admin" => Some(Role::Admin),
            "owner" => Some(Role::Owner),
            _ => None,
        }
    }

    /// Admins and owners may delete records and manage members.
    pub fn can_delete(self) -> bool {
        self >= Role::Admin
    }
}

/// The acting user as resolved for one inbound update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub identity_id: IdentityId,
    pub workspace_id: WorkspaceId,
    pub role: Role,
    pub locale: Locale,
    pub display_name: String,
    pub time_zone: String,
    /// `/start` has been run at least once.
    pub started: bool,
    /// This update created the user.
    pub is_new: bool,
    /// A multi-step dialogue is waiting for this identity's answer.
    pub in_dialogue: bool,
    /// The tag that binds buttons to this user, once one was made (read with the actor so
    /// that binding costs no statement of its own).
    pub button_tag: Option<String>,
    /// The current workspace's own region for phone numbers (`/settings region`), if set.
    pub phone_region: Option<String>,
    /// The user has accepted the terms (read with the actor: a first message costs the
    /// check no statement of its own).
    pub terms_accepted: bool,
    /// A question may be waiting for a typed answer from this identity (a stored pending
    /// choice; its chat and expiry are checked when it is loaded, only then).
    pub has_question: bool,
}
