package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestTmuxSearchForNothingThenNext: the real binary, the search that
// found nothing, then n and N: a message, no crash.
func TestTmuxSearchForNothingThenNext(t *testing.T) {
	t.Parallel()
	tm := newTerm(t, 80, 24, t.TempDir())
	tm.waitFor("Organization")
	tm.keys("/")
	tm.typeText("zzzz")
	tm.keys("Enter")
	tm.waitFor(`no match for "zzzz"`)
	tm.keys("n")
	tm.waitFor(`no match for "zzzz" · / searches again`)
	tm.keys("N", "j")
	scr := tm.waitFor("Organization")
	if strings.Contains(scr, "panic") || strings.Contains(scr, "runtime error") {
		t.Fatalf("crashed:\n%s", scr)
	}
	tm.keys("q")
	tm.waitExit()
}

// TestTmuxClickATab clicks the Checks tab with an SGR mouse press and
// release, as a terminal sends them: the tab shows its findings, not
// "No findings.".
func TestTmuxClickATab(t *testing.T) {
	t.Parallel()
	tm := newTerm(t, 120, 40, t.TempDir())
	scr := tm.waitFor("4 Checks")
	top := strings.Split(scr, "\n")[1]
	col := strings.Index(top, "4 Checks")
	if col < 0 {
		t.Fatalf("no Checks tab in %q", top)
	}
	x := len([]rune(top[:col])) + 2 // 1-based, on the label
	tm.typeText(fmt.Sprintf("\x1b[<0;%d;2M\x1b[<0;%d;2m", x, x))
	scr = tm.waitFor("inactive-holder")
	if strings.Contains(scr, "No findings.") {
		t.Fatalf("the clicked tab contradicts the title:\n%s", scr)
	}
	tm.keys("q")
	tm.waitExit()
}
