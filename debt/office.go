package debt

// Office is the étude: its identity is printed on every letter.
type Office struct {
	Name        string   `json:"name"`
	Address     Address  `json:"address"`
	SIRET       string   `json:"siret"`
	Phone       string   `json:"phone"`
	Email       string   `json:"email"`
	IBAN        string   `json:"iban"` // client-funds account
	BIC         string   `json:"bic"`
	Signatories []string `json:"signatories"` // commissaires de justice who sign
	Town        string   `json:"town"`        // "Fait à …" on letters
}

// Validate checks the office identity. It returns the problems found, in
// French; none means the identity is complete enough for letters.
func (o Office) Validate() []FieldError {
	var errs []FieldError
	req := func(field, label, v string) {
		if isBlank(v) {
			errs = append(errs, FieldError{field, label + " est obligatoire"})
		}
	}
	req("name", "Le nom de l'étude", o.Name)
	req("town", "La ville des courriers", o.Town)
	errs = append(errs, o.Address.Validate("address.")...)
	if !isBlank(o.SIRET) {
		if err := CheckSIRET(o.SIRET); err != nil {
			errs = append(errs, FieldError{"siret", err.Error()})
		}
	}
	if !isBlank(o.Email) {
		if err := CheckEmail(o.Email); err != nil {
			errs = append(errs, FieldError{"email", err.Error()})
		}
	}
	if !isBlank(o.IBAN) {
		if err := CheckIBAN(o.IBAN); err != nil {
			errs = append(errs, FieldError{"iban", err.Error()})
		}
	}
	if !isBlank(o.BIC) {
		if err := CheckBIC(o.BIC); err != nil {
			errs = append(errs, FieldError{"bic", err.Error()})
		}
	}
	for _, s := range o.Signatories {
		if len([]rune(s)) > 80 {
			errs = append(errs, FieldError{"signatories", "Un nom de signataire dépasse 80 caractères"})
		}
	}
	return errs
}
