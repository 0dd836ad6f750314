package demo

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"strings"
	"time"

	"amiable/data"
	"amiable/debt"
	"amiable/mailsync"
)

// demoAccount is the mailbox the demo's e-mails came from (never a real
// account: a configured one has its own key and bookkeeping).
const demoAccount = "demonstration@etude-marchand-castel.fr"

// demoMailTemplates are what debtors write to the office: subject and
// body, with {ref}, {amount}, {creditor}, {name}, {month}, {k} replaced.
// A subject or body citing {ref} is filed by reference, the others by
// sender; quoted lines start with "> ".
var demoMailTemplates = []struct {
	subject, body string
	attach        string // name of a small attachment, if any
}{
	{"Re: Dossier {ref}", "Bonjour,\n\nJ'ai bien reçu votre courrier concernant le dossier {ref}. Je traverse une période difficile (perte d'emploi depuis {month}) et je ne peux pas régler la somme de {amount} en une seule fois.\nSerait-il possible de mettre en place un échéancier en {k} mensualités ?\n\nCordialement,\n{name}", ""},
	{"Virement effectué", "Madame, Monsieur,\n\nJe vous informe que j'ai effectué ce jour un virement de {amount} sur le compte de votre étude, avec la référence de mon dossier.\nMerci de m'en accuser réception.\n\nBien à vous,\n{name}", "avis-de-virement.txt"},
	{"Contestation de la somme réclamée", "Bonjour,\n\nJe conteste le montant réclamé par {creditor} : l'échéance de {month} a déjà été réglée par chèque. Vous trouverez ci-joint la copie de mon relevé bancaire.\nMerci de vérifier auprès de votre client avant toute relance.\n\n{name}", "releve-bancaire.txt"},
	{"Demande de report d'échéance", "Bonjour,\n\nMon salaire est versé le 10 du mois : pourriez-vous décaler la date des échéances de mon échéancier au 12 ?\nJe m'engage à respecter les paiements.\n\nMerci d'avance,\n{name}", ""},
	{"Changement d'adresse", "Bonjour,\n\nJe vous informe que j'ai déménagé en {month}. Merci de m'adresser désormais vos courriers à ma nouvelle adresse, que je vous communiquerai par téléphone.\n\nCordialement,\n{name}", ""},
	{"Question sur le décompte {ref}", "Bonjour,\n\nPouvez-vous m'envoyer le détail du décompte ? Je ne comprends pas les intérêts ajoutés à la somme de {amount} réclamée par {creditor}.\n\nCordialement,\n{name}", ""},
	{"Re: Relance", "Je vous réponds rapidement : je passerai à l'étude la semaine prochaine pour en parler.\n\n{name}\n\n> Madame, Monsieur,\n> Sauf erreur de notre part, la somme de {amount} due à {creditor} (dossier {ref}) reste impayée.\n> Nous vous remercions de régulariser votre situation.", ""},
	{"Accord signé", "Bonjour,\n\nVeuillez trouver ci-joint l'accord d'échéancier daté et signé, pour le dossier {ref}.\nLe premier versement partira en {month}.\n\n{name}", "accord-signe.txt"},
	{"Paiement par chèque", "Madame, Monsieur,\n\nJ'ai posté hier un chèque de {amount} à l'ordre de votre étude. Pouvez-vous me confirmer sa bonne réception ?\n\nSalutations,\n{name}", ""},
	{"Difficultés financières", "Bonjour,\n\nJe suis actuellement en arrêt maladie et mes revenus ont beaucoup baissé. Je souhaite régler ma dette envers {creditor} mais je ne peux verser que de petites sommes.\nUn dossier de surendettement est en cours de préparation avec l'assistante sociale.\n\n{name}", ""},
}

// demoTriage are messages that match no case: they wait in triage.
var demoTriage = []struct{ from, name, subject, body string }{
	{"secretariat@syndic-lille-gestion.fr", "Syndic Lille Gestion", "Nouveau dossier à ouvrir", "Bonjour Maître,\n\nNous souhaitons vous confier le recouvrement de charges impayées pour un copropriétaire. Pouvez-vous nous indiquer les pièces à fournir ?\n\nCordialement,\nLe secrétariat"},
	{"noreply@impots.gouv.fr", "DGFiP", "Votre avis est disponible", "Un nouveau document est disponible dans votre espace professionnel."},
	{"contact@assurances-nord.fr", "Assurances du Nord", "Échéance de votre contrat", "Madame, Monsieur,\n\nL'échéance annuelle de votre contrat multirisque professionnelle approche."},
	{"j.leroy.1974@gmail.com", "Jean Leroy", "Renseignement", "Bonjour,\n\nJ'ai reçu un courrier de votre étude mais je l'ai égaré. Pouvez-vous me rappeler ?\n\nJean Leroy"},
	{"candidature@gmail.com", "Sophie Martin", "Candidature spontanée", "Madame, Monsieur,\n\nTitulaire d'un BTS, je me permets de vous adresser ma candidature pour un poste de clerc."},
}

