package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// runningPlan returns the case's open plan, if any.
func (v *caseView) runningPlan() (data.Plan, bool) {
	for _, p := range v.plans {
		if p.Open() {
			return p, true
		}
	}
	return data.Plan{}, false
}

// planSummary describes a plan in one line.
func planSummary(p data.Plan) string {
	n := 0
	for _, in := range p.Instalments {
		if in.N > 0 {
			n++
		}
	}
	s := fmt.Sprintf("Échéancier n° %d du %s : %s en %d échéance", p.ID, p.BaseDate, p.Total, n)
	if n > 1 {
		s += "s"
	}
	if len(p.Instalments) > n {
		s += " après un acompte"
	}
	return s + " (" + strings.ToLower(p.Frequency.Label()) + ")"
}

// refreshPlans draws the Échéancier tab: the running plan's instalments
// with their state colours, next due and amount late, and the history of
// closed plans.
func (v *caseView) refreshPlans() {
	running, ok := v.runningPlan()
	var btns []fyne.CanvasObject
	if ok {
		btns = append(btns, widget.NewButtonWithIcon("Renégocier…", theme.ViewRefreshIcon(), v.onNewPlan))
		if running.Signed.IsZero() {
			sign := widget.NewButtonWithIcon("Signature reçue le…", theme.DocumentCreateIcon(), v.onSignPlan)
			sign.Importance = widget.HighImportance
			btns = append(btns, sign)
		}
	} else {
		b := widget.NewButtonWithIcon("Nouvel échéancier…", theme.ContentAddIcon(), v.onNewPlan)
		b.Importance = widget.HighImportance
		btns = append(btns, b)
	}
	// Acts that interrupt or suspend limitation (interruptions.go).
	btns = append(btns, widget.NewButtonWithIcon("Acte interruptif…", theme.DocumentCreateIcon(), func() { v.onInterruption() }))
	v.planBtns.Objects = btns
	v.planBtns.Refresh()

	var objs []fyne.CanvasObject
	if ok {
		objs = append(objs, v.planDetails(running)...)
	} else {
		objs = append(objs, wrapped(fmt.Sprintf("Aucun échéancier en cours. Solde à échelonner au %s : %s. "+
			"Créez-en un avec « Nouvel échéancier… » : l'aperçu des échéances s'affiche avant l'enregistrement.", v.fig.Statement.At, v.fig.Statement.Due())))
	}
	var closed []data.Plan
	for _, p := range v.plans {
		if !p.Open() {
			closed = append(closed, p)
		}
	}
	if len(closed) > 0 {
		objs = append(objs, widget.NewSeparator(), heading("Échéanciers précédents"))
		for _, p := range closed {
			line := planSummary(p) + fmt.Sprintf(" — clos le %s", p.Closed)
			if p.CloseReason != "" {
				line += " : " + p.CloseReason
			}
			line += fmt.Sprintf(" — reçu %s", p.Paid)
			l := wrapped(line)
			l.Importance = widget.LowImportance
			objs = append(objs, l)
		}
	}
	objs = append(objs, v.limitationActs()...) // limitationacts.go
	v.planBox.Objects = objs
	v.planBox.Refresh()
}

// planDetails shows the running plan.
func (v *caseView) planDetails(p data.Plan) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{heading(planSummary(p)),
		widget.NewLabel(fmt.Sprintf("Grâce de %d jours avant qu'une échéance soit impayée · reçu depuis le début : %s", p.GraceDays, p.Paid))}
	sig := widget.NewLabel("Signé par le débiteur le " + p.Signed.String() + " (la prescription est interrompue à cette date).")
	if p.Signed.IsZero() {
		sig.SetText("Non signé : l'accord interrompt la prescription une fois signé (« Signature reçue le… »).")
		sig.Importance = widget.WarningImportance
	}
	objs = append(objs, sig)
	if p.LetterDocID == 0 {
		objs = append(objs, widget.NewLabel("Aucun courrier d'accord émis."))
	} else {
		objs = append(objs, widget.NewLabel(fmt.Sprintf("Courrier d'accord : pièce n° %d.", p.LetterDocID)))
	}
	if next, ok := p.Next(); ok {
		objs = append(objs, heading(fmt.Sprintf("Prochaine échéance : %s — %s à payer (%s)", next.Due, next.Left, strings.ToLower(next.State.Label()))))
	} else {
		done := heading("Toutes les échéances sont payées.")
		done.Importance = widget.SuccessImportance
		objs = append(objs, done)
	}
	if late := p.Late(); late > 0 {
		l := heading("Montant en retard : " + late.String())
		l.Importance = widget.WarningImportance
		for _, in := range p.Instalments {
			if in.State == debt.InstMissed {
				l.Importance = widget.DangerImportance
			}
		}
		objs = append(objs, l)
	}
	row := func(cells ...fyne.CanvasObject) fyne.CanvasObject { return container.NewGridWithColumns(6, cells...) }
	objs = append(objs, row(heading("N°"), heading("Échéance"), rightHeading("Montant"), rightHeading("Payé"), rightHeading("Reste"), heading("État")))
	for _, in := range p.Instalments {
		n := strconv.Itoa(in.N)
		if in.N == 0 {
			n = "Acompte"
		}
		state := widget.NewLabelWithStyle(in.State.Label(), fyne.TextAlignLeading, fyne.TextStyle{Bold: in.State != debt.InstUpcoming})
		state.Importance = instalmentImportance(in.State)
		objs = append(objs, row(widget.NewLabel(n), widget.NewLabel(in.Due.String()), right(in.Amount.String()),
			right(in.Paid.String()), right(in.Left.String()), state))
	}
	return objs
}

