package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"amiable/debt"
	"amiable/mailsync"
)

// MailStore is the store as the e-mail sync sees it (mailsync.Store).
type MailStore struct{ s *Store }

// Mail returns the e-mail side of the store.
func (s *Store) Mail() *MailStore { return &MailStore{s: s} }

var _ mailsync.Store = (*MailStore)(nil)

// CaseByRef finds a case by its reference for the matcher.
func (m *MailStore) CaseByRef(ctx context.Context, ref string) (mailsync.CaseInfo, bool, error) {
	var c mailsync.CaseInfo
	err := m.s.ro.QueryRowContext(ctx, "SELECT id, ref FROM cases WHERE ref = ?", ref).Scan(&c.ID, &c.Ref)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	return c, err == nil, err
}

// CaseBySentMessageID finds the case of a message the office sent.
func (m *MailStore) CaseBySentMessageID(ctx context.Context, id string) (mailsync.CaseInfo, bool, error) {
	var c mailsync.CaseInfo
	err := m.s.ro.QueryRowContext(ctx, "SELECT c.id, c.ref FROM sent_messages s JOIN cases c ON c.id = s.case_id WHERE s.message_id = ?", id).Scan(&c.ID, &c.Ref)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	return c, err == nil, err
}

// OpenCasesByDebtorEmail returns the open cases a debtor with that e-mail is in.
func (m *MailStore) OpenCasesByDebtorEmail(ctx context.Context, email string) ([]mailsync.CaseInfo, error) {
	rows, err := m.s.ro.QueryContext(ctx, `SELECT DISTINCT c.id, c.ref FROM party_emails e JOIN case_debtors d ON d.party_id = e.party_id
		JOIN cases c ON c.id = d.case_id WHERE e.email = ? COLLATE NOCASE AND c.status NOT IN `+closedStatusList+` ORDER BY c.id`, strings.TrimSpace(email))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []mailsync.CaseInfo
	for rows.Next() {
		var c mailsync.CaseInfo
		if err := rows.Scan(&c.ID, &c.Ref); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// IsOfficeAddress reports whether the address is the office's own: its
// e-mail, the synced mailbox's user, or one of the staff addresses saved
// in the mail settings.
func (m *MailStore) IsOfficeAddress(ctx context.Context, email string) (bool, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	o, err := m.s.Office(ctx)
	if err != nil {
		return false, err
	}
	if strings.EqualFold(o.Email, email) {
		return true, nil
	}
	var ms MailSettings
	if _, err := m.s.Setting(ctx, mailSettingsKey, &ms); err != nil {
		return false, err
	}
	if strings.EqualFold(ms.Account.User, email) {
		return true, nil
	}
	for _, a := range ms.OfficeAddresses {
		if strings.EqualFold(a, email) {
			return true, nil
		}
	}
	return false, nil
}

// FolderState returns the sync bookkeeping of a folder.
func (m *MailStore) FolderState(ctx context.Context, account, folder string) (mailsync.FolderState, error) {
	var st mailsync.FolderState
	err := m.s.ro.QueryRowContext(ctx, "SELECT uid_validity, last_uid FROM mail_folders WHERE account = ? AND folder = ?", account, folder).Scan(&st.UIDValidity, &st.LastUID)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	return st, err
}

func setFolderState(ctx context.Context, tx *sql.Tx, account, folder string, st mailsync.FolderState) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO mail_folders (account, folder, uid_validity, last_uid) VALUES (?,?,?,?)
		ON CONFLICT (account, folder) DO UPDATE SET uid_validity = excluded.uid_validity,
		last_uid = CASE WHEN mail_folders.uid_validity = excluded.uid_validity AND mail_folders.last_uid > excluded.last_uid
			THEN mail_folders.last_uid ELSE excluded.last_uid END`,
		account, folder, st.UIDValidity, st.LastUID)
	return err
}

// SetFolderState records the bookkeeping of a folder without a message.
func (m *MailStore) SetFolderState(ctx context.Context, account, folder string, st mailsync.FolderState) error {
	return m.s.write(ctx, func(tx *sql.Tx) error { return setFolderState(ctx, tx, account, folder, st) })
}

// HasMessage reports whether this very message is already held: one with
// that key (or its OtherBytesKey) and those raw bytes.
func (m *MailStore) HasMessage(ctx context.Context, key, sum string) (bool, error) {
	var n int
	err := m.s.ro.QueryRowContext(ctx, `SELECT count(*) FROM mails m JOIN documents d ON d.id = m.raw_doc_id
		WHERE m.key IN (?, ?) AND d.sha256 = ?`, key, mailsync.OtherBytesKey(key, sum), sum).Scan(&n)
	return n > 0, err
}

// heldKey returns the key a message is filed under: its own, or, when a
// message with other bytes holds it, OtherBytesKey (and then flags the
// held one with SameIDWarning). It returns ErrDuplicate when this very
// message is held.
func heldKey(ctx context.Context, tx *sql.Tx, msg mailsync.Message, rawSum string) (key string, sameID bool, err error) {
	var heldSum string
	err = tx.QueryRowContext(ctx, "SELECT d.sha256 FROM mails m JOIN documents d ON d.id = m.raw_doc_id WHERE m.key = ?", msg.Key).Scan(&heldSum)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return msg.Key, false, nil
	case err != nil:
		return "", false, err
	case heldSum == rawSum:
		return "", false, fmt.Errorf("%s: %w", msg.Key, mailsync.ErrDuplicate)
	}
	other := mailsync.OtherBytesKey(msg.Key, rawSum)
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM mails WHERE key = ?", other).Scan(&n); err != nil {
		return "", false, err
	}
	if n > 0 {
		return "", false, fmt.Errorf("%s: %w", other, mailsync.ErrDuplicate)
	}
	var warnings string
	if err := tx.QueryRowContext(ctx, "SELECT warnings FROM mails WHERE key = ?", msg.Key).Scan(&warnings); err != nil {
		return "", false, err
	}
	if !strings.Contains(warnings, mailsync.SameIDWarning) {
		if warnings != "" {
			warnings += "\n"
		}
		if _, err := tx.ExecContext(ctx, "UPDATE mails SET warnings = ? WHERE key = ?", warnings+mailsync.SameIDWarning, msg.Key); err != nil {
			return "", false, err
		}
	}
	return other, true, nil
}

// File keeps a message: its raw bytes and attachments in the document
// store (written and synced first), then in one transaction the message,
// its case link with a journal entry ("Courriel reçu") or its triage entry,
// and the folder's bookkeeping. A message already held (same key, same
// bytes) changes nothing; one whose Message-ID is held with other bytes is
// kept too, both flagged mailsync.SameIDWarning.
func (m *MailStore) File(ctx context.Context, fm mailsync.FiledMessage) error {
	s := m.s
	msg := fm.Message
	if held, err := m.HasMessage(ctx, msg.Key, msg.SHA256); err != nil {
		return err
	} else if held {
		return fmt.Errorf("%s: %w", msg.Key, mailsync.ErrDuplicate)
	}
	rawSum, rawSize, err := s.PutBlob(bytes.NewReader(fm.Raw))
	if err != nil {
		return err
	}
	var atts []mailBlob
	for _, a := range msg.Attachments {
		sum, size, err := s.PutBlob(bytes.NewReader(a.Data))
		if err != nil {
			return err
		}
		atts = append(atts, mailBlob{sum, size, a})
	}
	now := time.Now()
	return s.writeBulk(ctx, func(tx *sql.Tx) error {
		key, sameID, err := heldKey(ctx, tx, msg, rawSum)
		if err != nil {
			return err
		}
		fm.Message.Key = key
		if sameID {
			fm.Message.Warnings = append(slices.Clone(msg.Warnings), mailsync.SameIDWarning)
		}
		if fm.Decision.CaseID != 0 {
			if err := caseExists(ctx, tx, fm.Decision.CaseID); err != nil {
				return err
			}
		}
		if _, err := fileMailTx(ctx, tx, fm, rawSum, rawSize, atts, now); err != nil {
			return err
		}
		return setFolderState(ctx, tx, fm.Account, fm.Folder, mailsync.FolderState{UIDValidity: fm.UIDValidity, LastUID: fm.UID})
	})
}

// mailBlob is an attachment already in the document store.
type mailBlob struct {
	sum  string
	size int64
	a    mailsync.Attachment
}

// fileMailTx records a message whose raw bytes and attachments are already
// in the document store, received at now: the mail, its documents, and its
// journal entry when it belongs to a case. It returns the mail's id.
func fileMailTx(ctx context.Context, tx *sql.Tx, fm mailsync.FiledMessage, rawSum string, rawSize int64, atts []mailBlob, now time.Time) (int64, error) {
	msg := cleanMessage(fm.Message)
	sent := msg.Date
	if sent.IsZero() {
		sent = fm.InternalDate
	}
	if sent.IsZero() {
		sent = now
	}
	var caseID any
	if fm.Decision.CaseID != 0 {
		caseID = fm.Decision.CaseID
	}
	subject := clipText(msg.Subject, 998)
	rawID, err := insertDocument(ctx, tx, debt.Document{CaseID: fm.Decision.CaseID, Kind: debt.DocEmail, SHA256: rawSum, Size: rawSize,
		MediaType: "message/rfc822", OriginalName: mailFileName(subject), Added: now.UTC()}, "Amiable")
	if err != nil {
		return 0, err
	}
	mailID, err := insertID(ctx, tx, `INSERT INTO mails (key, account, folder, uid_validity, uid, message_id, in_reply_to, refs, from_addr, from_name,
		to_addrs, cc_addrs, subject, sent_at, received_at, body, raw_doc_id, case_id, rule, reason, warnings)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		msg.Key, fm.Account, fm.Folder, fm.UIDValidity, fm.UID, msg.MessageID, strings.Join(msg.InReplyTo, " "), strings.Join(msg.References, " "),
		strings.ToLower(msg.From.Email), msg.From.Name, joinAddrs(msg.To), joinAddrs(msg.Cc), subject, instant(sent), instant(now),
		msg.Text, rawID, caseID, string(fm.Decision.Rule), fm.Decision.Reason, strings.Join(msg.Warnings, "\n"))
	if err != nil {
		return 0, fmt.Errorf("insert mail: %w", err)
	}
	docs := []int64{rawID}
	for _, a := range atts {
		name := debt.CleanLine(a.a.Filename)
		if name == "" {
			name = "piece-jointe"
		}
		id, err := insertDocument(ctx, tx, debt.Document{CaseID: fm.Decision.CaseID, Kind: debt.DocEmail, SHA256: a.sum, Size: a.size,
			MediaType: a.a.MediaType, OriginalName: clipText(name, 255), Added: now.UTC()}, "Amiable")
		if err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO mail_attachments (mail_id, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING", mailID, id); err != nil {
			return 0, err
		}
		docs = append(docs, id)
	}
	if fm.Decision.CaseID != 0 {
		if _, err := insertEvent(ctx, tx, debt.Event{CaseID: fm.Decision.CaseID, At: now, Author: "Amiable", Kind: debt.EventEmail,
			Text: mailEventText(msg, fm.Decision.Reason), DocIDs: docs}); err != nil {
			return 0, err
		}
	}
	return mailID, nil
}

