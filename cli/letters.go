package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"amiable/data"
	"amiable/debt"
	"amiable/letters"
	"amiable/mailroom"
)

func init() {
	register("letter", "émet un courrier (relance, mise en demeure, quittance…) après contrôle", cmdLetter)
	register("post", "envois recommandés : tournée du jour (post day), retour d'AR (post ar)", cmdPost)
}

func cmdLetter(ctx context.Context, env *cliEnv, args []string) error {
	codes := make([]string, len(letters.Kinds))
	for i, k := range letters.Kinds {
		codes[i] = string(k)
	}
	fs := newFlags(env, "letter", "letter REF KIND [-tracking N] [-level R1|R2|R3] [-ar] [-o FICHIER] [-force] [-json]\n  KIND : "+strings.Join(codes, ", "))
	out := fs.String("o", "", "copie du PDF émis à écrire dans ce fichier")
	tracking := fs.String("tracking", "", "numéro de l'envoi recommandé (étiquette)")
	level := fs.String("level", "", "recommandé R1, R2 ou R3 (R1 avec AR par défaut pour une mise en demeure)")
	ar := fs.Bool("ar", false, "avec avis de réception")
	preview := fs.Bool("preview", false, "contrôle et écrit le PDF (-o) sans émettre le courrier")
	force := fs.Bool("force", false, "je confirme : remplace le fichier -o s'il existe, émet un courrier déjà émis aujourd'hui au dossier, ou une mise en demeure avant l'expiration du délai d'une relance")
	asJSON := fs.Bool("json", false, "sortie JSON")
	pos, err := parseFlags(fs, args, 2)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError("indiquez la référence du dossier et le type de courrier, par exemple : amiable letter 2026-00042 mise-en-demeure")
	}
	kind, err := letters.ParseKind(pos[1])
	if err != nil {
		return usageError("%v", err)
	}
	req := mailroom.Request{Kind: kind, Force: *force}
	if *level != "" {
		if req.Post.Level, err = debt.ParseRegisteredLevel(*level); err != nil {
			return usageError("%v", err)
		}
		req.Post.AR = *ar
	} else if *ar || *tracking != "" {
		req.Post = debt.Registered{Level: debt.LevelR1, AR: *ar || kind.RequiresRegistered()}
	}
	req.Post.Tracking = *tracking
	st, c, err := openCase(ctx, openExisting, env.dbPath, pos[0])
	if err != nil {
		return err
	}
	defer st.Close()
	req.CaseID = c.ID
	now := time.Now()
	// The copy's path is checked before anything is issued: a refused
	// path must not leave an issued letter behind.
	if *out != "" {
		if err := st.CheckOutput(ctx, *out, *force); err != nil {
			return err
		}
	}
	var pdf []byte
	var res letterJSON
	if *preview {
		d, err := mailroom.Prepare(ctx, st, req, now)
		if err != nil {
			return err
		}
		if len(d.Problems) > 0 {
			return refusal(&mailroom.Refusal{Problems: d.Problems})
		}
		pdf = d.PDF
		res = letterJSON{Kind: string(kind), Deadline: d.Letter.Deadline}
	} else {
		if !*force {
			if l, ok, err := mailroom.SameDayLetter(ctx, st, c.ID, kind, debt.DateOf(now)); err != nil {
				return err
			} else if ok {
				return &exitError{code: 1, msg: fmt.Sprintf("%s déjà %s aujourd'hui au dossier %s (réf. %s) : ajoutez -force pour en émettre un autre", kind.Label(), mailroom.IssuedWord(kind), c.Ref, l.Ref)}
			}
		}
		row, d, err := mailroom.Issue(ctx, st, req, SessionUser(), now)
		if err != nil {
			return refusal(err)
		}
		pdf = d.PDF
		res = letterJSON{Kind: string(kind), Ref: row.Ref, Path: row.Path, SHA256: row.SHA256, Deadline: row.Deadline}
	}
	if *out != "" {
		if err := writeFileAtomic(*out, func(f *os.File) error { _, err := f.Write(pdf); return err }, func() {}); err != nil {
			if *preview {
				return err
			}
			// The letter is issued and kept: say so, and do not make a
			// retry issue it again.
			kept := "conservé"
			if mailroom.IssuedWord(kind) == "émise" {
				kept = "conservée"
			}
			warnf(env, "%s %s %s et %s (%s), mais sa copie n'est pas écrite : %s. Ne l'émettez pas à nouveau : son PDF est dans le dossier (amiable case %s).",
				kind.Label(), res.Ref, mailroom.IssuedWord(kind), kept, keptAt(res.Path), errorMessage(err), pos[0])
		}
	}
	if *asJSON {
		return writeJSON(env.stdout, res)
	}
	if *preview {
		fmt.Fprintf(env.stdout, "%s : contrôles passés, aperçu non émis.\n", kind.Label())
	} else {
		fmt.Fprintf(env.stdout, "%s %s : %s\n%s\nSHA-256 %s\n", kind.Label(), mailroom.IssuedWord(kind), res.Ref, keptAt(res.Path), res.SHA256)
	}
	if !res.Deadline.IsZero() {
		fmt.Fprintf(env.stdout, "Délai au %s\n", res.Deadline.Long())
	}
	return nil
}

