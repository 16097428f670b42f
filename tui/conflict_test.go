package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
)

func openFile(t *testing.T, path string) *Model {
	t.Helper()
	o, err := storage.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Org: o, Path: path, Disk: StatFile(path)})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return m
}

// openTenantCopy saves the tenant example as plan.json in a fresh folder
// and opens it.
func openTenantCopy(t *testing.T) (dir, path string, m *Model) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "plan.json")
	if err := storage.Save(path, exampleOrg(t, "tenant-association")); err != nil {
		t.Fatal(err)
	}
	return dir, path, openFile(t, path)
}

func TestSavingOverAFileChangedOnDiskAsks(t *testing.T) {
	t.Parallel()
	dir, path, m := openTenantCopy(t)
	addUnit(m, "Mine")
	// Someone else saves the file meanwhile.
	time.Sleep(10 * time.Millisecond)
	theirs := exampleOrg(t, "union-organizing-committee")
	if err := storage.Save(path, theirs); err != nil {
		t.Fatal(err)
	}
	run(m, press(m, "ctrl+s"))
	if !isOpen[*choice](m) || !strings.Contains(screen(m), "changed on disk") {
		t.Fatalf("no question before overwriting:\n%s", screen(m))
	}
	// esc keeps their file.
	press(m, "esc")
	if o, _ := storage.Load(path); o.Name != theirs.Name || !m.modified() {
		t.Fatal("esc overwrote the other file or lost the edit")
	}
	// a saves under another name.
	run(m, press(m, "ctrl+s"))
	press(m, "a")
	for range 200 {
		press(m, "backspace")
	}
	other := filepath.Join(dir, "mine.json")
	typeText(m, other)
	run(m, press(m, "enter"))
	if m.path != other || m.modified() {
		t.Fatalf("save as: path %q", m.path)
	}
	if o, _ := storage.Load(path); o.Name != theirs.Name {
		t.Fatal("save as touched the other file")
	}
	// Back on the first file: o overwrites.
	m = openFile(t, path)
	press(m, "r")
	typeText(m, "!")
	press(m, "enter")
	os.Chtimes(path, time.Now().Add(time.Hour), time.Now().Add(time.Hour))
	run(m, press(m, "ctrl+s"))
	if !isOpen[*choice](m) {
		t.Fatal("a touched file did not count as changed")
	}
	run(m, press(m, "o"))
	if o, _ := storage.Load(path); !strings.HasSuffix(o.Units[0].Name, "!") || m.modified() {
		t.Fatal("o did not overwrite")
	}
	// The next save, with nothing changed on disk, does not ask.
	press(m, "r")
	typeText(m, "?")
	press(m, "enter")
	run(m, press(m, "ctrl+s"))
	if isOpen[*choice](m) || m.modified() {
		t.Fatal("asked again after our own save")
	}
}

func TestRecoveryJournalIsWrittenCompactedAndRestored(t *testing.T) {
	t.Parallel()
	_, path, m := openTenantCopy(t)
	edit := func(keys ...string) {
		t.Helper()
		press(m, keys[0])
		typeText(m, keys[1])
		runWaiting(m, press(m, "enter"), 5*time.Second)
	}
	edit("a", "Unsaved group")
	rp := storage.RecoveryPath(path, m.session)
	fi, err := os.Stat(rp)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("recovery journal: %v %v", err, fi)
	}
	if _, ok := storage.FindRecovery(path, nil); ok {
		t.Fatal("a running editor's own journal is offered")
	}
	// Each edit is a line: replayed on the file, they give the plan.
	edit("r", " (east)")
	rec, base, err := storage.ReadRecovery(rp, nil)
	if err != nil || base == nil || rec.Plan != nil || len(rec.Ops) != 2 {
		t.Fatalf("the journal: %+v %v %v", rec, base, err)
	}
	o, _ := storage.Load(path)
	for _, op := range rec.Ops {
		if _, err := o.Apply(op); err != nil {
			t.Fatal(err)
		}
	}
	if a, b := storage.Encode(o); !bytes.Equal(a, mustEncode(t, m.org)) || b != nil {
		t.Fatal("the journal replayed on the file is not the plan in the editor")
	}
	// Saving compacts it to nothing: it is removed.
	runWaiting(m, press(m, "ctrl+s"), 5*time.Second)
	if _, err := os.Stat(rp); !os.IsNotExist(err) {
		t.Fatal("the journal outlived the save")
	}
	// The next edit starts it again, from the saved file.
	edit("a", "After the save")
	rec, base, err = storage.ReadRecovery(rp, nil)
	if err != nil || base == nil || len(rec.Ops) != 1 {
		t.Fatalf("the journal after the save: %+v %v", rec, err)
	}
	// As a crashed editor would have left it: offered at start, r puts the
	// edit back, unsaved and undoable.
	data, _ := os.ReadFile(rp)
	if err := os.WriteFile(storage.RecoveryPath(path, storage.EndedSession()), data, 0o600); err != nil {
		t.Fatal(err)
	}
	rec, ok := storage.FindRecovery(path, nil)
	if !ok {
		t.Fatal("the ended session's journal is not found")
	}
	saved, _ := storage.Load(path)
	m2 := New(Options{Org: saved, Path: path, Disk: StatFile(path), Recovery: rec})
	m2.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !isOpen[*choice](m2) || !strings.Contains(screen(m2), "Unsaved changes to plan.json") {
		t.Fatalf("no offer:\n%s", screen(m2))
	}
	press(m2, "r")
	if findUnitByName(m2.org, "After the save") == "" || !m2.modified() {
		t.Fatal("restore did not bring the edit back as unsaved")
	}
	press(m2, "u")
	if findUnitByName(m2.org, "After the save") != "" || m2.modified() {
		t.Fatal("u did not undo the restored edit")
	}
}

