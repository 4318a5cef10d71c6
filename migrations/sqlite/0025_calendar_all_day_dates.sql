-- All-day events are dates, kept as midnight UTC of their date (they were midnights in the
-- calendar's own zone, which showed them a day off for users in other zones). Forgetting
-- every calendar's sync token makes the next sync read the window in full and replace the
-- cached events, so events cached the old way are rewritten the new way.
UPDATE google_calendar_state SET sync_token = NULL;
