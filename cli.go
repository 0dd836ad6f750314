package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// command is one subcommand of the command line.
type command struct {
	summary string
	run     func(ctx context.Context, env *cliEnv, args []string) error
}

// cliEnv is what every command gets: the database path and the outputs.
type cliEnv struct {
	dbPath         string
	stdout, stderr io.Writer
}

var commands = map[string]command{}

func register(name, summary string, run func(ctx context.Context, env *cliEnv, args []string) error) {
	commands[name] = command{summary: summary, run: run}
}

func runCommand(ctx context.Context, dbPath, name string, args []string, stdout, stderr io.Writer) error {
	if name == "help" || name == "aide" {
		printUsage(stdout)
		return nil
	}
	if name == "version" {
		fmt.Fprintln(stdout, "amiable", version)
		return nil
	}
	cmd, ok := commands[name]
	if !ok {
		return usageError("commande inconnue « %s » (amiable help pour la liste)", name)
	}
	return cmd.run(ctx, &cliEnv{dbPath: dbPath, stdout: stdout, stderr: stderr}, args)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, `Amiable : recouvrement amiable pour les études de commissaires de justice.

Usage :
  amiable [-db CHEMIN]                       ouvre la fenêtre
  amiable [-db CHEMIN] COMMANDE [options]    exécute une commande

Commandes :`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-14s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "  help           cette aide\n  version        la version\n\n`amiable COMMANDE -h` détaille les options d'une commande.")
}

// newFlags returns a flag set whose errors are French usage errors.
func newFlags(env *cliEnv, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.stderr, "Usage : amiable [-db CHEMIN] %s\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and refuses stray arguments after the flags.
func parseFlags(fs *flag.FlagSet, args []string, positional int) ([]string, error) {
	// Let positional arguments come before flags: "case 2026-00001 -json".
	var pos []string
	for len(args) > 0 && !strings.HasPrefix(args[0], "-") && len(pos) < positional {
		pos = append(pos, args[0])
		args = args[1:]
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil, err
		}
		return nil, usageError("%v", err)
	}
	pos = append(pos, fs.Args()...)
	if len(pos) > positional {
		return nil, usageError("argument inattendu « %s »", pos[positional])
	}
	return pos, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
