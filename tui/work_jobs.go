package tui

import (
	"context"
	"slices"

	"github.com/orgplan/orgplan/model"
)

// The kinds of job (work.go): what each needs, computes and brings back.

// ready is a job's result kept for the tab that shows it: for key, at
// the plan's version.
type ready struct {
	key     string
	version uint64
	ok      bool
	value   any
}

// readyFor is the kept result for key if it is of the plan as it is.
func (m *Model) readyFor(r ready, key string) (any, bool) {
	if !r.ok || r.key != key || r.version != m.org.Version() {
		return nil, false
	}
	return r.value, true
}

func (m *Model) keep(key string, v any) ready {
	return ready{key: key, version: m.org.Version(), ok: true, value: v}
}

// The first run of the checks, and a run afresh after a change of
// everything or of the day.
func needChecks(m *Model) (string, bool) { return "", m.big() && m.derived.Checks() == nil }

func startChecksJob(m *Model, _ string) func(context.Context, *model.Org) (any, error) {
	day := m.checkDay()
	return func(ctx context.Context, o *model.Org) (any, error) { return model.BuildCheckState(ctx, o, day) }
}

func checksDone(m *Model, _ string, res any) {
	m.derived.InstallChecks(res.(*model.CheckState))
	m.countChecks()
}

// The organizers of big branches with a headcount, counted again after
// an edit (the checks keep the old count meanwhile).
func needRecount(m *Model) (string, bool) {
	cs := m.derived.Checks()
	return "", cs != nil && len(cs.PendingCoverage()) > 0
}

func startRecountJob(m *Model, _ string) func(context.Context, *model.Org) (any, error) {
	units := m.derived.Checks().PendingCoverage()
	return func(ctx context.Context, o *model.Org) (any, error) { return model.CountOrganizers(ctx, o, units) }
}

func recountDone(m *Model, _ string, res any) {
	m.derived.InstallCoverage(res.(map[*model.Unit]int))
	m.countChecks()
}

// The division of labor, when the Labor tab is on show.
func needLabor(m *Model) (string, bool) {
	return "", m.big() && m.side.tab == tabLabor && !m.derived.LaborReady()
}

func startLaborJob(*Model, string) func(context.Context, *model.Org) (any, error) {
	return func(ctx context.Context, o *model.Org) (any, error) { return model.BuildLaborState(ctx, o) }
}

func laborDone(m *Model, _ string, res any) {
	m.derived.InstallLabor(res.(*model.LaborState))
	m.refreshTab(tabLabor)
}

// The vacancy list, when the Vacancies tab is on show.
func needVacancies(m *Model) (string, bool) {
	return "", m.big() && m.side.tab == tabVacancies && !m.derived.VacanciesReady()
}

func startVacanciesJob(*Model, string) func(context.Context, *model.Org) (any, error) {
	return func(ctx context.Context, o *model.Org) (any, error) { return model.VacanciesContext(ctx, o) }
}

func vacanciesDone(m *Model, _ string, res any) {
	m.derived.InstallVacancies(res.([]model.Vacancy))
	m.refreshTab(tabVacancies)
}

// Coverage, when its tab is on show: every edit may change it.
func needCoverage(m *Model) (string, bool) {
	if !m.big() || m.side.tab != tabCoverage {
		return "", false
	}
	_, ok := m.readyFor(m.side.cover, "")
	return "", !ok
}

func startCoverageJob(*Model, string) func(context.Context, *model.Org) (any, error) {
	return func(ctx context.Context, o *model.Org) (any, error) { return model.CoveragesContext(ctx, o) }
}

func coverageDone(m *Model, key string, res any) {
	m.side.cover = m.keep(key, res)
	m.refreshTab(tabCoverage)
}

// What a member's view would give away, when the Member tab shows them.
func needReveals(m *Model) (string, bool) {
	if !m.big() || m.side.tab != tabMember || m.side.member == "" || m.org.Member(m.side.member) == nil {
		return "", false
	}
	_, ok := m.readyFor(m.side.reveals, m.side.member)
	return m.side.member, !ok
}

// reveal is what RevealsContext counts.
type reveal struct{ members, units int }

func startRevealsJob(_ *Model, member string) func(context.Context, *model.Org) (any, error) {
	return func(ctx context.Context, o *model.Org) (any, error) {
		n, u, err := model.RevealsContext(ctx, o, member)
		return reveal{n, u}, err
	}
}

func revealsDone(m *Model, key string, res any) {
	m.side.reveals = m.keep(key, res)
	m.refreshTab(tabMember)
}

// reveals is what member's view would give away, computed now on a small
// plan; ok is false while a job counts it.
func (m *Model) reveals(member string) (reveal, bool) {
	if !m.big() {
		n, u := model.Reveals(m.org, member)
		return reveal{n, u}, true
	}
	v, ok := m.readyFor(m.side.reveals, member)
	if !ok {
		return reveal{}, false
	}
	return v.(reveal), true
}

// The simulation of the members marked on the What-if tab.
func needWhatIf(m *Model) (string, bool) {
	if !m.big() || len(m.whatif.marked) == 0 {
		return "", false
	}
	key := marksKey(m.whatif.marked)
	_, ok := m.readyFor(m.whatif.sim, key)
	return key, !ok
}

func startWhatIfJob(m *Model, _ string) func(context.Context, *model.Org) (any, error) {
	marked := slices.Clone(m.whatif.marked)
	return func(ctx context.Context, o *model.Org) (any, error) {
		w, err := model.SimulateContext(ctx, o, marked)
		return &w, err
	}
}

func whatIfDone(m *Model, key string, res any) {
	m.whatif.sim = m.keep(key, res)
	m.refreshTab(tabWhatIf)
}

// refreshTab rebuilds tab t if it is on show, and marks it otherwise.
func (m *Model) refreshTab(t int) {
	m.side.stale[t] = true
	if m.side.tab == t {
		m.ensureTab()
	}
}

// working is a tab's one row while a job computes it.
func (m *Model) working(what string) []sideRow {
	return []sideRow{{cols: []col{{text: "… " + what, style: &m.styles.Dim}}}}
}
