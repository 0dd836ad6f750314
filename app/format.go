package app

import (
	"strconv"
	"strings"
	"time"

	"amiable/debt"
	"amiable/letters"
	"amiable/mailroom"
)

// groupThousands writes n with a narrow no-break space between thousands,
// like debt.Cents: 12345 → "12 345".
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(r)
	}
	return b.String()
}

// countOf writes "Aucun dossier", "1 dossier", "12 345 dossiers".
func countOf(n int, none, one, many string) string {
	switch n {
	case 0:
		return none
	case 1:
		return "1 " + one
	}
	return groupThousands(n) + " " + many
}

// instant writes a journal instant in Paris time: "15/05/2026 à 09:30".
func instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(debt.Paris()).Format("02/01/2006 à 15:04")
}

// byteSize writes a file size the French way: "812 o", "12,4 Ko", "3,1 Mo".
func byteSize(n int64) string {
	switch {
	case n < 1024:
		return strconv.FormatInt(n, 10) + " o"
	case n < 1024*1024:
		return decimal1(float64(n)/1024) + " Ko"
	}
	return decimal1(float64(n)/(1024*1024)) + " Mo"
}

func decimal1(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', 1, 64), ".", ",", 1)
}

// percentBP writes a rate in hundredths of a percent: 1050 → "10,50".
func percentBP(bp int64) string {
	return strconv.FormatInt(bp/100, 10) + "," + leftPad2(bp%100)
}

func leftPad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// parsePercentBP reads "10,5", "10,50 %" or "10.5" into hundredths of a
// percent.
func parsePercentBP(s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return 0, false
	}
	c, err := debt.ParseAmount(s) // same shape as an amount: two decimals at most
	if err != nil {
		return 0, false
	}
	return int64(c), true
}

// lines splits a multi-line entry into its non-blank trimmed lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); t != "" {
			out = append(out, t)
		}
	}
	return out
}

var frWeekdays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

// weekday names the day of the week of d: "samedi".
func weekday(d debt.Date) string { return frWeekdays[d.Weekday()] }

// dayInWords writes a date with its weekday: "mardi 26 mai 2026".
func dayInWords(d debt.Date) string {
	if d.IsZero() {
		return ""
	}
	return weekday(d) + " " + d.Long()
}

// shortDayInWords writes a date with its weekday, without the year:
// "samedi 23 mai".
func shortDayInWords(d debt.Date) string {
	long := d.Long()
	return weekday(d) + " " + strings.TrimSuffix(long, " "+strconv.Itoa(d.Year()))
}

// inSentence writes a holiday's name as it reads inside a sentence: the
// common words of "Lundi de Pentecôte" or "Fête du Travail" lose their
// capital, proper names ("Ascension", "Noël") keep it.
func inSentence(name string) string {
	first, rest, _ := strings.Cut(name, " ")
	switch first {
	case "Lundi", "Vendredi", "Fête", "Jour", "Armistice", "Nouvel":
		return strings.ToLower(first) + strings.TrimSuffix(" "+rest, " ")
	}
	return name
}

// bornOn writes a birth date agreeing with the civility: « né le … »,
// « née le … », else « date de naissance : … ».
func bornOn(civility string, d debt.Date) string {
	switch strings.TrimSpace(civility) {
	case "Mme", "Mlle":
		return "née le " + d.String()
	case "M.":
		return "né le " + d.String()
	}
	return "date de naissance : " + d.String()
}

// issuedWord agrees « émis » with the letter's kind (mailroom.IssuedWord).
func issuedWord(k letters.Kind) string { return mailroom.IssuedWord(k) }
