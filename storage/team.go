package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
	"filippo.io/age/agessh"

	"github.com/orgplan/orgplan/model"
)

// A team plan is encrypted to each organizer's public key (age X25519, or
// an SSH ed25519 or RSA key) instead of one passphrase; its roster lives
// inside the plan. age writes the X25519 stanzas without the recipient's
// key, so the file alone does not say who can open it (an SSH stanza
// carries a 4-byte tag of the key).

// ParseRecipient reads an organizer's public key.
func ParseRecipient(s string) (age.Recipient, error) {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "age1"):
		if r, err := age.ParseX25519Recipient(s); err == nil {
			return r, nil
		}
		return age.ParseHybridRecipient(s)
	case strings.HasPrefix(s, "ssh-"):
		return agessh.ParseRecipient(s)
	}
	return nil, errors.New("not an age public key (age1…) or an SSH public key (ssh-ed25519 …, ssh-rsa …)")
}

// ParseIdentities reads a private key file: age identities (one a line,
// as age-keygen and orgplan keys new write them) or an SSH private key.
func ParseIdentities(data []byte) ([]age.Identity, error) {
	if bytes.Contains(data, []byte("PRIVATE KEY-----")) {
		id, err := agessh.ParseIdentity(data)
		if err != nil {
			return nil, err
		}
		return []age.Identity{id}, nil
	}
	return age.ParseIdentities(bytes.NewReader(data))
}

// Fingerprint names a public key briefly, for rosters and pins.
func Fingerprint(recipient string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(recipient)))
	return "SHA256:" + hex.EncodeToString(sum[:8])
}

// TeamEncrypted reports whether data is an age file encrypted to public
// keys rather than a passphrase.
func TeamEncrypted(data []byte) bool {
	return EncryptedData(data) && !workFactorRE.Match(data[:min(len(data), 4096)])
}

// KeyForPlan is key ready to write plan o: to its team when it has one
// (whatever passphrase the key holds), else to the key's passphrase; nil
// (a plaintext plan) stays nil.
func KeyForPlan(key *Key, o *model.Org) *Key {
	rs := make([]string, len(o.Team))
	for i, t := range o.Team {
		rs[i] = t.Recipient
	}
	return teamKey(key, rs)
}

func keyForDoc(key *Key, d *FileDoc) *Key {
	rs := make([]string, len(d.Team))
	for i, t := range d.Team {
		rs[i] = t.Recipient
	}
	return teamKey(key, rs)
}

func teamKey(key *Key, recipients []string) *Key {
	if key == nil || len(recipients) == 0 {
		return key
	}
	return &Key{Identities: key.Identities, recipients: recipients}
}

// TeamKey is a key that writes to these public keys only: for a plan
// becoming a team plan.
func TeamKey(recipients ...string) *Key { return &Key{recipients: recipients} }

// encryptTo starts an age file to the key's team, or its passphrase.
func encryptTo(w io.Writer, key *Key) (io.WriteCloser, error) {
	if len(key.recipients) > 0 {
		rs := make([]age.Recipient, len(key.recipients))
		for i, s := range key.recipients {
			r, err := ParseRecipient(s)
			if err != nil {
				return nil, fmt.Errorf("the team's key %s: %w", Fingerprint(s), err)
			}
			rs[i] = r
		}
		return age.Encrypt(w, rs...)
	}
	if key.Passphrase == "" {
		return nil, errors.New("no passphrase to encrypt with")
	}
	rcp, err := age.NewScryptRecipient(key.Passphrase)
	if err != nil {
		return nil, err
	}
	rcp.SetWorkFactor(ScryptWorkFactor)
	return age.Encrypt(w, rcp)
}

// checkTeamKeys refuses a roster entry whose key cannot be read.
func checkTeamKeys(o *model.Org) []model.Problem {
	var probs []model.Problem
	for i, t := range o.Team {
		if _, err := ParseRecipient(t.Recipient); err != nil {
			probs = append(probs, model.Problem{Path: fmt.Sprintf("/team/%d/recipient", i), Msg: err.Error()})
		}
	}
	return probs
}