// cleanMessage strips the decoded text of a message (which comes from
// outside) of control and bidirectional formatting characters before it
// reaches the journal, the window, a letter or an export. The raw bytes,
// kept as evidence, are untouched.
func cleanMessage(msg mailsync.Message) mailsync.Message {
	msg.Subject = debt.CleanLine(msg.Subject)
	msg.MessageID = debt.CleanLine(msg.MessageID)
	cleanAddr := func(a mailsync.Address) mailsync.Address {
		return mailsync.Address{Name: debt.CleanLine(a.Name), Email: debt.CleanLine(a.Email)}
	}
	msg.From = cleanAddr(msg.From)
	to, cc := make([]mailsync.Address, len(msg.To)), make([]mailsync.Address, len(msg.Cc))
	for i, a := range msg.To {
		to[i] = cleanAddr(a)
	}
	for i, a := range msg.Cc {
		cc[i] = cleanAddr(a)
	}
	msg.To, msg.Cc = to, cc
	msg.Text = debt.CleanText(msg.Text)
	return msg
}

func joinAddrs(as []mailsync.Address) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = a.String()
	}
	return strings.Join(s, ", ")
}

func clipText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func mailFileName(subject string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, strings.TrimSpace(subject))
	if name == "" {
		name = "courriel"
	}
	return clipText(name, 120) + ".eml"
}

