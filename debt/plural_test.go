package debt

import "testing"

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 ligne"}, {1, "1 ligne"}, {2, "2 lignes"}, {12, "12 lignes"}} {
		if got := Plural(c.n, "ligne", "lignes"); got != c.want {
			t.Errorf("Plural(%d) = %q, want %q", c.n, got, c.want)
		}
	}
	if got := Agree(2, "est échue", "sont échues"); got != "sont échues" {
		t.Errorf("Agree(2) = %q", got)
	}
}
