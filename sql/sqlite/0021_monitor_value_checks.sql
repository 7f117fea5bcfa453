-- monitor_value's suppression codes checked with comparisons instead of
-- IN lists (docs/benchmarks.md, the monitor). SQLite evaluates a CHECK's IN
-- list of constants by building a temporary index of the list for every
-- statement run, and a run inserts one row per statement: with fourteen
-- such CHECKs that was most of the cost of each row (31 microseconds
-- against 5.4 with comparisons), a sixth of a full run of the whole
-- country. The same codes are allowed; nothing else changes.
--
-- The SQLite twin of sql/postgres/0021_monitor_value_checks.sql (tests/unit/db/schema_parity_test.c).
-- SQLite cannot change a CHECK in place: the table is built anew, filled
-- and renamed, and its index made again.

CREATE TABLE monitor_value_new (
    area_code   TEXT NOT NULL REFERENCES area (code) ON DELETE CASCADE,
    quarter     TEXT NOT NULL CHECK (length(quarter) = 6),
    i1_num DOUBLE PRECISION NOT NULL,
    i1_den DOUBLE PRECISION NOT NULL,
    i1_value DOUBLE PRECISION,
    i1_sup TEXT CHECK (i1_sup = 'few_inhabitants' OR i1_sup = 'few_contributors' OR
                      i1_sup = 'no_denominator' OR i1_sup = 'not_available'),
    i2_num DOUBLE PRECISION NOT NULL,
    i2_den DOUBLE PRECISION NOT NULL,
    i2_value DOUBLE PRECISION,
    i2_sup TEXT CHECK (i2_sup = 'few_inhabitants' OR i2_sup = 'few_contributors' OR
                      i2_sup = 'no_denominator' OR i2_sup = 'not_available'),
    i3_num DOUBLE PRECISION NOT NULL,
    i3_den DOUBLE PRECISION NOT NULL,
    i3_value DOUBLE PRECISION,
    i3_sup TEXT CHECK (i3_sup = 'few_inhabitants' OR i3_sup = 'few_contributors' OR
                      i3_sup = 'no_denominator' OR i3_sup = 'not_available'),
    i4_num DOUBLE PRECISION NOT NULL,
    i4_den DOUBLE PRECISION NOT NULL,
    i4_value DOUBLE PRECISION,
    i4_sup TEXT CHECK (i4_sup = 'few_inhabitants' OR i4_sup = 'few_contributors' OR
                      i4_sup = 'no_denominator' OR i4_sup = 'not_available'),
    i5_num DOUBLE PRECISION NOT NULL,
    i5_den DOUBLE PRECISION NOT NULL,
    i5_value DOUBLE PRECISION,
    i5_sup TEXT CHECK (i5_sup = 'few_inhabitants' OR i5_sup = 'few_contributors' OR
                      i5_sup = 'no_denominator' OR i5_sup = 'not_available'),
    i6_num DOUBLE PRECISION NOT NULL,
    i6_den DOUBLE PRECISION NOT NULL,
    i6_value DOUBLE PRECISION,
    i6_sup TEXT CHECK (i6_sup = 'few_inhabitants' OR i6_sup = 'few_contributors' OR
                      i6_sup = 'no_denominator' OR i6_sup = 'not_available'),
    i7_num DOUBLE PRECISION NOT NULL,
    i7_den DOUBLE PRECISION NOT NULL,
    i7_value DOUBLE PRECISION,
    i7_sup TEXT CHECK (i7_sup = 'few_inhabitants' OR i7_sup = 'few_contributors' OR
                      i7_sup = 'no_denominator' OR i7_sup = 'not_available'),
    i8a_num DOUBLE PRECISION NOT NULL,
    i8a_den DOUBLE PRECISION NOT NULL,
    i8a_value DOUBLE PRECISION,
    i8a_sup TEXT CHECK (i8a_sup = 'few_inhabitants' OR i8a_sup = 'few_contributors' OR
                       i8a_sup = 'no_denominator' OR i8a_sup = 'not_available'),
    i8b_num DOUBLE PRECISION NOT NULL,
    i8b_den DOUBLE PRECISION NOT NULL,
    i8b_value DOUBLE PRECISION,
    i8b_sup TEXT CHECK (i8b_sup = 'few_inhabitants' OR i8b_sup = 'few_contributors' OR
                       i8b_sup = 'no_denominator' OR i8b_sup = 'not_available'),
    i9_num DOUBLE PRECISION NOT NULL,
    i9_den DOUBLE PRECISION NOT NULL,
    i9_value DOUBLE PRECISION,
    i9_sup TEXT CHECK (i9_sup = 'few_inhabitants' OR i9_sup = 'few_contributors' OR
                      i9_sup = 'no_denominator' OR i9_sup = 'not_available'),
    i10_num DOUBLE PRECISION NOT NULL,
    i10_den DOUBLE PRECISION NOT NULL,
    i10_value DOUBLE PRECISION,
    i10_sup TEXT CHECK (i10_sup = 'few_inhabitants' OR i10_sup = 'few_contributors' OR
                       i10_sup = 'no_denominator' OR i10_sup = 'not_available'),
    i11a_num DOUBLE PRECISION NOT NULL,
    i11a_den DOUBLE PRECISION NOT NULL,
    i11a_value DOUBLE PRECISION,
    i11a_sup TEXT CHECK (i11a_sup = 'few_inhabitants' OR i11a_sup = 'few_contributors' OR
                        i11a_sup = 'no_denominator' OR i11a_sup = 'not_available'),
    i11b_num DOUBLE PRECISION NOT NULL,
    i11b_den DOUBLE PRECISION NOT NULL,
    i11b_value DOUBLE PRECISION,
    i11b_sup TEXT CHECK (i11b_sup = 'few_inhabitants' OR i11b_sup = 'few_contributors' OR
                        i11b_sup = 'no_denominator' OR i11b_sup = 'not_available'),
    i12_num DOUBLE PRECISION NOT NULL,
    i12_den DOUBLE PRECISION NOT NULL,
    i12_value DOUBLE PRECISION,
    i12_sup TEXT CHECK (i12_sup = 'few_inhabitants' OR i12_sup = 'few_contributors' OR
                       i12_sup = 'no_denominator' OR i12_sup = 'not_available'),
    i13_num DOUBLE PRECISION NOT NULL,
    i13_den DOUBLE PRECISION NOT NULL,
    i13_value DOUBLE PRECISION,
    i13_sup TEXT CHECK (i13_sup = 'few_inhabitants' OR i13_sup = 'few_contributors' OR
                       i13_sup = 'no_denominator' OR i13_sup = 'not_available'),
    i14_num DOUBLE PRECISION NOT NULL,
    i14_den DOUBLE PRECISION NOT NULL,
    i14_value DOUBLE PRECISION,
    i14_sup TEXT CHECK (i14_sup = 'few_inhabitants' OR i14_sup = 'few_contributors' OR
                       i14_sup = 'no_denominator' OR i14_sup = 'not_available'),
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

INSERT INTO monitor_value_new SELECT * FROM monitor_value;
DROP TABLE monitor_value;
ALTER TABLE monitor_value_new RENAME TO monitor_value;
-- The run reads the quarter a year back of every area (the early warning).
CREATE INDEX monitor_value_quarter_idx ON monitor_value (quarter);
