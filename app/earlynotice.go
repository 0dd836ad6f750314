package app

import (
	"errors"

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
