package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// The database's lock: a small file beside it (amiable.db.verrou) that
// every Amiable process opening the database (the window, each command,
// the daily job inside the window) holds a shared lock on for as long as
// it has the database open, and that a restore holds an exclusive lock on
// while it replaces the file. A restore therefore never runs under a
// writer, and a writer never starts during a restore: each is told so in
// French. The locks are the system's (flock, LockFileEx): a killed
// process releases its own. The file itself is never removed.

// LockPath returns the lock file of the database at path.
func LockPath(path string) string { return path + ".verrou" }

var errLockBusy = errors.New("database lock held by another process")

// lockWait is how long an opener waits for a restore to finish before
// giving up with a French message.
var lockWait = 2 * time.Second

// lockShared takes the shared lock of the database at path (absolute). It
// returns nil, nil when the lock file cannot be created because the folder
// is read-only: nothing can be restored there either, and the opening
// itself explains what is wrong.
func lockShared(path string) (*os.File, error) {
	f, err := openLockFile(path)
	if f == nil || err != nil {
		return nil, err
	}
	deadline := time.Now().Add(lockWait)
	for {
		err := tryLock(f, false)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, errLockBusy) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", LockPath(path), err)
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, &Error{Code: ECONFLICT, Message: fmt.Sprintf("La base « %s » est en cours de restauration : attendez la fin de la restauration, puis recommencez. Rien n'a été modifié.", path)}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// lockExclusive takes the exclusive lock of the database at path
// (absolute) without waiting: a restore is refused while Amiable has the
// database open.
func lockExclusive(path string) (*os.File, error) {
	f, err := openLockFile(path)
	if err != nil {
		return nil, err
	}
	if f == nil {
		return nil, &Error{Code: EREFUSED, Message: fmt.Sprintf("Impossible d'écrire dans le dossier « %s » (droits insuffisants ou disque en lecture seule) : la restauration n'a rien modifié.", path)}
	}
	if err := tryLock(f, true); err != nil {
		f.Close()
		if errors.Is(err, errLockBusy) {
			return nil, &Error{Code: ECONFLICT, Message: fmt.Sprintf("La base « %s » est ouverte par Amiable (la fenêtre, une commande ou la tâche quotidienne) : fermez-la, puis recommencez la restauration. Rien n'a été modifié.", path)}
		}
		return nil, fmt.Errorf("lock %s: %w", LockPath(path), err)
	}
	return f, nil
}

func openLockFile(path string) (*os.File, error) {
	name := LockPath(path)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err == nil {
		return f, nil
	}
	if errors.Is(err, fs.ErrPermission) || isReadOnlyFS(err) {
		if f, err := os.Open(name); err == nil {
			return f, nil // an existing lock file locks read-only too
		}
		return nil, nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, notFound("Le dossier de la base « %s » est introuvable.", path)
	}
	return nil, fmt.Errorf("lock %s: %w", name, err)
}

// releaseLock drops a lock taken by lockShared or lockExclusive (nil: none).
func releaseLock(f *os.File) {
	if f != nil {
		unlock(f)
		f.Close()
	}
}
