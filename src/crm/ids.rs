//! Typed row ids for the pair that is easiest to mix up: a user and a workspace are both
//! bare integers in the database, and the store's membership functions take one of each
//! (in either order). Taking [`UserId`] and [`WorkspaceId`] there means a user id can never
//! be passed where a workspace id is expected.

use std::fmt;

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(i64);

        impl $name {
            /// The id of a row read from the database (or from an [`Actor`](super::Actor)).
            pub const fn new(raw: i64) -> Self {
                Self(raw)
            }

            /// The bare integer, for binding to a query.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id!(
    /// The id of a row of `users`.
    UserId
);
id!(
    /// The id of a row of `workspaces`.
    WorkspaceId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_their_number_and_show_it() {
        assert_eq!(UserId::new(7).get(), 7);
        assert_eq!(WorkspaceId::new(3).to_string(), "3");
    }
}
