package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// verifyEvery reads the days between two checks of the stored documents
// (Paramètres › Tâche quotidienne › Contrôle des pièces): 1 to 365.
func verifyEvery(e *entry) (int, string) {
	n, msg := number(e, "La fréquence du contrôle des pièces")
	if msg == "" && n < 1 {
		return 0, "Le contrôle des pièces doit revenir tous les 1 à 365 jours"
	}
	return n, msg
}

// showVerify says when the stored documents were last all read again,
// what that found that is still to handle, and when the next check runs.
func (d *dailySection) showVerify(rs reviewStore) {
	v, err := rs.VerifyStatus(context.Background())
	d.verify.SetText(verifyText(v, err))
	switch {
	case err != nil || v.Problems > 0:
		d.verify.Importance = widget.DangerImportance
	case v.Finished.IsZero():
		d.verify.Importance = widget.WarningImportance
	default:
		d.verify.Importance = widget.SuccessImportance
	}
	d.verify.Refresh()
}

func verifyText(v data.VerifyStatus, err error) string {
	if err != nil {
		return data.Message(err)
	}
	var s string
	switch {
	case !v.Started.IsZero():
		s = fmt.Sprintf("Contrôle des pièces en cours depuis le %s : %d sur %s relues ; il se poursuit au prochain calcul quotidien.",
			instant(v.Started), v.Checked, countOf(v.Total, "aucune pièce", "pièce", "pièces"))
	case v.Finished.IsZero():
		s = "Les pièces n'ont encore jamais été toutes relues : le premier contrôle aura lieu au prochain calcul quotidien."
	default:
		s = fmt.Sprintf("Dernier contrôle complet des pièces : le %s. Prochain contrôle à partir du %s.",
			instant(v.Finished), dayInWords(debt.DateOf(v.Finished).AddDays(v.Every)))
	}
	if v.Problems > 0 {
		s += " " + upperFirst(countOf(v.Problems, "", "pièce absente ou altérée reste", "pièces absentes ou altérées restent")) + " à traiter (écran « À traiter »)."
	} else if !v.Finished.IsZero() || !v.Started.IsZero() {
		s += " Aucune pièce absente ou altérée."
	}
	return s
}
