package tui

import (
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestTheDefaultKeysHaveNoConflict, and every action has one name.
func TestTheDefaultKeysHaveNoConflict(t *testing.T) {
	t.Parallel()
	k := DefaultKeyMap()
	if c := k.Conflicts(); len(c) > 0 {
		t.Fatalf("conflicts in the defaults: %v", c)
	}
	seen := map[string]bool{}
	for _, a := range k.Actions() {
		if seen[a.Name] {
			t.Fatalf("two actions named %s", a.Name)
		}
		seen[a.Name] = true
	}
	if !seen["tree.add_child"] || !seen["global.tabs_7"] {
		t.Fatalf("names: %v", seen)
	}
}

// TestARemapWorksInTheEditor: tree.add_child on n adds a unit with n, and
// a is free; a conflict, a bad key and an unknown action are reported.
func TestARemapWorksInTheEditor(t *testing.T) {
	t.Parallel()
	m := newModel(t, 100, 30)
	if probs := m.keys.Remap(map[string][]string{"tree.add_child": {"A"}}); len(probs) > 0 {
		t.Fatal(probs)
	}
	before := m.org.UnitCount()
	press(m, "a")
	if m.mode == modePrompt {
		t.Fatal("a still adds a unit")
	}
	press(m, "A")
	typeText(m, "Remapped group")
	press(m, "enter")
	if m.org.UnitCount() != before+1 {
		t.Fatalf("A did not add a unit: %s", m.status)
	}
	k := DefaultKeyMap()
	probs := k.Remap(map[string][]string{"tree.rename": {"a"}, "tree.delete": {"ctrl+shift"}, "tree.fly": {"f"}, "global.undo": {"j"}})
	got := strings.Join(probs, "\n")
	for _, want := range []string{`"a" is both tree.add_child and tree.rename`, `"ctrl+shift" is not a key`, `no action "tree.fly"`, `"j" is both global.undo and tree.down`} {
		if !strings.Contains(got, want) {
			t.Errorf("%q not reported in:\n%s", want, got)
		}
	}
}

// TestThemes: mono draws no color at all, only bold, faint and reverse;
// light and dark draw different colors; a fixed theme ignores what the
// terminal says of its background.
func TestThemes(t *testing.T) {
	t.Parallel()
	draw := func(theme string) string {
		m := New(Options{Org: exampleOrg(t, "st-petersburg-1902"), Config: Config{Theme: theme}})
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		m.Update(tea.BackgroundColorMsg{Color: color.White}) // a light terminal
		return m.View().Content
	}
	mono, light, dark, auto := draw("mono"), draw("light"), draw("dark"), draw("auto")
	if strings.Contains(mono, "\x1b[38") || strings.Contains(mono, "\x1b[48") || !strings.Contains(mono, "\x1b[7m") && !strings.Contains(mono, ";7m") {
		t.Fatal("mono draws colors, or no reverse video")
	}
	if light == dark {
		t.Fatal("light and dark draw the same")
	}
	if auto != light {
		t.Fatal("auto does not follow a light terminal")
	}
}

// TestASCIIDrawsNoBoxDrawing: with ascii = true the screen is plain
// ASCII but for the plan's own names.
func TestASCIIDrawsNoBoxDrawing(t *testing.T) {
	t.Parallel()
	m := New(Options{Org: exampleOrg(t, "union-organizing-committee"), Config: Config{ASCII: true}})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	for _, r := range screen(m) {
		if r >= 0x2500 && r <= 0x25ff || r == '←' {
			t.Fatalf("%q drawn in ascii mode:\n%s", r, screen(m))
		}
	}
}
