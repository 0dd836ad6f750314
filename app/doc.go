// Package app is Amiable's window: a navigation rail of screens (À traiter,
// Dossiers, Courriers, Courriels, Créanciers/Débiteurs with the creditors'
// remittances, Paramètres with the rates and computation rules,
// Calculette), the case view (statement of account, limitation, payment
// plan, payments), and the forms that create and edit cases and parties.
//
// It is the only package besides main that imports Fyne. It reaches the
// database through the Store interface it declares (store.go), runs list
// queries on one background worker and applies their results with fyne.Do,
// and speaks French, Fyne's own dialogs included (lang.go).
//
// Each screen lives in its own file as an unexported struct whose handlers
// are named onX; the navigation is the slice of screens built in ui.go.
package app
