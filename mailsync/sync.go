package mailsync

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// FolderState is the bookkeeping of one folder of one account.
type FolderState struct {
	UIDValidity uint32 `json:"uid_validity"`
	// LastUID is the highest UID filed or recognised as a duplicate under
	// UIDValidity; the next pass fetches only UIDs above it.
	LastUID uint32 `json:"last_uid"`
}

// FiledMessage is one message to store, with its place on the server.
type FiledMessage struct {
	Account      string    // Account.Key()
	Folder       string    // IMAP folder name
	UIDValidity  uint32    // of the folder when fetched
	UID          uint32    // of the message under UIDValidity
	InternalDate time.Time // arrival on the server: the date to use when Message.Date is zero
	Raw          []byte    // exact bytes fetched: keep them as the evidence file
	Message      Message   // parsed: Key, headers, text, attachments, warnings
	Decision     Decision  // the case, or triage with its reason
}

// ErrDuplicate may be returned (wrapped) by Store.File when a message with
// the same key is already held; the pass counts it as a duplicate.
var ErrDuplicate = errors.New("message already held")

// Store is what a sync pass needs from storage. Besides the Facts for
// matching, it keeps per-folder bookkeeping and files messages.
type Store interface {
	Facts
	// FolderState returns the bookkeeping of a folder; the zero value when
	// the folder was never synced.
	FolderState(ctx context.Context, account, folder string) (FolderState, error)
	// SetFolderState records the bookkeeping without filing a message
	// (new UIDVALIDITY, duplicates skipped).
	SetFolderState(ctx context.Context, account, folder string, st FolderState) error
	// HasMessage reports whether this very message is already held,
	// whatever its folder: one with that key (Message.Key, or
	// OtherBytesKey(key, sha256)) and those raw bytes (Message.SHA256). A
	// message whose key is held with other bytes is not held.
	HasMessage(ctx context.Context, key, sha256 string) (bool, error)
	// File stores the message in ONE transaction: the raw bytes and each
	// attachment (files named by SHA-256, written before the commit), the
	// message and its key, its case link with a journal event and an
	// unread flag, or its triage entry with the reason, and the folder
	// state {UIDValidity, max(LastUID, UID)}. If this very message is held
	// (same key, same bytes) it returns ErrDuplicate and changes nothing;
	// if its key is held with other bytes, it is kept under
	// OtherBytesKey(key, sha256), and it and the held one get
	// SameIDWarning.
	File(ctx context.Context, m FiledMessage) error
}

// Result counts what a pass did. Fetched = Filed + Triage + Duplicates +
// Errors when the pass ran to its end.
type Result struct {
	Fetched    int `json:"fetched"`    // messages downloaded
	Filed      int `json:"filed"`      // filed into a case
	Triage     int `json:"triage"`     // stored in the triage list
	Duplicates int `json:"duplicates"` // already held (same Message-ID or hash)
	Errors     int `json:"errors"`     // messages or folders that could not be handled
}

// Add returns the sum of two results.
func (r Result) Add(o Result) Result {
	return Result{r.Fetched + o.Fetched, r.Filed + o.Filed, r.Triage + o.Triage,
		r.Duplicates + o.Duplicates, r.Errors + o.Errors}
}

// Progress is reported after each message.
type Progress struct {
	Folder string
	Done   int    // messages handled in this folder during this pass
	Total  int    // new messages found in this folder
	Result Result // running totals of the pass
}

// Default batch bounds: one UID FETCH asks for at most this many messages
// or this many bytes (by RFC822.SIZE), whichever comes first.
const (
	DefaultBatchSize     = 200
	DefaultMaxBatchBytes = 32 << 20
)

// Syncer runs sync passes against a Store.
type Syncer struct {
	Store Store
	// Progress, if set, is called synchronously after each message; the
	// UI wraps it in fyne.Do.
	Progress      func(Progress)
	BatchSize     int   // 0: DefaultBatchSize
	MaxBatchBytes int64 // 0: DefaultMaxBatchBytes
}

