package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/dustin/go-humanize"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
	"github.com/orgplan/orgplan/storage"
)

// startedJob starts the job of kind k the editor needs now beside the
// test, as the program does; its end comes on the channel.
func startedJob(t *testing.T, m *Model, k jobKind) chan tea.Msg {
	t.Helper()
	restartJobs(m)
	key, ok := jobSpecs[k].need(m)
	if !ok {
		t.Fatalf("job %d is not needed", k)
	}
	m.callOff(k)
	cmd := m.startJob(k, key)
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	return done
}

// settledBig is the editor on a generated plan just big enough for jobs,
// at 120x40, with its first jobs (the checks) done.
func settledBig(t *testing.T, seed uint64) (*Model, *model.Org) {
	t.Helper()
	o := synth.Generate(synth.Options{Units: bigPlan + 100, Seed: seed})
	m := New(Options{Org: o, Path: "big.json"})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	settle(t, m)
	return m, o
}

// holderChange empties the top unit's first post, or fills it if empty:
// an edit of what every whole-plan job reads first.
func holderChange(o *model.Org) model.Op {
	p := o.Units[0].Posts[0]
	if p.Holder != "" {
		op, _ := o.SetHolder(p.ID, "")
		return op
	}
	op, _ := o.SetHolder(p.ID, o.Members[0].ID)
	return op
}

// While the first checks of a big plan run, the editor answers keys:
// Update returns with the job still running, the title says the plan is
// being checked, the cursor moves; an edit calls the job off at once (it
// waits for nothing but the job's next look at its context), and the job
// started again afterwards gives the findings of the plan as edited.
// Under -race this is also the test that jobs and Update share the plan
// safely.
func TestEditorAnswersKeysWhileABigPlanIsChecked(t *testing.T) {
	t.Parallel()
	o := synth.Generate(synth.Options{Units: 40_000, Seed: 4})
	m := New(Options{Org: o, Path: "big.json"})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	done := startedJob(t, m, jobChecks)
	if !m.busy(jobChecks) {
		t.Fatal("the checks are not running")
	}
	for _, k := range []string{"j", "j", "space", "2", "1", "k"} {
		press(m, k)
	}
	select {
	case <-done:
		t.Fatal("the checks ended before six keys were answered: the plan is too small to show anything")
	default:
	}
	if !strings.Contains(screen(m), "checking…") || m.derived.Checks() != nil {
		t.Fatalf("the screen does not say the plan is being checked:\n%s", screen(m))
	}
	if got := selectedName(m); got == o.Units[0].Name {
		t.Fatal("the cursor did not move")
	}
	// An edit while they run, of a post the job has read: the job is
	// called off and its end ignored.
	if !m.apply(holderChange(o), "") {
		t.Fatal("the edit was refused")
	}
	if m.busy(jobChecks) {
		t.Fatal("the edit did not call the checks off")
	}
	m.Update(<-done)
	if m.derived.Checks() != nil {
		t.Fatal("the checks of the plan before the edit were taken")
	}
	settle(t, m)
	want := model.CheckPlan(o, m.checkDay())
	if got := m.derived.Checks(); got == nil || got.Len() != len(want) {
		t.Fatalf("after the edit the checks hold %v findings, a fresh run %d", got, len(want))
	}
	if strings.Contains(screen(m), "checking…") {
		t.Fatal("the title still says checking")
	}
}

// A job's result that comes after the plan changed is dropped, and the
// job runs again; tabs that wait for a job say so.
func TestLateJobResultsAreDropped(t *testing.T) {
	t.Parallel()
	m, o := settledBig(t, 5)
	m.showTab(tabVacancies)
	if !strings.Contains(screen(m), "… listing the vacancies") {
		t.Fatalf("the Vacancies tab does not say it is being made:\n%s", screen(m))
	}
	done := startedJob(t, m, jobVacancies)
	msg := <-done // computed from the plan as it was
	if !m.apply(holderChange(o), "") {
		t.Fatal("edit refused")
	}
	m.Update(msg)
	if m.derived.VacanciesReady() {
		t.Fatal("a vacancy list older than the edit was taken")
	}
	settle(t, m)
	if got, want := rowsText(tabRows(m, tabVacancies)), rowsText(m.vacancyRows()); got != want {
		t.Fatalf("the Vacancies tab after the job differs from a fresh list:\n%s\nwant\n%s", got, want)
	}
}

