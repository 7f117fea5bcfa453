-- Best persons and best practices (issue 9): the capacity inventory -- each
-- person's skills from the shipped taxonomy (model/skill.c) with a level and
-- whether they are willing to share it, and one profile per person with the
-- hours a month they have, who may find them and whether they pause being
-- asked --; the skill needs of initiatives that matching ranks people for;
-- the invitations initiators send to a match; and the practice library, the
-- lessons of evaluated initiatives.
--
-- A person is invited at most once per need (the UNIQUE key): an answer,
-- yes or no, is final for that need, and answering is a conditional UPDATE
-- on the invitation still being open, so fifty answers at once leave one.
--
-- Full-text search differs per database and lives in the driver (db.h,
-- db_fts_*): here SQLite's FTS5 tables over practice and initiative, kept
-- by triggers; the PostgreSQL twin has GIN indexes on the same text. The
-- schema parity test compares neither (they are the search indexes).
--
-- The PostgreSQL twin of this file (sql/postgres/0018_skills_practices.sql)
-- builds the same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

-- One per person who registered skills: availability in hours a month
-- (0..744, the hours of a month of 31 days), who may find them (anyone who
-- looks for matches; verified residents of their wijk; only the initiators
-- they allow), whether they pause being asked, and free text.
CREATE TABLE skill_profile (
    person_id   INTEGER PRIMARY KEY REFERENCES person (id),   -- the rowid: one read
    hours_month INTEGER NOT NULL CHECK (hours_month BETWEEN 0 AND 744),
    visibility  TEXT NOT NULL CHECK (visibility IN ('public', 'wijk', 'allowed')),
    paused      INTEGER NOT NULL CHECK (paused IN (0, 1)),
    about       TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);
-- What matching reads of a candidate's profile, without the table.
CREATE INDEX skill_profile_match_idx ON skill_profile (person_id, paused, visibility, hours_month);
-- And of their residencies: the buurt of a verified one, without the table.
CREATE INDEX residency_match_idx ON residency (person_id, status, buurt_code);

-- A person's skills: a code of the taxonomy, a level, willing to share.
-- The index by code is what matching reads: only the people with the
-- needed skill or a related one.
CREATE TABLE person_skill (
    person_id  BIGINT NOT NULL REFERENCES skill_profile (person_id),
    skill_code TEXT NOT NULL,
    level      TEXT NOT NULL CHECK (level IN ('beginner', 'capable', 'expert')),
    willing    INTEGER NOT NULL CHECK (willing IN (0, 1)),
    PRIMARY KEY (person_id, skill_code)
);
CREATE INDEX person_skill_code_idx ON person_skill (skill_code, willing, person_id, level);

-- The initiators a person with visibility 'allowed' lets find them.
CREATE TABLE skill_allowed (
    person_id  BIGINT NOT NULL REFERENCES skill_profile (person_id),
    allowed_id BIGINT NOT NULL REFERENCES person (id),
    PRIMARY KEY (person_id, allowed_id)
);
CREATE INDEX skill_allowed_allowed_idx ON skill_allowed (allowed_id);

-- A skill an initiative needs, for matching: the skill, hours a month, the
-- period (YYYY-MM-DD; NULL: open), a note, and during execution the task
-- it is for (NULL: none; accepting then means holding that task).
-- initiative_need keeps the needs in words, replaced wholesale when the
-- scope changes; this is the form matching reads and invitations point to.
CREATE TABLE match_need (
    id            INTEGER PRIMARY KEY,
    initiative_id BIGINT NOT NULL REFERENCES initiative (id),
    skill_code    TEXT NOT NULL,
    hours_month   INTEGER NOT NULL CHECK (hours_month BETWEEN 1 AND 744),
    starts_on     TEXT,
    ends_on       TEXT,
    note          TEXT NOT NULL,
    task_id       BIGINT REFERENCES task (id),
    created_by    BIGINT NOT NULL REFERENCES person (id),
    created_at    BIGINT NOT NULL,
    closed_at     BIGINT
);
CREATE INDEX match_need_initiative_idx ON match_need (initiative_id, id);
CREATE INDEX match_need_created_by_idx ON match_need (created_by);
CREATE INDEX match_need_task_idx ON match_need (task_id);

