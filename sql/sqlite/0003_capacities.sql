-- Capacities (DESIGN.md §2): organisations (minimal), residencies and how
-- they are verified (letters with one-time codes, vouches), posts at
-- organisations, roles named by a platform admin, declarations of
-- conflicting interests, and moderation (reports, hidden content).
--
-- Rules that two requests could race on are constraints or conditional
-- writes (partial unique indexes, UPDATE ... WHERE status = ...), never a
-- read followed by a write, since PostgreSQL runs READ COMMITTED.
--
-- The PostgreSQL twin of this file (sql/postgres/0003_capacities.sql)
-- builds the same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

-- Organisations: the arena's actors. Minimal here (a later migration adds
-- services, locations and relations); posts and organisation admins point
-- to it.
CREATE TABLE organisation (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('institution', 'formal_association',
                                             'informal_group', 'existing_initiative',
                                             'business')),
    created_at BIGINT NOT NULL
);

-- Residency in a buurt, a popolo-like membership: requested, then verified
-- (by a municipality admin or the console, by a letter code, or by two
-- vouches), rejected or ended. start_at is when it began to count (its
-- verification), end_at when it was rejected or ended. vouches counts the
-- vouch rows, so that the second vouch verifies in one conditional UPDATE.
-- A person has at most one active (requested or verified) residency per
-- buurt: the partial unique index below.
CREATE TABLE residency (
    id           INTEGER PRIMARY KEY,
    person_id    BIGINT NOT NULL REFERENCES person (id),
    buurt_code   TEXT NOT NULL REFERENCES area (code),
    status       TEXT NOT NULL CHECK (status IN ('requested', 'verified', 'rejected', 'ended')),
    method       TEXT CHECK (method IN ('admin', 'letter', 'vouch')),
    verified_by  BIGINT REFERENCES person (id),   -- NULL: by letter, by vouches, or the console
    verified_at  BIGINT,
    vouches      INTEGER NOT NULL DEFAULT 0,
    requested_at BIGINT NOT NULL,
    start_at     BIGINT,
    end_at       BIGINT,
    CHECK ((method IS NULL) = (verified_at IS NULL))
);
CREATE UNIQUE INDEX residency_active_idx ON residency (person_id, buurt_code)
    WHERE status IN ('requested', 'verified');
CREATE INDEX residency_person_idx ON residency (person_id, status);
CREATE INDEX residency_buurt_idx ON residency (buurt_code, status);
CREATE INDEX residency_verified_by_idx ON residency (verified_by);

