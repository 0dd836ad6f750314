// Package mailsync reads the office mailbox over IMAP and files each debtor
// reply into its case.
//
// It has three parts:
//
//   - Parse turns a raw message (RFC 5322 + MIME, as fetched) into a Message:
//     addresses, date, subject, thread identifiers, a text body (from
//     text/plain, or from HTML reduced to text without fetching anything) and
//     attachments. It never fails: what cannot be read is skipped and
//     described by a French warning.
//   - Match decides which case a Message belongs to, from facts the caller
//     supplies (Facts): a case reference in the subject or the new text, the
//     thread headers naming a message the office sent, a reference quoted in
//     the history, or the sender being the debtor of exactly one open case.
//     Anything else goes to triage with a French reason.
//   - Syncer.Sync runs one pass over an Account's folders with
//     go-imap v2: read-only EXAMINE, UIDVALIDITY and highest filed UID kept
//     per folder by the Store, BODY.PEEK[] fetches in batches (the \Seen flag
//     never changes), one Store.File call (one transaction) per message, so a
//     pass cut short resumes where it stopped without loss or duplicate.
//
// Nothing on the server is ever changed or deleted. Errors meant for the
// person carry a French message (see Error and UserMessage); passwords are
// read from the OS keyring or AMIABLE_IMAP_PASSWORD and never logged.
package mailsync
