package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// remittanceView is the "Reversements" tab of Créanciers/Débiteurs: per
// creditor, the funds collected from its debtors, remitted to it, and
// still held, with funds held more than a month highlighted (R124-6);
// remittances are recorded here, and the movements of a period exported
// for the office's accounting software.
type remittanceView struct {
	ui       *UI
	accounts []data.CreditorAccount
	selected int64 // the creditor whose remittances show; 0 for none
	history  []data.Remittance
	gen      int

	summary  *widget.Label
	list     *fyne.Container
	detail   *fyne.Container
	content  fyne.CanvasObject
	loadErr  *widget.Label
	exportTo func(name string, write func(fyne.URIWriteCloser, error)) // opens the save dialog (tests replace it)

	// the dialogs last opened (tests drive them)
	remitDialog, cancelDialog, exportDialog *formDialog
	saveDialog                              *dialog.FileDialog
	exportFormat                            string
	exportMovements                         []data.Movement
}

const (
	formatCSV  = "CSV (tableur, logiciel comptable)"
	formatXLSX = "Excel (XLSX)"
)

func newRemittanceView(u *UI) *remittanceView {
	r := &remittanceView{ui: u, list: container.NewVBox(), detail: container.NewVBox()}
	r.summary = widget.NewLabel("")
	r.summary.TextStyle.Bold = true
	r.loadErr = errorLabel()
	r.exportTo = r.saveFile
	export := widget.NewButtonWithIcon("Exporter les mouvements…", theme.DownloadIcon(), r.onExport)
	r.content = container.NewBorder(
		container.NewVBox(
			wrapped("Fonds encaissés pour chaque créancier, reversés et restant à reverser. Les fonds doivent être reversés dans le mois de leur encaissement (R124-6) : "+
				"un créancier en retard est signalé en rouge."),
			container.NewBorder(nil, nil, nil, export, r.summary), r.loadErr),
		nil, nil, nil,
		container.NewVScroll(container.NewVBox(r.list, widget.NewSeparator(), r.detail)))
	return r
}

// reload reads the creditors' accounts (and the selected creditor's
// remittances) on the worker.
func (r *remittanceView) reload() {
	r.gen++
	gen, st, sel := r.gen, r.ui.store, r.selected
	r.ui.worker.do(func(ctx context.Context) func() {
		accounts, err := st.CreditorAccounts(ctx)
		var history []data.Remittance
		if err == nil && sel != 0 {
			history, err = st.Remittances(ctx, sel)
		}
		return func() {
			if gen != r.gen {
				return
			}
			if err != nil {
				r.ui.logError(err)
				r.loadErr.SetText(data.Message(err))
				r.loadErr.Show()
				return
			}
			r.loadErr.Hide()
			r.accounts, r.history = accounts, history
			r.refresh()
		}
	})
}

func (r *remittanceView) account(id int64) (data.CreditorAccount, bool) {
	for _, a := range r.accounts {
		if a.CreditorID == id {
			return a, true
		}
	}
	return data.CreditorAccount{}, false
}

func (r *remittanceView) refresh() {
	today := r.ui.today()
	var held debt.Cents
	overdue := 0
	for _, a := range r.accounts {
		held += a.ToRemit
		if a.Overdue(today) {
			overdue++
		}
	}
	sum := fmt.Sprintf("%s — %s à reverser", countOf(len(r.accounts), "Aucun créancier encaissé", "créancier", "créanciers"), held)
	if overdue > 0 {
		sum += fmt.Sprintf(", dont %s depuis plus d'un mois", countOf(overdue, "", "créancier", "créanciers"))
	}
	r.summary.SetText(sum)

	row := func(cells ...fyne.CanvasObject) fyne.CanvasObject {
		return weightedRow([]float32{3, 1.3, 1.3, 1.3, 2.2}, cells...)
	}
	proto := container.NewHBox(widget.NewButtonWithIcon("Reverser…", theme.UploadIcon(), nil), widget.NewButtonWithIcon("Historique", theme.HistoryIcon(), nil))
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, container.New(&minSizeLayout{proto.MinSize()}),
		row(heading("Créancier"), rightHeading("Encaissé"), rightHeading("Reversé"), rightHeading("À reverser"), heading("Non reversé depuis")))}
	if len(r.accounts) == 0 {
		objs = append(objs, wrapped("Aucun encaissement pour l'instant : les créanciers apparaissent ici dès qu'un paiement est encaissé dans l'un de leurs dossiers."))
	}
	for _, a := range r.accounts {
		name := widget.NewLabel(a.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		toRemit := right(a.ToRemit.String())
		since := widget.NewLabel(a.OldestUnremitted.String())
		if a.ToRemit == 0 {
			since.SetText("—")
		}
		if a.Overdue(today) {
			toRemit.Importance, toRemit.TextStyle.Bold = widget.DangerImportance, true
			since.Importance, since.TextStyle.Bold = widget.DangerImportance, true
			since.SetText(a.OldestUnremitted.String() + " (plus d'un mois)")
		}
		remit := widget.NewButtonWithIcon("Reverser…", theme.UploadIcon(), func() { r.onRemit(a.CreditorID) })
		if a.ToRemit <= 0 {
			remit.Disable()
		}
		hist := widget.NewButtonWithIcon("Historique", theme.HistoryIcon(), func() { r.onShow(a.CreditorID) })
		objs = append(objs, container.NewBorder(nil, nil, nil, container.NewHBox(remit, hist),
			row(name, right(a.Collected.String()), right(a.Remitted.String()), toRemit, since)))
	}
	r.list.Objects = objs
	r.list.Refresh()
	r.refreshDetail()
}

