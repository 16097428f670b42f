package storage

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"

	"github.com/orgplan/orgplan/model"
)

// Plans whose file name ends in ".age" are encrypted with age, under a
// passphrase (scrypt). Everything orgplan writes for such a plan — saves,
// recovery copies, exports from the editor — is encrypted too, so that no
// plaintext touches the disk.

// Key unlocks encrypted plans.
type Key struct {
	Passphrase string
}

// ErrNeedKey is returned for an encrypted plan when no key was given.
var ErrNeedKey = errors.New("the plan is encrypted: a passphrase is needed")

// ScryptWorkFactor is the cost of each encryption (log2 of scrypt's N):
// age's default, about a second on a laptop. Tests lower it.
var ScryptWorkFactor = 18

// Encrypted reports whether a path names an encrypted plan.
func Encrypted(path string) bool { return strings.HasSuffix(path, ".age") }

// LoadKeyed loads a plan, decrypting it when its name ends in ".age".
func LoadKeyed(path string, key *Key) (*model.Org, error) {
	if !Encrypted(path) {
		return Load(path)
	}
	plain, err := readEncrypted(path, key)
	if err != nil {
		return nil, err
	}
	return Decode(path, plain)
}

func readEncrypted(path string, key *Key) ([]byte, error) {
	if key == nil {
		return nil, ErrNeedKey
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	id, err := age.NewScryptIdentity(key.Passphrase)
	if err != nil {
		return nil, err
	}
	r, err := age.Decrypt(bufio.NewReader(f), id)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) || strings.Contains(err.Error(), "incorrect") {
			return nil, fmt.Errorf("%s: wrong passphrase", path)
		}
		return nil, fmt.Errorf("%s: not an age-encrypted file, or damaged: %v", path, err)
	}
	var b bytes.Buffer
	if _, err := io.Copy(&b, r); err != nil {
		return nil, fmt.Errorf("%s: damaged: %v", path, err)
	}
	return b.Bytes(), nil
}

// SaveKeyed writes a snapshot atomically, encrypted when the path ends in
// ".age" (the plaintext exists only in memory).
func SaveKeyed(path string, d *FileDoc, key *Key) error {
	if !Encrypted(path) {
		return SaveSnapshot(path, d)
	}
	return WriteKeyed(path, key, func(w io.Writer) error { return writeDoc(w, d) })
}

// WriteKeyed writes whatever write produces atomically, through age when
// the path ends in ".age".
func WriteKeyed(path string, key *Key, write func(io.Writer) error) error {
	if !Encrypted(path) {
		return writeAtomic(path, write)
	}
	if key == nil {
		return ErrNeedKey
	}
	rcp, err := age.NewScryptRecipient(key.Passphrase)
	if err != nil {
		return err
	}
	rcp.SetWorkFactor(ScryptWorkFactor)
	return writeAtomic(path, func(w io.Writer) error {
		ew, err := age.Encrypt(w, rcp)
		if err != nil {
			return err
		}
		if err := write(ew); err != nil {
			return err
		}
		return ew.Close()
	})
}
