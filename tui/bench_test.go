package tui

import (
	"fmt"
	"runtime"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
)

var (
	benchMu   sync.Mutex
	benchOrgs = map[int]*model.Org{}
)

// synthOrg generates a plan once per size; each benchmark edits a fresh
// copy through undo, so sharing is safe within one benchmark at a time.
func synthOrg(n int) *model.Org {
	benchMu.Lock()
	defer benchMu.Unlock()
	if o, ok := benchOrgs[n]; ok {
		return o
	}
	o := synth.Generate(synth.Options{Units: n, Seed: 1})
	benchOrgs[n] = o
	return o
}

var benchSizes = synth.BenchSizes(100, 10_000, 100_000)

func openSynth(b *testing.B, n int) *Model {
	m := New(Options{Org: synthOrg(n), Path: "synth.json"})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	settle(b, m) // a big plan's first check, as the program runs it
	// The previous benchmark's model is garbage now: collect it before the
	// timer starts, or its collection is measured here.
	runtime.GC()
	return m
}

// BenchmarkOpenFirstFrame: the model built, panels computed, the first
// View drawn at 120x40 (the plan already loaded).
func BenchmarkOpenFirstFrame(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			o := synthOrg(n)
			for b.Loop() {
				m := New(Options{Org: o, Path: "synth.json"})
				m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				_ = m.View()
			}
		})
	}
}

// keystroke measures one key's Update and View, with every unit expanded
// (the worst case: 100,000 rows in the list).
func keystroke(b *testing.B, keys ...string) { keystrokeOn(b, true, keys...) }

func keystrokeOn(b *testing.B, all bool, keys ...string) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := openSynth(b, n)
			if all {
				m.tree.expandAll()
			}
			msgs := make([]tea.KeyPressMsg, len(keys))
			for i, k := range keys {
				msgs[i] = keyMsg(k)
			}
			i := 0
			for b.Loop() {
				m.Update(msgs[i%len(msgs)])
				_ = m.View()
				i++
			}
		})
	}
}

func BenchmarkCursorDown(b *testing.B) { keystroke(b, "j", "j", "j", "k", "k", "k") }

// BenchmarkCollapseAllOpen folds and unfolds the root with every unit
// expanded: unfolding lays out all the rows again.
func BenchmarkCollapseAllOpen(b *testing.B) { keystroke(b, "space") }

// BenchmarkCollapse folds and unfolds the root as a plan opens (two levels
// expanded).
func BenchmarkCollapse(b *testing.B) { keystrokeOn(b, false, "space") }

// BenchmarkRename commits a rename (the prompt already open and filled)
// and undoes it, per op: two keystrokes with a plan change each.
func BenchmarkRenameAndUndo(b *testing.B) { renameAndUndo(b, false) }

// BenchmarkRenameAndUndoAllOpen is the same with every unit unfolded: an
// edit counts the rows shown again.
func BenchmarkRenameAndUndoAllOpen(b *testing.B) { renameAndUndo(b, true) }

func renameAndUndo(b *testing.B, all bool) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := openSynth(b, n)
			if all {
				m.tree.expandAll()
			}
			m.tree.move(5)
			u := m.tree.selected()
			for b.Loop() {
				m.apply(model.RenameUnit{ID: u.ID, Name: "Renamed"}, "")
				_ = m.View()
				m.Update(keyMsg("u"))
				_ = m.View()
			}
		})
	}
}

// BenchmarkAddUnitAndUndo adds a sub-unit through the prompt's accept and
// undoes it.
func BenchmarkAddUnitAndUndo(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := openSynth(b, n)
			m.tree.move(5)
			for b.Loop() {
				m.Update(keyMsg("a"))
				typeText(m, "x")
				m.Update(keyMsg("enter"))
				_ = m.View()
				m.Update(keyMsg("u"))
				_ = m.View()
			}
		})
	}
}

// BenchmarkPanelRefresh rebuilds each side panel tab after a change.
func BenchmarkPanelRefresh(b *testing.B) {
	for _, n := range benchSizes {
		for _, tab := range []int{tabLabor, tabVacancies, tabMember, tabChecks} {
			b.Run(fmt.Sprintf("%d/%s", n, sideTabs[tab].name), func(b *testing.B) {
				m := openSynth(b, n)
				m.showTab(tab)
				for b.Loop() {
					m.side.stale[tab] = true
					m.ensure(tab)
				}
			})
		}
	}
}

// BenchmarkChecks runs every check afresh, as on opening a plan.
func BenchmarkChecks(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := openSynth(b, n)
			for b.Loop() {
				m.runChecks()
			}
		})
	}
}

// BenchmarkCursorMoveExample is one keystroke on the 1902 example.
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

// BenchmarkEditWithPanelRefresh is an edit (rename, add an empty unit,
// each undone) with the side panel's tab refreshed inside the keystroke:
// Labor and Vacancies are rebuilt only when the edit changes what they
// show, which these do not.
func BenchmarkEditWithPanelRefresh(b *testing.B) {
	for _, n := range benchSizes {
		for _, tab := range []int{tabLabor, tabVacancies, tabMember, tabChecks} {
			b.Run(fmt.Sprintf("%d/%s", n, sideTabs[tab].name), func(b *testing.B) {
				m := openSynth(b, n)
				m.showTab(tab)
				m.ensureTab()
				m.tree.move(5)
				u := m.tree.selected()
				for b.Loop() {
					m.apply(model.RenameUnit{ID: u.ID, Name: "Renamed"}, "")
					m.ensureTab()
					_ = m.View()
					m.Update(keyMsg("u"))
					m.ensureTab()
					_ = m.View()
					m.apply(model.AddUnit{Parent: u.ID, Index: -1, Unit: &model.Unit{ID: m.org.NewID('u'), Name: "New"}}, "")
					m.ensureTab()
					_ = m.View()
					m.Update(keyMsg("u"))
					m.ensureTab()
					_ = m.View()
				}
			})
		}
	}
}

// BenchmarkPeopleEdit sets a post's holder and undoes it with the Labor,
// Vacancies, Checks or Coverage tab on show: each, and the checks, are updated
// from what the edit touched, inside the keystroke.
func BenchmarkPeopleEdit(b *testing.B) {
	for _, n := range benchSizes {
		for _, tab := range []int{tabLabor, tabVacancies, tabChecks, tabCoverage} {
			b.Run(fmt.Sprintf("%d/%s", n, sideTabs[tab].name), func(b *testing.B) {
				m := openSynth(b, n)
				m.showTab(tab)
				m.ensureTab()
				p := m.org.Units[0].Posts[0]
				other := m.org.Members[len(m.org.Members)-1].ID
				for b.Loop() {
					op, err := m.org.SetHolder(p.ID, other)
					if err != nil {
						op, _ = m.org.SetHolder(p.ID, "")
					}
					m.apply(op, "")
					m.ensureTab()
					_ = m.View()
					m.Update(keyMsg("u"))
					m.ensureTab()
					_ = m.View()
				}
			})
		}
	}
}
