-- Pledges and the plan (DESIGN.md §3): the commitment residents pledge to an
-- initiative during its awareness phase, and its plan during execution --
-- tasks with a responsible resident and a due date, who is responsible,
-- accountable, consulted and informed per task (RACI), the consent of a
-- pledger asked to hold a task, and the register of responsibility
-- questions with their answers.
--
-- Hours are kept in tenths of an hour (hours_tenths: 0.5 h is 5), per week
-- or per month. A resident has at most one active pledge per initiative: the
-- partial unique index, on which pledging again is an upsert (ON CONFLICT
-- ... DO UPDATE). A task has at most one accountable person (the partial
-- unique index on task_raci) and a pledger at most one open consent request
-- per task; answering and taking on are conditional UPDATEs on the state
-- they come from, never a read followed by a write (PostgreSQL runs READ
-- COMMITTED).
--
-- The PostgreSQL twin of this file (sql/postgres/0010_pledges_plan.sql)
-- builds the same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

CREATE TABLE pledge (
    id            INTEGER PRIMARY KEY,
    initiative_id BIGINT NOT NULL REFERENCES initiative (id),
    person_id     BIGINT NOT NULL REFERENCES person (id),
    hours_tenths  INTEGER CHECK (hours_tenths BETWEEN 1 AND 1600),   -- NULL: no hours
    period        TEXT CHECK (period IN ('week', 'month')),
    skill         TEXT,
    role          TEXT,
    status        TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    withdrawn_at  BIGINT,
    CHECK ((hours_tenths IS NULL) = (period IS NULL)),
    CHECK (hours_tenths IS NOT NULL OR skill IS NOT NULL OR role IS NOT NULL),
    CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
CREATE UNIQUE INDEX pledge_active_idx ON pledge (initiative_id, person_id)
    WHERE status = 'active';
CREATE INDEX pledge_person_idx ON pledge (person_id, status);

-- A task of an initiative's plan. responsible_id is the resident who holds
-- it: the initiators may name only someone who consented (task_consent) or
-- who took it on themselves.
CREATE TABLE task (
    id             INTEGER PRIMARY KEY,
    initiative_id  BIGINT NOT NULL REFERENCES initiative (id),
    title          TEXT NOT NULL CHECK (title <> ''),
    due_on         TEXT,                                   -- YYYY-MM-DD, NULL: no due date
    responsible_id BIGINT REFERENCES person (id),
    status         TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    created_by     BIGINT NOT NULL REFERENCES person (id),
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX task_initiative_idx ON task (initiative_id, id);
CREATE INDEX task_responsible_idx ON task (responsible_id);
CREATE INDEX task_created_by_idx ON task (created_by);

-- The initiators ask a pledger to hold a task; the pledger accepts or
-- declines. One open request per person and task.
CREATE TABLE task_consent (
    id          INTEGER PRIMARY KEY,
    task_id     BIGINT NOT NULL REFERENCES task (id),
    person_id   BIGINT NOT NULL REFERENCES person (id),
    asked_by    BIGINT NOT NULL REFERENCES person (id),
    status      TEXT NOT NULL CHECK (status IN ('asked', 'accepted', 'declined')),
    asked_at    BIGINT NOT NULL,
    answered_at BIGINT,
    CHECK ((status = 'asked') = (answered_at IS NULL))
);
CREATE UNIQUE INDEX task_consent_open_idx ON task_consent (task_id, person_id)
    WHERE status = 'asked';
CREATE INDEX task_consent_person_idx ON task_consent (person_id, status);
CREATE INDEX task_consent_asked_by_idx ON task_consent (asked_by);

-- The responsibility matrix: each person's letter on a task, at most one
-- letter per person and one A (accountable) per task.
CREATE TABLE task_raci (
    task_id   BIGINT NOT NULL REFERENCES task (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    letter    TEXT NOT NULL CHECK (letter IN ('R', 'A', 'C', 'I')),
    PRIMARY KEY (task_id, person_id)
);
CREATE UNIQUE INDEX task_raci_accountable_idx ON task_raci (task_id) WHERE letter = 'A';
CREATE INDEX task_raci_person_idx ON task_raci (person_id);

-- Questions of responsibility ("who is liable for the playground we
-- built?"), put to the initiators, a professional (put_to_person), an
-- organisation or a gemeente, with the answer, who gave it and in which
-- capacity.
CREATE TABLE responsibility_question (
    id                  INTEGER PRIMARY KEY,
    initiative_id       BIGINT NOT NULL REFERENCES initiative (id),
    question            TEXT NOT NULL CHECK (question <> ''),
    asked_by            BIGINT NOT NULL REFERENCES person (id),
    asked_capacity      TEXT,
    asked_at            BIGINT NOT NULL,
    put_to              TEXT NOT NULL CHECK (put_to IN ('initiators', 'professional',
                                                         'organisation', 'gemeente')),
    put_to_person       BIGINT REFERENCES person (id),
    put_to_organisation BIGINT REFERENCES organisation (id),
    put_to_gemeente     TEXT REFERENCES area (code),
    answer              TEXT,
    answered_by         BIGINT REFERENCES person (id),
    answered_capacity   TEXT,
    answered_at         BIGINT,
    CHECK ((put_to = 'professional') = (put_to_person IS NOT NULL)),
    CHECK ((put_to = 'organisation') = (put_to_organisation IS NOT NULL)),
    CHECK ((put_to = 'gemeente') = (put_to_gemeente IS NOT NULL)),
    CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX responsibility_question_initiative_idx ON responsibility_question (initiative_id, id);
CREATE INDEX responsibility_question_asked_by_idx ON responsibility_question (asked_by);
CREATE INDEX responsibility_question_person_idx ON responsibility_question (put_to_person);
CREATE INDEX responsibility_question_answered_by_idx ON responsibility_question (answered_by);
