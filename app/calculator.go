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

// calculator is "Calculette": legal interest, a procedural deadline and a
// limitation date, computed without a case with the office's rates and
// rules (Paramètres → Taux and Calculs). Each part computes on Enter or
// its button, and copies a plain-text summary to the clipboard.
type calculator struct {
	ui     *UI
	scr    *screen
	rates  debt.RateTable
	rules  debt.Rules
	loaded bool

	// Intérêts
	principal, from, to, rate *entry
	creditor, rateKind        *widget.Select
	interestOut               *fyne.Container
	interestCopy              *widget.Button
	interestText              string

	// Délai
	dlFrom, dlCount *entry
	dlUnit          *widget.Select
	dlAlsace        *widget.Check
	deadlineOut     *fyne.Container
	deadlineCopy    *widget.Button
	deadlineText    string

	// Prescription
	lmMode                   *widget.RadioGroup
	lmYears, lmStart, lmDate *entry
	lmEnd                    *entry // a suspension's end, shown for the kinds that suspend
	lmNature, lmCred, lmDebt *widget.Select
	lmTitle                  *widget.Check
	lmKind                   *widget.Select
	lmByClaim, lmByYears     *fyne.Container
	lmForm                   *fyne.Container
	lmPeriod                 *widget.Label
	lmEvents                 []debt.LimitationEvent
	lmEventsBox              *fyne.Container
	limitationOut            *fyne.Container
	limitationCopy           *widget.Button
	limitationText           string

	parts   *fyne.Container // the three parts, relaid out when a result grows
	content fyne.CanvasObject
}

// The choices of the interest part.
const (
	labelConsumerCreditor     = "Particulier (personne privée)"
	labelProfessionalCreditor = "Professionnel ou autre"
	labelLegalRate            = "Taux légal"
	labelBusinessRate         = "Pénalités entre professionnels (BCE + 10 points)"
	labelFixedRate            = "Taux annuel fixe"
	labelDays                 = "jours"
	labelMonths               = "mois"
	labelByClaim              = "Selon la créance"
	labelByYears              = "Durée en années"
)

// limitationEventKinds are the events a person can add in the calculator:
// the acts of a case (debt.InterruptionKinds: they interrupt, suspend, or
// open the 10 years of a title), a signed plan and a partial payment, and
// the formal notice, which interrupts nothing.
var limitationEventKinds = []debt.LimitationEventKind{debt.LimitationAcknowledgement, debt.LimitationPlanSigned,
	debt.LimitationPartialPayment, debt.LimitationCourtDemand, debt.LimitationEnforcement, debt.LimitationMediation,
	debt.LimitationSmallClaims, debt.LimitationTitleObtained, debt.LimitationFormalNotice}

func newCalculator(u *UI) *calculator {
	c := &calculator{ui: u, rules: debt.DefaultRules()}
	c.parts = container.NewVBox(
		widget.NewCard("Intérêts", "Intérêts simples, par semestre, avec les taux de Paramètres → Taux", c.interestPart()),
		widget.NewCard("Délai", "Délai de procédure (CPC 641-642) avec le calendrier de l'étude", c.deadlinePart()),
		widget.NewCard("Prescription", "Date à laquelle la créance sera prescrite", c.limitationPart()),
	)
	c.content = container.NewVScroll(c.parts)
	return c
}

func (c *calculator) screen() *screen {
	c.scr = &screen{
		title:   "Calculette",
		icon:    theme.GridIcon(),
		content: c.content,
		shown: func() {
			c.load()
			// F7 then type: the principal is the first field
			c.ui.win.Canvas().Focus(c.principal)
		},
	}
	return c.scr
}

