package storage

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/orgplan/orgplan/model"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root")
	}
}

func TestOutputToADeviceWritesInPlaceAndKeepsTheDevice(t *testing.T) {
	needRoot(t)
	t.Parallel()
	dev := filepath.Join(t.TempDir(), "null")
	// The same device as /dev/null: char 1,3.
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, int(1<<8|3)); err != nil {
		t.Skip("mknod:", err)
	}
	for _, replace := range []bool{false, true} {
		if err := WriteTo(dev, WriteOptions{Target: Output, Replace: replace}, writeString("plan")); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Lstat(dev)
		if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("after a write the device is %v (%v), want a character device", fi.Mode(), err)
		}
	}
	// The plan's own file and side files are never a device.
	for _, tg := range []Target{Plan, Side} {
		if err := WriteTo(dev, WriteOptions{Target: tg, Replace: true}, writeString("x")); err == nil ||
			!strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("target %d wrote to a device: %v", tg, err)
		}
	}
}

func TestOutputToAFIFOWritesIntoIt(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	if err := WriteTo(fifo, WriteOptions{Target: Output}, writeString("through the pipe")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("the reader got %q", s)
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO became %v", fi.Mode())
	}
}

func TestOutputRefusesAnExistingFileUnlessReplace(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "out.md")
	if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteTo(path, WriteOptions{Target: Output}, writeString("new"))
	var ee *ExistsError
	if !errors.As(err, &ee) {
		t.Fatalf("got %v, want an ExistsError", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "mine" {
		t.Fatalf("a refused write changed the file: %q", b)
	}
	if err := WriteTo(path, WriteOptions{Target: Output, Replace: true}, writeString("new")); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new" || fi.Mode().Perm() != 0o644 {
		t.Errorf("after replace: %q, mode %v (want the old 0644)", b, fi.Mode().Perm())
	}
}

func TestOutputDashIsStandardOutput(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := WriteTo("-", WriteOptions{Target: Output, Stdout: &out}, writeString("to stdout")); err != nil {
		t.Fatal(err)
	}
	if out.String() != "to stdout" {
		t.Errorf("stdout got %q", out.String())
	}
}

func TestSideFilesRefusePlantedLinksAndLeaveTheirTargets(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.json")
	if err := Save(plan, model.New("secret plan")); err != nil {
		t.Fatal(err)
	}
	// Someone else's file, readable by them, planted as the recovery copy
	// and as an export.
	theirs := filepath.Join(dir, "attacker-owned")
	if err := os.WriteFile(theirs, []byte("bait"), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, side := range []string{RecoveryPath(plan, EndedSession()), filepath.Join(dir, "plan.md")} {
		if err := os.Symlink(theirs, side); err != nil {
			t.Fatal(err)
		}
		err := WriteTo(side, WriteOptions{Target: Side, Replace: true}, writeString("the plan's secrets"))
		if err == nil || !strings.Contains(err.Error(), "symbolic link") || !strings.Contains(err.Error(), filepath.Base(side)) {
			t.Errorf("%s: wrote through a planted link: %v", side, err)
		}
	}
	// A planted copy is never offered as the user's own unsaved work.
	if _, ok := FindRecovery(plan, nil); ok {
		t.Error("a planted recovery link was offered")
	}
	// The recovery copy goes to the cache folder instead, never through
	// the link.
	at, err := SaveRecovery(plan, EndedSession(), Snapshot(model.New("unsaved")), nil)
	if cache, _ := CacheRecoveryPath(plan, EndedSession()); err != nil || at != cache {
		t.Errorf("recovery copy at %q (%v), want the cache %q", at, err, cache)
	}
	if b, _ := os.ReadFile(theirs); string(b) != "bait" {
		t.Errorf("the link's target was written: %q", b)
	}
	if rec, ok := FindRecovery(plan, nil); !ok || rec.Plan.Name != "unsaved" {
		t.Error("the copy in the cache is not found")
	}
	if err := RemoveRecovery(plan, EndedSession()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(at); err == nil {
		t.Error("the cached copy outlived RemoveRecovery")
	}
	if _, err := os.Lstat(RecoveryPath(plan, EndedSession())); err != nil {
		t.Error("RemoveRecovery removed the planted link, which is not ours")
	}
}

func TestSideFilesRefuseAnotherUsersFile(t *testing.T) {
	needRoot(t)
	t.Parallel()
	dir := t.TempDir()
	side := filepath.Join(dir, "plan.md")
	if err := os.WriteFile(side, []byte("theirs"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(side, 4242, 4242); err != nil {
		t.Skip(err)
	}
	err := WriteTo(side, WriteOptions{Target: Side, Replace: true}, writeString("mine"))
	if err == nil || !strings.Contains(err.Error(), "another user") {
		t.Errorf("wrote over another user's file: %v", err)
	}
}

func TestSaveKeepsOwnerAndGroup(t *testing.T) {
	needRoot(t)
	t.Parallel()
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := Save(path, model.New("group plan")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 4242, 4343); err != nil {
		t.Skip(err)
	}
	if err := os.Chmod(path, 0o660); err != nil {
		t.Fatal(err)
	}
	if err := Save(path, model.New("saved by root")); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != 4242 || st.Gid != 4343 || fi.Mode().Perm() != 0o660 {
		t.Errorf("after a save: uid %d gid %d mode %v, want 4242 4343 0660", st.Uid, st.Gid, fi.Mode().Perm())
	}
}

func TestSweepTempsOnOpenKeepsFreshOnes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.json")
	stale, fresh := filepath.Join(dir, ".plan.json123"), filepath.Join(dir, ".plan.json456")
	other := filepath.Join(dir, ".plan.jsonx1")
	for _, p := range []string{stale, fresh, other} {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(stale, old, old)
	os.Chtimes(other, old, old)
	SweepTemps(path)
	for p, want := range map[string]bool{stale: false, fresh: true, other: true} {
		if _, err := os.Lstat(p); (err == nil) != want {
			t.Errorf("%s: present %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}

func TestReadRefusesSpecialFilesAtOnce(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "plan.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	for _, path := range []string{fifo, "/dev/zero", "/dev/urandom", t.TempDir()} {
		done := make(chan error, 1)
		go func() { _, err := ReadInput(path, nil); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "orgplan reads regular files") {
				t.Errorf("%s: %v", path, err)
			}
		case <-time.After(time.Second):
			t.Fatalf("%s: still reading after a second", path)
		}
	}
}

func TestReadRefusesAFileOverTheLimitBeforeReadingIt(t *testing.T) {
	defer func(n int64) { MaxInput = n }(MaxInput)
	MaxInput = 1000
	path := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(path, bytes.Repeat([]byte(" "), 1001), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadInput(path, nil); err == nil || !strings.Contains(err.Error(), MaxInputEnv) {
		t.Errorf("file over the limit: %v", err)
	}
	if _, err := ReadInput(Stdin, bytes.NewReader(make([]byte, 1001))); err == nil || !strings.Contains(err.Error(), "standard input is larger") {
		t.Errorf("stdin over the limit: %v", err)
	}
	if b, err := ReadInput(Stdin, strings.NewReader("{}")); err != nil || string(b) != "{}" {
		t.Errorf("stdin: %q %v", b, err)
	}
}
