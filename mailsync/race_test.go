//go:build race

package mailsync

const raceEnabled = true
