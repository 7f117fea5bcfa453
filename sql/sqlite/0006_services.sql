-- Services of the arena's organisations, shaped after Open Referral HSDS 3
-- (service, location, service_at_location, schedule, contact, language,
-- accessibility, cost_option): what an organisation offers, where, when,
-- in which languages, how accessible and at what cost. Reading is public;
-- writing is for the organisation's admins (organisation.manage_services)
-- and the console, through src/model/service*.c, each write with its audit
-- entry.
--
-- Keys are integers as everywhere else. The HSDS export gives every row a
-- stable UUID derived from its table and id (src/model/hsds.h), so no UUID
-- is stored here. No column refers to a person: who wrote what is in the
-- audit log.
--
-- Schedules follow RFC 5545 RRULE parts (FREQ, INTERVAL, BYDAY, BYMONTHDAY,
-- BYMONTH, COUNT, UNTIL) with opening and closing times in local time
-- (Europe/Amsterdam); src/model/schedule.c refuses a rule that can never
-- occur before it reaches this table. A schedule belongs to a service or to
-- one service at one location, never both.
--
-- The PostgreSQL twin of this file (sql/postgres/0006_services.sql) builds
-- the same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

CREATE TABLE service (
    id              INTEGER PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    name            TEXT NOT NULL CHECK (name <> ''),
    description     TEXT,
    url             TEXT,
    email           TEXT,
    status          TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'defunct',
                                                    'temporarily closed')),
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX service_organisation_idx ON service (organisation_id, name);
CREATE INDEX service_name_idx ON service (name, id);

-- A place where an organisation works: its address, the area (usually a
-- buurt) it lies in, and where it is on the map when known.
CREATE TABLE location (
    id              INTEGER PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    name            TEXT NOT NULL CHECK (name <> ''),
    description     TEXT,
    street          TEXT,
    postal_code     TEXT,
    city            TEXT,
    area_code       TEXT REFERENCES area (code),
    latitude        DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90),
    longitude       DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180),
    created_at      BIGINT NOT NULL,
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX location_organisation_idx ON location (organisation_id, name);
CREATE INDEX location_area_idx ON location (area_code);

CREATE TABLE service_at_location (
    id          INTEGER PRIMARY KEY,
    service_id  BIGINT NOT NULL REFERENCES service (id),
    location_id BIGINT NOT NULL REFERENCES location (id),
    description TEXT,
    created_at  BIGINT NOT NULL,
    UNIQUE (service_id, location_id)
);
CREATE INDEX service_at_location_location_idx ON service_at_location (location_id);

CREATE TABLE schedule (
    id                     INTEGER PRIMARY KEY,
    service_id             BIGINT REFERENCES service (id),
    service_at_location_id BIGINT REFERENCES service_at_location (id),
    freq                   TEXT NOT NULL CHECK (freq IN ('WEEKLY', 'MONTHLY')),
    interval_n             INTEGER NOT NULL DEFAULT 1 CHECK (interval_n BETWEEN 1 AND 99),
    byday                  TEXT,
    bymonthday             TEXT,
    bymonth                TEXT,
    dtstart                TEXT NOT NULL,
    until                  TEXT,
    count_n                INTEGER CHECK (count_n BETWEEN 1 AND 1000),
    opens_at               TEXT NOT NULL,
    closes_at              TEXT NOT NULL,
    valid_from             TEXT,
    valid_to               TEXT,
    description            TEXT,
    created_at             BIGINT NOT NULL,
    CHECK ((service_id IS NULL) <> (service_at_location_id IS NULL)),
    CHECK (until IS NULL OR count_n IS NULL),
    CHECK (closes_at > opens_at)
);
CREATE INDEX schedule_service_idx ON schedule (service_id);
CREATE INDEX schedule_service_at_location_idx ON schedule (service_at_location_id);

-- Someone to ask about a service; the phone number is kept as written.
CREATE TABLE service_contact (
    id         INTEGER PRIMARY KEY,
    service_id BIGINT NOT NULL REFERENCES service (id),
    name       TEXT,
    title      TEXT,
    email      TEXT,
    phone      TEXT,
    created_at BIGINT NOT NULL,
    CHECK (name IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL)
);
CREATE INDEX service_contact_service_idx ON service_contact (service_id);

-- The languages a service is given in: BCP 47 tags ("nl", "en", "tr").
CREATE TABLE service_language (
    id         INTEGER PRIMARY KEY,
    service_id BIGINT NOT NULL REFERENCES service (id),
    code       TEXT NOT NULL,
    UNIQUE (service_id, code)
);
CREATE INDEX service_language_code_idx ON service_language (code, service_id);

-- How accessible a location is (a step-free entrance, a hearing loop).
CREATE TABLE location_accessibility (
    id          INTEGER PRIMARY KEY,
    location_id BIGINT NOT NULL REFERENCES location (id),
    description TEXT NOT NULL CHECK (description <> ''),
    details     TEXT
);
CREATE INDEX location_accessibility_location_idx ON location_accessibility (location_id);

-- What a service costs: an amount in euro cents (NULL: see the description;
-- 0: free) and what it is for.
CREATE TABLE cost_option (
    id                 INTEGER PRIMARY KEY,
    service_id         BIGINT NOT NULL REFERENCES service (id),
    option_text        TEXT,
    amount_cents       BIGINT CHECK (amount_cents >= 0),
    currency           TEXT NOT NULL DEFAULT 'EUR',
    amount_description TEXT,
    created_at         BIGINT NOT NULL
);
CREATE INDEX cost_option_service_idx ON cost_option (service_id);
