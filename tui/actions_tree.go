package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
)

func matches(msg tea.KeyPressMsg, b key.Binding) bool { return key.Matches(msg, b) }

func textinputBlink() tea.Cmd { return textinput.Blink }

// treeKey handles keys when the tree has the focus.
func (m *Model) treeKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Tree
	t := &m.tree
	before := t.selected()
	switch {
	case matches(msg, k.Up):
		t.move(-1)
	case matches(msg, k.Down):
		t.move(1)
	case matches(msg, k.Left):
		t.left()
	case matches(msg, k.Right):
		t.right()
	case matches(msg, k.Toggle):
		t.toggle()
	case matches(msg, k.Top):
		t.top()
	case matches(msg, k.Bottom):
		t.bottom()
	case matches(msg, k.PageUp):
		t.move(-max(t.height-1, 1))
	case matches(msg, k.PageDown):
		t.move(max(t.height-1, 1))
	case matches(msg, k.ExpandAll):
		t.expandAll()
	case matches(msg, k.CollapseAll):
		t.collapseAll()
	case matches(msg, k.NoCandidateMarks):
		t.noCandidateMarks, t.drawn = !t.noCandidateMarks, nil
		if t.noCandidateMarks {
			m.setStatus(noCandidateMark + " marks units with a post no one is ready to step into · C hides them")
		} else {
			m.setStatus("the tree marks vacant posts only · C shows " + noCandidateMark + " for posts with no candidate")
		}
	case matches(msg, k.AddChild):
		m.addUnit(true)
	case matches(msg, k.AddSibling):
		m.addUnit(false)
	case matches(msg, k.Rename):
		m.renameUnit()
	case matches(msg, k.Edit):
		return m.editDetails()
	case matches(msg, k.Delete):
		m.deleteUnit()
	case matches(msg, k.Paste):
		m.paste()
	case matches(msg, k.MoveUp):
		m.moveAmongSiblings(-1)
	case matches(msg, k.MoveDown):
		m.moveAmongSiblings(1)
	case matches(msg, k.Outdent):
		m.outdent()
	case matches(msg, k.Indent):
		m.indent()
	case matches(msg, k.MoveTo):
		return m.moveTo()
	default:
		return nil
	}
	if m.tree.selected() != before {
		m.posts.cursor, m.posts.offset, m.posts.cand = 0, 0, -1
	}
	return nil
}

func (m *Model) parentID(u *model.Unit) string {
	if u == nil || u.Parent() == nil {
		return ""
	}
	return u.Parent().ID
}

// addUnit asks for a name and adds a unit under the selection (child) or
// after it (sibling). Nothing is added until Enter.
func (m *Model) addUnit(child bool) {
	sel := m.tree.selected()
	parent, index, label := "", -1, "New top-level unit:"
	switch {
	case sel != nil && child:
		parent, label = sel.ID, "New unit under "+quoteName(sel.Name)+":"
	case sel != nil:
		parent, index = m.parentID(sel), m.org.IndexOf(sel)+1
		label = "New unit after " + quoteName(sel.Name) + ":"
	}
	m.openPrompt(label, "", func(name string) tea.Cmd {
		if name == "" {
			m.setStatus("no name given; nothing added")
			return nil
		}
		id := m.org.NewID('u')
		if m.apply(model.AddUnit{Parent: parent, Index: index, Unit: &model.Unit{ID: id, Name: name}}, id) {
			m.tree.openUnder(parent, id)
			m.setStatus("added " + quoteName(name) + " · r renames · e edits details · u undoes")
		}
		return nil
	})
}

func (m *Model) renameUnit() {
	sel := m.tree.selected()
	if sel == nil {
		m.setStatus("no unit to rename; a adds one")
		return
	}
	id := sel.ID
	m.openPrompt("Rename "+quoteName(sel.Name)+" to:", sel.Name, func(name string) tea.Cmd {
		switch u := m.org.Unit(id); {
		case name == "":
			m.setStatus("a unit needs a name; not renamed")
		case u == nil:
			m.setError("the unit is gone")
		case name == u.Name:
			m.setStatus("name unchanged")
		default:
			if m.apply(model.RenameUnit{ID: id, Name: name}, id) {
				m.setStatus("renamed to " + quoteName(name))
			}
		}
		return nil
	})
}

