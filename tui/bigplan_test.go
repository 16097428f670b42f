package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model/synth"
)

// On a big plan, an edit returns at once and the panel and checks follow
// a moment later; they must then match the plan.
func TestBigPlanRefreshesPanelsAfterTheEdit(t *testing.T) {
	t.Parallel()
	o := synth.Generate(synth.Options{Units: bigPlan + 10, Seed: 2})
	m := New(Options{Org: o, Path: "big.json"})
	run(m, m.Init())
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.side.setTab(tabVacancies)
	m.Update(checksDueMsg{version: o.Version()})
	m.Update(panelsDueMsg{version: o.Version()})
	hasFinding := func(post, check string) bool {
		for _, f := range m.findings {
			if f.Post == post && f.Check == check {
				return true
			}
		}
		return false
	}

	p := o.Units[0].Posts[0]
	op, err := o.SetHolder(p.ID, "")
	if err != nil {
		op, _ = o.SetHolder(p.ID, o.Members[0].ID)
	}
	if !m.apply(op, "") {
		t.Fatal("edit refused")
	}
	_, cmd := m.Update(keyMsg("j")) // the next Update schedules the rest
	// The vacancy list follows within the keystroke, edit by edit.
	if m.side.stale[tabVacancies] {
		t.Fatal("the vacancies wait for the refresh")
	}
	if got, want := rowsText(tabRows(m, tabVacancies)), rowsText(m.vacancyRows()); got != want {
		t.Fatal("the vacancies updated per edit differ from a fresh list")
	}
	// Labor, rebuilt whole, waits.
	if !m.side.stale[tabLabor] {
		t.Fatal("the labor tab was rebuilt inside the keystroke")
	}
	if cmd == nil {
		t.Fatal("no refresh scheduled")
	}
	m.side.setTab(tabLabor)
	m.Update(panelsDueMsg{version: o.Version()})
	m.Update(checksDueMsg{version: o.Version()})
	if m.side.stale[tabLabor] || rowsText(m.side.rows[tabLabor]) != rowsText(m.laborRows()) {
		t.Fatal("the refresh did not rebuild the labor tab")
	}
	if hasFinding(p.ID, "vacant-post") != (p.Holder == "") {
		t.Fatal("the checks do not follow the edit")
	}
	// A refresh for an older version does nothing.
	m.side.stale[tabLabor] = true
	m.Update(panelsDueMsg{version: o.Version() - 1})
	if !m.side.stale[tabLabor] {
		t.Fatal("a stale refresh message rebuilt the panel")
	}
}
