//! The Google sync steps of this build, in the order they run: Calendar's, then Gmail's.
//! A leaf of its own, so that `sync` (the trait the steps implement) imports no step.

use std::sync::Arc;

use super::calendar_step::CalendarStep;
use super::gmail_sync::GmailStep;
use super::sync::SyncStep;

/// The steps of this build, in the order they run; a new feature adds its step here.
pub fn all() -> Arc<Vec<Box<dyn SyncStep>>> {
    Arc::new(vec![Box::new(CalendarStep), Box::new(GmailStep)])
}
