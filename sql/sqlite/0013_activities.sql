-- Activities (DESIGN.md §3, issue 7): the events of an initiative or a
-- collective -- title, description, start and end, an optional recurrence
-- (an RFC 5545 RRULE in the subset model/schedule.h reads, in
-- Europe/Amsterdam local time) with cancelled occurrences as exceptions, a
-- place (an address, or a location of the arena), a capacity with sign-ups
-- and a waiting list, volunteer roles with how many are needed, and
-- cancellation. A person's private iCalendar feed token is kept as a hash.
--
-- starts_at and ends_at are the unix seconds (UTC) of the first
-- occurrence; later occurrences keep its local start time and length.
-- A sign-up is for the activity as a whole (every occurrence of a series).
--
-- Rules that two requests could race on are constraints and conditional
-- UPDATEs (PostgreSQL runs READ COMMITTED): one standing sign-up per person
-- and activity (partial unique index; signing up is INSERT ... ON CONFLICT
-- DO NOTHING); a confirmed place is taken by UPDATE activity SET taken =
-- taken + 1 WHERE taken < capacity, which the CHECK backs, so the places
-- are never overbooked; the same for volunteer roles.
--
-- The PostgreSQL twin of this file (sql/postgres/0013_activities.sql)
-- builds the same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

CREATE TABLE activity (
    id            INTEGER PRIMARY KEY,
    initiative_id BIGINT REFERENCES initiative (id),
    collective_id BIGINT REFERENCES collective (id),
    buurt_code    TEXT NOT NULL REFERENCES area (code),
    title         TEXT NOT NULL CHECK (title <> ''),
    description   TEXT NOT NULL,
    starts_at     BIGINT NOT NULL,
    ends_at       BIGINT NOT NULL,
    rrule         TEXT,                                   -- NULL: happens once
    address       TEXT,
    location_id   BIGINT REFERENCES location (id),
    capacity      INTEGER CHECK (capacity BETWEEN 1 AND 100000),   -- NULL: no limit
    taken         INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0),
    status        TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    cancel_reason TEXT,
    sequence      INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    created_by    BIGINT NOT NULL REFERENCES person (id),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    cancelled_at  BIGINT,
    CHECK ((initiative_id IS NULL) <> (collective_id IS NULL)),
    CHECK (ends_at > starts_at),
    CHECK ((address IS NULL) <> (location_id IS NULL)),
    CHECK (capacity IS NULL OR taken <= capacity),
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
CREATE INDEX activity_initiative_idx ON activity (initiative_id, starts_at);
CREATE INDEX activity_collective_idx ON activity (collective_id, starts_at);
CREATE INDEX activity_buurt_idx ON activity (buurt_code, starts_at);
CREATE INDEX activity_location_idx ON activity (location_id);
CREATE INDEX activity_created_by_idx ON activity (created_by);

-- A cancelled occurrence of a recurring activity, named by the UTC start
-- the rule gives it (EXDATE in the feeds).
CREATE TABLE activity_exception (
    activity_id BIGINT NOT NULL REFERENCES activity (id),
    starts_at   BIGINT NOT NULL,
    reason      TEXT,
    created_by  BIGINT NOT NULL REFERENCES person (id),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (activity_id, starts_at)
);
CREATE INDEX activity_exception_created_by_idx ON activity_exception (created_by);

-- A sign-up: confirmed (holds a place, counted in activity.taken),
-- waiting (in order of id), or cancelled. One standing sign-up per person
-- and activity: the partial unique index.
CREATE TABLE activity_signup (
    id           INTEGER PRIMARY KEY,
    activity_id  BIGINT NOT NULL REFERENCES activity (id),
    person_id    BIGINT NOT NULL REFERENCES person (id),
    status       TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    cancelled_at BIGINT,
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
CREATE UNIQUE INDEX activity_signup_standing_idx ON activity_signup (activity_id, person_id)
    WHERE status <> 'cancelled';
CREATE INDEX activity_signup_waiting_idx ON activity_signup (activity_id, status, id);
CREATE INDEX activity_signup_person_idx ON activity_signup (person_id, status);

-- A volunteer role ("koffie schenken", 2 needed); taken counts the
-- volunteers who hold it and never passes needed.
CREATE TABLE activity_role (
    id          INTEGER PRIMARY KEY,
    activity_id BIGINT NOT NULL REFERENCES activity (id),
    name        TEXT NOT NULL CHECK (name <> ''),
    needed      INTEGER NOT NULL CHECK (needed BETWEEN 1 AND 1000),
    taken       INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0),
    CHECK (taken <= needed),
    UNIQUE (activity_id, name)
);

-- A resident volunteering in a role; one standing per person and role.
CREATE TABLE activity_volunteer (
    id           INTEGER PRIMARY KEY,
    role_id      BIGINT NOT NULL REFERENCES activity_role (id),
    person_id    BIGINT NOT NULL REFERENCES person (id),
    status       TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
    created_at   BIGINT NOT NULL,
    withdrawn_at BIGINT,
    CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
CREATE UNIQUE INDEX activity_volunteer_active_idx ON activity_volunteer (role_id, person_id)
    WHERE status = 'active';
CREATE INDEX activity_volunteer_person_idx ON activity_volunteer (person_id, status);

-- A person's private calendar feed: only the hash of the token is kept;
-- making a new one revokes the old, deleting the row revokes it.
CREATE TABLE activity_feed_token (
    person_id  BIGINT PRIMARY KEY REFERENCES person (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
