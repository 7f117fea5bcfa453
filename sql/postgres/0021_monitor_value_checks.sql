-- monitor_value's suppression codes checked with comparisons instead of
-- IN lists (docs/benchmarks.md, the monitor). SQLite evaluates a CHECK's IN
-- list of constants by building a temporary index of the list for every
-- statement run, and a run inserts one row per statement: with fourteen
-- such CHECKs that was most of the cost of each row (31 microseconds
-- against 5.4 with comparisons), a sixth of a full run of the whole
-- country. The same codes are allowed; nothing else changes.
--
-- The PostgreSQL twin of sql/sqlite/0021_monitor_value_checks.sql (tests/unit/db/schema_parity_test.c).
-- PostgreSQL has no such cost; its CHECKs are written the same way so that
-- both schemas say the same.

ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i1_sup_check,
    ADD CONSTRAINT monitor_value_i1_sup_check CHECK (i1_sup = 'few_inhabitants' OR
        i1_sup = 'few_contributors' OR i1_sup = 'no_denominator' OR i1_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i2_sup_check,
    ADD CONSTRAINT monitor_value_i2_sup_check CHECK (i2_sup = 'few_inhabitants' OR
        i2_sup = 'few_contributors' OR i2_sup = 'no_denominator' OR i2_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i3_sup_check,
    ADD CONSTRAINT monitor_value_i3_sup_check CHECK (i3_sup = 'few_inhabitants' OR
        i3_sup = 'few_contributors' OR i3_sup = 'no_denominator' OR i3_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i4_sup_check,
    ADD CONSTRAINT monitor_value_i4_sup_check CHECK (i4_sup = 'few_inhabitants' OR
        i4_sup = 'few_contributors' OR i4_sup = 'no_denominator' OR i4_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i5_sup_check,
    ADD CONSTRAINT monitor_value_i5_sup_check CHECK (i5_sup = 'few_inhabitants' OR
        i5_sup = 'few_contributors' OR i5_sup = 'no_denominator' OR i5_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i6_sup_check,
    ADD CONSTRAINT monitor_value_i6_sup_check CHECK (i6_sup = 'few_inhabitants' OR
        i6_sup = 'few_contributors' OR i6_sup = 'no_denominator' OR i6_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i7_sup_check,
    ADD CONSTRAINT monitor_value_i7_sup_check CHECK (i7_sup = 'few_inhabitants' OR
        i7_sup = 'few_contributors' OR i7_sup = 'no_denominator' OR i7_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i8a_sup_check,
    ADD CONSTRAINT monitor_value_i8a_sup_check CHECK (i8a_sup = 'few_inhabitants' OR
        i8a_sup = 'few_contributors' OR i8a_sup = 'no_denominator' OR i8a_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i8b_sup_check,
    ADD CONSTRAINT monitor_value_i8b_sup_check CHECK (i8b_sup = 'few_inhabitants' OR
        i8b_sup = 'few_contributors' OR i8b_sup = 'no_denominator' OR i8b_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i9_sup_check,
    ADD CONSTRAINT monitor_value_i9_sup_check CHECK (i9_sup = 'few_inhabitants' OR
        i9_sup = 'few_contributors' OR i9_sup = 'no_denominator' OR i9_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i10_sup_check,
    ADD CONSTRAINT monitor_value_i10_sup_check CHECK (i10_sup = 'few_inhabitants' OR
        i10_sup = 'few_contributors' OR i10_sup = 'no_denominator' OR i10_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i11a_sup_check,
    ADD CONSTRAINT monitor_value_i11a_sup_check CHECK (i11a_sup = 'few_inhabitants' OR
        i11a_sup = 'few_contributors' OR i11a_sup = 'no_denominator' OR i11a_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i11b_sup_check,
    ADD CONSTRAINT monitor_value_i11b_sup_check CHECK (i11b_sup = 'few_inhabitants' OR
        i11b_sup = 'few_contributors' OR i11b_sup = 'no_denominator' OR i11b_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i12_sup_check,
    ADD CONSTRAINT monitor_value_i12_sup_check CHECK (i12_sup = 'few_inhabitants' OR
        i12_sup = 'few_contributors' OR i12_sup = 'no_denominator' OR i12_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i13_sup_check,
    ADD CONSTRAINT monitor_value_i13_sup_check CHECK (i13_sup = 'few_inhabitants' OR
        i13_sup = 'few_contributors' OR i13_sup = 'no_denominator' OR i13_sup = 'not_available');
ALTER TABLE monitor_value DROP CONSTRAINT monitor_value_i14_sup_check,
    ADD CONSTRAINT monitor_value_i14_sup_check CHECK (i14_sup = 'few_inhabitants' OR
        i14_sup = 'few_contributors' OR i14_sup = 'no_denominator' OR i14_sup = 'not_available');
