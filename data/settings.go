package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"amiable/debt"
)

// getSetting decodes the JSON value stored under key into v; a missing key
// leaves v unchanged and reports false.
func getSetting(ctx context.Context, q queryer, key string, v any) (bool, error) {
	var raw string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("setting %s: %w", key, err)
	}
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		return false, fmt.Errorf("setting %s: %w", key, err)
	}
	return true, nil
}

func putSetting(ctx context.Context, tx *sql.Tx, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("setting %s: %w", key, err)
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, string(b))
	if err != nil {
		return fmt.Errorf("setting %s: %w", key, err)
	}
	return nil
}

// queryer is what *sql.DB and *sql.Tx share for reads.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Setting reads an office-wide setting stored as JSON under key. It reports
// false when the setting was never saved (v is left as is: its defaults).
func (s *Store) Setting(ctx context.Context, key string, v any) (bool, error) {
	return getSetting(ctx, s.ro, key, v)
}

// SaveSetting stores an office-wide setting and journals the change.
func (s *Store) SaveSetting(ctx context.Context, key string, v any, label, author string, now time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := putSetting(ctx, tx, key, v); err != nil {
			return err
		}
		_, err := insertEvent(ctx, tx, debt.Event{At: now, Author: author, Kind: debt.EventSettings, Text: "Paramètres modifiés : " + label})
		return err
	})
}

// Office returns the office identity (empty fields when never set).
func (s *Store) Office(ctx context.Context) (debt.Office, error) {
	var o debt.Office
	_, err := getSetting(ctx, s.ro, "office", &o)
	return o, err
}

// SaveOffice validates and stores the office identity, journaling the change.
func (s *Store) SaveOffice(ctx context.Context, o debt.Office, author string, now time.Time) error {
	if errs := o.Validate(); len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	o.IBAN = debt.NormalizeIBAN(o.IBAN)
	return s.SaveSetting(ctx, "office", o, "identité de l'étude", author, now)
}
