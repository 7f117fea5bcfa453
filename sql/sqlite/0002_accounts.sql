-- Accounts: people, their sessions, invitation codes, password resets,
-- sign-in rate limits, the append-only audit log and the outgoing mail queue.
--
-- No secret rests here in the clear: a password is kept as its Argon2id hash
-- (libsodium crypto_pwhash_str), a session token, invitation code or reset
-- token as the BLAKE2b-256 hash (crypto_generichash, lower-case hex) of the
-- text handed out once. Times are unix seconds (UTC).
--
-- Wijkregie speaks no SMTP: mail_outbox is a queue that an operator's mailer
-- reads (the pending rows, with the address from person.email at sending
-- time), sends and marks sent, which also blanks the body. Until then an
-- unsent password-reset mail is the one place a raw token rests; it expires
-- an hour after it was made.
--
-- The PostgreSQL twin of this file (sql/postgres/0002_accounts.sql) builds
-- the same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

-- One account per person. email is lower-case and trimmed (model/person.c
-- normalises it before every write and lookup). Erasure keeps the row, so
-- that contributions stay attributed to "a former participant", and clears
-- what identifies the person.
CREATE TABLE person (
    id            INTEGER PRIMARY KEY,
    email         TEXT UNIQUE,               -- NULL once erased
    display_name  TEXT NOT NULL,
    password_hash TEXT,                      -- NULL: cannot sign in (none set, or erased)
    lang          TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
    created_at    BIGINT NOT NULL,
    erased_at     BIGINT,
    CHECK (erased_at IS NOT NULL OR email IS NOT NULL)
);

-- Sessions live in the database, so that any server process serves any
-- request. expires_at is the absolute end; the idle end is last_seen_at plus
-- the configured idle time.
CREATE TABLE session (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    person_id    BIGINT NOT NULL REFERENCES person (id),
    capacity     TEXT,                       -- the capacity acted in, NULL: none chosen
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    ip           TEXT,
    user_agent   TEXT,                       -- at most 200 characters
    ended_at     BIGINT
);
CREATE INDEX session_person_idx ON session (person_id, ended_at);

-- Single-use invitation codes; created_by NULL: made by the operator (CLI).
CREATE TABLE invitation (
    id         INTEGER PRIMARY KEY,
    code_hash  TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES person (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_by    BIGINT REFERENCES person (id),
    used_at    BIGINT,
    note       TEXT,
    CHECK ((used_by IS NULL) = (used_at IS NULL))
);
CREATE INDEX invitation_created_by_idx ON invitation (created_by, id);
CREATE INDEX invitation_used_by_idx ON invitation (used_by);

-- Single-use password reset tokens, valid for an hour.
CREATE TABLE password_reset (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    person_id  BIGINT NOT NULL REFERENCES person (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX password_reset_person_idx ON password_reset (person_id);

-- Fixed-window counters ("signin:ip:192.0.2.1" in the window that starts at
-- window_start), shared by every server process. Keys never hold an e-mail
-- address. Windows older than a day are pruned.
CREATE TABLE rate_limit (
    key          TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    count        BIGINT NOT NULL,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limit_window_idx ON rate_limit (window_start);

-- Who did what, in which capacity, on what, when, from which request.
-- Append-only: the code never updates or deletes a row and the triggers
-- below refuse it. detail is a JSON object without passwords, tokens or
-- e-mail addresses (model/audit.c aborts on any). area_code has no foreign
-- key: the log is history and must not stop an area from changing.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          BIGINT NOT NULL,
    person_id   BIGINT REFERENCES person (id),
    capacity    TEXT,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    area_code   TEXT,
    request_id  TEXT,
    public      INTEGER NOT NULL CHECK (public IN (0, 1)),
    detail      TEXT
);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, id);
CREATE INDEX audit_log_area_idx ON audit_log (area_code, id);
CREATE INDEX audit_log_person_idx ON audit_log (person_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Mails waiting for the operator's mailer (see the top of this file).
CREATE TABLE mail_outbox (
    id           INTEGER PRIMARY KEY,
    to_person_id BIGINT NOT NULL REFERENCES person (id),
    kind         TEXT NOT NULL,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    sent_at      BIGINT
);
CREATE INDEX mail_outbox_pending_idx ON mail_outbox (sent_at, id);
CREATE INDEX mail_outbox_person_idx ON mail_outbox (to_person_id);