// load reads the rates and rules on the worker each time the screen
// shows (they may have changed in Paramètres), then redoes the results
// already shown.
func (c *calculator) load() {
	st := c.ui.store
	c.ui.worker.do(func(ctx context.Context) func() {
		rates, err := st.Rates(ctx)
		var rules debt.Rules
		if err == nil {
			rules, err = st.Rules(ctx)
		}
		return func() {
			if err != nil {
				c.ui.logError(err)
				c.showInterestError(data.Message(err))
				return
			}
			first := !c.loaded
			c.rates, c.rules, c.loaded = rates, rules, true
			if first {
				c.dlAlsace.SetChecked(rules.Calendar.Alsace)
			}
			if c.interestText != "" {
				c.onInterest()
			}
			if c.deadlineText != "" {
				c.onDeadline()
			}
		}
	})
}

// --- Intérêts ---

func (c *calculator) interestPart() fyne.CanvasObject {
	u := c.ui
	c.principal = u.newEntry("ex. 1 234,56")
	c.from = u.newEntry("JJ/MM/AAAA (exclu)")
	c.to = u.newEntry("JJ/MM/AAAA (inclus)")
	c.to.SetText(u.today().String())
	c.creditor = newSelect([]string{labelConsumerCreditor, labelProfessionalCreditor}, nil)
	c.creditor.SetSelectedIndex(0)
	c.rateKind = newSelect([]string{labelLegalRate, labelBusinessRate, labelFixedRate}, func(string) { c.onRateKind() })
	c.rate = u.newEntry("Taux annuel, par exemple 7,5")
	c.rateKind.SetSelectedIndex(0)
	for _, e := range []*entry{c.principal, c.from, c.to, c.rate} {
		e.OnSubmitted = func(string) { c.onInterest() }
	}
	compute := widget.NewButtonWithIcon("Calculer", theme.ConfirmIcon(), c.onInterest)
	compute.Importance = widget.HighImportance
	c.interestCopy = widget.NewButtonWithIcon("Copier", theme.ContentCopyIcon(), func() { c.copy(c.interestText) })
	c.interestCopy.Disable()
	c.interestOut = container.NewVBox(wrapped("Saisissez le principal et les dates, puis Entrée."))
	form := container.NewVBox(formGrid(
		widget.NewLabel("Principal (€)"), c.principal,
		widget.NewLabel("Du"), c.from,
		widget.NewLabel("Au"), c.to,
		widget.NewLabel("Créancier"), c.creditor,
		widget.NewLabel("Taux"), c.rateKind,
		widget.NewLabel("Taux annuel (%)"), c.rate,
	), container.NewHBox(compute, c.interestCopy))
	return sideBySide(form, c.interestOut)
}

func (c *calculator) onRateKind() {
	if c.rateKind.Selected == labelFixedRate {
		c.rate.Enable()
	} else {
		c.rate.Disable()
	}
}

// interestInput reads the interest form; msgs lists what to fix.
func (c *calculator) interestInput() (in debt.InterestInput, msgs []string) {
	var err error
	if strings.TrimSpace(c.principal.Text) == "" {
		msgs = append(msgs, "Saisissez le principal")
	} else if in.Principal, err = debt.ParseAmount(c.principal.Text); err != nil {
		msgs = append(msgs, "Principal : "+data.Message(err))
	}
	in.From, msgs = readDate(c.from, "Date de départ", msgs)
	in.To, msgs = readDate(c.to, "Date de fin", msgs)
	in.Creditor = debt.Consumer
	if c.creditor.Selected == labelProfessionalCreditor {
		in.Creditor = debt.Professional
	}
	switch c.rateKind.Selected {
	case labelLegalRate:
		in.Kind = debt.InterestLegal
	case labelBusinessRate:
		in.Kind = debt.InterestBusiness
	default:
		in.Kind = debt.InterestContractual
		if in.RateBP, err = debt.ParseRate(c.rate.Text); err != nil {
			msgs = append(msgs, "Taux annuel : "+upperFirst(err.Error()))
		}
	}
	if len(msgs) == 0 && !in.To.After(in.From) {
		msgs = append(msgs, "La date de fin doit suivre la date de départ")
	}
	in.Rates, in.LeapDivisor366 = c.rates, c.rules.LeapDivisor366
	return in, msgs
}

// interestColumns are the widths of the breakdown's columns: period, days,
// base, rate, amount.
var interestColumns = []float32{3.2, 1, 2, 1.6, 1.6}

