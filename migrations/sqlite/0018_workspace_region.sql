-- A workspace's own region for phone numbers typed without +country (ISO 3166 alpha-2,
-- "DE"), set with /settings region; NULL uses [crm] default_region.
ALTER TABLE workspaces ADD COLUMN phone_region TEXT;