// mailEventText is the journal line of a received mail: sender, subject
// and the first lines of the text.
func mailEventText(msg mailsync.Message, reason string) string {
	var lines []string
	for _, l := range strings.Split(msg.Text, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, ">") {
			lines = append(lines, l)
		}
		if len(lines) == 3 {
			break
		}
	}
	text := fmt.Sprintf("Courriel reçu de %s : « %s »", msg.From.String(), msg.Subject)
	if len(lines) > 0 {
		text += "\n" + clipText(strings.Join(lines, "\n"), 400)
	}
	if reason != "" {
		text += "\n(" + reason + ")"
	}
	if slices.Contains(msg.Warnings, mailsync.SameIDWarning) {
		text += "\n(" + mailsync.SameIDWarning + ")"
	}
	return text
}

const mailSettingsKey = "mail"

// MailSettings are the e-mail account (never its password) and the
// office's own addresses, which are never matched to a debtor.
type MailSettings struct {
	Account         mailsync.Account `json:"account"`
	OfficeAddresses []string         `json:"office_addresses,omitempty"`
}

// MailSettings returns the e-mail settings.
func (s *Store) MailSettings(ctx context.Context) (MailSettings, error) {
	var ms MailSettings
	_, err := s.Setting(ctx, mailSettingsKey, &ms)
	return ms, err
}