// readDate parses a required date field, adding a French message naming
// the field when it is empty or wrong.
func readDate(e *entry, name string, msgs []string) (debt.Date, []string) {
	d, err := debt.ParseDate(e.Text)
	switch {
	case err != nil:
		msgs = append(msgs, name+" : "+data.Message(err))
	case d.IsZero():
		msgs = append(msgs, name+" : saisissez-la (JJ/MM/AAAA)")
	}
	return d, msgs
}

// onInterest computes the interest and shows its breakdown.
func (c *calculator) onInterest() {
	in, msgs := c.interestInput()
	if len(msgs) > 0 {
		c.showInterestError(strings.Join(msgs, "\n"))
		return
	}
	res, err := debt.ComputeInterest(in)
	if err != nil {
		c.showInterestError(upperFirst(err.Error()))
		return
	}
	head := fmt.Sprintf("Intérêts sur %s du %s (exclu) au %s (inclus)", in.Principal, in.From, in.To)
	basis := c.rateKind.Selected
	if in.Kind == debt.InterestLegal {
		basis += ", créancier " + strings.ToLower(strings.SplitN(c.creditor.Selected, " ", 2)[0])
	}
	if in.Kind == debt.InterestContractual {
		basis += " de " + debt.FormatRate(in.RateBP)
	}
	text := []string{head, basis}
	objs := []fyne.CanvasObject{heading(head), widget.NewLabel(basis)}
	rows := []fyne.CanvasObject{weightedRow(interestColumns, heading("Période"), rightHeading("Jours"), rightHeading("Base"), rightHeading("Taux"), rightHeading("Intérêts"))}
	for _, p := range res.Periods {
		period := fmt.Sprintf("du %s au %s", p.From.AddDays(1), p.To)
		rate := debt.FormatRate(p.RateBP)
		if p.Divisor != 365 {
			rate += fmt.Sprintf(" (÷ %d)", p.Divisor)
		}
		rows = append(rows, weightedRow(interestColumns, widget.NewLabel(period), right(strconv.Itoa(p.Days)), right(p.Base.String()), right(rate), right(p.Amount.String())))
		text = append(text, fmt.Sprintf("%s : %d jours à %s sur %s = %s", period, p.Days, rate, p.Base, p.Amount))
	}
	total := "Total des intérêts : " + res.Total.String()
	text = append(text, total)
	totalLabel := rightHeading(total)
	objs = append(objs, container.NewVBox(rows...), totalLabel,
		widget.NewLabel("Principal et intérêts : "+(in.Principal+res.Total).String()))
	text = append(text, "Principal et intérêts : "+(in.Principal+res.Total).String())
	c.interestOut.Objects = objs
	c.interestOut.Refresh()
	c.relayout()
	c.interestText = strings.Join(text, "\n")
	c.interestCopy.Enable()
}

func (c *calculator) showInterestError(msg string) {
	l := errorLabel()
	l.SetText(msg)
	l.Show()
	objs := []fyne.CanvasObject{l}
	if strings.Contains(msg, "Paramètres → Taux") {
		objs = append(objs, container.NewHBox(widget.NewButtonWithIcon("Ouvrir Paramètres → Taux", theme.SettingsIcon(), func() {
			c.ui.settings.showSection(sectionRates)
		})))
	}
	c.interestOut.Objects = objs
	c.interestOut.Refresh()
	c.relayout()
	c.interestText = ""
	c.interestCopy.Disable()
}

// --- Délai ---

