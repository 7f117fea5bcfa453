-- Investment hours (DESIGN.md §3, "hour pledge & ledger"): an organisation
-- commits hours to experiments in an area (a buurt, wijk or gemeente) for a
-- period, optionally earmarked for one initiative or one collective, and its
-- professionals log the hours they spend against that pledge.
--
-- Hours are kept in tenths of an hour (hours_tenths, amount_tenths: 1.5 h is
-- 15), as the residents' pledges are (0010_pledges_plan.sql). Dates are
-- local calendar days, 'YYYY-MM-DD' (Europe/Amsterdam), compared as text.
--
-- The ledger is double-entry and append-only. Every movement (hours_movement)
-- has exactly two entries (hours_entry) whose amounts sum to zero, between
-- three accounts of the pledge: 'organisation' (the organisation's
-- uncommitted hours), 'pledge' (hours pledged and not yet delivered; it goes
-- below zero when more is delivered than was pledged) and 'delivered'.
--   pledge      organisation -N, pledge +N   (the commitment)
--   delivery    pledge -h, delivered +h       (hours logged)
--   correction  pledge +d, delivered -d       (d may be negative; refers to
--                                             the delivery it corrects)
--   withdrawal  pledge -r, organisation +r    (what was still open; the
--                                             delivered hours stay)
-- Neither table is ever updated or deleted from: the triggers below refuse
-- it, so a mistake is corrected by a new movement. hour_pledge itself
-- changes only from 'active' to 'withdrawn', by a conditional UPDATE.
--
-- The PostgreSQL twin of this file (sql/postgres/0016_hours.sql) builds the
-- same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

CREATE TABLE hour_pledge (
    id              INTEGER PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    area_code       TEXT NOT NULL REFERENCES area (code),
    hours_tenths    BIGINT NOT NULL CHECK (hours_tenths BETWEEN 1 AND 10000000),
    starts_on       TEXT NOT NULL CHECK (length(starts_on) = 10),
    ends_on         TEXT NOT NULL CHECK (length(ends_on) = 10),
    initiative_id   BIGINT REFERENCES initiative (id),
    collective_id   BIGINT REFERENCES collective (id),
    status          TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
    created_by      BIGINT REFERENCES person (id),   -- NULL: at the console
    created_at      BIGINT NOT NULL,
    withdrawn_by    BIGINT REFERENCES person (id),
    withdrawn_at    BIGINT,
    CHECK (ends_on >= starts_on),
    CHECK (initiative_id IS NULL OR collective_id IS NULL),
    CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
CREATE INDEX hour_pledge_organisation_idx ON hour_pledge (organisation_id, id);
CREATE INDEX hour_pledge_area_idx ON hour_pledge (area_code, id);
CREATE INDEX hour_pledge_initiative_idx ON hour_pledge (initiative_id);
CREATE INDEX hour_pledge_collective_idx ON hour_pledge (collective_id);
CREATE INDEX hour_pledge_created_by_idx ON hour_pledge (created_by);
CREATE INDEX hour_pledge_withdrawn_by_idx ON hour_pledge (withdrawn_by);

-- One movement of the ledger: who booked it, in which capacity, and for a
-- delivery the day, initiative, kind of work and note. on_date is the day
-- the movement counts for: the first day of the period for a pledge, the
-- day worked for a delivery and its corrections, the day of a withdrawal.
CREATE TABLE hours_movement (
    id            INTEGER PRIMARY KEY,
    pledge_id     BIGINT NOT NULL REFERENCES hour_pledge (id),
    kind          TEXT NOT NULL CHECK (kind IN ('pledge', 'delivery', 'correction',
                                                'withdrawal')),
    corrects_id   BIGINT REFERENCES hours_movement (id),
    on_date       TEXT NOT NULL CHECK (length(on_date) = 10),
    initiative_id BIGINT REFERENCES initiative (id),
    work_kind     TEXT CHECK (work_kind IN ('coaching', 'connecting', 'practical', 'other')),
    note          TEXT,
    person_id     BIGINT REFERENCES person (id),     -- NULL: at the console
    capacity      TEXT,
    created_at    BIGINT NOT NULL,
    CHECK ((kind = 'correction') = (corrects_id IS NOT NULL)),
    CHECK ((kind = 'delivery') = (work_kind IS NOT NULL))
);
CREATE INDEX hours_movement_pledge_idx ON hours_movement (pledge_id, id);
CREATE INDEX hours_movement_corrects_idx ON hours_movement (corrects_id);
CREATE INDEX hours_movement_initiative_idx ON hours_movement (initiative_id);
CREATE INDEX hours_movement_person_idx ON hours_movement (person_id);
CREATE INDEX hours_movement_date_idx ON hours_movement (on_date);

-- The two sides of each movement; the amounts of one movement sum to zero.
CREATE TABLE hours_entry (
    id            INTEGER PRIMARY KEY,
    movement_id   BIGINT NOT NULL REFERENCES hours_movement (id),
    account       TEXT NOT NULL CHECK (account IN ('organisation', 'pledge', 'delivered')),
    amount_tenths BIGINT NOT NULL CHECK (amount_tenths <> 0),
    UNIQUE (movement_id, account)
);

CREATE TRIGGER hours_movement_no_update BEFORE UPDATE ON hours_movement
BEGIN
    SELECT RAISE(ABORT, 'the hours ledger is append-only');
END;
CREATE TRIGGER hours_movement_no_delete BEFORE DELETE ON hours_movement
BEGIN
    SELECT RAISE(ABORT, 'the hours ledger is append-only');
END;
CREATE TRIGGER hours_entry_no_update BEFORE UPDATE ON hours_entry
BEGIN
    SELECT RAISE(ABORT, 'the hours ledger is append-only');
END;
CREATE TRIGGER hours_entry_no_delete BEFORE DELETE ON hours_entry
BEGIN
    SELECT RAISE(ABORT, 'the hours ledger is append-only');
END;
