-- Reference rates per semester, in basis points (4,47 % = 447), seeded from
-- the domain brief (legal.md §3). NULL means "not published / not entered":
-- a computation needing it fails with a message naming the semester.
CREATE TABLE rates (
    semester          TEXT PRIMARY KEY CHECK (semester GLOB '[12][0-9][0-9][0-9] S[12]'),
    legal_consumer_bp INTEGER,
    legal_other_bp    INTEGER,
    ecb_bp            INTEGER,
    CHECK ((legal_consumer_bp IS NULL) = (legal_other_bp IS NULL))
) STRICT;

INSERT INTO rates (semester, legal_consumer_bp, legal_other_bp, ecb_bp) VALUES
    ('2023 S1', 447, 206, 250),
    ('2023 S2', 682, 422, 400),
    ('2024 S1', 801, 507, 450),
    ('2024 S2', 816, 492, 425),
    ('2025 S1', 721, 371, 315),
    ('2025 S2', 665, 276, 215),
    ('2026 S1', 667, 262, 215);
