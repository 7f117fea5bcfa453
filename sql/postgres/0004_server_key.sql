-- The server's secret: one random value shared by every server process on
-- this database, so that a CSRF token made by one process is accepted by
-- another (a load balancer sends a browser to either). The first process to
-- start inserts it (INSERT ... ON CONFLICT DO NOTHING), every process reads
-- it back (model/server_key.c). It keys the CSRF tokens of sessions and of
-- the sign-in and sign-up forms; it never leaves the server in a response.
-- Deleting the row makes every open form and API client ask for a new CSRF
-- token at the next server start (sessions themselves stay valid).
--
-- The SQLite twin of this file (sql/sqlite/0004_server_key.sql) builds the
-- same table; keep them equal (tests/unit/db/schema_parity_test.c compares them).
CREATE TABLE server_key (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    secret     TEXT NOT NULL,                -- 64 lower-case hex digits (32 bytes)
    created_at BIGINT
);
