package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTmuxBuildAnOrganizationFromNothing: a new organizer, in the real
// editor, from a file that does not exist: a function, a kind that
// requires it, a unit of that kind, a post of the function; the Labor tab
// names the function, and the saved file holds it all.
func TestTmuxBuildAnOrganizationFromNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.json")
	tm := newTerm(t, 120, 40, dir, path)
	tm.waitFor("a tenants' association")
	tm.keys("Escape")
	// An escape and a letter close together read as alt+letter: wait for
	// the question to go.
	for i := 0; strings.Contains(tm.screen(), "tenants' association") && i < 100; i++ {
		time.Sleep(50 * time.Millisecond)
	}
	tm.keys("F")
	tm.waitFor("new function…")
	tm.keys("Enter")
	tm.waitFor("New function")
	tm.typeText("Steward")
	tm.keys("Enter", "Enter")
	tm.waitFor("added the function «Steward»")
	tm.keys("F")
	tm.waitFor("new kind…")
	tm.keys("Down", "Enter")
	tm.waitFor("New kind")
	tm.typeText("Shop")
	tm.focusField("Requires a post for")
	tm.keys("Space")
	tm.waitFor("✓ Steward")
	tm.focusField("Allows only these functions")
	tm.keys("Enter")
	tm.waitFor("added the kind «Shop»")
	tm.keys("a")
	tm.waitFor("New top-level unit")
	tm.typeText("Loading dock")
	tm.keys("Enter")
	tm.waitFor("added «Loading dock»")
	tm.keys("e")
	tm.waitFor("Details of «Loading dock»")
	tm.keys("Right")
	tm.waitFor("← Shop")
	tm.enterThrough("Details of")
	tm.waitFor("details saved")
	tm.keys("Tab")
	tm.keys("a")
	tm.waitFor("New post in «Loading dock»")
	tm.typeText("Dock steward")
	tm.keys("Enter")
	tm.waitFor("┃ Function") // focus moves by a message: keys sent before it land in the title
	tm.keys("Right")
	tm.waitFor("← Steward")
	tm.enterThrough("New post in")
	tm.waitFor("added post «Dock steward»")
	tm.keys("1")
	tm.waitFor("Steward ")
	tm.saveQuit("plan.json")
	o := reload(t, path)
	u := findUnit(o, "Loading dock")
	if len(o.Functions) != 1 || len(o.Kinds) != 1 || u == nil || u.Kind != o.Kinds[0].ID || len(u.Posts) != 1 || u.Posts[0].Function != o.Functions[0].ID {
		t.Fatalf("the saved plan: %d functions, %d kinds, unit %+v", len(o.Functions), len(o.Kinds), u)
	}
}