// letterJSON is `amiable letter -json`.
type letterJSON struct {
	Kind     string    `json:"kind"`
	Ref      string    `json:"ref,omitempty"`
	Path     string    `json:"path,omitempty"`
	SHA256   string    `json:"sha256,omitempty"`
	Deadline debt.Date `json:"deadline,omitzero"`
}

// refusal turns a refused letter into a non-zero exit listing what is
// missing, one problem per line.
func refusal(err error) error {
	var r *mailroom.Refusal
	if errors.As(err, &r) {
		return &exitError{code: 1, msg: r.Error()}
	}
	var early *mailroom.EarlyNotice
	if errors.As(err, &early) {
		return &exitError{code: 1, msg: early.Error() + " ; relancez avec -force pour l'émettre quand même"}
	}
	return err
}

func cmdPost(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 {
		return usageError("usage : amiable post day [-date AAAA-MM-JJ] -o FICHIER.pdf | amiable post ar REF|SUIVI -outcome delivered|uncollected|refused|unknown -date D")
	}
	switch args[0] {
	case "day", "jour":
		return postDay(ctx, env, args[1:])
	case "ar":
		return postAR(ctx, env, args[1:])
	}
	return usageError("sous-commande inconnue « %s » (day ou ar)", args[0])
}

func postDay(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "post day", "post day [-date AAAA-MM-JJ] -o FICHIER.pdf [-force]")
	date := fs.String("date", "", "jour du dépôt (aujourd'hui par défaut)")
	out := fs.String("o", "", "PDF à écrire : les courriers puis le bordereau de dépôt")
	force := fs.Bool("force", false, "remplace le fichier -o s'il existe")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *out == "" {
		return usageError("-o FICHIER.pdf est obligatoire")
	}
	now := time.Now()
	day := debt.DateOf(now)
	if *date != "" {
		d, err := requiredDate("date", *date)
		if err != nil {
			return err
		}
		day = d
	}
	st, err := openExisting(env.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.CheckOutput(ctx, *out, *force); err != nil {
		return err
	}
	b, err := mailroom.PrepareDay(ctx, st, day)
	if err != nil {
		return err
	}
	registered := 0
	for _, l := range b.Letters {
		if l.Post.IsRegistered() {
			registered++
		}
	}
	// The letters are recorded as deposited only once the deposit list
	// is written.
	if err := writeFileAtomic(*out, func(f *os.File) error { _, err := f.Write(b.PDF); return err }, func() {}); err != nil {
		return err
	}
	if err := mailroom.ConfirmDeposit(ctx, st, b, SessionUser(), now); err != nil {
		return &exitError{code: 1, msg: fmt.Sprintf("%s Aucun courrier n'est enregistré comme déposé ; le PDF écrit dans %s est à jeter.",
			strings.TrimSpace(errorMessage(err)), *out)}
	}
	fmt.Fprintf(env.stdout, "Tournée du %s : %d courrier(s) dont %d recommandé(s) au bordereau, écrits dans %s, enregistrés comme déposés.\n", day, len(b.Letters), registered, *out)
	return nil
}

