package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
)

// sidePanel is the right-hand column: five tabs over the plan.
type sidePanel struct {
	tab    int
	height int
	cursor [len(tabNames)]int
}

func newSidePanel() sidePanel { return sidePanel{} }

// refresh recomputes the panels' data; it runs after a change to the plan,
// never on a cursor move.
func (s *sidePanel) refresh(o *model.Org) {}

func (m *Model) sideView(width int) []string {
	return []string{m.styles.Dim.Render(fit(tabNames[m.side.tab]+": not built yet.", width))}
}

func (m *Model) sideKey(msg tea.KeyPressMsg) tea.Cmd { return nil }

func (m *Model) sideClick(row int) {}

func (m *Model) sideScroll(d int) {}

func (m *Model) postsKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Posts
	u := m.tree.selected()
	n := 0
	if u != nil {
		n = len(u.Posts)
	}
	switch {
	case matches(msg, k.Up):
		m.posts.cursor--
	case matches(msg, k.Down):
		m.posts.cursor++
	}
	m.posts.clamp(n)
	return nil
}
