-- Initiatives (DESIGN.md §2-3): owned by resident initiators, or by a
-- collective for which its board acts; title, aim, the buurten it works in,
-- its needs (skills, hours, money, space), its phase in idea -> awareness
-- -> execution -> evaluation -> anchored | stopped, and the thresholds of
-- pledged commitment its initiators set for moving on to execution.
--
-- frozen_reason is set (a message id) while the owners do not meet
-- invariant 1 -- an initiator without a verified residency in its buurten,
-- or an owning collective that is not sound -- and is NULL otherwise;
-- model/initiative.c keeps it. Phase changes are conditional UPDATEs on the
-- phase they come from, so two requests cannot both move it.
--
-- The PostgreSQL twin of this file (sql/postgres/0009_initiatives.sql)
-- builds the same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

CREATE TABLE initiative (
    id                  INTEGER PRIMARY KEY,
    title               TEXT NOT NULL CHECK (title <> ''),
    aim                 TEXT NOT NULL,
    collective_id       BIGINT REFERENCES collective (id),   -- NULL: owned by its initiators
    phase               TEXT NOT NULL CHECK (phase IN ('idea', 'awareness', 'execution',
                                                       'evaluation', 'anchored', 'stopped')),
    frozen_reason       TEXT,
    threshold_residents INTEGER NOT NULL DEFAULT 0 CHECK (threshold_residents BETWEEN 0 AND 100000),
    threshold_hours     INTEGER NOT NULL DEFAULT 0 CHECK (threshold_hours BETWEEN 0 AND 1000000),
    created_by          BIGINT NOT NULL REFERENCES person (id),
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX initiative_phase_idx ON initiative (phase, id);
CREATE INDEX initiative_collective_idx ON initiative (collective_id);
CREATE INDEX initiative_created_by_idx ON initiative (created_by);

-- The initiators, popolo-like: since_at to until_at (NULL: still one). A
-- person is an initiator at most once at a time: the partial unique index.
CREATE TABLE initiative_initiator (
    id            INTEGER PRIMARY KEY,
    initiative_id BIGINT NOT NULL REFERENCES initiative (id),
    person_id     BIGINT NOT NULL REFERENCES person (id),
    added_by      BIGINT REFERENCES person (id),
    since_at      BIGINT NOT NULL,
    until_at      BIGINT
);
CREATE UNIQUE INDEX initiative_initiator_active_idx ON initiative_initiator (initiative_id, person_id)
    WHERE until_at IS NULL;
CREATE INDEX initiative_initiator_person_idx ON initiative_initiator (person_id, until_at);
CREATE INDEX initiative_initiator_added_by_idx ON initiative_initiator (added_by);

-- The buurten an initiative works in (one or more).
CREATE TABLE initiative_area (
    initiative_id BIGINT NOT NULL REFERENCES initiative (id),
    buurt_code    TEXT NOT NULL REFERENCES area (code),
    PRIMARY KEY (initiative_id, buurt_code)
);
CREATE INDEX initiative_area_buurt_idx ON initiative_area (buurt_code, initiative_id);

-- What it needs: skills, hours (a month), money (euros) or space, in words
-- and, for hours and money, an amount.
CREATE TABLE initiative_need (
    id            INTEGER PRIMARY KEY,
    initiative_id BIGINT NOT NULL REFERENCES initiative (id),
    kind          TEXT NOT NULL CHECK (kind IN ('skills', 'hours', 'money', 'space')),
    description   TEXT NOT NULL CHECK (description <> ''),
    amount        BIGINT CHECK (amount BETWEEN 0 AND 100000000)
);
CREATE INDEX initiative_need_initiative_idx ON initiative_need (initiative_id, id);

-- Every phase change: from, to, who, in which capacity, why, when.
CREATE TABLE initiative_phase_change (
    id            INTEGER PRIMARY KEY,
    initiative_id BIGINT NOT NULL REFERENCES initiative (id),
    from_phase    TEXT NOT NULL,
    to_phase      TEXT NOT NULL,
    person_id     BIGINT NOT NULL REFERENCES person (id),
    capacity      TEXT,
    reason        TEXT,
    at            BIGINT NOT NULL
);
CREATE INDEX initiative_phase_change_initiative_idx ON initiative_phase_change (initiative_id, id);
CREATE INDEX initiative_phase_change_person_idx ON initiative_phase_change (person_id);

-- The evaluation, kept as a lesson: one per initiative, entered during
-- the evaluation phase.
CREATE TABLE initiative_evaluation (
    initiative_id BIGINT PRIMARY KEY REFERENCES initiative (id),
    results       TEXT NOT NULL,
    worked        TEXT NOT NULL,
    did_not_work  TEXT NOT NULL,
    conditions    TEXT NOT NULL,
    updated_by    BIGINT NOT NULL REFERENCES person (id),
    updated_at    BIGINT NOT NULL
);
CREATE INDEX initiative_evaluation_updated_by_idx ON initiative_evaluation (updated_by);