func (c *calculator) deadlinePart() fyne.CanvasObject {
	u := c.ui
	c.dlFrom = u.newEntry("JJ/MM/AAAA")
	c.dlFrom.SetText(u.today().String())
	c.dlCount = u.newEntry("ex. 8")
	c.dlCount.SetText("8")
	c.dlUnit = newSelect([]string{labelDays, labelMonths}, nil)
	c.dlUnit.SetSelectedIndex(0)
	c.dlAlsace = widget.NewCheck("Jours fériés d'Alsace-Moselle (Vendredi saint, 26 décembre)", nil)
	for _, e := range []*entry{c.dlFrom, c.dlCount} {
		e.OnSubmitted = func(string) { c.onDeadline() }
	}
	compute := widget.NewButtonWithIcon("Calculer", theme.ConfirmIcon(), c.onDeadline)
	compute.Importance = widget.HighImportance
	c.deadlineCopy = widget.NewButtonWithIcon("Copier", theme.ContentCopyIcon(), func() { c.copy(c.deadlineText) })
	c.deadlineCopy.Disable()
	c.deadlineOut = container.NewVBox(wrapped("Le jour de l'événement ne compte pas ; un délai qui finit un samedi, un dimanche, un jour férié ou un jour de fermeture de l'étude est reporté au premier jour ouvrable."))
	form := container.NewVBox(formGrid(
		widget.NewLabel("À compter du"), c.dlFrom,
		widget.NewLabel("Délai"), container.NewBorder(nil, nil, nil, atLeast(110, c.dlUnit), c.dlCount),
		widget.NewLabel("Calendrier"), c.dlAlsace,
	), container.NewHBox(compute, c.deadlineCopy))
	return sideBySide(form, c.deadlineOut)
}

// calendar is the office calendar with the Alsace choice of the form.
func (c *calculator) calendar() debt.Calendar {
	cal := c.rules.Calendar
	cal.Alsace = c.dlAlsace.Checked
	return cal
}

func (c *calculator) onDeadline() {
	var msgs []string
	var from debt.Date
	from, msgs = readDate(c.dlFrom, "Date de l'événement", msgs)
	n, err := strconv.Atoi(strings.TrimSpace(c.dlCount.Text))
	months := c.dlUnit.Selected == labelMonths
	switch {
	case err != nil || n <= 0:
		msgs = append(msgs, "Saisissez la durée du délai : un nombre entier, par exemple 8 ou 15")
	case !months && n > 3650, months && n > 120:
		msgs = append(msgs, "Délai invraisemblable (3 650 jours ou 120 mois au plus)")
	}
	if len(msgs) > 0 {
		l := errorLabel()
		l.SetText(strings.Join(msgs, "\n"))
		l.Show()
		c.deadlineOut.Objects = []fyne.CanvasObject{l}
		c.deadlineOut.Refresh()
		c.relayout()
		c.deadlineText = ""
		c.deadlineCopy.Disable()
		return
	}
	cal := c.calendar()
	var nominal, end debt.Date
	unit := labelDays
	if months {
		nominal, end, unit = from.AddMonths(n), cal.DeadlineMonths(from, n), labelMonths
	} else {
		nominal, end = from.AddDays(n), cal.DeadlineDays(from, n)
	}
	if n == 1 && !months {
		unit = "jour"
	}
	result := "Fin du délai : " + dayInWords(end)
	start := fmt.Sprintf("Délai de %d %s à compter du %s (le jour de l'événement ne compte pas).", n, unit, dayInWords(from))
	text := []string{result, start}
	objs := []fyne.CanvasObject{heading(result), wrapped(start)}
	if move := deadlineMove(cal, nominal, end); move != "" {
		line := move + " : report au premier jour ouvrable (CPC 642)."
		l := wrapped(line)
		l.Importance = widget.WarningImportance
		objs = append(objs, l)
		text = append(text, line)
	} else {
		line := "Le " + shortDayInWords(end) + " est un jour ouvrable : pas de report."
		objs = append(objs, wrapped(line))
		text = append(text, line)
	}
	c.deadlineOut.Objects = objs
	c.deadlineOut.Refresh()
	c.relayout()
	c.deadlineText = strings.Join(text, "\n")
	c.deadlineCopy.Enable()
}

