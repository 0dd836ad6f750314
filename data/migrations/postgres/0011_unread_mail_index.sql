-- The daily sweep's unread e-mails of open cases (migrations/0011).
CREATE INDEX mails_unread ON mails (case_id) WHERE read_at = '';
