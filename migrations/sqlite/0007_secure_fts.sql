-- Erasure (SQLite): deleted rows must leave no trace in the full-text indexes either, so
-- the FTS5 tables remove deleted tokens from their segments at once ('secure-delete').
INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO companies_fts (companies_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO deals_fts (deals_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO notes_fts (notes_fts, rank) VALUES ('secure-delete', 1);
