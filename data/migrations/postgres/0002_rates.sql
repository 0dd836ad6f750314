-- Reference rates per semester (migrations/sqlite/0002_rates.sql).
CREATE TABLE rates (
    semester          text COLLATE "C" PRIMARY KEY CHECK (semester ~ '^[12][0-9]{3} S[12]$'),
    legal_consumer_bp bigint,
    legal_other_bp    bigint,
    ecb_bp            bigint,
    CHECK ((legal_consumer_bp IS NULL) = (legal_other_bp IS NULL))
);

INSERT INTO rates (semester, legal_consumer_bp, legal_other_bp, ecb_bp) VALUES
    ('2023 S1', 447, 206, 250),
    ('2023 S2', 682, 422, 400),
    ('2024 S1', 801, 507, 450),
    ('2024 S2', 816, 492, 425),
    ('2025 S1', 721, 371, 315),
    ('2025 S2', 665, 276, 215),
    ('2026 S1', 667, 262, 215);
