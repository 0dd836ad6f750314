//go:build !windows

package data

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes an advisory lock on f without waiting (flock: released
// when the process ends, kill -9 included): shared for every opener of the
// database, exclusive for a restore. It reports errLockBusy when another
// holder's lock conflicts.
func tryLock(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return errLockBusy
		}
		return err
	}
}

func unlock(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
