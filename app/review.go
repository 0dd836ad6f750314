package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
)

// reviewScreen is "À traiter", the morning review. The daily sweep that
// raises its flags (missed instalments, expired deadlines, AR not back,
// limitation near, idle cases) belongs to a later issue; until then the
// screen says so, shows how many cases are open, and leads to them.
type reviewScreen struct {
	ui   *UI
	page *emptyPage
}

func newReviewScreen(u *UI) *reviewScreen {
	r := &reviewScreen{ui: u}
	open := widget.NewButtonWithIcon("Ouvrir les dossiers en cours", theme.FolderOpenIcon(), r.onOpenCases)
	open.Importance = widget.HighImportance
	r.page = newEmptyPage(theme.ListIcon(), "À traiter",
		"Cet écran rassemblera chaque matin ce qui demande une action : échéances d'échéancier manquées, "+
			"délais de mise en demeure ou de relance expirés, accusés de réception non revenus, plis refusés "+
			"ou non réclamés, prescriptions proches, dossiers sans activité depuis 30 jours, fonds à reverser. "+
			"Le calcul quotidien de ces alertes n'est pas encore en service dans cette version : "+
			"suivez les dossiers en cours depuis l'écran Dossiers, filtrés par statut.",
		open,
		widget.NewButtonWithIcon("Nouveau dossier", theme.ContentAddIcon(), u.onNewCase),
	)
	return r
}

func (r *reviewScreen) screen() *screen {
	return &screen{title: "À traiter", icon: theme.ListIcon(), content: r.page.content, shown: r.refresh}
}

// refresh counts the open cases on the worker.
func (r *reviewScreen) refresh() {
	st := r.ui.store
	r.ui.worker.do(func(ctx context.Context) func() {
		n, err := st.CountCases(ctx, data.CaseQuery{OpenOnly: true})
		return func() {
			if err != nil {
				r.ui.logError(err)
				r.page.facts.SetText(data.Message(err))
			} else {
				r.page.facts.SetText(fmt.Sprintf("%s en cours", countOf(n, "Aucun dossier", "dossier", "dossiers")))
			}
		}
	})
}

// onOpenCases shows the Dossiers screen filtered on open cases.
func (r *reviewScreen) onOpenCases() {
	l := r.ui.cases
	for i, f := range caseFilters {
		if f.open {
			l.filterAt = i
		}
	}
	l.back()
	r.ui.showScreen(l.index())
}
