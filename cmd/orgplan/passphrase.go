package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"

	xterm "golang.org/x/term"

	"github.com/orgplan/orgplan/storage"
)

// passphraseEnv lets scripts give the passphrase of encrypted plans.
const passphraseEnv = storage.PassphraseEnv

func init() {
	// Tests lower scrypt's cost; a user has no reason to.
	if n, err := strconv.Atoi(os.Getenv("ORGPLAN_SCRYPT_WORK_FACTOR")); err == nil && n >= 1 && n <= 30 {
		storage.ScryptWorkFactor = n
	}
}

// keyFor returns the key for an encrypted path (nil for a plain one): from
// $ORGPLAN_PASSPHRASE, else asked on the terminal without echo, twice when
// a new file is being encrypted.
func keyFor(path string, confirm bool) (*storage.Key, error) {
	if !storage.Encrypted(path) {
		return nil, nil
	}
	return askKey(path, confirm)
}

// askKey is keyFor for a file known to be encrypted whatever its name
// (git's temporary copies of a plan have none).
func askKey(path string, confirm bool) (*storage.Key, error) {
	if p, ok := os.LookupEnv(passphraseEnv); ok {
		if p == "" {
			return nil, errors.New(passphraseEnv + " is empty")
		}
		return &storage.Key{Passphrase: p}, nil
	}
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("%s is encrypted: set %s or run orgplan in a terminal", path, passphraseEnv)
	}
	defer tty.Close()
	ask := func(prompt string) (string, error) {
		fmt.Fprint(tty, prompt)
		b, err := xterm.ReadPassword(int(tty.Fd()))
		fmt.Fprintln(tty)
		return string(b), err
	}
	p, err := ask("Passphrase for " + path + ": ")
	if err != nil {
		return nil, err
	}
	if p == "" {
		return nil, errors.New("no passphrase given")
	}
	if confirm {
		again, err := ask("Again: ")
		if err != nil {
			return nil, err
		}
		if again != p {
			return nil, errors.New("the passphrases differ")
		}
	}
	return &storage.Key{Passphrase: p}, nil
}