// On a big plan, search, Labor, Coverage and the Member tab's count all
// come from jobs and show what the same work gives within the key on a
// small plan.
func TestBigPlanJobsShowWhatTheWorkGives(t *testing.T) {
	t.Parallel()
	m, o := settledBig(t, 6)
	for _, tab := range []int{tabLabor, tabCoverage} {
		m.showTab(tab)
		settle(t, m)
		var want string
		switch tab {
		case tabLabor:
			want = rowsText(m.laborRows())
		case tabCoverage:
			_, rows := m.coverageRows(model.Coverages(o))
			want = rowsText(rows)
		}
		if got := rowsText(tabRows(m, tab)); got != want {
			t.Fatalf("tab %d from its job:\n%s\nwant\n%s", tab+1, got, want)
		}
	}
	holder := o.Units[0].Posts[0].Holder
	m.showMember(holder)
	m.showTab(tabMember)
	if !strings.Contains(rowsText(tabRows(m, tabMember)), "(counting)") {
		t.Fatal("the Member tab does not say it is counting")
	}
	settle(t, m)
	n, u := model.Reveals(o, holder)
	if got := rowsText(tabRows(m, tabMember)); !strings.Contains(got, "would give away "+fmt.Sprint(n)+" member") || !strings.Contains(got, fmt.Sprint(u)+" unit") {
		t.Fatalf("the Member tab says\n%s\nwant %d members, %d units", got, n, u)
	}
	name := o.Units[0].Units[3].Name
	searchFor(m, name)
	if !m.search.pending || !strings.Contains(screen(m), "searching for") {
		t.Fatalf("no search pending:\n%s", screen(m))
	}
	settle(t, m)
	want, _ := findMatches(t.Context(), o, name, nil)
	if len(m.search.matches) != len(want.matches) || len(want.matches) == 0 || !strings.Contains(selectedName(m), name) && m.search.matches[m.search.idx].post == "" {
		t.Fatalf("the search found %d, a fresh one %d", len(m.search.matches), len(want.matches))
	}
}

// A save takes its snapshot in its command, not in the key: an edit that
// comes between the key and the snapshot is in the file, and the editor
// says so (not modified), rather than a file of an older plan.
func TestSaveTakesThePlanAsItIsWhenWritten(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "plan.json")
	o := exampleOrg(t, "tenant-association")
	m := New(Options{Org: o, Path: path, New: true})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	cmd := press(m, "ctrl+s")
	if !m.apply(model.RenameUnit{ID: o.Units[0].ID, Name: "Renamed before the write"}, "") {
		t.Fatal("edit refused")
	}
	runWaiting(m, cmd, 10*time.Second)
	back, err := storage.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.Units[0].Name != "Renamed before the write" || m.modified() {
		t.Fatalf("the file has %q and the editor says modified %v", back.Units[0].Name, m.modified())
	}
}

// After an edit under a big branch with a headcount, its organizers are
// counted in a job: the title's counts say " …" meanwhile, and once the
// job is done they are those of a fresh check.
func TestBigBranchRecountShowsInTheTitle(t *testing.T) {
	t.Parallel()
	o := synth.Generate(synth.Options{Units: bigPlan + 100, Seed: 8})
	o.Units[0].Headcount = 10 * o.UnitCount()
	m := New(Options{Org: o, Path: "big.json"})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	settle(t, m)
	if !m.apply(holderChange(o), "") {
		t.Fatal("edit refused")
	}
	restartJobs(m)
	if !m.busy(jobRecount) || !strings.Contains(m.titleLine(), " …") {
		t.Fatalf("no recount shown: busy %v, title %q", m.busy(jobRecount), m.titleLine())
	}
	settle(t, m)
	if strings.Contains(m.titleLine(), "…") {
		t.Fatalf("the title still waits: %q", m.titleLine())
	}
	if got, want := m.derived.Checks().Len(), len(model.CheckPlan(o, m.checkDay())); got != want {
		t.Fatalf("after the recount %d findings, a fresh check %d", got, want)
	}
}

