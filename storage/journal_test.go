package storage

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
)

// kthOp is the k-th edit of the journal tests: a top-level unit "k<k>".
// A plan holding k1…kj in order, and no other, is the plan after the
// first j edits.
func kthOp(k int) []byte {
	b, err := model.MarshalOp(model.AddUnit{Parent: "", Index: -1, Unit: &model.Unit{ID: "k" + strconv.Itoa(k), Name: fmt.Sprintf("Edit «%d» \x1b[31m", k)}})
	if err != nil {
		panic(err)
	}
	return b
}

// editsIn says how many of the edits a plan holds, or fails when it is not
// the plan after some prefix of them.
func editsIn(o *model.Org) (int, error) {
	j := 0
	for _, u := range o.Units {
		if strings.HasPrefix(u.ID, "k") {
			j++
			if u.ID != "k"+strconv.Itoa(j) {
				return 0, fmt.Errorf("unit %s where k%d belongs", u.ID, j)
			}
		}
	}
	return j, nil
}

// recovered is the plan a recovery gives: the copy's plan or the file,
// with the copy's edits applied.
func recovered(t *testing.T, path string, key *Key) *model.Org {
	t.Helper()
	rec, ok := FindRecovery(path, key)
	o := (*model.Org)(nil)
	if ok && rec.Plan != nil {
		o = rec.Plan
	} else {
		var err error
		if o, err = LoadKeyed(path, key); err != nil {
			t.Fatal(err)
		}
	}
	if ok {
		for i, op := range rec.Ops {
			if _, err := o.Apply(op); err != nil {
				t.Fatalf("edit %d of the journal: %v", i+1, err)
			}
		}
	}
	return o
}

func journalFixture(t *testing.T, name string, key *Key) (string, *FileBase) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	data, _ := examples.Get("tenant-association")
	o, err := Decode("x", data)
	if err != nil {
		t.Fatal(err)
	}
	if err := SaveKeyed(path, Snapshot(o), key); err != nil {
		t.Fatal(err)
	}
	base, _, err := HashFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, &base
}

func TestJournalReplaysItsEdits(t *testing.T) {
	for _, c := range []struct {
		name string
		key  *Key
	}{{"plan.json", nil}, {"plan.age", &Key{Passphrase: "s3cret"}}} {
		t.Run(c.name, func(t *testing.T) {
			path, base := journalFixture(t, c.name, c.key)
			session := EndedSession()
			j, where, err := CreateJournal(path, session, base, 0, c.key, nil)
			if err != nil || where != RecoveryPath(path, session) {
				t.Fatal(where, err)
			}
			for k := 1; k <= 5; k++ {
				if err := j.Append(JournalEntry{Seq: uint64(k), Op: kthOp(k)}); err != nil {
					t.Fatal(err)
				}
			}
			j.Close()
			if n, err := editsIn(recovered(t, path, c.key)); err != nil || n != 5 {
				t.Fatalf("recovered %d edits: %v", n, err)
			}
			raw, _ := os.ReadFile(where)
			if c.key != nil && (bytes.Contains(raw, []byte("«"))) {
				t.Fatal("the journal of an encrypted plan holds plaintext")
			}
			// Every cut of the last line gives the first four edits; a cut
			// of the line before, three.
			lines := bytes.SplitAfter(raw, []byte("\n"))
			end := len(raw) - len(lines[len(lines)-2]) - len(lines[len(lines)-1])
			for cut := end - 3; cut < len(raw)-1; cut += 7 {
				if err := os.WriteFile(where, raw[:cut], 0o600); err != nil {
					t.Fatal(err)
				}
				want := 4
				if cut < end {
					want = 3
				}
				if n, err := editsIn(recovered(t, path, c.key)); err != nil || n != want {
					t.Fatalf("cut at %d of %d: %d edits (%v), want %d", cut, len(raw), n, err, want)
				}
			}
		})
	}
}

