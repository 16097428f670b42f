package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
	mt "github.com/orgplan/orgplan/model/modeltest"
	"github.com/orgplan/orgplan/storage"
)

// mergedPlan is the 1902 example merged with two edited copies: two
// holders for one post (p15), a unit renamed two ways (u5) and a unit
// deleted on theirs and renamed on ours (u26).
func mergedPlan(t *testing.T) *model.Org {
	t.Helper()
	base := exampleOrg(t, examples.Default)
	edit := func(edits ...mt.Edit) *model.Org {
		o := base.Clone()
		if err := mt.Apply(o, edits...); err != nil {
			t.Fatal(err)
		}
		return o
	}
	o, cs, err := model.Merge(base,
		edit(mt.Holder("p15", "m36"), mt.Rename("u5", "North"), mt.Rename("u26", "Passports")),
		edit(mt.Holder("p15", "m40"), mt.Rename("u5", "South"), mt.Op(model.DeleteUnit{ID: "u26"})))
	if err != nil || len(cs) != 3 {
		t.Fatalf("merge: %v, %d conflicts", err, len(cs))
	}
	return o
}

func openMerged(t *testing.T, w, h int) *Model {
	t.Helper()
	m := New(Options{Org: mergedPlan(t), Title: "merged.json"})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// conflictIndex is the place of the conflict on a record in the plan.
func conflictIndex(m *Model, id string) int {
	for i, c := range m.org.Conflicts {
		if c.Key.ID == id {
			return i
		}
	}
	return -1
}

// selectConflict puts the Conflicts tab's cursor on the conflict's row.
func selectConflict(t *testing.T, m *Model, id string) {
	t.Helper()
	i := conflictIndex(m, id)
	if i < 0 {
		t.Fatalf("no conflict on %s", id)
	}
	m.side.cursor[tabConflicts] = 2 * i
}

// TestAPlanWithConflictsOpensOnThem: the tab is in the border, on show,
// with one row per conflict saying where and what; a plan without any
// has no such tab.
func TestAPlanWithConflictsOpensOnThem(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		m := openMerged(t, size[0], size[1])
		s := screen(m)
		top := strings.Split(s, "\n")[1]
		if m.side.tab != tabConflicts || m.focus != focusSide || !strings.Contains(top, "Conflicts") && !strings.Contains(top, "Merge") {
			t.Fatalf("%v: opened on tab %d, focus %d:\n%s", size, m.side.tab, m.focus, s)
		}
		for _, want := range []string{"3 merge conflicts", "holder", "both sides changed the name", "theirs deleted this unit"} {
			if !strings.Contains(s, want) {
				t.Errorf("%v: %q not on screen:\n%s", size, want, s)
			}
		}
	}
	plain := newModel(t, 80, 24)
	if top := strings.Split(screen(plain), "\n")[1]; strings.Contains(top, "Merge") || strings.Contains(top, "Conflicts") {
		t.Fatalf("a plan with no conflicts shows the tab: %q", top)
	}
}

// TestTakingAVersionInTheEditor: enter asks, t takes theirs, the
// conflict leaves the list and the checks, u puts both back.
func TestTakingAVersionInTheEditor(t *testing.T) {
	t.Parallel()
	m := openMerged(t, 80, 24)
	errs := m.checkErrs
	selectConflict(t, m, "p15")
	press(m, "enter")
	s := screen(m)
	for _, want := range []string{"Conflict", "ours", "theirs", "base", "take theirs"} {
		if !strings.Contains(s, want) {
			t.Fatalf("%q not in the dialog:\n%s", want, s)
		}
	}
	press(m, "t")
	if h := m.org.Post("p15").Holder; h != "m40" || len(m.org.Conflicts) != 2 || conflictIndex(m, "p15") >= 0 {
		t.Fatalf("after t: holder %q, %d conflicts", h, len(m.org.Conflicts))
	}
	if m.checkErrs != errs-1 {
		t.Fatalf("checks count %d errors, want %d", m.checkErrs, errs-1)
	}
	if !strings.Contains(m.status, "took theirs") || !strings.Contains(m.status, "2 conflicts left") {
		t.Fatalf("status %q", m.status)
	}
	press(m, "u")
	if h := m.org.Post("p15").Holder; h != "m36" || len(m.org.Conflicts) != 3 {
		t.Fatalf("after undo: holder %q, %d conflicts", h, len(m.org.Conflicts))
	}
	if !strings.Contains(screen(m), "3 merge conflicts") {
		t.Fatalf("the tab was not rebuilt on undo:\n%s", screen(m))
	}
}