// SaveMailSettings checks and stores the e-mail settings (the password goes
// to the system keyring through mailsync, never here).
func (s *Store) SaveMailSettings(ctx context.Context, ms MailSettings, author string, now time.Time) error {
	ms.Account = ms.Account.WithDefaults()
	errs := ms.Account.Validate()
	for i, a := range ms.OfficeAddresses {
		if err := debt.CheckEmail(a); err != nil {
			errs = append(errs, debt.FieldError{Field: fmt.Sprintf("office_addresses[%d]", i), Message: err.Error()})
		}
	}
	if len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	return s.SaveSetting(ctx, mailSettingsKey, ms, "compte de courriel ("+ms.Account.User+" sur "+ms.Account.Host+")", author, now)
}

// SyncReport is the last sync pass's outcome, for the Courriels screen.
type SyncReport struct {
	At     time.Time       `json:"at"`
	Result mailsync.Result `json:"result"`
	Error  string          `json:"error,omitempty"` // French
}

// SaveSyncReport records the last pass (not journaled: it is not a setting).
func (s *Store) SaveSyncReport(ctx context.Context, r SyncReport) error {
	return s.write(ctx, func(tx *sql.Tx) error { return putSetting(ctx, tx, "mail_last_sync", r) })
}

// LastSyncReport returns the last pass's outcome (zero when none).
func (s *Store) LastSyncReport(ctx context.Context) (SyncReport, error) {
	var r SyncReport
	_, err := s.Setting(ctx, "mail_last_sync", &r)
	return r, err
}

// Mail is a received e-mail as the screens show it.
type Mail struct {
	ID          int64           `json:"id"`
	CaseID      int64           `json:"case_id,omitempty"`
	CaseRef     string          `json:"case,omitempty"`
	From        string          `json:"from"`
	FromName    string          `json:"from_name,omitempty"`
	To          string          `json:"to,omitempty"`
	Cc          string          `json:"cc,omitempty"`
	Subject     string          `json:"subject"`
	Sent        time.Time       `json:"sent"`
	Body        string          `json:"body"`
	Reason      string          `json:"reason,omitempty"`
	Warnings    string          `json:"warnings,omitempty"`
	Read        bool            `json:"read"`
	Raw         debt.Document   `json:"raw"`
	Attachments []debt.Document `json:"attachments,omitempty"`
}

// MailQuery selects mails.
type MailQuery struct {
	Triage bool  // only mails waiting in the triage list
	CaseID int64 // only a case's mails
	Limit  int
}

