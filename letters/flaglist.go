package letters

import (
	"fmt"
	"strings"

	"github.com/signintech/gopdf"

	"amiable/debt"
)

// FlagItem is one line of the printed list of the day's flags (the
// morning review, for those who work on paper).
type FlagItem struct {
	Group   string     // the flag's kind, as the review titles it ("Échéances impayées")
	CaseRef string     // "" for the office itself (a failed backup)
	Debtor  string     // the case's first debtor
	Due     debt.Date  // the date the flag is about
	Amount  debt.Cents // amount late or held; 0 when none
	Text    string     // why it was raised
	Advice  string     // what is usually done next (printed once per group)
	// GroupCount is how many flags the group has in all (0: the items
	// of the group given); FlagListPart prints it when more.
	GroupCount int
}

// FlagList renders the list of the flags to handle on day, grouped in the
// order of items (consecutive items of the same Group form a group, under
// its title and count), with a first column left blank to tick by hand.
func FlagList(office debt.Office, day debt.Date, items []FlagItem) ([]byte, error) {
	return FlagListPart(office, day, items, len(items))
}

// FlagListPart is FlagList for the first items of a longer list of total
// flags (the most urgent ones, in the review's order): the heading says
// how many are printed out of how many, and each group's title gives its
// whole count when its item carries it (GroupCount).
func FlagListPart(office debt.Office, day debt.Date, items []FlagItem, total int) ([]byte, error) {
	d, err := newDoc(fmt.Sprintf("À traiter le %s", day))
	if err != nil {
		return nil, err
	}
	name := strings.TrimSpace(office.Name)
	if name == "" {
		name = "Amiable"
	}
	d.beginSection(fmt.Sprintf("%s — à traiter le %s", name, day))
	d.font(true, 14)
	d.cell(marginL, d.y, contentW, "À traiter le "+day.Long(), gopdf.Left)
	d.y += 7
	d.font(false, 9.5)
	d.cell(marginL, d.y, contentW, fmt.Sprintf("%s — %s", name, countLabel(max(total, len(items)))), gopdf.Left)
	d.y += 8
	if total > len(items) {
		d.paragraph(fmt.Sprintf("Liste limitée aux %s alertes les plus urgentes sur %s : les suivantes restent à l'écran À traiter d'Amiable.",
			thousands(len(items)), thousands(total)), true, sizeBody, lhBody)
		d.y += 2
	}
	d.onTop = false
	if len(items) == 0 {
		d.paragraph("Rien à traiter : aucune alerte ouverte ce jour.", false, sizeBody, lhBody)
	}
	for start := 0; start < len(items); {
		end := start + 1
		for end < len(items) && items[end].Group == items[start].Group {
			end++
		}
		group := items[start:end]
		t := &Table{Columns: []Column{{"Fait", 9, false}, {"Dossier", 19, false}, {"Débiteur", 28, false}, {"Date", 19, false},
			{"Montant", 19, true}, {"Motif", 76, false}}}
		for _, it := range group {
			ref, amount := it.CaseRef, ""
			if ref == "" {
				ref = "Étude"
			}
			if it.Amount != 0 {
				amount = it.Amount.String()
			}
			t.Rows = append(t.Rows, Row{Cells: []string{"", ref, it.Debtor, it.Due.String(), amount, it.Text}})
		}
		title := fmt.Sprintf("%s (%s)", group[0].Group, thousands(len(group)))
		if n := group[0].GroupCount; n > len(group) {
			title = fmt.Sprintf("%s (%s imprimées sur %s)", group[0].Group, thousands(len(group)), thousands(n))
		}
		if a := strings.TrimSpace(group[0].Advice); a != "" {
			d.need(2*lhSmall + 20)
			d.font(true, 11)
			d.cell(marginL, d.y, contentW, title, gopdf.Left)
			d.y += 5.5
			d.font(false, sizeSmall)
			d.color(70)
			d.lines(marginL, contentW, d.wrap(a, contentW), lhSmall, gopdf.Left)
			d.color(0)
			d.y += 1
			d.table("", t)
		} else {
			d.table(title, t)
		}
		d.y += 4
		start = end
	}
	d.endSection()
	return d.bytes()
}

func countLabel(n int) string {
	switch n {
	case 0:
		return "aucune alerte"
	case 1:
		return "1 alerte"
	}
	return thousands(n) + " alertes"
}

// thousands writes n with a narrow no-break space between thousands.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "\u202f" + s[i:]
	}
	return s
}
