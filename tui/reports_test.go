package tui

import (
	"slices"
	"strings"
	"testing"
)

// TestReportsToIsChosenByName: the details form lists the units to report
// to by path, filtered by typing; the unit itself and those under it are
// not offered.
func TestReportsToIsChosenByName(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	u := selectUnit(t, m, "Putilov works subcommittee")
	pressRun(m, "e")
	pressRun(m, "enter", "enter", "enter") // kind, secrecy, affiliation
	pressRun(m, "enter", "enter")          // purpose, notes
	pressRun(m, "enter", "enter")          // report every, last report
	s := screen(m)
	if !strings.Contains(s, "Also reports to") || strings.Contains(s, "unit ids") {
		t.Fatalf("no list of units:\n%s", s)
	}
	pressRun(m, "/")
	typeText(m, "Narva district")
	pressRun(m, "enter", "space", "enter")
	if strings.Contains(screen(m), "Putilov works subcommittee / Rolling mill") {
		t.Fatal("a unit under it is offered")
	}
	pressRun(m, "enter") // contacts deposited, as it was
	pressRun(m, "enter") // headcount
	pressRun(m, "enter") // liaison
	if isOpen[*form](m) {
		pressRun(m, "enter")
	}
	if !slices.Contains(u.ReportsTo, "u9") {
		t.Fatalf("reports to %v, want the Narva district group (u9)\n%s", u.ReportsTo, screen(m))
	}
}
