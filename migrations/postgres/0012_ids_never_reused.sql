-- Row ids are never reused (PostgreSQL): every generated key is already
-- `BIGINT GENERATED ALWAYS AS IDENTITY`, whose sequence only moves forward (no CYCLE), so
-- nothing changes there; SQLite needed its tables rebuilt with AUTOINCREMENT (same number).
--
-- The audit log names users by a random pseudonym stored with the user instead of
-- `user:<id>`; existing entries of existing users move to their new pseudonym, those of
-- deleted users keep `user:<id>`, which no pseudonym can equal.
ALTER TABLE users ADD COLUMN audit_pseudonym TEXT;
UPDATE users SET audit_pseudonym = 'user:' || replace(CAST(gen_random_uuid() AS TEXT), '-', '');
ALTER TABLE users ALTER COLUMN audit_pseudonym SET NOT NULL;
CREATE UNIQUE INDEX users_audit_pseudonym_key ON users (audit_pseudonym);

UPDATE audit_log SET actor = (SELECT u.audit_pseudonym FROM users u WHERE 'user:' || u.id = audit_log.actor)
WHERE actor IN (SELECT 'user:' || id FROM users);
UPDATE audit_log SET target = (SELECT u.audit_pseudonym FROM users u WHERE 'user:' || u.id = audit_log.target)
WHERE target IN (SELECT 'user:' || id FROM users);
UPDATE audit_log SET target = (SELECT replace(audit_log.target, ' user:' || u.id || ' ', ' ' || u.audit_pseudonym || ' ')
                               FROM users u WHERE audit_log.target LIKE '% user:' || u.id || ' %')
WHERE action = 'role.changed' AND EXISTS (SELECT 1 FROM users u WHERE audit_log.target LIKE '% user:' || u.id || ' %');
