package letters

import (
	"fmt"
	"strings"

	"github.com/signintech/gopdf"

	"amiable/debt"
)

// DepositItem is one registered letter on a deposit list (bordereau de
// dépôt).
type DepositItem struct {
	Tracking  string               `json:"tracking"` // as typed or normalised
	Addressee string               `json:"addressee"`
	Postcode  string               `json:"postcode"`
	Town      string               `json:"town"`
	Level     debt.RegisteredLevel `json:"level"`
	AR        bool                 `json:"ar"`
	CaseRef   string               `json:"case_ref"`
}

// Deposit is the list of registered letters handed in at the post office
// counter on a day.
type Deposit struct {
	Office debt.Office   `json:"office"`
	Date   debt.Date     `json:"date"`
	Items  []DepositItem `json:"items"`
}

// DepositItem returns the deposit-list line of a registered letter; false
// for an ordinary letter.
func (l Letter) DepositItem() (DepositItem, bool) {
	if !l.Post.IsRegistered() {
		return DepositItem{}, false
	}
	return DepositItem{
		Tracking: l.Post.Tracking, Addressee: l.Recipient, Postcode: l.Postcode, Town: l.Town,
		Level: l.Post.Level, AR: l.Post.AR, CaseRef: l.CaseRef,
	}, true
}

// DepositList renders the deposit list alone.
func DepositList(office debt.Office, date debt.Date, items []DepositItem) ([]byte, error) {
	d, err := newDoc(fmt.Sprintf("Bordereau de dépôt du %s", date))
	if err != nil {
		return nil, err
	}
	d.deposit(Deposit{Office: office, Date: date, Items: items})
	return d.bytes()
}

// checkDeposit refuses a list a counter clerk would refuse: a missing or
// malformed tracking number, the same number twice, no level.
func checkDeposit(dep Deposit) error {
	seen := map[string]int{}
	for i, it := range dep.Items {
		n, _, err := debt.ParseTracking(it.Tracking)
		if err != nil {
			return fmt.Errorf("ligne %d (%s) : %w", i+1, it.Addressee, err)
		}
		if j, dup := seen[n]; dup {
			return fmt.Errorf("le numéro %s figure deux fois (lignes %d et %d)", debt.FormatTracking(n), j+1, i+1)
		}
		seen[n] = i
		if !it.Level.Valid() {
			return fmt.Errorf("ligne %d (%s) : niveau de recommandé manquant", i+1, it.Addressee)
		}
	}
	if dep.Date.IsZero() {
		return fmt.Errorf("date de dépôt manquante")
	}
	return nil
}

func (d *doc) deposit(dep Deposit) {
	if err := checkDeposit(dep); err != nil {
		d.fail(fmt.Errorf("bordereau de dépôt : %w", err))
		return
	}
	o := dep.Office
	d.beginSection(fmt.Sprintf("%s — bordereau de dépôt du %s", o.Name, dep.Date))
	d.font(true, 14)
	d.cell(marginL, d.y, contentW, "Bordereau de dépôt — lettres recommandées", gopdf.Left)
	d.y += 8
	d.font(true, 10)
	d.cell(marginL, d.y, contentW, o.Name, gopdf.Left)
	d.y += lhBody
	d.font(false, 9)
	for _, s := range []string{o.Address.OneLine(), strings.TrimPrefix(strings.Join([]string{o.Phone, o.Email}, " — "), " — ")} {
		if strings.Trim(s, " —,") != "" {
			d.cell(marginL, d.y, contentW, s, gopdf.Left)
			d.y += 4.2
		}
	}
	d.y += 2
	d.font(true, 10)
	d.cell(marginL, d.y, contentW, "Date de dépôt : "+dep.Date.Long(), gopdf.Left)
	d.y += 8
	d.onTop = false

	t := &Table{Columns: []Column{
		{"N°", 7, true}, {"Numéro de suivi", 32, false}, {"Destinataire", 44, false},
		{"Code postal", 15, false}, {"Ville", 30, false}, {"Niveau", 13, false}, {"AR", 8, false}, {"Dossier", 21, false},
	}}
	counts := map[debt.RegisteredLevel]int{}
	ar := 0
	for i, it := range dep.Items {
		yes := "non"
		if it.AR {
			yes = "oui"
			ar++
		}
		counts[it.Level]++
		t.Rows = append(t.Rows, Row{Cells: []string{
			fmt.Sprint(i + 1), debt.FormatTracking(it.Tracking), it.Addressee, it.Postcode, it.Town,
			string(it.Level), yes, it.CaseRef,
		}})
	}
	d.table("", t)
	d.y += 3
	d.need(2*lhBody + 50)
	d.font(true, 11)
	d.cell(marginL, d.y, contentW, fmt.Sprintf("Nombre total de plis : %d", len(dep.Items)), gopdf.Left)
	d.y += 6
	d.font(false, 9.5)
	d.cell(marginL, d.y, contentW, fmt.Sprintf("R1 : %d — R2 : %d — R3 : %d — avec avis de réception : %d",
		counts[debt.LevelR1], counts[debt.LevelR2], counts[debt.LevelR3], ar), gopdf.Left)
	d.y += 10
	d.pdf.SetStrokeColor(0, 0, 0)
	d.pdf.SetLineWidth(0.3)
	for i, label := range []string{"Signature de l'expéditeur", "Cachet et signature du bureau de poste"} {
		x := marginL + float64(i)*(contentW/2+3)
		d.pdf.RectFromUpperLeftWithStyle(x, d.y, contentW/2-3, 38, "D")
		d.font(false, 8.5)
		d.cell(x+2, d.y+2, contentW/2-7, label, gopdf.Left)
	}
	d.y += 40
	d.endSection()
}
