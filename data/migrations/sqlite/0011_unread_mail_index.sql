-- The daily sweep flags the unread e-mails of open cases: this partial index
-- holds only the unread ones, so the sweep no longer reads every mail (and
-- its text) of the office each morning.
CREATE INDEX mails_unread ON mails (case_id) WHERE read_at = '';