// deadlineMove explains why a deadline's end moved from its nominal day:
// "samedi 23 mai → mardi 26 mai (dimanche, lundi de Pentecôte)". It is
// empty when the nominal day is a working day.
func deadlineMove(cal debt.Calendar, nominal, end debt.Date) string {
	if !end.After(nominal) {
		return ""
	}
	var why []string
	for d := nominal; d.Before(end); d = d.AddDays(1) {
		r, _ := cal.ClosedReason(d)
		if d.Equal(nominal) && r == weekday(d) {
			continue // "samedi 23 mai" says it already
		}
		why = append(why, inSentence(r))
	}
	show := shortDayInWords
	if nominal.Year() != end.Year() {
		show = dayInWords
	}
	s := show(nominal) + " → " + show(end)
	if len(why) > 0 {
		s += " (" + strings.Join(why, ", ") + ")"
	}
	return s
}

// --- Prescription ---

func (c *calculator) limitationPart() fyne.CanvasObject {
	u := c.ui
	c.lmYears = u.newEntry("ex. 5")
	c.lmStart = u.newEntry("JJ/MM/AAAA : échéance impayée")
	c.lmDate = u.newEntry("JJ/MM/AAAA")
	c.lmEnd = u.newEntry("JJ/MM/AAAA, fin de la suspension si elle est terminée")
	c.lmEnd.Hide()
	natures := make([]string, len(debt.Natures))
	for i, n := range debt.Natures {
		natures[i] = n.Label()
	}
	c.lmNature = newSelect(natures, func(string) { c.showPeriod() })
	c.lmNature.SetSelectedIndex(0)
	kinds := []string{debt.Consumer.Label(), debt.Professional.Label()}
	c.lmCred = newSelect(kinds, func(string) { c.showPeriod() })
	c.lmCred.SetSelectedIndex(1)
	c.lmDebt = newSelect(kinds, func(string) { c.showPeriod() })
	c.lmDebt.SetSelectedIndex(0)
	c.lmTitle = widget.NewCheck("Titre exécutoire (jugement, acte notarié)", func(bool) { c.showPeriod() })
	c.lmPeriod = wrapped("")
	c.lmByClaim = container.NewVBox(formGrid(
		widget.NewLabel("Nature"), c.lmNature,
		widget.NewLabel("Créancier"), c.lmCred,
		widget.NewLabel("Débiteur"), c.lmDebt,
		widget.NewLabel(""), c.lmTitle,
	), c.lmPeriod)
	c.lmByYears = container.NewVBox(formGrid(widget.NewLabel("Durée (années)"), c.lmYears))
	c.lmMode = widget.NewRadioGroup([]string{labelByClaim, labelByYears}, func(string) { c.onLimitationMode() })
	c.lmMode.Horizontal = true
	c.lmMode.SetSelected(labelByClaim)
	c.showPeriod()

	labels := make([]string, len(limitationEventKinds))
	for i, k := range limitationEventKinds {
		labels[i] = k.Label()
	}
	c.lmKind = newSelect(labels, func(string) { c.onLimitationKind() })
	c.lmKind.SetSelectedIndex(0)
	add := widget.NewButtonWithIcon("Ajouter", theme.ContentAddIcon(), c.onAddLimitationEvent)
	c.lmDate.OnSubmitted = func(string) { c.onAddLimitationEvent() }
	c.lmEnd.OnSubmitted = func(string) { c.onAddLimitationEvent() }
	c.lmStart.OnSubmitted = func(string) { c.onLimitation() }
	c.lmYears.OnSubmitted = func(string) { c.onLimitation() }
	c.lmEventsBox = container.NewVBox()
	c.refreshLimitationEvents()

	compute := widget.NewButtonWithIcon("Calculer", theme.ConfirmIcon(), c.onLimitation)
	compute.Importance = widget.HighImportance
	c.limitationCopy = widget.NewButtonWithIcon("Copier", theme.ContentCopyIcon(), func() { c.copy(c.limitationText) })
	c.limitationCopy.Disable()
	c.limitationOut = container.NewVBox(wrapped("Une reconnaissance du débiteur (reconnaissance de dette, échéancier signé, paiement partiel), une demande en justice ou une mesure d'exécution interrompent la prescription ; " +
		"une conciliation, une médiation ou la procédure des petites créances la suspendent ; un titre exécutoire ouvre un délai de 10 ans ; une mise en demeure ne l'interrompt pas."))
	c.lmForm = container.NewVBox(
		c.lmMode, c.lmByClaim, c.lmByYears,
		formGrid(widget.NewLabel("Point de départ"), c.lmStart),
		heading("Interruptions"),
		container.NewBorder(nil, nil, atLeast(200, c.lmKind), add, c.lmDate),
		c.lmEnd,
		c.lmEventsBox,
		container.NewHBox(compute, c.limitationCopy),
	)
	return sideBySide(c.lmForm, c.limitationOut)
}