// onShow lists the creditor's remittances under the table.
func (r *remittanceView) onShow(id int64) {
	r.selected = id
	r.reload()
}

func (r *remittanceView) refreshDetail() {
	a, ok := r.account(r.selected)
	if !ok {
		r.detail.Objects = nil
		r.detail.Refresh()
		return
	}
	objs := []fyne.CanvasObject{heading("Reversements à " + a.Name)}
	if len(r.history) == 0 {
		objs = append(objs, widget.NewLabel("Aucun reversement enregistré."))
	}
	for i := len(r.history) - 1; i >= 0; i-- {
		m := r.history[i]
		text := fmt.Sprintf("%s — %s — réf. %s — saisi par %s", m.Sent, m.Amount, orDash(m.Reference), orDash(m.Author))
		l := widget.NewLabel(text)
		if m.Cancelled {
			l.Importance = widget.LowImportance
			l.TextStyle.Italic = true
			cancelled := widget.NewLabel("Annulé : " + m.Reason)
			cancelled.Importance = widget.DangerImportance
			objs = append(objs, l, cancelled)
			continue
		}
		cancel := widget.NewButtonWithIcon("Annuler…", theme.ContentUndoIcon(), func() { r.onCancel(m) })
		objs = append(objs, container.NewBorder(nil, nil, nil, cancel, l))
	}
	r.detail.Objects = objs
	r.detail.Refresh()
}

// onRemit records a transfer of the held funds to the creditor.
func (r *remittanceView) onRemit(id int64) {
	a, ok := r.account(id)
	if !ok {
		return
	}
	u := r.ui
	amount := u.newEntry("ex. 1 234,56")
	amount.SetText(a.ToRemit.Plain())
	sent := u.newEntry("JJ/MM/AAAA")
	sent.SetText(u.today().String())
	ref := u.newEntry("Référence du virement")
	f := u.newFormDialog("Reversement à "+a.Name, "Enregistrer le reversement", container.NewVBox(
		wrapped(fmt.Sprintf("Fonds détenus pour ce créancier : %s (encaissé %s, déjà reversé %s).", a.ToRemit, a.Collected, a.Remitted)),
		formGrid(
			widget.NewLabel("Montant (€)"), amount,
			widget.NewLabel("Virement du"), sent,
			widget.NewLabel("Référence"), ref,
		)), func() []string {
		var msgs []string
		c, err := debt.ParseAmount(amount.Text)
		if err != nil {
			msgs = append(msgs, "Montant : "+data.Message(err))
		}
		var d debt.Date
		d, msgs = readDate(sent, "Date du virement", msgs)
		if len(msgs) > 0 {
			return msgs
		}
		if _, err := u.store.RecordRemittance(context.Background(), id, d, c, ref.Text, u.author(), u.now()); err != nil {
			return u.errorMessages(err)
		}
		r.selected = id
		r.reload()
		return nil
	})
	f.submitOnEnter(amount, sent, ref)
	r.remitDialog = f
	f.show(fyne.NewSize(600, 320))
	u.win.Canvas().Focus(amount)
}

