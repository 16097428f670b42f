package storage

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
)

func TestSaveCreatesOwnerOnlyFilesAndLeavesNoTemporaries(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.json")
	o := model.New("Tenants")
	if err := Save(path, o); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("new file mode %v, want 0600", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries after a save, want just the file", len(entries))
	}
	back, err := Load(path)
	if err != nil || back.Name != "Tenants" {
		t.Fatalf("reload: %v", err)
	}
}

func TestSaveKeepsAnExistingFilesMode(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := Save(path, model.New("x")); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", fi.Mode().Perm())
	}
}

func TestSaveThroughASymlinkKeepsTheLink(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := filepath.Join(dir, "real.json")
	link := filepath.Join(dir, "link.json")
	if err := os.WriteFile(target, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := Save(link, model.New("linked")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if o, err := Load(target); err != nil || o.Name != "linked" {
		t.Errorf("the target was not written: %v", err)
	}
}

func TestSaveIsDeterministic(t *testing.T) {
	t.Parallel()
	data, _ := examples.Get(examples.Default)
	o, err := Decode("x", data)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := Encode(o)
	b, _ := Encode(o)
	if !bytes.Equal(a, b) || !bytes.HasSuffix(a, []byte("}\n")) || !bytes.Contains(a, []byte("\n  \"name\"")) {
		t.Fatal("encoding is not stable, or not 2-space indented with a trailing newline")
	}
}

func TestSaveToAMissingFolderFailsCleanly(t *testing.T) {
	t.Parallel()
	err := Save(filepath.Join(t.TempDir(), "no", "such", "plan.json"), model.New("x"))
	if err == nil {
		t.Fatal("saved into a folder that does not exist")
	}
}