// Sync runs one pass over the account's folders: EXAMINE (read-only), compare
// UIDVALIDITY with the stored one (on change, every message is looked at
// again and only those not already held are filed), fetch the UIDs above the
// last one filed, in batches, with BODY.PEEK[] (no \Seen change), and file
// each message with its bookkeeping. Cancelling ctx closes the connection;
// what was filed stays filed and the next pass resumes after it.
//
// It returns the counts so far and, on failure, an *Error with a French
// message. A folder that cannot be opened counts as one error and the
// other folders are still read; the first such error is returned at the end.
func (s *Syncer) Sync(ctx context.Context, a Account, password string) (Result, error) {
	a = a.WithDefaults()
	var res Result
	sess, err := connect(ctx, a, password)
	if err != nil {
		return res, err
	}
	var folderErr error
	for _, f := range a.Folders {
		err := s.syncFolder(ctx, sess.c, a, f, &res)
		if err == nil {
			continue
		}
		if ErrorCode(err) == CodeFolder {
			res.Errors++
			if folderErr == nil {
				folderErr = err
			}
			continue
		}
		sess.close()
		return res, err
	}
	sess.logout()
	return res, folderErr
}

type uidSize struct {
	uid  imap.UID
	size int64
}

func (s *Syncer) syncFolder(ctx context.Context, c *imapclient.Client, a Account, folder string, res *Result) error {
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return classify(ctx, err, stageFolder, a, folder)
	}
	key := a.Key()
	st, err := s.Store.FolderState(ctx, key, folder)
	if err != nil {
		return storeError(fmt.Errorf("folder state %s/%s: %w", key, folder, err))
	}
	if st.UIDValidity != sel.UIDValidity {
		// New folder, or the server renumbered it: look at every message
		// again; HasMessage keeps those already held from being filed twice.
		st = FolderState{UIDValidity: sel.UIDValidity}
		if err := s.Store.SetFolderState(ctx, key, folder, st); err != nil {
			return storeError(fmt.Errorf("reset folder state %s/%s: %w", key, folder, err))
		}
	}
	if sel.NumMessages == 0 || (sel.UIDNext != 0 && uint32(sel.UIDNext) <= st.LastUID+1) {
		return nil
	}

	// List the new UIDs with their sizes. "N:*" also returns the last
	// message when N is beyond it: keep only UIDs above LastUID.
	var set imap.UIDSet
	set.AddRange(imap.UID(st.LastUID+1), 0)
	list, err := c.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
	if err != nil {
		return classify(ctx, err, stageFetch, a, folder)
	}
	var todo []uidSize
	for _, m := range list {
		if uint32(m.UID) > st.LastUID {
			todo = append(todo, uidSize{m.UID, m.RFC822Size})
		}
	}
	slices.SortFunc(todo, func(x, y uidSize) int { return int(x.uid) - int(y.uid) })

	p := &folderPass{s: s, c: c, a: a, folder: folder, st: st, res: res, total: len(todo)}
	s.report(p)
	maxN, maxBytes := s.BatchSize, s.MaxBatchBytes
	if maxN <= 0 {
		maxN = DefaultBatchSize
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBatchBytes
	}
	for len(todo) > 0 {
		n, bytes := 0, int64(0)
		for n < len(todo) && n < maxN && (n == 0 || bytes+todo[n].size <= maxBytes) {
			bytes += todo[n].size
			n++
		}
		if err := p.batch(ctx, todo[:n]); err != nil {
			return err
		}
		todo = todo[n:]
	}
	return nil
}

func (s *Syncer) report(p *folderPass) {
	if s.Progress != nil {
		s.Progress(Progress{Folder: p.folder, Done: p.done, Total: p.total, Result: *p.res})
	}
}

// folderPass is the state of one folder during one pass.
type folderPass struct {
	s      *Syncer
	c      *imapclient.Client
	a      Account
	folder string
	st     FolderState
	res    *Result
	done   int
	total  int
	// skipped is the highest UID passed over (duplicate, unreadable)
	// since the last write of the folder state; 0 if none.
	skipped uint32
}

