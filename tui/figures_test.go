package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
)

// Figures in the side panel's columns are never cut to fit: a damage of
// six digits, a headcount of nine and a candidate's place of four show
// whole, at 80 columns as at 120.
func TestFiguresShowWhole(t *testing.T) {
	t.Parallel()
	for _, width := range []int{80, 120} {
		o := exampleOrg(t, examples.Default)
		o.Units[0].Headcount = 123456789
		m := New(Options{Org: o, Title: examples.FileName(examples.Default)})
		m.Update(tea.WindowSizeMsg{Width: width, Height: 40})

		rs := model.Risks(o)
		rs[0].Damage = model.Damage{Vacated: 3, CutOff: 123456, Lost: 100000}
		m.whatif.risks, m.whatif.risksAt, m.whatif.risksOK = rs, o.Version(), true
		m.showTab(tabWhatIf)
		if scr := screen(m); !strings.Contains(scr, "223459 "+o.MemberLabel(rs[0].Member)) {
			t.Fatalf("at %d columns the damage 223459 is not whole:\n%s", width, scr)
		}

		// Marked on a wide screen, then narrowed: the summary is packed anew.
		m.Update(tea.WindowSizeMsg{Width: 200, Height: 40})
		m.whatif.marked = model.UnitHolders(o, o.Units[2].Units[0].ID)
		m.simulate()
		m.Update(tea.WindowSizeMsg{Width: width, Height: 40})
		w, _ := m.simulation()
		for _, part := range []string{fmt.Sprintf("%d left vacant", len(w.Vacated)), fmt.Sprintf("%d cut off (%d lost)", len(w.CutOff), w.Damage().Lost),
			fmt.Sprintf("cover %d/%d", w.Cover.Filled, w.Cover.Held)} {
			if scr := screen(m); !strings.Contains(scr, part) {
				t.Fatalf("at %d columns the summary does not show %q whole:\n%s", width, part, scr)
			}
		}
		m.whatif.marked = nil
		m.simulate()

		m.showTab(tabCoverage)
		if scr := screen(m); !strings.Contains(scr, "/123456789 ") {
			t.Fatalf("at %d columns the headcount is not whole:\n%s", width, scr)
		}

		holder := o.Units[0].Posts[0].Holder
		p := o.Units[1].Posts[0]
		var line []string
		for i := range 1200 {
			id := fmt.Sprintf("extra%d", i)
			if _, err := o.Apply(model.AddMember{Index: len(o.Members), Member: model.Member{ID: id, Alias: id}}); err != nil {
				t.Fatal(err)
			}
			line = append(line, id)
		}
		if _, err := o.Apply(model.SetPeople{Post: p.ID, Holder: p.Holder, Candidates: append(line, holder)}); err != nil {
			t.Fatal(err)
		}
		m.showMember(holder)
		m.showTab(tabMember)
		if scr := screen(m); !strings.Contains(scr, "#1201 ") {
			t.Fatalf("at %d columns the place #1201 is not whole:\n%s", width, scr)
		}
	}
}
