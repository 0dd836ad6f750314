package data

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/mattn/go-sqlite3"

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
	switch cause(err) {
	case causeFull:
		return "Le disque est plein : libérez de la place puis recommencez. Rien n'a été enregistré."
	case causeLocked:
		return "La base de données est occupée par un autre programme : réessayez dans un instant."
	case causeReadOnly:
		return "Impossible d'écrire dans la base ou dans son dossier (droits insuffisants ou disque en lecture seule) : donnez les droits d'écriture sur la base et son dossier, puis recommencez. Rien n'a été enregistré."
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

// Causes of a failure that are not damage: the file is sound, what is
// around it is wrong.
const (
	causeNone = iota
	causeReadOnly
	causeLocked
	causeFull
)

// cause tells a failure of the environment (permissions, a lock held by
// another program, a full disk) from anything else.
func cause(err error) int {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull:
			return causeFull
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return causeLocked
		case sqlite3.ErrReadonly, sqlite3.ErrPerm:
			return causeReadOnly
		}
	}
	msg := err.Error()
	switch {
	case errors.Is(err, syscall.ENOSPC) || strings.Contains(msg, "database or disk is full") || strings.Contains(msg, "no space left"):
		return causeFull
	case strings.Contains(msg, "database is locked") || strings.Contains(msg, "database table is locked") || strings.Contains(msg, "busy"):
		return causeLocked
	case errors.Is(err, fs.ErrPermission) || isReadOnlyFS(err) || strings.Contains(msg, "readonly") ||
		strings.Contains(msg, "read-only") || strings.Contains(msg, "permission denied"):
		return causeReadOnly
	}
	return causeNone
}

func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }

// writable reports whether a file can be created in dir (a probe created
// and removed at once): the test that tells a read-only folder from a
// damaged database whatever the platform's rules of access.
func writable(dir string) bool {
	f, err := os.CreateTemp(dir, ".amiable-essai-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// diagnose explains why the database at path could not be opened or
// written when the cause is around the file (a read-only folder or file,
// a lock held by another program, a full disk), saying what to do; nil
// when none of these explains err (the file itself may be damaged).
func diagnose(path string, err error) error {
	dir := filepath.Dir(path)
	c := cause(err)
	var se sqlite3.Error
	cantOpen := errors.As(err, &se) && se.Code == sqlite3.ErrCantOpen || strings.Contains(err.Error(), "unable to open database file")
	if c == causeNone && (cantOpen || errors.Is(err, fs.ErrPermission)) {
		if !writable(dir) {
			c = causeReadOnly
		} else if f, e := os.OpenFile(path, os.O_RDWR, 0); e != nil {
			if errors.Is(e, fs.ErrPermission) || isReadOnlyFS(e) {
				c = causeReadOnly
			}
		} else {
			f.Close()
		}
	}
	switch c {
	case causeReadOnly:
		return &Error{Code: EREFUSED, Message: fmt.Sprintf("La base « %s » ne peut pas être ouverte en écriture : son dossier « %s » ou le fichier lui-même n'est pas modifiable (droits insuffisants ou disque en lecture seule). Donnez les droits d'écriture, ou copiez la base dans un dossier à vous, puis recommencez ; inutile de restaurer une sauvegarde, la base n'a pas été modifiée.", path, dir), Err: err}
	case causeLocked:
		return &Error{Code: ECONFLICT, Message: fmt.Sprintf("La base « %s » est verrouillée par un autre programme (une autre copie d'Amiable, un logiciel de synchronisation ou un antivirus) : fermez-le, puis recommencez. La base n'a pas été modifiée.", path), Err: err}
	case causeFull:
		return &Error{Code: EINTERNAL, Message: fmt.Sprintf("Le disque de « %s » est plein : libérez de la place, puis recommencez. La base n'a pas été modifiée.", dir), Err: err}
	}
	return nil
}
