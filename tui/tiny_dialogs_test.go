package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestNewDialogsFitTheSmallestScreen: the palette, the catalogues, move
// to and the starter question, at 60x15, draw inside the screen.
func TestNewDialogsFitTheSmallestScreen(t *testing.T) {
	t.Parallel()
	for _, keys := range [][]string{{"ctrl+k"}, {"F"}, {"M"}, {"F", "enter"}} {
		m := newModel(t, 60, 15)
		selectUnit(t, m, "Printing group")
		pressRun(m, keys...)
		s := screen(m)
		lines := strings.Split(s, "\n")
		if len(lines) > 15 {
			t.Errorf("%v: %d lines", keys, len(lines))
		}
		for i, l := range lines {
			if ansiWidth(l) > 60 {
				t.Errorf("%v: line %d is %d wide:\n%s", keys, i, ansiWidth(l), s)
			}
		}
	}
	m := newEmpty(t)
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 15})
	s := screen(m)
	if !strings.Contains(s, "esc none") {
		t.Errorf("the starter question is cut at 60x15:\n%s", s)
	}
}
