-- Collectives (DESIGN.md §3): trusts, communities, cooperatives,
-- bewonersbedrijven and informal groups of residents, with their members,
-- board, voting rule and statutes.
--
-- A collective works in an area, a buurt or a wijk. It is founded by at
-- least three verified residents of that area: the founder names two
-- co-founders (collective_member rows with status 'named'); each consents
-- by joining, and when two have joined the collective turns from
-- 'founding' to 'active' (activated_at). Founder and co-founders form the
-- first board (chair, secretary, treasurer); the board changes its roles
-- later.
--
-- A member is a voting member (role 'member', joined as a resident) or a
-- non-voting adviser (role 'adviser', a professional the board admitted);
-- capacity is the capacity joined in ("resident:BU03630101",
-- "professional:17"). Only members sit on the board: the CHECK. Whether at
-- least two thirds of the voting members are verified residents of the area
-- is not stored: it is computed when asked (model/collective.c), so that
-- ending a residency elsewhere counts at once.
--
-- Rules that two requests could race on are constraints (PostgreSQL runs
-- READ COMMITTED): one standing membership per person per collective, one
-- holder per board role.
--
-- The PostgreSQL twin of this file (sql/postgres/0008_collectives.sql)
-- builds the same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

CREATE TABLE collective (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (name <> ''),
    kind         TEXT NOT NULL CHECK (kind IN ('trust', 'community', 'cooperative',
                                               'bewonersbedrijf', 'informal_group')),
    area_code    TEXT NOT NULL REFERENCES area (code),
    voting_rule  TEXT NOT NULL CHECK (voting_rule IN ('majority', 'two_thirds', 'consensus')),
    statutes     TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('founding', 'active')),
    founded_by   BIGINT REFERENCES person (id),   -- NULL: the console (or the demo)
    created_at   BIGINT NOT NULL,
    activated_at BIGINT,
    CHECK ((status = 'active') = (activated_at IS NOT NULL))
);
CREATE INDEX collective_area_idx ON collective (area_code, id);
CREATE INDEX collective_founded_by_idx ON collective (founded_by);

-- A membership: named (a co-founder who has yet to consent; the board role
-- named rows carry counts once they join), joined, or left (a named
-- co-founder who leaves declines). joined_at and capacity are set when it
-- is joined, left_at when it is left.
CREATE TABLE collective_member (
    id            INTEGER PRIMARY KEY,
    collective_id BIGINT NOT NULL REFERENCES collective (id),
    person_id     BIGINT NOT NULL REFERENCES person (id),
    role          TEXT NOT NULL CHECK (role IN ('member', 'adviser')),
    board_role    TEXT CHECK (board_role IN ('chair', 'secretary', 'treasurer')),
    status        TEXT NOT NULL CHECK (status IN ('named', 'joined', 'left')),
    capacity      TEXT,                            -- NULL while named
    added_by      BIGINT REFERENCES person (id),   -- who named or admitted; NULL: oneself
    created_at    BIGINT NOT NULL,
    joined_at     BIGINT,
    left_at       BIGINT,
    CHECK (board_role IS NULL OR role = 'member'),
    CHECK (board_role IS NULL OR status <> 'left'),
    CHECK (status <> 'named' OR (joined_at IS NULL AND capacity IS NULL)),
    CHECK (status <> 'joined' OR (joined_at IS NOT NULL AND capacity IS NOT NULL)),
    CHECK ((status = 'left') = (left_at IS NOT NULL))
);
CREATE UNIQUE INDEX collective_member_standing_idx ON collective_member (collective_id, person_id)
    WHERE status IN ('named', 'joined');
CREATE UNIQUE INDEX collective_member_board_idx ON collective_member (collective_id, board_role)
    WHERE board_role IS NOT NULL;
CREATE INDEX collective_member_person_idx ON collective_member (person_id, status);
CREATE INDEX collective_member_added_by_idx ON collective_member (added_by);
