package storage

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
)

func init() { ScryptWorkFactor = 10 } // fast for tests; files stay valid age

func TestEncryptedPlansRoundTripAndNeverHoldPlaintext(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.age")
	key := &Key{Passphrase: "correct horse"}
	b, _ := examples.Get("st-petersburg-1902")
	o, err := Decode("x", b)
	if err != nil {
		t.Fatal(err)
	}
	if err := SaveKeyed(path, Snapshot(o), key); err != nil {
		t.Fatal(err)
	}
	if _, err := SaveRecovery(path, EndedSession(), Snapshot(o), key); err != nil {
		t.Fatal(err)
	}
	// Nothing in the folder reads as the plan.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("%d files", len(entries))
	}
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		if bytes.Contains(data, []byte("Yeryoma")) || bytes.Contains(data, []byte("orgplan/1")) {
			t.Fatalf("%s holds plaintext", e.Name())
		}
		if !bytes.HasPrefix(data, []byte("age-encryption.org/v1")) && !isJournal(data) {
			t.Fatalf("%s is neither an age file nor a journal", e.Name())
		}
	}
	back, err := LoadKeyed(path, key)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := Encode(back)
	if !bytes.Equal(out, b) {
		t.Fatal("the decrypted plan differs")
	}
	// Saved after the plan, so it is offered only if the clock moved;
	// either way it reads with the key, and not without.
	if rec, _, err := ReadRecovery(RecoveryPath(path, EndedSession()), key); err != nil || rec.Plan == nil {
		t.Fatal(err)
	}
	if _, _, err := ReadRecovery(RecoveryPath(path, EndedSession()), nil); err == nil {
		t.Fatal("an encrypted journal read without its key")
	}
	if !strings.HasSuffix(RecoveryPath(path, EndedSession()), ".age") {
		t.Fatal("the recovery copy of an encrypted plan is not named .age")
	}
	// A wrong passphrase is one clear error; no key at all says so.
	if _, err := LoadKeyed(path, &Key{Passphrase: "wrong"}); err == nil || err.Error() != path+": wrong passphrase" {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if _, err := LoadKeyed(path, nil); !errors.Is(err, ErrNeedKey) {
		t.Fatalf("no key: %v", err)
	}
	// A plain file named .age is not taken for a plan.
	os.WriteFile(filepath.Join(dir, "plain.age"), b, 0o600)
	if _, err := LoadKeyed(filepath.Join(dir, "plain.age"), key); err == nil || !strings.Contains(err.Error(), "not an age-encrypted file") {
		t.Fatalf("plain .age: %v", err)
	}
}

func TestAHighScryptWorkFactorIsRefusedAtOnce(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "plan.age")
	key := &Key{Passphrase: "pass"}
	if err := SaveKeyed(path, Snapshot(model.New("x")), key); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	hostile := regexp.MustCompile(`(?m)^(-> scrypt \S+) \d+$`).ReplaceAll(data, []byte("$1 22"))
	if bytes.Equal(hostile, data) {
		t.Fatal("no scrypt stanza found")
	}
	os.WriteFile(path, hostile, 0o600)
	start := time.Now()
	_, err := LoadKeyed(path, key)
	if err == nil || !strings.Contains(err.Error(), "work factor 22 is above the limit of 20") {
		t.Errorf("got %v", err)
	}
	if d := time.Since(start); d > slowdown*time.Second {
		t.Errorf("took %v", d)
	}
}
