package tui

import (
	"errors"
	"fmt"
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
	// journalErr says the recovery journal could not be compacted.
	journalErr error
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
	var pr *storage.Progress
	if m.big() {
		pr = &storage.Progress{} // shown on the status line while the save runs
	}
	snapshot := m.snapshotterProgress(pr)
	m.saving, m.saveProgress = true, pr
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
	w, seq, hint := m.jw, m.jseq, opened.Size
	save := func() tea.Msg {
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
		err := storage.SaveProgress(path, snap, key, pr, hint)
		disk := StatFile(path)
		var jerr error
		if err == nil {
			jerr = w.saved(path, disk, seq) // the journal keeps only what came after
		}
		return savedMsg{path: path, point: point, err: err, quitAfter: quitAfter, disk: disk, journalErr: jerr}
	}
	if pr == nil {
		return save
	}
	m.savingTo = path
	m.showSaving()
	return tea.Batch(save, saveTick())
}

// saveTickMsg asks to show again how far a save has come.
type saveTickMsg struct{}

func saveTick() tea.Cmd {
	return tea.Tick(250*time.Millisecond, func(time.Time) tea.Msg { return saveTickMsg{} })
}

// showSaving says on the status line how far the save of a big plan has
// come, until it ends.
func (m *Model) showSaving() tea.Cmd {
	if !m.saving || m.saveProgress == nil {
		return nil
	}
	s, _, _ := m.saveProgress.Now()
	what := "taking a snapshot"
	if s == storage.StageWrite {
		what = "writing " + m.saveProgress.Counts()
	}
	m.setStatus("saving " + clean(filepath.Base(m.savingTo)) + "… " + what)
	return saveTick()
}

func (m *Model) saved(msg savedMsg) tea.Cmd {
	m.saving, m.saveProgress = false, nil
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
	if msg.journalErr != nil {
		m.setError("saved " + filepath.Base(msg.path) + "; recovery journal: " + msg.journalErr.Error())
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

// recoveryMsg reports a recovery copy removed.
type recoveryMsg struct{ err error }

// offerRecovery asks what to do with the unsaved work of a session that
// ended: restore, discard or keep it for later.
func (m *Model) offerRecovery(rec *storage.Recovery) {
	k := m.keys.Dialog
	text := "Unsaved changes to " + clean(filepath.Base(m.path)) + " from " + rec.At.Format("2006-01-02 15:04") + "\n" +
		"were kept when that session ended."
	m.push(newChoice(text, answer{"restore", k.Restore}, answer{"discard", k.Discard}, answer{"", k.Keep}),
		func(res dialogResult) tea.Cmd {
			switch res.value {
			case "restore":
				// The ended session's work is this session's now, kept in
				// this session's own journal.
				m.restore(rec)
				return func() tea.Msg { return recoveryMsg{err: storage.RemoveCopy(rec.From)} }
			case "discard":
				m.setStatus("recovery copy discarded")
				return func() tea.Msg { return recoveryMsg{err: storage.RemoveCopy(rec.From)} }
			default:
				m.setStatus("recovery copy kept for later")
			}
			return nil
		})
}

// restore puts a recovery in the editor: its plan, if it has one, and
// then its edits, each one undoable, as far as they apply.
func (m *Model) restore(rec *storage.Recovery) {
	if m.refuseReadOnly() {
		return
	}
	if rec.Plan != nil {
		m.replacePlan(rec.Plan)
	}
	done := 0
	var err error
	m.write(func() {
		for _, op := range rec.Ops {
			if err = m.hist.Do(m.org, op); err != nil {
				return
			}
			done++
			m.journalApplied()
		}
	})
	if done > 0 {
		m.afterChange("")
	}
	switch {
	case err != nil:
		m.setError(fmt.Sprintf("restored %d of %d unsaved changes; the next would not apply: %s", done, len(rec.Ops), clean(err.Error())))
	case rec.Plan != nil:
		m.setStatus("restored the unsaved changes · ctrl+s saves them · u cannot undo the restore")
	default:
		edits := "edits"
		if done == 1 {
			edits = "edit"
		}
		m.setStatus(fmt.Sprintf("restored the unsaved changes (%d %s) · ctrl+s saves them · u undoes them one by one", done, edits))
	}
}

// replacePlan puts another plan in the editor, unsaved.
func (m *Model) replacePlan(o *model.Org) {
	m.write(func() { m.org = o })
	m.hist = model.History{}
	m.hist.MarkUnsaved()
	m.jseq++
	m.journalPlan()
	m.tree = newTreePane(o)
	m.startDerived()
	m.relayout()
	m.search = search{}
	m.whatif = whatIf{}
	m.afterChange("")
}
