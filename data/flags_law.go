package data

import (
	"context"
	"fmt"
	"strings"

	"amiable/debt"
)

// commercialFlagsSQL lists the open cases that may break Code de commerce
// L441-10 / D441-5 (typed before the rule was enforced): business
// penalties or a 40 € indemnity where the creditor or a debtor is not a
// professional, two indemnities for one invoice, an indemnity naming no
// invoice of the case, or more indemnities than invoices. debt's rule
// (CommercialFlag) then decides on each candidate.
var commercialFlagsSQL = `SELECT k.id FROM cases k JOIN parties cp ON cp.id = k.creditor_id
WHERE k.status IN ` + openStatusList + ` AND (
	((k.interest_kind = 'commercial'
		OR EXISTS (SELECT 1 FROM claim_lines l WHERE l.case_id = k.id AND l.kind = 'indemnite' AND l.removed_at = ''))
	  AND (cp.legal_kind != 'professionnel'
		OR EXISTS (SELECT 1 FROM case_debtors d JOIN parties p ON p.id = d.party_id WHERE d.case_id = k.id AND p.legal_kind != 'professionnel')))
	OR k.id IN (SELECT i.case_id FROM claim_lines i WHERE i.kind = 'indemnite' AND i.removed_at = ''
		GROUP BY i.case_id HAVING count(*) > (SELECT count(*) FROM claim_lines p WHERE p.case_id = i.case_id AND p.kind = 'principal' AND p.removed_at = '')
			OR count(DISTINCT nullif(i.doc_number, '')) < count(nullif(i.doc_number, '')))
	OR k.id IN (SELECT i.case_id FROM claim_lines i WHERE i.kind = 'indemnite' AND i.removed_at = '' AND i.doc_number != ''
		AND NOT EXISTS (SELECT 1 FROM claim_lines p WHERE p.case_id = i.case_id AND p.kind = 'principal' AND p.removed_at = '' AND p.doc_number = i.doc_number)
		AND EXISTS (SELECT 1 FROM claim_lines p WHERE p.case_id = i.case_id AND p.kind = 'principal' AND p.removed_at = '' AND p.doc_number != '')))
ORDER BY k.id`

// commercialFlags raises FlagCommercialTerms on the open cases that break
// L441-10 / D441-5 (debt.CommercialFlag).
func commercialFlags(ctx context.Context, q queryer, _ *dialect, _ debt.Date, _ debt.Rules, _ debt.FlagRules, emit func(debt.Flag) error) error {
	ids, err := int64List(ctx, q, commercialFlagsSQL)
	if err != nil {
		return fmt.Errorf("commercial terms: %w", err)
	}
	for _, id := range ids {
		c, err := loadCase(ctx, q, id)
		if err != nil {
			return err
		}
		if f, ok := debt.CommercialFlag(c); ok {
			if err := emit(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// actEvents reads the acts of limitationFlagsSQL ("kind on end" joined by
// commas) as limitation events.
func actEvents(s string) []debt.LimitationEvent {
	var out []debt.LimitationEvent
	for _, a := range splitList(s) {
		f := strings.Fields(a)
		if len(f) < 2 {
			continue
		}
		e := debt.LimitationEvent{Kind: debt.LimitationEventKind(f[0]), Date: isoDate(f[1])}
		if len(f) > 2 {
			e.End = isoDate(f[2])
		}
		out = append(out, e)
	}
	return out
}
