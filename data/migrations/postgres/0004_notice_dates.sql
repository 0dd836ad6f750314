-- Same SQL as migrations/0004_notice_dates.sql (portable as written).
-- The formal notice's dates: legal interest runs from the sending (default)
-- or the first presentation (office setting). Set when the case moves to
-- "mise en demeure envoyée" and by the letter that issues the notice.
ALTER TABLE cases ADD COLUMN notice_sent text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN notice_presented text COLLATE "C" NOT NULL DEFAULT '';
