package debt

import "strconv"

// Plural writes n with its noun the French way: the singular for 0 and 1
// ("0 ligne", "1 ligne"), the plural beyond ("3 lignes").
func Plural(n int, one, many string) string {
	if n <= 1 && n >= -1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Agree returns one when n is 0 or 1, many otherwise: the verb or
// adjective agreeing with a count ("n'est pas échue", "ne sont pas échues").
func Agree(n int, one, many string) string {
	if n <= 1 && n >= -1 {
		return one
	}
	return many
}