-- One-time codes printed on letters to addresses in a buurt: only the hash
-- of the code rests here; valid 30 days, single use. created_by NULL: made
-- at the console.
CREATE TABLE residency_letter (
    id         INTEGER PRIMARY KEY,
    code_hash  TEXT NOT NULL UNIQUE,
    buurt_code TEXT NOT NULL REFERENCES area (code),
    address    TEXT NOT NULL,
    created_by BIGINT REFERENCES person (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_by    BIGINT REFERENCES person (id),
    used_at    BIGINT,
    CHECK ((used_by IS NULL) = (used_at IS NULL))
);
CREATE INDEX residency_letter_created_by_idx ON residency_letter (created_by, id);
CREATE INDEX residency_letter_used_by_idx ON residency_letter (used_by);

-- A verified resident of the same buurt vouching for a residency request.
CREATE TABLE vouch (
    id           INTEGER PRIMARY KEY,
    residency_id BIGINT NOT NULL REFERENCES residency (id),
    voucher_id   BIGINT NOT NULL REFERENCES person (id),
    created_at   BIGINT NOT NULL,
    UNIQUE (residency_id, voucher_id)
);
CREATE INDEX vouch_voucher_idx ON vouch (voucher_id);

-- A post at an organisation: what makes a person a professional once that
-- organisation's admin confirmed it. At most one active post per person per
-- organisation.
CREATE TABLE post (
    id              INTEGER PRIMARY KEY,
    person_id       BIGINT NOT NULL REFERENCES person (id),
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    title           TEXT NOT NULL CHECK (title IN ('buurtcoordinator', 'welzijnswerker',
                                                   'zorgprofessional',
                                                   'bewonersvertegenwoordiger', 'huismeester',
                                                   'other')),
    status          TEXT NOT NULL CHECK (status IN ('requested', 'confirmed', 'ended')),
    confirmed_by    BIGINT REFERENCES person (id),
    requested_at    BIGINT NOT NULL,
    start_at        BIGINT,
    end_at          BIGINT
);
CREATE UNIQUE INDEX post_active_idx ON post (person_id, organisation_id)
    WHERE status IN ('requested', 'confirmed');
CREATE INDEX post_organisation_idx ON post (organisation_id, status);
CREATE INDEX post_confirmed_by_idx ON post (confirmed_by);

-- Roles named by a platform admin (the first one at the console). The scope
-- is the organisation of an organisation admin and the gemeente of a
-- municipality admin; the other roles have none. A role is held at most
-- once per scope while it is not revoked: the three partial indexes.
CREATE TABLE role_grant (
    id              INTEGER PRIMARY KEY,
    person_id       BIGINT NOT NULL REFERENCES person (id),
    role            TEXT NOT NULL CHECK (role IN ('organisation_admin', 'municipality_admin',
                                                  'moderator', 'platform_admin')),
    organisation_id BIGINT REFERENCES organisation (id),
    gemeente_code   TEXT REFERENCES area (code),
    granted_by      BIGINT REFERENCES person (id),   -- NULL: at the console
    granted_at      BIGINT NOT NULL,
    revoked_by      BIGINT REFERENCES person (id),
    revoked_at      BIGINT,
    CHECK ((role = 'organisation_admin') = (organisation_id IS NOT NULL)),
    CHECK ((role = 'municipality_admin') = (gemeente_code IS NOT NULL))
);
CREATE UNIQUE INDEX role_grant_org_idx ON role_grant (person_id, organisation_id)
    WHERE revoked_at IS NULL AND role = 'organisation_admin';
CREATE UNIQUE INDEX role_grant_muni_idx ON role_grant (person_id, gemeente_code)
    WHERE revoked_at IS NULL AND role = 'municipality_admin';
CREATE UNIQUE INDEX role_grant_plain_idx ON role_grant (person_id, role)
    WHERE revoked_at IS NULL AND role IN ('moderator', 'platform_admin');
CREATE INDEX role_grant_role_idx ON role_grant (role, revoked_at);
CREATE INDEX role_grant_granted_by_idx ON role_grant (granted_by);
CREATE INDEX role_grant_revoked_by_idx ON role_grant (revoked_by);

-- Declared conflicts of interest: a person ties themselves to an
-- organisation that facilitates or funds what they act on.
CREATE TABLE interest_declaration (
    id              INTEGER PRIMARY KEY,
    person_id       BIGINT NOT NULL REFERENCES person (id),
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    note            TEXT,
    declared_at     BIGINT NOT NULL
);
CREATE INDEX interest_declaration_person_idx ON interest_declaration (person_id, organisation_id);

-- Moderation. Content is identified by type and id, as in the audit log;
-- moderation never edits it: a report asks for a look, and content_hidden
-- says that (and why) it is hidden until it is shown again. At most one
-- standing hide per object.
CREATE TABLE content_report (
    id          INTEGER PRIMARY KEY,
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    reporter_id BIGINT NOT NULL REFERENCES person (id),
    reason      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'resolved'))
);
CREATE INDEX content_report_object_idx ON content_report (object_type, object_id, status);
CREATE INDEX content_report_status_idx ON content_report (status, id);
CREATE INDEX content_report_reporter_idx ON content_report (reporter_id);

CREATE TABLE content_hidden (
    id          INTEGER PRIMARY KEY,
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    hidden_by   BIGINT NOT NULL REFERENCES person (id),
    reason      TEXT NOT NULL CHECK (reason <> ''),
    hidden_at   BIGINT NOT NULL,
    unhidden_by BIGINT REFERENCES person (id),
    unhidden_at BIGINT,
    CHECK ((unhidden_by IS NULL) = (unhidden_at IS NULL))
);
CREATE UNIQUE INDEX content_hidden_standing_idx ON content_hidden (object_type, object_id)
    WHERE unhidden_at IS NULL;
CREATE INDEX content_hidden_by_idx ON content_hidden (hidden_by);
CREATE INDEX content_hidden_unhidden_by_idx ON content_hidden (unhidden_by);
