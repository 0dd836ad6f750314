package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"amiable/debt"
)

// The case search reads case_words, one full-text document per case (its
// references and parties, journal and e-mails) under the rowid
// (status code << 32) | case id, and the words written since the document
// was last rebuilt, kept in pending_words by the triggers of migration 0012
// (see that file). Folding rebuilds the documents of the cases with pending
// rows and drops those rows.

// wordsCase is the case id of a case_words rowid, in SQL.
const wordsCase = "(rowid & 4294967295)"

// caseWordsDoc is the document of case c (in a query over cases c).
const caseWordsDoc = `coalesce((SELECT refs || ' ' || parties FROM case_fts WHERE rowid = c.id), '') || ' '
	|| coalesce((SELECT group_concat(text, ' ') FROM events WHERE case_id = c.id), '') || ' '
	|| coalesce((SELECT group_concat(subject || ' ' || body, ' ') FROM mails WHERE case_id = c.id), '')`

// foldInWrite is the most cases a write folds before it commits; a write
// that touched more (the daily sweep, a mail sync, an import) leaves them
// to the background folder.
const foldInWrite = 64

// foldDelay is how long the background folder waits after the last write
// that left words pending: a mail sync's messages are folded once it ends.
const foldDelay = 500 * time.Millisecond

// foldChunk is how many cases the background folder rebuilds per
// transaction: short enough not to hold up the office's writes.
const foldChunk = 256

