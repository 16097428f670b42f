package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/storagetest"
)

// These tests drive the real binary in tmux, as a person would: keys in,
// the screen read back.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	sockets   atomic.Int64
)

func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := storagetest.Dir("orgplan-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "orgplan")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("%v: %s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// term is one tmux session on its own server socket.
type term struct {
	t      *testing.T
	socket string
}

func newTerm(t *testing.T, w, h int, dir string, args ...string) *term {
	t.Helper()
	return newTermEnv(t, w, h, dir, nil, args...)
}

// newTermEnv runs the binary with extra environment variables.
func newTermEnv(t *testing.T, w, h int, dir string, env []string, args ...string) *term {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is missing; .ci/run installs it")
		}
		t.Skip("tmux not installed")
	}
	bin := binary(t)
	// The socket sits beside the binary, in the run's folder, which is
	// removed at its end: tmux leaves a socket behind when killed.
	tm := &term{t: t, socket: filepath.Join(filepath.Dir(bin), fmt.Sprint("tmux-", sockets.Add(1)))}
	cmd := append([]string{bin}, args...)
	// One shell command line; remain-on-exit keeps what a failed start printed.
	// remain-on-exit is set before the session starts: a command that
	// ends at once still leaves its screen to read.
	tm.tmux("-f", "/dev/null", "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
		"new-session", "-d", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "-c", dir,
		"TERM=xterm-256color HOME="+dir+" "+strings.Join(env, " ")+" "+strings.Join(quoteAll(cmd), " "))
	t.Cleanup(func() { exec.Command("tmux", "-S", tm.socket, "kill-server").Run() })
	return tm
}

func quoteAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return out
}

func (tm *term) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

// keys sends tmux key names ("Enter", "C-s", "j").
func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		tm.tmux("send-keys", "-t", "0", k)
		time.Sleep(30 * time.Millisecond)
	}
}

// typeText sends literal text.
func (tm *term) typeText(s string) {
	tm.t.Helper()
	tm.tmux("send-keys", "-t", "0", "-l", s)
	time.Sleep(30 * time.Millisecond)
}

func (tm *term) screen() string { return tm.tmux("capture-pane", "-t", "0", "-p", "-J", "-S", "-50") }

