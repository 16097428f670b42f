package storage

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"filippo.io/age"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage/visible"
)

// Plans whose file name ends in ".age" are encrypted with age, under a
// passphrase (scrypt). Everything orgplan writes for such a plan — saves,
// recovery copies, exports from the editor — is encrypted too, so that no
// plaintext touches the disk.

// Key unlocks encrypted plans: a passphrase, or a team member's own
// private keys. Writing a team plan encrypts to the plan's roster
// (KeyForPlan), never to the key itself.
type Key struct {
	Passphrase string
	Identities []age.Identity
	recipients []string // the roster to write to, when set
}

// The environment variables that give keys to scripts.
const (
	PassphraseEnv = "ORGPLAN_PASSPHRASE"
	IdentityEnv   = "ORGPLAN_IDENTITY"
)

// ErrNeedKey is returned for an encrypted plan when no key was given.
var ErrNeedKey = errors.New("the plan is encrypted: a passphrase is needed")

// ScryptWorkFactor is the cost of each encryption (log2 of scrypt's N):
// age's default, about a second on a laptop. Tests lower it.
var ScryptWorkFactor = 18

// MaxScryptWorkFactor is the highest cost accepted when opening a file:
// four times what age writes. A hostile file asking for more would take
// gigabytes and minutes before it could be refused.
const MaxScryptWorkFactor = 20

// Encrypted reports whether a path names an encrypted plan.
func Encrypted(path string) bool { return strings.HasSuffix(path, ".age") }

// ageHeader starts every age file.
var ageHeader = []byte("age-encryption.org/v1\n")

// EncryptedData reports whether data is an age file.
func EncryptedData(data []byte) bool { return bytes.HasPrefix(data, ageHeader) }

// LoadKeyed loads a plan, decrypting it when its name ends in ".age".
func LoadKeyed(path string, key *Key) (*model.Org, error) { return LoadProgress(path, key, nil) }

// LoadProgress is LoadKeyed recording how far it has come in pr.
func LoadProgress(path string, key *Key, pr *Progress) (*model.Org, error) {
	if o, ok := loadStream(path, pr, streamFrom); ok {
		return o, nil
	}
	data, err := readInput(path, nil, pr)
	if err != nil {
		return nil, err
	}
	return decodeKeyed(path, data, key, pr)
}

// DecodeKeyed decodes a plan read from name, decrypting it first when it is
// an age file or its name ends in ".age".
func DecodeKeyed(name string, data []byte, key *Key) (*model.Org, error) {
	return decodeKeyed(name, data, key, nil)
}

// DecodeKeyedProgress is DecodeKeyed recording how far it has come in pr.
func DecodeKeyedProgress(name string, data []byte, key *Key, pr *Progress) (*model.Org, error) {
	return decodeKeyed(name, data, key, pr)
}

func decodeKeyed(name string, data []byte, key *Key, pr *Progress) (*model.Org, error) {
	if !Encrypted(name) && !EncryptedData(data) {
		return decode(name, data, pr)
	}
	plain, err := decrypt(name, data, key)
	if err != nil {
		return nil, err
	}
	return decode(name, plain, pr)
}

var workFactorRE = regexp.MustCompile(`(?m)^-> scrypt \S+ (\d+)$`)

// Decrypt opens an age file with the key: a passphrase or identities.
func Decrypt(name string, data []byte, key *Key) ([]byte, error) { return decrypt(name, data, key) }

func decrypt(name string, data []byte, key *Key) ([]byte, error) {
	if key == nil {
		return nil, ErrNeedKey
	}
	shown := visible.String(name)
	if m := workFactorRE.FindSubmatch(data[:min(len(data), 4096)]); m != nil {
		if n, err := strconv.Atoi(string(m[1])); err != nil || n > MaxScryptWorkFactor {
			return nil, fmt.Errorf("%s: its passphrase's scrypt work factor %s is above the limit of %d (orgplan writes %d)",
				shown, visible.String(string(m[1])), MaxScryptWorkFactor, ScryptWorkFactor)
		}
	}
	team := TeamEncrypted(data)
	var ids []age.Identity
	switch {
	case team && len(key.Identities) == 0:
		return nil, fmt.Errorf("%s is encrypted to its team's keys: give yours (%s, or orgplan keys new)", shown, IdentityEnv)
	case team:
		ids = key.Identities
	case key.Passphrase == "":
		return nil, fmt.Errorf("%s is encrypted with a passphrase, not to a team: set %s", shown, PassphraseEnv)
	default:
		id, err := age.NewScryptIdentity(key.Passphrase)
		if err != nil {
			return nil, err
		}
		id.SetMaxWorkFactor(MaxScryptWorkFactor)
		ids = []age.Identity{id}
	}
	r, err := age.Decrypt(bytes.NewReader(data), ids...)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if team && errors.As(err, &nm) {
			return nil, fmt.Errorf("%s: none of your keys is in its team", shown)
		}
		if errors.As(err, &nm) || strings.Contains(err.Error(), "incorrect") {
			return nil, fmt.Errorf("%s: wrong passphrase", shown)
		}
		return nil, fmt.Errorf("%s: not an age-encrypted file, or damaged: %s", shown, visible.String(err.Error()))
	}
	plain, err := readLimited(name, r, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: damaged: %s", shown, visible.String(unwrapPath(err).Error()))
	}
	return plain, nil
}

// SaveKeyed writes a snapshot over the plan's own file, encrypted when the
// path ends in ".age" (the plaintext exists only in memory).
func SaveKeyed(path string, d *FileDoc, key *Key) error { return SaveProgress(path, d, key, nil, 0) }

// SaveProgress is SaveKeyed recording the bytes written in pr (about
// sizeHint of them: the file's size before, when known).
func SaveProgress(path string, d *FileDoc, key *Key, pr *Progress, sizeHint int64) error {
	pr.start(StageWrite, sizeHint)
	return WriteTo(path, WriteOptions{Target: Plan, Key: keyForDoc(key, d)}, func(w io.Writer) error {
		if pr != nil {
			w = countingWriter{w, pr}
		}
		return writeDoc(w, d)
	})
}