// onSignPlan records the date the debtor signed the running plan.
func (v *caseView) onSignPlan() {
	p, ok := v.runningPlan()
	if !ok {
		return
	}
	date := v.ui.newEntry("JJ/MM/AAAA")
	date.SetText(v.ui.today().String())
	f := v.ui.newFormDialog("Signature de l'échéancier", "Enregistrer la signature", container.NewVBox(
		wrapped(planSummary(p)),
		formGrid(widget.NewLabel("Signé par le débiteur le"), date),
		wrapped("La signature interrompt la prescription à cette date (Code civil 2240)."),
	), func() []string {
		d, msgs := readDate(date, "Date de signature", nil)
		if len(msgs) > 0 {
			return msgs
		}
		if err := v.ui.store.SignPlan(context.Background(), v.id, p.ID, d, v.ui.author(), v.ui.now()); err != nil {
			return v.ui.errorMessages(err)
		}
		v.reload()
		return nil
	})
	f.submitOnEnter(date)
	v.signDialog = f
	f.show(fyne.NewSize(560, 280))
	v.ui.win.Canvas().Focus(date)
}

// onNewPlan opens the plan dialog; with a running plan it renegotiates.
func (v *caseView) onNewPlan() {
	v.planForm = newPlanForm(v)
	v.planForm.f.show(fyne.NewSize(760, 640))
	v.ui.win.Canvas().Focus(v.planForm.count)
}

// planForm is the "Nouvel échéancier" dialog: the plan's terms, a preview
// of its instalments computed by the store, and saving once the preview
// matches the terms.
type planForm struct {
	v *caseView
	f *formDialog

	count, amount, down, downDate, first, day *entry
	custom                                    *entry
	every                                     *widget.Select
	dayRow, customRow, countRows              *fyne.Container
	preview                                   *fyne.Container
	warnings                                  *widget.Label
	previewBtn                                *widget.Button

	previewed     string // the terms the preview shows ("" when none)
	previewTotal  debt.Cents
	previewRows   []debt.Instalment
	previewWarned []string
}

var planFrequencies = []debt.Frequency{debt.Monthly, debt.Weekly, debt.Custom}

