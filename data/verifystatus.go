package data

import (
	"context"
	"fmt"
	"time"

	"amiable/debt"
)

// VerifyStatus is where the scheduled check of the stored documents
// stands, for Paramètres › Tâche quotidienne.
type VerifyStatus struct {
	Every    int       // days between two complete passes (DailySettings.VerifyDays)
	Finished time.Time // end of the last complete pass; zero when none yet
	// Started is the start of the pass under way (zero when none), and
	// Checked how many documents it has read so far.
	Started time.Time
	Checked int
	Total   int // documents of the office
	// Problems is the number of documents found missing or altered whose
	// flag is still open (handled flags are not counted).
	Problems int
}

// VerifyStatus reports the check's schedule and its last result.
func (s *Store) VerifyStatus(ctx context.Context) (VerifyStatus, error) {
	var v VerifyStatus
	d, err := s.DailySettings(ctx)
	if err != nil {
		return v, err
	}
	v.Every = d.VerifyDays
	if v.Every <= 0 {
		v.Every = DefaultDailySettings().VerifyDays
	}
	var cursor int64
	var started, finished string
	if err := s.ro.QueryRowContext(ctx, "SELECT cursor, pass_started, pass_finished FROM evidence_checks").Scan(&cursor, &started, &finished); err != nil {
		return v, fmt.Errorf("evidence check: %w", err)
	}
	if finished != "" {
		v.Finished = parseInstant(finished)
	}
	if started != "" {
		v.Started = parseInstant(started)
	}
	if err := s.ro.QueryRowContext(ctx, "SELECT count(*), coalesce(sum(id <= ?), 0) FROM documents", cursor).Scan(&v.Total, &v.Checked); err != nil {
		return v, fmt.Errorf("documents: %w", err)
	}
	if err := s.ro.QueryRowContext(ctx, "SELECT count(*) FROM flags WHERE kind = ? AND state IN ('ouverte', 'reportee')", string(debt.FlagEvidence)).Scan(&v.Problems); err != nil {
		return v, fmt.Errorf("evidence flags: %w", err)
	}
	return v, nil
}
