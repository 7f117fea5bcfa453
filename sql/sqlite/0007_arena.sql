-- The arena (DESIGN.md §3): typed relations between its actors and the
-- neighbourhood's history.
--
-- An actor is named by a type and an id ('organisation', 17): today only
-- organisations are actors; collectives and initiatives join with a later
-- migration, as rows of the actor registry in src/model/arena.c and as
-- values of the CHECKs below. So the actor columns have no foreign key; the
-- model looks each actor up before it writes.
--
-- Dates are ISO text, 'YYYY-MM-DD': they compare as text in the order of
-- the calendar on both databases, and a relation or event that began in
-- 1987 needs no time zone. A relation's end_date is NULL while it lasts;
-- ending it later sets end_date, ended_by and ended_at. recorded_by and
-- author_id are NULL for what the console (or the demo) recorded.
--
-- Rules that two requests could race on are constraints (PostgreSQL runs
-- READ COMMITTED): one lasting relation of a kind between two actors (the
-- partial unique index), no second relation with the same start, an end
-- never before the start, no actor related to itself.
--
-- The PostgreSQL twin of this file (sql/postgres/0007_arena.sql) builds the
-- same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

CREATE TABLE relation (
    id          INTEGER PRIMARY KEY,
    from_type   TEXT NOT NULL CHECK (from_type IN ('organisation')),
    from_id     BIGINT NOT NULL,
    to_type     TEXT NOT NULL CHECK (to_type IN ('organisation')),
    to_id       BIGINT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('collaborates_with', 'funds', 'houses',
                                              'is_part_of', 'succeeded')),
    start_date  TEXT NOT NULL CHECK (start_date LIKE '____-__-__'),
    end_date    TEXT CHECK (end_date LIKE '____-__-__'),
    recorded_by BIGINT REFERENCES person (id),
    recorded_at BIGINT NOT NULL,
    ended_by    BIGINT REFERENCES person (id),
    ended_at    BIGINT,
    CHECK (end_date IS NULL OR end_date >= start_date),
    CHECK (from_type <> to_type OR from_id <> to_id),
    CHECK (ended_at IS NULL OR end_date IS NOT NULL)
);
CREATE UNIQUE INDEX relation_lasting_idx ON relation (from_type, from_id, to_type, to_id, kind)
    WHERE end_date IS NULL;
CREATE UNIQUE INDEX relation_start_idx
    ON relation (from_type, from_id, to_type, to_id, kind, start_date);
CREATE INDEX relation_to_idx ON relation (to_type, to_id);
CREATE INDEX relation_recorded_by_idx ON relation (recorded_by);
CREATE INDEX relation_ended_by_idx ON relation (ended_by);

-- A dated event in the history of an area (a buurt, a wijk or a gemeente),
-- with the capacity its author acted in, for the byline.
CREATE TABLE history_event (
    id          INTEGER PRIMARY KEY,
    area_code   TEXT NOT NULL REFERENCES area (code),
    event_date  TEXT NOT NULL CHECK (event_date LIKE '____-__-__'),
    kind        TEXT NOT NULL CHECK (kind IN ('institution_arrived', 'institution_left',
                                              'initiative_started', 'initiative_ended',
                                              'decision', 'renovation', 'other')),
    title       TEXT NOT NULL CHECK (title <> ''),
    description TEXT,
    author_id   BIGINT REFERENCES person (id),
    capacity    TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX history_event_area_idx ON history_event (area_code, event_date, id);
CREATE INDEX history_event_author_idx ON history_event (author_id);

-- The actors an event concerns.
CREATE TABLE history_event_actor (
    id         INTEGER PRIMARY KEY,
    event_id   BIGINT NOT NULL REFERENCES history_event (id),
    actor_type TEXT NOT NULL CHECK (actor_type IN ('organisation')),
    actor_id   BIGINT NOT NULL,
    UNIQUE (event_id, actor_type, actor_id)
);
CREATE INDEX history_event_actor_idx ON history_event_actor (actor_type, actor_id);
