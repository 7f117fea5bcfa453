-- Organisation profiles (DESIGN.md §3, the arena): what an organisation
-- tells about itself -- a description, how to reach it (website, e-mail,
-- phone, visiting address), its legal form and its number in the Dutch
-- chamber of commerce (KvK) where it has one -- and the areas it serves.
--
-- A KvK number belongs to one organisation: the unique index settles two
-- registrations racing for the same number (PostgreSQL runs READ
-- COMMITTED). Informal groups have neither a legal form nor a KvK number;
-- the model says so with a message, the CHECKs only guard the form of what
-- is stored.
--
-- The SQLite twin of this file (sql/sqlite/0005_organisation_profile.sql)
-- builds the same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

ALTER TABLE organisation ADD COLUMN description TEXT;
ALTER TABLE organisation ADD COLUMN website TEXT;
ALTER TABLE organisation ADD COLUMN email TEXT;
ALTER TABLE organisation ADD COLUMN phone TEXT;
ALTER TABLE organisation ADD COLUMN street TEXT;
ALTER TABLE organisation ADD COLUMN postal_code TEXT;
ALTER TABLE organisation ADD COLUMN city TEXT;
ALTER TABLE organisation ADD COLUMN legal_form TEXT
    CHECK (legal_form IN ('stichting', 'vereniging', 'cooperatie', 'bv', 'nv', 'vof',
                          'eenmanszaak', 'maatschap', 'other'));
ALTER TABLE organisation ADD COLUMN kvk TEXT CHECK (length(kvk) = 8);
CREATE UNIQUE INDEX organisation_kvk_idx ON organisation (kvk);
CREATE INDEX organisation_name_idx ON organisation (name, id);
CREATE INDEX organisation_kind_idx ON organisation (kind, name, id);

-- The areas (gemeente, wijk or buurt codes) an organisation serves.
CREATE TABLE organisation_area (
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    area_code       TEXT NOT NULL REFERENCES area (code),
    PRIMARY KEY (organisation_id, area_code)
);
CREATE INDEX organisation_area_area_idx ON organisation_area (area_code, organisation_id);
