// Package cli is Amiable's command line: one file per group of commands,
// one French error front (Main). Every command opens the store itself,
// prints French on stderr and returns an exit code: 0 done (a line
// "attention :" on stderr when a side step failed after the work was
// done, saying what was and was not done), 1 refused or failed (nothing
// changed), 2 misused, 3 partly done (sync: what was done is kept and the
// line says what was not).
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"sort"
	"strings"

	"amiable/data"
)

// Version is set at build time with -ldflags "-X amiable/cli.Version=…".
var Version = "0.1.0"

// Main parses the global flags and runs a command, or window(path) when
// none is given. The base is -db, else AMIABLE_DB (a file path, or the
// shared base's postgres:// address), else the desk's file; the window
// gets "" when neither is given, and opens the base chosen in Paramètres. It returns the process exit code; errors are one French
// line on stderr.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, window func(path string) int) int {
	fs := flag.NewFlagSet("amiable", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dbPath := fs.String("db", "", "chemin de la base de données, ou adresse postgres://utilisateur@serveur:port/base de la base partagée (aussi AMIABLE_DB ; par défaut : dossier de l'utilisateur/Amiable/amiable.db)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(stderr)
			return 0
		}
		fmt.Fprintln(stderr, "amiable :", flagMessage(err))
		return 2
	}
	path := *dbPath
	if path == "" {
		path = strings.TrimSpace(os.Getenv("AMIABLE_DB"))
	}
	if fs.NArg() == 0 && window != nil {
		// "" lets the window open the base chosen in Paramètres, else
		// the desk's file.
		return window(path)
	}
	if path == "" {
		p, err := data.DefaultPath()
		if err != nil {
			fmt.Fprintln(stderr, "amiable : impossible de trouver le dossier des données de l'utilisateur :", err)
			return 1
		}
		path = p
	}
	if fs.NArg() == 0 {
		printUsage(stderr)
		return 2
	}
	defer logToFile()()
	err := runCommand(ctx, path, fs.Arg(0), fs.Args()[1:], stdout, stderr)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "amiable :", errorMessage(err))
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

// exitPartial is the exit code of a command that did part of its work and
// stopped (a sync cut off after some messages were kept).
const exitPartial = 3

// exitError carries a French message for stderr and an exit code.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageError(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

// SessionUser returns the name of the person logged in, for the journal
// until they set "Votre nom" in Paramètres.
func SessionUser() string {
	u, err := user.Current()
	if err != nil {
		return "Amiable"
	}
	if n := strings.TrimSpace(u.Name); n != "" {
		return n
	}
	return u.Username
}

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
		fmt.Fprintln(stdout, "amiable", Version)
		return nil
	}
	cmd, ok := commands[name]
	if !ok {
		return usageError("commande inconnue « %s » (amiable help pour la liste)", name)
	}
	if u, ok := groupUsage[name]; ok && len(args) > 0 && isHelp(args[0]) {
		fmt.Fprintln(stdout, u)
		return nil
	}
	return cmd.run(ctx, &cliEnv{dbPath: dbPath, stdout: stdout, stderr: stderr}, args)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, `Amiable : recouvrement amiable pour les études de commissaires de justice.

Usage :
  amiable [-db CHEMIN]                       ouvre la fenêtre
  amiable [-db CHEMIN] COMMANDE [options]    exécute une commande

  CHEMIN : le fichier de la base de ce poste, ou l'adresse de la base
  partagée de l'étude, postgres://utilisateur@serveur:port/base (aussi
  la variable AMIABLE_DB). Le mot de passe vient du trousseau du système
  (Paramètres → Base de données), de PGPASSWORD ou de ~/.pgpass.

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

// newFlags returns a flag set whose errors are French usage errors (the
// flag package's own English lines are discarded) and whose -h prints its
// options in French on stdout.
func newFlags(env *cliEnv, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() { flagUsage(env.stdout, fs, usage) }
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
	// The flag package calls Usage on every error too: only -h prints it.
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	if err != nil {
		if err == flag.ErrHelp {
			usage()
			return nil, err
		}
		return nil, usageError("%s", flagMessage(err))
	}
	pos = append(pos, fs.Args()...)
	if len(pos) > positional {
		return nil, usageError("argument inattendu « %s »", pos[positional])
	}
	if err := refuseUnsafe(fs, pos); err != nil {
		return nil, err
	}
	return pos, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// flagMessage turns the flag package's English errors into one French line.
func flagMessage(err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return fmt.Sprintf("option inconnue « %s » (amiable COMMANDE -h pour la liste)", strings.TrimPrefix(msg, "flag provided but not defined: "))
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return fmt.Sprintf("l'option « %s » attend une valeur", strings.TrimPrefix(msg, "flag needs an argument: "))
	case strings.HasPrefix(msg, "invalid value "):
		// invalid value "x" for flag -y: cause
		rest := strings.TrimPrefix(msg, "invalid value ")
		if i := strings.Index(rest, " for flag "); i >= 0 {
			val, tail := rest[:i], rest[i+len(" for flag "):]
			name, cause, _ := strings.Cut(tail, ": ")
			return fmt.Sprintf("valeur %s refusée pour l'option %s : %s", val, name, frenchCause(cause))
		}
	case strings.HasPrefix(msg, "invalid boolean value "):
		return "valeur refusée pour une option oui/non (true ou false)"
	}
	return msg
}

// frenchCause translates the causes strconv gives the flag package.
func frenchCause(cause string) string {
	switch {
	case strings.Contains(cause, "invalid syntax"), strings.Contains(cause, "parse error"):
		return "ce n'est pas un nombre"
	case strings.Contains(cause, "value out of range"):
		return "nombre trop grand"
	}
	return cause
}
