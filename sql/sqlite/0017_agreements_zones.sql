-- Cooperation agreements and rule-free zones (DESIGN.md §3, issue 8).
--
-- An agreement is made between parties -- at least one resident collective,
-- plus organisations and/or a gemeente -- and holds versions of its text:
-- title, purpose, term, the commitments of each party (hours, money, space,
-- other) and who is responsible for what. A party signs one version; a
-- change to the text after a signature makes a new version, so the old
-- signatures stay with the old version and count no more. One signature per
-- party per version: the UNIQUE constraint settles simultaneous signing.
-- The agreement is active once every party signed its current version.
--
-- A rule-free zone is requested by a collective for an area of a gemeente
-- and some of its initiatives: which rules are suspended (each with its
-- reference, legal basis and conditions), why, from when to when, and how
-- it will be evaluated. A municipality admin of that gemeente grants it
-- (with a decision reference) or refuses it; whether it is active or ended
-- is computed from its dates when read. Its evaluation is due at its end.
--
-- Both feed the register of responsibility questions of the initiatives
-- concerned: responsibility_source links each question they put there to
-- the agreement or zone it came from.
--
-- Dates of a term are local calendar days (YYYY-MM-DD, Europe/Amsterdam),
-- as task.due_on; moments are unix seconds.
--
-- The PostgreSQL twin of this file (sql/postgres/0017_agreements_zones.sql)
-- builds the same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

-- An agreement. version is the number of its current version; status is
-- draft (no signature on the current version), signed (some), active (all),
-- ended or terminated (by a party; ended when the term was over).
CREATE TABLE agreement (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version >= 1),
    status      TEXT NOT NULL CHECK (status IN ('draft', 'signed', 'active', 'ended',
                                                'terminated')),
    created_by  BIGINT NOT NULL REFERENCES person (id),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    ended_by    BIGINT REFERENCES person (id),
    ended_at    BIGINT,
    end_reason  TEXT,
    CHECK ((status IN ('ended', 'terminated')) = (ended_at IS NOT NULL))
);
CREATE INDEX agreement_created_by_idx ON agreement (created_by);
CREATE INDEX agreement_ended_by_idx ON agreement (ended_by);

-- The parties, fixed when the agreement is drafted. party_key is
-- 'collective:ID', 'organisation:ID' or 'gemeente:CODE': one row per party.
CREATE TABLE agreement_party (
    id              INTEGER PRIMARY KEY,
    agreement_id    BIGINT NOT NULL REFERENCES agreement (id),
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('collective', 'organisation', 'gemeente')),
    collective_id   BIGINT REFERENCES collective (id),
    organisation_id BIGINT REFERENCES organisation (id),
    gemeente_code   TEXT REFERENCES area (code),
    party_key       TEXT NOT NULL,
    UNIQUE (agreement_id, party_key),
    UNIQUE (agreement_id, position),
    CHECK ((kind = 'collective') = (collective_id IS NOT NULL)),
    CHECK ((kind = 'organisation') = (organisation_id IS NOT NULL)),
    CHECK ((kind = 'gemeente') = (gemeente_code IS NOT NULL))
);
CREATE INDEX agreement_party_collective_idx ON agreement_party (collective_id);
CREATE INDEX agreement_party_organisation_idx ON agreement_party (organisation_id);
CREATE INDEX agreement_party_gemeente_idx ON agreement_party (gemeente_code);

-- The initiatives an agreement concerns: their registers of responsibility
-- questions get its responsibilities when it becomes active.
CREATE TABLE agreement_initiative (
    agreement_id  BIGINT NOT NULL REFERENCES agreement (id),
    initiative_id BIGINT NOT NULL REFERENCES initiative (id),
    PRIMARY KEY (agreement_id, initiative_id)
);
CREATE INDEX agreement_initiative_initiative_idx ON agreement_initiative (initiative_id);

-- One version of the text; never changed once written.
CREATE TABLE agreement_version (
    id               INTEGER PRIMARY KEY,
    agreement_id     BIGINT NOT NULL REFERENCES agreement (id),
    version          INTEGER NOT NULL CHECK (version >= 1),
    title            TEXT NOT NULL CHECK (title <> ''),
    purpose          TEXT NOT NULL CHECK (purpose <> ''),
    term_from        TEXT NOT NULL,
    term_to          TEXT NOT NULL,
    created_by       BIGINT NOT NULL REFERENCES person (id),
    created_capacity TEXT,
    created_at       BIGINT NOT NULL,
    UNIQUE (agreement_id, version),
    CHECK (term_from <= term_to)
);
CREATE INDEX agreement_version_created_by_idx ON agreement_version (created_by);

-- A commitment of one party in one version: hours and money with an amount
-- (hours, euros), space and other with a text only if they like.
CREATE TABLE agreement_commitment (
    id         INTEGER PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES agreement_version (id),
    party_id   BIGINT NOT NULL REFERENCES agreement_party (id),
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('hours', 'money', 'space', 'other')),
    amount     BIGINT CHECK (amount >= 0),
    text       TEXT NOT NULL,
    UNIQUE (version_id, position)
);
CREATE INDEX agreement_commitment_party_idx ON agreement_commitment (party_id);

