package tui

import tea "charm.land/bubbletea/v2"

// click selects what is under the pointer: a tree row (a second click on
// the cursor row folds or unfolds it), a post, a side panel tab or row.
func (m *Model) click(ms tea.Mouse) tea.Cmd {
	if m.mode != modeNormal || m.lay.tooSmall || ms.Button != tea.MouseLeft {
		return nil
	}
	x, y := ms.X, ms.Y
	l := m.lay
	switch {
	case y < 1 || y > l.bodyH:
		return nil
	case x < l.leftW && y < 1+l.treeH:
		m.focus = focusTree
		if i := m.tree.rowAt(y - 2); i >= 0 {
			if i == m.tree.cursor {
				m.tree.toggle()
			} else {
				m.tree.setCursor(i)
				m.posts.cursor = 0
			}
		}
	case x < l.leftW:
		m.focus = focusPosts
		if row := y - 2 - l.treeH; row >= 0 {
			m.posts.cursor = m.posts.offset + row
			if u := m.tree.selected(); u != nil {
				m.posts.clamp(len(u.Posts))
			}
		}
	default:
		m.focus = focusSide
		if y == 1 {
			m.showTab(m.tabAt(x - l.leftW))
			return nil
		}
		m.sideClick(y - 2)
	}
	return nil
}

// tabAt maps a column in the side panel's top border to a tab, or -1. The
// title starts after "┌─ ".
func (m *Model) tabAt(x int) int {
	for i, sp := range m.tabLayout(m.lay.rightW - 5) {
		if x >= 3+sp.x && x < 3+sp.x+sp.w {
			return i
		}
	}
	return -1
}

// wheel scrolls the pane under the pointer by moving its cursor.
func (m *Model) wheel(ms tea.Mouse) {
	if m.mode != modeNormal || m.lay.tooSmall {
		return
	}
	d := 0
	switch ms.Button {
	case tea.MouseWheelUp:
		d = -3
	case tea.MouseWheelDown:
		d = 3
	default:
		return
	}
	l := m.lay
	switch {
	case ms.X < l.leftW && ms.Y < 1+l.treeH:
		m.tree.move(d)
	case ms.X < l.leftW:
		if u := m.tree.selected(); u != nil {
			m.posts.cursor += d / 3
			m.posts.clamp(len(u.Posts))
		}
	default:
		m.sideScroll(d)
	}
}