func (c *calculator) onLimitationMode() {
	if c.lmByClaim == nil {
		return
	}
	if c.lmMode.Selected == labelByYears {
		c.lmByClaim.Hide()
		c.lmByYears.Show()
	} else {
		c.lmByYears.Hide()
		c.lmByClaim.Show()
	}
	if c.lmForm != nil {
		c.lmForm.Refresh()
	}
}

// claimPeriod is the period chosen from the nature and the parties' kinds.
func (c *calculator) claimPeriod() debt.LimitationPeriod {
	nature := debt.NatureOther
	if i := c.lmNature.SelectedIndex(); i >= 0 {
		nature = debt.Natures[i]
	}
	kind := func(s *widget.Select) debt.LegalKind {
		if s.SelectedIndex() == 1 {
			return debt.Professional
		}
		return debt.Consumer
	}
	return debt.LimitationPeriodFor(nature, kind(c.lmCred), kind(c.lmDebt), c.lmTitle.Checked)
}

func (c *calculator) showPeriod() {
	if c.lmPeriod == nil || c.lmCred == nil || c.lmDebt == nil || c.lmTitle == nil {
		return
	}
	p := c.claimPeriod()
	c.lmPeriod.SetText(p.Label + " — " + p.Text)
}

// onLimitationKind shows the end of a suspension for the kinds that
// suspend (Code civil 2238, CPCE L125-1).
func (c *calculator) onLimitationKind() {
	if c.lmEnd == nil {
		return
	}
	if i := c.lmKind.SelectedIndex(); i >= 0 && limitationEventKinds[i].Suspends() {
		c.lmEnd.Show()
	} else {
		c.lmEnd.Hide()
	}
	if c.lmForm != nil {
		c.lmForm.Refresh()
	}
}

func (c *calculator) onAddLimitationEvent() {
	d, err := debt.ParseDate(c.lmDate.Text)
	if err != nil || d.IsZero() || c.lmKind.SelectedIndex() < 0 {
		msg := "Date de l'acte : saisissez-la (JJ/MM/AAAA)"
		if err != nil {
			msg = "Date de l'acte : " + data.Message(err)
		}
		c.showLimitationError(msg)
		return
	}
	e := debt.LimitationEvent{Kind: limitationEventKinds[c.lmKind.SelectedIndex()], Date: d}
	if e.Kind.Suspends() && strings.TrimSpace(c.lmEnd.Text) != "" {
		end, err := debt.ParseDate(c.lmEnd.Text)
		switch {
		case err != nil:
			c.showLimitationError("Fin de la suspension : " + data.Message(err))
			return
		case end.Before(d):
			c.showLimitationError(fmt.Sprintf("Fin de la suspension : le %s précède son début (%s)", end, d))
			return
		}
		e.End = end
	}
	c.lmEvents = append(c.lmEvents, e)
	c.lmDate.SetText("")
	c.lmEnd.SetText("")
	c.refreshLimitationEvents()
	if c.limitationText != "" {
		c.onLimitation()
	}
}

