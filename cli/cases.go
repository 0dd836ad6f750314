package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"amiable/data"
	"amiable/debt"
	"amiable/internal/demodb"
)

func init() {
	register("demo", "remplit une base vide avec des données de démonstration", cmdDemo)
	register("cases", "liste les dossiers (recherche, statut)", cmdCases)
	register("case", "affiche un dossier : parties, créance, pièces, vérification, journal", cmdCase)
}

func cmdDemo(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "demo", "demo [-cases N] [-seed S]")
	n := fs.Int("cases", 500, "nombre de dossiers")
	seed := fs.Uint64("seed", 1, "graine : la même graine donne les mêmes données")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	st, err := data.Open(env.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	last, stageStart := time.Now(), time.Now()
	res, err := demodb.Build(ctx, st, demodb.Options{Cases: *n, Seed: *seed, Now: time.Now(), Progress: func(stage string, done, total int) {
		if time.Since(last) > 2*time.Second || done == total {
			fmt.Fprintf(env.stderr, "\r%s : %d / %d   ", stage, done, total)
			last = time.Now()
		}
		if done == total {
			fmt.Fprintf(env.stderr, "(%s)\n", time.Since(stageStart).Round(time.Second))
			stageStart = time.Now()
		}
	}})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Base de démonstration %s en %s : %d dossiers, %d parties, %d lignes de créance, %d entrées de journal, "+
		"%d échéanciers (%d échéances), %d encaissements, %d courriers émis, %d courriels, %d pièces.\n",
		st.Path(), time.Since(start).Round(time.Second), res.Cases, res.Parties, res.Lines, res.Events,
		res.Plans, res.Instalments, res.Payments, res.Issued, res.Mails, res.Documents)
	return nil
}

func cmdCases(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "cases", "cases [-q TEXTE] [-status STATUT] [-limit N] [-json]")
	q := fs.String("q", "", "recherche plein texte (noms, références, villes, courriels, téléphones, journal)")
	status := fs.String("status", "", "statut : "+statusCodes())
	limit := fs.Int("limit", 0, "nombre maximal de dossiers (0 : tous)")
	asJSON := fs.Bool("json", false, "sortie JSON")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *limit < 0 {
		return usageError("-limit doit être positif")
	}
	query := data.CaseQuery{Text: *q, Limit: *limit}
	if *status != "" {
		s, err := debt.ParseStatus(*status)
		if err != nil {
			return usageError("%v", err)
		}
		query.Statuses = []debt.Status{s}
	}
	st, err := openForReading(env.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	rows, err := st.ListCases(ctx, query)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]caseRowJSON, len(rows))
		for i, r := range rows {
			out[i] = caseRowJSON{CaseRow: r, StatusLabel: r.Status.Label()}
		}
		return writeJSON(env.stdout, out)
	}
	if len(rows) == 0 {
		fmt.Fprintln(env.stdout, "Aucun dossier ne correspond.")
		return nil
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "Référence\tCréancier\tDébiteur\tStatut\tPrincipal\tSolde\tÉchéance\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Ref, clip(r.Creditor, 30), clip(r.Debtor, 30), r.Status.Label(),
			r.Principal.Plain(), r.Balance.Plain(), r.NextDeadline)
	}
	tw.Flush()
	fmt.Fprintf(env.stdout, "%d dossier(s)\n", len(rows))
	return nil
}

// caseRowJSON is one case of `amiable cases -json`.
type caseRowJSON struct {
	data.CaseRow
	StatusLabel string `json:"status_label"`
}

func statusCodes() string {
	var codes []string
	for _, s := range debt.Statuses {
		codes = append(codes, string(s))
	}
	return strings.Join(codes, ", ")
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// openExisting opens a database that must already exist (a command that
// reads must not create an empty database by mistake).
func openExisting(path string) (*data.Store, error) {
	if data.IsSharedURL(path) { // an empty shared base is not created here
		if st, err := data.OpenReadOnly(path); err == nil {
			st.Close()
		} else if errors.Is(err, data.ErrNotFound) {
			return nil, err
		}
		return data.Open(path)
	}
	if !fileExists(path) {
		return nil, noDatabase(path)
	}
	return data.Open(path)
}

// openForReading opens an existing database read-only, for the listings:
// quicker (no whole-file check, nothing can be written).
func openForReading(path string) (*data.Store, error) {
	if !data.IsSharedURL(path) && !fileExists(path) {
		return nil, noDatabase(path)
	}
	return data.OpenReadOnly(path)
}

func noDatabase(path string) error {
	return &exitError{code: 1, msg: fmt.Sprintf("aucune base de données à « %s » (ouvrez Amiable une fois, ou amiable -db CHEMIN demo)", path)}
}

// caseJSON is `amiable case REF -json`.
type caseJSON struct {
	Case      debt.Case        `json:"case"`
	Figures   data.CaseFigures `json:"figures"`
	Checklist debt.Checklist   `json:"checklist"`
	Documents []debt.Document  `json:"documents"`
	Journal   []debt.Event     `json:"journal"`
}

func cmdCase(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "case", "case REF [-json]")
	asJSON := fs.Bool("json", false, "sortie JSON")
	pos, err := parseFlags(fs, args, 1)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError("indiquez la référence du dossier, par exemple : amiable case 2026-00042")
	}
	st, c, err := openCase(ctx, openForReading, env.dbPath, pos[0])
	if err != nil {
		return err
	}
	defer st.Close()
	docs, err := st.Documents(ctx, c.ID)
	if err != nil {
		return err
	}
	evs, err := st.Events(ctx, c.ID)
	if err != nil {
		return err
	}
	today := debt.DateOf(time.Now())
	check := debt.Verify(c, today)
	fig, err := st.Figures(ctx, c.ID, today)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.stdout, caseJSON{Case: c, Figures: fig, Checklist: check, Documents: docs, Journal: evs})
	}
	printCase(env.stdout, c, fig, check, docs, evs)
	return nil
}

