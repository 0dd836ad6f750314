-- The formal notice's dates: legal interest runs from the sending (default)
-- or the first presentation (office setting). Set when the case moves to
-- "mise en demeure envoyée" and by the letter that issues the notice.
ALTER TABLE cases ADD COLUMN notice_sent TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN notice_presented TEXT NOT NULL DEFAULT '';
