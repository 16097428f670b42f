package tui

import (
	"errors"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
)

// The editor's unsaved work is kept in a journal (storage.Journal): each
// edit's op is queued in Update, numbered, and written by one command at a
// time, in order, with an fsync; a save compacts the journal to the edits
// made since the state it wrote. The writer is shared by those commands
// and the save's under its own lock, never taken in Update.

// jtask is one thing to journal: an edit's op, the whole plan (an edit
// that is not data, a plan put in place), or that the plan is as saved.
type jtask struct {
	seq   uint64
	op    []byte
	plan  bool
	clean bool
}

// journalWriter owns the journal file and what it applies to.
type journalWriter struct {
	mu        sync.Mutex
	path      string // the plan's file ("" before a first save)
	session   string
	key       *storage.Key
	base      *storage.FileBase // the file as opened or saved; nil: unknown, or none
	baseSeq   uint64            // the edit the file holds
	baseKnown bool              // base has been looked at
	j         *storage.Journal
	off       bool // discarded: nothing more is written
}

// journalMsg reports a written batch of the journal.
type journalMsg struct {
	where string
	err   error
	again []jtask // the batch, to write again: its plan moved on before its snapshot
}

// lookAtBase names the file as the editor knows it (disk) as the base of
// the plan at edit seq: hashed, unless the file is not what disk says
// (changed since, or gone), when the journal starts with the whole plan.
func (w *journalWriter) lookAtBase(path string, disk DiskState, seq uint64) {
	w.base, w.baseSeq, w.baseKnown = nil, seq, true
	if path == "" || !disk.Known {
		return
	}
	b, mod, err := storage.HashFile(path)
	if err != nil || b.Size != disk.Size || !mod.Equal(disk.ModTime) {
		return
	}
	w.base = &b
}

// opened hashes the file the editor opened, off Update.
func (w *journalWriter) opened(disk DiskState) tea.Cmd {
	return func() tea.Msg {
		w.mu.Lock()
		defer w.mu.Unlock()
		if !w.baseKnown {
			w.lookAtBase(w.path, disk, 0)
		}
		return nil
	}
}

// saved records that the file at path holds the plan at edit seq, and
// compacts the journal: what is left is the edits made since.
func (w *journalWriter) saved(path string, disk DiskState, seq uint64) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.off {
		return nil
	}
	if path != w.path && w.j != nil {
		// Saved under another name: the old file's journal is done with.
		err := w.j.Remove()
		w.j = nil
		if err != nil {
			return err
		}
	}
	w.path = path
	w.lookAtBase(path, disk, seq)
	if w.j == nil || w.base == nil {
		return nil
	}
	_, err := w.j.Rebase(*w.base, seq)
	return err
}

// write journals a batch in order; snapshot gives the whole plan as it is
// at edit now, for the entries that need it.
func (w *journalWriter) write(ts []jtask, disk DiskState, team []string, now uint64, snapshot func() (*storage.FileDoc, bool)) (string, bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.off || w.path == "" {
		return "", false, nil
	}
	if !w.baseKnown {
		w.lookAtBase(w.path, disk, 0)
	}
	var es []storage.JournalEntry
	plan := func() bool {
		doc, ok := snapshot()
		if ok {
			es = append(es, storage.JournalEntry{Seq: now, Plan: doc})
		}
		return ok
	}
	if w.j == nil && w.base == nil && !plan() {
		return "", true, nil
	}
	for _, t := range ts {
		switch {
		case t.clean:
			// The plan is as saved: what came before goes.
			es = es[:0]
			if w.base != nil && w.j != nil {
				if _, err := w.j.Rebase(*w.base, t.seq); err != nil {
					return w.j.Path(), false, err
				}
			}
		case t.plan:
			if !plan() {
				return "", true, nil
			}
		default:
			es = append(es, storage.JournalEntry{Seq: t.seq, Op: t.op})
		}
	}
	if w.j == nil && len(es) > 0 {
		j, _, err := storage.CreateJournal(w.path, w.session, w.base, w.baseSeq, w.key, team)
		if err != nil {
			return "", false, err
		}
		w.j = j
	}
	if w.j == nil {
		return "", false, nil
	}
	return w.j.Path(), false, w.append(es)
}

func (w *journalWriter) append(es []storage.JournalEntry) error {
	if len(es) == 0 {
		return nil
	}
	return w.j.Append(es...)
}

// discard deletes the journal and every copy of this session's: the user
// quit without saving, on purpose.
func (w *journalWriter) discard() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.off = true
	var err error
	if w.j != nil {
		err = w.j.Remove()
	}
	if w.path != "" {
		err = errors.Join(err, storage.RemoveRecovery(w.path, w.session))
	}
	return err
}

// dropJournalAndQuit quits with nothing to recover: the plan is as saved,
// or the user discards the changes. A journal write in flight ends first.
func (m *Model) dropJournalAndQuit() tea.Cmd {
	if m.recoveryAt == "" && !m.jbusy && len(m.jqueue) == 0 {
		return tea.Quit // no journal was written, and none is being
	}
	w := m.jw
	return tea.Sequence(func() tea.Msg { return recoveryMsg{err: w.discard()} }, tea.Quit)
}

// journalApplied queues the op the history last applied, or, when the
// plan is back as saved, that. A plan with no file yet has no journal:
// its first save holds every edit before it.
func (m *Model) journalApplied() {
	m.jseq++
	if m.path == "" {
		return
	}
	if !m.modified() {
		m.jqueue = append(m.jqueue, jtask{seq: m.jseq, clean: true})
		return
	}
	b, err := model.MarshalOp(m.hist.Applied())
	if err != nil {
		m.journalPlan()
		return
	}
	m.jqueue = append(m.jqueue, jtask{seq: m.jseq, op: b})
}

// journalPlan queues the whole plan as it is.
func (m *Model) journalPlan() {
	if m.path != "" {
		m.jqueue = append(m.jqueue, jtask{seq: m.jseq, plan: true})
	}
}

// flushJournal writes what is queued, unless a batch is being written:
// its message starts the next.
func (m *Model) flushJournal() tea.Cmd {
	if m.jbusy || len(m.jqueue) == 0 || m.path == "" {
		return nil
	}
	ts := m.jqueue
	m.jqueue, m.jbusy = nil, true
	w, disk, now, snapshot := m.jw, m.disk, m.jseq, m.snapshotter()
	team := make([]string, len(m.org.Team))
	for i, t := range m.org.Team {
		team[i] = t.Recipient
	}
	return func() tea.Msg {
		where, again, err := w.write(ts, disk, team, now, snapshot)
		if again {
			return journalMsg{again: ts}
		}
		return journalMsg{where: where, err: err}
	}
}

func (m *Model) journalWritten(msg journalMsg) {
	m.jbusy = false
	m.jqueue = append(msg.again, m.jqueue...)
	switch {
	case msg.err != nil:
		m.setError("recovery journal: " + msg.err.Error())
	case msg.where != "" && msg.where != m.recoveryAt && msg.where != storage.RecoveryPath(m.path, m.session):
		// Said once: the plan's folder refused the journal.
		m.setStatus("the plan's folder refused the recovery journal; it is kept in " + msg.where)
	}
	if msg.where != "" {
		m.recoveryAt = msg.where
	}
}