// waitFor polls the screen until it shows s.
func (tm *term) waitFor(s string) string {
	tm.t.Helper()
	deadline := time.Now().Add(20 * time.Second) // generous: CI runs under -race on 2 cores
	for {
		scr := tm.screen()
		if strings.Contains(scr, s) {
			return scr
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the screen never showed %q:\n%s", s, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// focused is the title of the form field with the focus ("" if none):
// huh draws the focused field with a thick bar.
func (tm *term) focused() string {
	for _, line := range strings.Split(tm.screen(), "\n") {
		if _, after, ok := strings.Cut(line, "┃ "); ok {
			return strings.TrimSpace(strings.Split(after, "│")[0])
		}
	}
	return ""
}

// focusField presses Enter, one at a time, until the field titled title
// has the focus: each Enter waits for the focus to move, since a key sent
// while it moves lands in the field it leaves.
func (tm *term) focusField(title string) {
	tm.t.Helper()
	for range 20 {
		now := tm.focused()
		if strings.HasPrefix(now, title) {
			return
		}
		tm.keys("Enter")
		// A screen caught while it is drawn may show no focus at all:
		// only another field's title counts as the focus having moved.
		deadline := time.Now().Add(10 * time.Second)
		for f := tm.focused(); (f == now || f == "") && time.Now().Before(deadline); f = tm.focused() {
			time.Sleep(20 * time.Millisecond)
		}
	}
	tm.t.Fatalf("the field %q never had the focus:\n%s", title, tm.screen())
}

// enterThrough presses Enter field by field, as focusField does, until
// the form titled title has closed.
func (tm *term) enterThrough(title string) {
	tm.t.Helper()
	for range 30 {
		if !strings.Contains(tm.screen(), title) {
			return
		}
		now := tm.focused()
		tm.keys("Enter")
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			scr := tm.screen()
			if !strings.Contains(scr, title) {
				return
			}
			if f := tm.focused(); f != now && f != "" {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	tm.t.Fatalf("the form %q never closed:\n%s", title, tm.screen())
}

// waitExit waits for the program to end (the pane's command is gone).
func (tm *term) waitExit() {
	tm.t.Helper()
	deadline := time.Now().Add(30 * time.Second) // a big plan's export takes seconds under load
	for time.Now().Before(deadline) {
		out, err := exec.Command("tmux", "-S", tm.socket, "list-panes", "-t", "0", "-F", "#{pane_dead} #{pane_current_command}").CombinedOutput()
		if err != nil || strings.HasPrefix(string(out), "1") || !strings.Contains(string(out), "orgplan") {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("the editor did not exit:\n%s", tm.screen())
}

// saveQuit saves with ctrl+s, quits and waits for the editor to end.
func (tm *term) saveQuit(file string) {
	tm.t.Helper()
	tm.keys("C-s")
	tm.waitFor("saved " + file)
	tm.keys("q")
	tm.waitExit()
}

// waitForCopy waits for a recovery copy of the plan, of any session: the
// editor writes it in the background.
func waitForCopy(t *testing.T, plan string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if cs := storage.RecoveryCopies(plan); len(cs) > 0 {
			return cs[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no recovery copy of %s was written", plan)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// reload loads a plan file, failing the test if it does not load.
func reload(t *testing.T, path string) *model.Org {
	t.Helper()
	o, err := storage.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// exampleFile copies a bundled example to plan.json in a fresh folder.
func exampleFile(t *testing.T, name string) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "plan.json")
	if code, _, errs := orgplan(t, "new", "--example", name, path); code != 0 {
		t.Fatal(errs)
	}
	return dir, path
}

func findUnit(o *model.Org, name string) *model.Unit {
	var found *model.Unit
	o.Walk(func(u *model.Unit) bool {
		if u.Name == name && (found == nil || u.Parent() != nil && u.Parent().Name == "Executive group") {
			found = u
		}
		return true
	})
	return found
}

func TestTmuxAddSaveQuitReopen(t *testing.T) {
	t.Parallel()
	dir, path := exampleFile(t, "st-petersburg-1902")
	tm := newTerm(t, 80, 24, dir, path)
	tm.waitFor("Organization")
	// Cursor on the Central Organ; down twice to the committee, l to its
	// first child, the executive group.
	tm.keys("j", "j", "l")
	tm.waitFor("Posts: Executive group")
	tm.keys("a")
	tm.waitFor("New unit under")
	tm.typeText("Printing group")
	tm.keys("Enter")
	tm.waitFor("added «Printing group»")
	tm.saveQuit("plan.json")
	o := reload(t, path)
	u := findUnit(o, "Printing group")
	if u == nil || u.Parent() == nil || u.Parent().Name != "Executive group" {
		t.Fatalf("no Printing group under the executive group after reopening")
	}

	// Undo works: add, u, save — the unit is gone.
	tm = newTerm(t, 80, 24, dir, path)
	tm.waitFor("Organization")
	tm.keys("a")
	tm.typeText("Temporary group")
	tm.keys("Enter")
	tm.waitFor("added «Temporary group»")
	tm.keys("u")
	tm.waitFor("undid: add unit «Temporary group»")
	// Back where it was opened: the save leaves the file alone.
	tm.keys("C-s")
	tm.waitFor("no changes to save; plan.json left as it is")
	tm.keys("q")
	tm.waitExit()
	o = reload(t, path)
	if findUnit(o, "Temporary group") != nil || findUnit(o, "Printing group") == nil {
		t.Fatal("after add, undo and save the file is not as before the add")
	}
}

func TestTmuxSizesAndBadFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := newTerm(t, 50, 12, dir)
	tm.waitFor("Terminal too small: 50x12")
	tm.tmux("resize-window", "-t", "0", "-x", "120", "-y", "40")
	scr := tm.waitFor("5 What-if")
	if !strings.Contains(scr, "St. Petersburg Committee (1902 plan)") {
		t.Fatalf("120x40 screen:\n%s", scr)
	}
	tm.tmux("resize-window", "-t", "0", "-x", "60", "-y", "15")
	tm.waitFor("Organization")
	tm.keys("q")
	tm.waitExit()

	// A file that fails to load: one error line, the terminal left clean.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"format":"orgplan/1","name":"x","units":[{"id":"u1","name":"a","colour":1}]}`), 0o600)
	tm = newTerm(t, 80, 24, dir, bad)
	scr = tm.waitFor("unknown field")
	if !strings.Contains(scr, "bad.json:1:") || strings.Contains(scr, "Organization") {
		t.Fatalf("bad file screen:\n%s", scr)
	}
}

func TestTmuxStaffAPostWithThePickers(t *testing.T) {
	t.Parallel()
	dir, path := exampleFile(t, "st-petersburg-1902")
	tm := newTerm(t, 100, 30, dir, path)
	tm.waitFor("Organization")
	tm.keys("j", "j", "l", "Tab", "j", "2") // the executive group's vacant treasurer; Vacancies tab
	tm.waitFor("7 vacant")
	tm.keys("h")
	tm.waitFor("Holder of «Treasurer»")
	tm.typeText("osip")
	tm.keys("Enter")
	tm.waitFor("make «Osip» holder of «Treasurer»")
	tm.waitFor("6 vacant") // the Vacancies tab follows the change
	tm.keys("c")
	tm.waitFor("Candidate for «Treasurer»")
	tm.typeText("ira")
	tm.keys("Enter")
	tm.waitFor("add «Ira» as candidate for «Treasurer»")
	tm.saveQuit("plan.json")
	o := reload(t, path)
	p := o.Post("p15")
	if p.Title != "Treasurer" || p.Holder != "m36" || len(p.Candidates) != 1 || p.Candidates[0] != "m3" {
		t.Fatalf("treasurer after the pickers: holder %q candidates %v", p.Holder, p.Candidates)
	}
}

func TestTmuxKilledEditorOffersRecovery(t *testing.T) {
	t.Parallel()
	dir, path := exampleFile(t, "tenant-association")
	tm := newTerm(t, 80, 24, dir, path)
	tm.waitFor("Organization")
	tm.keys("a")
	tm.typeText("Night patrol")
	tm.keys("Enter")
	tm.waitFor("added «Night patrol»")
	// The journal is written as the change is made.
	waitForCopy(t, path)
	// Kill it as a crash would: no chance to clean up.
	out, _ := exec.Command("tmux", "-S", tm.socket, "list-panes", "-t", "0", "-F", "#{pane_pid}").Output()
	pid := strings.TrimSpace(string(out))
	exec.Command("pkill", "-KILL", "-P", pid).Run()
	exec.Command("kill", "-KILL", pid).Run()
	tm.waitExit()

	tm = newTerm(t, 80, 24, dir, path)
	tm.waitFor("Unsaved changes to plan.json")
	tm.keys("r")
	tm.waitFor("restored the unsaved changes")
	tm.saveQuit("plan.json")
	o := reload(t, path)
	if findUnit(o, "Night patrol") == nil {
		t.Fatal("the restored edit is not in the saved file")
	}
	if cs := storage.RecoveryCopies(path); len(cs) > 0 {
		t.Fatalf("recovery copies outlived the restore and save: %v", cs)
	}
}

// TestTmuxTwoEditorsOfOneFile: the second editor is told who has the
// plan; read-only refuses edits; opened anyway, it keeps its own recovery
// copy; the first editor's copy is never deleted by it nor offered to it.
func TestTmuxTwoEditorsOfOneFile(t *testing.T) {
	t.Parallel()
	dir, path := exampleFile(t, "tenant-association")
	first := newTerm(t, 80, 24, dir, path)
	first.waitFor("Organization")
	first.keys("a")
	first.typeText("First's group")
	first.keys("Enter")
	first.waitFor("added «First's group»")
	firstCopy := waitForCopy(t, path)

	second := newTerm(t, 80, 24, dir, path)
	second.waitFor("is open in another orgplan")
	if strings.Contains(second.screen(), "Unsaved changes") {
		t.Fatal("the first editor's copy was offered to the second")
	}
	second.keys("r")
	second.waitFor("read-only")
	second.keys("a") // refused at once: no prompt asks for a name it could not keep
	second.waitFor("read-only: pid")
	second.keys("q")
	second.waitExit()

	second = newTerm(t, 80, 24, dir, path)
	second.waitFor("is open in another orgplan")
	second.keys("o")
	second.waitFor("opened anyway")
	second.keys("a")
	second.typeText("Second's group")
	second.keys("Enter")
	second.waitFor("added «Second's group»")
	deadline := time.Now().Add(10 * time.Second)
	for len(storage.RecoveryCopies(path)) < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("the second editor kept no copy of its own: %v", storage.RecoveryCopies(path))
		}
		time.Sleep(100 * time.Millisecond)
	}
	// It quits discarding its work: its own copy goes, the first's stays.
	second.keys("q")
	second.waitFor("before quitting?")
	second.keys("d")
	second.waitExit()
	if cs := storage.RecoveryCopies(path); len(cs) != 1 || cs[0] != firstCopy {
		t.Fatalf("copies after the second quit: %v, want only %s", cs, firstCopy)
	}
	first.saveQuit("plan.json")
	if o := reload(t, path); findUnit(o, "First's group") == nil || findUnit(o, "Second's group") != nil {
		t.Fatal("the saved plan is not the first editor's")
	}
	if _, err := os.Lstat(storage.LockPath(path)); !os.IsNotExist(err) {
		t.Fatal("the lock outlived the editor")
	}
}