func postAR(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "post ar", "post ar REF|SUIVI -outcome delivered|uncollected|refused|unknown -date D [-presented D] [-signed destinataire|mandataire] [-scan FICHIER]")
	outcome := fs.String("outcome", "", "delivered (distribué), uncollected (non réclamé), refused (refusé), unknown (destinataire inconnu)")
	date := fs.String("date", "", "date portée sur l'AR : distribution, ou première présentation pour un pli non distribué")
	presented := fs.String("presented", "", "date de première présentation (si différente)")
	signed := fs.String("signed", "destinataire", "AR signé par le destinataire ou un mandataire")
	scan := fs.String("scan", "", "scan de l'AR ou de l'enveloppe retournée")
	pos, err := parseFlags(fs, args, 1)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError("indiquez la référence du dossier ou le numéro de suivi")
	}
	o, err := debt.ParseAROutcome(*outcome)
	if err != nil {
		return usageError("%v", err)
	}
	d, err := requiredDate("date", *date)
	if err != nil {
		return err
	}
	r := debt.ARResult{Outcome: o}
	if p, err := debt.ParseDate(*presented); err != nil {
		return usageError("-presented : %v", err)
	} else {
		r.Presented = p
	}
	if o == debt.ARDelivered {
		r.Delivered = d
		r.SignedBy = debt.ARSigner(*signed)
	} else if r.Presented.IsZero() {
		r.Presented = d
	}
	st, err := openExisting(env.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	letter, err := findRegistered(ctx, st, pos[0])
	if err != nil {
		return err
	}
	var scanName string
	var scanFile *os.File
	if *scan != "" {
		if scanFile, err = os.Open(*scan); err != nil {
			return &exitError{code: 1, msg: "scan illisible : " + errorMessage(err)}
		}
		defer scanFile.Close()
		scanName = scanFile.Name()
	}
	var reader io.Reader
	if scanFile != nil {
		reader = scanFile
	}
	if err := st.RecordAR(ctx, letter.ID, r, scanName, reader, SessionUser(), time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "AR du courrier %s (dossier %s) : %s\n", letter.Ref, letter.CaseRef, r.Text())
	return nil
}

// findRegistered finds the letter an AR is for: by tracking number, or the
// case's registered letter awaiting its AR.
func findRegistered(ctx context.Context, st *data.Store, key string) (data.LetterRow, error) {
	if _, _, err := debt.ParseRef(strings.TrimSpace(key)); err != nil {
		return st.LetterByTracking(ctx, key)
	}
	c, err := st.CaseByRef(ctx, key)
	if err != nil {
		return data.LetterRow{}, err
	}
	ls, err := st.Letters(ctx, data.LetterQuery{CaseID: c.ID, Stage: data.StageAwaitingAR})
	if err != nil {
		return data.LetterRow{}, err
	}
	switch len(ls) {
	case 0:
		return data.LetterRow{}, &exitError{code: 1, msg: fmt.Sprintf("aucun recommandé du dossier %s n'attend son AR", c.Ref)}
	case 1:
		return ls[0], nil
	}
	return data.LetterRow{}, &exitError{code: 1, msg: fmt.Sprintf("plusieurs recommandés du dossier %s attendent leur AR : indiquez le numéro de suivi", c.Ref)}
}
