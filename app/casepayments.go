package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
	"amiable/letters"
)

// lineLabel names a claim line of the case by its ID.
func (v *caseView) lineLabel(id int64) string {
	for _, l := range v.c.Lines {
		if l.ID == id {
			return l.Label
		}
	}
	return fmt.Sprintf("ligne n° %d (supprimée)", id)
}

// allocationText writes the parts of a line's allocation that are not zero:
// "principal 150,00 €, intérêts 12,40 €".
func allocationText(a debt.Amounts) string {
	var parts []string
	if a.Accessory != 0 {
		parts = append(parts, "accessoires "+a.Accessory.String())
	}
	if a.Interest != 0 {
		parts = append(parts, "intérêts "+a.Interest.String())
	}
	if a.Principal != 0 {
		parts = append(parts, "principal "+a.Principal.String())
	}
	return strings.Join(parts, ", ")
}

// refreshPayments draws the Encaissements tab: each payment with its
// allocation per claim line; a cancelled one is greyed and says why.
func (v *caseView) refreshPayments() {
	if len(v.pays) == 0 {
		v.paysBox.Objects = []fyne.CanvasObject{wrapped("Aucun encaissement. Enregistrez chaque paiement reçu du débiteur avec « Encaisser… » (Ctrl+E) : " +
			"il est imputé facture par facture (C. civ. 1342-10), intérêts et indemnité avant le principal (1343-1), et le décompte se met à jour.")}
		v.paysBox.Refresh()
		return
	}
	var objs []fyne.CanvasObject
	for i := len(v.pays) - 1; i >= 0; i-- { // newest first
		p := v.pays[i]
		head := fmt.Sprintf("%s — %s — %s", p.Received, p.Amount, p.Method.Label())
		if p.BankRef != "" {
			head += " — réf. " + p.BankRef
		}
		if p.Payer != "" {
			head += " — payé par " + p.Payer
		}
		h := heading(head)
		var block []fyne.CanvasObject
		if p.Cancelled {
			h.Importance = widget.LowImportance
			h.TextStyle = fyne.TextStyle{Italic: true}
			cancelled := widget.NewLabelWithStyle("Annulé : "+p.Reason, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			cancelled.Importance = widget.DangerImportance
			cancelled.Wrapping = fyne.TextWrapWord
			block = append(block, h, cancelled)
		} else {
			cancel := widget.NewButtonWithIcon("Annuler l'encaissement…", theme.ContentUndoIcon(), func() { v.onCancelPayment(p) })
			block = append(block, container.NewBorder(nil, nil, nil, cancel, h))
		}
		for _, a := range p.Allocation {
			l := widget.NewLabel("    " + v.lineLabel(a.LineID) + " : " + allocationText(a.Amounts))
			if p.Cancelled {
				l.Importance = widget.LowImportance
			}
			block = append(block, l)
		}
		if len(p.Allocation) == 0 && p.Credit == 0 {
			block = append(block, widget.NewLabel("    Rien à imputer."))
		}
		if p.Credit > 0 {
			l := widget.NewLabel("    Trop-perçu : " + p.Credit.String() + " à rembourser au débiteur")
			l.Importance = widget.WarningImportance
			if p.Cancelled {
				l.Importance = widget.LowImportance
			}
			block = append(block, l)
		}
		by := widget.NewLabel(fmt.Sprintf("    Saisi par %s le %s", orDash(p.Author), instant(p.Created)))
		by.Importance = widget.LowImportance
		block = append(block, by, widget.NewSeparator())
		objs = append(objs, block...)
	}
	v.paysBox.Objects = objs
	v.paysBox.Refresh()
}

// onPay opens the payment dialog (Ctrl+E), the amount field focused.
func (v *caseView) onPay() {
	if len(v.ui.dialogs) > 0 {
		return
	}
	u := v.ui
	amount := u.newEntry("1 234,56")
	date := u.newEntry("JJ/MM/AAAA")
	date.SetText(u.today().String())
	labels := make([]string, len(data.Methods))
	for i, m := range data.Methods {
		labels[i] = m.Label()
	}
	method := newSelect(labels, nil)
	method.SetSelectedIndex(0)
	payer := u.newEntry(v.c.FirstDebtor().Name())
	ref := u.newEntry("Référence du virement, n° de chèque…")
	var lineNames []string
	for _, l := range v.c.Lines {
		lineNames = append(lineNames, l.Label+" — "+l.Amount.String())
	}
	chosen := widget.NewCheckGroup(lineNames, nil)
	fields := []fyne.CanvasObject{
		widget.NewLabel("Montant (€)"), amount,
		widget.NewLabel("Reçu le"), date,
		widget.NewLabel("Mode de paiement"), method,
		widget.NewLabel("Référence"), ref,
		widget.NewLabel("Payeur"), payer,
	}
	if len(lineNames) > 1 {
		fields = append(fields, widget.NewLabel("Lignes choisies par le débiteur"), chosen)
	}
	// Code civil 1342-10 (which debt: the debtor's choice, else the due
	// debt bearing the highest rate, else the oldest, else pro rata),
	// then 1343-1 (inside a debt: interest and indemnity before principal).
	intro := fmt.Sprintf("Solde dû au %s : %s. Sans choix du débiteur, le paiement va d'abord à la facture échue qui porte le taux le plus élevé, puis à la plus ancienne (proportionnellement à égalité) ; dans chaque facture, intérêts et indemnité avant le principal (C. civ. 1342-10 et 1343-1).",
		v.fig.Statement.At, v.fig.Statement.Due())
	var f *formDialog
	f = u.newFormDialog("Encaisser un paiement — dossier "+v.c.Ref, "Enregistrer l'encaissement",
		container.NewVBox(wrapped(intro), formGrid(fields...)), func() []string {
			var msgs []string
			in := data.PaymentInput{Payer: strings.TrimSpace(payer.Text), BankRef: strings.TrimSpace(ref.Text)}
			if strings.TrimSpace(amount.Text) == "" {
				msgs = append(msgs, "Saisissez le montant reçu")
			} else if a, err := debt.ParseAmount(amount.Text); err != nil {
				msgs = append(msgs, "Montant : "+data.Message(err))
			} else {
				in.Amount = a
			}
			in.Received, msgs = readDate(date, "Date de réception", msgs)
			if i := method.SelectedIndex(); i >= 0 {
				in.Method = data.Methods[i]
			} else {
				msgs = append(msgs, "Choisissez le mode de paiement")
			}
			for i, name := range lineNames {
				for _, s := range chosen.Selected {
					if s == name {
						in.Lines = append(in.Lines, v.c.Lines[i].ID)
					}
				}
			}
			if len(msgs) > 0 {
				return msgs
			}
			res, err := u.store.RecordPayment(context.Background(), v.id, in, u.author(), u.now())
			if err != nil {
				return u.errorMessages(err)
			}
			v.reload()
			f.then = func() { v.afterPayment(res) }
			return nil
		})
	f.submitOnEnter(amount, date, ref, payer)
	v.payDialog, v.payAmount = f, amount
	f.show(fyne.NewSize(640, 460))
	u.win.Canvas().Focus(amount)
}

// afterPayment tells what the payment did: its allocation, an overpayment
// to refund, the creditor's notice queued; a settled case is proposed for
// closing as paid.
func (v *caseView) afterPayment(res data.PaymentResult) {
	p := res.Payment
	lines := []string{fmt.Sprintf("Encaissement de %s du %s enregistré.", p.Amount, p.Received)}
	var total debt.Amounts
	for _, a := range p.Allocation {
		total = total.Add(a.Amounts)
	}
	if s := allocationText(total); s != "" {
		lines = append(lines, "Imputé sur : "+s+".")
	}
	if p.Credit > 0 {
		lines = append(lines, fmt.Sprintf("Trop-perçu de %s : il est inscrit au crédit du débiteur et doit lui être remboursé.", p.Credit))
	}
	if res.NotifyCreditor {
		lines = append(lines, "Paiement partiel hors échéancier signé : l'information du créancier est mise en attente pour son prochain courrier (R124-5).")
	}
	if !res.Settled {
		lines = append(lines, "Reste dû : "+v.fig.Statement.Due().String()+".", "", "Émettre la quittance de ce paiement (R124-6) ?")
		v.ui.confirm("Encaissement enregistré", strings.Join(lines, "\n"), func() { v.offerLetter(letters.Receipt) })
		return
	}
	lines = append(lines, "Le solde du dossier est nul : la dette est soldée.")
	t := debt.Transition{From: v.c.Status, To: debt.StatusPaid}
	if err := debt.CheckTransition(t); err != nil {
		lines = append(lines, upperFirst(err.Error())+".")
		v.ui.showInfo("Dette soldée", strings.Join(lines, "\n"))
		return
	}
	lines = append(lines, "", "Clore le dossier au statut « Soldé » ? L'attestation de solde vous sera ensuite proposée.")
	v.ui.confirm("Dette soldée", strings.Join(lines, "\n"), func() {
		reason := fmt.Sprintf("Dette soldée (encaissement du %s)", p.Received)
		if err := v.ui.store.ChangeStatus(context.Background(), v.id, debt.StatusPaid, reason, v.ui.author(), v.ui.now()); err != nil {
			v.ui.showError(err)
			return
		}
		v.reload()
		v.offerLetter(letters.Settled)
	})
}

// onCancelPayment cancels a wrong payment by a counter-entry, with a
// reason; both stay in the journal.
func (v *caseView) onCancelPayment(p data.Payment) {
	reason := v.ui.newEntry("Chèque impayé, saisie en double, mauvais dossier…")
	f := v.ui.newFormDialog("Annuler l'encaissement", "Annuler l'encaissement", container.NewVBox(
		wrapped(fmt.Sprintf("Encaissement de %s du %s (%s). Il n'est pas effacé : une contre-écriture l'annule, et le journal garde les deux.",
			p.Amount, p.Received, p.Method.Label())),
		formGrid(widget.NewLabel("Motif"), reason),
	), func() []string {
		r := strings.TrimSpace(reason.Text)
		if r == "" {
			return []string{"Indiquez pourquoi l'encaissement est annulé : le journal en garde la trace"}
		}
		if err := v.ui.store.CancelPayment(context.Background(), v.id, p.ID, r, v.ui.author(), v.ui.now()); err != nil {
			return v.ui.errorMessages(err)
		}
		v.reload()
		return nil
	})
	f.confirm.Importance = widget.DangerImportance
	f.cancel.SetText("Fermer")
	f.submitOnEnter(reason)
	v.cancelPayDialog = f
	f.show(fyne.NewSize(600, 260))
	v.ui.win.Canvas().Focus(reason)
}