// demoMails writes the e-mails a case's debtor sent the office between
// opened and end (most cases with a debtor e-mail have a few), and once in
// a while a message that matches no case.
func (g *demoGen) demoMails(l *data.Loader, c debt.Case, opened, end time.Time, res *Result) error {
	if g.chance(0.04) {
		t := demoTriage[g.r.IntN(len(demoTriage))]
		at := officeHours(opened.Add(time.Duration(g.r.Float64() * float64(end.Sub(opened)))))
		raw := g.rawMail(t.from, t.name, t.subject, t.body, "", at)
		reason := fmt.Sprintf("Aucune référence de dossier, et %s n'est le débiteur d'aucun dossier ouvert", t.from)
		if err := g.fileMail(l, raw, mailsync.Decision{Rule: mailsync.RuleTriage, Reason: reason}, at, res); err != nil {
			return err
		}
	}
	debtor := c.FirstDebtor()
	if len(debtor.Emails) == 0 {
		return nil
	}
	n := 1 + g.r.IntN(5)
	start := opened.Add(72 * time.Hour)
	if !start.Before(end) {
		return nil
	}
	amount := c.Total()
	for range n {
		t := demoMailTemplates[g.r.IntN(len(demoMailTemplates))]
		at := officeHours(start.Add(time.Duration(g.r.Float64() * float64(end.Sub(start)))))
		if at.After(g.now) {
			at = g.now
		}
		r := strings.NewReplacer("{ref}", c.Ref, "{amount}", amount.String(), "{creditor}", c.Creditor.Name(),
			"{name}", debtor.Name(), "{month}", frMonth(debt.DateOf(at)), "{k}", fmt.Sprint(3+g.r.IntN(10)))
		subject, body := r.Replace(t.subject), r.Replace(t.body)
		raw := g.rawMail(debtor.Emails[0], debtor.Name(), subject, body, t.attach, at)
		d := mailsync.Decision{Rule: mailsync.RuleSender, CaseID: c.ID, CaseRef: c.Ref,
			Reason: fmt.Sprintf("Expéditeur %s : débiteur d'un seul dossier ouvert", debtor.Emails[0])}
		quoted := strings.Contains(body, "> ")
		switch {
		case strings.Contains(subject, c.Ref) || strings.Contains(body, c.Ref) && !quoted:
			d.Rule, d.Reason = mailsync.RuleReference, fmt.Sprintf("Référence %s citée dans l'objet ou le texte", c.Ref)
		case strings.Contains(body, c.Ref):
			d.Rule, d.Reason = mailsync.RuleQuoted, fmt.Sprintf("Référence %s citée dans l'historique du message", c.Ref)
		}
		if err := g.fileMail(l, raw, d, at, res); err != nil {
			return err
		}
	}
	return nil
}

// rawMail writes an RFC 5322 message as a mail client would: encoded
// words, quoted-printable text, a base64 attachment when attach is set.
func (g *demoGen) rawMail(from, name, subject, body, attach string, at time.Time) []byte {
	g.mailSeq++
	var b bytes.Buffer
	host := from[strings.LastIndexByte(from, '@')+1:]
	fmt.Fprintf(&b, "Return-Path: <%s>\r\n", from)
	fmt.Fprintf(&b, "Date: %s\r\n", at.In(debt.Paris()).Format(time.RFC1123Z))
	fmt.Fprintf(&b, "From: %s <%s>\r\n", mime.QEncoding.Encode("utf-8", name), from)
	fmt.Fprintf(&b, "To: %s\r\n", "Étude Marchand & Castel <recouvrement@etude-marchand-castel.fr>")
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", subject))
	fmt.Fprintf(&b, "Message-ID: <%d.%s@%s>\r\n", g.mailSeq, g.digits(10), host)
	b.WriteString("MIME-Version: 1.0\r\n")
	text := func() {
		b.WriteString("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
		w := quotedprintable.NewWriter(&b)
		w.Write([]byte(strings.ReplaceAll(body, "\n", "\r\n")))
		w.Close()
		b.WriteString("\r\n")
	}
	if attach == "" {
		text()
		return b.Bytes()
	}
	boundary := "demo-" + g.digits(12)
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=%q\r\n\r\n--%s\r\n", boundary, boundary)
	text()
	fmt.Fprintf(&b, "--%s\r\nContent-Type: text/plain; charset=utf-8; name=%q\r\nContent-Disposition: attachment; filename=%q\r\nContent-Transfer-Encoding: base64\r\n\r\n",
		boundary, attach, attach)
	content := fmt.Sprintf("%s\r\nDocument transmis par %s le %s.\r\nRéférence : %s\r\n", attach, name, debt.DateOf(at), g.digits(8))
	enc := base64.StdEncoding.EncodeToString([]byte(content))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	fmt.Fprintf(&b, "%s\r\n--%s--\r\n", enc, boundary)
	return b.Bytes()
}

// fileMail parses raw like a synced message and files it as received at at.
func (g *demoGen) fileMail(l *data.Loader, raw []byte, d mailsync.Decision, at time.Time, res *Result) error {
	msg := mailsync.Parse(raw)
	rawSum, rawSize := g.blobs.Put(raw)
	var atts []data.LoadedAttachment
	for _, a := range msg.Attachments {
		sum, size := g.blobs.Put(a.Data)
		atts = append(atts, data.LoadedAttachment{SHA256: sum, Size: size, Attachment: a})
	}
	g.uid++
	fm := mailsync.FiledMessage{Account: demoAccount, Folder: "INBOX", UIDValidity: 1, UID: g.uid, InternalDate: at,
		Raw: raw, Message: msg, Decision: d}
	if _, err := l.FileMail(fm, rawSum, rawSize, atts, at); err != nil {
		return err
	}
	res.Mails++
	res.Documents += 1 + len(atts)
	if d.CaseID != 0 {
		res.Events++
	}
	return nil
}
