package data

import "testing"

// SharedTestBase returns the URL of a new migrated shared base, dropped
// at the end of t (skipped without a PostgreSQL server, as forEachEngine's
// subtests): for the external tests of several desks on one base.
func SharedTestBase(t *testing.T) string {
	t.Helper()
	return newPGDatabase(t, pgTemplateName(t))
}