func TestJournalIsIgnoredOnceTheFileChanged(t *testing.T) {
	path, base := journalFixture(t, "plan.json", nil)
	j, _, err := CreateJournal(path, EndedSession(), base, 0, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Append(JournalEntry{Seq: 1, Op: kthOp(1)}); err != nil {
		t.Fatal(err)
	}
	j.Close()
	if _, ok := FindRecovery(path, nil); !ok {
		t.Fatal("not offered")
	}
	// Someone else saves the plan: the edits were made to another file.
	o, _ := Load(path)
	o.Name += " (theirs)"
	if err := Save(path, o); err != nil {
		t.Fatal(err)
	}
	if rec, ok := FindRecovery(path, nil); ok {
		t.Fatalf("edits to another state of the file offered: %+v", rec)
	}
}

func TestRebaseKeepsTheEditsAfterTheSave(t *testing.T) {
	path, base := journalFixture(t, "plan.json", nil)
	j, _, err := CreateJournal(path, EndedSession(), base, 0, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	o, _ := Load(path)
	for k := 1; k <= 6; k++ {
		if err := j.Append(JournalEntry{Seq: uint64(k), Op: kthOp(k)}); err != nil {
			t.Fatal(err)
		}
		if k <= 4 {
			op, _ := model.UnmarshalOp(kthOp(k))
			o.Apply(op)
		}
	}
	// The save took the plan after edit 4; 5 and 6 came meanwhile.
	if err := Save(path, o); err != nil {
		t.Fatal(err)
	}
	nb, _, err := HashFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if gone, err := j.Rebase(nb, 4); gone || err != nil {
		t.Fatal(gone, err)
	}
	rec, ok := FindRecovery(path, nil)
	if !ok || len(rec.Ops) != 2 {
		t.Fatalf("offered %+v", rec)
	}
	if n, err := editsIn(recovered(t, path, nil)); n != 6 || err != nil {
		t.Fatal(n, err)
	}
	if gone, err := j.Rebase(nb, 6); !gone || err != nil {
		t.Fatal(gone, err)
	}
	if _, err := os.Lstat(j.Path()); err == nil {
		t.Fatal("a journal with nothing unsaved is kept")
	}
}

// journalChild makes edits for ever, each appended to a journal, and
// every seventh saves the plan and compacts the journal, as the editor
// does, until killed.
func journalChild(path string) {
	o, err := Load(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "journal child:", err)
		os.Exit(3)
	}
	base, _, err := HashFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "journal child:", err)
		os.Exit(3)
	}
	j, _, err := CreateJournal(path, SessionID(), &base, 0, nil, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "journal child:", err)
		os.Exit(3)
	}
	for k := 1; ; k++ {
		op := kthOp(k)
		if err := j.Append(JournalEntry{Seq: uint64(k), Op: op}); err != nil {
			fmt.Fprintln(os.Stderr, "journal child:", err)
			os.Exit(3)
		}
		x, _ := model.UnmarshalOp(op)
		if _, err := o.Apply(x); err != nil {
			fmt.Fprintln(os.Stderr, "journal child:", err)
			os.Exit(3)
		}
		if k%7 == 0 {
			if err := Save(path, o); err != nil {
				fmt.Fprintln(os.Stderr, "journal child:", err)
				os.Exit(3)
			}
			if base, _, err = HashFile(path); err != nil {
				fmt.Fprintln(os.Stderr, "journal child:", err)
				os.Exit(3)
			}
			if _, err := j.Rebase(base, uint64(k)); err != nil {
				fmt.Fprintln(os.Stderr, "journal child:", err)
				os.Exit(3)
			}
		}
		// The parent kills by edits made, not by wall-clock time, so a
		// slow machine still has its saves crossed.
		fmt.Println(k)
	}
}

// TestKilledJournalRecoversAPrefix kills a process that journals edits
// and compacts its journal on saves, at random moments: after each kill
// the plan recovered (the file, with the journal's edits when it is of
// this file) is the plan after some prefix of the edits, never a torn
// state, and never fewer edits than the file holds.
func TestKilledJournalRecoversAPrefix(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	most := 0
	for i := 0; i < 60; i++ {
		path, _ := journalFixture(t, "plan.json", nil)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "ORGPLAN_JOURNAL_CHILD="+path)
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill somewhere after a random number of edits (crossing up to
		// four saves), at a random moment within the next ones.
		target, lines := 1+r.IntN(30), bufio.NewScanner(out)
		for n := 0; n < target && lines.Scan(); n++ {
		}
		time.Sleep(time.Duration(r.IntN(3000)) * time.Microsecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		if cmd.ProcessState.ExitCode() == 3 {
			t.Fatalf("kill %d: the child failed before it was killed", i)
		}
		file, err := Load(path)
		if err != nil {
			t.Fatalf("kill %d: the plan: %v", i, err)
		}
		saved, err := editsIn(file)
		if err != nil {
			t.Fatalf("kill %d: the file: %v", i, err)
		}
		n, err := editsIn(recovered(t, path, nil))
		if err != nil {
			t.Fatalf("kill %d: recovered a torn state: %v", i, err)
		}
		if n < saved {
			t.Fatalf("kill %d: recovered %d edits, the file holds %d", i, n, saved)
		}
		most = max(most, n)
	}
	if most < 8 {
		t.Fatalf("at most %d edits before a kill: no save was crossed", most)
	}
}
