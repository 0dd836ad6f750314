package letters

// Legal texts printed on letters. They are mandatory blocks: the office
// cannot edit them in Paramètres.
//
// L111-8 paragraphs 2 and 3 are copied verbatim from the project's domain
// brief (legal.md §2). The texts of CPCE L111-2, L111-3, L125-1 and Code
// civil 1376 and 2238 were written from knowledge of the codes in force
// (with "commissaire de justice" in place of "huissier de justice" since
// 1 July 2022): THEY MUST BE CHECKED AGAINST LÉGIFRANCE (version in force
// on the letter's date) before the first real small-claims invitation, and
// again whenever the codes change.

// l111_8 holds paragraphs 2 and 3 of CPCE L111-8, verbatim (legal.md §2).
var l111_8 = []string{
	"Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier, sauf s'ils concernent un acte dont l'accomplissement est prescrit par la loi au créancier. Toute stipulation contraire est réputée non écrite, sauf disposition législative contraire.",
	"Cependant, le créancier qui justifie du caractère nécessaire des démarches entreprises pour recouvrer sa créance peut demander au juge de l'exécution de laisser tout ou partie des frais ainsi exposés à la charge du débiteur de mauvaise foi.",
}

const l111_8Title = "Article L. 111-8 du code des procédures civiles d'exécution (alinéas 2 et 3)"

// article is a reproduced article of a code.
type article struct {
	title string
	paras []string
}

// smallClaimsArticles are the texts an invitation to the small-claims
// procedure reproduces (CPCE R125-2). To be checked against Légifrance:
// see the package comment above.
var smallClaimsArticles = []article{
	{"Article L. 111-2 du code des procédures civiles d'exécution", []string{
		"Le créancier muni d'un titre exécutoire constatant une créance liquide et exigible peut en poursuivre l'exécution forcée sur les biens de son débiteur dans les conditions propres à chaque mesure d'exécution.",
	}},
	{"Article L. 111-3 du code des procédures civiles d'exécution", []string{
		"Seuls constituent des titres exécutoires :",
		"1° Les décisions des juridictions de l'ordre judiciaire ou de l'ordre administratif lorsqu'elles ont force exécutoire, ainsi que les accords auxquels ces juridictions ont conféré force exécutoire ;",
		"2° Les actes et les jugements étrangers ainsi que les sentences arbitrales déclarés exécutoires par une décision non susceptible d'un recours suspensif d'exécution, sans préjudice des dispositions du droit de l'Union européenne applicables ;",
		"3° Les extraits de procès-verbaux de conciliation signés par le juge et les parties ;",
		"4° Les actes notariés revêtus de la formule exécutoire ;",
		"4° bis Les accords par lesquels les époux consentent mutuellement à leur divorce ou à leur séparation de corps par acte sous signature privée contresignés par avocats, déposés au rang des minutes d'un notaire selon les modalités prévues à l'article 229-1 du code civil ;",
		"5° Le titre délivré par le commissaire de justice en cas de non-paiement d'un chèque ou en cas d'accord entre le créancier et le débiteur dans les conditions prévues à l'article L. 125-1 ;",
		"6° Les titres délivrés par les personnes morales de droit public qualifiés comme tels par la loi, ou les décisions auxquelles la loi attache les effets d'un jugement ;",
		"7° Les accords issus d'une médiation, d'une conciliation ou d'une procédure participative, lorsqu'ils sont contresignés par les avocats de chacune des parties et revêtus de la formule exécutoire par le greffe de la juridiction compétente.",
	}},
	{"Article L. 125-1 du code des procédures civiles d'exécution", []string{
		"Une procédure simplifiée de recouvrement des petites créances peut être mise en œuvre par un commissaire de justice à la demande du créancier pour le paiement d'une créance ayant une cause contractuelle ou résultant d'une obligation de caractère statutaire et inférieure à un montant défini par décret en Conseil d'État.",
		"Cette procédure se déroule dans un délai d'un mois à compter de l'envoi par le commissaire de justice d'une lettre recommandée avec demande d'avis de réception ou par tout moyen permettant d'établir son envoi invitant le débiteur à participer à cette procédure. L'accord du débiteur, constaté par le commissaire de justice, suspend la prescription.",
		"Le commissaire de justice qui a reçu l'accord du créancier et du débiteur sur le montant et les modalités du paiement délivre, sans autre formalité, un titre exécutoire.",
		"Les frais de toute nature qu'occasionne la procédure sont à la charge exclusive du créancier.",
		"Un décret en Conseil d'État fixe les modalités d'application du présent article, notamment les règles de prévention des conflits d'intérêts lors de la délivrance par le commissaire de justice d'un titre exécutoire.",
	}},
	{"Article 2238 du code civil", []string{
		"La prescription est suspendue à compter du jour où, après la survenance d'un litige, les parties conviennent de recourir à la médiation ou à la conciliation ou, à défaut d'accord écrit, à compter du jour de la première réunion de médiation ou de conciliation. La prescription est également suspendue à compter de la conclusion d'une convention de procédure participative ou à compter de l'accord du débiteur constaté par le commissaire de justice pour participer à la procédure prévue à l'article L. 125-1 du code des procédures civiles d'exécution.",
		"Le délai de prescription recommence à courir, pour une durée qui ne peut être inférieure à six mois, à compter de la date à laquelle soit l'une des parties ou les deux, soit le médiateur ou le conciliateur déclarent que la médiation ou la conciliation est terminée. En cas de convention de procédure participative, le délai de prescription recommence à courir à compter du terme de la convention, pour une durée qui ne peut être inférieure à six mois. En cas d'échec de la procédure prévue au même article L. 125-1, le délai de prescription recommence à courir à compter de la date du refus du débiteur, constaté par le commissaire de justice, pour une durée qui ne peut être inférieure à six mois.",
	}},
}

// art1376 is Code civil 1376, printed on the acknowledgement of debt so
// that the debtor knows why the amount must be written by hand. To be
// checked against Légifrance: see the package comment above.
var art1376 = article{"Article 1376 du code civil", []string{
	"L'acte sous signature privée par lequel une seule partie s'engage envers une autre à lui payer une somme d'argent ou à lui livrer un bien fongible ne fait preuve que s'il comporte la signature de celui qui souscrit cet engagement ainsi que la mention, écrite par lui-même, de la somme ou de la quantité en toutes lettres et en chiffres. En cas de différence, l'acte sous signature privée vaut preuve pour la somme écrite en toutes lettres.",
}}