func (c *calculator) refreshLimitationEvents() {
	if len(c.lmEvents) == 0 {
		c.lmEventsBox.Objects = []fyne.CanvasObject{widget.NewLabel("Aucune interruption saisie.")}
		c.lmEventsBox.Refresh()
		return
	}
	var objs []fyne.CanvasObject
	for i, e := range c.lmEvents {
		remove := widget.NewButtonWithIcon("Retirer", theme.DeleteIcon(), func() {
			c.lmEvents = append(c.lmEvents[:i:i], c.lmEvents[i+1:]...)
			c.refreshLimitationEvents()
			if c.limitationText != "" {
				c.onLimitation()
			}
		})
		line := e.Date.String() + " — " + e.Kind.Label()
		switch {
		case e.Kind.Suspends() && e.End.IsZero():
			line += " (suspension en cours)"
		case e.Kind.Suspends():
			line += " jusqu'au " + e.End.String()
		}
		objs = append(objs, container.NewBorder(nil, nil, nil, remove, widget.NewLabel(line)))
	}
	c.lmEventsBox.Objects = objs
	c.lmEventsBox.Refresh()
}

func (c *calculator) showLimitationError(msg string) {
	l := errorLabel()
	l.SetText(msg)
	l.Show()
	c.limitationOut.Objects = []fyne.CanvasObject{l}
	c.limitationOut.Refresh()
	c.relayout()
	c.limitationText = ""
	c.limitationCopy.Disable()
}

func (c *calculator) onLimitation() {
	var msgs []string
	var in debt.LimitationInput
	if c.lmMode.Selected == labelByYears {
		n, err := strconv.Atoi(strings.TrimSpace(c.lmYears.Text))
		if err != nil || n < 1 || n > 30 {
			msgs = append(msgs, "La durée doit être un nombre d'années entre 1 et 30")
		}
		in.Period = debt.CustomLimitation(n)
	} else {
		in.Period = c.claimPeriod()
	}
	in.Start, msgs = readDate(c.lmStart, "Point de départ", msgs)
	if len(msgs) > 0 {
		c.showLimitationError(strings.Join(msgs, "\n"))
		return
	}
	in.Events = c.lmEvents
	in.At = c.ui.today() // a suspension still running counts until today
	res, err := debt.ComputeLimitation(in)
	if err != nil {
		c.showLimitationError(upperFirst(err.Error()))
		return
	}
	result := "Prescription acquise après le " + res.Expires.Long()
	period := res.Period.Label
	if res.Period.Text != "" {
		period += " — " + res.Period.Text
	}
	since := fmt.Sprintf("Délai courant depuis le %s (%s) ; dernier jour pour agir : %s.", res.From, strings.ToLower(res.FromEvent.Label()), dayInWords(res.Expires))
	text := []string{result, period, since}
	objs := []fyne.CanvasObject{heading(result), wrapped(period), wrapped(since)}
	for _, ig := range res.Ignored {
		line := fmt.Sprintf("Non retenu : %s du %s (%s)", ig.Event.Kind.Label(), ig.Event.Date, ig.Reason)
		objs = append(objs, wrapped(line))
		text = append(text, line)
	}
	if res.Suspended {
		line := fmt.Sprintf("Suspension en cours, comptée jusqu'au %s : la date recule chaque jour tant qu'elle dure.", in.At)
		objs = append(objs, wrapped(line))
		text = append(text, line)
	}
	alert := debt.LimitationWarning(res.Expires, c.ui.today(), c.rules.LimitationWarnDays)
	al := wrapped(alert.Message + " (au " + c.ui.today().String() + ")")
	al.Importance = limitationImportance(alert, c.rules)
	objs = append(objs, al)
	text = append(text, al.Text)
	c.limitationOut.Objects = objs
	c.limitationOut.Refresh()
	c.relayout()
	c.limitationText = strings.Join(text, "\n")
	c.limitationCopy.Enable()
}

// relayout gives a part the height of its new result.
func (c *calculator) relayout() {
	if c.parts != nil {
		c.parts.Refresh()
	}
}

// copy puts a result's plain text on the clipboard.
func (c *calculator) copy(text string) {
	if text == "" {
		return
	}
	c.ui.app.Clipboard().SetContent(text)
}

// right is a right-aligned label (amounts, numbers).
func right(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{})
}

// rightHeading is a bold right-aligned label.
func rightHeading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
}
