package mailsync

// A forged message sent first with the Message-ID of a genuine one must
// not make the genuine one a "duplicate": only the same key AND the same
// raw bytes are the same message. A message whose key is held with other
// bytes is kept too, under OtherBytesKey, and both carry SameIDWarning.

// SameIDWarning flags a message whose Message-ID another message held
// with different bytes also bears.
const SameIDWarning = "Même identifiant, contenu différent : un autre courriel porte ce Message-ID avec un contenu différent ; les deux sont conservés."

// OtherBytesKey is the key of a message whose key is already held by a
// message with other bytes (sha256 is the new message's raw SHA-256).
func OtherBytesKey(key, sha256 string) string { return key + " sha256:" + sha256 }
