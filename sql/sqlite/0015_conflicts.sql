-- Conflict cases (DESIGN.md §3): raised by a participant of an initiative
-- or a collective about a matter, naming the other parties (participants
-- too); steps raised -> conversation -> mediation -> agreement | closed
-- without agreement, each with a short record; a mediator the parties agree
-- on; an agreement text every party confirms. Confidential to the parties
-- and their mediator (model/conflict.h says who sees what).
--
-- Races are settled in the database: a party is a row keyed (case, person);
-- every write on a case first moves the case row with a conditional UPDATE
-- on the step it comes from, so concurrent writes on one case run one
-- after the other even under READ COMMITTED (PostgreSQL).
--
-- The PostgreSQL twin of this file (sql/postgres/0015_conflicts.sql)
-- builds the same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

-- A conflict case. It is about an initiative or a collective (exactly one),
-- counted for the monitor in area_code: the collective's area, or the first
-- buurt (by code) the initiative works in. matter is the raiser's words on
-- what the conflict is about. step follows raised -> conversation ->
-- mediation -> agreement | closed (closed without agreement, from any open
-- step); closed_at is set exactly when the case is no longer open.
-- mediator_id is set only while every party chose that same person in that
-- same capacity (conflict_party.choice_*). agreement_text is the mediator's
-- draft; agreement_version counts drafts, and a party's confirmation holds
-- the version confirmed, so a new draft needs every confirmation again.
CREATE TABLE conflict_case (
    id                INTEGER PRIMARY KEY,
    initiative_id     BIGINT REFERENCES initiative (id),
    collective_id     BIGINT REFERENCES collective (id),
    area_code         TEXT NOT NULL REFERENCES area (code),
    matter            TEXT NOT NULL,
    step              TEXT NOT NULL CHECK (step IN ('raised', 'conversation', 'mediation',
                                                    'agreement', 'closed')),
    raised_by         BIGINT NOT NULL REFERENCES person (id),
    raised_capacity   TEXT,
    mediator_id       BIGINT REFERENCES person (id),
    mediator_capacity TEXT CHECK (mediator_capacity IN ('resident', 'professional')),
    agreement_text    TEXT,
    agreement_version INTEGER NOT NULL DEFAULT 0 CHECK (agreement_version >= 0),
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    closed_at         BIGINT,
    CHECK ((initiative_id IS NULL) <> (collective_id IS NULL)),
    CHECK ((mediator_id IS NULL) = (mediator_capacity IS NULL)),
    CHECK ((step IN ('agreement', 'closed')) = (closed_at IS NOT NULL)),
    CHECK (step NOT IN ('mediation', 'agreement') OR mediator_id IS NOT NULL)
);
CREATE INDEX conflict_case_area_idx ON conflict_case (area_code, step);
CREATE INDEX conflict_case_initiative_idx ON conflict_case (initiative_id);
CREATE INDEX conflict_case_collective_idx ON conflict_case (collective_id);
CREATE INDEX conflict_case_raised_by_idx ON conflict_case (raised_by);
CREATE INDEX conflict_case_mediator_idx ON conflict_case (mediator_id);

-- The parties: the raiser and the people named, each once. choice_id and
-- choice_capacity are the mediator this party asks for; confirmed_version
-- the agreement draft this party confirmed (NULL: none yet).
CREATE TABLE conflict_party (
    case_id           BIGINT NOT NULL REFERENCES conflict_case (id),
    person_id         BIGINT NOT NULL REFERENCES person (id),
    choice_id         BIGINT REFERENCES person (id),
    choice_capacity   TEXT CHECK (choice_capacity IN ('resident', 'professional')),
    confirmed_version INTEGER,
    added_at          BIGINT NOT NULL,
    PRIMARY KEY (case_id, person_id),
    CHECK ((choice_id IS NULL) = (choice_capacity IS NULL))
);
CREATE INDEX conflict_party_person_idx ON conflict_party (person_id);
CREATE INDEX conflict_party_choice_idx ON conflict_party (choice_id);

-- The record of a case: one row per step taken (kind is the step entered)
-- and per mediator agreed, agreement drafted and agreement confirmed, each
-- with a short record in the words of whoever took it.
CREATE TABLE conflict_step (
    id        INTEGER PRIMARY KEY,
    case_id   BIGINT NOT NULL REFERENCES conflict_case (id),
    kind      TEXT NOT NULL CHECK (kind IN ('raised', 'conversation', 'mediation', 'agreement',
                                            'closed', 'mediator', 'draft', 'confirmed')),
    record    TEXT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES person (id),
    capacity  TEXT,
    at        BIGINT NOT NULL
);
CREATE INDEX conflict_step_case_idx ON conflict_step (case_id, id);
CREATE INDEX conflict_step_person_idx ON conflict_step (person_id);
