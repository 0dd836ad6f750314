package cli

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"amiable/debt"
)

// parseLineIDs reads -lines "12,15": the claim lines the debtor chose to
// pay (Code civil 1342-10 al. 1).
func parseLineIDs(v string) ([]int64, error) {
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	var ids []int64
	for _, f := range strings.Split(v, ",") {
		id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		if err != nil || id <= 0 {
			return nil, usageError("-lines : « %s » n'est pas un numéro de ligne (voir `amiable case REF -json`, champ lines[].id)", strings.TrimSpace(f))
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// checkAllocations prints the cases whose recorded allocations differ
// from the law's (Code civil 1342-10, then 1343-1). It changes nothing.
func checkAllocations(ctx context.Context, env *cliEnv, asJSON bool) error {
	st, err := openExisting(env.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.CheckAllocations(ctx, debt.DateOf(time.Now()))
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(env.stdout, res)
	}
	fmt.Fprintf(env.stdout, "%d dossier(s) avec encaissements examinés : %d dont les imputations enregistrées diffèrent de la loi (C. civ. 1342-10 puis 1343-1).\n",
		res.Checked, len(res.Differ))
	fmt.Fprintln(env.stdout, "Les imputations enregistrées restent telles quelles (la quittance les a indiquées) : à l'étude de décider.")
	for _, d := range res.Differ {
		fmt.Fprintf(env.stdout, "%s\n", d.Ref)
		for _, p := range d.Payments {
			fmt.Fprintf(env.stdout, "  encaissement n° %d du %s (%s)\n    enregistré : %s\n    selon la loi : %s\n",
				p.PaymentID, p.Received, p.Amount, describeParts(p.Recorded), describeParts(p.Law))
		}
	}
	refs := make([]string, 0, len(res.Unchecked))
	for r := range res.Unchecked {
		refs = append(refs, r)
	}
	sort.Strings(refs)
	for _, r := range refs {
		fmt.Fprintf(env.stderr, "attention : %s non examiné : %s\n", r, res.Unchecked[r])
	}
	return nil
}

func describeParts(parts []debt.LineAllocation) string {
	if len(parts) == 0 {
		return "rien"
	}
	var s []string
	for _, a := range parts {
		var f []string
		if a.Interest != 0 {
			f = append(f, "intérêts "+a.Interest.String())
		}
		if a.Accessory != 0 {
			f = append(f, "accessoires "+a.Accessory.String())
		}
		if a.Principal != 0 {
			f = append(f, "principal "+a.Principal.String())
		}
		s = append(s, fmt.Sprintf("ligne %d (%s)", a.LineID, strings.Join(f, ", ")))
	}
	return strings.Join(s, " ; ")
}
