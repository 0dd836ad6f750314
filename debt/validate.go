package debt

import (
	"fmt"
	"math/big"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FieldError is a problem with one field, with a French message that can be
// shown as is to the person who typed it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e FieldError) Error() string { return e.Message }

// ValidationError gathers the problems of one form.
type ValidationError []FieldError

func (v ValidationError) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Message
	}
	return strings.Join(msgs, "\n")
}

// AsError returns nil when there is no problem, else a ValidationError.
func AsError(errs []FieldError) error {
	if len(errs) == 0 {
		return nil
	}
	return ValidationError(errs)
}

// MaxAddressLine is La Poste's limit for one line of an address block.
const MaxAddressLine = 38

// MaxText bounds free text fields (notes, labels) to keep the database and
// the letters sane.
const (
	MaxShortText = 200
	MaxLongText  = 20000
)

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || r == '.' || r == '-' {
			return -1
		}
		return r
	}, s)
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func luhn(s string) bool {
	sum := 0
	for i := 0; i < len(s); i++ {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// CheckSIREN checks a 9-digit SIREN and its Luhn key.
func CheckSIREN(s string) error {
	d := digitsOnly(s)
	if len(d) != 9 || !allDigits(d) {
		return fmt.Errorf("Le SIREN « %s » doit compter 9 chiffres", s)
	}
	if !luhn(d) {
		return fmt.Errorf("Le SIREN « %s » est erroné (clé de contrôle invalide)", s)
	}
	return nil
}

// CheckSIRET checks a 14-digit SIRET and its Luhn key (La Poste's
// establishments, SIREN 356000000, use a sum multiple of 5 instead).
func CheckSIRET(s string) error {
	d := digitsOnly(s)
	if len(d) != 14 || !allDigits(d) {
		return fmt.Errorf("Le SIRET « %s » doit compter 14 chiffres", s)
	}
	if strings.HasPrefix(d, "356000000") {
		sum := 0
		for _, r := range d {
			sum += int(r - '0')
		}
		if sum%5 == 0 {
			return nil
		}
	}
	if !luhn(d) {
		return fmt.Errorf("Le SIRET « %s » est erroné (clé de contrôle invalide)", s)
	}
	return nil
}

// NormalizeIBAN removes spaces and upper-cases an IBAN.
func NormalizeIBAN(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// CheckIBAN checks an IBAN's shape and its mod-97 key (ISO 13616).
func CheckIBAN(s string) error {
	iban := NormalizeIBAN(s)
	if len(iban) < 15 || len(iban) > 34 {
		return fmt.Errorf("L'IBAN « %s » n'a pas une longueur possible", s)
	}
	for i, r := range iban {
		isLetter := r >= 'A' && r <= 'Z'
		isDigit := r >= '0' && r <= '9'
		if (i < 2 && !isLetter) || (i >= 2 && i < 4 && !isDigit) || (!isLetter && !isDigit) {
			return fmt.Errorf("L'IBAN « %s » contient un caractère inattendu", s)
		}
	}
	if strings.HasPrefix(iban, "FR") && len(iban) != 27 {
		return fmt.Errorf("Un IBAN français compte 27 caractères, « %s » en a %d", s, len(iban))
	}
	var num strings.Builder
	for _, r := range iban[4:] + iban[:4] {
		if r >= 'A' && r <= 'Z' {
			fmt.Fprintf(&num, "%d", r-'A'+10)
		} else {
			num.WriteRune(r)
		}
	}
	n, _ := new(big.Int).SetString(num.String(), 10)
	if new(big.Int).Mod(n, big.NewInt(97)).Int64() != 1 {
		return fmt.Errorf("L'IBAN « %s » est erroné (clé de contrôle invalide)", s)
	}
	return nil
}

// FormatIBAN groups an IBAN by four characters for printing.
func FormatIBAN(s string) string {
	iban := NormalizeIBAN(s)
	var b strings.Builder
	for i, r := range iban {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// CheckBIC checks a BIC's shape (8 or 11 characters).
func CheckBIC(s string) error {
	b := strings.ToUpper(strings.TrimSpace(s))
	if len(b) != 8 && len(b) != 11 {
		return fmt.Errorf("Le BIC « %s » doit compter 8 ou 11 caractères", s)
	}
	for i, r := range b {
		if i < 6 && (r < 'A' || r > 'Z') {
			return fmt.Errorf("Le BIC « %s » est mal formé", s)
		}
		if !(r >= 'A' && r <= 'Z') && !(r >= '0' && r <= '9') {
			return fmt.Errorf("Le BIC « %s » est mal formé", s)
		}
	}
	return nil
}

// CheckEmail checks an e-mail address's syntax (a bare address, no name).
func CheckEmail(s string) error {
	s = strings.TrimSpace(s)
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || !strings.Contains(s[strings.LastIndex(s, "@"):], ".") {
		return fmt.Errorf("L'adresse électronique « %s » est invalide", s)
	}
	if len(s) > 254 {
		return fmt.Errorf("L'adresse électronique « %s » est trop longue", s)
	}
	return nil
}

// CheckPhone accepts digits, spaces, dots, dashes, parentheses and a leading +.
func CheckPhone(s string) error {
	t := strings.TrimSpace(s)
	n := 0
	for i, r := range t {
		switch {
		case r >= '0' && r <= '9':
			n++
		case r == '+' && i == 0, r == ' ', r == '.', r == '-', r == '(', r == ')', r == '\u00a0':
		default:
			return fmt.Errorf("Le numéro de téléphone « %s » contient un caractère inattendu", s)
		}
	}
	if n < 6 || n > 15 {
		return fmt.Errorf("Le numéro de téléphone « %s » n'a pas un nombre de chiffres possible", s)
	}
	return nil
}

// CheckPostcode checks a French 5-digit postcode.
func CheckPostcode(s string) error {
	t := strings.TrimSpace(s)
	if len(t) != 5 || !allDigits(t) {
		return fmt.Errorf("Le code postal « %s » doit compter 5 chiffres", s)
	}
	return nil
}

// CheckText checks a free text: required or not, at most max characters, no
// control characters except line breaks and tabs.
func CheckText(field, label, s string, required bool, max int) []FieldError {
	if required && isBlank(s) {
		return []FieldError{{field, label + " est obligatoire"}}
	}
	if !utf8.ValidString(s) {
		return []FieldError{{field, label + " contient des caractères illisibles"}}
	}
	if n := utf8.RuneCountInString(s); n > max {
		return []FieldError{{field, fmt.Sprintf("%s est trop long (%d caractères, %d au plus)", label, n, max)}}
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return []FieldError{{field, label + " contient un caractère de contrôle"}}
		}
	}
	return nil
}

// Validate checks an address for the post: street, postcode and town
// required, every line at most 38 characters, French postcodes of 5 digits.
// prefix is put before field names ("address.").
func (a Address) Validate(prefix string) []FieldError {
	var errs []FieldError
	line := func(field, label, v string, required bool) {
		errs = append(errs, CheckText(prefix+field, label, v, required, MaxShortText)...)
		if n := utf8.RuneCountInString(strings.TrimSpace(v)); n > MaxAddressLine {
			errs = append(errs, FieldError{prefix + field, fmt.Sprintf("%s dépasse %d caractères (%d) : La Poste la refuserait", label, MaxAddressLine, n)})
		}
	}
	line("complement", "La ligne complément d'adresse", a.Complement, false)
	line("building", "La ligne bâtiment / résidence", a.Building, false)
	line("street", "La ligne numéro et voie", a.Street, true)
	line("locality", "La ligne lieu-dit / BP", a.Locality, false)
	line("town", "La ville", a.Town, true)
	france := isBlank(a.Country) || strings.EqualFold(strings.TrimSpace(a.Country), "France")
	if france {
		if err := CheckPostcode(a.Postcode); err != nil {
			errs = append(errs, FieldError{prefix + "postcode", err.Error()})
		}
	} else if isBlank(a.Postcode) {
		errs = append(errs, FieldError{prefix + "postcode", "Le code postal est obligatoire"})
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(a.Postcode + " " + a.Town)); n > MaxAddressLine {
		errs = append(errs, FieldError{prefix + "town", fmt.Sprintf("Code postal et ville dépassent %d caractères (%d)", MaxAddressLine, n)})
	}
	return errs
}

// Validate checks a party: a name, a legal kind, identifiers with good
// keys, addresses fit for the post, e-mails and phones well formed. now is
// used to check the birth date.
func (p Party) Validate(today Date) []FieldError {
	var errs []FieldError
	switch p.Type {
	case Person:
		errs = append(errs, CheckText("last_name", "Le nom", p.LastName, true, 100)...)
		errs = append(errs, CheckText("first_name", "Le prénom", p.FirstName, false, 100)...)
		errs = append(errs, CheckText("civility", "La civilité", p.Civility, false, 20)...)
		if !p.BirthDate.IsZero() {
			if p.BirthDate.After(today) {
				errs = append(errs, FieldError{"birth_date", "La date de naissance est dans le futur"})
			} else if p.BirthDate.Before(today.AddYears(-120)) {
				errs = append(errs, FieldError{"birth_date", "La date de naissance est invraisemblable (plus de 120 ans)"})
			}
		}
	case Company:
		errs = append(errs, CheckText("company_name", "La raison sociale", p.CompanyName, true, 150)...)
		errs = append(errs, CheckText("legal_form", "La forme juridique", p.LegalForm, false, 40)...)
		if !isBlank(p.SIREN) {
			if err := CheckSIREN(p.SIREN); err != nil {
				errs = append(errs, FieldError{"siren", err.Error()})
			}
		}
	default:
		errs = append(errs, FieldError{"type", "Choisissez personne physique ou société"})
	}
	if p.LegalKind != Consumer && p.LegalKind != Professional {
		errs = append(errs, FieldError{"legal_kind", "Choisissez particulier ou professionnel"})
	}
	if n := utf8.RuneCountInString(p.Name()); n > MaxAddressLine {
		errs = append(errs, FieldError{"name", fmt.Sprintf("Le nom tel qu'imprimé (« %s ») dépasse %d caractères : abrégez-le pour La Poste", p.Name(), MaxAddressLine)})
	}
	current := 0
	for i, a := range p.Addresses {
		errs = append(errs, a.Validate(fmt.Sprintf("addresses[%d].", i))...)
		if a.Current {
			current++
		}
	}
	if current > 1 {
		errs = append(errs, FieldError{"addresses", "Une seule adresse peut être l'adresse actuelle"})
	}
	for i, e := range p.Emails {
		if err := CheckEmail(e); err != nil {
			errs = append(errs, FieldError{fmt.Sprintf("emails[%d]", i), err.Error()})
		}
	}
	for i, ph := range p.Phones {
		if err := CheckPhone(ph); err != nil {
			errs = append(errs, FieldError{fmt.Sprintf("phones[%d]", i), err.Error()})
		}
	}
	return errs
}