// deleteUnit cuts the selected unit (p pastes it back). A unit with
// sub-units, or with people in its posts, is deleted only after a
// question that says how much goes.
func (m *Model) deleteUnit() {
	sel := m.tree.selected()
	if sel == nil {
		m.setStatus("nothing to delete")
		return
	}
	subs, posts, held := -1, 0, 0
	model.WalkUnit(sel, func(u *model.Unit) bool {
		subs++
		posts += len(u.Posts)
		for _, p := range u.Posts {
			if p.Holder != "" {
				held++
			}
		}
		return true
	})
	if subs == 0 && held == 0 {
		m.cutUnit(sel)
		return
	}
	var parts []string
	if subs > 0 {
		parts = append(parts, fmt.Sprintf("%d sub-unit%s", subs, plural(subs)))
	}
	if posts > 0 {
		parts = append(parts, fmt.Sprintf("%d post%s (%d held)", posts, plural(posts), held))
	}
	id := sel.ID
	m.push(yesNo("Delete "+quoteName(sel.Name)+" with "+strings.Join(parts, " and ")+"?\n"+
		"p pastes it back, u undoes."), func(res dialogResult) tea.Cmd {
		if res.canceled {
			m.setStatus("kept")
		} else if u := m.org.Unit(id); u != nil {
			m.cutUnit(u)
		}
		return nil
	})
}

// cutUnit deletes a unit and keeps it for p.
func (m *Model) cutUnit(sel *model.Unit) {
	clip := model.CloneUnit(sel)
	cursor := m.tree.cursor
	if !m.apply(model.DeleteUnit{ID: sel.ID}, "") {
		return
	}
	m.clip, m.clipPasted = clip, false
	m.tree.setCursor(cursor)
	m.setStatus(m.hist.LastLabel() + " · p pastes it · u undoes")
}

// paste puts the last cut unit under the selection: the first paste
// moves it back with its ids and people; a second asks first, and makes a
// copy with new ids and no people (one person holds one post).
func (m *Model) paste() {
	if m.clip == nil {
		m.setStatus("nothing to paste: d cuts a unit first")
		return
	}
	parent := ""
	if sel := m.tree.selected(); sel != nil {
		parent = sel.ID
	}
	if !m.clipPasted {
		m.pasteUnit(m.clip, parent, "pasted "+quoteName(m.clip.Name)+" · u undoes")
		m.clipPasted = true
		return
	}
	clip := m.clip
	m.push(yesNo("«"+clean(clip.Name)+"» is pasted already. Paste a copy, with new ids and every post vacant?"),
		func(r dialogResult) tea.Cmd {
			if r.value == "yes" {
				m.pasteUnit(model.WithoutPeople(clip), parent, "pasted a copy of "+quoteName(clip.Name)+": new ids, its posts vacant · u undoes")
			}
			return nil
		})
}

func (m *Model) pasteUnit(clip *model.Unit, parent, done string) {
	op := m.org.PasteUnit(clip, parent, -1)
	id := op.(model.AddUnit).Unit.ID
	if m.apply(op, id) {
		m.tree.openUnder(parent, id)
		m.setStatus(done)
	}
}

func (m *Model) moveAmongSiblings(delta int) {
	sel := m.tree.selected()
	if sel == nil {
		return
	}
	i := m.org.IndexOf(sel) + delta
	if i < 0 || i >= len(m.org.Siblings(sel)) {
		m.setStatus("already " + map[bool]string{true: "first", false: "last"}[delta < 0] + " among its siblings")
		return
	}
	if m.apply(model.MoveUnit{ID: sel.ID, Parent: m.parentID(sel), Index: i}, sel.ID) {
		m.setStatus("moved " + quoteName(sel.Name) + " " + map[bool]string{true: "up", false: "down"}[delta < 0] + " · u undoes")
	}
}

// outdent makes the unit a sibling of its parent, just after it.
func (m *Model) outdent() {
	sel := m.tree.selected()
	if sel == nil || sel.Parent() == nil {
		m.setStatus("a top-level unit cannot move further out")
		return
	}
	p := sel.Parent()
	if m.apply(model.MoveUnit{ID: sel.ID, Parent: m.parentID(p), Index: m.org.IndexOf(p) + 1}, sel.ID) {
		m.setStatus("moved " + quoteName(sel.Name) + " out, after " + quoteName(p.Name) + " · u undoes")
	}
}

// indent makes the unit the last child of the sibling above it.
func (m *Model) indent() {
	sel := m.tree.selected()
	if sel == nil {
		return
	}
	i := m.org.IndexOf(sel)
	if i == 0 {
		m.setStatus("no unit above to move under")
		return
	}
	above := m.org.Siblings(sel)[i-1]
	if m.apply(model.MoveUnit{ID: sel.ID, Parent: above.ID, Index: -1}, sel.ID) {
		m.tree.openUnder(above.ID, sel.ID)
		m.setStatus("moved " + quoteName(sel.Name) + " under " + quoteName(above.Name) + " · u undoes")
	}
}

func quoteName(s string) string { return "«" + trunc(clean(s), 40) + "»" }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