// TestResolvingEveryConflictGivesAPlanCheckAccepts: the task end to
// end: decide each, save, load the file, check it.
func TestResolvingEveryConflictGivesAPlanCheckAccepts(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "merged.json")
	if err := storage.Save(path, mergedPlan(t)); err != nil {
		t.Fatal(err)
	}
	m := openFile(t, path)
	for _, d := range [][2]string{{"p15", "b"}, {"u5", "t"}, {"u26", "o"}} {
		selectConflict(t, m, d[0])
		press(m, "enter", d[1])
	}
	if len(m.org.Conflicts) != 0 || !strings.Contains(m.status, "every conflict decided") {
		t.Fatalf("%d left, status %q", len(m.org.Conflicts), m.status)
	}
	if s := screen(m); !strings.Contains(s, sideTabs[tabConflicts].empty[:20]) {
		t.Fatalf("the empty tab does not say so:\n%s", s)
	}
	run(m, press(m, "ctrl+s"))
	o, err := storage.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range model.CheckPlan(o, time.Now()) {
		if f.Check == "merge-conflict" {
			t.Fatalf("check still reports %s", f.Message)
		}
	}
	if o.Post("p15").Holder != "" || o.Unit("u5").Name != "South" || o.Unit("u26") == nil || o.Unit("u26").Name != "Passports" {
		t.Fatalf("the versions taken are not in the file")
	}
}

// TestConflictsTabByClickAndGoTo: a click on the tab shows it, a click
// on a selected row asks, g goes to the post.
func TestConflictsTabByClickAndGoTo(t *testing.T) {
	t.Parallel()
	m := openMerged(t, 120, 40)
	press(m, "1")
	clickTab(m, tabConflicts)
	if m.side.tab != tabConflicts {
		t.Fatalf("the click showed tab %d", m.side.tab)
	}
	selectConflict(t, m, "p15")
	press(m, "enter", "g")
	if m.focus != focusPosts || m.tree.selected().ID != m.org.Post("p15").Unit().ID {
		t.Fatalf("g did not go to the post: focus %d", m.focus)
	}
	if len(m.org.Conflicts) != 3 {
		t.Fatal("going to it decided the conflict")
	}
}

// TestHostileConflictText: a conflict's path comes from the file, so it
// is drawn escaped.
func TestHostileConflictText(t *testing.T) {
	t.Parallel()
	o := mergedPlan(t)
	o.Conflicts[0].Path = "evil\x1b]52;c;ZXZpbA==\x07\x1b[2J"
	m := New(Options{Org: o})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	for _, keys := range [][]string{nil, {"enter"}} {
		press(m, keys...)
		if v := m.View().Content; strings.Contains(v, "\x1b]52") || strings.Contains(v, "\x1b[2J") {
			t.Fatalf("after %v the conflict's path reached the terminal raw", keys)
		}
	}
}

func TestGoldenConflicts(t *testing.T) {
	for _, sz := range sizes[:2] {
		t.Run(sz.name, func(t *testing.T) {
			m := openMerged(t, sz.w, sz.h)
			selectConflict(t, m, "p15")
			press(m, "enter")
			golden.RequireEqual(t, []byte(screen(m)))
		})
	}
}

// TestConflictDialogFitsTheSmallestScreen: every answer's key can be
// read at the smallest size the editor draws.
func TestConflictDialogFitsTheSmallestScreen(t *testing.T) {
	t.Parallel()
	m := openMerged(t, 60, 15)
	press(m, "enter")
	s := screen(m)
	for _, want := range []string{"o take ours", "t take theirs", "b take base", "g go to it", "esc decide later"} {
		if !strings.Contains(s, want) {
			t.Fatalf("%q cut off:\n%s", want, s)
		}
	}
	for i, l := range strings.Split(s, "\n") {
		if ansiWidth(l) > 60 {
			t.Fatalf("line %d is %d wide", i, ansiWidth(l))
		}
	}
}
