package cli

import (
	"context"
	"fmt"
	"time"

	"amiable/data"
)

func init() {
	register("migrate", "déplace la base de ce poste vers la base partagée de l'étude (-to postgres://…)", cmdMigrate)
}

// cmdMigrate moves the desk's file (-db) into an empty shared base: every
// table, then the documents, verified by counts and hashes. Cut off, it
// starts again where it stopped when run again with the same -to.
func cmdMigrate(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "migrate", "migrate -to postgres://utilisateur@serveur:5432/base")
	to := fs.String("to", "", "adresse de la base partagée de l'étude (postgres://…)")
	chunk := fs.Int("chunk", 500, "lignes copiées par transaction")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *to == "" || !data.IsSharedURL(*to) {
		return usageError("indiquez la base partagée de destination : amiable -db FICHIER migrate -to postgres://utilisateur@serveur:5432/base")
	}
	if data.IsSharedURL(env.dbPath) {
		return usageError("-db doit désigner le fichier de ce poste, pas une base partagée")
	}
	src, err := data.OpenExisting(env.dbPath)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := data.Open(*to)
	if err != nil {
		return err
	}
	defer dst.Close()
	start, last := time.Now(), time.Now()
	rep, err := src.MigrateTo(ctx, dst, data.MigrateOptions{ChunkRows: *chunk, Progress: func(table string, done, total int64) {
		if time.Since(last) > time.Second || done == total {
			fmt.Fprintf(env.stderr, "\r%-22s %d / %d   ", table, done, total)
			last = time.Now()
		}
		if done == total {
			fmt.Fprintln(env.stderr)
		}
	}})
	if err != nil {
		return err
	}
	var rows int64
	for _, t := range rep.Tables {
		rows += t.Rows
	}
	resumed := ""
	if rep.Resumed {
		resumed = " (reprise d'une migration interrompue)"
	}
	fmt.Fprintf(env.stdout, "Migration vers %s terminée en %s%s : %d tables, %d lignes, %d documents (%d Mo), comptes et empreintes vérifiés.\n",
		dst.Path(), time.Since(start).Round(time.Second), resumed, len(rep.Tables), rows, rep.Documents, rep.Bytes>>20)
	fmt.Fprintln(env.stdout, "Sur chaque poste, ouvrez désormais Amiable avec -db "+dst.Path()+" (ou AMIABLE_DB).")
	return nil
}
