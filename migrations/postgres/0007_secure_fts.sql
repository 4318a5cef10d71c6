-- Erasure (PostgreSQL): the search vectors are columns of the rows themselves, so deleting
-- a row deletes its index entries; nothing to change. Kept so both backends number their
-- migrations alike.
SELECT 1;
