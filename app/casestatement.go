package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/debt"
)

// Titles of the case view's tabs that other parts select.
const (
	tabStatement = "Décompte"
	tabPlan      = "Échéancier"
	tabPayments  = "Encaissements"
)

// selectTab shows the case view's tab of that title.
func (v *caseView) selectTab(title string) {
	for _, it := range v.tabs.Items {
		if it.Text == title {
			v.tabs.Select(it)
		}
	}
}

// balanceText is the header's balance: what the debtor owes today. When
// interest runs, two labelled figures: without interest (the figure of the
// case list) and with the interest to date; interest left out when a rate
// is missing.
func (v *caseView) balanceText() string {
	st := v.fig.Statement
	s := "Solde dû : " + st.Due().String()
	if st.Balance.Interest > 0 {
		s = "Solde hors intérêts : " + (st.Due() - st.Balance.Interest).String() + " · avec intérêts à ce jour : " + st.Due().String()
	}
	if v.fig.StatementErr != "" {
		s += " (hors intérêts)"
	}
	if st.Credit > 0 {
		s += " · trop-perçu " + st.Credit.String()
	}
	return s
}

// refreshLimitation shows when the claim becomes time-barred, coloured by
// urgency, with the period's label and legal basis.
func (v *caseView) refreshLimitation() {
	f := v.fig
	alert := widget.NewLabelWithStyle(f.Alert.Message, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	alert.Wrapping = fyne.TextWrapWord
	alert.Importance = limitationImportance(f.Alert, v.rules)
	objs := []fyne.CanvasObject{alert}
	if p := f.Limitation.Period; p.Label != "" {
		basis := p.Label
		if p.Text != "" {
			basis += " — " + p.Text
		}
		objs = append(objs, wrapped(basis))
	}
	if !f.Limitation.Expires.IsZero() {
		objs = append(objs, wrapped(fmt.Sprintf("Délai courant depuis le %s (%s) ; dernier jour pour agir : %s.",
			f.Limitation.From, strings.ToLower(f.Limitation.FromEvent.Label()), dayInWords(f.Limitation.Expires))))
	}
	for _, ig := range f.Limitation.Ignored {
		objs = append(objs, wrapped(fmt.Sprintf("Non retenu : %s du %s (%s)", ig.Event.Kind.Label(), ig.Event.Date, ig.Reason)))
	}
	v.limitation.Objects = objs
	v.limitation.Refresh()
}

// statementColumns lays out a row of the statement: line, due date,
// principal, interest, accessories, paid, balance.
func statementRow(cells ...fyne.CanvasObject) fyne.CanvasObject {
	return weightedRow([]float32{3, 1.4, 1.6, 1.6, 1.6, 1.6, 1.6}, cells...)
}

// refreshStatement draws the Décompte tab: per line and in total the
// principal, the interest with its breakdown, the accessories, what was
// paid and the balance, at today.
func (v *caseView) refreshStatement() {
	f := v.fig
	st := f.Statement
	var objs []fyne.CanvasObject
	if f.StatementErr != "" {
		msg := widget.NewLabelWithStyle(f.StatementErr+" Le décompte ci-dessous est présenté sans intérêts.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		msg.Wrapping = fyne.TextWrapWord
		msg.Importance = widget.WarningImportance
		open := widget.NewButtonWithIcon("Paramètres → Taux", theme.SettingsIcon(), func() { v.ui.settings.showSection(sectionRates) })
		objs = append(objs, container.NewBorder(nil, nil,
			widget.NewIcon(theme.NewColoredResource(theme.WarningIcon(), theme.ColorNameWarning)), open, msg), widget.NewSeparator())
	}
	title := "Décompte au " + st.At.String()
	if k := v.c.Interest.Kind; k != debt.InterestUnset {
		title += " — " + k.Label()
	}
	objs = append(objs, heading(title), wrapped(v.interestStartText()))

	objs = append(objs, statementRow(heading("Ligne"), heading("Échéance"), rightHeading("Principal"), rightHeading("Intérêts"),
		rightHeading("Accessoires"), rightHeading("Payé"), rightHeading("Solde")))
	if len(st.Lines) == 0 {
		objs = append(objs, wrapped("Aucune ligne de créance : ajoutez-les dans l'onglet Créance."))
	}
	for _, l := range st.Lines {
		label := widget.NewLabel(l.Label)
		label.Truncation = fyne.TextTruncateEllipsis
		objs = append(objs, statementRow(label, widget.NewLabel(l.DueDate.String()), right(l.Owed.Principal.String()),
			right(l.Owed.Interest.String()), right(l.Owed.Accessory.String()), right(l.Paid.Total().String()), right(l.Balance.Total().String())))
		for _, p := range l.Interest.Periods {
			objs = append(objs, periodLabel(p))
		}
	}
	objs = append(objs, widget.NewSeparator(), statementRow(heading("Total"), widget.NewLabel(""),
		rightHeading(st.Owed.Principal.String()), rightHeading(st.Owed.Interest.String()), rightHeading(st.Owed.Accessory.String()),
		rightHeading(st.Paid.Total().String()), rightHeading(st.Balance.Total().String())))
	if st.Paid.Total() > 0 {
		objs = append(objs, wrapped(fmt.Sprintf("Payé : %s sur le principal, %s sur les intérêts, %s sur les accessoires.",
			st.Paid.Principal, st.Paid.Interest, st.Paid.Accessory)))
	}
	if st.Credit > 0 {
		credit := wrapped("Trop-perçu à rembourser au débiteur : " + st.Credit.String())
		credit.Importance = widget.WarningImportance
		objs = append(objs, credit)
	}
	due := widget.NewLabelWithStyle("Reste dû au "+st.At.String()+" : "+st.Due().String(), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	due.SizeName = theme.SizeNameSubHeadingText
	objs = append(objs, due)
	v.statement.Objects = objs
	v.statement.Refresh()
}

// periodLabel is one line of an interest breakdown under its claim line.
func periodLabel(p debt.InterestPeriod) fyne.CanvasObject {
	rate := debt.FormatRate(p.RateBP)
	if p.Divisor != 365 {
		rate += " (÷ " + strconv.Itoa(p.Divisor) + ")"
	}
	l := widget.NewLabel(fmt.Sprintf("    du %s au %s : %d jours à %s sur %s = %s", p.From.AddDays(1), p.To, p.Days, rate, p.Base, p.Amount))
	l.Importance = widget.LowImportance
	return l
}

// interestStartText says from when interest runs: the formal notice for
// legal interest (sending or first presentation, per the office rules),
// the day after each due date for penalties and contractual interest.
func (v *caseView) interestStartText() string {
	c := v.c
	if !c.Interest.From.IsZero() && c.Interest.Kind != debt.InterestNone && c.Interest.Kind != debt.InterestUnset {
		return "Intérêts à compter du " + c.Interest.From.String() + " (date fixée dans le dossier)."
	}
	switch c.Interest.Kind {
	case debt.InterestUnset:
		return "Intérêts non vérifiés : précisez-les dans « Modifier le dossier » ; le décompte est présenté sans intérêts."
	case debt.InterestNone:
		return "Aucun intérêt n'est réclamé."
	case debt.InterestLegal:
		if v.fig.NoticeDate.IsZero() {
			return "Aucune mise en demeure enregistrée : les intérêts au taux légal ne courent pas encore."
		}
		from := "son envoi"
		if v.rules.NoticeFromPresentation {
			from = "sa première présentation, à défaut son envoi"
		}
		return fmt.Sprintf("Mise en demeure du %s (date de %s, selon Paramètres → Calculs) : les intérêts au taux légal courent à compter de cette date.", v.fig.NoticeDate, from)
	}
	return "Les intérêts courent à compter du lendemain de l'échéance de chaque ligne."
}
