package main

import (
	"context"
	"fmt"
	"log"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"amiable/cli"
	"amiable/data"
	"amiable/debt"
	"amiable/internal/pgtest"
)

// Two desks of the office, two Amiable processes, write the same shared
// base at once (issue 16, « Done means »): every payment of each lands,
// the balances count them all, and the journal has each once.
func TestTwoDesksProcessesWriteTheSharedBaseAtOnce(t *testing.T) {
	url := pgtest.NewDatabase(t)
	ctx := context.Background()
	now := time.Now()
	st, err := data.Open(url)
	if err != nil {
		t.Fatalf("data.Open: %v", err)
	}
	party := func(p debt.Party) debt.Party {
		id, err := st.SaveParty(ctx, p, "test", now)
		if err != nil {
			t.Fatalf("SaveParty: %v", err)
		}
		p, _ = st.Party(ctx, id)
		return p
	}
	cred := party(debt.Party{Type: debt.Company, LegalKind: debt.Professional, CompanyName: "Boulangerie Dupont", LegalForm: "SARL", SIREN: "732829320",
		Addresses: []debt.Address{{Street: "10 avenue Foch", Postcode: "59000", Town: "Lille", Current: true}}})
	var cases []debt.Case
	for _, name := range []string{"Martin", "Durand"} {
		deb := party(debt.Party{Type: debt.Person, LegalKind: debt.Consumer, FirstName: "Claire", LastName: name,
			Addresses: []debt.Address{{Street: "3 rue des Lilas", Postcode: "59800", Town: "Lille", Current: true}}})
		c, err := st.CreateCase(ctx, debt.Case{Creditor: cred, Debtors: []debt.CaseDebtor{{Party: deb}}, Nature: debt.NatureInvoice,
			Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Facture F-1", IssueDate: debt.DateOf(now).AddDays(-90),
				DueDate: debt.DateOf(now).AddDays(-60), Amount: 100000}}}, "test", now)
		if err != nil {
			t.Fatalf("CreateCase: %v", err)
		}
		cases = append(cases, c)
	}
	st.Close()

	bin := filepath.Join(t.TempDir(), "amiable")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-tags", "sqlite_fts5 migrated_fynedo ci", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// Two desks, each paying on both cases, all processes started at once;
	// a third reads the list meanwhile.
	const perDesk = 4
	today := debt.DateOf(now).String()
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	start := make(chan struct{})
	run := func(args ...string) {
		defer wg.Done()
		<-start
		cmd := exec.Command(bin, append([]string{"-db", url}, args...)...)
		cmd.Env = append(cmd.Environ(), "LANG=C.UTF-8", "HOME="+t.TempDir())
		if out, err := cmd.CombinedOutput(); err != nil {
			errs <- fmt.Sprintf("amiable %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	for desk := 1; desk <= 2; desk++ {
		for i := 1; i <= perDesk; i++ {
			for _, c := range cases {
				wg.Add(1)
				go run("pay", c.Ref, "-amount", fmt.Sprintf("%d,00", desk*10+i), "-date", today, "-method", "virement",
					"-ref", fmt.Sprintf("poste %d n° %d", desk, i))
			}
		}
	}
	wg.Add(1)
	go run("cases", "-json")
	close(start)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}

	st, err = data.OpenReadOnly(url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	want := debt.Cents(0) // 11+12+13+14 + 21+22+23+24 euros on each case
	for desk := 1; desk <= 2; desk++ {
		for i := 1; i <= perDesk; i++ {
			want += debt.Cents((desk*10 + i) * 100)
		}
	}
	for _, c := range cases {
		ps, err := st.Payments(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var sum debt.Cents
		for _, p := range ps {
			sum += p.Amount
		}
		if len(ps) != 2*perDesk || sum != want {
			t.Errorf("case %s: %d payments for %s, want %d for %s", c.Ref, len(ps), sum, 2*perDesk, want)
		}
		fig, err := st.Figures(ctx, c.ID, debt.DateOf(now))
		if err != nil {
			t.Fatal(err)
		}
		if fig.Statement.Paid.Total() != want {
			t.Errorf("case %s: paid %s in the statement, want %s", c.Ref, fig.Statement.Paid.Total(), want)
		}
	}
}

// The shared base is saved on its server: a desk's daily job does not try
// to back it up (data.Backup refuses it), so no desk raises « Sauvegarde
// en échec » for it, even with a folder chosen.
func TestDailyJobDoesNotBackUpTheSharedBase(t *testing.T) {
	ctx := context.Background()
	st, err := data.Open(pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	d := data.DefaultDailySettings()
	d.BackupDir = t.TempDir()
	if err := st.SaveDailySettings(ctx, d, "test", now); err != nil {
		t.Fatal(err)
	}
	// A desk backup of the shared base is refused by data (it is saved on
	// its server), so the daily job has no backup step there: no desk
	// raises « Sauvegarde en échec » every morning.
	if _, err := st.DailyBackup(ctx, now); err == nil {
		t.Fatal("data's backup of the shared base did not refuse: this test no longer proves anything")
	}
	if job := cli.DailyJob(st, log.Printf); job.Backup != nil {
		t.Error("the daily job of the shared base has a backup step")
	}
	if backupOnceChosen(st, nil) != nil {
		t.Error("backupOnceChosen gave a backup step to a job without one")
	}
}
