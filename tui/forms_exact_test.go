package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
)

// Text the widgets would change: tabs, a control character, spaces at
// the ends, more than their old limits, more lines than a text area holds.
var (
	awkwardLine = "\tlead " + strings.Repeat("long name ", 70) + "\x1b[31m trail  "
	awkwardText = " " + strings.Repeat("a line\twith a tab\n", 150) + strings.Repeat("x", 5000) + "\r\n "
)

func awkwardModel(t *testing.T) *Model {
	t.Helper()
	d := &storage.FileDoc{Format: storage.FormatVersion, Name: "plan",
		Members: []storage.FileMember{{ID: "m1", Alias: awkwardLine, Name: awkwardLine, Background: awkwardLine,
			Skills: []string{"print, bind", awkwardLine}, Notes: awkwardText}},
		Units: []storage.FileUnit{{ID: "u1", Name: awkwardLine, Purpose: awkwardText, Notes: awkwardText,
			Posts: []storage.FilePost{{ID: "p1", Title: awkwardLine, Holder: "m1", Notes: awkwardText}}}}}
	o, err := storage.FromSnapshot(d)
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Org: o, Title: "plan.json"})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return m
}

// acceptForm presses enter until the form closes.
func acceptForm(t *testing.T, m *Model) {
	t.Helper()
	for i := 0; i < 30 && isOpen[*form](m); i++ {
		pressRun(m, "enter")
	}
	if isOpen[*form](m) {
		t.Fatalf("the form did not close:\n%s", screen(m))
	}
}

func TestFormsAcceptedUnchangedKeepEveryFieldExactly(t *testing.T) {
	t.Parallel()
	m := awkwardModel(t)
	u := m.org.Unit("u1")

	pressRun(m, "e", "enter", "enter", "enter")
	if !isOpen[*form](m) || !strings.Contains(screen(m), "shown in part") {
		t.Fatalf("the details form does not say it shows the text in part:\n%s", screen(m))
	}
	acceptForm(t, m)
	if u.Purpose != awkwardText || u.Notes != awkwardText {
		t.Errorf("details: purpose %d bytes, notes %d bytes, want %d exactly", len(u.Purpose), len(u.Notes), len(awkwardText))
	}

	pressRun(m, "r", "enter")
	if u.Name != awkwardLine {
		t.Errorf("rename accepted unchanged: %q", u.Name)
	}

	pressRun(m, "tab", "e")
	acceptForm(t, m)
	if p := u.Posts[0]; p.Title != awkwardLine || p.Notes != awkwardText {
		t.Errorf("post: title %q, notes %d bytes", p.Title, len(p.Notes))
	}

	pressRun(m, "esc", "m", "e")
	acceptForm(t, m)
	mem := m.org.Member("m1")
	want := model.Member{ID: "m1", Alias: awkwardLine, Name: awkwardLine, Background: awkwardLine,
		Skills: []string{"print, bind", awkwardLine}, Notes: awkwardText}
	if mem.Alias != want.Alias || mem.Name != want.Name || mem.Background != want.Background ||
		mem.Notes != want.Notes || strings.Join(mem.Skills, "|") != strings.Join(want.Skills, "|") {
		t.Errorf("member changed: %+v", *mem)
	}
}

func TestAnEditedFieldTakesWhatWasTyped(t *testing.T) {
	t.Parallel()
	m := awkwardModel(t)
	u := m.org.Unit("u1")
	pressRun(m, "r", "ctrl+u")
	typeText(m, "  Printing group  ")
	pressRun(m, "enter")
	if u.Name != "Printing group" {
		t.Errorf("renamed to %q", u.Name)
	}
}
