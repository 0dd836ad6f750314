// Package debt holds Amiable's domain types and pure rules: money, civil
// dates, parties, cases, claim lines, statuses and their transitions, the
// claim verification checklist, and the French rules of amicable recovery
// (interest, allocation, deadlines, limitation).
//
// Nothing here touches SQL, a user interface, the network or the clock:
// every rule that depends on the date takes it as a parameter.
//
// Glossary (French office vocabulary → identifiers):
//
//	dossier                  → Case
//	débiteur                 → Debtor
//	créancier                → Creditor
//	partie                   → Party
//	ligne de créance         → ClaimLine
//	pièce / justificatif     → Document (proof)
//	journal                  → Event
//	étude                    → Office
//	échéancier               → Plan
//	échéance                 → Instalment
//	mise en demeure          → FormalNotice
//	relance                  → Reminder
//	encaissement             → Payment
//	quittance                → Receipt
//	accusé de réception (AR) → receipt card / AR
//	décompte                 → Statement
//	prescription             → Limitation
package debt
