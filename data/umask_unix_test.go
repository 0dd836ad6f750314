//go:build !windows

package data

import "syscall"

// setUmask sets the process umask and returns what restores it.
func setUmask(m int) func() {
	old := syscall.Umask(m)
	return func() { syscall.Umask(old) }
}