-- An invitation of a matched person for a need: open until they answer.
-- pledge_id is the pledge an acceptance made.
CREATE TABLE match_invite (
    id               INTEGER PRIMARY KEY,
    need_id          BIGINT NOT NULL REFERENCES match_need (id),
    person_id        BIGINT NOT NULL REFERENCES person (id),
    invited_by       BIGINT NOT NULL REFERENCES person (id),
    invited_capacity TEXT,
    message          TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'declined')),
    created_at       BIGINT NOT NULL,
    answered_at      BIGINT,
    pledge_id        BIGINT REFERENCES pledge (id),
    UNIQUE (need_id, person_id),
    CHECK ((status = 'open') = (answered_at IS NULL))
);
CREATE INDEX match_invite_person_idx ON match_invite (person_id, created_at);
CREATE INDEX match_invite_invited_by_idx ON match_invite (invited_by);
CREATE INDEX match_invite_pledge_idx ON match_invite (pledge_id);

-- A best practice: the lesson of an evaluated initiative (one each), where
-- it happened (its first buurt, with that buurt's wijk and gemeente for
-- browsing), and a contact who agreed to be asked (NULL: none).
CREATE TABLE practice (
    id            INTEGER PRIMARY KEY,
    initiative_id BIGINT NOT NULL UNIQUE REFERENCES initiative (id),
    title         TEXT NOT NULL CHECK (title <> ''),
    aim           TEXT NOT NULL,
    worked        TEXT NOT NULL,
    did_not_work  TEXT NOT NULL,
    conditions    TEXT NOT NULL,
    buurt_code    TEXT NOT NULL REFERENCES area (code),
    wijk_code     TEXT NOT NULL REFERENCES area (code),
    gemeente_code TEXT NOT NULL REFERENCES area (code),
    contact_id    BIGINT REFERENCES person (id),
    published_by  BIGINT NOT NULL REFERENCES person (id),
    published_at  BIGINT NOT NULL
);
CREATE INDEX practice_buurt_idx ON practice (buurt_code, id);
CREATE INDEX practice_wijk_idx ON practice (wijk_code, id);
CREATE INDEX practice_gemeente_idx ON practice (gemeente_code, id);
CREATE INDEX practice_contact_idx ON practice (contact_id);
CREATE INDEX practice_published_by_idx ON practice (published_by);

-- A practice's themes (model/practice.c lists them).
CREATE TABLE practice_theme (
    practice_id BIGINT NOT NULL REFERENCES practice (id),
    theme       TEXT NOT NULL,
    PRIMARY KEY (practice_id, theme)
);
CREATE INDEX practice_theme_theme_idx ON practice_theme (theme, practice_id);

-- The search indexes (see above), external content: the rows stay in
-- their tables; the triggers keep the index in step.
CREATE VIRTUAL TABLE practice_fts USING fts5(title, aim, worked, did_not_work, conditions,
    content = 'practice', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER practice_fts_insert AFTER INSERT ON practice BEGIN
    INSERT INTO practice_fts (rowid, title, aim, worked, did_not_work, conditions)
    VALUES (new.id, new.title, new.aim, new.worked, new.did_not_work, new.conditions);
END;
CREATE TRIGGER practice_fts_delete AFTER DELETE ON practice BEGIN
    INSERT INTO practice_fts (practice_fts, rowid, title, aim, worked, did_not_work, conditions)
    VALUES ('delete', old.id, old.title, old.aim, old.worked, old.did_not_work, old.conditions);
END;
CREATE TRIGGER practice_fts_update AFTER UPDATE ON practice BEGIN
    INSERT INTO practice_fts (practice_fts, rowid, title, aim, worked, did_not_work, conditions)
    VALUES ('delete', old.id, old.title, old.aim, old.worked, old.did_not_work, old.conditions);
    INSERT INTO practice_fts (rowid, title, aim, worked, did_not_work, conditions)
    VALUES (new.id, new.title, new.aim, new.worked, new.did_not_work, new.conditions);
END;

CREATE VIRTUAL TABLE initiative_fts USING fts5(title, aim,
    content = 'initiative', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO initiative_fts (initiative_fts) VALUES ('rebuild');
CREATE TRIGGER initiative_fts_insert AFTER INSERT ON initiative BEGIN
    INSERT INTO initiative_fts (rowid, title, aim) VALUES (new.id, new.title, new.aim);
END;
CREATE TRIGGER initiative_fts_delete AFTER DELETE ON initiative BEGIN
    INSERT INTO initiative_fts (initiative_fts, rowid, title, aim)
    VALUES ('delete', old.id, old.title, old.aim);
END;
CREATE TRIGGER initiative_fts_update AFTER UPDATE OF title, aim ON initiative BEGIN
    INSERT INTO initiative_fts (initiative_fts, rowid, title, aim)
    VALUES ('delete', old.id, old.title, old.aim);
    INSERT INTO initiative_fts (rowid, title, aim) VALUES (new.id, new.title, new.aim);
END;
