package debt

import (
	"errors"
	"fmt"
	"strings"
)

// Cents is an amount of money in euro cents. Every amount in Amiable is a
// Cents; floating point is never used for money.
type Cents int64

// Narrow no-break space (thousands separator) and no-break space (before €),
// so that an amount never breaks across lines in a letter.
const (
	thinNBSP = "\u202f"
	nbsp     = "\u00a0"
)

// ErrAmount is wrapped by every error ParseAmount returns.
var ErrAmount = errors.New("montant invalide")

// maxAmount bounds what an office can type: one billion euros.
const maxAmount Cents = 100_000_000_000

// ParseAmount reads an amount written the French way ("1234,56",
// "1 234,56", "1 234,56 €") or with a decimal point ("1234.56"). At most two
// decimals; negative amounts and amounts over one billion euros are refused.
func ParseAmount(s string) (Cents, error) {
	orig := s
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "€")
	s = strings.TrimSuffix(s, "EUR")
	s = strings.NewReplacer(" ", "", nbsp, "", thinNBSP, "", "\t", "").Replace(s)
	if s == "" {
		return 0, fmt.Errorf("%w : « %s » est vide", ErrAmount, orig)
	}
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("%w : « %s » est négatif", ErrAmount, orig)
	}
	s = strings.TrimPrefix(s, "+")
	if strings.Count(s, ",")+strings.Count(s, ".") > 1 {
		return 0, fmt.Errorf("%w : « %s » (un seul séparateur décimal, virgule ou point)", ErrAmount, orig)
	}
	intPart, frac, hasFrac := strings.Cut(strings.ReplaceAll(s, ",", "."), ".")
	if intPart == "" || (hasFrac && frac == "") {
		return 0, fmt.Errorf("%w : « %s »", ErrAmount, orig)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("%w : « %s » (deux décimales au plus)", ErrAmount, orig)
	}
	var v Cents
	for _, r := range intPart {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%w : « %s » (chiffres attendus, par exemple 1 234,56)", ErrAmount, orig)
		}
		v = v*10 + Cents(r-'0')
		if v > maxAmount {
			return 0, fmt.Errorf("%w : « %s » dépasse un milliard d'euros", ErrAmount, orig)
		}
	}
	v *= 100
	for i, r := range frac {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%w : « %s » (chiffres attendus, par exemple 1 234,56)", ErrAmount, orig)
		}
		if i == 0 {
			v += Cents(r-'0') * 10
		} else {
			v += Cents(r - '0')
		}
	}
	if v > maxAmount {
		return 0, fmt.Errorf("%w : « %s » dépasse un milliard d'euros", ErrAmount, orig)
	}
	return v, nil
}

// String formats the amount the French way: "1 234,56 €", with a narrow
// no-break space between thousands and a no-break space before the euro sign.
func (c Cents) String() string { return c.Format() + nbsp + "€" }

// Format formats the amount without the currency: "1 234,56".
func (c Cents) Format() string {
	neg := c < 0
	u := uint64(c)
	if neg {
		u = uint64(-c)
	}
	euros, cents := u/100, u%100
	digits := fmt.Sprintf("%d", euros)
	var b strings.Builder
	if neg {
		b.WriteString("-")
	}
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(thinNBSP)
		}
		b.WriteRune(r)
	}
	fmt.Fprintf(&b, ",%02d", cents)
	return b.String()
}

// Plain formats the amount for input fields and CSV: "1234,56".
func (c Cents) Plain() string {
	return strings.ReplaceAll(c.Format(), thinNBSP, "")
}
