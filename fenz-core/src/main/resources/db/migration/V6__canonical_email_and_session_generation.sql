-- One account per canonical email (NFKC, case-folded, default-ignorable characters removed; computed by
-- the app), compared byte for byte: the table's accent- and width-insensitive collation made look-alike
-- spellings share the old unique key. `email` stays the address as the user typed it (trimmed, lower-cased).
-- Rows written before this migration (or by raw SQL) get the plain lower-cased email.
ALTER TABLE users ADD COLUMN email_canonical VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL AFTER email;
UPDATE users SET email_canonical = LOWER(email);
ALTER TABLE users ADD UNIQUE KEY uq_users_email_canonical (email_canonical);
ALTER TABLE users DROP INDEX uq_users_email;
ALTER TABLE users ADD KEY ix_users_email (email);

-- Every access token carries the generation it was issued under; bumping it ends all of a user's sessions.
ALTER TABLE users ADD COLUMN session_generation BIGINT NOT NULL DEFAULT 0;
