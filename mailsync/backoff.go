package mailsync

import "time"

// Back-off bounds after failed passes.
const (
	RetryFirst = time.Minute // delay after the first failure
	RetryMax   = time.Hour   // the delay never grows beyond this
)

// NextDelay returns how long to wait before the next pass, given the sync
// interval and the number of passes that failed in a row: the interval when
// the last pass succeeded; after failures 1 min, 2, 4, 8… up to one hour (a
// short network cut is retried soon, a long outage is not hammered). Errors
// that Retryable rejects should stop the schedule until the settings change.
func NextDelay(interval time.Duration, failures int) time.Duration {
	if failures <= 0 {
		if interval <= 0 {
			return DefaultInterval
		}
		return interval
	}
	d := RetryFirst
	for i := 1; i < failures; i++ {
		d *= 2
		if d >= RetryMax {
			return RetryMax
		}
	}
	return d
}
