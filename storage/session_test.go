package storage

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgplan/orgplan/model"
)

// TestEachSessionHasItsOwnCopy: a running session's copy is never offered
// to another, nor removed by it; a copy left by an ended session is.
func TestEachSessionHasItsOwnCopy(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.json")
	if err := Save(plan, model.New("saved")); err != nil {
		t.Fatal(err)
	}
	live, ended := SessionID(), EndedSession()
	if _, err := SaveRecovery(plan, live, Snapshot(model.New("this editor's")), nil); err != nil {
		t.Fatal(err)
	}
	if _, ok := FindRecovery(plan, nil); ok {
		t.Fatal("a running editor's copy was offered")
	}
	if _, err := SaveRecovery(plan, ended, Snapshot(model.New("a crashed editor's")), nil); err != nil {
		t.Fatal(err)
	}
	rec, ok := FindRecovery(plan, nil)
	if !ok || rec.Plan.Name != "a crashed editor's" || rec.From != RecoveryPath(plan, ended) {
		t.Fatalf("offered %v", rec)
	}
	if err := RemoveRecovery(plan, ended); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(RecoveryPath(plan, live)); err != nil {
		t.Fatal("one session's save removed another's copy")
	}
	if n := len(RecoveryCopies(plan)); n != 1 {
		t.Fatalf("%d copies", n)
	}
}

// TestTheLockSaysWhoHasThePlan: a second lock is refused with the first's
// holder; release frees it; a lock left by a dead process is taken over;
// a symbolic link in its place is never followed.
func TestTheLockSaysWhoHasThePlan(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.json")
	release, holder, err := Lock(plan)
	if err != nil || holder != nil || release == nil {
		t.Fatalf("first lock: %v %v", holder, err)
	}
	_, holder, err = Lock(plan)
	if err != nil || holder == nil || holder.PID != os.Getpid() || !strings.Contains(holder.String(), "pid ") {
		t.Fatalf("second lock: %+v %v", holder, err)
	}
	release()
	if _, err := os.Lstat(LockPath(plan)); !os.IsNotExist(err) {
		t.Fatal("release left the lock")
	}
	stale := `{"session":"` + EndedSession() + `","host":"h","pid":0,"started":"2026-01-01T00:00:00Z"}`
	if err := os.WriteFile(LockPath(plan), []byte(stale), 0o600); err != nil {
		t.Fatal(err)
	}
	release, holder, err = Lock(plan)
	if err != nil || holder != nil {
		t.Fatalf("a stale lock was not taken over: %v %v", holder, err)
	}
	release()
	target := filepath.Join(dir, "elsewhere")
	if err := os.Symlink(target, LockPath(plan)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Lock(plan); err == nil {
		t.Fatal("a lock was taken through a symbolic link")
	}
	if _, err := os.Lstat(target); !os.IsNotExist(err) {
		t.Fatal("the link's target was created")
	}
}

// TestAZombieIsNoLiveSession: a process that ended but was not reaped
// (nothing reaps orphans in some containers) still takes signals; its
// lock must not hold the plan.
func TestAZombieIsNoLiveSession(t *testing.T) {
	t.Parallel()
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		t.Skip("cannot start a process")
	}
	pid := cmd.Process.Pid
	// Not waited for: it is a zombie once it has ended.
	deadline := time.Now().Add(5 * time.Second)
	for !zombie(pid) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc")
	}
	if processAlive(pid) {
		t.Fatal("a zombie counts as alive")
	}
	cmd.Wait()
}
