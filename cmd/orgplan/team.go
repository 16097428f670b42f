package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/visible"
)

// Team plans: each organizer has their own key (orgplan keys new), the
// plan is encrypted to the roster it holds (orgplan team …), and each
// user pins the roster they have seen, so that a key added behind their
// back is shown before they save to it.

// configDir is orgplan's folder in the user's configuration directory
// ($XDG_CONFIG_HOME/orgplan on Linux).
func configDir() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "orgplan"), nil
}

// identityPath is $ORGPLAN_IDENTITY, else the key orgplan keys new wrote:
// identity.age under a passphrase, identity.txt without one (a file named
// .age is always encrypted).
func identityPath() (string, error) {
	if p := os.Getenv(storage.IdentityEnv); p != "" {
		return p, nil
	}
	d, err := configDir()
	if err != nil {
		return "", err
	}
	path := filepath.Join(d, "identity.age")
	if _, err := os.Stat(path); err != nil {
		if txt := filepath.Join(d, "identity.txt"); fileExists(txt) {
			return txt, nil
		}
	}
	return path, nil
}

func fileExists(path string) bool { _, err := os.Lstat(path); return err == nil }

// loadIdentities reads the user's private keys, asking for the
// passphrase that protects them when they are encrypted.
func loadIdentities() ([]age.Identity, error) {
	path, err := identityPath()
	if err != nil {
		return nil, err
	}
	data, err := storage.ReadInput(path, nil)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no key of yours at %s: orgplan keys new makes one, or set %s", visible.String(path), storage.IdentityEnv)
	}
	if err != nil {
		return nil, err
	}
	if storage.EncryptedData(data) {
		key, err := askKey(path, false)
		if err != nil {
			return nil, err
		}
		if data, err = storage.Decrypt(path, data, key); err != nil {
			return nil, err
		}
	}
	ids, err := storage.ParseIdentities(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", visible.String(path), visible.String(err.Error()))
	}
	return ids, nil
}

// keyForData is the key for an encrypted file: the user's own keys for a
// team plan, else a passphrase (asked twice for a new file).
func keyForData(path string, data []byte, confirm bool) (*storage.Key, error) {
	if storage.TeamEncrypted(data) {
		ids, err := loadIdentities()
		if err != nil {
			return nil, fmt.Errorf("%s is encrypted to its team's keys: %w", visible.String(path), err)
		}
		return &storage.Key{Identities: ids}, nil
	}
	return askKey(path, confirm)
}

// head is the start of a file, enough to tell how it is encrypted.
func head(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	b := make([]byte, 4096)
	n, _ := io.ReadFull(f, b)
	return b[:n]
}

// pinsPath holds, per plan, the fingerprints of the team last accepted.
func pinsPath() (string, error) {
	d, err := configDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "known_teams"), nil
}

type pins map[string][]string // absolute path → fingerprints

func readPins() (pins, string, error) {
	path, err := pinsPath()
	if err != nil {
		return nil, "", err
	}
	p := pins{}
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, "", err
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		if plan, fps, ok := strings.Cut(sc.Text(), "\t"); ok {
			p[plan] = strings.Split(fps, ",")
		}
	}
	return p, path, nil
}

func (p pins) write(path string) error {
	plans := make([]string, 0, len(p))
	for k := range p {
		plans = append(plans, k)
	}
	slices.Sort(plans)
	var b strings.Builder
	for _, k := range plans {
		b.WriteString(k + "\t" + strings.Join(p[k], ",") + "\n")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return storage.WriteTo(path, storage.WriteOptions{Target: storage.Side, Replace: true},
		func(w io.Writer) error { _, err := io.WriteString(w, b.String()); return err })
}

func fingerprints(o *model.Org) []string {
	fps := make([]string, len(o.Team))
	for i, t := range o.Team {
		fps[i] = storage.Fingerprint(t.Recipient)
	}
	slices.Sort(fps)
	return fps
}

// checkPins compares a team plan's roster with the one the user last
// accepted for it: the first time, it is remembered; a key added since
// is refused until accepted (orgplan team accept). A key removed is
// remembered as gone.
func checkPins(e *env, path string, o *model.Org, accept bool) error {
	if len(o.Team) == 0 || path == storage.Stdin {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	p, pinFile, err := readPins()
	if err != nil {
		return err
	}
	now := fingerprints(o)
	known, seen := p[abs]
	var added []string
	for _, t := range o.Team {
		if fp := storage.Fingerprint(t.Recipient); seen && !slices.Contains(known, fp) {
			added = append(added, fmt.Sprintf("%s (%s)", visible.String(t.Name), fp))
		}
	}
	if len(added) > 0 && !accept {
		return fail("%s: its team has keys you have not seen: %s. age does not say who wrote a file: if you did not expect them, do not save to it; if you did, run orgplan team accept %s",
			visible.String(path), strings.Join(added, ", "), visible.String(path))
	}
	if !seen {
		fmt.Fprintf(e.stderr, "orgplan: %s: remembering its team of %d (orgplan team list shows them)\n", visible.String(path), len(o.Team))
	}
	if seen && slices.Equal(known, now) {
		return nil
	}
	p[abs] = now
	return p.write(pinFile)
}

func newKeysCmd(e *env) *cobra.Command {
	keys := &cobra.Command{Use: "keys", Short: "Your own key for team plans"}
	var noPass, force bool
	newKey := &cobra.Command{
		Use:   "new [--no-passphrase] [--force]",
		Short: "Make your key and print its public half for the team's roster",
		Long: `Make an age key, written to $XDG_CONFIG_HOME/orgplan/identity.age
(or $ORGPLAN_IDENTITY), readable by you alone and encrypted with a
passphrase unless --no-passphrase. It prints the public key: give it to
whoever runs orgplan team add.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := identityPath()
			if err != nil {
				return fail("%v", err)
			}
			if os.Getenv(storage.IdentityEnv) == "" && noPass {
				path = strings.TrimSuffix(path, ".age") + ".txt"
			}
			id, err := age.GenerateX25519Identity()
			if err != nil {
				return fail("%v", err)
			}
			var key *storage.Key
			if !noPass {
				if key, err = askKey(path, true); err != nil {
					return fail("%v", err)
				}
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				return fail("%v", err)
			}
			text := fmt.Sprintf("# orgplan key\n# public key: %s\n%s\n", id.Recipient(), id)
			err = storage.WriteTo(path, storage.WriteOptions{Target: storage.Side, Replace: force, Key: key},
				func(w io.Writer) error { _, err := io.WriteString(w, text); return err })
			var ee *storage.ExistsError
			if errors.As(err, &ee) {
				return fail("%s already exists; give --force to replace it (plans encrypted to it would then stay closed to you)", visible.String(path))
			}
			if err != nil {
				return fail("%v", err)
			}
			fmt.Fprintf(e.stderr, "orgplan: your key is in %s\n", visible.String(path))
			fmt.Fprintln(e.stdout, id.Recipient())
			return nil
		},
	}
	newKey.Flags().BoolVar(&noPass, "no-passphrase", false, "leave the key file unencrypted (it is still readable by you alone)")
	newKey.Flags().BoolVar(&force, "force", false, "replace an existing key")
	keys.AddCommand(newKey)
	return keys
}
