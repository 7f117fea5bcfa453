-- Decisions (DESIGN.md §3): proposals that the residents of a collective or
-- an initiative decide on themselves, by one of three methods:
--   consent  -- adopted unless an eligible person objects with a reason; an
--               objection blocks until its objector resolves or withdraws
--               it, or the proposer amends the proposal (a new version,
--               which reopens consent: consents given to an older version
--               no longer count);
--   majority -- for, against or abstain; adopted when more are for than
--               against and enough eligible people took part (the quorum,
--               a percentage of those eligible when it closes);
--   dot      -- each person spreads up to `dots` dots over the options.
-- Who is eligible is computed when asked (members of the collective;
-- initiators and pledgers of the initiative), never stored.
--
-- A decision closes at closes_at or earlier by its proposer; the outcome
-- and the count are recorded in the decision row (and per option for a dot
-- vote) by the first write after that, so a page reads the same outcome
-- before and after it is recorded.
--
-- One vote per person per decision: the UNIQUE constraint on decision_vote,
-- on which a vote is an INSERT ... ON CONFLICT (a consent to a newer
-- version updates the row in place). One open objection per person per
-- decision: the partial unique index. Settling an objection and closing a
-- decision are conditional UPDATEs on the state they come from (PostgreSQL
-- runs READ COMMITTED).
--
-- The PostgreSQL twin of this file (sql/postgres/0014_decisions.sql)
-- builds the same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

CREATE TABLE decision (
    id              INTEGER PRIMARY KEY,
    collective_id   BIGINT REFERENCES collective (id),
    initiative_id   BIGINT REFERENCES initiative (id),
    title           TEXT NOT NULL CHECK (title <> ''),
    body            TEXT NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('consent', 'majority', 'dot')),
    quorum_percent  INTEGER NOT NULL DEFAULT 0 CHECK (quorum_percent BETWEEN 0 AND 100),
    dots            INTEGER CHECK (dots BETWEEN 1 AND 100),   -- dot votes only
    hide_results    INTEGER NOT NULL CHECK (hide_results IN (0, 1)),
    version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    proposed_by     BIGINT NOT NULL REFERENCES person (id),
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    closes_at       BIGINT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    closed_at       BIGINT,
    closed_by       BIGINT REFERENCES person (id),   -- NULL: the closing time
    outcome         TEXT CHECK (outcome IN ('adopted', 'rejected', 'blocked', 'no_quorum',
                                            'decided')),
    eligible_count  INTEGER,
    votes_count     INTEGER,
    for_count       INTEGER,
    against_count   INTEGER,
    abstain_count   INTEGER,
    objection_count INTEGER,
    CHECK ((collective_id IS NULL) <> (initiative_id IS NULL)),
    CHECK ((method = 'dot') = (dots IS NOT NULL)),
    CHECK (method <> 'consent' OR quorum_percent = 0),
    CHECK (closes_at > created_at),
    CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
    CHECK ((status = 'closed') = (outcome IS NOT NULL)),
    CHECK ((status = 'closed') = (votes_count IS NOT NULL))
);
CREATE INDEX decision_collective_idx ON decision (collective_id, id);
CREATE INDEX decision_initiative_idx ON decision (initiative_id, id);
CREATE INDEX decision_proposed_by_idx ON decision (proposed_by);
CREATE INDEX decision_closed_by_idx ON decision (closed_by);

-- Every version of a proposal's text, the first one included.
CREATE TABLE decision_version (
    id          INTEGER PRIMARY KEY,
    decision_id BIGINT NOT NULL REFERENCES decision (id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    title       TEXT NOT NULL CHECK (title <> ''),
    body        TEXT NOT NULL,
    created_by  BIGINT NOT NULL REFERENCES person (id),
    created_at  BIGINT NOT NULL,
    UNIQUE (decision_id, version)
);
CREATE INDEX decision_version_created_by_idx ON decision_version (created_by);

-- The options of a dot vote, in the order the proposer gave them; dots is
-- the total recorded when the decision closes.
CREATE TABLE decision_option (
    id          INTEGER PRIMARY KEY,
    decision_id BIGINT NOT NULL REFERENCES decision (id),
    position    INTEGER NOT NULL CHECK (position BETWEEN 1 AND 20),
    label       TEXT NOT NULL CHECK (label <> ''),
    dots        INTEGER CHECK (dots >= 0),
    UNIQUE (decision_id, position)
);

-- A vote: one row per person and decision. choice is 'consent' for a
-- consent decision (version: the version consented to), 'for', 'against'
-- or 'abstain' for a majority vote, 'dots' for a dot vote (the dots in
-- decision_dot). capacity is the one voted in (always a resident's).
CREATE TABLE decision_vote (
    id          INTEGER PRIMARY KEY,
    decision_id BIGINT NOT NULL REFERENCES decision (id),
    person_id   BIGINT NOT NULL REFERENCES person (id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    choice      TEXT NOT NULL CHECK (choice IN ('consent', 'for', 'against', 'abstain', 'dots')),
    capacity    TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (decision_id, person_id)
);
CREATE INDEX decision_vote_person_idx ON decision_vote (person_id);

-- The dots of a dot vote, per option.
CREATE TABLE decision_dot (
    vote_id   BIGINT NOT NULL REFERENCES decision_vote (id),
    option_id BIGINT NOT NULL REFERENCES decision_option (id),
    dots      INTEGER NOT NULL CHECK (dots BETWEEN 1 AND 100),
    PRIMARY KEY (vote_id, option_id)
);
CREATE INDEX decision_dot_option_idx ON decision_dot (option_id);

-- A reasoned objection to a consent proposal, against the version it was
-- raised on. open blocks; resolved and withdrawn are the objector's word,
-- superseded the effect of an amendment (settled_by: the proposer).
CREATE TABLE decision_objection (
    id          INTEGER PRIMARY KEY,
    decision_id BIGINT NOT NULL REFERENCES decision (id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    person_id   BIGINT NOT NULL REFERENCES person (id),
    reason      TEXT NOT NULL CHECK (reason <> ''),
    status      TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'withdrawn', 'superseded')),
    created_at  BIGINT NOT NULL,
    settled_at  BIGINT,
    settled_by  BIGINT REFERENCES person (id),
    CHECK ((status = 'open') = (settled_at IS NULL)),
    CHECK ((status = 'open') = (settled_by IS NULL))
);
CREATE UNIQUE INDEX decision_objection_open_idx ON decision_objection (decision_id, person_id)
    WHERE status = 'open';
CREATE INDEX decision_objection_decision_idx ON decision_objection (decision_id, id);
CREATE INDEX decision_objection_person_idx ON decision_objection (person_id);
CREATE INDEX decision_objection_settled_by_idx ON decision_objection (settled_by);
