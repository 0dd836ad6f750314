package letters

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"amiable/debt"
)

// officeName names the office in a sentence with the right article: an
// office called « Étude Marchand & Castel » is « l'étude Marchand &
// Castel » (not « l'étude Étude… »), « SCP Durand » is « la SCP Durand »,
// « Cabinet Roux » is « le cabinet Roux » (« au cabinet », « du
// cabinet »), « Maître Lenoir » is « l'étude de Maître Lenoir »; any other
// name is « l'étude NAME ».
type officeName struct {
	article  string // "l'", "la ", "le "
	noun     string // "étude Marchand & Castel", "SCP Durand"
	feminine bool   // for the agreement of a past participle
}

// companyForms are the legal forms an office's name may start with.
var companyForms = map[string]bool{
	"scp": true, "selarl": true, "selas": true, "selasu": true, "selafa": true, "selca": true, "sel": true,
	"sas": true, "sasu": true, "sarl": true, "eurl": true, "sa": true, "snc": true, "scm": true,
}

func nameOfOffice(name string) officeName {
	name = strings.TrimSpace(name)
	first, rest, _ := strings.Cut(name, " ")
	key := strings.ToLower(strings.NewReplacer("É", "E", "é", "e", "î", "i", "Î", "I").Replace(strings.TrimSuffix(first, ".")))
	rest = strings.TrimSpace(rest)
	switch {
	case key == "etude" && rest != "":
		return officeName{"l'", "étude " + rest, true}
	case key == "office" && rest != "":
		return officeName{"l'", "office " + rest, false}
	case key == "cabinet" && rest != "":
		return officeName{"le ", "cabinet " + rest, false}
	case (key == "maitre" || key == "me") && rest != "":
		return officeName{"l'", "étude de " + name, true}
	case companyForms[key] && rest != "":
		return officeName{"la ", name, true}
	}
	if name == "" {
		return officeName{"l'", "étude", true}
	}
	return officeName{"l'", "étude " + name, true}
}

// The is « l'étude X », « la SCP X », « le cabinet X ».
func (o officeName) The() string { return o.article + o.noun }

// Subject is The with a capital, to open a sentence.
func (o officeName) Subject() string { return upperFirst(o.The()) }

// Of is « de l'étude X », « de la SCP X », « du cabinet X ».
func (o officeName) Of() string {
	if o.article == "le " {
		return "du " + o.noun
	}
	return "de " + o.The()
}

// To is « à l'étude X », « à la SCP X », « au cabinet X ».
func (o officeName) To() string {
	if o.article == "le " {
		return "au " + o.noun
	}
	return "à " + o.The()
}

// Agree returns the past participle p agreed with the office (« chargée »
// for an étude or a SCP, « chargé » for a cabinet): p is the masculine.
func (o officeName) Agree(p string) string {
	if o.feminine {
		return p + "e"
	}
	return p
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// signer opens a statement the recipient signs, in the first person, with
// the agreement their civility gives, and ends before the verb: « Je
// soussignée Mme Hélène Lefèvre accepte », « Je soussigné M. Paul Durand
// accepte »; a company's representative, or a person of unknown civility
// (whose gender the letter cannot know), signs as « Je, signataire
// ci-dessous, représentant légal de SARL X, accepte ».
func signer(p debt.Party) string {
	name := p.Name()
	if p.Type == debt.Company {
		return "Je, signataire ci-dessous, représentant légal de " + name + ","
	}
	switch civility(p) {
	case "Madame":
		return "Je soussignée " + name
	case "Monsieur":
		return "Je soussigné " + name
	}
	return "Je, signataire ci-dessous, " + name + ","
}

// signerWith is signer followed by an apposition (« demeurant … »)
// between commas.
func signerWith(p debt.Party, apposition string) string {
	return strings.TrimSuffix(signer(p), ",") + ", " + apposition + ","
}

// natureArticle is the nature of a claim with its indefinite article, to
// follow « a pour origine »; "" for « autre ».
func natureArticle(n debt.Nature) string {
	switch n {
	case debt.NatureInvoice:
		return "une facture impayée"
	case debt.NatureRent:
		return "des loyers et charges impayés"
	case debt.NatureLoan:
		return "un prêt"
	case debt.NatureService:
		return "une prestation de service"
	case debt.NatureAlimony:
		return "une pension alimentaire"
	case debt.NatureOther, "":
		return ""
	}
	return strings.ToLower(n.Label())
}

// claimBasis writes what a claim is for, in one phrase without nested
// parentheses: « facture impayée ; fondement : Conditions générales de
// vente (paiement à 30 jours) ».
func claimBasis(c debt.Case) string {
	nature := strings.ToLower(c.Nature.Label())
	if c.Nature == debt.NatureOther || c.Nature == "" {
		nature = ""
	}
	basis := strings.TrimSuffix(strings.TrimSpace(c.Basis), ".")
	switch {
	case basis == "" && nature == "":
		return "la créance détaillée dans le décompte joint"
	case basis == "":
		return nature
	case nature == "":
		return basis
	}
	return nature + " ; fondement : " + basis
}

// lineLabel is a claim line's label with its document number: « Facture
// de janvier (n° FA-12) », or « Facture (paiement à 30 jours), n° FA-12 »
// when the label already ends in parentheses.
func lineLabel(label, doc string) string {
	if doc == "" {
		return label
	}
	if strings.HasSuffix(strings.TrimSpace(label), ")") {
		return strings.TrimSpace(label) + ", n° " + doc
	}
	return label + " (n° " + doc + ")"
}

// count writes n with its noun: zero for none (« aucune facture »), else
// « 1 facture », « 3 factures ».
func count(n int, zero, one, many string) string {
	switch n {
	case 0:
		return zero
	case 1:
		return "1 " + one
	}
	return thousands(n) + " " + many
}
