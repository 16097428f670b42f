package tui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/storage"
)

// savedMsg reports a finished save.
type savedMsg struct {
	path      string
	point     uint64 // the history state that was written
	err       error
	quitAfter bool
}

// saveKey saves to the plan's file, asking for a file name first when the
// plan has none (an example opened without a file).
func (m *Model) saveKey(quitAfter bool) tea.Cmd {
	if m.saving {
		m.setStatus("already saving…")
		return nil
	}
	if m.path != "" {
		return m.saveTo(m.path, quitAfter)
	}
	suggest := "plan.json"
	if m.title != "" {
		suggest = m.title
	}
	m.openPrompt("Save as:", suggest, func(path string) tea.Cmd {
		if path == "" {
			m.setStatus("no file name; not saved")
			return nil
		}
		if _, err := os.Lstat(path); err == nil {
			m.setError(path + " already exists; choose another name")
			return nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			m.setError(err.Error())
			return nil
		}
		return m.saveTo(path, quitAfter)
	})
	return textinputBlink()
}

// saveTo takes a snapshot of the plan now, so that the file holds exactly
// this state, and encodes and writes it atomically in a command.
func (m *Model) saveTo(path string, quitAfter bool) tea.Cmd {
	snap := storage.Snapshot(m.org)
	m.saving = true
	point := m.hist.Point()
	return func() tea.Msg {
		return savedMsg{path: path, point: point, err: storage.SaveSnapshot(path, snap), quitAfter: quitAfter}
	}
}

func (m *Model) saved(msg savedMsg) tea.Cmd {
	m.saving = false
	if msg.err != nil {
		m.setError("not saved: " + msg.err.Error())
		return nil
	}
	m.path, m.isNew = msg.path, false
	m.hist.MarkSavedAt(msg.point)
	m.setStatus("saved " + filepath.Base(msg.path))
	if msg.quitAfter {
		return tea.Quit
	}
	return nil
}