func findUnitByName(o interface {
	Walk(func(*model.Unit) bool)
}, name string) string {
	id := ""
	o.Walk(func(u *model.Unit) bool {
		if u.Name == name {
			id = u.ID
		}
		return id == ""
	})
	return id
}

// TestSavingNoChangeLeavesTheFileAlone: ctrl+s with nothing changed (or
// an edit undone) does not rewrite the file: a file in git stays clean,
// whatever its layout. After a real edit it is written.
func TestSavingNoChangeLeavesTheFileAlone(t *testing.T) {
	t.Parallel()
	_, path, _ := openTenantCopy(t)
	data, _ := os.ReadFile(path)
	// Another tool's layout: tabs, not orgplan's two spaces.
	loose := []byte(strings.ReplaceAll(string(data), "  ", "\t"))
	if err := os.WriteFile(path, loose, 0o600); err != nil {
		t.Fatal(err)
	}
	m := openFile(t, path)
	run(m, press(m, "ctrl+s"))
	addUnit(m, "Undone")
	press(m, "u")
	run(m, press(m, "ctrl+s"))
	if got, _ := os.ReadFile(path); string(got) != string(loose) {
		t.Fatalf("a save with no change rewrote the file (status %q)", m.status)
	}
	if !strings.Contains(m.status, "no changes") {
		t.Fatalf("status %q", m.status)
	}
	addUnit(m, "Kept")
	run(m, press(m, "ctrl+s"))
	if o, err := storage.Load(path); err != nil || !strings.Contains(string(must(os.ReadFile(path))), "Kept") || o == nil {
		t.Fatalf("the edit was not saved: %v", err)
	}
}

func must[T any](v T, _ error) T { return v }

func mustEncode(t *testing.T, o *model.Org) []byte {
	t.Helper()
	b, err := storage.Encode(o)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Undoing back to the saved plan leaves nothing to recover: the journal
// goes, and quitting does not leave one either.
func TestJournalGoesWhenThePlanIsAsSaved(t *testing.T) {
	t.Parallel()
	_, path, m := openTenantCopy(t)
	press(m, "a")
	typeText(m, "Undone group")
	runWaiting(m, press(m, "enter"), 5*time.Second)
	rp := storage.RecoveryPath(path, m.session)
	if _, err := os.Stat(rp); err != nil {
		t.Fatal("no journal after an edit")
	}
	runWaiting(m, press(m, "u"), 5*time.Second)
	if _, err := os.Stat(rp); !os.IsNotExist(err) {
		t.Fatal("the journal outlived the undo back to the saved plan")
	}
	press(m, "a")
	typeText(m, "Another")
	runWaiting(m, press(m, "enter"), 5*time.Second)
	press(m, "u")
	// Quit at once, the undo's journal write not yet made.
	runWaiting(m, press(m, "q"), 5*time.Second)
	if _, err := os.Stat(rp); !os.IsNotExist(err) {
		t.Fatal("quitting with the plan as saved left a journal")
	}
}