// onCancel cancels a wrong remittance by a counter-entry.
func (r *remittanceView) onCancel(m data.Remittance) {
	reason := r.ui.newEntry("Virement rejeté, mauvais créancier…")
	f := r.ui.newFormDialog("Annuler le reversement", "Annuler le reversement", container.NewVBox(
		wrapped(fmt.Sprintf("Reversement de %s du %s. Une contre-écriture l'annule ; le journal garde les deux.", m.Amount, m.Sent)),
		formGrid(widget.NewLabel("Motif"), reason),
	), func() []string {
		text := strings.TrimSpace(reason.Text)
		if text == "" {
			return []string{"Indiquez pourquoi le reversement est annulé"}
		}
		if err := r.ui.store.CancelRemittance(context.Background(), m.ID, text, r.ui.author(), r.ui.now()); err != nil {
			return r.ui.errorMessages(err)
		}
		r.reload()
		return nil
	})
	f.confirm.Importance = widget.DangerImportance
	f.cancel.SetText("Fermer")
	f.submitOnEnter(reason)
	r.cancelDialog = f
	f.show(fyne.NewSize(560, 240))
}

// onExport asks for a period and a format, then where to save the
// movements (payments, remittances and their cancellations).
func (r *remittanceView) onExport() {
	u := r.ui
	today := u.today()
	from := u.newEntry("JJ/MM/AAAA")
	from.SetText(debt.NewDate(today.Year(), today.Month(), 1).AddMonths(-1).String())
	to := u.newEntry("JJ/MM/AAAA")
	to.SetText(today.String())
	format := newSelect([]string{formatCSV, formatXLSX}, nil)
	format.SetSelectedIndex(0)
	var f *formDialog
	f = u.newFormDialog("Exporter les mouvements", "Choisir le fichier…", container.NewVBox(
		wrapped("Une ligne par mouvement (encaissement, reversement, annulation), aux colonnes décrites dans le README, pour le logiciel de comptabilité de l'étude."),
		formGrid(
			widget.NewLabel("Du"), from,
			widget.NewLabel("Au"), to,
			widget.NewLabel("Format"), format,
		)), func() []string {
		var msgs []string
		var d1, d2 debt.Date
		d1, msgs = readDate(from, "Début de la période", msgs)
		d2, msgs = readDate(to, "Fin de la période", msgs)
		if len(msgs) > 0 {
			return msgs
		}
		ms, err := u.store.Movements(context.Background(), d1, d2)
		if err != nil {
			return u.errorMessages(err)
		}
		r.exportFormat, r.exportMovements = format.Selected, ms
		ext := ".csv"
		if format.Selected == formatXLSX {
			ext = ".xlsx"
		}
		name := "mouvements-" + d1.ISO() + "-" + d2.ISO() + ext
		f.then = func() { r.exportTo(name, r.onExportChosen) }
		return nil
	})
	f.submitOnEnter(from, to)
	r.exportDialog = f
	f.show(fyne.NewSize(600, 320))
}

// saveFile opens Fyne's save dialog (in French) on name.
func (r *remittanceView) saveFile(name string, write func(fyne.URIWriteCloser, error)) {
	d := dialog.NewFileSave(write, r.ui.win)
	d.SetFileName(name)
	d.Resize(r.ui.fitDialog(fyne.NewSize(900, 600)))
	r.saveDialog = d
	r.ui.showFileDialog(d)
}

// onExportChosen writes the movements to the file chosen.
func (r *remittanceView) onExportChosen(w fyne.URIWriteCloser, err error) {
	if err != nil {
		r.ui.showError(fmt.Errorf("choose export file: %w", err))
		return
	}
	if w == nil {
		return // cancelled
	}
	write := data.WriteMovementsCSV
	if r.exportFormat == formatXLSX || strings.EqualFold(w.URI().Extension(), ".xlsx") {
		write = data.WriteMovementsXLSX
	}
	err = write(w, r.exportMovements)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		r.ui.showError(&data.Error{Code: data.EINTERNAL, Message: "L'export n'a pas pu être écrit : vérifiez le dossier choisi et la place disponible.",
			Err: fmt.Errorf("write export %s: %w", w.URI(), err)})
		return
	}
	msg := fmt.Sprintf("%s exportés dans %s.", countOf(len(r.exportMovements), "", "mouvement", "mouvements"), w.URI().Path())
	switch len(r.exportMovements) {
	case 0:
		msg = "Aucun mouvement sur la période : le fichier " + w.URI().Path() + " ne contient que les en-têtes de colonnes."
	case 1:
		msg = "1 mouvement exporté dans " + w.URI().Path() + "."
	}
	r.ui.showInfo("Export terminé", msg)
}
