package tui

import (
	"context"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
)

// Work that reads a whole big plan (the first run of the checks, the
// division of labor, the vacancy list, coverage, a member's compartment,
// a search, a simulation) takes seconds at a million units: it runs in a command, so
// that every key is answered meanwhile, and what waits for it says "…".
//
// A job reads the plan while Update goes on reading it too; only edits
// write it. A job holds the plan's lock shared; an edit first calls off
// every running job, then takes the lock alone, so that it waits for the
// jobs to reach their next look at their context (a fraction of a
// millisecond), never for a job to end. A job's result is taken only if
// the plan is still the one, at the version, it was computed from.
//
// Nothing asks for a job: after every message, each kind says whether
// the editor needs it now (need), and startJobs starts those that are
// needed and not running. A job called off, or whose result came too
// late, is started again the same way, as long as it is still needed.

type jobKind int

const (
	jobChecks jobKind = iota
	jobRecount
	jobLabor
	jobVacancies
	jobCoverage
	jobReveals
	jobSearch
	jobWhatIf
	jobCount
)

// jobSpec is one kind of job.
type jobSpec struct {
	// need says whether the job is wanted now, and for what (a member,
	// a query): a job running for another key is called off.
	need func(m *Model) (key string, ok bool)
	// start takes, in Update, what the job needs, and returns the work.
	start func(m *Model, key string) func(ctx context.Context, o *model.Org) (any, error)
	// done takes a current result, in Update.
	done func(m *Model, key string, result any)
}

var jobSpecs = [jobCount]jobSpec{
	jobChecks:    {needChecks, startChecksJob, checksDone},
	jobRecount:   {needRecount, startRecountJob, recountDone},
	jobLabor:     {needLabor, startLaborJob, laborDone},
	jobVacancies: {needVacancies, startVacanciesJob, vacanciesDone},
	jobCoverage:  {needCoverage, startCoverageJob, coverageDone},
	jobReveals:   {needReveals, startRevealsJob, revealsDone},
	jobSearch:    {needSearch, startSearchJob, searchDone},
	jobWhatIf:    {needWhatIf, startWhatIfJob, whatIfDone},
}

// jobs are the editor's running jobs.
type jobs struct {
	mu      *sync.RWMutex // the plan: jobs share it, edits take it alone
	seq     uint64
	running [jobCount]runningJob
}

type runningJob struct {
	seq    uint64 // 0: none
	key    string
	cancel context.CancelFunc
}

// jobMsg is a job's end.
type jobMsg struct {
	kind    jobKind
	seq     uint64
	org     *model.Org
	version uint64
	key     string
	result  any
	err     error
}

// busy says whether a job of kind is running.
func (m *Model) busy(k jobKind) bool { return m.jobs.running[k].seq != 0 }

// startJobs starts every job needed now and not running.
func (m *Model) startJobs() tea.Cmd {
	var cmds []tea.Cmd
	for k := range jobCount {
		key, ok := jobSpecs[k].need(m)
		r := &m.jobs.running[k]
		if r.seq != 0 && (!ok || r.key != key) {
			m.callOff(k)
		}
		if !ok || r.seq != 0 {
			continue
		}
		cmds = append(cmds, m.startJob(k, key))
	}
	return tea.Batch(cmds...)
}

func (m *Model) startJob(k jobKind, key string) tea.Cmd {
	m.jobs.seq++
	ctx, cancel := context.WithCancel(context.Background())
	m.jobs.running[k] = runningJob{seq: m.jobs.seq, key: key, cancel: cancel}
	mu, o, msg := m.jobs.mu, m.org, jobMsg{kind: k, seq: m.jobs.seq, org: m.org, version: m.org.Version(), key: key}
	work := jobSpecs[k].start(m, key)
	return func() tea.Msg {
		mu.RLock()
		defer mu.RUnlock()
		defer cancel()
		msg.result, msg.err = work(ctx, o)
		return msg
	}
}

// callOff cancels the job of kind k, if one runs; its end is ignored.
func (m *Model) callOff(k jobKind) {
	if r := &m.jobs.running[k]; r.seq != 0 {
		r.cancel()
		*r = runningJob{}
	}
}

// jobDone takes a job's end: a current result is used; any other end
// leaves the job to be started again if it is still needed.
func (m *Model) jobDone(msg jobMsg) {
	r := &m.jobs.running[msg.kind]
	if r.seq != msg.seq {
		return // called off since
	}
	*r = runningJob{}
	if msg.err != nil || msg.org != m.org || msg.version != m.org.Version() {
		return
	}
	jobSpecs[msg.kind].done(m, msg.key, msg.result)
}

// write runs an edit of the plan: the running jobs are called off first,
// and the edit has the plan to itself.
func (m *Model) write(edit func()) {
	for k := range jobCount {
		m.callOff(k)
	}
	m.jobs.mu.Lock()
	defer m.jobs.mu.Unlock()
	edit()
}

// snapshotter returns what takes the plan's file form in a command, as it
// is now: it shares the plan as a job does (an edit meanwhile waits for
// it), and says false if an edit came first.
func (m *Model) snapshotter() func() (*storage.FileDoc, bool) { return m.snapshotterProgress(nil) }

// snapshotterProgress is snapshotter saying in pr when the snapshot is
// being taken.
func (m *Model) snapshotterProgress(pr *storage.Progress) func() (*storage.FileDoc, bool) {
	mu, o, v := m.jobs.mu, m.org, m.org.Version()
	return func() (*storage.FileDoc, bool) {
		mu.RLock()
		defer mu.RUnlock()
		if o.Version() != v {
			return nil, false
		}
		return storage.SnapshotProgress(o, pr), true
	}
}

// big says whether the plan is big enough that whole-plan work runs in
// jobs; smaller plans compute it within the keystroke.
func (m *Model) big() bool { return m.org.UnitCount() >= bigPlan }
