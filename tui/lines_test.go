package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
)

// TestArrestingALiaisonShowsTheFactoriesCutOff: the task of the issue,
// in the editor: mark Pavel (who carries the lines of three factories)
// as taken; the What-if tab names each factory, recoverable or lost.
func TestArrestingALiaisonShowsTheFactoriesCutOff(t *testing.T) {
	t.Parallel()
	m := newModel(t, 140, 50)
	selectUnit(t, m, "Nevsky district group")
	press(m, "5")
	m.focus = focusSide
	marked := false
	for i := range m.side.rowCount(tabWhatIf) {
		if r := m.side.rowAt(tabWhatIf, i); r.whatifMember == "m13" {
			m.side.cursor[tabWhatIf] = i
			press(m, "space")
			marked = true
			break
		}
	}
	if !marked {
		t.Fatalf("Pavel is not on the What-if tab:\n%s", screen(m))
	}
	s := screen(m)
	for _, want := range []string{"4 cut off (1 lost)", "lost        St. Petersburg Committee / Obukhov works subcommittee",
		"recoverable St. Petersburg Committee / Maxwell mill subcommittee"} {
		if !strings.Contains(s, want) {
			t.Errorf("%q not on screen:\n%s", want, s)
		}
	}
}

// TestLinesShowWhereTheyAreCarried: the posts pane names the unit's
// liaison; the Member tab says which lines the member carries.
func TestLinesShowWhereTheyAreCarried(t *testing.T) {
	t.Parallel()
	m := newModel(t, 140, 40)
	selectUnit(t, m, "Obukhov works subcommittee")
	if s := screen(m); !strings.Contains(s, "Posts: Obukhov works subcommittee · line: Pavel") {
		t.Fatalf("the posts pane does not name the liaison:\n%s", s)
	}
	m.showMember("m13")
	m.showTab(tabMember)
	s := screen(m)
	for _, want := range []string{"Carries the line (4)", "carries the line of «Obukhov works subcommittee» to «St. Petersburg Committee»"} {
		if !strings.Contains(s, want) {
			t.Errorf("%q not on the Member tab:\n%s", want, s)
		}
	}
}

// TestCoverageTabOfTheUnion: the union example shows the Coverage tab,
// its worst-covered shift first; the 1902 example, with no headcounts,
// has no such tab.
func TestCoverageTabOfTheUnion(t *testing.T) {
	t.Parallel()
	m := New(Options{Org: exampleOrg(t, "union-organizing-committee")})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if !m.tabShown(tabCoverage) {
		t.Fatal("no Coverage tab")
	}
	press(m, "6")
	first := m.side.rowAt(tabCoverage, 0)
	if u := m.org.Unit(first.unit); u == nil || u.Name != "Inbound — weekend shift" {
		t.Fatalf("first row %+v, want the weekend shift of inbound", first)
	}
	s := screen(m)
	for _, want := range []string{"0/35", "needs 4", "Inbound — weekend shift"} {
		if !strings.Contains(s, want) {
			t.Errorf("%q not on screen:\n%s", want, s)
		}
	}
	m.focus = focusSide
	press(m, "enter")
	if m.tree.selected().ID != first.unit {
		t.Fatal("enter did not go to the unit")
	}
	m = newModel(t, 120, 40)
	if m.tabShown(tabCoverage) {
		t.Fatal("the 1902 example has no headcounts, yet shows the tab")
	}
	// The tab comes with the first headcount and goes with the last.
	u := m.org.Units[0]
	d := u.Details()
	d.Headcount = 40
	if !m.apply(model.SetDetails{ID: u.ID, Details: d}, "") || !m.tabShown(tabCoverage) {
		t.Fatal("a headcount set, and no Coverage tab")
	}
	d.Headcount = 0
	if !m.apply(model.SetDetails{ID: u.ID, Details: d}, "") || m.tabShown(tabCoverage) {
		t.Fatal("the last headcount gone, and the tab stays")
	}
}

// TestAViewOpensReadOnly: a need-to-know view is part of a plan: the
// editor says whose it is and refuses edits.
func TestAViewOpensReadOnly(t *testing.T) {
	t.Parallel()
	o := exampleOrg(t, "st-petersburg-1902")
	v, err := model.View(o, "m19", model.ViewOptions{Depth: -1})
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Org: v})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if s := screen(m); !strings.Contains(s, "View for Kolya") || !strings.Contains(s, "read-only: the view for Kolya") {
		t.Fatalf("no banner:\n%s", s)
	}
	before := m.org.UnitCount()
	press(m, "a")
	if m.mode == modePrompt || !strings.Contains(m.status, "read-only") {
		t.Fatal("a asks for a name that could not be kept")
	}
	typeText(m, "New unit")
	press(m, "enter")
	if m.org.UnitCount() != before {
		t.Fatal("an edit went into the view")
	}
}
