-- A short random tag per user that the buttons shown to them carry, so a button pressed by
-- anyone else (another member of a group) is refused. Filled when the user is next active.
ALTER TABLE users ADD COLUMN button_tag TEXT;
