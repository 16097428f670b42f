package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
)

// A big plan opens before its first check; from then on each edit brings
// the checks and the tab on show up to date within the keystroke, and
// they match what a fresh computation shows.
func TestBigPlanFollowsEachEdit(t *testing.T) {
	t.Parallel()
	o := synth.Generate(synth.Options{Units: bigPlan + 10, Seed: 2})
	m := New(Options{Org: o, Path: filepath.Join(t.TempDir(), "big.json")})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if m.derived.Checks() != nil || !strings.Contains(screen(m), "checking") {
		t.Fatal("a big plan was checked before its first frame")
	}
	if m.Init() == nil {
		t.Fatal("Init does not ask for the first check")
	}
	settle(t, m)
	if m.derived.Checks() == nil || m.checkErrs+m.checkWarns == 0 {
		t.Fatal("the first check did not run")
	}
	p := o.Units[0].Posts[0]
	for _, tab := range []int{tabVacancies, tabLabor, tabChecks} {
		m.showTab(tab)
		settle(t, m) // the tab's first build is a job on a big plan
		op, err := o.SetHolder(p.ID, "")
		if err != nil || p.Holder == "" {
			op, _ = o.SetHolder(p.ID, o.Members[len(o.Members)-1].ID)
		}
		for _, step := range []string{"edit", "undo"} {
			if step == "edit" {
				if !m.apply(op, "") {
					t.Fatal("edit refused")
				}
			} else {
				m.Update(keyMsg("u"))
			}
			if m.side.stale[tab] {
				t.Fatalf("tab %d waits after the %s", tab+1, step)
			}
			var want string
			switch tab {
			case tabVacancies:
				want = rowsText(m.vacancyRows())
			case tabLabor:
				want = rowsText(m.laborRows())
			case tabChecks:
				want = rowsText(m.checkRows())
			}
			if got := rowsText(tabRows(m, tab)); got != want {
				t.Fatalf("tab %d after the %s differs from a fresh one", tab+1, step)
			}
		}
	}
}

// TestBigPlanRanksWeakPointsInTheBackground: What-if on a big plan with
// nothing marked starts the ranking in a command, shows its progress,
// answers a key meanwhile, and shows the ranking model.Risks gives when
// it arrives.
func TestBigPlanRanksWeakPointsInTheBackground(t *testing.T) {
	t.Parallel()
	o, m, cmd := bigWhatIf(t, 3)
	if cmd == nil || !m.whatif.running || !strings.Contains(screen(m), "ranking every member") {
		t.Fatalf("no ranking started:\n%s", screen(m))
	}
	press(m, "j") // a key while it runs
	runWaiting(m, cmd, 20*time.Second)
	want := model.Risks(o)
	if m.whatif.running || !m.whatif.risksOK || len(m.whatif.risks) != len(want) {
		t.Fatalf("the ranking did not arrive: running %v, %d of %d", m.whatif.running, len(m.whatif.risks), len(want))
	}
	if len(want) > 0 && !strings.Contains(screen(m), "Weak points: damage if taken alone") {
		t.Fatalf("the ranking does not show:\n%s", screen(m))
	}
}

// TestAnEditDuringTheRankingStartsItAgain: the ranking works on a copy;
// an edit meanwhile makes its answer stale, which is dropped, and a new
// ranking of the edited plan follows. Run with -race, it also shows the
// copy shares nothing the editor writes.
func TestAnEditDuringTheRankingStartsItAgain(t *testing.T) {
	t.Parallel()
	o, m, cmd := bigWhatIf(t, 4)
	// An edit while it runs: the selected unit's first post loses its holder.
	p := o.Units[0].Posts[0]
	op, err := o.SetHolder(p.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if !m.apply(op, "") {
		t.Fatal("edit refused")
	}
	runWaiting(m, cmd, 20*time.Second)
	if !m.whatif.risksOK || m.whatif.risksAt != o.Version() {
		t.Fatalf("no ranking of the edited plan: ok %v at %d, plan at %d", m.whatif.risksOK, m.whatif.risksAt, o.Version())
	}
}

// bigWhatIf opens a generated plan past syncRisks units on the What-if
// tab, with nothing marked, and returns the command that ranks it.
func bigWhatIf(t *testing.T, seed uint64) (*model.Org, *Model, tea.Cmd) {
	t.Helper()
	o := synth.Generate(synth.Options{Units: syncRisks + 500, Seed: seed})
	m := New(Options{Org: o, Path: filepath.Join(t.TempDir(), "big.json")})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	_, cmd := m.Update(keyMsg("5"))
	return o, m, cmd
}
