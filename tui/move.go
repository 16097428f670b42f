package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
)

// Move to… (M): a fuzzy picker over the paths of every unit the selected
// one may go to (its own subtree is not offered), then "as a sub-unit" or
// "after it"; one undoable move, named by both places.

func (m *Model) moveTo() tea.Cmd {
	u := m.tree.selected()
	if u == nil {
		m.setStatus("no unit to move: a adds one")
		return nil
	}
	if m.refuseReadOnly() {
		return nil
	}
	inside := map[*model.Unit]bool{}
	model.WalkUnit(u, func(x *model.Unit) bool { inside[x] = true; return true })
	var items []pickItem
	m.org.Walk(func(x *model.Unit) bool {
		if inside[x] {
			return false // not into itself, nor under what is under it
		}
		items = append(items, pickItem{id: x.ID, label: clean(m.org.PathString(x))})
		return true
	})
	special := []pickItem{}
	if u.Parent() != nil {
		special = append(special, pickItem{id: pickNobody, label: "the top level"})
	}
	id, name := u.ID, u.Name
	return m.openPicker(newPicker("Move "+quoteName(name)+" to", special, items, pickerRows(m.height), func(it pickItem) tea.Cmd {
		if it.id == pickNobody {
			m.move(id, "", -1, "to the top level")
			return nil
		}
		target := m.org.Unit(it.id)
		if target == nil {
			return nil
		}
		d := m.keys.Dialog
		m.push(newChoice("Move "+quoteName(name)+" to "+quoteName(target.Name)+":",
			answer{"under", d.AsSubUnit}, answer{"after", d.After}, answer{"", d.Cancel}),
			func(r dialogResult) tea.Cmd {
				switch r.value {
				case "under":
					m.move(id, target.ID, -1, "under "+quoteName(target.Name))
				case "after":
					m.moveAfter(id, target)
				}
				return nil
			})
		return nil
	}))
}

// moveAfter puts unit id right after target, among target's siblings.
func (m *Model) moveAfter(id string, target *model.Unit) {
	u := m.org.Unit(id)
	parent := ""
	if p := target.Parent(); p != nil {
		parent = p.ID
	}
	at := m.org.IndexOf(target) + 1
	if u.Parent() == target.Parent() && m.org.IndexOf(u) < m.org.IndexOf(target) {
		at-- // it leaves its place before the target first
	}
	m.move(id, parent, at, "after "+quoteName(target.Name))
}

func (m *Model) move(id, parent string, at int, where string) {
	u := m.org.Unit(id)
	from := "the top level"
	if p := u.Parent(); p != nil {
		from = quoteName(p.Name)
	}
	name := u.Name
	if m.apply(model.MoveUnit{ID: id, Parent: parent, Index: at}, id) {
		m.setStatus("moved " + quoteName(name) + " from " + from + " " + where + " · u undoes")
	}
}
