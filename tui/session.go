package tui

import (
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/storage"
)

// Two editors of one file: the second is told who has it open and
// chooses read-only (every edit refused, with the reason) or opening
// anyway (its recovery copy is its own, so neither loses the other's).

// offerLocked asks what to do about the other editor that has the plan.
func (m *Model) offerLocked(holder storage.LockInfo) {
	k := m.keys.Dialog
	text := clean(filepath.Base(m.path)) + " is open in another orgplan (" + holder.String() + ").\n" +
		"Saving here could overwrite its changes (you would be asked first)."
	m.push(newChoice(text, answer{"read-only", k.ReadOnly}, answer{"anyway", k.OpenAnyway}, answer{"quit", k.Leave}),
		func(res dialogResult) tea.Cmd {
			switch res.value {
			case "anyway":
				m.setStatus("opened anyway · the other editor keeps its own recovery copy")
			case "quit":
				return tea.Quit
			default:
				m.readOnly = "read-only: " + holder.String() + " has this plan open"
				m.setStatus(m.readOnly)
			}
			return nil
		})
}

// refuseReadOnly says why an edit is refused in a read-only editor.
func (m *Model) refuseReadOnly() bool {
	if m.readOnly == "" {
		return false
	}
	m.setError(m.readOnly)
	return true
}