// statusCodes reads the status codes of case_words' rowids, ascending,
// and the status of each.
func statusCodes(ctx context.Context, db *sql.DB) (codes []int64, statuses []debt.Status, err error) {
	rows, err := db.QueryContext(ctx, "SELECT code, status FROM case_status_codes ORDER BY code")
	if err != nil {
		return nil, nil, fmt.Errorf("status codes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code int64
		var st string
		if err := rows.Scan(&code, &st); err != nil {
			return nil, nil, err
		}
		codes, statuses = append(codes, code), append(statuses, debt.Status(st))
	}
	return codes, statuses, rows.Err()
}

// pendingCases returns up to limit cases with pending search words
// written after the pending row after, and whether there are more.
func pendingCases(ctx context.Context, tx *sql.Tx, after int64, limit int) ([]int64, bool, error) {
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT case_id FROM case_words_pending WHERE id > ? ORDER BY case_id LIMIT ?", after, limit+1)
	if err != nil {
		return nil, false, fmt.Errorf("pending search words: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, false, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if len(ids) > limit {
		return ids[:limit], true, nil
	}
	return ids, false, nil
}

// foldCases rebuilds the search documents of ids and drops their pending
// words.
func foldCases(ctx context.Context, tx *sql.Tx, ids []int64) error {
	for _, id := range ids {
		var old, key sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT key FROM case_words_keys WHERE case_id = c.id), (k.code << 32) | c.id
			FROM cases c LEFT JOIN case_status_codes k ON k.status = c.status WHERE c.id = ?`, id).Scan(&old, &key); err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("search words of case %d: %w", id, err)
		}
		if old.Valid {
			if _, err := tx.ExecContext(ctx, "DELETE FROM case_words WHERE rowid = ?", old.Int64); err != nil {
				return fmt.Errorf("search words of case %d: %w", id, err)
			}
		}
		if key.Valid {
			if _, err := tx.ExecContext(ctx, `INSERT INTO case_words (rowid, text, every) SELECT ?, `+caseWordsDoc+`, 'x' FROM cases c WHERE c.id = ?`, key.Int64, id); err != nil {
				return fmt.Errorf("search words of case %d: %w", id, err)
			}
			if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO case_words_keys (case_id, key) VALUES (?, ?)", id, key.Int64); err != nil {
				return fmt.Errorf("search words of case %d: %w", id, err)
			}
		} else if old.Valid { // a status without a code cannot be searched: never written by the store
			return fmt.Errorf("search words of case %d: status without a code", id)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM pending_words WHERE rowid IN (SELECT id FROM case_words_pending WHERE case_id = ?)", id); err != nil {
			return fmt.Errorf("search words of case %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM case_words_pending WHERE case_id = ?", id); err != nil {
			return fmt.Errorf("search words of case %d: %w", id, err)
		}
	}
	return nil
}

// lastPending is the id of the last pending row: the rows a write adds
// come after it.
func lastPending(ctx context.Context, tx *sql.Tx) (int64, error) {
	var id int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM case_words_pending").Scan(&id); err != nil {
		return 0, fmt.Errorf("pending search words: %w", err)
	}
	return id, nil
}

// foldPending folds in tx the cases of the pending rows after the row
// after (what a write just wrote), when there are at most limit, and
// reports whether there were more: then it folds none, and the caller
// leaves them to the background.
func foldPending(ctx context.Context, tx *sql.Tx, after int64, limit int) (bool, error) {
	ids, more, err := pendingCases(ctx, tx, after, limit)
	if err != nil || more {
		return more, err
	}
	return false, foldCases(ctx, tx, ids)
}

// rebuildCaseWords rewrites every case's search document at once (after
// the demo's bulk load, cheaper than case by case).
func rebuildCaseWords(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		"INSERT INTO case_words (case_words) VALUES ('delete-all')",
		"INSERT INTO pending_words (pending_words) VALUES ('delete-all')",
		"DELETE FROM case_words_pending",
		"DELETE FROM case_words_keys",
		`INSERT INTO case_words_keys (case_id, key)
			SELECT c.id, (k.code << 32) | c.id FROM cases c JOIN case_status_codes k ON k.status = c.status`,
		`INSERT INTO case_words (rowid, text, every)
			SELECT (k.code << 32) | c.id, ` + caseWordsDoc + `, 'x' FROM cases c JOIN case_status_codes k ON k.status = c.status`,
		"INSERT INTO case_words (case_words) VALUES ('optimize')",
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rebuild search words: %w", err)
		}
	}
	return nil
}

// folder folds pending search words in the background, one chunk of cases
// per transaction, after writes that left more than foldInWrite cases.
type folder struct {
	mu      sync.Mutex
	dirty   bool      // a write left pending words since the folder last looked
	last    time.Time // when
	hurry   bool      // someone waits for the folder: no delay
	running bool
	paused  int // bulk loads in progress (the demo): fold at their end
	closed  bool
	cancel  context.CancelFunc
	ctx     context.Context
	wg      sync.WaitGroup
}

// foldLater starts the background folder, or tells the running one to look
// again.
func (s *Store) foldLater() {
	f := &s.fold
	f.mu.Lock()
	defer f.mu.Unlock()
	f.dirty = true
	f.last = time.Now()
	if f.running || f.closed || f.paused > 0 {
		return
	}
	if f.ctx == nil {
		f.ctx, f.cancel = context.WithCancel(context.Background())
	}
	f.running = true
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		for {
			f.mu.Lock()
			if !f.dirty || f.closed || f.paused > 0 {
				f.running, f.hurry = false, false
				f.mu.Unlock()
				return
			}
			if wait := foldDelay - time.Since(f.last); wait > 0 && !f.hurry {
				f.mu.Unlock()
				select {
				case <-f.ctx.Done():
				case <-time.After(min(wait, 50*time.Millisecond)):
				}
				continue
			}
			f.dirty = false
			f.mu.Unlock()
			// An error (disk full, closing) leaves the words pending, where
			// the search still finds them; the next write tries again.
			_ = s.FoldSearch(f.ctx)
		}
	}()
}

// startSearch readies a store that writes: the status codes of the search
// documents, and the background folder when words were left pending (the
// program stopped before folding them).
func (s *Store) startSearch(ctx context.Context) error {
	if err := s.loadCodes(ctx); err != nil {
		return err
	}
	var pending bool
	if err := s.ro.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM case_words_pending)").Scan(&pending); err != nil {
		return fmt.Errorf("pending search words: %w", err)
	}
	if pending {
		s.foldLater()
	}
	return nil
}

// loadCodes reads the status codes of the search documents.
func (s *Store) loadCodes(ctx context.Context) (err error) {
	s.codes, s.statuses, err = statusCodes(ctx, s.ro)
	return err
}

// FoldSearch folds every pending search word now, one chunk of cases per
// transaction. The search finds pending words too; folding keeps it fast.
func (s *Store) FoldSearch(ctx context.Context) error {
	for {
		more := false
		err := s.rawWrite(ctx, func(tx *sql.Tx) error {
			ids, m, err := pendingCases(ctx, tx, 0, foldChunk)
			if err != nil {
				return err
			}
			more = m
			return foldCases(ctx, tx, ids)
		})
		if err != nil || !more {
			return err
		}
	}
}

// WaitFold has the background folder fold now and waits until it is idle
// (tests, benchmarks).
func (s *Store) WaitFold() {
	for {
		s.fold.mu.Lock()
		running := s.fold.running
		s.fold.hurry = running
		s.fold.mu.Unlock()
		if !running {
			return
		}
		s.fold.wg.Wait()
	}
}

// pauseFold stops background folding during a bulk load; resume undoes it.
func (s *Store) pauseFold() (resume func()) {
	s.fold.mu.Lock()
	s.fold.paused++
	s.fold.mu.Unlock()
	s.fold.wg.Wait()
	return func() {
		s.fold.mu.Lock()
		s.fold.paused--
		again := s.fold.dirty && s.fold.paused == 0
		s.fold.mu.Unlock()
		if again { // words left pending during the pause
			s.foldLater()
		}
	}
}

// stopFold stops the background folder for good (Close).
func (s *Store) stopFold() {
	s.fold.mu.Lock()
	s.fold.closed = true
	if s.fold.cancel != nil {
		s.fold.cancel()
	}
	s.fold.mu.Unlock()
	s.fold.wg.Wait()
}

// searchMatch is the case_words query of an FTS5 query m: its words in the
// documents' text (not the "every" column).
func searchMatch(m string) string { return "text : (" + m + ")" }

// searchMissing is the case_words query of the cases not matching m.
func searchMissing(m string) string { return "every : x NOT text : (" + m + ")" }

// filterColumns formats the FILTER columns counting case_words rowids r per
// status code, in the order of codes.
func filterColumns(col string, codes []int64) string {
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("count(*) FILTER (WHERE %s = %d)", col, c)
	}
	return strings.Join(parts, ", ")
}
