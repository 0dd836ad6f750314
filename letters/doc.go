// Package letters writes Amiable's letters in two steps.
//
// Compose turns a case, its statement of account (debt.Statement) and the
// office's settings into a render-neutral Letter: letterhead, the
// recipient's address block (La Poste NF Z 10-011) at the envelope window,
// place and date, references, the registered-post line, object, and a body
// of blocks (paragraphs, tables, framed payment instructions, legal texts,
// signature, forms to fill by hand). All French wording lives here. Check
// lists, in French, what keeps a letter from being issued. Render, then,
// lays a Letter out on A4 pages with gopdf and the embedded Noto Sans font
// ("page N/M" on every page, tables split between rows under a repeated
// header); RenderBatch prints the day's letters with the deposit list of
// the registered ones, DepositList the list alone, and Calibration a page
// to check the window position on a real envelope.
//
// The kinds are the codes of the command line: relance1, relance2,
// mise-en-demeure, proposition-echeancier, accord-echeancier,
// reconnaissance-dette, quittance, attestation-solde, lettre-creancier,
// petites-creances.
//
// # Free paragraphs and placeholders
//
// Each kind has free paragraphs (a Template: Before and After the
// mandatory blocks) that the office may edit; DefaultTemplate gives the
// starting text. They may use these placeholders, in braces:
//
//	{debiteur}             the debtor addressed (for a letter to the creditor: the case's debtors)
//	{civilite}             "Madame", "Monsieur" or "Madame, Monsieur"
//	{creancier}            the creditor's name
//	{reference}            the case reference (AAAA-NNNNN)
//	{reference_creancier}  the creditor's own reference
//	{nature}               the nature of the claim ("facture impayée"…)
//	{solde}                the balance due at the letter's date ("1 234,56 €")
//	{principal}            principal still due
//	{interets}             interest still due
//	{accessoires}          accessories still due
//	{date}                 the letter's date in words ("15 mai 2026")
//	{echeance}             the deadline the letter sets, in words
//	{delai}                the time given ("15 jours", "un mois")
//	{premier_courrier}     the date of the first letter to the debtor
//	{etude}                the office's name
//	{telephone}            the office's phone
//	{courriel}             the office's e-mail address
//
// An unknown placeholder is an error (CheckTemplate, Compose, Check). The
// mandatory blocks — who recovers for whom and on what basis (R124-4), the
// claim's detail split into principal, interest and accessories, the
// demand and its deadline, how to pay, CPCE L111-8 paragraphs 2 and 3, the
// personal-data notice on the first letter to a debtor, the reference and
// date of the first letter on later ones, the reproduced articles and the
// forms — are not editable.
package letters
