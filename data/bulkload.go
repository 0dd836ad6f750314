package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"sync"
	"time"

	"amiable/debt"
	"amiable/mailsync"
)

// The bulk loader fills an empty base with many records at once (the demo
// office, package demo): the records the store's own methods write, in
// batches of one write transaction each, without the per-record checks
// and reloads of the methods a person's action goes through. Each method
// writes what the store's ordinary path writes for the same record (the
// same helpers), so the base is the same as if typed in.

// Loader is one write transaction of a bulk load.
type Loader struct {
	ctx context.Context
	tx  *sql.Tx
	s   *Store
}

// Load runs fn in one write transaction (on either engine).
func (s *Store) Load(ctx context.Context, fn func(l *Loader) error) error {
	return s.write(ctx, func(tx *sql.Tx) error { return fn(&Loader{ctx: ctx, tx: tx, s: s}) })
}

// PauseSearchWords holds back the folding of search words during a long
// load (resume folds them); the load ends with RebuildSearchWords.
func (s *Store) PauseSearchWords() (resume func()) { return s.pauseFold() }

// PutSetting stores a setting's value, not journaled.
func (l *Loader) PutSetting(key string, v any) error { return putSetting(l.ctx, l.tx, key, v) }

// AddRateIfMissing records a semester's rates unless that semester has some.
func (l *Loader) AddRateIfMissing(r debt.SemesterRates, note string) error {
	_, err := l.tx.ExecContext(l.ctx, `INSERT INTO rates (semester, legal_consumer_bp, legal_other_bp, ecb_bp, note)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, r.Semester.String(), r.LegalConsumerBP, r.LegalOtherBP, r.ECBBP, note)
	return err
}

// AddParty saves a new party and returns its id.
func (l *Loader) AddParty(p debt.Party, at time.Time) (int64, error) {
	return saveParty(l.ctx, l.tx, p, at)
}

// AddCase gives c the next reference of its opening year and saves it,
// without its claim lines; it returns the id and the reference.
func (l *Loader) AddCase(c debt.Case, at time.Time) (int64, string, error) {
	ref, err := nextRef(l.ctx, l.tx, c.Opened.Year())
	if err != nil {
		return 0, "", err
	}
	c.Ref = ref
	id, err := insertCase(l.ctx, l.tx, c, at)
	return id, ref, err
}

// AddClaimLine adds a claim line to a case (RefreshTotals afterwards).
func (l *Loader) AddClaimLine(caseID int64, line debt.ClaimLine, at time.Time) (int64, error) {
	return insertLine(l.ctx, l.tx, caseID, line, at)
}

// RefreshTotals recomputes a case's figures in the case list.
func (l *Loader) RefreshTotals(caseID int64) error { return refreshTotals(l.ctx, l.tx, caseID) }

// IndexCase writes a case's search words: its references and parties.
func (l *Loader) IndexCase(caseID int64, refs string, parties []debt.Party) error {
	return writeCaseIndex(l.ctx, l.tx, caseID, refs, parties)
}

// Case loads a case whole, as written so far.
func (l *Loader) Case(id int64) (debt.Case, error) { return loadCase(l.ctx, l.tx, id) }

// AddDocument records a document whose content is in the store already
// (a BlobQueue's Put).
func (l *Loader) AddDocument(d debt.Document, author string) (int64, error) {
	return insertDocument(l.ctx, l.tx, d, author)
}

// AddEvent appends a journal entry.
func (l *Loader) AddEvent(e debt.Event) (int64, error) { return insertEvent(l.ctx, l.tx, e) }

// SetNoticeSent records the day a case's formal notice went out.
func (l *Loader) SetNoticeSent(caseID int64, d debt.Date) error {
	_, err := l.tx.ExecContext(l.ctx, "UPDATE cases SET notice_sent = ? WHERE id = ?", d.ISO(), caseID)
	return err
}

// AddPayment records a payment on c (allocated as RecordPayment does) and
// returns it with the journal's description of its allocation.
func (l *Loader) AddPayment(c debt.Case, in PaymentInput, author string, at time.Time) (Payment, string, error) {
	p, _, err := insertPayment(l.ctx, l.tx, c, in, author, at)
	if err != nil {
		return p, "", err
	}
	return p, describeAllocation(p.Allocation), nil
}

// Statement is c's statement on d, with the payments written so far.
func (l *Loader) Statement(c debt.Case, d debt.Date) (debt.Statement, error) {
	st, _, err := statementTx(l.ctx, l.tx, c, d)
	return st, err
}

// LastPaymentDay is the day of c's latest payment (zero when none).
func (l *Loader) LastPaymentDay(caseID int64) (debt.Date, error) {
	var last sql.NullString
	if err := l.tx.QueryRowContext(l.ctx, "SELECT max(received) FROM payments WHERE case_id = ?", caseID).Scan(&last); err != nil || !last.Valid {
		return debt.Date{}, err
	}
	return mustDate(last.String), nil
}

// SetBalance sets the case list's balance of a case and its next plan
// deadline (what RefreshTotals does, from a statement already computed).
func (l *Loader) SetBalance(caseID int64, balance debt.Cents) error {
	next, err := planNextDue(l.ctx, l.tx, caseID)
	if err != nil {
		return err
	}
	_, err = l.tx.ExecContext(l.ctx, "UPDATE cases SET balance_cents = ?, next_deadline = ? WHERE id = ?", int64(balance), next.ISO(), caseID)
	return err
}

// AddPlan records a plan (grace days before an instalment is late),
// replacing the plan replaces when not zero; it returns the plan's id.
func (l *Loader) AddPlan(caseID int64, base debt.Date, spec debt.PlanSpec, inst []debt.Instalment, grace int, replaces int64, author string, at time.Time) (int64, error) {
	var prev sql.NullInt64
	if replaces != 0 {
		prev = sql.NullInt64{Int64: replaces, Valid: true}
	}
	return insertPlan(l.ctx, l.tx, caseID, base, spec, inst, grace, prev, author, at)
}

// SignPlan records the day the debtor signed a plan.
func (l *Loader) SignPlan(planID int64, d debt.Date) error {
	_, err := l.tx.ExecContext(l.ctx, "UPDATE plans SET signed_on = ? WHERE id = ?", d.ISO(), planID)
	return err
}

// ClosePlan ends a plan on d for the reason given.
func (l *Loader) ClosePlan(planID int64, d debt.Date, reason string) error {
	_, err := l.tx.ExecContext(l.ctx, "UPDATE plans SET closed_on = ?, close_reason = ? WHERE id = ?", d.ISO(), reason, planID)
	return err
}

// HeldFor is what the office holds for a creditor from the payments
// received up to d (before any remittance).
func (l *Loader) HeldFor(creditorID int64, d debt.Date) (debt.Cents, error) {
	var held debt.Cents
	err := l.tx.QueryRowContext(l.ctx, `SELECT coalesce(sum(p.amount_cents - p.credit_cents), 0) FROM payments p JOIN cases k ON k.id = p.case_id
		WHERE k.creditor_id = ? AND +p.cancels IS NULL AND p.received <= ?`, creditorID, d.ISO()).Scan(&held)
	return held, err
}

// AddRemittance records a transfer of funds to a creditor.
func (l *Loader) AddRemittance(creditorID int64, sent debt.Date, amount debt.Cents, ref, author string, at time.Time) error {
	_, err := l.tx.ExecContext(l.ctx, `INSERT INTO remittances (creditor_id, sent, amount_cents, reference, created_at, author) VALUES (?,?,?,?,?,?)`,
		creditorID, sent.ISO(), int64(amount), ref, instant(at), author)
	return err
}

// LoadedAttachment is a mail's attachment already in the document store.
type LoadedAttachment struct {
	SHA256     string
	Size       int64
	Attachment mailsync.Attachment
}

// FileMail records a received message whose raw bytes and attachments are
// in the document store already, as MailStore.File does (its case's
// journal entry included), received at at; it returns the mail's id.
func (l *Loader) FileMail(fm mailsync.FiledMessage, rawSum string, rawSize int64, atts []LoadedAttachment, at time.Time) (int64, error) {
	blobs := make([]mailBlob, len(atts))
	for i, a := range atts {
		blobs[i] = mailBlob{a.SHA256, a.Size, a.Attachment}
	}
	return fileMailTx(l.ctx, l.tx, fm, rawSum, rawSize, blobs, at)
}

// SetFolderState records a mail folder's sync bookkeeping.
func (l *Loader) SetFolderState(account, folder string, st mailsync.FolderState) error {
	return setFolderState(l.ctx, l.tx, account, folder, st)
}

// MarkMailsReadBefore marks read every mail received before t.
func (l *Loader) MarkMailsReadBefore(t time.Time) error {
	_, err := l.tx.ExecContext(l.ctx, "UPDATE mails SET read_at = received_at WHERE received_at < ? AND read_at = ''", instant(t))
	return err
}

// RebuildSearchWords rewrites every case's search words at once (SQLite;
// the shared base's triggers kept them up to date).
func (l *Loader) RebuildSearchWords() error {
	return l.s.dialect().rebuildWords(l.ctx, l.tx)
}

// BlobQueue writes documents to the store on other goroutines while a
// bulk load goes on with the database: the file system (or the blobs
// table, on other connections of the shared base) and the database then
// work at the same time. Identical contents are written once.
type BlobQueue struct {
	put1 func(b []byte) error
	ch   chan []byte
	wg   sync.WaitGroup
	seen map[[32]byte]bool
	mu   sync.Mutex
	err  error
	once sync.Once
}

// NewBlobQueue starts workers writers; Close waits for them.
func (s *Store) NewBlobQueue(workers int) *BlobQueue {
	put1 := func(b []byte) error {
		_, _, err := putBlobFast(s.docDir, bytes.NewReader(b))
		return err
	}
	if s.IsShared() {
		put1 = func(b []byte) error {
			_, _, err := s.PutBlob(bytes.NewReader(b))
			return err
		}
	}
	w := &BlobQueue{put1: put1, ch: make(chan []byte, 256), seen: map[[32]byte]bool{}}
	for range workers {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for b := range w.ch {
				if err := w.put1(b); err != nil {
					w.mu.Lock()
					if w.err == nil {
						w.err = err
					}
					w.mu.Unlock()
				}
			}
		}()
	}
	return w
}

// Put queues b and returns its SHA-256 and size, the names the database
// records.
func (w *BlobQueue) Put(b []byte) (string, int64) {
	sum := sha256.Sum256(b)
	if !w.seen[sum] {
		w.seen[sum] = true
		w.ch <- b
	}
	return hex.EncodeToString(sum[:]), int64(len(b))
}

// Close waits for every queued document and returns the first error.
// Closing twice is harmless.
func (w *BlobQueue) Close() error {
	w.once.Do(func() { close(w.ch) })
	w.wg.Wait()
	return w.Failed()
}

// Failed reports a write error so far, so that a load stops early on a
// full disk.
func (w *BlobQueue) Failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}