// A big plan's save says on the status line how far it has come, the
// snapshot then the bytes written, and stops saying it once saved.
func TestBigSaveShowsItsProgress(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "plan.json")
	o := synth.Generate(synth.Options{Units: bigPlan + 100, Seed: 9})
	m := New(Options{Org: o, Path: path, New: true})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	press(m, "ctrl+s")
	if !m.saving || !strings.Contains(m.status, "saving plan.json… taking a snapshot") {
		t.Fatalf("status %q", m.status)
	}
	// The save, run by hand: the snapshot, then the bytes.
	snap, _ := m.snapshotterProgress(m.saveProgress)()
	if err := storage.SaveProgress(path, snap, nil, m.saveProgress, 0); err != nil {
		t.Fatal(err)
	}
	m.Update(saveTickMsg{})
	fi, _ := os.Stat(path)
	if want := "saving plan.json… writing " + humanize.Bytes(uint64(fi.Size())); m.status != want {
		t.Fatalf("status %q, want %q", m.status, want)
	}
	m.Update(savedMsg{path: path, point: m.hist.Point(), disk: StatFile(path)})
	if _, cmd := m.Update(saveTickMsg{}); cmd != nil || strings.Contains(m.status, "saving plan.json…") {
		t.Fatalf("still ticking after the save: %q", m.status)
	}
}

// On a big plan the What-if tab's simulation is a job: marking the top
// unit's holders answers at once and says the answer is coming, enter
// waits for it, an edit meanwhile calls it off, and what shows in the end
// is the simulation of the plan as edited.
func TestBigWhatIfSimulatesInAJob(t *testing.T) {
	t.Parallel()
	m, o := settledBig(t, 10)
	press(m, "5", "tab", "tab")
	m.focus = focusSide
	press(m, "U")
	if !m.busy(jobWhatIf) || !strings.Contains(screen(m), "working out what follows") {
		t.Fatalf("no simulation job shown: busy %v\n%s", m.busy(jobWhatIf), screen(m))
	}
	press(m, "enter")
	if !strings.Contains(m.status, "still working out") || !o.Member(m.whatif.marked[0]).Active() {
		t.Fatalf("enter applied a simulation not yet made: %q", m.status)
	}
	if !m.apply(holderChange(o), "") {
		t.Fatal("edit refused")
	}
	if m.busy(jobWhatIf) {
		t.Fatal("the edit did not call the simulation off")
	}
	settle(t, m)
	got := rowsText(m.side.pinned[tabWhatIf]) + rowsText(tabRows(m, tabWhatIf))
	w := model.Simulate(o, m.whatif.marked)
	if len(w.Promotions)+len(w.Vacated) == 0 {
		t.Fatal("fixture: the removal does nothing")
	}
	m.whatif.sim = m.keep(marksKey(m.whatif.marked), &w)
	m.refreshTab(tabWhatIf)
	if want := rowsText(m.side.pinned[tabWhatIf]) + rowsText(tabRows(m, tabWhatIf)); got != want {
		t.Fatalf("the job's simulation shows\n%s\nwant\n%s", got, want)
	}
	first := m.whatif.marked[0]
	press(m, "enter")
	if len(m.whatif.marked) != 0 || o.Member(first).Status != model.StatusArrested {
		t.Fatalf("enter did not apply the simulation: %q", m.status)
	}
}
