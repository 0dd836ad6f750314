// Package demo builds the demonstration office: a realistic, fictional
// French étude (creditors of every kind, debtors with plausible names and
// real postcode/town pairs, cases in every status with claim lines, proofs,
// journal, plans, payments, remittances and e-mails), the same for the same
// seed, on either engine of the store. It writes through data's bulk loader
// (data.Loader), never through SQL of its own: the generator is not storage.
package demo
