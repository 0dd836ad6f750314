-- Rates before 2023, so that claims due since 2020 can bear interest, and a
-- note on values that need checking against the Journal officiel / ECB.
ALTER TABLE rates ADD COLUMN note TEXT NOT NULL DEFAULT '';

INSERT INTO rates (semester, legal_consumer_bp, legal_other_bp, ecb_bp, note) VALUES
    ('2020 S1', 315, 87, 0, 'Hors fiche de référence : à vérifier au Journal officiel'),
    ('2020 S2', 311, 84, 0, 'Hors fiche de référence : à vérifier au Journal officiel'),
    ('2021 S1', 314, 79, 0, 'Hors fiche de référence : à vérifier au Journal officiel'),
    ('2021 S2', 312, 76, 0, 'Hors fiche de référence : à vérifier au Journal officiel'),
    ('2022 S1', 313, 76, 0, 'Hors fiche de référence : à vérifier au Journal officiel'),
    ('2022 S2', 315, 77, 0, 'Hors fiche de référence : à vérifier au Journal officiel');

UPDATE rates SET note = 'Taux BCE non vérifié (fiche de référence)' WHERE semester IN ('2025 S2', '2026 S1');
