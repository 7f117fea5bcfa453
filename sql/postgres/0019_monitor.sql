-- The transition monitor (DESIGN.md §5, docs/monitor.md): the indicators
-- per area per quarter as numerator and denominator with the time they
-- were computed, the phase and early warning per area per quarter, the
-- runs (for the incremental recompute), the vulnerable flags set by
-- municipality admins, and the voluntary age group of a person (I14).
--
-- The PostgreSQL twin of sql/sqlite/0019_monitor.sql: the same tables,
-- columns, keys, indexes and CHECKs (tests/unit/db/schema_parity_test.c).

-- The indicators of one area (buurt, wijk or gemeente) for the 12 months
-- ending with quarter ('2025Q3'): one row per area and quarter, four
-- columns per indicator (I1 .. I14, docs/monitor.md): <i>_num and <i>_den
-- the numerator and denominator (summed for a roll-up), <i>_value the
-- value (numerator / denominator x the indicator's scale), NULL when
-- <i>_sup says why there is none. One row per area and quarter rather than
-- per indicator keeps a full run of the whole country at ~400,000 rows
-- (docs/benchmarks.md, the monitor).
CREATE TABLE monitor_value (
    area_code   TEXT NOT NULL REFERENCES area (code) ON DELETE CASCADE,
    quarter     TEXT NOT NULL CHECK (length(quarter) = 6),
    i1_num DOUBLE PRECISION NOT NULL,
    i1_den DOUBLE PRECISION NOT NULL,
    i1_value DOUBLE PRECISION,
    i1_sup TEXT CHECK (i1_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i2_num DOUBLE PRECISION NOT NULL,
    i2_den DOUBLE PRECISION NOT NULL,
    i2_value DOUBLE PRECISION,
    i2_sup TEXT CHECK (i2_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i3_num DOUBLE PRECISION NOT NULL,
    i3_den DOUBLE PRECISION NOT NULL,
    i3_value DOUBLE PRECISION,
    i3_sup TEXT CHECK (i3_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i4_num DOUBLE PRECISION NOT NULL,
    i4_den DOUBLE PRECISION NOT NULL,
    i4_value DOUBLE PRECISION,
    i4_sup TEXT CHECK (i4_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i5_num DOUBLE PRECISION NOT NULL,
    i5_den DOUBLE PRECISION NOT NULL,
    i5_value DOUBLE PRECISION,
    i5_sup TEXT CHECK (i5_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i6_num DOUBLE PRECISION NOT NULL,
    i6_den DOUBLE PRECISION NOT NULL,
    i6_value DOUBLE PRECISION,
    i6_sup TEXT CHECK (i6_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i7_num DOUBLE PRECISION NOT NULL,
    i7_den DOUBLE PRECISION NOT NULL,
    i7_value DOUBLE PRECISION,
    i7_sup TEXT CHECK (i7_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i8a_num DOUBLE PRECISION NOT NULL,
    i8a_den DOUBLE PRECISION NOT NULL,
    i8a_value DOUBLE PRECISION,
    i8a_sup TEXT CHECK (i8a_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i8b_num DOUBLE PRECISION NOT NULL,
    i8b_den DOUBLE PRECISION NOT NULL,
    i8b_value DOUBLE PRECISION,
    i8b_sup TEXT CHECK (i8b_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i9_num DOUBLE PRECISION NOT NULL,
    i9_den DOUBLE PRECISION NOT NULL,
    i9_value DOUBLE PRECISION,
    i9_sup TEXT CHECK (i9_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i10_num DOUBLE PRECISION NOT NULL,
    i10_den DOUBLE PRECISION NOT NULL,
    i10_value DOUBLE PRECISION,
    i10_sup TEXT CHECK (i10_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i11a_num DOUBLE PRECISION NOT NULL,
    i11a_den DOUBLE PRECISION NOT NULL,
    i11a_value DOUBLE PRECISION,
    i11a_sup TEXT CHECK (i11a_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i11b_num DOUBLE PRECISION NOT NULL,
    i11b_den DOUBLE PRECISION NOT NULL,
    i11b_value DOUBLE PRECISION,
    i11b_sup TEXT CHECK (i11b_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i12_num DOUBLE PRECISION NOT NULL,
    i12_den DOUBLE PRECISION NOT NULL,
    i12_value DOUBLE PRECISION,
    i12_sup TEXT CHECK (i12_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i13_num DOUBLE PRECISION NOT NULL,
    i13_den DOUBLE PRECISION NOT NULL,
    i13_value DOUBLE PRECISION,
    i13_sup TEXT CHECK (i13_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    i14_num DOUBLE PRECISION NOT NULL,
    i14_den DOUBLE PRECISION NOT NULL,
    i14_value DOUBLE PRECISION,
    i14_sup TEXT CHECK (i14_sup IN ('few_inhabitants', 'few_contributors', 'no_denominator',
                                    'not_available')),
    computed_at BIGINT NOT NULL,
    PRIMARY KEY (area_code, quarter),
    CHECK ((i1_value IS NULL) = (i1_sup IS NOT NULL)),
    CHECK ((i2_value IS NULL) = (i2_sup IS NOT NULL)),
    CHECK ((i3_value IS NULL) = (i3_sup IS NOT NULL)),
    CHECK ((i4_value IS NULL) = (i4_sup IS NOT NULL)),
    CHECK ((i5_value IS NULL) = (i5_sup IS NOT NULL)),
    CHECK ((i6_value IS NULL) = (i6_sup IS NOT NULL)),
    CHECK ((i7_value IS NULL) = (i7_sup IS NOT NULL)),
    CHECK ((i8a_value IS NULL) = (i8a_sup IS NOT NULL)),
    CHECK ((i8b_value IS NULL) = (i8b_sup IS NOT NULL)),
    CHECK ((i9_value IS NULL) = (i9_sup IS NOT NULL)),
    CHECK ((i10_value IS NULL) = (i10_sup IS NOT NULL)),
    CHECK ((i11a_value IS NULL) = (i11a_sup IS NOT NULL)),
    CHECK ((i11b_value IS NULL) = (i11b_sup IS NOT NULL)),
    CHECK ((i12_value IS NULL) = (i12_sup IS NOT NULL)),
    CHECK ((i13_value IS NULL) = (i13_sup IS NOT NULL)),
    CHECK ((i14_value IS NULL) = (i14_sup IS NOT NULL))
);
-- The run reads the quarter a year back of every area (the early warning).
CREATE INDEX monitor_value_quarter_idx ON monitor_value (quarter);

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
    id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
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
