-- Offers, external decisions and notifications (DESIGN.md §2, invariants 3
-- and 4; issue 6): help from professionals and organisations enters an
-- initiative only as an offer an initiator answers; decisions by the
-- municipality or funders are recorded as events that never change an
-- initiative's state; and people hear inside the platform what concerns
-- them.
--
-- The PostgreSQL twin of this file (sql/postgres/0011_offers_notifications.sql) builds
-- the same tables, columns, keys, indexes and CHECKs; keep them equal
-- (tests/unit/db/schema_parity_test.c compares them).

-- Facilitation offers: a professional (acting as professional:<org>) or an
-- organisation admin offers an initiative coaching, a connection to another
-- organisation, hours or a room. capacity is the one it was made in, so
-- that the byline shows who offered it and for whom. Only an initiator
-- acting as resident answers it (answered_by, answered_at); its maker
-- withdraws it (answered_at then holds the withdrawal). The answer is a
-- conditional UPDATE on status = 'offered', so two answers cannot race.
CREATE TABLE offer (
    id                      INTEGER PRIMARY KEY,
    initiative_id           BIGINT NOT NULL REFERENCES initiative (id),
    person_id               BIGINT NOT NULL REFERENCES person (id),
    organisation_id         BIGINT NOT NULL REFERENCES organisation (id),
    capacity                TEXT NOT NULL,
    kind                    TEXT NOT NULL CHECK (kind IN ('coaching', 'connection', 'hours',
                                                          'room')),
    body                    TEXT NOT NULL,
    hours                   INTEGER CHECK (hours IS NULL OR (hours >= 1 AND hours <= 2000)),
    connect_organisation_id BIGINT REFERENCES organisation (id),
    status                  TEXT NOT NULL CHECK (status IN ('offered', 'accepted', 'declined',
                                                            'withdrawn')),
    created_at              BIGINT NOT NULL,
    answered_by             BIGINT REFERENCES person (id),
    answered_at             BIGINT,
    CHECK ((kind = 'hours') = (hours IS NOT NULL)),
    CHECK ((kind = 'connection') = (connect_organisation_id IS NOT NULL)),
    CHECK ((status = 'offered') = (answered_at IS NULL)),
    CHECK ((answered_by IS NOT NULL) = (status IN ('accepted', 'declined')))
);
CREATE INDEX offer_initiative_idx ON offer (initiative_id, status);
CREATE INDEX offer_person_idx ON offer (person_id);
CREATE INDEX offer_organisation_idx ON offer (organisation_id);
CREATE INDEX offer_connect_idx ON offer (connect_organisation_id);
CREATE INDEX offer_answered_by_idx ON offer (answered_by);

-- External decisions (DESIGN.md §2, invariant 4): a municipality's or a
-- funder's decision about an initiative, recorded by an admin of the
-- gemeente or organisation that took it. A record only: nothing reads it
-- to change an initiative. decided_on is the decision's date, YYYY-MM-DD.
CREATE TABLE external_event (
    id                         INTEGER PRIMARY KEY,
    initiative_id              BIGINT NOT NULL REFERENCES initiative (id),
    kind                       TEXT NOT NULL CHECK (kind IN ('subsidy_granted',
                                                             'subsidy_refused',
                                                             'permit_granted',
                                                             'permit_refused', 'other')),
    decided_by_organisation_id BIGINT REFERENCES organisation (id),
    decided_by_gemeente        TEXT REFERENCES area (code),
    decided_on                 TEXT NOT NULL CHECK (length(decided_on) = 10),
    body                       TEXT NOT NULL,
    recorded_by                BIGINT NOT NULL REFERENCES person (id),
    capacity                   TEXT NOT NULL,
    recorded_at                BIGINT NOT NULL,
    CHECK ((decided_by_organisation_id IS NULL) <> (decided_by_gemeente IS NULL))
);
CREATE INDEX external_event_initiative_idx ON external_event (initiative_id, decided_on);
CREATE INDEX external_event_organisation_idx ON external_event (decided_by_organisation_id);
CREATE INDEX external_event_recorded_by_idx ON external_event (recorded_by);

-- Notifications inside the platform: initiators hear of new pledges and
-- offers, pledgers of phase changes and tasks asked of them. detail is a
-- short text (a title, a phase name), never personal data beyond a display
-- name. The partial index makes the header's unread count one index probe.
CREATE TABLE notification (
    id            INTEGER PRIMARY KEY,
    person_id     BIGINT NOT NULL REFERENCES person (id),
    kind          TEXT NOT NULL CHECK (kind IN ('pledge_new', 'pledge_changed',
                                                'pledge_withdrawn', 'offer_new',
                                                'offer_accepted', 'offer_declined',
                                                'offer_withdrawn', 'phase_changed',
                                                'task_asked', 'task_assigned',
                                                'question_asked', 'question_answered',
                                                'external_recorded', 'initiative_frozen',
                                                'initiator_added')),
    initiative_id BIGINT REFERENCES initiative (id),
    detail        TEXT,
    created_at    BIGINT NOT NULL,
    read_at       BIGINT
);
CREATE INDEX notification_person_idx ON notification (person_id, id);
CREATE INDEX notification_unread_idx ON notification (person_id) WHERE read_at IS NULL;
CREATE INDEX notification_initiative_idx ON notification (initiative_id);
