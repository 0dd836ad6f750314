package app

import (
	"context"
	"errors"
	"fmt"

	"amiable/data"
	"amiable/debt"
	"amiable/letters"
	"amiable/mailroom"
)

// confirmEarly asks, when err says a formal notice would come before a
// reminder's deadline has expired (mailroom.EarlyNotice), whether to issue
// it all the same, with the date that deadline expires; yes issues it.
// asked reports whether err was that; msgs is then what the form shows
// meanwhile.
func (d *letterDialog) confirmEarly(err error) (msgs []string, asked bool) {
	var early *mailroom.EarlyNotice
	if !errors.As(err, &early) {
		return nil, false
	}
	d.ui.confirm("Mise en demeure avant la fin du délai de la relance",
		early.Error()+".\n\nLe délai de la relance expire le "+early.Reminder.Deadline.String()+
			". Émettre la mise en demeure dès maintenant ?", func() {
			d.force = true
			d.f.onConfirm()
		})
	return []string{early.Error() + " : confirmez pour l'émettre quand même."}, true
}

// confirmSameDay asks, when a letter of the same kind was already issued
// to the case today (mailroom.SameDayLetter: nearly always a retry or a
// double click), whether to issue a second one; yes issues it. asked
// reports whether the question was put; msgs is then what the form shows
// meanwhile.
func (d *letterDialog) confirmSameDay(ds *data.Store, req mailroom.Request) (msgs []string, asked bool) {
	if d.again {
		return nil, false
	}
	l, ok, err := mailroom.SameDayLetter(context.Background(), ds, req.CaseID, req.Kind, debt.DateOf(d.ui.now()))
	if err != nil {
		return d.ui.errorMessages(err), true
	}
	if !ok {
		return nil, false
	}
	q := fmt.Sprintf("%s déjà %s aujourd'hui (réf. %s) : en émettre un second ?", req.Kind.Label(), mailroom.IssuedWord(req.Kind), l.Ref)
	if req.Kind != letters.PlanAgreement {
		q = fmt.Sprintf("%s déjà %s aujourd'hui (réf. %s) : en émettre une seconde ?", req.Kind.Label(), mailroom.IssuedWord(req.Kind), l.Ref)
	}
	d.ui.confirm("Courrier déjà émis aujourd'hui", q, func() {
		d.again = true
		d.f.onConfirm()
	})
	return []string{fmt.Sprintf("%s déjà %s aujourd'hui (réf. %s) : confirmez pour en émettre un autre.", req.Kind.Label(), mailroom.IssuedWord(req.Kind), l.Ref)}, true
}