// Mails returns mails, newest first.
func (s *Store) Mails(ctx context.Context, q MailQuery) ([]Mail, error) {
	var conds []string
	var args []any
	if q.Triage {
		conds = append(conds, "m.case_id IS NULL AND m.rule != '"+RuleNoCase+"'")
	}
	if q.CaseID != 0 {
		conds, args = append(conds, "m.case_id = ?"), append(args, q.CaseID)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := s.ro.QueryContext(ctx, `SELECT m.id, coalesce(m.case_id, 0), coalesce(c.ref, ''), m.from_addr, m.from_name, m.to_addrs, m.cc_addrs,
		m.subject, m.sent_at, m.body, m.reason, m.warnings, m.read_at != '', d.id, d.sha256, d.size, d.original_name
		FROM mails m JOIN documents d ON d.id = m.raw_doc_id LEFT JOIN cases c ON c.id = m.case_id`+where+
		` ORDER BY m.sent_at DESC, m.id DESC`+limitClause(q.Limit, 0), args...)
	if err != nil {
		return nil, fmt.Errorf("mails: %w", err)
	}
	out := []Mail{}
	for rows.Next() {
		var m Mail
		var sent string
		if err := rows.Scan(&m.ID, &m.CaseID, &m.CaseRef, &m.From, &m.FromName, &m.To, &m.Cc, &m.Subject, &sent, &m.Body, &m.Reason,
			&m.Warnings, &m.Read, &m.Raw.ID, &m.Raw.SHA256, &m.Raw.Size, &m.Raw.OriginalName); err != nil {
			rows.Close()
			return nil, err
		}
		m.Sent, m.Raw.Path, m.Raw.MediaType, m.Raw.Kind = parseInstant(sent), s.BlobPath(m.Raw.SHA256), "message/rfc822", debt.DocEmail
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		r, err := s.ro.QueryContext(ctx, `SELECT d.id, d.sha256, d.size, d.media_type, d.original_name FROM mail_attachments a
			JOIN documents d ON d.id = a.doc_id WHERE a.mail_id = ? ORDER BY d.id`, out[i].ID)
		if err != nil {
			return nil, err
		}
		for r.Next() {
			var d debt.Document
			if err := r.Scan(&d.ID, &d.SHA256, &d.Size, &d.MediaType, &d.OriginalName); err != nil {
				r.Close()
				return nil, err
			}
			d.Kind, d.Path = debt.DocEmail, s.BlobPath(d.SHA256)
			out[i].Attachments = append(out[i].Attachments, d)
		}
		r.Close()
	}
	return out, nil
}

// FileMail files a mail into a case: from the triage list, or moved from
// a wrong case (with a journal entry on both). remember adds the sender's
// address to the case's first debtor, so that their next mails find the
// case by themselves.
func (s *Store) FileMail(ctx context.Context, mailID, caseID int64, remember bool, reason, author string, now time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var from, subject, body string
		var oldCase sql.NullInt64
		var rawID int64
		err := tx.QueryRowContext(ctx, "SELECT from_addr, subject, body, case_id, raw_doc_id FROM mails WHERE id = ?", mailID).Scan(&from, &subject, &body, &oldCase, &rawID)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Courriel introuvable.")
		} else if err != nil {
			return err
		}
		c, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		if oldCase.Valid && oldCase.Int64 == caseID {
			return invalid("Ce courriel est déjà classé dans le dossier %s.", c.Ref)
		}
		if oldCase.Valid && strings.TrimSpace(reason) == "" {
			return invalid("Indiquez pourquoi le courriel change de dossier.")
		}
		if _, err := tx.ExecContext(ctx, "UPDATE mails SET case_id = ?, rule = 'manuel', reason = ? WHERE id = ?", caseID, strings.TrimSpace(reason), mailID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET case_id = ? WHERE id = ? OR id IN (SELECT doc_id FROM mail_attachments WHERE mail_id = ?)`, caseID, rawID, mailID); err != nil {
			return err
		}
		msg := mailsync.Message{From: mailsync.Address{Email: from}, Subject: subject, Text: body}
		text := mailEventText(msg, "classé à la main par "+author)
		if oldCase.Valid {
			var oldRef string
			tx.QueryRowContext(ctx, "SELECT ref FROM cases WHERE id = ?", oldCase.Int64).Scan(&oldRef)
			text = fmt.Sprintf("Courriel « %s » de %s déplacé depuis le dossier %s. Motif : %s", subject, from, oldRef, strings.TrimSpace(reason))
			if _, err := insertEvent(ctx, tx, debt.Event{CaseID: oldCase.Int64, At: now, Author: author, Kind: debt.EventEmail,
				Text: fmt.Sprintf("Courriel « %s » de %s déplacé vers le dossier %s. Motif : %s", subject, from, c.Ref, strings.TrimSpace(reason))}); err != nil {
				return err
			}
		}
		if _, err := insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventEmail, Text: text, DocIDs: []int64{rawID}}); err != nil {
			return err
		}
		if remember && from != "" && len(c.Debtors) > 0 && debt.CheckEmail(from) == nil {
			d := c.Debtors[0].Party
			known := false
			for _, e := range d.Emails {
				known = known || strings.EqualFold(e, from)
			}
			if !known {
				if _, err := tx.ExecContext(ctx, "INSERT INTO party_emails (party_id, position, email) VALUES (?, ?, ?)", d.ID, len(d.Emails), strings.ToLower(from)); err != nil {
					return err
				}
				if _, err := insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventCaseEdited,
					Text: fmt.Sprintf("Adresse électronique %s ajoutée à %s", from, d.Name())}); err != nil {
					return err
				}
				ids, err := partyCases(ctx, tx, d.ID)
				if err != nil {
					return err
				}
				for _, id := range ids {
					if err := indexCase(ctx, tx, id); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}

// MarkMailRead records that staff read a mail (it ends its "unread" flag).
func (s *Store) MarkMailRead(ctx context.Context, mailID int64, now time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE mails SET read_at = ? WHERE id = ? AND read_at = ''", instant(now), mailID)
		return err
	})
}

// RecordSentMessage remembers the Message-ID of a mail the office sent
// about a case, so that replies quoting it find the case.
func (s *Store) RecordSentMessage(ctx context.Context, messageID string, caseID int64, now time.Time) error {
	id := strings.Trim(strings.TrimSpace(messageID), "<>")
	if id == "" {
		return invalid("Identifiant de message vide.")
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO sent_messages (message_id, case_id, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", id, caseID, instant(now))
		return err
	})
}
