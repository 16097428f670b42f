package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
)

// Tab 7, Conflicts: what a merge left to decide, two lines each (where,
// then what). enter asks which version to take — ours, theirs or base —
// and takes it as one undoable change that also takes the conflict off
// the list. The tab is in the border while there are conflicts, and the
// editor opens on it when a plan has some.

// showConflicts makes the rows.
func (m *Model) showConflicts() {
	s := &m.side
	cs := m.org.Conflicts
	s.rows[tabConflicts], s.pinned[tabConflicts] = nil, nil
	if len(cs) == 0 {
		return
	}
	s.pinned[tabConflicts] = []sideRow{m.header(fmt.Sprintf("%s · enter decides one", count(len(cs), "merge conflict")))}
	rows := make([]sideRow, 0, 2*len(cs))
	for i, c := range cs {
		where := c.Path
		if c.Field != "" {
			where += " · " + c.Field
		}
		rows = append(rows,
			sideRow{conflict: i + 1, cols: []col{{text: "✖", style: &m.styles.Error, w: 2}, {text: clean(where), tail: true}}},
			sideRow{header: true, cols: []col{{text: "", w: 2}, {text: clean(c.Message(m.org)), style: &m.styles.Dim}}})
	}
	s.rows[tabConflicts] = rows
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// decideConflict asks which version of conflict i to take.
func (m *Model) decideConflict(i int) {
	if i < 0 || i >= len(m.org.Conflicts) {
		return
	}
	c := m.org.Conflicts[i]
	where := c.Path
	if c.Field != "" {
		where += " · " + c.Field
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Conflict %d of %d: %s\n%s\n%s\n", i+1, len(m.org.Conflicts), c.Kind, where, c.Message(m.org))
	for _, v := range []struct {
		name string
		side model.Side
	}{{"ours", c.Ours}, {"theirs", c.Theirs}, {"base", c.Base}} {
		fmt.Fprintf(&b, "\n%-7s %s", v.name, c.Version(m.org, v.side))
	}
	d := m.keys.Dialog
	m.push(newChoice(b.String(),
		answer{model.TakeOurs, d.TakeOurs}, answer{model.TakeTheirs, d.TakeTheirs},
		answer{model.TakeBase, d.TakeBase}, answer{"goto", d.GoTo}, answer{"", d.Later}),
		func(r dialogResult) tea.Cmd {
			switch r.value {
			case "":
			case "goto":
				m.goToRecord(c.Key)
			default:
				m.takeVersion(i, r.value, where)
			}
			return nil
		})
}

// takeVersion settles conflict i to one version and says what is left.
func (m *Model) takeVersion(i int, take, where string) {
	if !m.apply(model.Resolve{Index: i, Take: take}, "") {
		return
	}
	if n := len(m.org.Conflicts); n > 0 {
		m.setStatus(fmt.Sprintf("%s left · took %s for %s", count(n, "conflict"), take, where))
		return
	}
	m.setStatus(fmt.Sprintf("every conflict decided: save to finish · took %s for %s", take, where))
}

// goToRecord shows the unit, post or member a conflict is about.
func (m *Model) goToRecord(k model.RecordKey) {
	switch {
	case k.Kind == model.RecPost && m.org.Post(k.ID) != nil:
		m.jumpToPost(k.ID)
	case k.Kind == model.RecUnit && m.org.Unit(k.ID) != nil:
		if m.tree.reveal(k.ID) {
			m.focus = focusTree
		}
	case k.Kind == model.RecMember && m.org.Member(k.ID) != nil:
		m.showMember(k.ID)
		m.showTab(tabMember)
	case k.Kind == model.RecPost || k.Kind == model.RecUnit || k.Kind == model.RecMember:
		m.setStatus("it is not in the plan as it is now")
	default:
		m.setStatus("it is in the catalogues: P and the details forms show them")
	}
}

// openOnConflicts shows the Conflicts tab when the plan has some.
func (m *Model) openOnConflicts() {
	if n := len(m.org.Conflicts); n > 0 {
		m.showTab(tabConflicts)
		m.focus = focusSide
		m.setStatus(fmt.Sprintf("%s from a merge: enter decides one", count(n, "conflict")))
	}
}
