package tui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
)

// savedMsg reports a finished save, or one not made because the file
// changed on disk since it was opened (conflict).
type savedMsg struct {
	path      string
	point     uint64 // the history state that was written
	err       error
	quitAfter bool
	conflict  bool
	unchanged bool      // nothing to write: the file already holds this plan
	again     bool      // an edit came before the snapshot: save again
	check     bool      // the save was to look at the file on disk first
	disk      DiskState // the file as the save left it
}

// DiskState is what the editor knows of its file on disk, to notice that
// someone else changed it.
type DiskState struct {
	ModTime time.Time
	Size    int64
	Known   bool
}

// StatFile reads a file's DiskState.
func StatFile(path string) DiskState {
	fi, err := os.Stat(path)
	if err != nil {
		return DiskState{}
	}
	return DiskState{ModTime: fi.ModTime(), Size: fi.Size(), Known: true}
}

func (d DiskState) same(o DiskState) bool {
	return d.Known == o.Known && d.Size == o.Size && d.ModTime.Equal(o.ModTime)
}

// saveKey saves to the plan's file, asking for a file name first when the
// plan has none (an example opened without a file).
func (m *Model) saveKey(quitAfter bool) tea.Cmd {
	if m.saving {
		m.setStatus("already saving…")
		return nil
	}
	if m.path != "" {
		return m.saveChecked(m.path, quitAfter)
	}
	suggest := "plan.json"
	if m.title != "" {
		suggest = m.title
	}
	return m.openSaveAs(suggest, quitAfter)
}

// openSaveAs asks for a new file name, offering suggest, and saves there;
// it never writes over a file that exists.
func (m *Model) openSaveAs(suggest string, quitAfter bool) tea.Cmd {
	return m.openSaveAsLabel("Save as:", suggest, quitAfter)
}

func (m *Model) openSaveAsLabel(label, suggest string, quitAfter bool) tea.Cmd {
	m.openPromptHint(label, suggest, func(path string) tea.Cmd {
		if path == "" {
			m.setStatus("no file name; not saved")
			return nil
		}
		if _, err := os.Lstat(path); err == nil {
			m.setError(clean(path) + " already exists; choose another name")
			return nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			m.setError(err.Error())
			return nil
		}
		return m.saveTo(path, quitAfter)
	})
	return textinputBlink()
}

// saveChecked saves over the plan's file unless someone else changed it
// since it was opened or last saved; then it asks.
func (m *Model) saveChecked(path string, quitAfter bool) tea.Cmd {
	return m.save(path, quitAfter, true)
}

// saveTo saves without looking at what is on disk (a new name, or the
// user chose to overwrite).
func (m *Model) saveTo(path string, quitAfter bool) tea.Cmd { return m.save(path, quitAfter, false) }

// save writes the plan as it is now, atomically, in a command: the
// snapshot is taken there too (a second at a million units), the plan
// shared as a job shares it, so that the file holds exactly this state
// and the keys are answered meanwhile.
func (m *Model) save(path string, quitAfter, check bool) tea.Cmd {
	snapshot := m.snapshotter()
	m.saving = true
	point := m.hist.Point()
	opened, key := m.disk, m.planKey
	if storage.Encrypted(path) != (key != nil) {
		m.saving = false
		if key == nil {
			m.setError("to encrypt a plan, create it with orgplan new --encrypt (or export -o " + filepath.Base(path) + ")")
		} else {
			m.setError("an encrypted plan saves only to a file ending in .age")
		}
		return nil
	}
	// A save with no change to the plan leaves its file alone, so that a
	// plan in git stays clean (and an encrypted one is not re-encrypted).
	same := check && path == m.path && !m.isNew && !m.hist.Modified()
	session := m.session
	return func() tea.Msg {
		if check && !StatFile(path).same(opened) {
			return savedMsg{path: path, point: point, quitAfter: quitAfter, conflict: true}
		}
		if same {
			return savedMsg{path: path, point: point, quitAfter: quitAfter, unchanged: true, disk: opened}
		}
		snap, ok := snapshot()
		if !ok {
			return savedMsg{path: path, quitAfter: quitAfter, check: check, again: true}
		}
		err := storage.SaveKeyed(path, snap, key)
		if err == nil {
			_ = storage.RemoveRecovery(path, session) // best effort: older than the file now; a copy left is offered only if newer
		}
		return savedMsg{path: path, point: point, err: err, quitAfter: quitAfter, disk: StatFile(path)}
	}
}

