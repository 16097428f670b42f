package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/model/synth"
	"github.com/orgplan/orgplan/storage"
)

// bigPlanFile writes a 100,000-unit plan (155 MB) once per test run.
func bigPlanFile(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "big.json")
	if err := storage.Save(path, synth.Generate(synth.Options{Units: 100_000, Seed: 1})); err != nil {
		t.Fatal(err)
	}
	return path
}

var openingLine = regexp.MustCompile(`(reading|decoding|building units|indexing) +\S+ +\d+%`)

// Opening a big plan in a terminal shows at once what it is doing, with
// a bar and counts, then the editor, which answers keys while the first
// checks and the Vacancies list are still being made; q while it opens
// stops it, with one line and the file untouched.
func TestTmuxBigPlanShowsProgressThenAnswersKeys(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 155 MB plan")
	}
	path := bigPlanFile(t)
	dir := filepath.Dir(path)
	tm := newTerm(t, 120, 40, dir, "big.json")
	scr := tm.waitFor("Opening big.json")
	if !openingLine.MatchString(scr) {
		t.Fatalf("no stage, bar and percentage:\n%s", scr)
	}
	tm.waitFor("Synthetic federation of 100000 units")
	if scr := tm.tmux("capture-pane", "-t", "0", "-p"); strings.Contains(scr, "Opening big.json") {
		t.Fatalf("the progress line stayed on the editor's screen:\n%s", scr)
	}
	tm.keys("2")
	tm.waitFor("vacant ·")
	tm.keys("q")
	tm.waitExit()
	if scr := tm.tmux("capture-pane", "-t", "0", "-p"); strings.Contains(scr, "Opening big.json") {
		t.Fatalf("the progress line was left on the terminal:\n%s", scr)
	}

	before := readFile(t, path)
	tm = newTerm(t, 120, 40, dir, "big.json")
	tm.waitFor("Opening big.json")
	tm.keys("q")
	tm.waitExit()
	if scr := tm.screen(); !strings.Contains(scr, "opening canceled") {
		t.Fatalf("stopping the opening says nothing:\n%s", scr)
	}
	if scr := tm.tmux("capture-pane", "-t", "0", "-p"); strings.Contains(scr, "Opening big.json") {
		t.Fatalf("stopping the opening left the progress line on the screen:\n%s", scr)
	}
	if readFile(t, path) != before {
		t.Fatal("stopping the opening changed the file")
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A command that loads a big plan says on stderr, in a terminal, how far
// the load has come once it takes over a second (here at once), and
// clears the line when it is done.
func TestTmuxBigPlanCommandShowsLoading(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 155 MB plan")
	}
	path := bigPlanFile(t)
	// Shown at once: the load of this plan may take less than a second.
	tm := newTermEnv(t, 120, 20, filepath.Dir(path), []string{"ORGPLAN_PROGRESS_AFTER=0s"}, "export", "--format", "csv", "-o", "out.csv", "big.json")
	scr := tm.waitFor("big.json: ")
	if !regexp.MustCompile(`big\.json: (reading|decoding|building units|indexing) +\d+%`).MatchString(scr) {
		t.Fatalf("no loading line:\n%s", scr)
	}
	tm.waitExit()
	if scr := tm.tmux("capture-pane", "-t", "0", "-p"); strings.Contains(scr, "%") {
		t.Fatalf("the loading line stayed:\n%s", scr)
	}
	if fi, err := os.Stat(filepath.Join(filepath.Dir(path), "out.csv")); err != nil || fi.Size() == 0 {
		t.Fatalf("no export: %v", err)
	}
}
