package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/orgplan/orgplan/model"
)

// hostileOrg holds names meant to break a terminal: escape sequences (CSI,
// OSC title and hyperlink), C0 and C1 controls, bidi overrides, zero-width
// characters, wide CJK and emoji, and a very long name.
func hostileOrg(t *testing.T) *model.Org {
	t.Helper()
	o := &model.Org{
		Name:    "Evil\x1b]0;pwned\x07 plan\x1b[2J",
		Members: []*model.Member{{ID: "m1", Alias: "\u202eredro\u202c Sasha\u200b"}, {ID: "m2", Alias: "Ира 🧑‍🏭"}},
		Units: []*model.Unit{{
			ID: "u1", Name: "Red \x1b[31mgroup\x1b[0m \x9b31m C1 \x07bell\x00nul",
			Posts: []*model.Post{{ID: "p1", Title: "\x1b]8;;http://evil\x07link\x1b]8;;\x07", Holder: "m1", Candidates: []string{"m2"}}},
			Units: []*model.Unit{
				{ID: "u2", Name: "印刷小组 · 中文 ｗｉｄｅ"},
				{ID: "u3", Name: strings.Repeat("Long name ", 200)},
				{ID: "u4", Name: "tab\there\nnewline\rreturn"},
			},
		}},
	}
	if p := o.Reindex(); len(p) > 0 {
		t.Fatal(p)
	}
	return o
}

func TestHostileNamesRenderSafely(t *testing.T) {
	t.Parallel()
	m := New(Options{Org: hostileOrg(t), Path: "evil.json"})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.tree.expandAll()
	raw := m.View().Content
	// Only our own styling may emit escapes: SGR (…m) sequences. No OSC,
	// no cursor movement, no clearing, no C0/C1 controls, no bidi.
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\x07", "\x00", "\x9b", "\u202e", "\u200b", "\t", "\r"} {
		if strings.Contains(raw, bad) {
			t.Errorf("the screen carries %q", bad)
		}
	}
	plain := ansi.Strip(raw)
	for i, line := range strings.Split(plain, "\n") {
		if w := ansi.StringWidth(line); w > 80 {
			t.Errorf("line %d is %d cells wide", i, w)
		}
	}
	if len(strings.Split(plain, "\n")) != 24 {
		t.Errorf("%d lines, want 24", len(strings.Split(plain, "\n")))
	}
	golden.RequireEqual(t, []byte(plain))
}

func TestTinyTerminalsAndResizeStorms(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	for _, sz := range [][2]int{{20, 5}, {1, 1}, {0, 0}, {59, 15}, {60, 14}, {60, 15}, {300, 100}, {61, 16}} {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		out := ansi.Strip(m.View().Content)
		for _, line := range strings.Split(out, "\n") {
			if ansi.StringWidth(line) > max(sz[0], 0) {
				t.Fatalf("%dx%d: a line wider than the terminal: %q", sz[0], sz[1], line)
			}
		}
		press(m, "j", "space", "tab", "?", "x")
	}
	// A storm: hundreds of sizes while keys arrive.
	for i := 0; i < 500; i++ {
		m.Update(tea.WindowSizeMsg{Width: 10 + i%150, Height: 3 + i%60})
		m.Update(keyMsg([]string{"j", "k", "space", "tab", "1", "5", "2"}[i%7]))
		_ = m.View()
	}
}

func TestPastingAHugeName(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	press(m, "a")
	m.Update(tea.PasteMsg{Content: strings.Repeat("x", 10_000) + "\n" + strings.Repeat("y", 100)})
	press(m, "enter")
	u := m.tree.selected()
	if u == nil || len(u.Name) != maxName || strings.Contains(u.Name, "\n") {
		t.Fatalf("pasted name of %d bytes", len(u.Name))
	}
	for _, line := range strings.Split(screen(m), "\n") {
		if ansi.StringWidth(line) > 80 {
			t.Fatal("the long name broke the layout")
		}
	}
}