// batch fetches the messages of one batch and files them in UID order. If
// the fetch breaks off, the messages received before the first missing one
// are filed, then the error is returned.
func (p *folderPass) batch(ctx context.Context, items []uidSize) error {
	uids := make([]imap.UID, len(items))
	for i, it := range items {
		uids[i] = it.uid
	}
	cmd := p.c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{
		UID:          true,
		InternalDate: true,
		BodySection:  []*imap.FetchItemBodySection{{Peek: true}},
	})
	got := make(map[imap.UID]*imapclient.FetchMessageBuffer, len(uids))
	var fetchErr error
	for {
		m := cmd.Next()
		if m == nil {
			break
		}
		buf, err := m.Collect()
		if err != nil {
			fetchErr = err
			break
		}
		if buf.UID != 0 {
			got[buf.UID] = buf
		}
	}
	if err := cmd.Close(); err != nil && fetchErr == nil {
		fetchErr = err
	}

	for _, uid := range uids {
		buf, ok := got[uid]
		if !ok {
			if fetchErr != nil {
				break
			}
			continue // expunged since the listing
		}
		delete(got, uid)
		if err := ctx.Err(); err != nil {
			return p.stop(ctx, classify(ctx, err, stageFetch, p.a, p.folder))
		}
		if err := p.file(ctx, uint32(uid), buf); err != nil {
			return p.stop(ctx, err)
		}
		p.done++
		p.s.report(p)
	}
	if fetchErr != nil {
		return p.stop(ctx, classify(ctx, fetchErr, stageFetch, p.a, p.folder))
	}
	return p.flush(ctx)
}

// file handles one fetched message.
func (p *folderPass) file(ctx context.Context, uid uint32, buf *imapclient.FetchMessageBuffer) error {
	store := p.s.Store
	raw := buf.FindBodySection(&imap.FetchItemBodySection{})
	p.res.Fetched++
	if raw == nil {
		// The server sent no body for this UID: count it and go on rather
		// than block every later pass on it. It stays on the server.
		p.res.Errors++
		p.skipped = uid
		return nil
	}
	msg := Parse(raw)
	held, err := store.HasMessage(ctx, msg.Key, msg.SHA256)
	if err != nil {
		p.res.Errors++
		return storeError(fmt.Errorf("has message %s: %w", msg.Key, err))
	}
	if held {
		p.res.Duplicates++
		p.skipped = uid
		return nil
	}
	dec, err := Match(ctx, msg, store)
	if err != nil {
		p.res.Errors++
		return storeError(fmt.Errorf("match %s: %w", msg.Key, err))
	}
	err = store.File(ctx, FiledMessage{
		Account: p.a.Key(), Folder: p.folder, UIDValidity: p.st.UIDValidity, UID: uid,
		InternalDate: buf.InternalDate, Raw: raw, Message: msg, Decision: dec,
	})
	switch {
	case errors.Is(err, ErrDuplicate):
		p.res.Duplicates++
		p.skipped = uid
		return nil
	case err != nil:
		p.res.Errors++
		return storeError(fmt.Errorf("file %s (uid %d): %w", msg.Key, uid, err))
	}
	p.st.LastUID = uid
	p.skipped = 0
	if dec.Triage() {
		p.res.Triage++
	} else {
		p.res.Filed++
	}
	return nil
}

// flush records UIDs passed over since the last File.
func (p *folderPass) flush(ctx context.Context) error {
	if p.skipped == 0 || p.skipped <= p.st.LastUID {
		return nil
	}
	st := FolderState{UIDValidity: p.st.UIDValidity, LastUID: p.skipped}
	// A cancelled ctx must not prevent recording progress already made.
	if err := p.s.Store.SetFolderState(context.WithoutCancel(ctx), p.a.Key(), p.folder, st); err != nil {
		return storeError(fmt.Errorf("folder state %s/%s: %w", p.a.Key(), p.folder, err))
	}
	p.st = st
	p.skipped = 0
	return nil
}

// stop records progress, then returns err.
func (p *folderPass) stop(ctx context.Context, err error) error {
	if ferr := p.flush(ctx); ferr != nil {
		return errors.Join(err, ferr)
	}
	return err
}