-- Who is responsible for what, in one version.
CREATE TABLE agreement_responsibility (
    id         INTEGER PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES agreement_version (id),
    party_id   BIGINT NOT NULL REFERENCES agreement_party (id),
    position   INTEGER NOT NULL,
    subject    TEXT NOT NULL CHECK (subject <> ''),
    UNIQUE (version_id, position)
);
CREATE INDEX agreement_responsibility_party_idx ON agreement_responsibility (party_id);

-- A party's signature on one version, by someone authorised for it.
CREATE TABLE agreement_signature (
    id         INTEGER PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES agreement_version (id),
    party_id   BIGINT NOT NULL REFERENCES agreement_party (id),
    person_id  BIGINT NOT NULL REFERENCES person (id),
    capacity   TEXT,
    signed_at  BIGINT NOT NULL,
    UNIQUE (version_id, party_id)
);
CREATE INDEX agreement_signature_party_idx ON agreement_signature (party_id);
CREATE INDEX agreement_signature_person_idx ON agreement_signature (person_id);

-- A rule-free zone. status is what was decided: requested, granted,
-- refused, or ended early by the gemeente (ended_at); active and ended
-- after valid_to are computed when read.
CREATE TABLE zone (
    id                 INTEGER PRIMARY KEY,
    collective_id      BIGINT NOT NULL REFERENCES collective (id),
    gemeente_code      TEXT NOT NULL REFERENCES area (code),
    area_code          TEXT NOT NULL REFERENCES area (code),
    title              TEXT NOT NULL CHECK (title <> ''),
    reason             TEXT NOT NULL CHECK (reason <> ''),
    evaluation_plan    TEXT NOT NULL CHECK (evaluation_plan <> ''),
    valid_from         TEXT NOT NULL,
    valid_to           TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('requested', 'granted', 'refused',
                                                       'ended')),
    requested_by       BIGINT NOT NULL REFERENCES person (id),
    requested_capacity TEXT,
    requested_at       BIGINT NOT NULL,
    decided_by         BIGINT REFERENCES person (id),
    decided_capacity   TEXT,
    decided_at         BIGINT,
    decision_ref       TEXT,
    decision_note      TEXT,
    ended_by           BIGINT REFERENCES person (id),
    ended_at           BIGINT,
    evaluation         TEXT,
    evaluated_by       BIGINT REFERENCES person (id),
    evaluated_capacity TEXT,
    evaluated_at       BIGINT,
    reminded_at        BIGINT,   -- when the evaluation was last said to be due
    CHECK (valid_from <= valid_to),
    CHECK ((status = 'requested') = (decided_at IS NULL)),
    CHECK (status <> 'granted' OR decision_ref IS NOT NULL),
    CHECK ((status = 'ended') = (ended_at IS NOT NULL)),
    CHECK ((evaluation IS NULL) = (evaluated_at IS NULL))
);
CREATE INDEX zone_gemeente_idx ON zone (gemeente_code, status);
CREATE INDEX zone_collective_idx ON zone (collective_id);
CREATE INDEX zone_area_idx ON zone (area_code);
CREATE INDEX zone_requested_by_idx ON zone (requested_by);
CREATE INDEX zone_decided_by_idx ON zone (decided_by);
CREATE INDEX zone_ended_by_idx ON zone (ended_by);
CREATE INDEX zone_evaluated_by_idx ON zone (evaluated_by);

-- A rule the zone suspends: its reference ("APV art. 2:10"), legal basis
-- and the conditions that hold instead.
CREATE TABLE zone_rule (
    id          INTEGER PRIMARY KEY,
    zone_id     BIGINT NOT NULL REFERENCES zone (id),
    position    INTEGER NOT NULL,
    reference   TEXT NOT NULL CHECK (reference <> ''),
    legal_basis TEXT NOT NULL CHECK (legal_basis <> ''),
    conditions  TEXT NOT NULL,
    UNIQUE (zone_id, position)
);

-- The initiatives a zone is for.
CREATE TABLE zone_initiative (
    zone_id       BIGINT NOT NULL REFERENCES zone (id),
    initiative_id BIGINT NOT NULL REFERENCES initiative (id),
    PRIMARY KEY (zone_id, initiative_id)
);
CREATE INDEX zone_initiative_initiative_idx ON zone_initiative (initiative_id);

-- Who is responsible for what in a zone: the collective or the gemeente.
CREATE TABLE zone_responsibility (
    id       INTEGER PRIMARY KEY,
    zone_id  BIGINT NOT NULL REFERENCES zone (id),
    position INTEGER NOT NULL,
    holder   TEXT NOT NULL CHECK (holder IN ('collective', 'gemeente')),
    subject  TEXT NOT NULL CHECK (subject <> ''),
    UNIQUE (zone_id, position)
);

-- Which agreement or zone put a question in an initiative's register of
-- responsibility questions (with its answer: who is responsible).
CREATE TABLE responsibility_source (
    question_id  BIGINT PRIMARY KEY REFERENCES responsibility_question (id),
    agreement_id BIGINT REFERENCES agreement (id),
    zone_id      BIGINT REFERENCES zone (id),
    CHECK ((agreement_id IS NULL) <> (zone_id IS NULL))
);
CREATE INDEX responsibility_source_agreement_idx ON responsibility_source (agreement_id);
CREATE INDEX responsibility_source_zone_idx ON responsibility_source (zone_id);
