package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall"

	"amiable/debt"
)

// Error codes.
const (
	ENOTFOUND = "not_found"
	EINVALID  = "invalid"
	ECONFLICT = "conflict"
	EREFUSED  = "refused" // a database this version must not open
	EINTERNAL = "internal"
)

// Error is a store error whose Message is safe to show a person (French).
type Error struct {
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is(err, ErrNotFound) match any not-found error.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Code == e.Code
}

// Sentinel errors for errors.Is.
var (
	ErrNotFound = &Error{Code: ENOTFOUND}
	ErrConflict = &Error{Code: ECONFLICT}
	ErrRefused  = &Error{Code: EREFUSED}
)

func notFound(format string, args ...any) error {
	return &Error{Code: ENOTFOUND, Message: fmt.Sprintf(format, args...)}
}

func conflict(format string, args ...any) error {
	return &Error{Code: ECONFLICT, Message: fmt.Sprintf(format, args...)}
}

func invalid(format string, args ...any) error {
	return &Error{Code: EINVALID, Message: fmt.Sprintf(format, args...)}
}

// Message turns any error into one French sentence for a person: the
// store's own message, the field messages of a validation error, or a
// general sentence for the unexpected (disk full, database locked…).
func Message(err error) string {
	if err == nil {
		return ""
	}
	var ve debt.ValidationError
	if errors.As(err, &ve) {
		return ve.Error()
	}
	var fe debt.FieldError
	if errors.As(err, &fe) {
		return fe.Message
	}
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	if errors.Is(err, context.Canceled) {
		return "Opération annulée."
	}
	if errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), "database or disk is full") {
		return "Le disque est plein : libérez de la place puis recommencez. Rien n'a été enregistré."
	}
	if strings.Contains(err.Error(), "database is locked") || strings.Contains(err.Error(), "busy") {
		return "La base de données est occupée par un autre programme : réessayez dans un instant."
	}
	if strings.Contains(err.Error(), "readonly") || strings.Contains(err.Error(), "permission denied") {
		return "Impossible d'écrire dans le dossier des données (droits insuffisants)."
	}
	if errors.Is(err, debt.ErrAmount) || errors.Is(err, debt.ErrDate) || errors.Is(err, debt.ErrRateMissing) ||
		errors.Is(err, debt.ErrStatement) || errors.Is(err, debt.ErrInterest) || errors.Is(err, debt.ErrPlan) {
		return upperFirst(err.Error())
	}
	return "Erreur inattendue : " + err.Error()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
