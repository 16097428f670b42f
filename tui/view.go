package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// View implements tea.Model.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "orgplan · " + clean(m.org.Name)
	return v
}

// render draws the whole screen as text.
func (m *Model) render() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.lay.tooSmall {
		return m.tooSmallView()
	}
	lines := make([]string, 0, m.height)
	lines = append(lines, m.titleLine())
	left := m.box("Organization", m.tree.view(&m.styles, m.lay.leftW-2, m.focus == focusTree, m.isMatch),
		m.lay.leftW, m.lay.treeH, m.focus == focusTree)
	sel := m.tree.selected()
	postsTitle := "Posts"
	if sel != nil {
		postsTitle = "Posts: " + clean(sel.Name)
	}
	left = append(left, m.box(postsTitle, m.posts.view(&m.styles, m.org, sel, m.lay.leftW-2, m.focus == focusPosts),
		m.lay.leftW, m.lay.postsH, m.focus == focusPosts)...)
	right := m.box(m.tabsTitle(m.lay.rightW-4), m.sideView(m.lay.rightW-2), m.lay.rightW, m.lay.bodyH, m.focus == focusSide)
	for i := 0; i < m.lay.bodyH; i++ {
		lines = append(lines, left[i]+right[i])
	}
	lines = append(lines, m.keyLine())
	screen := strings.Join(lines, "\n")
	switch m.mode {
	case modeHelp:
		return m.overlay(screen, m.helpView())
	case modeConfirmQuit:
		return m.overlay(screen, m.confirmQuitView())
	case modeForm:
		return m.overlay(screen, m.form.view(&m.styles))
	}
	return screen
}

func (m *Model) tooSmallView() string {
	msg := fmt.Sprintf("Terminal too small: %dx%d.\norgplan needs at least %dx%d.\nq quits.", m.width, m.height, minWidth, minHeight)
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		lines[i] = trunc(l, m.width)
	}
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, strings.Join(lines, "\n"))
}

// titleLine: plan name · file · modified · as of date, and the size on the
// right.
// The name gives way first, so that "modified" always shows.
func (m *Model) titleLine() string {
	sep := m.styles.TitleDim.Render(" · ")
	rest := []string{m.styles.TitleDim.Render(clean(m.fileLabel()))}
	if m.modified() {
		rest = append(rest, m.styles.Modified.Render("modified"))
	}
	if m.org.AsOf != "" {
		rest = append(rest, m.styles.TitleDim.Render("as of "+clean(m.org.AsOf)))
	}
	tail := sep + strings.Join(rest, sep)
	name := m.styles.Title.Render(trunc(clean(m.org.Name), max(m.width-ansiWidth(tail)-1, 12)))
	left := " " + name + tail
	right := m.styles.TitleDim.Render(fmt.Sprintf("%d units · %d members ", m.org.UnitCount(), len(m.org.Members)))
	if ansiWidth(left)+ansiWidth(right) > m.width {
		return fit(left, m.width)
	}
	return left + strings.Repeat(" ", m.width-ansiWidth(left)-ansiWidth(right)) + right
}

// tabsTitle draws the side panel's tabs into its top border; when they do
// not fit, the other tabs shrink to their numbers.
func (m *Model) tabsTitle(width int) string {
	labels := m.tabLabels(width)
	var b strings.Builder
	for i, l := range labels {
		if i > 0 {
			b.WriteString(" ")
		}
		if i == m.side.tab {
			b.WriteString(m.styles.TabOn.Render(" " + l + " "))
		} else {
			b.WriteString(m.styles.TabOff.Render(" " + l + " "))
		}
	}
	return b.String()
}

// tabLabels are the tab names as they fit in width.
func (m *Model) tabLabels(width int) []string {
	full := make([]string, len(tabNames))
	short := make([]string, len(tabNames))
	for i, n := range tabNames {
		full[i] = fmt.Sprintf("%d %s", i+1, n)
		short[i] = fmt.Sprintf("%d", i+1)
	}
	if ansiWidth(strings.Join(full, "   ")) > width {
		short[m.side.tab] = full[m.side.tab]
		return short
	}
	return full
}

// keyLine is the prompt when one is open, else the last message, else the
// short help of the focused pane.
func (m *Model) keyLine() string {
	switch {
	case m.mode == modePrompt && m.prompt != nil:
		return m.prompt.view(&m.styles, m.width)
	case m.status != "" && m.statErr:
		return fit(" "+m.styles.StatusErr.Render(clean(m.status)), m.width)
	case m.status != "":
		return fit(" "+m.styles.Status.Render(clean(m.status)), m.width)
	}
	return fit(" "+m.shortHelp(), m.width)
}

