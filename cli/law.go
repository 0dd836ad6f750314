package cli

import (
	"context"
	"fmt"
	"time"

	"amiable/debt"
)

func init() {
	register("indemnities", "propose (et ajoute avec -add) l'indemnité de 40 € de chaque facture en retard sans indemnité (entre professionnels)", cmdIndemnities)
}

// cmdIndemnities lists the 40 € indemnities a case between professionals
// is missing (Code de commerce L441-10, D441-5: one per late invoice) and,
// with -add, adds them.
func cmdIndemnities(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "indemnities", "indemnities REF [-add] [-json]")
	add := fs.Bool("add", false, "ajoute les indemnités proposées à la créance")
	asJSON := fs.Bool("json", false, "sortie JSON")
	pos, err := parseFlags(fs, args, 1)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError("indiquez la référence du dossier")
	}
	st, c, err := openCase(ctx, openExisting, env.dbPath, pos[0])
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now()
	if pro, _ := c.Between(); !pro && !*add {
		if *asJSON {
			return writeJSON(env.stdout, []debt.ClaimLine{})
		}
		fmt.Fprintf(env.stdout, "Dossier %s : pas entre professionnels, aucune indemnité forfaitaire n'est due (art. L. 441-10 du code de commerce).\n", c.Ref)
		return nil
	}
	var lines []debt.ClaimLine
	if *add {
		lines, err = st.AddMissingIndemnities(ctx, c.ID, SessionUser(), now)
	} else {
		lines, err = st.MissingIndemnities(ctx, c.ID, debt.DateOf(now))
	}
	if err != nil {
		return err
	}
	if lines == nil {
		lines = []debt.ClaimLine{}
	}
	if *asJSON {
		return writeJSON(env.stdout, lines)
	}
	verb := "à ajouter (relancez avec -add)"
	if *add {
		verb = "ajoutée(s)"
	}
	fmt.Fprintf(env.stdout, "Dossier %s : %d indemnité(s) forfaitaire(s) de 40 € %s.\n", c.Ref, len(lines), verb)
	for _, l := range lines {
		fmt.Fprintf(env.stdout, "  %s, échéance %s, %s\n", l.Label, l.DueDate, l.Amount)
	}
	return nil
}
