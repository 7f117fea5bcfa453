-- The low-income shares an early warning was judged on (DESIGN.md §5,
-- docs/monitor.md): the buurt's share of low-income households and the
-- national share (the configured one, else the households-weighted share
-- over every buurt) as the run used them, in % of households; NULL when
-- unknown or for a wijk or gemeente. The pages show these instead of
-- summing every buurt's figures for each view.
--
-- The SQLite twin of sql/postgres/0020_monitor_shares.sql (tests/unit/db/schema_parity_test.c).

ALTER TABLE monitor_status ADD COLUMN low_income_share DOUBLE PRECISION;
ALTER TABLE monitor_status ADD COLUMN national_share DOUBLE PRECISION;