func (m *Model) saved(msg savedMsg) tea.Cmd {
	m.saving = false
	if msg.again {
		return m.save(msg.path, msg.quitAfter, msg.check)
	}
	if msg.conflict {
		m.askConflict(msg.path, msg.quitAfter)
		return nil
	}
	if msg.err != nil {
		// The work is still here: offer another place (the home folder,
		// in case this one is read-only or full).
		suggest := filepath.Base(msg.path)
		if home, err := os.UserHomeDir(); err == nil {
			suggest = filepath.Join(home, suggest)
		}
		cause := msg.err
		for errors.Unwrap(cause) != nil {
			cause = errors.Unwrap(cause)
		}
		cmd := m.openSaveAsLabel("Not saved ("+trunc(clean(cause.Error()), 30)+"). Save as:", suggest, msg.quitAfter)
		m.setError("not saved: " + msg.err.Error())
		return cmd
	}
	m.path, m.isNew, m.disk = msg.path, false, msg.disk
	m.hist.MarkSavedAt(msg.point)
	if msg.unchanged {
		m.setStatus("no changes to save; " + filepath.Base(msg.path) + " left as it is")
	} else {
		m.setStatus("saved " + filepath.Base(msg.path))
	}
	if msg.quitAfter {
		return tea.Quit
	}
	return nil
}

// askConflict says the file changed on disk and offers: overwrite, save
// under another name, or cancel.
func (m *Model) askConflict(path string, quitAfter bool) {
	k := m.keys.Dialog
	text := clean(filepath.Base(path)) + " changed on disk since it was opened.\nSomeone else may have edited it."
	m.push(newChoice(text, answer{"overwrite", k.Overwrite}, answer{"saveas", k.SaveAs}, answer{"", k.Cancel}),
		func(res dialogResult) tea.Cmd {
			switch res.value {
			case "overwrite":
				return m.saveTo(path, quitAfter)
			case "saveas":
				return m.openSaveAs(path, quitAfter)
			}
			m.setStatus("not saved: " + clean(filepath.Base(path)) + " changed on disk")
			return nil
		})
}

// recoveryDelay is how long after the last change the recovery copy is
// written.
const recoveryDelay = 2 * time.Second

// recoveryDueMsg asks for a recovery copy of the plan at a version.
type recoveryDueMsg struct{ version uint64 }

// recoveryMsg reports a written (or removed) recovery copy, and where it
// went.
type recoveryMsg struct {
	at  string
	err error
}

// scheduleRecovery asks for a recovery copy a moment after this change.
func (m *Model) scheduleRecovery() tea.Cmd {
	if m.path == "" {
		return nil
	}
	v := m.org.Version()
	return tea.Tick(recoveryDelay, func(time.Time) tea.Msg { return recoveryDueMsg{version: v} })
}

// writeRecovery writes the copy if nothing changed since it was asked for
// and the plan is still unsaved.
func (m *Model) writeRecovery(msg recoveryDueMsg) tea.Cmd {
	if m.path == "" || msg.version != m.org.Version() {
		return nil
	}
	path, session := m.path, m.session
	if !m.modified() {
		return func() tea.Msg { return recoveryMsg{err: storage.RemoveRecovery(path, session)} }
	}
	snapshot, key, last := m.snapshotter(), m.planKey, m.recoveryAt
	return func() tea.Msg {
		snap, ok := snapshot()
		if !ok {
			return recoveryMsg{at: last} // edited since: a copy is due again
		}
		at, err := storage.SaveRecovery(path, session, snap, key)
		return recoveryMsg{at: at, err: err}
	}
}

// offerRecovery asks what to do with a recovery copy of unsaved changes
// from a session that ended: restore, discard or keep it for later.
func (m *Model) offerRecovery(rec *model.Org, at time.Time, from string) {
	k := m.keys.Dialog
	text := "Unsaved changes to " + clean(filepath.Base(m.path)) + " from " + at.Format("2006-01-02 15:04") + "\n" +
		"were kept when that session ended."
	m.push(newChoice(text, answer{"restore", k.Restore}, answer{"discard", k.Discard}, answer{"", k.Keep}),
		func(res dialogResult) tea.Cmd {
			switch res.value {
			case "restore":
				// The ended session's copy is this session's work now,
				// kept in this session's own copy from the next change.
				m.replacePlan(rec)
				m.setStatus("restored the unsaved changes · ctrl+s saves them · u cannot undo the restore")
				return tea.Batch(m.scheduleRecovery(), func() tea.Msg { return recoveryMsg{err: storage.RemoveCopy(from)} })
			case "discard":
				m.setStatus("recovery copy discarded")
				return func() tea.Msg { return recoveryMsg{err: storage.RemoveCopy(from)} }
			default:
				m.setStatus("recovery copy kept for later")
			}
			return nil
		})
}

// replacePlan puts another plan in the editor, unsaved.
func (m *Model) replacePlan(o *model.Org) {
	m.write(func() { m.org = o })
	m.hist = model.History{}
	m.hist.MarkUnsaved()
	m.tree = newTreePane(o)
	m.startDerived()
	m.relayout()
	m.search = search{}
	m.whatif = whatIf{}
	m.afterChange("")
}