func newPlanForm(v *caseView) *planForm {
	u := v.ui
	pf := &planForm{v: v}
	pf.count = u.newEntry("par exemple 6")
	pf.amount = u.newEntry("ou montant de chaque échéance")
	pf.down = u.newEntry("facultatif")
	pf.downDate = u.newEntry("JJ/MM/AAAA (par défaut : 1re échéance)")
	pf.first = u.newEntry("JJ/MM/AAAA")
	pf.first.SetText(u.today().AddMonths(1).String())
	pf.day = u.newEntry("jour du mois (par défaut : celui de la 1re échéance)")
	pf.custom = u.newMultiLineEntry("Une échéance par ligne : date et montant, par exemple\n15/06/2026 300,00", 5)
	labels := make([]string, len(planFrequencies))
	for i, f := range planFrequencies {
		labels[i] = f.Label()
	}
	pf.every = newSelect(labels, func(string) { pf.onFrequency() })
	pf.warnings = wrapped("")
	pf.warnings.Importance = widget.WarningImportance
	pf.warnings.TextStyle.Bold = true
	pf.warnings.Hide()
	pf.preview = container.NewVBox(wrapped("Aperçu : saisissez les conditions puis Entrée (ou « Aperçu ») ; Entrée de nouveau enregistre."))
	pf.previewBtn = widget.NewButtonWithIcon("Aperçu", theme.VisibilityIcon(), pf.onPreview)

	pf.countRows = container.NewVBox(formGrid(
		widget.NewLabel("Nombre d'échéances"), pf.count,
		widget.NewLabel("ou montant par échéance (€)"), pf.amount,
	))
	pf.dayRow = container.NewVBox(formGrid(widget.NewLabel("Jour du mois"), pf.day))
	pf.customRow = container.NewVBox(formGrid(widget.NewLabel("Échéances"), pf.custom))

	intro := fmt.Sprintf("Solde à échelonner au %s : %s.", v.fig.Statement.At, v.fig.Statement.Due())
	title := "Nouvel échéancier"
	if old, ok := v.runningPlan(); ok {
		title = "Renégocier l'échéancier"
		intro = fmt.Sprintf("L'échéancier en cours (n° %d) sera clos comme renégocié, avec son historique, et remplacé par celui-ci, "+
			"qui part du solde restant au %s : %s.", old.ID, v.fig.Statement.At, v.fig.Statement.Due())
	}
	content := container.NewVBox(
		wrapped(intro),
		formGrid(widget.NewLabel("Périodicité"), pf.every),
		pf.countRows, pf.customRow,
		formGrid(
			widget.NewLabel("Première échéance"), pf.first,
		),
		pf.dayRow,
		formGrid(
			widget.NewLabel("Acompte (€)"), pf.down,
			widget.NewLabel("Date de l'acompte"), pf.downDate,
		),
		container.NewHBox(pf.previewBtn),
		pf.warnings,
		pf.preview,
	)
	pf.f = u.newFormDialog(title, "Enregistrer l'échéancier", content, pf.onSubmit)
	pf.every.SetSelectedIndex(0)
	for _, e := range []*entry{pf.count, pf.amount, pf.down, pf.downDate, pf.first, pf.day} {
		e.OnSubmitted = func(string) { pf.onEnter() }
		e.OnChanged = func(string) { pf.invalidate() }
	}
	pf.custom.OnChanged = func(string) { pf.invalidate() }
	pf.f.confirm.Disable()
	return pf
}

func (pf *planForm) onFrequency() {
	if pf.dayRow == nil {
		return
	}
	switch pf.frequency() {
	case debt.Custom:
		pf.countRows.Hide()
		pf.dayRow.Hide()
		pf.customRow.Show()
	case debt.Weekly:
		pf.countRows.Show()
		pf.dayRow.Hide()
		pf.customRow.Hide()
	default:
		pf.countRows.Show()
		pf.dayRow.Show()
		pf.customRow.Hide()
	}
	pf.invalidate()
	pf.f.body.Refresh()
}

func (pf *planForm) frequency() debt.Frequency {
	if i := pf.every.SelectedIndex(); i >= 0 {
		return planFrequencies[i]
	}
	return debt.Monthly
}

// invalidate forgets the preview once the terms change: saving needs a
// new preview.
func (pf *planForm) invalidate() {
	if pf.previewed == "" {
		return
	}
	pf.previewed = ""
	pf.f.confirm.Disable()
	pf.preview.Objects = []fyne.CanvasObject{wrapped("Les conditions ont changé : refaites l'aperçu (Entrée).")}
	pf.preview.Refresh()
	pf.warnings.Hide()
}

// onEnter previews the plan, or saves it when the preview is up to date.
func (pf *planForm) onEnter() {
	if spec, msgs := pf.spec(); len(msgs) == 0 && pf.previewed != "" && pf.previewed == specKey(spec) {
		pf.f.onConfirm()
		return
	}
	pf.onPreview()
}

