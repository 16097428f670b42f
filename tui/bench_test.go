package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkCursorMoveExample is one keystroke's Update and View on the 1902
// example at 120x40: the cursor goes down, then back up.
func BenchmarkCursorMoveExample(b *testing.B) {
	m := newModel(b, 120, 40)
	down, up := keyMsg("j"), keyMsg("k")
	i := 0
	for b.Loop() {
		k := down
		if i%20 >= 10 {
			k = up
		}
		i++
		m.Update(k)
		_ = m.View()
	}
}

// BenchmarkCollapseExample folds and unfolds the committee.
func BenchmarkCollapseExample(b *testing.B) {
	m := newModel(b, 120, 40)
	m.Update(keyMsg("j"))
	m.Update(keyMsg("j"))
	sp := tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	for b.Loop() {
		m.Update(sp)
		_ = m.View()
	}
}
