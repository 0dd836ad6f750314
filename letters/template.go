package letters

import (
	"fmt"
	"regexp"
	"strings"
)

// Template holds the free paragraphs of a kind of letter, which the office
// may edit in Paramètres: Before goes after the opening and the
// identification of the claim, before the claim's detail; After goes after
// the payment instructions, before the signature (the closing formula is
// one of them). Mandatory blocks (identification, claim detail, demand and
// deadline, how to pay, legal texts, personal-data notice, forms) are not
// part of a template.
//
// Paragraphs may hold the placeholders listed by Placeholders, written in
// braces: "{solde}".
type Template struct {
	Before []string `json:"before"`
	After  []string `json:"after"`
}

// Placeholder is a name usable in a template, with what it becomes.
type Placeholder struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// placeholders, in the order Paramètres lists them.
var placeholders = []Placeholder{
	{"debiteur", "nom du débiteur destinataire (pour une lettre au créancier : les débiteurs du dossier)"},
	{"civilite", "« Madame », « Monsieur » ou « Madame, Monsieur » selon le destinataire"},
	{"creancier", "nom du créancier"},
	{"reference", "référence du dossier (AAAA-NNNNN)"},
	{"reference_creancier", "référence du dossier chez le créancier"},
	{"nature", "nature de la créance (facture impayée, loyers et charges…)"},
	{"solde", "solde restant dû à la date du courrier"},
	{"principal", "principal restant dû"},
	{"interets", "intérêts restant dus"},
	{"accessoires", "accessoires restant dus"},
	{"date", "date du courrier, en toutes lettres"},
	{"echeance", "date limite fixée par le courrier, en toutes lettres"},
	{"delai", "délai laissé au débiteur (« 15 jours », « un mois »)"},
	{"premier_courrier", "date du premier courrier adressé au débiteur"},
	{"etude", "nom de l'étude"},
	{"telephone", "téléphone de l'étude"},
	{"courriel", "adresse électronique de l'étude"},
}

// Placeholders lists the names templates may use.
func Placeholders() []Placeholder { return append([]Placeholder(nil), placeholders...) }

var placeholderPattern = regexp.MustCompile(`\{([a-z_]+)\}`)

// CheckTemplate reports the unknown placeholders of a template, in French,
// for the Paramètres screen.
func CheckTemplate(t Template) error {
	known := map[string]bool{}
	for _, p := range placeholders {
		known[p.Name] = true
	}
	var unknown []string
	for _, s := range append(append([]string{}, t.Before...), t.After...) {
		for _, m := range placeholderPattern.FindAllStringSubmatch(s, -1) {
			if !known[m[1]] {
				unknown = append(unknown, "{"+m[1]+"}")
			}
		}
	}
	if len(unknown) > 0 {
		return unknownFields(unknown)
	}
	return nil
}

// expand replaces the placeholders of s by their values; an unknown name
// is an error.
func expand(s string, values map[string]string) (string, error) {
	var missing []string
	out := placeholderPattern.ReplaceAllStringFunc(s, func(m string) string {
		name := m[1 : len(m)-1]
		v, ok := values[name]
		if !ok {
			missing = append(missing, m)
			return m
		}
		return v
	})
	if len(missing) > 0 {
		return "", unknownFields(missing)
	}
	return out, nil
}

// unknownFields is the error for placeholders a template may not use.
func unknownFields(names []string) error {
	what := "champ inconnu"
	if len(names) > 1 {
		what = "champs inconnus"
	}
	return fmt.Errorf("%s dans le modèle : %s", what, strings.Join(names, ", "))
}

const politeness = "Nous vous prions d'agréer, {civilite}, l'expression de nos salutations distinguées."

// DefaultTemplate returns the free paragraphs a new office starts with.
func DefaultTemplate(k Kind) Template {
	switch k {
	case Reminder1:
		return Template{
			Before: []string{
				"Sauf erreur ou omission de notre part, la somme détaillée ci-dessous reste impayée à ce jour malgré son échéance.",
				"Il s'agit peut-être d'un simple oubli. Si vous rencontrez des difficultés, contactez-nous au {telephone} ou à {courriel} : une solution amiable, par exemple un échéancier, peut être recherchée avec {creancier}.",
			},
			After: []string{
				"Si votre règlement a croisé ce courrier, nous vous prions de ne pas tenir compte de la présente relance.",
				politeness,
			},
		}
	case Reminder2:
		return Template{
			Before: []string{
				"Notre précédent courrier est resté sans effet : la somme détaillée ci-dessous demeure impayée.",
				"Nous vous invitons à régulariser sans attendre ou à prendre contact avec notre étude au {telephone} pour convenir d'une solution amiable.",
			},
			After: []string{
				"À défaut de règlement ou de contact dans ce délai, une mise en demeure vous sera adressée par lettre recommandée avec avis de réception.",
				politeness,
			},
		}
	case FormalNotice:
		return Template{
			Before: []string{
				"Sauf erreur de notre part, la somme détaillée ci-dessous reste impayée malgré son échéance.",
			},
			After: []string{
				"À défaut de règlement dans ce délai, {creancier} se réserve la possibilité de saisir la juridiction compétente afin d'obtenir un titre exécutoire, sans autre avis.",
				"Si vous contestez tout ou partie de cette somme, ou si vous souhaitez proposer un échéancier, contactez-nous avant cette date au {telephone} ou à {courriel}.",
				politeness,
			},
		}
	case PlanProposal:
		return Template{
			Before: []string{
				"À la suite de nos échanges, {creancier} accepte de vous proposer un règlement échelonné de la somme due, selon l'échéancier ci-dessous.",
			},
			After: []string{
				"Si cette proposition vous convient, merci de nous le confirmer par courrier ou à {courriel} : nous vous adresserons l'accord à signer.",
				politeness,
			},
		}
	case PlanAgreement:
		return Template{
			Before: []string{
				"Comme convenu, vous trouverez ci-après l'accord d'échéancier établi pour le règlement de la somme due à {creancier}.",
			},
			After: []string{politeness},
		}
	case Acknowledge:
		return Template{
			Before: []string{
				"Comme convenu, vous trouverez ci-après une reconnaissance de dette relative à la somme due à {creancier}.",
			},
			After: []string{politeness},
		}
	case Receipt:
		return Template{After: []string{politeness}}
	case Settled:
		return Template{After: []string{"Nous vous remercions de votre règlement et vous prions d'agréer, {civilite}, l'expression de nos salutations distinguées."}}
	case ToCreditor:
		return Template{After: []string{"Nous restons à votre disposition pour tout renseignement et vous prions d'agréer, {civilite}, l'expression de nos salutations distinguées."}}
	case SmallClaims:
		return Template{After: []string{
			"Pour toute question, vous pouvez joindre l'étude au {telephone} ou à {courriel}.",
			politeness,
		}}
	}
	return Template{}
}
