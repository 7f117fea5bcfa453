-- Notifications about more than initiatives (issues 7, 8 and 9): activities,
-- decisions, conflict cases, agreements, rule-free zones and invitations
-- from matching. The kinds grow, and a notification may link to the page it
-- is about (path, a local path such as /activities/12; NULL: the
-- initiative's page, as before). SQLite cannot change a CHECK in place, so
-- the table is rebuilt with its rows, ids and indexes kept.
--
-- The PostgreSQL twin of this file (sql/postgres/0012_notification_kinds.sql)
-- ends with the same table; keep them equal (tests/unit/db/schema_parity_test.c).
CREATE TABLE notification_next (
    id            INTEGER PRIMARY KEY,
    person_id     BIGINT NOT NULL REFERENCES person (id),
    kind          TEXT NOT NULL CHECK (kind IN (
        'pledge_new', 'pledge_changed', 'pledge_withdrawn', 'offer_new',
        'offer_accepted', 'offer_declined', 'offer_withdrawn',
        'phase_changed', 'task_asked', 'task_assigned', 'question_asked',
        'question_answered', 'external_recorded', 'initiative_frozen',
        'initiator_added', 'activity_changed', 'activity_cancelled',
        'activity_place_offered', 'decision_opened', 'decision_closed',
        'decision_objection', 'conflict_raised', 'conflict_step',
        'agreement_version', 'agreement_signature_needed',
        'agreement_active', 'zone_requested', 'zone_decided',
        'zone_evaluation_due', 'match_invited', 'match_answered')),
    initiative_id BIGINT REFERENCES initiative (id),
    detail        TEXT,
    created_at    BIGINT NOT NULL,
    read_at       BIGINT,
    path          TEXT CHECK (path IS NULL OR (substr(path, 1, 1) = '/'
                                               AND substr(path, 2, 1) <> '/'
                                               AND length(path) <= 200))
);

INSERT INTO notification_next (id, person_id, kind, initiative_id, detail, created_at, read_at)
SELECT id, person_id, kind, initiative_id, detail, created_at, read_at FROM notification;

DROP TABLE notification;
ALTER TABLE notification_next RENAME TO notification;

CREATE INDEX notification_person_idx ON notification (person_id, id);
CREATE INDEX notification_unread_idx ON notification (person_id) WHERE read_at IS NULL;
CREATE INDEX notification_initiative_idx ON notification (initiative_id);