// spec reads the terms; msgs lists what to fix.
func (pf *planForm) spec() (debt.PlanSpec, []string) {
	var msgs []string
	s := debt.PlanSpec{Every: pf.frequency()}
	amount := func(e *entry, name string) debt.Cents {
		if strings.TrimSpace(e.Text) == "" {
			return 0
		}
		c, err := debt.ParseAmount(e.Text)
		if err != nil {
			msgs = append(msgs, name+" : "+data.Message(err))
		}
		return c
	}
	date := func(e *entry, name string) debt.Date {
		d, err := debt.ParseDate(e.Text)
		if err != nil {
			msgs = append(msgs, name+" : "+data.Message(err))
		}
		return d
	}
	s.Down = amount(pf.down, "Acompte")
	s.DownDate = date(pf.downDate, "Date de l'acompte")
	switch s.Every {
	case debt.Custom:
		for i, line := range lines(pf.custom.Text) {
			fields := strings.Fields(strings.ReplaceAll(line, ";", " "))
			if len(fields) < 2 {
				msgs = append(msgs, fmt.Sprintf("Échéance %d : saisissez la date et le montant (« 15/06/2026 300,00 »)", i+1))
				continue
			}
			d, err := debt.ParseDate(fields[0])
			if err != nil {
				msgs = append(msgs, fmt.Sprintf("Échéance %d : %s", i+1, data.Message(err)))
			}
			a, err := debt.ParseAmount(strings.Join(fields[1:], " "))
			if err != nil {
				msgs = append(msgs, fmt.Sprintf("Échéance %d : %s", i+1, data.Message(err)))
			}
			s.Custom = append(s.Custom, debt.Instalment{N: i + 1, Due: d, Amount: a})
		}
		if len(s.Custom) > 0 {
			s.First = s.Custom[0].Due
		}
	default:
		s.First = date(pf.first, "Première échéance")
		if strings.TrimSpace(pf.count.Text) != "" {
			n, err := strconv.Atoi(strings.TrimSpace(pf.count.Text))
			if err != nil || n <= 0 {
				msgs = append(msgs, "Nombre d'échéances : nombre entier positif attendu")
			}
			s.Count = n
		}
		s.Amount = amount(pf.amount, "Montant par échéance")
		if s.Every == debt.Monthly && strings.TrimSpace(pf.day.Text) != "" {
			n, err := strconv.Atoi(strings.TrimSpace(pf.day.Text))
			if err != nil || n < 1 || n > 31 {
				msgs = append(msgs, "Jour du mois : de 1 à 31")
			}
			s.DayOfMonth = n
		}
	}
	return s, msgs
}

// specKey identifies the terms a preview was made for.
func specKey(s debt.PlanSpec) string { return fmt.Sprintf("%+v", s) }

// onPreview asks the store for the instalments and shows them.
func (pf *planForm) onPreview() {
	spec, msgs := pf.spec()
	if len(msgs) > 0 {
		pf.f.showErrors(msgs)
		return
	}
	v := pf.v
	inst, warn, total, err := v.ui.store.PreviewPlan(context.Background(), v.id, spec, v.ui.now())
	if err != nil {
		pf.f.showErrors(v.ui.errorMessages(err))
		return
	}
	pf.f.errs.Hide()
	pf.previewed, pf.previewTotal, pf.previewRows, pf.previewWarned = specKey(spec), total, inst, warn
	row := func(cells ...fyne.CanvasObject) fyne.CanvasObject { return container.NewGridWithColumns(3, cells...) }
	objs := []fyne.CanvasObject{heading(fmt.Sprintf("Aperçu : %s du %s au %s, total %s", debt.Plural(len(inst), "échéance", "échéances"), inst[0].Due, inst[len(inst)-1].Due, total)),
		row(heading("N°"), heading("Échéance"), rightHeading("Montant"))}
	for _, in := range inst {
		n := strconv.Itoa(in.N)
		if in.N == 0 {
			n = "Acompte"
		}
		objs = append(objs, row(widget.NewLabel(n), widget.NewLabel(in.Due.String()+" ("+weekday(in.Due)+")"), right(in.Amount.String())))
	}
	pf.preview.Objects = objs
	pf.preview.Refresh()
	if len(warn) > 0 {
		pf.warnings.SetText(strings.Join(warn, "\n"))
		pf.warnings.Show()
	} else {
		pf.warnings.Hide()
	}
	pf.f.confirm.Enable()
	pf.f.body.Refresh()
}

// onSubmit saves the previewed plan.
func (pf *planForm) onSubmit() []string {
	spec, msgs := pf.spec()
	if len(msgs) > 0 {
		return msgs
	}
	if pf.previewed == "" || pf.previewed != specKey(spec) {
		pf.onPreview()
		return []string{"Vérifiez l'aperçu des échéances, puis enregistrez."}
	}
	v := pf.v
	spec.Total = pf.previewTotal
	_, _, err := v.ui.store.CreatePlan(context.Background(), v.id, spec, v.ui.author(), v.ui.now())
	if err != nil {
		return v.ui.errorMessages(err)
	}
	v.reload()
	v.selectTab(tabPlan)
	return nil
}
