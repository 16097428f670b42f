package storage

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
)

// TestATeamPlanSavesAndRecoversToItsRoster: the editor's writes (saves
// and recovery copies) of a plan opened with a member's own key go to the
// roster in the plan, never to a passphrase; a roster key that is no key
// is refused on load, with its place.
func TestATeamPlanSavesAndRecoversToItsRoster(t *testing.T) {
	t.Parallel()
	a, _ := age.GenerateX25519Identity()
	b, _ := age.GenerateX25519Identity()
	data, _ := examples.Get("tenant-association")
	o, err := Decode("x", data)
	if err != nil {
		t.Fatal(err)
	}
	o.Team = []model.Organizer{{Name: "a", Recipient: a.Recipient().String()}, {Name: "b", Recipient: b.Recipient().String()}}
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.age")
	mine := &Key{Identities: []age.Identity{a}}
	if err := SaveKeyed(path, Snapshot(o), mine); err != nil {
		t.Fatal(err)
	}
	if _, err := SaveRecovery(path, "test-1", Snapshot(o), mine); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	if !TeamEncrypted(raw) || bytes.Contains(raw, []byte(a.Recipient().String())) {
		t.Fatal("not encrypted to the team, or the file names a key")
	}
	for _, id := range []age.Identity{a, b} {
		got, err := LoadKeyed(path, &Key{Identities: []age.Identity{id}})
		if err != nil || len(got.Team) != 2 {
			t.Fatalf("a member cannot open it: %v", err)
		}
		for _, c := range RecoveryCopies(path) {
			if _, _, err := ReadRecovery(c, &Key{Identities: []age.Identity{id}}); err != nil {
				t.Fatalf("the recovery copy %s: %v", c, err)
			}
		}
	}
	if _, err := LoadKeyed(path, &Key{Passphrase: "x"}); err == nil {
		t.Fatal("a passphrase opened a team plan")
	}
	o.Team[1].Recipient = "age1nope"
	var buf bytes.Buffer
	if err := Write(&buf, o); err != nil {
		t.Fatal(err)
	}
	if _, err := Decode("bad.json", buf.Bytes()); err == nil || !bytes.Contains([]byte(err.Error()), []byte("/team/1/recipient")) {
		t.Fatalf("a bad roster key: %v", err)
	}
}
