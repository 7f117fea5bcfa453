-- The transition monitor (DESIGN.md §5, docs/monitor.md): the indicators
-- per area per quarter as numerator and denominator with the time they
-- were computed, the phase and early warning per area per quarter, the
-- runs (for the incremental recompute), the vulnerable flags set by
-- municipality admins, and the voluntary age group of a person (I14).
--
-- The SQLite twin of sql/postgres/0019_monitor.sql: the same tables,
-- columns, keys, indexes and CHECKs (tests/unit/db/schema_parity_test.c).

-- One indicator of one area (buurt, wijk or gemeente) for the 12 months
-- ending with quarter ('2025Q3'). value is numerator / denominator x the
-- indicator's scale, NULL when suppressed says why there is none.
CREATE TABLE monitor_value (
    area_code   TEXT NOT NULL REFERENCES area (code) ON DELETE CASCADE,
    quarter     TEXT NOT NULL CHECK (length(quarter) = 6),
    indicator   TEXT NOT NULL CHECK (indicator IN ('I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7',
                                                   'I8a', 'I8b', 'I9', 'I10', 'I11a', 'I11b',
                                                   'I12', 'I13', 'I14')),
    numerator   DOUBLE PRECISION NOT NULL,
    denominator DOUBLE PRECISION NOT NULL,
    value       DOUBLE PRECISION,
    suppressed  TEXT CHECK (suppressed IN ('few_inhabitants', 'few_contributors',
                                           'no_denominator', 'not_available')),
    computed_at BIGINT NOT NULL,
    PRIMARY KEY (area_code, indicator, quarter),
    CHECK ((value IS NULL) = (suppressed IS NOT NULL))
);
CREATE INDEX monitor_value_quarter_idx ON monitor_value (quarter, indicator);

-- The phase and the early warning of one area for one quarter. reasons and
-- signals are lines "code|arg|arg" (model/monitor_status.c reads them);
-- phase NULL: unknown (suppressed).
CREATE TABLE monitor_status (
    area_code   TEXT NOT NULL REFERENCES area (code) ON DELETE CASCADE,
    quarter     TEXT NOT NULL CHECK (length(quarter) = 6),
    phase       TEXT CHECK (phase IN ('predevelopment', 'take_off', 'acceleration',
                                      'stabilisation')),
    reasons     TEXT NOT NULL,
    vulnerable  INTEGER NOT NULL CHECK (vulnerable IN (0, 1)),
    low_income  INTEGER NOT NULL CHECK (low_income IN (0, 1)),
    raised      INTEGER NOT NULL CHECK (raised IN (0, 1)),
    signals     TEXT NOT NULL,
    computed_at BIGINT NOT NULL,
    PRIMARY KEY (area_code, quarter)
);
CREATE INDEX monitor_status_raised_idx ON monitor_status (raised, area_code);

-- Each run of the recompute: what it covered, when it started and ended.
CREATE TABLE monitor_run (
    id          INTEGER PRIMARY KEY,
    area_code   TEXT REFERENCES area (code) ON DELETE CASCADE,   -- NULL: every area
    full_run    INTEGER NOT NULL CHECK (full_run IN (0, 1)),
    started_at  BIGINT NOT NULL,
    finished_at BIGINT,
    value_count BIGINT NOT NULL DEFAULT 0 CHECK (value_count >= 0)
);
CREATE INDEX monitor_run_started_idx ON monitor_run (started_at);

-- A buurt flagged as vulnerable by an admin of its gemeente (policy
-- area.flag_vulnerable); unflagging deletes the row (the audit log keeps
-- the history).
CREATE TABLE area_vulnerable_flag (
    area_code  TEXT PRIMARY KEY REFERENCES area (code) ON DELETE CASCADE,
    reason     TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    flagged_by BIGINT REFERENCES person (id),   -- NULL: the console
    flagged_at BIGINT NOT NULL
);
CREATE INDEX area_vulnerable_flag_by_idx ON area_vulnerable_flag (flagged_by);

-- The age group a person chose to give (voluntary; the platform holds no
-- birth date), only for the representativeness indicator I14.
CREATE TABLE person_age_group (
    person_id  BIGINT PRIMARY KEY REFERENCES person (id),
    age_group  TEXT NOT NULL CHECK (age_group IN ('15_25', '25_45', '45_65', '65_plus')),
    updated_at BIGINT NOT NULL
);

-- What the recompute reads of other concepts' tables by initiative or
-- collective, where their own indexes are partial (active rows only).
CREATE INDEX monitor_initiator_idx ON initiative_initiator (initiative_id, since_at);
CREATE INDEX monitor_pledge_idx ON pledge (initiative_id, updated_at);
CREATE INDEX monitor_member_idx ON collective_member (collective_id, role, joined_at);
