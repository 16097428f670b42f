package tui

import (
	"fmt"
	"strings"
	"testing"
)

// TestMoveToBetweenDistantBranches: M, a few letters of the target, enter,
// then s (as a sub-unit) or a (after it); undo and redo; the unit's own
// subtree is never offered.
func TestMoveToBetweenDistantBranches(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	u := selectUnit(t, m, "Rolling mill shop circle") // under Putilov works
	press(m, "M")
	p, ok := m.topDialog().(*picker)
	if !ok {
		t.Fatalf("M opened no picker:\n%s", screen(m))
	}
	for _, it := range p.items {
		if it.id == u.ID {
			t.Fatal("the unit itself is offered as where to move it")
		}
	}
	typeText(m, "Women workers")
	press(m, "enter")
	if !strings.Contains(screen(m), "as a sub-unit") {
		t.Fatalf("no question where:\n%s", screen(m))
	}
	press(m, "s")
	if u.Parent() == nil || u.Parent().Name != "Women workers' circle" {
		t.Fatalf("moved under %v", u.Parent())
	}
	if !strings.Contains(m.status, "moved «Rolling mill shop circle» from «Putilov works subcommittee» under «Women workers' circle»") {
		t.Fatalf("status %q", m.status)
	}
	press(m, "u")
	if u.Parent().Name != "Putilov works subcommittee" || m.org.IndexOf(u) != 0 {
		t.Fatalf("undo put it under %s at %d", u.Parent().Name, m.org.IndexOf(u))
	}
	press(m, "ctrl+r")
	if u.Parent().Name != "Women workers' circle" {
		t.Fatal("redo did not move it again")
	}
	// After a unit: among that unit's siblings, right behind it.
	selectUnit(t, m, "Rolling mill shop circle")
	press(m, "M")
	typeText(m, "Nevsky district")
	press(m, "enter", "a")
	nevsky := selectUnit(t, m, "Nevsky district group")
	if u.Parent() != nevsky.Parent() || m.org.IndexOf(u) != m.org.IndexOf(nevsky)+1 {
		t.Fatalf("not right after the Nevsky group: under %v at %d", u.Parent(), m.org.IndexOf(u))
	}
	// A unit with sub-units: none of them is offered.
	putilov := selectUnit(t, m, "Putilov works subcommittee")
	press(m, "M")
	p = m.topDialog().(*picker)
	for _, it := range p.items {
		if it.id == putilov.ID || strings.Contains(it.label, "Locomotive shop circle") {
			t.Fatalf("its own subtree is offered: %s", it.label)
		}
	}
}

// TestYCopiesWhatIsSelected: y sends the unit's path, the post's path or
// the member's alias to the clipboard (OSC 52), escaped, never a real
// name.
func TestYCopiesWhatIsSelected(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	selectUnit(t, m, "Printing group")
	copied := func() string {
		cmd := press(m, "y")
		if cmd == nil {
			t.Fatal("y sent nothing")
		}
		return fmt.Sprint(cmd())
	}
	if got := copied(); !strings.Contains(got, "St. Petersburg Committee / Printing group") {
		t.Fatalf("the unit's path: %q", got)
	}
	m.focus = focusPosts
	if got := copied(); !strings.Contains(got, "Printing group › Printer") {
		t.Fatalf("the post's path: %q", got)
	}
	m.showMember("m19")
	m.showTab(tabMember)
	m.focus = focusSide
	got := copied()
	if !strings.Contains(got, "Kolya") || strings.Contains(got, m.org.Member("m19").Name) && m.org.Member("m19").Name != "" {
		t.Fatalf("the alias: %q", got)
	}
}
