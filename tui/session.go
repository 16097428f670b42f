package tui

import (
	"path/filepath"

	"charm.land/bubbles/v2/key"
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

// editKeys are the keys that start a change: a read-only editor refuses
// them at once, before any prompt or form asks for what would be thrown
// away.
func (m *Model) editKeys() []key.Binding {
	t, p := m.keys.Tree, m.keys.Posts
	// The details forms (e) still open: reading them is no change.
	return []key.Binding{t.AddChild, t.AddSibling, t.Rename, t.Delete, t.Paste, t.MoveUp, t.MoveDown, t.Outdent, t.Indent, t.MoveTo,
		p.Add, p.Holder, p.Candidate, p.RemoveCandidate, p.Readiness, p.Delete, p.MoveUp, p.MoveDown,
		m.keys.Global.Plan, m.keys.Global.Catalogues}
}

// refusesEdit reports (and says) that msg would start a change in a
// read-only editor.
func (m *Model) refusesEdit(msg tea.KeyPressMsg) bool {
	if m.readOnly == "" {
		return false
	}
	if m.focus == focusSide && !key.Matches(msg, m.keys.Global.Plan, m.keys.Global.Catalogues) {
		return false // enter on a side row goes somewhere, it does not edit
	}
	for _, b := range m.editKeys() {
		if matches(msg, b) {
			return m.refuseReadOnly()
		}
	}
	return false
}

// refuseReadOnly says why an edit is refused in a read-only editor.
func (m *Model) refuseReadOnly() bool {
	if m.readOnly == "" {
		return false
	}
	m.setError(m.readOnly)
	return true
}
