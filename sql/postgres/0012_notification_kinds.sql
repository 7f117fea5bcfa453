-- Notifications about more than initiatives (issues 7, 8 and 9): activities,
-- decisions, conflict cases, agreements, rule-free zones and invitations
-- from matching. The kinds grow, and a notification may link to the page it
-- is about (path, a local path such as /activities/12; NULL: the
-- initiative's page, as before).
--
-- The SQLite twin of this file (sql/sqlite/0012_notification_kinds.sql)
-- ends with the same table; keep them equal (tests/unit/db/schema_parity_test.c).
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (
        'pledge_new', 'pledge_changed', 'pledge_withdrawn', 'offer_new',
        'offer_accepted', 'offer_declined', 'offer_withdrawn',
        'phase_changed', 'task_asked', 'task_assigned', 'question_asked',
        'question_answered', 'external_recorded', 'initiative_frozen',
        'initiator_added', 'activity_changed', 'activity_cancelled',
        'activity_place_offered', 'decision_opened', 'decision_closed',
        'decision_objection', 'conflict_raised', 'conflict_step',
        'agreement_version', 'agreement_signature_needed',
        'agreement_active', 'zone_requested', 'zone_decided',
        'zone_evaluation_due', 'match_invited', 'match_answered'));

ALTER TABLE notification ADD COLUMN path TEXT CHECK (path IS NULL OR (substr(path, 1, 1) = '/'
                                                     AND substr(path, 2, 1) <> '/'
                                                     AND length(path) <= 200));
