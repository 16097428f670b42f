package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
)

// newEmpty opens the editor on a new, empty plan, as orgplan NEWFILE does.
func newEmpty(t *testing.T) *Model {
	t.Helper()
	m := New(Options{Org: model.New("New organization"), Path: t.TempDir() + "/plan.json", New: true})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return m
}

// TestBuildAnOrganizationFromNothing: from an empty plan, with keys only,
// a function, a kind that requires it, a unit of the kind and a post of
// the function: the Labor tab names the function, the check for the
// required function is satisfied.
func TestBuildAnOrganizationFromNothing(t *testing.T) {
	t.Parallel()
	m := newEmpty(t)
	if !strings.Contains(screen(m), "Start with the catalogue") {
		t.Fatalf("a new plan is not offered a starter catalogue:\n%s", screen(m))
	}
	pressRun(m, "esc")        // start from nothing
	pressRun(m, "F", "enter") // new function…
	typeText(m, "Steward")
	pressRun(m, "enter", "enter")
	if len(m.org.Functions) != 1 || m.org.Functions[0].Name != "Steward" {
		t.Fatalf("no function made: %s", m.status)
	}
	pressRun(m, "F", "down", "enter") // new kind…
	typeText(m, "Shop")
	pressRun(m, "enter", "enter", "enter", "enter") // name, description, secrecy, affiliation
	pressRun(m, "enter", "enter", "enter")          // max posts, reports, coverage
	pressRun(m, "space", "enter", "enter")          // requires: Steward; allows: any
	if len(m.org.Kinds) != 1 || len(m.org.Kinds[0].RequiredFunctions) != 1 {
		t.Fatalf("no kind made, or it requires nothing: %s\n%s", m.status, screen(m))
	}
	pressRun(m, "a")
	typeText(m, "Loading dock")
	pressRun(m, "enter")
	u := selectUnit(t, m, "Loading dock")
	pressRun(m, "e", "right", "enter") // kind: Shop
	for isOpen[*form](m) {
		pressRun(m, "enter")
	}
	if u.Kind != m.org.Kinds[0].ID {
		t.Fatalf("the unit's kind is %q", u.Kind)
	}
	has := func(check string) bool {
		for _, f := range model.CheckPlan(m.org, m.checkDay()) {
			if f.Check == check {
				return true
			}
		}
		return false
	}
	if !has("required-function") {
		t.Fatal("a shop with no steward post is not flagged")
	}
	m.focus = focusPosts
	pressRun(m, "a")
	typeText(m, "Dock steward")
	pressRun(m, "enter", "right", "enter", "enter") // title, function: Steward, notes
	if len(u.Posts) != 1 || u.Posts[0].Function != m.org.Functions[0].ID {
		t.Fatalf("no steward post: %+v", u.Posts)
	}
	if has("required-function") {
		t.Fatal("the required function is still missing")
	}
	press(m, "1")
	if !strings.Contains(screen(m), "Steward") {
		t.Fatalf("the Labor tab does not name the function:\n%s", screen(m))
	}
}

// TestCatalogueEntriesEditAndDelete: F, an entry, e edits it, d deletes it
// (its posts lose it), u brings it back.
func TestCatalogueEntriesEditAndDelete(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	posts, _, _ := m.org.Uses("liaison")
	pressRun(m, "F")
	typeText(m, "function · Liaison")
	pressRun(m, "enter")
	if !strings.Contains(screen(m), "function, on "+count(posts, "post")) {
		t.Fatalf("the question does not say what uses it:\n%s", screen(m))
	}
	pressRun(m, "d")
	if m.org.Function("liaison") != nil || !strings.Contains(m.status, "no longer name it") {
		t.Fatalf("not deleted: %s", m.status)
	}
	pressRun(m, "u")
	if p, _, _ := m.org.Uses("liaison"); m.org.Function("liaison") == nil || p != posts {
		t.Fatal("undo did not bring it back on its posts")
	}
	pressRun(m, "F")
	typeText(m, "kind · District group")
	pressRun(m, "enter", "e")
	for range 20 {
		pressRun(m, "backspace")
	}
	typeText(m, "Ward group")
	for isOpen[*form](m) {
		pressRun(m, "enter")
	}
	if k := m.org.Kind("district-group"); k == nil || k.Name != "Ward group" || len(k.AllowedFunctions) != 2 {
		t.Fatalf("the kind: %+v", k)
	}
}