func (m *Model) shortHelp() string {
	var bs []key.Binding
	g := m.keys.Global
	switch m.focus {
	case focusTree:
		t := m.keys.Tree
		bs = []key.Binding{t.AddChild, t.Rename, t.Edit, t.Delete, g.Undo, g.Search, g.Focus, g.Help, g.Save, g.Quit}
	case focusPosts:
		p := m.keys.Posts
		bs = []key.Binding{p.Add, p.Edit, p.Holder, p.Candidate, p.RemoveCandidate, p.Delete, g.Undo, g.Focus, g.Help, g.Save, g.Quit}
	case focusSide:
		s := m.keys.Side
		bs = []key.Binding{s.Jump, g.Tabs[0], g.Focus, g.Help, g.Save, g.Quit}
	}
	parts := make([]string, 0, len(bs))
	for _, b := range bs {
		if !b.Enabled() {
			continue
		}
		h := b.Help()
		parts = append(parts, m.styles.Key.Render(h.Key)+" "+m.styles.Dim.Render(h.Desc))
	}
	return strings.Join(parts, m.styles.Dim.Render(" · "))
}

// overlay draws a dialog centered over the screen.
func (m *Model) overlay(screen, dialog string) string {
	w, h := lipgloss.Width(dialog), lipgloss.Height(dialog)
	x, y := max((m.width-w)/2, 0), max((m.height-h)/2, 0)
	return lipgloss.NewCompositor(
		lipgloss.NewLayer(screen),
		lipgloss.NewLayer(dialog).X(x).Y(y).Z(1),
	).Render()
}

func (m *Model) confirmQuitView() string {
	name := m.fileLabel()
	body := fmt.Sprintf("Save changes to %s before quitting?\n\n", clean(name)) +
		m.styles.Key.Render("s") + " save and quit   " +
		m.styles.Key.Render("d") + " discard and quit   " +
		m.styles.Key.Render("esc") + " cancel"
	return m.styles.Dialog.Render(body)
}

// helpView lists every key, from the key map.
func (m *Model) helpView() string {
	g, t, p, s := m.keys.Global, m.keys.Tree, m.keys.Posts, m.keys.Side
	cols := [][]key.Binding{
		{t.Up, t.Down, t.Left, t.Right, t.Toggle, t.Top, t.Bottom, t.PageUp, t.PageDown, t.ExpandAll, t.CollapseAll},
		{t.AddChild, t.AddSibling, t.Rename, t.Edit, t.Delete, t.Paste, t.MoveUp, t.MoveDown, t.Outdent, t.Indent},
		{p.Add, p.Edit, p.Holder, p.Candidate, p.RemoveCandidate, p.Delete, p.MoveUp, p.MoveDown, s.Jump, s.Mark},
		{g.Undo, g.Redo, g.Search, g.Next, g.Prev, g.Focus, g.FocusBack, g.Members, g.Export, g.Save, g.Help, g.Quit},
	}
	heads := []string{"Tree: move", "Tree: edit", "Posts · side panel", "Everywhere"}
	var blocks []string
	for i, col := range cols {
		lines := []string{m.styles.PaneTitle.Render(heads[i])}
		for _, b := range col {
			h := b.Help()
			lines = append(lines, m.styles.Key.Render(fmt.Sprintf("%-9s", h.Key))+" "+h.Desc)
		}
		blocks = append(blocks, strings.Join(lines, "\n"))
	}
	tabs := make([]string, len(tabNames))
	for i, n := range tabNames {
		tabs[i] = m.styles.Key.Render(fmt.Sprint(i+1)) + " " + n
	}
	legend := m.styles.Error.Render("!") + " a post is vacant   " + m.styles.Warning.Render("?") +
		" a post has no active candidate   † not active   ← candidates, first in line first"
	var body string
	if m.width >= 120 {
		body = lipgloss.JoinHorizontal(lipgloss.Top, padRight(blocks[0]), padRight(blocks[1]), padRight(blocks[2]), blocks[3])
	} else {
		body = lipgloss.JoinVertical(lipgloss.Left,
			lipgloss.JoinHorizontal(lipgloss.Top, padRight(blocks[0]), blocks[1]), "",
			lipgloss.JoinHorizontal(lipgloss.Top, padRight(blocks[2]), blocks[3]))
	}
	text := m.styles.Title.Render("orgplan keys") + "\n\n" + body + "\n\n" +
		"Side panel: " + strings.Join(tabs, "  ") + "\n" + legend + "\n\n" +
		m.styles.Dim.Render("any key closes this help")
	d := m.styles.Dialog.Render(text)
	if lipgloss.Width(d) > m.width || lipgloss.Height(d) > m.height {
		// A small terminal gets the help cut to fit rather than a broken frame.
		ls := strings.Split(d, "\n")
		if len(ls) > m.height {
			ls = ls[:m.height]
		}
		for i := range ls {
			ls[i] = trunc(ls[i], m.width)
		}
		d = strings.Join(ls, "\n")
	}
	return d
}

func padRight(s string) string { return lipgloss.NewStyle().PaddingRight(3).Render(s) }
