package tui

import (
	tea "charm.land/bubbletea/v2"
)

// y copies what the focused pane has selected — a unit's path, a post's
// path, a member's alias (never a real name) — to the terminal's
// clipboard by OSC 52, which reaches the user's own machine over SSH and
// through tmux (where set-clipboard allows it).
func (m *Model) copySelection() tea.Cmd {
	var text, what string
	u := m.tree.selected()
	switch {
	case m.focus == focusPosts && u != nil && m.posts.selected(u) != nil:
		text, what = m.org.PostPathString(m.posts.selected(u)), "the post's path"
	case m.focus == focusSide && m.side.tab == tabMember && m.org.Member(m.side.member) != nil:
		text, what = m.org.MemberLabel(m.side.member), "the alias"
	case u != nil:
		text, what = m.org.PathString(u), "the unit's path"
	default:
		m.setStatus("nothing selected to copy")
		return nil
	}
	text = clean(text)
	m.setStatus("copied " + what + ": " + text)
	return tea.SetClipboard(text)
}
