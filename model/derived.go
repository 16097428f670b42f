package model

import "time"

// Derived owns what is computed from a plan and kept up to date edit by
// edit: the checks' findings, the division of labor and the vacancy list.
// It is the only caller of DrainTouched. Sync takes what the edits since
// the last call touched: the checks follow at once (the title counts
// them), the division of labor and the vacancies when next asked for.
// Each part has a stamp that moves whenever it may have changed, so that
// a view built from it knows when to build again.
type Derived struct {
	o    *Org
	asOf time.Time

	checks      *CheckState // nil until RunChecks
	checksStamp uint64

	labor      *LaborState
	laborMem   map[string]bool // members touched since labor was brought up to date
	laborStamp uint64

	vacs      []Vacancy
	vacsOK    bool
	vacsAll   bool           // an edit touched everything: recompute
	vacsPosts map[*Post]bool // posts touched since
	vacsStamp uint64

	version uint64 // the plan's version at the last Sync

	// deferWhole: what must be computed afresh is dropped instead, for
	// the caller to compute off its loop and install.
	deferWhole bool
}

// NewDerived starts keeping o's derived data; what was touched before is
// dropped, since everything is computed afresh when first asked for.
func NewDerived(o *Org) *Derived {
	o.DrainTouched()
	return &Derived{o: o, checksStamp: 1, laborStamp: 1, vacsStamp: 1, version: o.Version()}
}

// RunChecks runs every check afresh, measuring dates against asOf (at
// open; on a big plan after the first frame).
func (d *Derived) RunChecks(asOf time.Time) {
	d.asOf = asOf
	d.checks = NewCheckState(d.o, asOf)
	d.checksStamp++
}

// DeferWhole makes Sync drop what it would compute afresh (the checks
// after a change of everything or of the day) rather than compute it:
// on a big plan the caller computes it off its loop (BuildCheckState,
// BuildLaborState, VacanciesContext) and installs it. The caller then
// asks for Labor and Vacancies only when they are ready.
func (d *Derived) DeferWhole() { d.deferWhole = true }

// InstallChecks, InstallLabor and InstallVacancies take what the caller
// computed from the plan as it is now (at the version of the last Sync).
func (d *Derived) InstallChecks(s *CheckState) {
	d.checks, d.asOf = s, s.asOf
	d.checksStamp++
}

// InstallLabor: see InstallChecks.
func (d *Derived) InstallLabor(s *LaborState) {
	d.labor, d.laborMem = s, nil
	d.laborStamp++
}

// InstallVacancies: see InstallChecks.
func (d *Derived) InstallVacancies(vs []Vacancy) {
	d.vacs, d.vacsOK, d.vacsAll, d.vacsPosts = vs, true, false, nil
	d.vacsStamp++
}

// InstallCoverage takes counts made by CountOrganizers of the checks'
// PendingCoverage, from the plan as it is now.
func (d *Derived) InstallCoverage(counts map[*Unit]int) {
	if d.checks != nil {
		d.checks.SetCoverage(d.o, counts)
		d.checksStamp++
	}
}

// LaborReady says whether Labor would cost no more than the touched
// members; VacanciesReady whether Vacancies would cost no more than the
// touched posts.
func (d *Derived) LaborReady() bool { return d.labor != nil }

// VacanciesReady: see LaborReady.
func (d *Derived) VacanciesReady() bool {
	return d.vacsOK && !d.vacsAll && len(d.vacsPosts) <= MaxIncremental
}

// Checks are the findings, up to date with the last Sync; nil before
// RunChecks.
func (d *Derived) Checks() *CheckState { return d.checks }

// Sync takes what the edits since the last call touched; asOf is the day
// the checks measure against now (an edit of the plan's date moves it).
func (d *Derived) Sync(asOf time.Time) {
	tc := d.o.DrainTouched()
	// Any change may show: a rename changes the paths findings name.
	if v := d.o.Version(); v != d.version || !asOf.Equal(d.asOf) {
		d.version = v
		d.checksStamp++
		d.laborStamp++
		d.vacsStamp++
	}
	if d.checks != nil && d.deferWhole && (tc.All || !asOf.Equal(d.asOf)) {
		d.checks = nil
	}
	d.asOf = asOf
	if d.checks != nil {
		d.checks = d.checks.Update(d.o, tc, asOf) // a new day runs them afresh
	}
	if tc.All {
		d.vacsAll, d.vacsPosts, d.labor, d.laborMem = true, nil, nil, nil
		return
	}
	if d.labor != nil {
		if d.laborMem == nil {
			d.laborMem = map[string]bool{}
		}
		for _, id := range tc.Members {
			d.laborMem[id] = true
		}
	}
	if d.vacsAll || !d.vacsOK {
		return
	}
	if d.vacsPosts == nil {
		d.vacsPosts = map[*Post]bool{}
	}
	for _, p := range tc.Posts {
		d.vacsPosts[p] = true
	}
}

// Labor is the division of labor brought up to date with the members the
// edits touched.
func (d *Derived) Labor() *LaborState {
	if d.labor == nil {
		d.labor = NewLaborState(d.o)
	} else if len(d.laborMem) > 0 {
		ids := make([]string, 0, len(d.laborMem))
		for id := range d.laborMem {
			ids = append(ids, id)
		}
		d.labor.Update(d.o, ids)
	}
	d.laborMem = nil
	return d.labor
}

// Vacancies is the vacancy list, updated from the posts the edits touched
// when it can be, recomputed otherwise.
func (d *Derived) Vacancies() []Vacancy {
	if d.vacsOK && !d.vacsAll {
		touched := make([]*Post, 0, len(d.vacsPosts))
		for p := range d.vacsPosts {
			touched = append(touched, p)
		}
		if vs, ok := UpdateVacancies(d.o, d.vacs, touched); ok {
			d.vacs, d.vacsPosts = vs, nil
			return d.vacs
		}
	}
	d.vacs, d.vacsOK, d.vacsAll, d.vacsPosts = Vacancies(d.o), true, false, nil
	return d.vacs
}

// VacanciesKnown reports whether the list has been computed, so that a
// view can tell an empty list from one not made yet.
func (d *Derived) VacanciesKnown() bool { return d.vacsOK }

// ChecksStamp, LaborStamp and VacanciesStamp move when their part may
// have changed.
func (d *Derived) ChecksStamp() uint64    { return d.checksStamp }
func (d *Derived) LaborStamp() uint64     { return d.laborStamp }
func (d *Derived) VacanciesStamp() uint64 { return d.vacsStamp }