func printCase(w io.Writer, c debt.Case, fig data.CaseFigures, check debt.Checklist, docs []debt.Document, evs []debt.Event) {
	fmt.Fprintf(w, "Dossier %s — %s — %s\n", c.Ref, c.Status.Label(), c.Nature.Label())
	fmt.Fprintf(w, "Ouvert le %s", c.Opened)
	if !c.Closed.IsZero() {
		fmt.Fprintf(w, ", clos le %s (%s)", c.Closed, c.CloseReason)
	}
	if c.AssignedTo != "" {
		fmt.Fprintf(w, ", suivi par %s", c.AssignedTo)
	}
	fmt.Fprintln(w)
	if c.CreditorRef != "" {
		fmt.Fprintln(w, "Référence du créancier :", c.CreditorRef)
	}
	party := func(role string, p debt.Party) {
		fmt.Fprintf(w, "\n%s : %s (%s)\n", role, p.Name(), p.LegalKind.Label())
		if a, ok := p.CurrentAddress(); ok {
			fmt.Fprintln(w, "  "+a.OneLine())
		}
		for _, e := range p.Emails {
			fmt.Fprintln(w, "  "+e)
		}
		for _, ph := range p.Phones {
			fmt.Fprintln(w, "  "+ph)
		}
	}
	party("Créancier", c.Creditor)
	for _, d := range c.Debtors {
		role := "Débiteur"
		if d.Jointly {
			role = "Débiteur solidaire"
		}
		party(role, d.Party)
	}
	fmt.Fprintln(w, "\nCréance :")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, l := range c.Lines {
		fmt.Fprintf(tw, "  %s\t%s\t%s\téchéance %s\t%d pièce(s)\n", l.Kind.Label(), l.Label, l.Amount, l.DueDate, len(l.Proofs))
	}
	fmt.Fprintf(tw, "  Total\t\t%s\t\t\n", c.Total())
	tw.Flush()
	printStatement(w, fig)
	fmt.Fprintln(w, "\nVérification de la créance :")
	for _, it := range check {
		mark := "[ ]"
		if it.OK {
			mark = "[x]"
		}
		fmt.Fprintf(w, "  %s %s : %s\n", mark, it.Label, it.Detail)
	}
	fmt.Fprintf(w, "\nPièces (%d) :\n", len(docs))
	for _, d := range docs {
		fmt.Fprintf(w, "  %s — %s — %s — sha256 %s\n", d.Added.In(debt.Paris()).Format("02/01/2006"), d.Kind.Label(), d.OriginalName, d.SHA256)
	}
	fmt.Fprintf(w, "\nJournal (%d) :\n", len(evs))
	for _, e := range evs {
		// Entries written before texts from outside were cleaned may
		// still hold controls: clean at print too, and indent the lines
		// of a long entry so that none can pass for an entry of its own.
		lines := strings.Split(debt.CleanText(e.Text), "\n")
		fmt.Fprintf(w, "  %s  %-22s %s — %s\n", e.At.In(debt.Paris()).Format("02/01/2006 15:04"), e.Kind.Label(), debt.CleanLine(e.Author), lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(w, "%20s│ %s\n", "", l)
		}
	}
}

func printStatement(w io.Writer, fig data.CaseFigures) {
	st := fig.Statement
	fmt.Fprintf(w, "\nDécompte au %s (%s) :\n", st.At, st.InterestKind.Label())
	if fig.StatementErr != "" {
		fmt.Fprintf(w, "  Intérêts non calculés : %s\n", fig.StatementErr)
	} else if !fig.NoticeDate.IsZero() {
		fmt.Fprintf(w, "  Mise en demeure du %s\n", fig.NoticeDate)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  \tPrincipal\tIntérêts\tAccessoires\tTotal\t")
	row := func(label string, a debt.Amounts) {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t\n", label, a.Principal, a.Interest, a.Accessory, a.Total())
	}
	row("Dû", st.Owed)
	row("Payé", st.Paid)
	row("Solde", st.Balance)
	tw.Flush()
	for _, l := range st.Lines {
		for _, p := range l.Interest.Periods {
			fmt.Fprintf(w, "    %s : du %s au %s, %d j sur %s à %s = %s\n", l.Label, p.From.AddDays(1), p.To, p.Days, p.Base, debt.FormatRate(p.RateBP), p.Amount)
		}
	}
	fmt.Fprintf(w, "\n%s", fig.Alert.Message)
	if fig.Limitation.Period.Label != "" {
		fmt.Fprintf(w, " — %s, délai courant depuis le %s (%s)", fig.Limitation.Period.Label, fig.Limitation.From, fig.Limitation.FromEvent.Label())
	}
	fmt.Fprintln(w)
}

// openCase opens the database with open and finds the case ref; the caller
// closes the store.
func openCase(ctx context.Context, open func(string) (*data.Store, error), path, ref string) (*data.Store, debt.Case, error) {
	st, err := open(path)
	if err != nil {
		return nil, debt.Case{}, err
	}
	c, err := st.CaseByRef(ctx, ref)
	if err != nil {
		st.Close()
		return nil, debt.Case{}, err
	}
	return st, c, nil
}
