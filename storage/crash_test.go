package storage

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage/storagetest"
)

// crashChild saves two plans in turn, for ever, until killed.
func crashChild(path string) {
	var plans [][]byte
	for _, n := range []string{"st-petersburg-1902", "tenant-association"} {
		b, _ := examples.Get(n)
		plans = append(plans, b)
	}
	for i := 0; ; i++ {
		data := plans[i%2]
		if err := WriteTo(path, WriteOptions{Target: Plan}, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			os.Exit(3)
		}
	}
}

func TestMain(m *testing.M) {
	if p := os.Getenv("ORGPLAN_CRASH_CHILD"); p != "" {
		crashChild(p)
	}
	if p := os.Getenv("ORGPLAN_JOURNAL_CHILD"); p != "" {
		journalChild(p)
	}
	if p := os.Getenv("ORGPLAN_LOAD_CHILD"); p != "" {
		loadChild(p)
	}
	storagetest.Main(m)
}

// TestKilledSavesNeverTearTheFile kills a process that saves in a loop, at
// random moments, 200 times: after each kill the file is whole, one plan
// or the other, and loads.
func TestKilledSavesNeverTearTheFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.json")
	a, _ := examples.Get("st-petersburg-1902")
	b, _ := examples.Get("tenant-association")
	if err := os.WriteFile(path, a, 0o600); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	kills := 0
	for i := 0; i < 200; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "ORGPLAN_CRASH_CHILD="+path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(5+r.IntN(25)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err == nil {
			kills++
		}
		cmd.Wait()
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
		if !bytes.Equal(got, a) && !bytes.Equal(got, b) {
			t.Fatalf("kill %d: the file is torn (%d bytes)", i, len(got))
		}
		if _, err := Load(path); err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
	}
	if kills < 190 {
		t.Fatalf("only %d kills landed", kills)
	}
	// Temporary files of killed saves are swept by the next clean save,
	// once they have been left alone for a while (a save in progress by
	// another editor is not).
	entries, _ := os.ReadDir(dir)
	old := time.Now().Add(-2 * tempAge)
	for _, e := range entries {
		if e.Name() != "plan.json" {
			os.Chtimes(filepath.Join(dir, e.Name()), old, old)
		}
	}
	if err := Save(path, model.New("swept")); err != nil {
		t.Fatal(err)
	}
	entries, _ = os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "plan.json" && strings.HasPrefix(e.Name(), ".plan.json") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
