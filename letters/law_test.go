package letters

import (
	"strings"
	"testing"

	"amiable/debt"
)

func hasProblem(ps []Problem, code string) bool {
	for _, p := range ps {
		if p.Code == code {
			return true
		}
	}
	return false
}

// TestCommercialPenaltiesNeverToAConsumer: Code de commerce L441-10 applies
// between professionals only. A formal notice to Mme Lefèvre (a consumer)
// on a case set to business penalties is refused, and its text never cites
// L441-10; between professionals it is cited and allowed.
func TestCommercialPenaltiesNeverToAConsumer(t *testing.T) {
	for _, k := range []Kind{Reminder1, FormalNotice} {
		in := inputFor(t, k)
		in.Case.Interest.Kind = debt.InterestBusiness
		in.Statement = statementOf(t, in.Case, in.Date, testPayment)
		if ps := Check(k, in); !hasProblem(ps, "l441_consumer") {
			t.Errorf("Check(%s) to a consumer with L441-10 penalties = %v, want l441_consumer", k, ps)
		}
		l, err := Compose(k, in)
		if err != nil {
			t.Fatal(err)
		}
		if txt := l.Text(); strings.Contains(txt, "L. 441-10") {
			t.Errorf("Compose(%s) to a consumer cites L. 441-10:\n%s", k, txt)
		}
	}
	// Between professionals: allowed, cited.
	in := inputFor(t, FormalNotice)
	pro := in.Case.Creditor
	pro.ID, pro.CompanyName, pro.SIREN = 2, "Brasserie du Nord", "732829320"
	in.Case.Debtors = []debt.CaseDebtor{{Party: pro}}
	in.Recipient = pro
	in.Case.Interest.Kind = debt.InterestBusiness
	in.Statement = statementOf(t, in.Case, in.Date, testPayment)
	if ps := Check(FormalNotice, in); hasProblem(ps, "l441_consumer") {
		t.Errorf("Check between professionals = %v, want no l441_consumer", ps)
	}
	l, err := Compose(FormalNotice, in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(l.Text(), "article L. 441-10 du code de commerce") {
		t.Error("Compose between professionals does not cite L. 441-10")
	}
}

// TestTimeBarredClaimNotDemanded: a claim whose limitation expired the day
// before the letter (Code civil 2219, 2224) may not be demanded by a
// reminder, a formal notice or a small-claims invitation; on its last day
// it still may, and a receipt of a voluntary payment (2249) is not refused.
func TestTimeBarredClaimNotDemanded(t *testing.T) {
	lim := debt.Limitation{Period: debt.LimitationConsumer, Expires: letterDate.AddDays(-1)}
	for _, k := range []Kind{Reminder1, Reminder2, FormalNotice, SmallClaims} {
		in := inputFor(t, k)
		in.Limitation = &lim
		if ps := Check(k, in); !hasProblem(ps, "time_barred") {
			t.Errorf("Check(%s) of a time-barred claim = %v, want time_barred", k, ps)
		}
		last := debt.Limitation{Period: debt.LimitationConsumer, Expires: letterDate}
		in.Limitation = &last
		if ps := Check(k, in); hasProblem(ps, "time_barred") {
			t.Errorf("Check(%s) on the last day = %v, want no time_barred", k, ps)
		}
	}
	in := inputFor(t, Receipt)
	in.Limitation = &lim
	if ps := Check(Receipt, in); hasProblem(ps, "time_barred") {
		t.Errorf("Check(quittance) of a time-barred claim = %v: a voluntary payment may be received", ps)
	}
}
